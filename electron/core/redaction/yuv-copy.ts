// Copying pictures between raw yuv420p frames: an area from one frame to another of the same size
// (the keep areas of a whole-picture pixelation), and the top-left part of a larger frame (a copy
// encoded with a padding row or column, cut back to the original's picture).
import type { Box } from '../../../shared/tracks/interpolation.ts';
import type { PictureSize } from '../../../shared/tracks/masks.ts';
import { planesOf, yuvFrameBytes, type Plane, type YuvFrame } from './yuv-frame.ts';

function copyRows(from: Plane, to: Plane, x: number, y: number, width: number, height: number): void {
  for (let row = y; row < y + height; row++) {
    const start = row * from.width + x;
    to.data.set(from.data.subarray(start, start + width), row * to.width + x);
  }
}

/** Copies the whole pixels of `area` (and the chroma samples touching them) from one frame to another of the same size. */
export function copyArea(from: YuvFrame, to: YuvFrame, area: Box): void {
  if (from.width !== to.width || from.height !== to.height) throw new RangeError('copyArea needs frames of the same size');
  const left = Math.max(0, Math.floor(area.x));
  const top = Math.max(0, Math.floor(area.y));
  const right = Math.min(from.width, Math.ceil(area.x + area.width));
  const bottom = Math.min(from.height, Math.ceil(area.y + area.height));
  if (right <= left || bottom <= top) return;
  const source = planesOf(from);
  const target = planesOf(to);
  copyRows(source.y, target.y, left, top, right - left, bottom - top);
  const cx = left >> 1;
  const cy = top >> 1;
  const cw = Math.ceil(right / 2) - cx;
  const ch = Math.ceil(bottom / 2) - cy;
  copyRows(source.u, target.u, cx, cy, cw, ch);
  copyRows(source.v, target.v, cx, cy, cw, ch);
}

/** The top-left `picture` of a frame at least that large; the frame itself when it has that size. */
export function cropFrame(frame: YuvFrame, picture: PictureSize): YuvFrame {
  if (frame.width === picture.width && frame.height === picture.height) return frame;
  const cropped: YuvFrame = { width: picture.width, height: picture.height, data: new Uint8Array(yuvFrameBytes(picture.width, picture.height)) };
  const from = planesOf(frame);
  const to = planesOf(cropped);
  for (const key of ['y', 'u', 'v'] as const) {
    const source = from[key];
    const target = to[key];
    for (let row = 0; row < target.height; row++) target.data.set(source.data.subarray(row * source.width, row * source.width + target.width), row * target.width);
  }
  return cropped;
}
