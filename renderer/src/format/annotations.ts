// How the annotation side panel shows and checks a clip's annotations: frame ranges, the order of
// the marker list, a track's span, audio channel names and choices, and the fields of an editor
// (checked before a change is sent, so that the reviewer sees what is wrong). Pure, tested in Node.
import type {
  AudioRedaction,
  AudioRedactionDraft,
  Marker,
  MarkerDraft,
  Track,
  TrackProperties,
} from '../../../shared/api/annotations.ts';

/** `120` for a single frame, `120–180` for a range. */
export function frameRangeText(startFrame: number, endFrame: number): string {
  return startFrame === endFrame ? String(startFrame) : `${startFrame}–${endFrame}`;
}

/** The first line of a text that says something, trimmed; '' for a blank text. */
export function firstLine(text: string): string {
  return (
    text
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}

interface FrameSpan {
  startFrame: number;
  endFrame: number;
}

/** Markers or audio redactions in the order of their list: by first frame, then by last, then as created. */
export function byFrames<T extends FrameSpan & { id: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => a.startFrame - b.startFrame || a.endFrame - b.endFrame || a.id - b.id);
}

/** The frames from a track's first keyframe to its last (keyframes are sorted by frame). */
export function trackSpan(track: Pick<Track, 'keyframes'>): FrameSpan {
  const first = track.keyframes[0]?.frame ?? 0;
  return { startFrame: first, endFrame: track.keyframes.at(-1)?.frame ?? first };
}

/** Tracks in the order of their list: by first keyframe, then as created. */
export function tracksByFrame(tracks: readonly Track[]): Track[] {
  return [...tracks].sort((a, b) => trackSpan(a).startFrame - trackSpan(b).startFrame || a.id - b.id);
}

export type ChannelName = { key: 'all' } | { key: 'left' } | { key: 'right' } | { key: 'numbered'; n: number };

/**
 * How an audio channel is named: null is all channels; on a two-channel clip 0 and 1 are left and
 * right, otherwise channels are counted from 1.
 */
export function channelName(channel: number | null, channelCount: number): ChannelName {
  if (channel === null) return { key: 'all' };
  if (channelCount === 2 && channel === 0) return { key: 'left' };
  if (channelCount === 2 && channel === 1) return { key: 'right' };
  return { key: 'numbered', n: channel + 1 };
}

/** The channels an audio redaction may take: all (null), each of the clip's, and `current` if the clip has no such channel. */
export function channelChoices(channelCount: number, current: number | null): (number | null)[] {
  const choices: (number | null)[] = [null, ...Array.from({ length: Math.max(0, channelCount) }, (_, channel) => channel)];
  return current === null || choices.includes(current) ? choices : [...choices, current];
}

/** The station's marker categories, and the marker's own one after them if it is no longer among them. */
export function categoryChoices(categories: readonly string[], current: string): string[] {
  return categories.includes(current) ? [...categories] : [...categories, current];
}

/**
 * A whole number from a number field within [min, max], or null. Vue's v-model gives a number
 * field's value as a number, or as the text when the browser cannot read it as one.
 */
export function parseWhole(value: number | string, min: number, max: number): number | null {
  const number = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  return Number.isInteger(number) && number >= min && number <= max ? number : null;
}

/** What is wrong with a frame range typed into an editor. */
export type FrameRangeProblem = 'invalid' | 'order' | 'beyond';

/**
 * Reads the first and last frame fields of an editor: both whole numbers from 0, the last not
 * before the first, both within the clip's `frameCount` frames (unchecked when 0).
 */
export function readFrameRange(startField: number | string, endField: number | string, frameCount: number): FrameSpan | { problem: FrameRangeProblem } {
  const startFrame = parseWhole(startField, 0, Number.MAX_SAFE_INTEGER);
  const endFrame = parseWhole(endField, 0, Number.MAX_SAFE_INTEGER);
  if (startFrame === null || endFrame === null) return { problem: 'invalid' };
  if (endFrame < startFrame) return { problem: 'order' };
  if (frameCount > 0 && endFrame >= frameCount) return { problem: 'beyond' };
  return { startFrame, endFrame };
}

/** Whether an editor's values differ from the row they were taken from (compared field by field). */
export function differsFrom<T extends object>(values: T, row: NoInfer<T>): boolean {
  return (Object.keys(values) as (keyof T)[]).some((key) => values[key] !== row[key]);
}

/** A number field holds what Vue's v-model gives: a number, or the text the browser could not read. */
export type NumberField = number | string;

/** An editor's fields for a row with a frame range (a marker, an audio redaction): the frames as typed. */
export type RangeFields<T extends FrameSpan> = Omit<T, keyof FrameSpan> & { startFrame: NumberField; endFrame: NumberField };
export type MarkerFields = RangeFields<MarkerDraft>;
export type AudioFields = RangeFields<AudioRedactionDraft>;
/** A track editor's fields: the block size as typed. */
export type TrackFields = Omit<TrackProperties, 'blockSize'> & { blockSize: NumberField };

/** The fields a marker editor starts from. */
export function markerFieldsOf(marker: Marker): MarkerFields {
  return { category: marker.category, statement: marker.statement, text: marker.text, startFrame: marker.startFrame, endFrame: marker.endFrame };
}

/** The fields a track editor starts from. */
export function trackFieldsOf(track: Track): TrackFields {
  return { shape: track.shape, method: track.method, blockSize: track.blockSize, reason: track.reason, note: track.note };
}

/** The fields an audio redaction editor starts from. */
export function audioFieldsOf(redaction: AudioRedaction): AudioFields {
  return { effect: redaction.effect, channel: redaction.channel, note: redaction.note, startFrame: redaction.startFrame, endFrame: redaction.endFrame };
}

/** A marker's or audio redaction's fields as the draft they would save, or what keeps them from being saved. */
export function readRangeFields<T extends FrameSpan>(
  fields: RangeFields<T>,
  frameCount: number,
): { problem: null; draft: T } | { problem: FrameRangeProblem; draft: null } {
  const { startFrame, endFrame, ...values } = fields;
  const frames = readFrameRange(startFrame, endFrame, frameCount);
  if ('problem' in frames) return { problem: frames.problem, draft: null };
  // The fields are the draft's but for the frames, which are now read.
  return { problem: null, draft: { ...values, ...frames } as T };
}
