// The maths behind editing a redaction box on the picture: moving, resizing by one of eight
// handles, drawing a new box and the keyboard nudges, all in source pixels of the upright
// picture. A box never leaves the picture and never turns inside out; an edge that moves lands
// on a whole source pixel, so stored keyframes stay readable.
import type { Box } from '../../../shared/tracks/interpolation.ts';
import type { PictureSize } from '../../../shared/tracks/masks.ts';

export interface Point {
  x: number;
  y: number;
}

/** The resize handles, by compass direction from the box's centre (clockwise from the top-left). */
export const resizeHandles = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'] as const;
export type ResizeHandle = (typeof resizeHandles)[number];

/** The smallest edge a drawn, resized or nudged box gets, in source pixels. */
export const MIN_BOX_SIZE = 4;

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** The box moved by (dx, dy), stopped at the picture's edges. */
export function moveBox(box: Box, dx: number, dy: number, picture: PictureSize): Box {
  const width = Math.min(box.width, picture.width);
  const height = Math.min(box.height, picture.height);
  return {
    x: clamp(Math.round(box.x + dx), 0, picture.width - width),
    y: clamp(Math.round(box.y + dy), 0, picture.height - height),
    width,
    height,
  };
}

/**
 * The box with the edges a handle holds moved by (dx, dy): an edge stops at the picture's edge and
 * `minSize` before the opposite edge (or at the picture's edge where there is less room).
 */
export function resizeBox(box: Box, handle: ResizeHandle, dx: number, dy: number, picture: PictureSize, minSize: number): Box {
  let left = box.x;
  let top = box.y;
  let right = box.x + box.width;
  let bottom = box.y + box.height;
  if (handle.includes('w')) left = clamp(Math.round(left + dx), 0, right - Math.min(minSize, right));
  if (handle.includes('e')) right = clamp(Math.round(right + dx), left + Math.min(minSize, picture.width - left), picture.width);
  if (handle.includes('n')) top = clamp(Math.round(top + dy), 0, bottom - Math.min(minSize, bottom));
  if (handle.includes('s')) bottom = clamp(Math.round(bottom + dy), top + Math.min(minSize, picture.height - top), picture.height);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The box a drag from `start` to `end` spans, in either direction, cut to the picture (it may be empty). */
export function boxFromDrag(start: Point, end: Point, picture: PictureSize): Box {
  const left = clamp(Math.round(Math.min(start.x, end.x)), 0, picture.width);
  const right = clamp(Math.round(Math.max(start.x, end.x)), 0, picture.width);
  const top = clamp(Math.round(Math.min(start.y, end.y)), 0, picture.height);
  const bottom = clamp(Math.round(Math.max(start.y, end.y)), 0, picture.height);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export const nudgeKeys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'] as const;
export type NudgeKey = (typeof nudgeKeys)[number];

export function isNudgeKey(key: string): key is NudgeKey {
  return (nudgeKeys as readonly string[]).includes(key);
}

const nudgeDirections: Record<NudgeKey, Point> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/** Source pixels one nudge moves, and with `large` (Shift). */
export const NUDGE_STEP = 1;
export const NUDGE_STEP_LARGE = 10;

/**
 * The box after an arrow key: moved, or with `resize` its right edge (left/right arrows) or bottom
 * edge (up/down arrows) moved, so that right and down grow it and left and up shrink it.
 */
export function nudgeBox(box: Box, key: NudgeKey, modifiers: { resize: boolean; large: boolean }, picture: PictureSize): Box {
  const step = modifiers.large ? NUDGE_STEP_LARGE : NUDGE_STEP;
  const direction = nudgeDirections[key];
  const dx = direction.x * step;
  const dy = direction.y * step;
  if (!modifiers.resize) return moveBox(box, dx, dy, picture);
  return resizeBox(box, dx !== 0 ? 'e' : 's', dx, dy, picture, MIN_BOX_SIZE);
}
