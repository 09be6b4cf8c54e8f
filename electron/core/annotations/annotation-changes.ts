// What a change does to an annotation, as pure functions: the new state of the row from the
// current one, or a specific error when the change does not fit the clip (frames past its end,
// boxes outside its picture, two keyframes on one frame, a category the station does not use).
// The service checks versions and writes; these decide.
import type { Annotation, AnnotationChange, AudioRedaction, Marker, Track } from '../../../shared/api/annotations.ts';
import { problemsOf, type Keyframe, type KeyframeProblem } from '../../../shared/tracks/interpolation.ts';
import { ServiceError } from '../service-error.ts';

/** What a change is checked against. */
export interface ClipBounds {
  frameCount: number;
  /** The upright picture (after rotation) geometry refers to. */
  picture: { width: number; height: number };
  audioChannels: number;
}

export interface ChangeContext {
  author: string;
  now: string;
  clip: ClipBounds;
  /** The station's marker categories. */
  categories: readonly string[];
}

type AnnotationRecord = Marker | Track | AudioRedaction;

export const kindOf = (type: AnnotationChange['type']): Annotation['kind'] => type.slice(0, type.indexOf('.')) as Annotation['kind'];

export const kindNames: Record<Annotation['kind'], string> = { marker: 'Marker', track: 'Redaction track', audio: 'Audio redaction' };

export function recordOf(annotation: Annotation): AnnotationRecord {
  return annotation.kind === 'marker' ? annotation.marker : annotation.kind === 'track' ? annotation.track : annotation.audio;
}

function annotationOf(kind: Annotation['kind'], record: AnnotationRecord): Annotation {
  if (kind === 'marker') return { kind, marker: record as Marker };
  if (kind === 'track') return { kind, track: record as Track };
  return { kind, audio: record as AudioRedaction };
}

function invalid(message: string): never {
  throw new ServiceError('invalid_request', message);
}

function checkFrames(what: string, startFrame: number, endFrame: number, clip: ClipBounds): void {
  if (endFrame >= clip.frameCount) invalid(`${what}: ${outsideClip(endFrame, clip.frameCount)}`);
  if (startFrame > endFrame) invalid(`${what}: the end frame ${endFrame} is before the start frame ${startFrame}`);
}

export function outsideClip(frame: number, frameCount: number): string {
  return frameCount === 0 ? `frame ${frame} is outside the clip, which has no frames` : `frame ${frame} is outside the clip (frames 0 to ${frameCount - 1})`;
}

/** A keyframe problem of shared/tracks as the field it is in and a sentence naming the values. */
export function keyframeProblem(code: KeyframeProblem['code'], { frame, box }: Keyframe, previous: Keyframe | undefined, clip: Pick<ClipBounds, 'frameCount' | 'picture'>): [field: 'frame' | 'box', message: string] {
  const boxText = `box x ${box.x}, y ${box.y}, ${box.width} × ${box.height}`;
  switch (code) {
    case 'frame_not_integer':
      return ['frame', `frame ${frame} is not a whole number`];
    case 'frame_outside_clip':
      return ['frame', outsideClip(frame, clip.frameCount)];
    case 'frame_repeated':
      return ['frame', `a second keyframe on frame ${frame}; a track has one keyframe per frame`];
    case 'frames_unsorted':
      return ['frame', `frame ${frame} follows frame ${previous?.frame}; keyframes must be in ascending frame order`];
    case 'box_not_finite':
      return ['box', `${boxText} is not finite`];
    case 'box_empty':
      return ['box', `${boxText} has no area`];
    case 'box_outside_picture':
      return ['box', `${boxText} reaches outside the picture (${clip.picture.width} × ${clip.picture.height})`];
  }
}

export function checkKeyframes(keyframes: readonly Keyframe[], clip: ClipBounds): void {
  const problem = problemsOf(keyframes, clip.frameCount, clip.picture)[0];
  const keyframe = problem && keyframes[problem.index];
  if (!problem || !keyframe) return;
  invalid(`Keyframe ${problem.index}: ${keyframeProblem(problem.code, keyframe, keyframes[problem.index - 1], clip)[1]}`);
}

function checkCategory(category: string, categories: readonly string[], current?: string): void {
  if (category !== current && !categories.includes(category)) invalid(`Marker category "${category}" is not one of the station's categories (${categories.join(', ')})`);
}

