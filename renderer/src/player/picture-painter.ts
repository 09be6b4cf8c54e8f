// Turns a decoded VideoFrame into an upright ImageBitmap of the cache's picture size.
//
// Drawing a VideoFrame onto a canvas is slow without a GPU (Chromium converts and scales it in
// software: about 13 ms for a 1080p frame), while VideoFrame.copyTo with an RGBA format uses the
// fast converter (about 2 ms) and canvas-to-canvas drawing is cheap. So the frame's visible pixels
// are copied out as RGBA, put on a staging canvas, and drawn rotated and scaled from there (about
// 5 ms in all). Where copyTo cannot convert (older engines), the frame is drawn directly.
import { drawUpright, type Orientation, type PictureSize } from './frame-cache-plan.ts';

interface Staging {
  readonly canvas: OffscreenCanvas;
  readonly context: OffscreenCanvasRenderingContext2D;
  readonly rgba: Uint8ClampedArray<ArrayBuffer>;
}

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d', { alpha: false });
  if (!context) throw new Error('no 2D canvas context for painting decoded frames');
  return context;
}

export class PicturePainter {
  readonly #orientation: Orientation;
  readonly #size: PictureSize;
  readonly #canvas: OffscreenCanvas;
  readonly #context: OffscreenCanvasRenderingContext2D;
  #staging: Staging | null = null;
  #copiesRgba = true;

  constructor(orientation: Orientation, size: PictureSize) {
    this.#orientation = orientation;
    this.#size = size;
    this.#canvas = new OffscreenCanvas(size.width, size.height);
    this.#context = context2d(this.#canvas);
  }

  /** The frame upright at the picture size. Does not close the frame; one paint at a time. */
  async paint(frame: VideoFrame): Promise<ImageBitmap> {
    const rect = frame.visibleRect;
    if (this.#copiesRgba && rect) {
      const staging = this.#stagingFor(rect.width, rect.height);
      try {
        await frame.copyTo(staging.rgba, { format: 'RGBA', colorSpace: 'srgb' });
      } catch (error) {
        if (!(error instanceof TypeError) && !(error instanceof DOMException && error.name === 'NotSupportedError')) throw error;
        this.#copiesRgba = false;
        return this.#drawn(frame);
      }
      staging.context.putImageData(new ImageData(staging.rgba, rect.width, rect.height), 0, 0);
      const upright = this.#orientation.rotation === 0 && !this.#orientation.flip;
      if (upright && rect.width === this.#size.width && rect.height === this.#size.height) return staging.canvas.transferToImageBitmap();
      return this.#drawn(staging.canvas);
    }
    return this.#drawn(frame);
  }

  #drawn(source: CanvasImageSource): ImageBitmap {
    drawUpright(this.#context, source, this.#orientation, this.#size);
    return this.#canvas.transferToImageBitmap();
  }

  #stagingFor(width: number, height: number): Staging {
    const staging = this.#staging;
    if (staging && staging.canvas.width === width && staging.canvas.height === height) return staging;
    const canvas = new OffscreenCanvas(width, height);
    this.#staging = { canvas, context: context2d(canvas), rgba: new Uint8ClampedArray(width * height * 4) };
    return this.#staging;
  }
}
