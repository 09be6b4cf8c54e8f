// The pure decisions of the decoded-frame cache: which frame a decoded picture is, which frames
// stay decoded around the one the reviewer looks at, and how big and which way up pictures are.
import { describe, expect, it } from 'vitest';
import type { FrameTimeline } from '../../shared/time/frames.ts';
import {
  drawUpright,
  frameOfTimestamp,
  keepRange,
  NEXT_GOP_FRAMES,
  pictureSize,
  type FrameRange,
  type Orientation,
  type PictureSize,
  type Rotation,
} from '../../renderer/src/player/frame-cache-plan.ts';

const at = (seconds: number[], keyframes: number[] = [0]): FrameTimeline => ({ seconds, keyframes });
/** A decoded picture's timestamp: decoded-frames.ts hands the decoder whole microseconds. */
const us = (seconds: number): number => Math.round(seconds * 1e6) / 1e6;

/** 30 fps, a keyframe every 30 frames. */
const cfr30 = at(Array.from({ length: 90 }, (_, n) => n / 30), [0, 30, 60]);
/** Matroska 1 ms time base, first frame at 21 ms (AAC priming), durations 33/34 ms. */
const mkv = at([0.021, 0.054, 0.088, 0.121, 0.154]);
/** Variable frame rate 1/30 s and 1/20 s alternating (timescale 600: 20 and 30 ticks). */
const vfr = at([0, 20 / 600, 50 / 600, 70 / 600, 100 / 600]);
/** 30000/1001 NTSC rate. */
const ntsc = at(Array.from({ length: 10 }, (_, n) => (n * 1001) / 30000));
/** Quarter-second frames: every time and every halfway point is exact in binary. */
const quarters = at([0, 0.25, 0.5, 0.75]);
/** A single frame: it lasts 1/30 s. */
const single = at([0.5]);

