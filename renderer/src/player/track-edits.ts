// The keyframe edits a reviewer makes on the picture, as the change each one sends: a new box at
// the frame on screen, outside toggled there, the shape copied to the next frame. Pure, so the
// keyboard, the overlay and the side panel all make the same change.
import type { AnnotationChange, Track } from '../../../shared/api/annotations.ts';
import { boxAt, type Box } from '../../../shared/tracks/interpolation.ts';

/** The keyframe on `frame`, if the track has one there. */
export function keyframeOn(track: Track, frame: number): Track['keyframes'][number] | null {
  return track.keyframes.find((k) => k.frame === frame) ?? null;
}

/** The box the track would show at `frame` if it were visible there: interpolated, else the nearest keyframe's. */
export function boxNear(track: Track, frame: number): Box {
  const shown = boxAt(track.keyframes, frame);
  if (shown) return shown;
  const before = track.keyframes.filter((k) => k.frame <= frame).at(-1);
  return { ...(before ?? track.keyframes[0] ?? { box: { x: 0, y: 0, width: 1, height: 1 } }).box };
}

/** Puts the box at `frame` (moving or resizing there creates or replaces that frame's keyframe). */
export function placeBox(track: Track, frame: number, box: Box): AnnotationChange {
  return { type: 'track.keyframe.set', id: track.id, version: track.version, keyframe: { frame, box, outside: false } };
}

/** Ends the track at `frame` when it is shown there, resumes it when it is not. */
export function toggleOutside(track: Track, frame: number): AnnotationChange {
  const shown = boxAt(track.keyframes, frame) !== null;
  return { type: 'track.keyframe.set', id: track.id, version: track.version, keyframe: { frame, box: boxNear(track, frame), outside: shown } };
}

/** Copies the shape at `frame` as a keyframe onto the next frame; null on the clip's last frame. */
export function copyToNextFrame(track: Track, frame: number, frameCount: number): AnnotationChange | null {
  if (frame + 1 >= frameCount) return null;
  const box = boxAt(track.keyframes, frame);
  if (!box) return null;
  return { type: 'track.keyframe.set', id: track.id, version: track.version, keyframe: { frame: frame + 1, box, outside: false } };
}
