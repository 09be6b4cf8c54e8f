// The live preview of redaction: the masks of the frame on screen painted over the picture on a
// canvas of its own, the way the export renders them (the rules are in shared/tracks/masks.ts),
// from the picture the reviewer sees: the <video> while it plays, the canvas of decoded pictures
// while stepping.
//
// fill: the shape in solid black. pixelate: the blocks' area drawn into a canvas of one pixel
// per block with smoothing (a mipmapped downscale, close to each block's mean), then scaled back
// up without smoothing; blocks cut short by the picture's edge are drawn on their own, so every
// block keeps the place and size the export gives it. blur: the picture around the box drawn
// through a canvas blur filter of the export's radius, over black, so that near the picture's
// edge (where the filter sees transparency) the mask darkens rather than lets the picture through.
// Every method is clipped to the mask's shape.
import type { Box } from '../../../shared/tracks/interpolation.ts';
import { blurRadius, pixelationGrid, type Mask, type PictureSize } from '../../../shared/tracks/masks.ts';
import { fitToDisplay } from './canvas-size.ts';

/** A picture to paint masks from. */
export interface PictureImage {
  image: CanvasImageSource;
  /** Where the upright picture lies in the image, in the image's pixels. */
  rect: Box;
}

/**
 * Where a picture lies when fitted into a box with its aspect ratio kept (object-fit: contain),
 * in whole pixels as the browser places the video (and the frame controller its pictures).
 */
export function containedRect(outer: PictureSize, picture: PictureSize): Box {
  const scale = Math.min(outer.width / picture.width, outer.height / picture.height);
  const width = Math.round(picture.width * scale);
  const height = Math.round(picture.height * scale);
  return { x: Math.round((outer.width - width) / 2), y: Math.round((outer.height - height) / 2), width, height };
}

/** Maps boxes in source pixels of the picture into the rectangle the picture fills. */
function mapping(picture: PictureSize, rect: Box): (box: Box) => Box {
  const scaleX = rect.width / picture.width;
  const scaleY = rect.height / picture.height;
  return (box) => ({ x: rect.x + box.x * scaleX, y: rect.y + box.y * scaleY, width: box.width * scaleX, height: box.height * scaleY });
}

/** Blocks along one axis that share a block size: `count` blocks from block `first`, covering `length` source pixels from `start`. */
interface BlockRun {
  start: number;
  length: number;
  first: number;
  count: number;
}

/** The whole blocks of an area along one axis, then the one cut short by the picture's edge. */
function blockRuns(start: number, length: number, blockSize: number): BlockRun[] {
  const whole = Math.floor(length / blockSize);
  const rest = length - whole * blockSize;
  const runs: BlockRun[] = [];
  if (whole > 0) runs.push({ start, length: whole * blockSize, first: 0, count: whole });
  if (rest > 0) runs.push({ start: start + whole * blockSize, length: rest, first: whole, count: 1 });
  return runs;
}

/** What masks are painted from and onto: the picture's size, and where its source pixels lie in the image and on screen. */
interface Scene {
  picture: PictureSize;
  image: CanvasImageSource;
  toImage: (box: Box) => Box;
  toScreen: (box: Box) => Box;
}

function traceShape(context: CanvasRenderingContext2D, shape: Mask['shape'], box: Box): void {
  context.beginPath();
  if (shape === 'ellipse') context.ellipse(box.x + box.width / 2, box.y + box.height / 2, box.width / 2, box.height / 2, 0, 0, 2 * Math.PI);
  else context.rect(box.x, box.y, box.width, box.height);
}

export class MaskPainter {
  readonly #canvas: HTMLCanvasElement;
  /** One pixel per pixelation block. */
  readonly #blocks = new OffscreenCanvas(1, 1);

  constructor(canvas: HTMLCanvasElement) {
    this.#canvas = canvas;
  }

  /** Paints the masks (later ones on top) over the picture, in place of what the canvas showed. */
  paint(masks: readonly Mask[], picture: PictureSize, from: PictureImage): void {
    const context = this.#cleared();
    if (!context || masks.length === 0) return;
    const scene: Scene = {
      picture,
      image: from.image,
      toImage: mapping(picture, from.rect),
      toScreen: mapping(picture, containedRect(this.#canvas, picture)),
    };
    for (const mask of masks) {
      context.save();
      traceShape(context, mask.shape, scene.toScreen(mask.box));
      context.clip();
      // Black first: whatever the methods below cannot draw stays hidden.
      context.fillStyle = '#000';
      context.fill();
      if (mask.method === 'pixelate') this.#pixelate(context, mask, scene);
      else if (mask.method === 'blur') blur(context, mask, scene);
      context.restore();
    }
  }

  /** Shows no masks. */
  clear(): void {
    this.#cleared();
  }

  /** The canvas at the size it is shown in device pixels, emptied. */
  #cleared(): CanvasRenderingContext2D | null {
    const canvas = this.#canvas;
    const { width, height } = fitToDisplay(canvas);
    const context = canvas.getContext('2d');
    context?.clearRect(0, 0, width, height);
    return context;
  }

  #pixelate(context: CanvasRenderingContext2D, mask: Mask, { picture, image, toImage, toScreen }: Scene): void {
    const grid = pixelationGrid(mask.box, mask.blockSize, picture);
    const blocks = this.#blocks;
    if (blocks.width !== grid.columns || blocks.height !== grid.rows) {
      blocks.width = grid.columns;
      blocks.height = grid.rows;
    }
    const averages = blocks.getContext('2d');
    if (!averages) return;
    // Emptied: blocks the picture cannot fill stay transparent over the black, not another mask's.
    averages.clearRect(0, 0, grid.columns, grid.rows);
    averages.imageSmoothingEnabled = true;
    averages.imageSmoothingQuality = 'high';
    const runs = blockRuns(grid.area.y, grid.area.height, grid.blockSize).flatMap((row) =>
      blockRuns(grid.area.x, grid.area.width, grid.blockSize).map((column) => ({
        area: { x: column.start, y: row.start, width: column.length, height: row.length },
        cells: { x: column.first, y: row.first, width: column.count, height: row.count },
      })),
    );
    for (const { area, cells } of runs) drawBox(averages, image, toImage(area), cells);
    context.imageSmoothingEnabled = false;
    for (const { area, cells } of runs) drawBox(context, blocks, cells, toScreen(area));
  }
}

/** The picture around the box through a Gaussian blur of the export's radius, scaled to the screen. */
function blur(context: CanvasRenderingContext2D, mask: Mask, { picture, image, toImage, toScreen }: Scene): void {
  const radius = blurRadius(mask.box);
  // Three standard deviations: all of the picture that noticeably takes part in the blur.
  const reach = Math.ceil(3 * radius);
  const left = Math.max(0, mask.box.x - reach);
  const top = Math.max(0, mask.box.y - reach);
  const around = {
    x: left,
    y: top,
    width: Math.min(picture.width, mask.box.x + mask.box.width + reach) - left,
    height: Math.min(picture.height, mask.box.y + mask.box.height + reach) - top,
  };
  context.filter = `blur(${toScreen(around).width / around.width * radius}px)`;
  drawBox(context, image, toImage(around), toScreen(around));
}

function drawBox(context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, image: CanvasImageSource, from: Box, to: Box): void {
  context.drawImage(image, from.x, from.y, from.width, from.height, to.x, to.y, to.width, to.height);
}
