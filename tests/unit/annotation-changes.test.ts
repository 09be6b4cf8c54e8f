// What a change does to an annotation, without a database: the new state, or the specific
// refusal when the change does not fit the clip.
import { describe, expect, it } from 'vitest';
import { applyChange, restoredState, type ChangeContext } from '../../electron/core/annotations/annotation-changes.ts';
import type { Annotation, Track } from '../../shared/api/annotations.ts';

const context: ChangeContext = {
  author: 'pk4711',
  now: '2026-11-28T12:00:00.000Z',
  clip: { frameCount: 100, picture: { width: 320, height: 240 }, audioChannels: 2 },
  categories: ['Widerstand', 'Sonstiges'],
};
const box = (x: number) => ({ x, y: 10, width: 20, height: 20 });
const record = { id: 7, version: 3, author: 'pk0815', createdUtc: '2026-11-27T08:00:00.000Z', updatedUtc: '2026-11-27T09:00:00.000Z', deletedUtc: null };
const track: Track = {
  ...record,
  shape: 'rectangle',
  method: 'fill',
  blockSize: 16,
  reason: 'child',
  note: '',
  keyframes: [
    { frame: 10, box: box(0), outside: false },
    { frame: 20, box: box(50), outside: false },
  ],
};
const current: Annotation = { kind: 'track', track };

describe('applyChange', () => {
  it('creates a marker as version 1 by the author, now', () => {
    const created = applyChange({ type: 'marker.create', marker: { startFrame: 5, endFrame: 9, category: 'Widerstand', text: 't', statement: 'fact' } }, null, context);
    expect(created).toEqual({
      kind: 'marker',
      marker: { id: 0, version: 1, author: 'pk4711', createdUtc: context.now, updatedUtc: context.now, deletedUtc: null, startFrame: 5, endFrame: 9, category: 'Widerstand', text: 't', statement: 'fact' },
    });
  });

  it('keeps a marker category the station no longer lists when the marker already had it', () => {
    const marker: Annotation = { kind: 'marker', marker: { ...record, startFrame: 1, endFrame: 1, category: 'Bedrohung', text: '', statement: 'fact' } };
    const updated = applyChange({ type: 'marker.update', id: 7, version: 3, marker: { startFrame: 2, endFrame: 2, category: 'Bedrohung', text: 'x', statement: 'fact' } }, marker, context);
    expect(updated).toMatchObject({ marker: { category: 'Bedrohung', version: 4, author: 'pk0815', createdUtc: record.createdUtc, updatedUtc: context.now } });
  });

  it('sets a keyframe in frame order and replaces the one on the same frame', () => {
    const between = applyChange({ type: 'track.keyframe.set', id: 7, version: 3, keyframe: { frame: 15, box: box(30), outside: true } }, current, context);
    expect(between.kind === 'track' && between.track.keyframes.map((k) => [k.frame, k.box.x, k.outside])).toEqual([
      [10, 0, false],
      [15, 30, true],
      [20, 50, false],
    ]);
    const replaced = applyChange({ type: 'track.keyframe.set', id: 7, version: 3, keyframe: { frame: 20, box: box(60), outside: false } }, current, context);
    expect(replaced.kind === 'track' && replaced.track.keyframes.map((k) => k.box.x)).toEqual([0, 60]);
  });

  it.each<[string, Parameters<typeof applyChange>[0], string]>([
    ['a keyframe frame the track lacks', { type: 'track.keyframe.remove', id: 7, version: 3, frame: 11 }, 'has no keyframe at frame 11'],
    ['a box past the picture', { type: 'track.keyframe.set', id: 7, version: 3, keyframe: { frame: 30, box: { x: 310, y: 0, width: 20, height: 20 }, outside: false } }, 'reaches outside the picture (320 × 240)'],
    ['a keyframe past the clip', { type: 'track.keyframe.set', id: 7, version: 3, keyframe: { frame: 100, box: box(0), outside: false } }, 'frame 100 is outside the clip (frames 0 to 99)'],
    ['an audio range past the clip', { type: 'audio.create', audio: { startFrame: 90, endFrame: 120, effect: 'mute', channel: null, note: '' } }, 'frame 120 is outside the clip'],
    ['an audio channel the clip lacks', { type: 'audio.create', audio: { startFrame: 1, endFrame: 2, effect: 'bleep', channel: 2, note: '' } }, 'audio channel 2 does not exist (the clip has 2)'],
  ])('refuses %s', (_name, change, message) => {
    expect(() => applyChange(change, current, context)).toThrow(message);
  });

  it('refuses to remove the last keyframe: the track is deleted instead', () => {
    const single: Annotation = { kind: 'track', track: { ...track, keyframes: [{ frame: 10, box: box(0), outside: false }] } };
    expect(() => applyChange({ type: 'track.keyframe.remove', id: 7, version: 3, frame: 10 }, single, context)).toThrow('delete the track instead');
  });

  it('marks a deleted row deleted, keeping its content', () => {
    expect(applyChange({ type: 'track.delete', id: 7, version: 3 }, current, context)).toEqual({ kind: 'track', track: { ...track, version: 4, updatedUtc: context.now, deletedUtc: context.now } });
  });
});

describe('restoredState', () => {
  it('writes the restored content as the next version of the current row', () => {
    const later: Annotation = { kind: 'track', track: { ...track, version: 5, keyframes: [] } };
    expect(restoredState(later, current, context.now)).toEqual({ kind: 'track', track: { ...track, version: 6, updatedUtc: context.now } });
  });

  it('restores "not yet created" as deleted', () => {
    expect(restoredState(current, null, context.now)).toEqual({ kind: 'track', track: { ...track, version: 4, updatedUtc: context.now, deletedUtc: context.now } });
  });
});