describe('frameOfTimestamp (decoded picture → frame of the index)', () => {
  it.each<[string, FrameTimeline, number, number | null]>([
    ['30 fps first frame', cfr30, 0, 0],
    ['30 fps frame 1 in microseconds (0.033333)', cfr30, us(1 / 30), 1],
    ['30 fps frame 45 in microseconds', cfr30, us(45 / 30), 45],
    ['30 fps last frame', cfr30, us(89 / 30), 89],
    ['30 fps 16 ms after frame 10 is still frame 10', cfr30, 10 / 30 + 0.016, 10],
    ['30 fps 17 ms after frame 10 is nearer frame 11', cfr30, 10 / 30 + 0.017, 11],
    ['30 fps 1 ms before the first frame', cfr30, -0.001, 0],
    ['30 fps exactly halfway between frames 0 and 1 goes to the earlier', cfr30, 1 / 60, 0],
    ['30 fps 16 ms after the last frame', cfr30, 89 / 30 + 0.016, 89],
    ['30 fps 17 ms after the last frame (past the end)', cfr30, 89 / 30 + 0.017, null],
    ['30 fps extra frame past the end (frame 90)', cfr30, us(90 / 30), null],
    ['30 fps far beyond the last frame', cfr30, 100, null],
    ['30 fps picture an edit list hides (one frame before 0)', cfr30, us(-1 / 30), null],
    ['30 fps decoder primer shifted by -1e6 s', cfr30, -1e6, null],
    ['Matroska first frame at 21 ms', mkv, 0.021, 0],
    ['Matroska frame 1 at 54 ms', mkv, 0.054, 1],
    ['Matroska frame 2 at 88 ms', mkv, 0.088, 2],
    ['Matroska last frame at 154 ms', mkv, 0.154, 4],
    ['Matroska 0 s, 21 ms before the first frame', mkv, 0, null],
    ['Matroska 16 ms before the first frame', mkv, 0.005, 0],
    ['Matroska 17 ms before the first frame', mkv, 0.004, null],
    ['Matroska 16 ms after frame 1', mkv, 0.07, 1],
    ['Matroska 16 ms before frame 2', mkv, 0.072, 2],
    ['Matroska 16 ms after the last frame', mkv, 0.17, 4],
    ['Matroska 17 ms after the last frame', mkv, 0.171, null],
    ['Matroska extra frame 33 ms after the last', mkv, 0.187, null],
    ['VFR frame 0', vfr, 0, 0],
    ['VFR frame 1 in microseconds', vfr, us(20 / 600), 1],
    ['VFR frame 2 in microseconds', vfr, us(50 / 600), 2],
    ['VFR frame 3 in microseconds', vfr, us(70 / 600), 3],
    ['VFR frame 4 in microseconds', vfr, us(100 / 600), 4],
    ['VFR 0.09 s is frame 2', vfr, 0.09, 2],
    ['VFR 9 ticks after frame 1 (window: half the shorter neighbouring interval)', vfr, 29 / 600, 1],
    ['VFR 11 ticks after frame 1 belongs to neither neighbour', vfr, 31 / 600, null],
    ['VFR 11 ticks before frame 2 belongs to neither neighbour', vfr, 39 / 600, null],
    ['VFR 9 ticks before frame 2', vfr, 41 / 600, 2],
    ['VFR 14 ticks after the last frame (it lasts 30 ticks)', vfr, 114 / 600, 4],
    ['VFR 16 ticks after the last frame', vfr, 116 / 600, null],
    ['VFR extra frame past the end', vfr, 130 / 600, null],
    ['NTSC frame 3.5 rounded to microseconds (0.116783) is frame 3', ntsc, 0.116783, 3],
    ['NTSC one microsecond later (0.116784) is frame 4', ntsc, 0.116784, 4],
    ['NTSC 16.6 ms after the last frame', ntsc, us((9 * 1001) / 30000) + 0.0166, 9],
    ['NTSC extra frame 10 past the end', ntsc, us((10 * 1001) / 30000), null],
    ['exactly halfway between frames 0 and 1: the earlier', quarters, 0.125, 0],
    ['exactly halfway between frames 1 and 2: the earlier', quarters, 0.375, 1],
    ['exactly halfway between frames 2 and 3: the earlier', quarters, 0.625, 2],
    ['exactly half a frame after the last frame', quarters, 0.875, 3],
    ['just over half a frame after the last frame', quarters, 0.8751, null],
    ['exactly half a frame before the first frame', quarters, -0.125, 0],
    ['just over half a frame before the first frame', quarters, -0.126, null],
    ['single frame: 16 ms after (it lasts 1/30 s)', single, 0.516, 0],
    ['single frame: 17 ms after', single, 0.517, null],
    ['single frame: 16 ms before', single, 0.484, 0],
    ['single frame: 17 ms before', single, 0.483, null],
  ])('%s', (_name, timeline, seconds, frame) => {
    expect(frameOfTimestamp(timeline, seconds)).toBe(frame);
  });

  it.each([
    ['microsecond-rounded', us],
    ['microsecond-truncated', (seconds: number) => Math.floor(seconds * 1e6) / 1e6],
    ['exact', (seconds: number) => seconds],
  ])('finds every frame from its %s timestamp', (_name, stamp) => {
    for (const timeline of [cfr30, mkv, vfr, ntsc, quarters, single]) {
      const found = timeline.seconds.map((seconds) => frameOfTimestamp(timeline, stamp(seconds)));
      expect(found).toEqual(timeline.seconds.map((_, n) => n));
    }
  });

  it('matches nothing in an empty clip or for a timestamp that is not a number', () => {
    expect(frameOfTimestamp(at([]), 0)).toBeNull();
    expect(frameOfTimestamp(cfr30, Number.NaN)).toBeNull();
    expect(frameOfTimestamp(cfr30, Number.POSITIVE_INFINITY)).toBeNull();
    expect(frameOfTimestamp(cfr30, Number.NEGATIVE_INFINITY)).toBeNull();
  });
});

