// How the annotation side panel shows and checks a clip's annotations: frame ranges, the order of
// the marker list, a track's span, audio channel names and choices, and the frame fields of an
// editor (checked before a change is sent, so that the reviewer sees what is wrong). Pure, tested
// in Node.
import type { Track } from '../../../shared/api/annotations.ts';

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
