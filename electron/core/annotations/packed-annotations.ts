// Annotations as the hosts send them: tracks with their keyframes packed (keyframeValues in
// shared/api/annotations.ts), base64 by Buffer, which is fast for the megabytes of a large clip.
import {
  keyframeValues,
  type Annotation,
  type AnnotationSet,
  type AnnotationUpdate,
  type PackedAnnotation,
  type PackedAnnotationSet,
  type PackedAnnotationUpdate,
  type PackedTrack,
  type Track,
} from '../../../shared/api/annotations.ts';

function packTrack(track: Track): PackedTrack {
  const values = keyframeValues(track.keyframes);
  return { ...track, keyframes: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64') };
}

function packAnnotation(annotation: Annotation): PackedAnnotation {
  return annotation.kind === 'track' ? { kind: 'track', track: packTrack(annotation.track) } : annotation;
}

export function packSet(set: AnnotationSet): PackedAnnotationSet {
  return { ...set, tracks: set.tracks.map(packTrack) };
}

export function packUpdate(update: AnnotationUpdate): PackedAnnotationUpdate {
  return { ...update, annotation: packAnnotation(update.annotation) };
}
