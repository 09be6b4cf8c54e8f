// Annotations as the hosts send them: tracks with their keyframes packed (keyframeValues in
// shared/api/annotations.ts), base64 by Buffer, which is fast for the megabytes of a large clip.
import {
  keyframeValues,
  type Annotation,
  type AnnotationUpdate,
  type PackedAnnotation,
  type PackedAnnotationUpdate,
  type PackedTrack,
  type Track,
} from '../../../shared/api/annotations.ts';

/** Packed keyframe values as the wire carries them. */
export function packedText(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function packTrack(track: Track): PackedTrack {
  return { ...track, keyframes: packedText(keyframeValues(track.keyframes)) };
}

function packAnnotation(annotation: Annotation): PackedAnnotation {
  return annotation.kind === 'track' ? { kind: 'track', track: packTrack(annotation.track) } : annotation;
}

export function packUpdate(update: AnnotationUpdate): PackedAnnotationUpdate {
  return { ...update, annotation: packAnnotation(update.annotation) };
}
