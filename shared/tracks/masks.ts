// The masks a frame gets: the one rendering geometry of redaction, shared by the player's live
// preview and the export renderer, so that what the reviewer checks is what leaves the station.
// Everything is in whole source pixels of the upright picture. A track's interpolated box is
// rounded outward (a mask may hide a pixel more, never one less) and cut at the picture's edges.
// Later tracks are drawn on top of earlier ones.
import type { TrackProperties } from '../api/annotations.ts';
import { boxAt, type Box, type Keyframe } from './interpolation.ts';

export interface PictureSize {
  width: number;
  height: number;
}

/** What a mask needs of a redaction track (a stored Track has all of it). */
export interface MaskedTrack extends Pick<TrackProperties, 'shape' | 'method' | 'blockSize'> {
  id: number;
  keyframes: readonly Keyframe[];
}

/** One track's mask on one frame. */
export interface Mask {
  trackId: number;
  shape: TrackProperties['shape'];
  method: TrackProperties['method'];
  blockSize: number;
  /** Whole source pixels, inside the picture, never empty. */
  box: Box;
}

/** The box in whole pixels: left and top floored, right and bottom ceiled, cut to the picture; null when nothing is left. */
function pixelBox(box: Box, picture: PictureSize): Box | null {
  const left = Math.max(0, Math.floor(box.x));
  const top = Math.max(0, Math.floor(box.y));
  const right = Math.min(picture.width, Math.ceil(box.x + box.width));
  const bottom = Math.min(picture.height, Math.ceil(box.y + box.height));
  // Negated so that a NaN edge also counts as empty.
  if (!(right > left && bottom > top)) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The track's mask on a frame, or null where the track is hidden or lies outside the picture. */
export function maskAt(track: MaskedTrack, frame: number, picture: PictureSize): Mask | null {
  const shown = boxAt(track.keyframes, frame);
  const box = shown && pixelBox(shown, picture);
  if (!box) return null;
  return { trackId: track.id, shape: track.shape, method: track.method, blockSize: track.blockSize, box };
}

/** The masks of a frame in the tracks' order: later masks are drawn over earlier ones. */
export function masksAt(tracks: readonly MaskedTrack[], frame: number, picture: PictureSize): Mask[] {
  const masks: Mask[] = [];
  for (const track of tracks) {
    const mask = maskAt(track, frame, picture);
    if (mask) masks.push(mask);
  }
  return masks;
}

/**
 * Whether the mask hides the source pixel at (column, row): every pixel of a rectangle's box; for
 * an ellipse, the pixels whose centre lies inside the ellipse inscribed in the box.
 */
export function maskCovers(mask: Pick<Mask, 'shape' | 'box'>, column: number, row: number): boolean {
  const { x, y, width, height } = mask.box;
  if (column < x || row < y || column >= x + width || row >= y + height) return false;
  if (mask.shape === 'rectangle') return true;
  const dx = (column + 0.5 - (x + width / 2)) / (width / 2);
  const dy = (row + 0.5 - (y + height / 2)) / (height / 2);
  return dx * dx + dy * dy <= 1;
}

/**
 * Pixelation: blocks of blockSize × blockSize source pixels, aligned to the mask box's top-left
 * corner, each filled with the mean colour of its pixels inside the picture, shown where the mask
 * covers. The last column and row of blocks reach past the box (up to the picture's edge) rather
 * than being cut at it: a sliver of a block one pixel wide would be the raw picture in all but name.
 */
export interface PixelationGrid {
  /** The source pixels the blocks average: the box grown right and down to whole blocks, cut at the picture's edge. */
  area: Box;
  columns: number;
  rows: number;
  blockSize: number;
}

export function pixelationGrid(box: Box, blockSize: number, picture: PictureSize): PixelationGrid {
  const columns = Math.ceil(box.width / blockSize);
  const rows = Math.ceil(box.height / blockSize);
  const area = {
    x: box.x,
    y: box.y,
    width: Math.min(columns * blockSize, picture.width - box.x),
    height: Math.min(rows * blockSize, picture.height - box.y),
  };
  return { area, columns, rows, blockSize };
}

/** The source pixels block (column, row) of a grid averages. */
export function pixelationBlock(grid: PixelationGrid, column: number, row: number): Box {
  const { area, blockSize } = grid;
  const x = area.x + column * blockSize;
  const y = area.y + row * blockSize;
  return { x, y, width: Math.min(blockSize, area.x + area.width - x), height: Math.min(blockSize, area.y + area.height - y) };
}

/** The smallest blur radius, in source pixels. */
export const BLUR_RADIUS_MIN = 8;
/** The blur radius as a share of the box's shorter side. */
export const BLUR_RADIUS_SHARE = 0.1;

/**
 * Blur: the picture under the mask blurred by a Gaussian whose standard deviation (CSS blur(),
 * ffmpeg gblur's sigma) is max(8, 0.1 × the box's shorter side) source pixels, so that a larger
 * face is blurred as strongly as a smaller one is. Pixels around the box take part in the blur;
 * the result is shown where the mask covers.
 */
export function blurRadius(box: Box): number {
  return Math.max(BLUR_RADIUS_MIN, BLUR_RADIUS_SHARE * Math.min(box.width, box.height));
}
