// The annotation side panel's pure helpers: frame ranges, list order, track spans, channel names
// and choices, and the reading of an editor's fields.
import { describe, expect, it } from 'vitest';
import type { AudioRedaction, Marker, MarkerDraft, Track } from '../../shared/api/annotations.ts';
import {
  audioFieldsOf,
  byFrames,
  categoryChoices,
  channelChoices,
  channelName,
  differsFrom,
  firstLine,
  frameRangeText,
  markerFieldsOf,
  parseWhole,
  readFrameRange,
  readRangeFields,
  trackFieldsOf,
  trackSpan,
  tracksByFrame,
} from '../../renderer/src/format/annotations.ts';

const record = { version: 1, author: 'pk4711', createdUtc: '2026-03-14T08:00:00.000Z', updatedUtc: '2026-03-14T08:00:00.000Z', deletedUtc: null };

function marker(id: number, startFrame: number, endFrame = startFrame): Marker {
  return { id, startFrame, endFrame, category: 'Widerstand', text: '', statement: 'fact', ...record };
}

function track(id: number, frames: number[]): Track {
  return {
    id,
    shape: 'rectangle',
    method: 'fill',
    blockSize: 16,
    reason: 'bystander',
    note: '',
    keyframes: frames.map((frame) => ({ frame, box: { x: 0, y: 0, width: 10, height: 10 }, outside: false })),
    ...record,
  };
}

describe('frame range text', () => {
  it.each([
    [120, 120, '120'],
    [0, 0, '0'],
    [120, 180, '120–180'],
  ])('%i to %i reads %s', (start, end, text) => {
    expect(frameRangeText(start, end)).toBe(text);
  });
});

describe('first line of a text', () => {
  it.each([
    ['Schlag gegen PK Meier\nzweite Zeile', 'Schlag gegen PK Meier'],
    ['\r\n   \r\n  Tritt  \r\nmehr', 'Tritt'],
    ['eine\rZeile', 'eine'],
    ['   \n\t', ''],
    ['', ''],
  ])('%j gives %j', (text, line) => {
    expect(firstLine(text)).toBe(line);
  });
});

describe('list order', () => {
  it('sorts markers by first frame, then last frame, then id, without touching the input', () => {
    const input = [marker(5, 300), marker(2, 100, 200), marker(9, 100, 150), marker(1, 100, 150), marker(3, 0)];
    expect(byFrames(input).map((m) => m.id)).toEqual([3, 1, 9, 2, 5]);
    expect(input.map((m) => m.id)).toEqual([5, 2, 9, 1, 3]);
  });

  it('sorts tracks by their first keyframe, then id', () => {
    expect(tracksByFrame([track(1, [40, 90]), track(2, [10]), track(3, [40, 50])]).map((k) => k.id)).toEqual([2, 1, 3]);
  });

  it('spans a track from its first keyframe to its last', () => {
    expect(trackSpan(track(1, [12, 30, 250]))).toEqual({ startFrame: 12, endFrame: 250 });
    expect(trackSpan(track(1, [7]))).toEqual({ startFrame: 7, endFrame: 7 });
  });
});

describe('audio channels', () => {
  it('names left and right on a stereo clip, numbers them otherwise', () => {
    expect(channelName(null, 2)).toEqual({ key: 'all' });
    expect(channelName(0, 2)).toEqual({ key: 'left' });
    expect(channelName(1, 2)).toEqual({ key: 'right' });
    expect(channelName(0, 1)).toEqual({ key: 'numbered', n: 1 });
    expect(channelName(5, 6)).toEqual({ key: 'numbered', n: 6 });
    expect(channelName(1, 0)).toEqual({ key: 'numbered', n: 2 });
  });

  it('offers all channels and each of the clip, and keeps a channel the clip does not have', () => {
    expect(channelChoices(2, null)).toEqual([null, 0, 1]);
    expect(channelChoices(2, 1)).toEqual([null, 0, 1]);
    expect(channelChoices(1, 3)).toEqual([null, 0, 3]);
    expect(channelChoices(0, null)).toEqual([null]);
  });
});

