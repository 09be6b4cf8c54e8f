// The frame model. A clip's time is its frame number: frames are counted from 0 in display
// order, as ffmpeg outputs them and CVAT counts them (so frames an edit list hides are not
// counted). Seconds are derived from the clip's frame index and never the other way round by
// multiplying with a frame rate, which is wrong for variable frame rates and odd time bases.
//
// The browser reports the presentation time of the frame it paints (requestVideoFrameCallback's
// mediaTime, the same clock as ffprobe's pts); `frameAt` turns that back into the frame number.
// A seek lands on frame N when it targets the middle of frame N's display interval (`seekTime`):
// the start is ambiguous after rounding, the middle is not.

/** A clip's frames: presentation time of frame n in seconds (ascending) and its keyframes. */
export interface FrameTimeline {
  /** Presentation time of every frame in seconds, in display order. */
  readonly seconds: readonly number[];
  /** Frame numbers of the keyframes, ascending. */
  readonly keyframes: readonly number[];
}

/** Browsers round mediaTime to microseconds; a frame starting up to this much later is still that frame. */
const ROUNDING_SECONDS = 1e-4;

/** Largest index i with values[i] <= limit, or -1. */
function lastAtOrBelow(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((values[middle] ?? Infinity) <= limit) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

export function frameCount(timeline: FrameTimeline): number {
  return timeline.seconds.length;
}

/** The frame number limited to the clip (0 for an empty clip). */
export function clampFrame(timeline: FrameTimeline, frame: number): number {
  const last = timeline.seconds.length - 1;
  if (last < 0 || !Number.isFinite(frame)) return 0;
  return Math.min(last, Math.max(0, Math.round(frame)));
}

/** The frame on screen at a media time: the last frame whose presentation time is not after it. */
export function frameAt(timeline: FrameTimeline, mediaTime: number): number {
  return Math.max(0, lastAtOrBelow(timeline.seconds, mediaTime + ROUNDING_SECONDS));
}

/**
 * How long frame n stays on screen. The last frame has no successor; it lasts as long as the one
 * before it (a single-frame clip: 1/30 s, a common camera rate).
 */
export function frameDuration(timeline: FrameTimeline, frame: number): number {
  const { seconds } = timeline;
  const start = seconds[frame];
  if (start === undefined) throw new RangeError(`frame ${frame} is outside 0..${seconds.length - 1}`);
  const next = seconds[frame + 1];
  if (next !== undefined) return next - start;
  const previous = seconds[frame - 1];
  return previous !== undefined ? start - previous : 1 / 30;
}

/** Presentation time of frame n in seconds. */
export function frameStart(timeline: FrameTimeline, frame: number): number {
  const start = timeline.seconds[frame];
  if (start === undefined) throw new RangeError(`frame ${frame} is outside 0..${timeline.seconds.length - 1}`);
  return start;
}

/** The time to seek to so that frame n is shown: the middle of its display interval. */
export function seekTime(timeline: FrameTimeline, frame: number): number {
  return frameStart(timeline, frame) + frameDuration(timeline, frame) / 2;
}

/** Media time just after the last frame ends. */
export function endTime(timeline: FrameTimeline): number {
  const last = timeline.seconds.length - 1;
  return last < 0 ? 0 : frameStart(timeline, last) + frameDuration(timeline, last);
}

/** The keyframe a decoder starts from to show frame n (frame 0 when the index marks none before it). */
export function keyframeBefore(timeline: FrameTimeline, frame: number): number {
  const at = lastAtOrBelow(timeline.keyframes, frame);
  return at < 0 ? 0 : (timeline.keyframes[at] ?? 0);
}

/** The next keyframe after frame n, or the frame count when there is none. */
export function keyframeAfter(timeline: FrameTimeline, frame: number): number {
  const at = lastAtOrBelow(timeline.keyframes, frame) + 1;
  return timeline.keyframes[at] ?? timeline.seconds.length;
}