describe('keepRange (frames kept decoded around the focus)', () => {
  /** A keyframe every 60 frames, as a 1080p body camera writes them. */
  const gop60 = at(Array.from({ length: 300 }, (_, n) => n / 30), [0, 60, 120, 180, 240]);
  // 256 MiB (DEFAULT_BUDGET_BYTES) of RGBA pictures: 129 at 960×540, 32 at 1920×1080.
  const budget960 = Math.floor((256 * 2 ** 20) / (960 * 540 * 4));
  const budget1080 = Math.floor((256 * 2 ** 20) / (1920 * 1080 * 4));

  it('derives the picture counts used below from the default budget', () => {
    expect([budget960, budget1080]).toEqual([129, 32]);
    expect(NEXT_GOP_FRAMES).toBe(15);
  });

  it.each<[string, FrameTimeline, number, number, 1 | -1, FrameRange]>([
    ['first GOP: nothing before it, 15 frames of the next', cfr30, 10, 1000, 1, { first: 0, last: 44 }],
    ['last frame of the first GOP', cfr30, 29, 1000, 1, { first: 0, last: 44 }],
    ['on a keyframe: the previous GOP too', cfr30, 30, 1000, 1, { first: 0, last: 74 }],
    ['middle GOP: previous, current, 15 of the next', cfr30, 45, 1000, 1, { first: 0, last: 74 }],
    ['last GOP: no next GOP to reach into', cfr30, 60, 1000, 1, { first: 30, last: 89 }],
    ['direction does not matter when everything fits', cfr30, 70, 1000, -1, { first: 30, last: 89 }],
    ['last frame', cfr30, 89, 1000, 1, { first: 30, last: 89 }],
    ['capacity exactly the 75 frames wanted', cfr30, 45, 75, 1, { first: 0, last: 74 }],
    ['one short, moving forward: drop the farthest behind', cfr30, 45, 74, 1, { first: 1, last: 74 }],
    ['one short, moving backward: drop the farthest ahead', cfr30, 45, 74, -1, { first: 0, last: 73 }],
    ['30 pictures forward: 20 ahead, 9 behind', cfr30, 45, 30, 1, { first: 36, last: 65 }],
    ['30 pictures backward: 9 ahead, 20 behind', cfr30, 45, 30, -1, { first: 25, last: 54 }],
    ['at the start the window slides forward', cfr30, 2, 10, -1, { first: 0, last: 9 }],
    ['at the end the window slides backward', cfr30, 88, 10, 1, { first: 80, last: 89 }],
    ['3 pictures forward', cfr30, 45, 3, 1, { first: 45, last: 47 }],
    ['3 pictures backward', cfr30, 45, 3, -1, { first: 43, last: 45 }],
    ['capacity below one keeps the focus', cfr30, 45, 0, 1, { first: 45, last: 45 }],
    ['fractional capacity is rounded down', cfr30, 45, 1.9, -1, { first: 45, last: 45 }],
    ['60-frame GOPs, 129 pictures forward', gop60, 150, 129, 1, { first: 66, last: 194 }],
    ['60-frame GOPs, 129 pictures backward', gop60, 150, 129, -1, { first: 64, last: 192 }],
    ['60-frame GOPs, 32 pictures forward', gop60, 150, 32, 1, { first: 140, last: 171 }],
    ['60-frame GOPs, 32 pictures backward', gop60, 150, 32, -1, { first: 129, last: 160 }],
    ['60-frame GOPs, everything fits', gop60, 150, 135, 1, { first: 60, last: 194 }],
    ['no keyframes in the index: the whole clip', at([0, 0.1, 0.2, 0.3, 0.4], []), 2, 100, 1, { first: 0, last: 4 }],
    ['first keyframe late: frames before it belong to the first GOP', at(Array.from({ length: 40 }, (_, n) => n / 30), [5, 20]), 3, 100, 1, { first: 0, last: 19 }],
  ])('%s', (_name, timeline, focus, capacity, direction, range) => {
    expect(keepRange(timeline, focus, capacity, direction)).toEqual(range);
  });

  it('always holds the focus, never more than the capacity, and fills the capacity when it can', () => {
    for (const timeline of [cfr30, gop60]) {
      const count = timeline.seconds.length;
      for (let focus = 0; focus < count; focus++) {
        const full = keepRange(timeline, focus, Infinity, 1);
        const wanted = full.last - full.first + 1;
        for (const capacity of [1, 2, 3, 10, 30, 74, 75, 129, 1000]) {
          for (const direction of [1, -1] as const) {
            const { first, last } = keepRange(timeline, focus, capacity, direction);
            expect(first).toBeGreaterThanOrEqual(full.first);
            expect(last).toBeLessThanOrEqual(full.last);
            expect(first).toBeLessThanOrEqual(focus);
            expect(last).toBeGreaterThanOrEqual(focus);
            expect(last - first + 1).toBe(Math.min(capacity, wanted));
          }
        }
      }
    }
  });
});

