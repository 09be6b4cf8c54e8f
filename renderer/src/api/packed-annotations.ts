// Annotations as the core sends them, unpacked: each track's keyframes arrive as base64 of
// float64 values (keyframeValues in shared/api/annotations.ts) and become Keyframe objects here,
// right after the client, so the stores and views only see `Track`.
import {
  keyframesOf,
  type Annotation,
  type AnnotationSet,
  type AnnotationUpdate,
  type PackedAnnotationSet,
  type PackedAnnotationUpdate,
  type PackedTrack,
  type Track,
} from '../../../shared/api/annotations.ts';

function unpackTrack(track: PackedTrack): Track {
  const binary = atob(track.keyframes);
  const bytes = new Uint8Array(binary.length - (binary.length % 8));
  for (let i = 0; i < bytes.length; i++) bytes[i] = binary.charCodeAt(i);
  return { ...track, keyframes: keyframesOf(new Float64Array(bytes.buffer)) };
}

export function unpackSet(set: PackedAnnotationSet): AnnotationSet {
  return { ...set, tracks: set.tracks.map(unpackTrack) };
}

export function unpackUpdate(update: PackedAnnotationUpdate): AnnotationUpdate {
  const annotation: Annotation = update.annotation.kind === 'track' ? { kind: 'track', track: unpackTrack(update.annotation.track) } : update.annotation;
  return { ...update, annotation };
}
