// Redaction tracks over time: a shape with keyframes keyed by frame number (frames from 0 in
// display order, see shared/time/frames.ts). Geometry is in source pixels of the upright picture.
// Between two shown keyframes the box moves linearly; a keyframe marked `outside` ends the track
// at that frame (the shape holds its last shown geometry until then, it does not glide toward
// the hidden one), and a later shown keyframe resumes it. Before the first keyframe nothing is
// shown; after the last shown keyframe the shape stays where it is to the end of the clip.
// Pure: the player's preview, the export renderer and the tests all compute masks here.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Keyframe {
  /** Frame number in the clip, an integer from 0. */
  frame: number;
  box: Box;
  /** True: the object has left the picture at this frame; the track is hidden until the next shown keyframe. */
  outside: boolean;
}

/** The largest index i with keyframes[i].frame <= frame, or -1 (keyframes sorted by frame). */
function lastAtOrBefore(keyframes: readonly Keyframe[], frame: number): number {
  let low = 0;
  let high = keyframes.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((keyframes[middle]?.frame ?? Infinity) <= frame) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/**
 * The box a track covers at a frame, or null where it shows nothing. `keyframes` must be sorted
 * by frame with at most one keyframe per frame (see problemsOf).
 */
export function boxAt(keyframes: readonly Keyframe[], frame: number): Box | null {
  const at = lastAtOrBefore(keyframes, frame);
  const current = keyframes[at];
  if (!current || current.outside) return null;
  const next = keyframes[at + 1];
  if (current.frame === frame || !next || next.outside) return { ...current.box };
  const t = (frame - current.frame) / (next.frame - current.frame);
  return {
    x: lerp(current.box.x, next.box.x, t),
    y: lerp(current.box.y, next.box.y, t),
    width: lerp(current.box.width, next.box.width, t),
    height: lerp(current.box.height, next.box.height, t),
  };
}

/** The frames a track shows, as [from, to] ranges (inclusive), up to the clip's last frame. */
export function shownRanges(keyframes: readonly Keyframe[], frameCount: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start: number | null = null;
  for (const keyframe of keyframes) {
    if (keyframe.frame >= frameCount) break;
    if (!keyframe.outside && start === null) start = keyframe.frame;
    if (keyframe.outside && start !== null) {
      if (keyframe.frame > start) ranges.push([start, keyframe.frame - 1]);
      start = null;
    }
  }
  if (start !== null && frameCount > start) ranges.push([start, frameCount - 1]);
  return ranges;
}

export type KeyframeProblem =
  | { code: 'frame_not_integer' | 'frame_outside_clip' | 'frame_repeated' | 'frames_unsorted'; index: number }
  | { code: 'box_not_finite' | 'box_empty' | 'box_outside_picture'; index: number };

/**
 * What is wrong with a track's keyframes for a clip of `frameCount` frames whose upright picture is
 * `picture` (empty when nothing): every problem with the index of the keyframe it is in.
 */
export function problemsOf(keyframes: readonly Keyframe[], frameCount: number, picture: { width: number; height: number }): KeyframeProblem[] {
  const problems: KeyframeProblem[] = [];
  keyframes.forEach(({ frame, box }, index) => {
    if (!Number.isInteger(frame)) problems.push({ code: 'frame_not_integer', index });
    else if (frame < 0 || frame >= frameCount) problems.push({ code: 'frame_outside_clip', index });
    const previous = keyframes[index - 1];
    if (previous && previous.frame === frame) problems.push({ code: 'frame_repeated', index });
    else if (previous && previous.frame > frame) problems.push({ code: 'frames_unsorted', index });
    const values = [box.x, box.y, box.width, box.height];
    if (!values.every(Number.isFinite)) problems.push({ code: 'box_not_finite', index });
    else if (box.width <= 0 || box.height <= 0) problems.push({ code: 'box_empty', index });
    else if (box.x < 0 || box.y < 0 || box.x + box.width > picture.width || box.y + box.height > picture.height) {
      problems.push({ code: 'box_outside_picture', index });
    }
  });
  return problems;
}
