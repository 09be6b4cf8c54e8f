import { describe, expect, it } from 'vitest';
import { clampFrame, endTime, frameAt, frameDuration, keyframeAfter, keyframeBefore, seekTime, type FrameTimeline } from '../../shared/time/frames.ts';
import { frameInstant, layOutClips, locate, positionOf, recordingDuration } from '../../shared/time/recording-timeline.ts';
import { formatMediaTime, parsePosition } from '../../shared/time/timecode.ts';

const at = (seconds: number[], keyframes: number[] = [0]): FrameTimeline => ({ seconds, keyframes });
/** 30 fps as Chromium reports it: microsecond-rounded. */
const cfr30 = at(Array.from({ length: 90 }, (_, n) => n / 30), [0, 30, 60]);
/** Matroska 1 ms time base, first frame at 21 ms (AAC priming), durations 33/34 ms. */
const mkv = at([0.021, 0.054, 0.088, 0.121, 0.154]);
/** Variable frame rate 1/30 s and 1/20 s alternating (timescale 600: 20 and 30 ticks). */
const vfr = at([0, 20 / 600, 50 / 600, 70 / 600, 100 / 600]);
/** 30000/1001 NTSC rate. */
const ntsc = at(Array.from({ length: 10 }, (_, n) => (n * 1001) / 30000));

describe('frameAt (media time of the painted frame → frame number)', () => {
  it.each([
    ['start of a 30 fps clip', cfr30, 0, 0],
    ['microsecond-rounded start of frame 1', cfr30, 0.033333, 1],
    ['exact start of frame 2', cfr30, 2 / 30, 2],
    ['middle of frame 45', cfr30, 45.5 / 30, 45],
    ['past the end', cfr30, 100, 89],
    ['before the first frame', mkv, 0, 0],
    ['Matroska frame 2 at 88 ms', mkv, 0.088, 2],
    ['VFR long frame 2', vfr, 0.09, 2],
    ['VFR frame 3 start', vfr, 70 / 600, 3],
    ['NTSC frame 7 rounded down', ntsc, Math.floor(((7 * 1001) / 30000) * 1e6) / 1e6, 7],
  ])('%s', (_name, timeline, time, frame) => {
    expect(frameAt(timeline, time)).toBe(frame);
  });
});

describe('seekTime (the middle of a frame, where Chromium lands on exactly that frame)', () => {
  it.each([
    ['first 30 fps frame', cfr30, 0, 1 / 60],
    ['30 fps frame 30', cfr30, 30, 30.5 / 30],
    ['Matroska frame 1 (34 ms long)', mkv, 1, 0.071],
    ['VFR short frame 0', vfr, 0, 10 / 600],
    ['VFR long frame 1', vfr, 1, 35 / 600],
    ['last frame lasts as long as the one before', vfr, 4, 100 / 600 + 15 / 600],
  ])('%s', (_name, timeline, frame, expected) => {
    expect(seekTime(timeline, frame)).toBeCloseTo(expected, 9);
  });

  it('round-trips every frame through frameAt', () => {
    for (const timeline of [cfr30, mkv, vfr, ntsc]) {
      timeline.seconds.forEach((_, n) => expect(frameAt(timeline, seekTime(timeline, n))).toBe(n));
    }
  });

  it('refuses frames outside the clip', () => {
    expect(() => seekTime(cfr30, 90)).toThrow(RangeError);
    expect(() => frameDuration(cfr30, -1)).toThrow(RangeError);
  });
});

describe('frame helpers', () => {
  it('clamps frame numbers to the clip', () => {
    expect(clampFrame(cfr30, -5)).toBe(0);
    expect(clampFrame(cfr30, 12.4)).toBe(12);
    expect(clampFrame(cfr30, 500)).toBe(89);
    expect(clampFrame(at([]), 3)).toBe(0);
  });

  it('finds the keyframes around a frame', () => {
    expect(keyframeBefore(cfr30, 0)).toBe(0);
    expect(keyframeBefore(cfr30, 59)).toBe(30);
    expect(keyframeBefore(cfr30, 60)).toBe(60);
    expect(keyframeAfter(cfr30, 30)).toBe(60);
    expect(keyframeAfter(cfr30, 61)).toBe(90);
  });

  it('ends after the last frame', () => {
    expect(endTime(cfr30)).toBeCloseTo(3, 9);
    expect(endTime(at([]))).toBe(0);
    expect(endTime(at([0]))).toBeCloseTo(1 / 30, 9);
  });
});

describe('a split recording as one timeline', () => {
  const first = at(Array.from({ length: 90 }, (_, n) => 0.021 + n / 30));
  const second = at(Array.from({ length: 60 }, (_, n) => 0.021 + n / 30));
  const spans = layOutClips([
    { clipId: 7, timeline: first },
    { clipId: 8, timeline: second },
  ]);

  it('lays clips end to end from their first frames', () => {
    expect(spans.map((s) => [s.clipId, s.offsetSeconds])).toEqual([
      [7, 0],
      [8, expect.closeTo(3, 9)],
    ]);
    expect(recordingDuration(spans)).toBeCloseTo(5, 9);
  });

  it('maps positions to clip and frame and back', () => {
    expect(locate(spans, 0)).toEqual({ clip: 0, frame: 0 });
    expect(locate(spans, 2.99)).toEqual({ clip: 0, frame: 89 });
    expect(locate(spans, 3)).toEqual({ clip: 1, frame: 0 });
    expect(locate(spans, 4.5)).toEqual({ clip: 1, frame: 45 });
    expect(locate(spans, 99)).toEqual({ clip: 1, frame: 59 });
    const second = spans[1];
    if (!second) throw new Error('no second clip');
    expect(positionOf(second, 45)).toBeCloseTo(4.5, 9);
    expect(locate(spans, positionOf(second, 45) + 1e-7)).toEqual({ clip: 1, frame: 45 });
  });

  it('dates a frame from the recording start', () => {
    const second = spans[1];
    if (!second) throw new Error('no second clip');
    expect(new Date(frameInstant('2024-03-14T09:02:10.000Z', second, 30)).toISOString()).toBe('2024-03-14T09:02:14.000Z');
  });
});

describe('media time text', () => {
  it.each([
    [0, '00:00:00.000'],
    [1 / 30, '00:00:00.033'],
    [2 / 3, '00:00:00.666'],
    [0.1 + 0.2, '00:00:00.300'],
    [61.5, '00:01:01.500'],
    [3599.9999, '00:59:59.999'],
    [360_000, '100:00:00.000'],
  ])('%f s reads %s', (seconds, text) => {
    expect(formatMediaTime(seconds)).toBe(text);
  });

  it.each([
    ['120', { kind: 'frame', frame: 120 }],
    [' 0 ', { kind: 'frame', frame: 0 }],
    ['1:02.5', { kind: 'time', seconds: 62.5 }],
    ['00:01:02.500', { kind: 'time', seconds: 62.5 }],
    ['1:00:00', { kind: 'time', seconds: 3600 }],
    ['62,5s', { kind: 'time', seconds: 62.5 }],
    ['3 s', { kind: 'time', seconds: 3 }],
  ])('reads %j as a position', (text, position) => {
    expect(parsePosition(text)).toEqual(position);
  });

  it.each(['', 'abc', '-5', '1:60', '1:70:00', '12.5', '1e3', '0x10'])('refuses %j', (text) => {
    expect(parsePosition(text)).toBeNull();
  });
});