export function checkChannel(channel: number | null, clip: ClipBounds, what = 'Audio redaction'): void {
  if (clip.audioChannels === 0) invalid(`${what}: the clip has no audio to redact`);
  if (channel !== null && channel >= clip.audioChannels) invalid(`${what}: audio channel ${channel} does not exist (the clip has ${clip.audioChannels})`);
}

/** A new row's record fields; the id is given on insert. */
function created({ author, now }: ChangeContext) {
  return { id: 0, version: 1, author, createdUtc: now, updatedUtc: now, deletedUtc: null };
}

/** The state a change leaves an annotation in. `current` is the live row the change names (null for creations). */
export function applyChange(change: AnnotationChange, current: Annotation | null, context: ChangeContext): Annotation {
  const { clip } = context;
  switch (change.type) {
    case 'marker.create':
      checkFrames('Marker', change.marker.startFrame, change.marker.endFrame, clip);
      checkCategory(change.marker.category, context.categories);
      return { kind: 'marker', marker: { ...change.marker, ...created(context) } };
    case 'track.create':
      checkKeyframes(change.track.keyframes, clip);
      return { kind: 'track', track: { ...change.track, ...created(context) } };
    case 'audio.create':
      checkFrames('Audio redaction', change.audio.startFrame, change.audio.endFrame, clip);
      checkChannel(change.audio.channel, clip);
      return { kind: 'audio', audio: { ...change.audio, ...created(context) } };
  }
  const kind = kindOf(change.type);
  if (!current || current.kind !== kind) throw new Error(`applyChange: ${change.type} needs the current ${kind}`);
  const record = recordOf(current);
  const next = (fields: Partial<AnnotationRecord>): Annotation =>
    annotationOf(kind, { ...record, ...fields, version: record.version + 1, updatedUtc: context.now } as AnnotationRecord);
  switch (change.type) {
    case 'marker.update':
      checkFrames('Marker', change.marker.startFrame, change.marker.endFrame, clip);
      checkCategory(change.marker.category, context.categories, (record as Marker).category);
      return next(change.marker);
    case 'audio.update':
      checkFrames('Audio redaction', change.audio.startFrame, change.audio.endFrame, clip);
      checkChannel(change.audio.channel, clip);
      return next(change.audio);
    case 'track.update':
      return next(change.properties);
    case 'track.keyframe.set': {
      const others = (record as Track).keyframes.filter((k) => k.frame !== change.keyframe.frame);
      const keyframes = [...others, change.keyframe].sort((a, b) => a.frame - b.frame);
      checkKeyframes(keyframes, clip);
      return next({ keyframes });
    }
    case 'track.keyframe.remove': {
      const keyframes = (record as Track).keyframes.filter((k) => k.frame !== change.frame);
      if (keyframes.length === (record as Track).keyframes.length) invalid(`Redaction track ${record.id} has no keyframe at frame ${change.frame}`);
      if (keyframes.length === 0) invalid(`Frame ${change.frame} holds the last keyframe of redaction track ${record.id}; delete the track instead`);
      return next({ keyframes });
    }
    case 'marker.delete':
    case 'track.delete':
    case 'audio.delete':
      return next({ deletedUtc: context.now });
  }
}

/** A new row's state with the id SQLite gave it. */
export function withId(annotation: Annotation, id: number): Annotation {
  return annotationOf(annotation.kind, { ...recordOf(annotation), id });
}

/** The state undo or redo writes: `restore`'s content as the next version of `current`; null restores to deleted. */
export function restoredState(current: Annotation, restore: Annotation | null, now: string): Annotation {
  const record = recordOf(current);
  const content = restore ? recordOf(restore) : { ...record, deletedUtc: now };
  return annotationOf(current.kind, { ...content, id: record.id, version: record.version + 1, updatedUtc: now });
}

/** What the audit entry of a change records beside its kind, id and version (tracks without their keyframe lists). */
export function changeDetails(change: AnnotationChange): Record<string, unknown> {
  switch (change.type) {
    case 'marker.create':
    case 'marker.update':
      return { ...change.marker };
    case 'audio.create':
    case 'audio.update':
      return { ...change.audio };
    case 'track.create': {
      const { keyframes, ...properties } = change.track;
      return { ...properties, keyframes: keyframes.length, firstFrame: keyframes[0]?.frame };
    }
    case 'track.update':
      return { ...change.properties };
    case 'track.keyframe.set':
      return { keyframe: change.keyframe };
    case 'track.keyframe.remove':
      return { frame: change.frame };
    case 'marker.delete':
    case 'track.delete':
    case 'audio.delete':
      return {};
  }
}
