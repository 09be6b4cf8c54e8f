// The pure decisions behind the decoded-frame cache (decoded-frames.ts), kept apart so they can
// be read and tested without a decoder: which frame a decoded picture is, which frames are worth
// keeping around the frame the reviewer looks at, and how big and which way up a picture is drawn.
import { frameDuration, keyframeAfter, keyframeBefore, type FrameTimeline } from '../../../shared/time/frames.ts';

/** Frames of the following GOP kept ahead of the current one, so a step over the keyframe is instant. */
export const NEXT_GOP_FRAMES = 15;

/** Share of the kept frames that lie ahead in the direction the reviewer last moved. */
const AHEAD_SHARE = 2 / 3;

/**
 * The frame whose presentation time is nearest to `seconds`, or null when none lies within half a
 * frame interval (a picture an edit list hides, or one with a negative timestamp). Decoders carry
 * timestamps in whole microseconds, so the match is by nearness, never by equality.
 */
export function frameOfTimestamp(timeline: FrameTimeline, seconds: number): number | null {
  const times = timeline.seconds;
  if (times.length === 0 || !Number.isFinite(seconds)) return null;
  let low = 0;
  let high = times.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((times[middle] ?? Infinity) < seconds) low = middle + 1;
    else high = middle;
  }
  // `low` is the first frame at or after `seconds`; the one before it may be nearer.
  const before = low - 1;
  const nearest =
    before >= 0 && Math.abs((times[before] ?? Infinity) - seconds) <= Math.abs((times[low] ?? Infinity) - seconds) ? before : low;
  const start = times[nearest] ?? NaN;
  const previous = times[nearest - 1];
  const interval = Math.min(frameDuration(timeline, nearest), previous === undefined ? Infinity : start - previous);
  return Math.abs(seconds - start) <= interval / 2 ? nearest : null;
}

/** An inclusive range of frame numbers. */
export interface FrameRange {
  readonly first: number;
  readonly last: number;
}

/**
 * The frames worth keeping decoded while the reviewer is at `focus`: the previous GOP (backward
 * steps), the rest of the current one and the start of the next (forward steps). When `capacity`
 * pictures cannot hold all of that, the `capacity` frames nearest the focus, two thirds of them on
 * the side the reviewer is moving to (`direction` +1 forward, -1 backward).
 */
export function keepRange(timeline: FrameTimeline, focus: number, capacity: number, direction: 1 | -1): FrameRange {
  const count = timeline.seconds.length;
  const gopStart = keyframeBefore(timeline, focus);
  const first = gopStart > 0 ? keyframeBefore(timeline, gopStart - 1) : 0;
  const last = Math.min(count - 1, keyframeAfter(timeline, focus) - 1 + NEXT_GOP_FRAMES);
  const size = Math.max(1, Math.floor(capacity));
  if (last - first + 1 <= size) return { first, last };
  const ahead = direction > 0 ? Math.ceil((size - 1) * AHEAD_SHARE) : Math.floor((size - 1) * (1 - AHEAD_SHARE));
  const high = Math.min(last, focus + ahead);
  const low = Math.max(first, high - size + 1);
  return { first: low, last: Math.min(last, low + size - 1) };
}

/** Clockwise quarter turn of a track's pictures, as containers store it. */
export type Rotation = 0 | 90 | 180 | 270;

/** How a decoded picture is turned upright: rotated clockwise first, then mirrored left-right. */
export interface Orientation {
  readonly rotation: Rotation;
  readonly flip: boolean;
}

export interface PictureSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Size of the cached pictures: the upright display size (square pixels, rotation applied) scaled
 * down to fit the box with its aspect ratio kept. Never scaled up: the canvas enlarges for free
 * when it paints, while a larger bitmap only costs memory.
 */
export function pictureSize(display: PictureSize, orientation: Orientation, box: PictureSize): PictureSize {
  const quarter = orientation.rotation === 90 || orientation.rotation === 270;
  const width = quarter ? display.height : display.width;
  const height = quarter ? display.width : display.height;
  const scale = Math.min(1, box.width / width, box.height / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Draws `source` upright into a `size` canvas: centre, mirror, rotate, then the source is drawn at
 * its unrotated size. The canvas transform applies these in reverse, so the rotation acts first,
 * as containers mean it.
 */
export function drawUpright(
  context: OffscreenCanvasRenderingContext2D,
  source: CanvasImageSource,
  orientation: Orientation,
  size: PictureSize,
): void {
  const quarter = orientation.rotation === 90 || orientation.rotation === 270;
  const width = quarter ? size.height : size.width;
  const height = quarter ? size.width : size.height;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.translate(size.width / 2, size.height / 2);
  if (orientation.flip) context.scale(-1, 1);
  context.rotate((orientation.rotation * Math.PI) / 180);
  context.drawImage(source, -width / 2, -height / 2, width, height);
}