const upright: Orientation = { rotation: 0, flip: false };
const turned = (rotation: Rotation, flip = false): Orientation => ({ rotation, flip });

describe('pictureSize (upright, fitted into the box, never enlarged)', () => {
  it.each<[string, PictureSize, Orientation, PictureSize, PictureSize]>([
    ['1080p into half its size', { width: 1920, height: 1080 }, upright, { width: 960, height: 540 }, { width: 960, height: 540 }],
    ['1080p into a 4K box stays 1080p', { width: 1920, height: 1080 }, upright, { width: 3840, height: 2160 }, { width: 1920, height: 1080 }],
    ['same size box', { width: 640, height: 480 }, upright, { width: 640, height: 480 }, { width: 640, height: 480 }],
    ['180° keeps width and height', { width: 1920, height: 1080 }, turned(180, true), { width: 960, height: 540 }, { width: 960, height: 540 }],
    ['90° turns to portrait, then fits the height', { width: 1920, height: 1080 }, turned(90), { width: 960, height: 540 }, { width: 304, height: 540 }],
    ['270° mirrored into a portrait box', { width: 1920, height: 1080 }, turned(270, true), { width: 1080, height: 1920 }, { width: 1080, height: 1920 }],
    ['90° into a large box is turned, not enlarged', { width: 1920, height: 1080 }, turned(90), { width: 3000, height: 3000 }, { width: 1080, height: 1920 }],
    ['720p into a square box: 562.5 rounds to 563', { width: 1280, height: 720 }, upright, { width: 1000, height: 1000 }, { width: 1000, height: 563 }],
    ['4:3 into a wide box: height-limited, already fits', { width: 1440, height: 1080 }, upright, { width: 1920, height: 1080 }, { width: 1440, height: 1080 }],
    ['4:3 into a smaller wide box', { width: 1440, height: 1080 }, upright, { width: 960, height: 540 }, { width: 720, height: 540 }],
    ['a sliver keeps one pixel', { width: 4000, height: 10 }, upright, { width: 400, height: 400 }, { width: 400, height: 1 }],
    ['an empty box still gives one pixel', { width: 1920, height: 1080 }, upright, { width: 0, height: 0 }, { width: 1, height: 1 }],
  ])('%s', (_name, display, orientation, box, size) => {
    expect(pictureSize(display, orientation, box)).toEqual(size);
  });
});