describe('marker categories', () => {
  it('keeps a marker category that is no longer among the station categories, after them', () => {
    expect(categoryChoices(['Widerstand', 'Sonstiges'], 'Sonstiges')).toEqual(['Widerstand', 'Sonstiges']);
    expect(categoryChoices(['Widerstand', 'Sonstiges'], 'Altkategorie')).toEqual(['Widerstand', 'Sonstiges', 'Altkategorie']);
  });
});

describe('editor fields', () => {
  it.each([
    [16, 16],
    ['16', 16],
    [' 32 ', 32],
    [4, 4],
    [256, 256],
    [3, null],
    [257, null],
    [16.5, null],
    ['', null],
    ['abc', null],
  ] as const)('block size %j reads as %j', (value, expected) => {
    expect(parseWhole(value, 4, 256)).toBe(expected);
  });

  it('reads a frame range within the clip', () => {
    expect(readFrameRange(120, 180, 1000)).toEqual({ startFrame: 120, endFrame: 180 });
    expect(readFrameRange(0, 999, 1000)).toEqual({ startFrame: 0, endFrame: 999 });
    expect(readFrameRange(5, 5, 0)).toEqual({ startFrame: 5, endFrame: 5 });
  });

  it.each([
    ['', 10, 'invalid'],
    [-1, 10, 'invalid'],
    [2.5, 10, 'invalid'],
    [20, 10, 'order'],
    [10, 1000, 'beyond'],
  ] as const)('refuses %j to %j as %s (clip of 1000 frames)', (start, end, problem) => {
    expect(readFrameRange(start, end, 1000)).toEqual({ problem });
  });

  it('tells whether an editor differs from its row', () => {
    const row = marker(1, 10, 20);
    const values: MarkerDraft = { startFrame: 10, endFrame: 20, category: 'Widerstand', text: '', statement: 'fact' };
    expect(differsFrom(values, row)).toBe(false);
    expect(differsFrom({ ...values, text: 'Tritt' }, row)).toBe(true);
    expect(differsFrom({ ...values, endFrame: 21 }, row)).toBe(true);
  });
});

describe('editor drafts', () => {
  it('reads a marker\'s own fields back as the marker, unchanged', () => {
    const row: Marker = { ...marker(1, 10, 20), text: 'Tritt', statement: 'assessment' };
    const read = readRangeFields(markerFieldsOf(row), 1000);
    expect(read).toEqual({ problem: null, draft: { startFrame: 10, endFrame: 20, category: 'Widerstand', text: 'Tritt', statement: 'assessment' } });
    expect(differsFrom(read.draft!, row)).toBe(false);
  });

  it('reads an audio redaction\'s fields with the frames as typed', () => {
    const row: AudioRedaction = { id: 4, startFrame: 30, endFrame: 90, effect: 'bleep', channel: 1, note: 'Name', ...record };
    const read = readRangeFields({ ...audioFieldsOf(row), startFrame: '40' }, 1000);
    expect(read).toEqual({ problem: null, draft: { startFrame: 40, endFrame: 90, effect: 'bleep', channel: 1, note: 'Name' } });
    expect(differsFrom(read.draft!, row)).toBe(true);
  });

  it.each([
    ['', 20, 'invalid'],
    [30, 20, 'order'],
    [10, 1000, 'beyond'],
  ] as const)('refuses frames %j to %j as %s, with no draft', (startFrame, endFrame, problem) => {
    expect(readRangeFields({ ...markerFieldsOf(marker(1, 10, 20)), startFrame, endFrame }, 1000)).toEqual({ problem, draft: null });
  });

  it('starts a track editor from the track\'s properties', () => {
    expect(trackFieldsOf({ ...track(2, [5, 9]), method: 'pixelate', blockSize: 24, note: 'Kind' })).toEqual({
      shape: 'rectangle',
      method: 'pixelate',
      blockSize: 24,
      reason: 'bystander',
      note: 'Kind',
    });
  });
});