/** Records the canvas transform (a b c d e f, as the canvas keeps it) and where drawImage puts the source's corners. */
class TransformRecorder {
  matrix = [3, 1, 4, 1, 5, 9];
  /** Canvas positions of the source's top-left, top-right, bottom-right and bottom-left corners. */
  corners: [number, number][] = [];
  drawn: number[] = [];

  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.matrix = [a, b, c, d, e, f];
  }

  translate(x: number, y: number): void {
    const [a, b, c, d, e, f] = this.#m();
    this.matrix = [a, b, c, d, e + a * x + c * y, f + b * x + d * y];
  }

  scale(x: number, y: number): void {
    const [a, b, c, d, e, f] = this.#m();
    this.matrix = [a * x, b * x, c * y, d * y, e, f];
  }

  rotate(angle: number): void {
    const [a, b, c, d, e, f] = this.#m();
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    this.matrix = [a * cos + c * sin, b * cos + d * sin, c * cos - a * sin, d * cos - b * sin, e, f];
  }

  drawImage(_source: unknown, x: number, y: number, width: number, height: number): void {
    const [a, b, c, d, e, f] = this.#m();
    const map = (px: number, py: number): [number, number] => [a * px + c * py + e, b * px + d * py + f];
    this.drawn = [x, y, width, height];
    this.corners = [map(x, y), map(x + width, y), map(x + width, y + height), map(x, y + height)];
  }

  #m(): [number, number, number, number, number, number] {
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = this.matrix;
    return [a, b, c, d, e, f];
  }
}

const source = {} as unknown as CanvasImageSource;

function draw(orientation: Orientation, size: PictureSize, recorder = new TransformRecorder()): TransformRecorder {
  drawUpright(recorder as unknown as OffscreenCanvasRenderingContext2D, source, orientation, size);
  return recorder;
}

function expectCorners(actual: [number, number][], expected: [number, number][]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach(([x, y], i) => {
    expect(x).toBeCloseTo(expected[i]?.[0] ?? NaN, 9);
    expect(y).toBeCloseTo(expected[i]?.[1] ?? NaN, 9);
  });
}

describe('drawUpright (rotate clockwise first, then mirror left-right)', () => {
  const landscape: PictureSize = { width: 1920, height: 1080 };
  const portrait: PictureSize = { width: 1080, height: 1920 };

  // Where the source's top-left, top-right, bottom-right and bottom-left corners land.
  it.each<[string, Orientation, PictureSize, [number, number][]]>([
    ['as stored', turned(0), landscape, [[0, 0], [1920, 0], [1920, 1080], [0, 1080]]],
    ['mirrored', turned(0, true), landscape, [[1920, 0], [0, 0], [0, 1080], [1920, 1080]]],
    ['90° clockwise: the top edge becomes the right edge', turned(90), portrait, [[1080, 0], [1080, 1920], [0, 1920], [0, 0]]],
    ['180°', turned(180), landscape, [[1920, 1080], [0, 1080], [0, 0], [1920, 0]]],
    ['270° clockwise: the top edge becomes the left edge', turned(270), portrait, [[0, 1920], [0, 0], [1080, 0], [1080, 1920]]],
    ['90° then mirrored: transposed', turned(90, true), portrait, [[0, 0], [0, 1920], [1080, 1920], [1080, 0]]],
    ['180° then mirrored: upside down', turned(180, true), landscape, [[0, 1080], [1920, 1080], [1920, 0], [0, 0]]],
    ['270° then mirrored', turned(270, true), portrait, [[1080, 1920], [1080, 0], [0, 0], [0, 1920]]],
  ])('%s', (_name, orientation, size, corners) => {
    expectCorners(draw(orientation, size).corners, corners);
  });

  it('draws a quarter-turned source at its unrotated size, filling the scaled-down canvas', () => {
    const size = pictureSize({ width: 1920, height: 1080 }, turned(90), { width: 960, height: 540 });
    const recorder = draw(turned(90), size);
    expect(recorder.drawn).toEqual([-270, -152, 540, 304]);
    expectCorners(recorder.corners, [[304, 0], [304, 540], [0, 540], [0, 0]]);
  });

  it('starts from a fresh transform on every draw', () => {
    const recorder = draw(turned(90, true), portrait);
    expectCorners(draw(turned(0), landscape, recorder).corners, [[0, 0], [1920, 0], [1920, 1080], [0, 1080]]);
  });
});
