// The player timeline's geometry: pixels and seconds, zoom limits, ruler ticks, keyframes, audio
// peaks and thumbnail tiles, on clips laid end to end as a split recording plays them.
import { describe, expect, it } from 'vitest';
import type { FrameTimeline } from '../../shared/time/frames.ts';
import { layOutClips, type ClipSpan } from '../../shared/time/recording-timeline.ts';
import {
  chooseTickScale,
  clampStart,
  clampZoom,
  fitView,
  followPlayhead,
  formatRulerTime,
  frameTicks,
  MIN_FRAME_PIXELS,
  peakColumns,
  positionAt,
  scrollView,
  tileBoxes,
  tileRanges,
  timeTicks,
  typicalFrameSeconds,
  viewEnd,
  visibleKeyframes,
  visiblePeakRange,
  xOf,
  zoomAround,
  zoomLimits,
  type TimelineView,
} from '../../renderer/src/player/timeline-scale.ts';
import { decodePeaks, type PeakSource } from '../../renderer/src/player/waveform-peaks.ts';

/** A constant-rate clip: `frames` frames at `fps`, a keyframe every `gop` frames, first frame at `start`. */
function cfr(frames: number, fps: number, gop = 30, start = 0): FrameTimeline {
  return {
    seconds: Array.from({ length: frames }, (_, n) => start + n / fps),
    keyframes: Array.from({ length: Math.ceil(frames / gop) }, (_, k) => k * gop),
  };
}

const view = (start: number, pixelsPerSecond: number, width: number): TimelineView => ({ start, pixelsPerSecond, width });

/** Peaks as the core sends them: int16 little-endian [min, max] per channel per bucket, base64. */
function encodePeaks(values: number[]): string {
  const bytes = Buffer.alloc(values.length * 2);
  values.forEach((value, i) => bytes.writeInt16LE(value, i * 2));
  return bytes.toString('base64');
}

function source(channels: number, peaksPerSecond: number, startSeconds: number, values: number[]): PeakSource {
  return { channels, peaksPerSecond, startSeconds, peakCount: values.length / channels / 2, values: Int16Array.from(values) };
}

describe('pixels and seconds', () => {
  it.each([
    // start, px/s, x → position
    [0, 10, 0, 0],
    [0, 10, 250, 25],
    [100, 0.5, 450, 1000],
    [12.5, 720, 24, 12.5 + 1 / 30],
  ])('view from %d s at %d px/s: x %d is %d s', (start, pixelsPerSecond, x, position) => {
    const v = view(start, pixelsPerSecond, 900);
    expect(positionAt(v, x)).toBeCloseTo(position, 9);
    expect(xOf(v, position)).toBeCloseTo(x, 6);
  });

  it('ends where the width runs out', () => {
    expect(viewEnd(view(60, 2, 900))).toBe(510);
  });
});

describe('zoom', () => {
  it.each([
    // clips (frames, fps) → typical frame duration
    [[[300, 30]], 1 / 30],
    [[[250, 25], [300, 30]], 1 / 30],
    [[[100, 60], [300, 30]], 1 / 60],
    [[], 1 / 30],
  ] as [[number, number][], number][])('frame duration of %j is %d s', (clips, expected) => {
    const spans = layOutClips(clips.map(([frames, fps], i) => ({ clipId: i + 1, timeline: cfr(frames, fps) })));
    expect(typicalFrameSeconds(spans)).toBeCloseTo(expected, 12);
  });

  it.each([
    // duration, width, frame seconds → min, max px/s
    [1800, 900, 1 / 30, 0.5, 720],
    [60, 1200, 1 / 25, 20, 600],
    // shorter than the frame zoom allows: whole recording and single frames at once
    [0.5, 900, 1 / 30, 1800, 1800],
    // nothing to show: a neutral zoom
    [0, 900, 1 / 30, 1, 720],
  ])('%d s in %d px at %d s per frame: %d to %d px/s', (duration, width, frameSeconds, min, max) => {
    const limits = zoomLimits(duration, width, frameSeconds);
    expect(limits.min).toBeCloseTo(min, 9);
    expect(limits.max).toBeCloseTo(max, 9);
    expect((limits.max * frameSeconds) >= MIN_FRAME_PIXELS - 1e-9 || limits.max === limits.min).toBe(true);
  });

  it.each([
    [0.1, 0.5],
    [0.5, 0.5],
    [33, 33],
    [5000, 720],
    [Number.NaN, 0.5],
  ])('clamps %d px/s to %d', (requested, expected) => {
    expect(clampZoom(requested, { min: 0.5, max: 720 })).toBe(expected);
  });

  it.each([
    // start, px/s, width, duration → clamped start
    [-5, 10, 900, 1800, 0],
    [100, 10, 900, 1800, 100],
    [1750, 10, 900, 1800, 1710],
    [40, 0.5, 900, 1800, 0],
    [Number.NaN, 10, 900, 1800, 0],
  ])('start %d at %d px/s, %d px, %d s → %d', (start, pixelsPerSecond, width, duration, expected) => {
    expect(clampStart(start, pixelsPerSecond, width, duration)).toBe(expected);
  });

  it('fits the whole recording', () => {
    expect(fitView(1800, 900, 1 / 30)).toEqual({ start: 0, pixelsPerSecond: 0.5, width: 900 });
  });

  it.each([
    // from px/s, to px/s, anchor x → start
    [0.5, 1, 450, 450],
    [0.5, 1, 0, 0],
    [0.5, 1, 900, 900],
  ])('zooming %d → %d px/s around x %d keeps the position under it', (from, to, anchorX, start) => {
    const before = view(0, from, 900);
    const after = zoomAround(before, to, anchorX, 1800, { min: 0.5, max: 720 });
    expect(after.pixelsPerSecond).toBe(to);
    expect(after.start).toBeCloseTo(start, 9);
    expect(positionAt(after, anchorX)).toBeCloseTo(positionAt(before, anchorX), 9);
  });

  it('zooming out to the whole recording shows it from the start, whatever the anchor', () => {
    expect(zoomAround(view(400, 1, 900), 0.5, 450, 1800, { min: 0.5, max: 720 })).toEqual({ start: 0, pixelsPerSecond: 0.5, width: 900 });
  });

  it('zooms no further than one frame per MIN_FRAME_PIXELS and keeps the anchor inside the recording', () => {
    const after = zoomAround(view(1000, 100, 900), 1e6, 300, 1800, { min: 0.5, max: 720 });
    expect(after.pixelsPerSecond).toBe(720);
    expect(after.start).toBeCloseTo(1003 - 300 / 720, 9);
    const atEnd = zoomAround(view(1791, 100, 900), 720, 900, 1800, { min: 0.5, max: 720 });
    expect(atEnd.start).toBeCloseTo(1800 - 900 / 720, 9);
  });

  it.each([
    [100, 50, 105],
    [100, -500, 50],
    [1700, 5000, 1710],
  ])('scrolls from %d s by %d px to %d s', (start, dx, expected) => {
    expect(scrollView(view(start, 10, 900), dx, 1800).start).toBe(expected);
  });
});

describe('following the playhead', () => {
  const current = view(100, 10, 900); // 100 s … 190 s

  it.each([
    // position → start
    [100, 100],
    [150, 100],
    [190, 100],
    [190.1, 181.1],
    [99, 90],
    [5, 0],
    [1799, 1710],
  ])('playhead at %d s: view starts at %d s', (position, start) => {
    expect(followPlayhead(current, position, 1800).start).toBeCloseTo(start, 9);
  });

  it('leaves the view alone while the playhead is visible', () => {
    expect(followPlayhead(current, 120, 1800)).toBe(current);
  });
});

describe('ruler ticks', () => {
  it.each([
    // px/s, frame s → unit, major, minor
    [0.5, 1 / 30, 'time', 300, 30], // 30 minutes in 900 px
    [2, 1 / 30, 'time', 60, 5],
    [30, 1 / 30, 'time', 5, 0.5],
    [100, 1 / 30, 'time', 1, 0.1],
    [300, 1 / 30, 'frames', 10, 1],
    [720, 1 / 30, 'frames', 5, 1], // the strongest zoom at 30 fps: one frame 24 px
    [600, 1 / 25, 'frames', 5, 1],
    [1e-3, 1 / 30, 'time', 86_400, 10_800], // the coarsest step, even if labels crowd
  ] as const)('%d px/s at %d s per frame: %s, every %d, minor %d', (pixelsPerSecond, frameSeconds, unit, major, minor) => {
    expect(chooseTickScale(pixelsPerSecond, frameSeconds)).toEqual({ unit, major, minor });
  });

  it('keeps labels and minor ticks apart at every zoom from a day to single frames', () => {
    for (let pixelsPerSecond = 0.005; pixelsPerSecond <= 720; pixelsPerSecond *= 1.37) {
      const scale = chooseTickScale(pixelsPerSecond, 1 / 30);
      const secondsPer = scale.unit === 'frames' ? 1 / 30 : 1;
      expect(scale.major * secondsPer * pixelsPerSecond).toBeGreaterThanOrEqual(90);
      expect(scale.minor * secondsPer * pixelsPerSecond).toBeGreaterThanOrEqual(8);
      expect(Math.abs(scale.major / scale.minor - Math.round(scale.major / scale.minor))).toBeLessThan(1e-9);
    }
  });

  it.each([
    [0, '00:00:00'],
    [59.6, '00:01:00'],
    [3725, '01:02:05'],
    [360_000, '100:00:00'],
  ])('labels %d s as %s', (seconds, label) => {
    expect(formatRulerTime(seconds)).toBe(label);
  });

  it('puts time ticks on multiples of the minor step and labels the majors', () => {
    const ticks = timeTicks({ unit: 'time', major: 10, minor: 5 }, 3, 31);
    expect(ticks.map((tick) => [tick.position, tick.major, tick.label])).toEqual([
      [5, false, null],
      [10, true, '00:00:10'],
      [15, false, null],
      [20, true, '00:00:20'],
      [25, false, null],
      [30, true, '00:00:30'],
    ]);
    const fine = timeTicks({ unit: 'time', major: 1, minor: 0.1 }, 0.95, 1.25);
    expect(fine.map((tick) => tick.position.toFixed(6))).toEqual(['1.000000', '1.100000', '1.200000']);
    expect(fine.map((tick) => tick.major)).toEqual([true, false, false]);
  });

  it('puts frame ticks on the frames of each clip, numbered per clip', () => {
    const spans = layOutClips([
      { clipId: 1, timeline: cfr(300, 30) },
      { clipId: 2, timeline: cfr(300, 30, 30, 1.5) }, // its own clock starts at 1.5 s
    ]);
    const ticks = frameTicks(spans, { unit: 'frames', major: 10, minor: 5 }, 9.5, 10.5);
    expect(ticks.map((tick) => [tick.label ?? `(${tick.major})`, tick.position.toFixed(4)])).toEqual([
      ['(false)', '9.5000'], // clip 1 frame 285
      ['290', '9.6667'],
      ['(false)', '9.8333'], // frame 295
      ['0', '10.0000'], // clip 2 frame 0
      ['(false)', '10.1667'],
      ['10', '10.3333'],
      ['(false)', '10.5000'],
    ]);
  });

  it('places frame ticks at the real frame times of a variable-rate clip', () => {
    const timeline: FrameTimeline = { seconds: [0, 0.04, 0.1, 0.12, 0.2, 0.3], keyframes: [0] };
    const spans = layOutClips([{ clipId: 1, timeline }]);
    const ticks = frameTicks(spans, { unit: 'frames', major: 2, minor: 1 }, 0, 1);
    expect(ticks.map((tick) => [tick.position, tick.label])).toEqual([
      [0, '0'],
      [0.04, null],
      [0.1, '2'],
      [0.12, null],
      [0.2, '4'],
      [0.3, null],
    ]);
  });
});

describe('keyframes', () => {
  const spans = layOutClips([
    { clipId: 1, timeline: cfr(900, 30, 30) }, // a keyframe every second, 30 s
    { clipId: 2, timeline: cfr(900, 30, 60) }, // every two seconds
  ]);

  it.each([
    // start, px/s, width → positions (or none when closer than 8 px)
    [0, 5, 300, []],
    [0, 7, 300, []],
    [0, 10, 300, Array.from({ length: 31 }, (_, k) => k)], // 30: clip 2's first frame
    [27.5, 20, 100, [28, 29, 30, 32]],
    [0, 720, 900, [0, 1]],
  ])('from %d s at %d px/s in %d px', (start, pixelsPerSecond, width, expected) => {
    expect(visibleKeyframes(spans, view(start, pixelsPerSecond, width)).map((p) => Number(p.toFixed(6)))).toEqual(expected);
  });

  it('shows none over a whole long recording', () => {
    const long = layOutClips([{ clipId: 1, timeline: cfr(54_000, 30, 30) }]);
    expect(visibleKeyframes(long, view(0, 0.5, 900))).toEqual([]);
  });
});

describe('waveform peaks', () => {
  it('decodes little-endian int16 [min, max] per channel per bucket', () => {
    const values = [-32767, 32767, -1, 0, -200, 300, 0, 1];
    const decoded = decodePeaks({ channels: 2, peaksPerSecond: 50, startSeconds: 0.02, peakCount: 2, peaks: encodePeaks(values) });
    expect(decoded.peakCount).toBe(2);
    expect(decoded.startSeconds).toBe(0.02);
    expect([...decoded.values]).toEqual(values);
  });

  it('keeps only the whole buckets of a payload shorter than promised', () => {
    const decoded = decodePeaks({ channels: 1, peaksPerSecond: 50, startSeconds: 0, peakCount: 3, peaks: encodePeaks([-5, 5, -6, 6, -7]) });
    expect(decoded.peakCount).toBe(2);
    expect([...decoded.values]).toEqual([-5, 5, -6, 6]);
  });

  const clip: ClipSpan = { clipId: 2, timeline: cfr(600, 30, 30, 0), offsetSeconds: 5, durationSeconds: 20 };
  const tenSeconds = source(1, 50, 0.02, Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? -100 : 100)));

  it.each([
    // start, end (positions) → buckets [first, end)
    [6, 7, 49, 99],
    [0, 5.5, 0, 24],
    [0, 4, 0, 0], // before the clip
    [14, 40, 449, 500], // past the last bucket
  ])('positions %d–%d s read buckets %d to %d', (start, end, first, last) => {
    expect(visiblePeakRange(tenSeconds, clip, start, end)).toEqual({ first, end: last });
  });

  it('takes every bucket a column covers when zoomed out, per channel or mixed', () => {
    // Stereo, 10 buckets per second; one loud bucket per channel, in different buckets.
    const values = Array.from({ length: 20 * 2 * 2 }, () => 0);
    values[(7 * 2 + 0) * 2] = -16_000; // bucket 7 (0.7 s), left min
    values[(7 * 2 + 0) * 2 + 1] = 8_000;
    values[(12 * 2 + 1) * 2 + 1] = 32_767; // bucket 12 (1.2 s), right max
    const stereo = source(2, 10, 0, values);
    const span: ClipSpan = { clipId: 1, timeline: cfr(60, 30), offsetSeconds: 0, durationSeconds: 2 };
    const zoomedOut = view(0, 2, 5); // one column per half second; the clip ends after the fourth
    const round = (array: Float32Array) => [...array].map((v) => (Number.isNaN(v) ? 'none' : Number(v.toFixed(3))));
    expect(round(peakColumns(stereo, span, zoomedOut, 0))).toEqual([0, 0, -0.488, 0.244, 0, 0, 0, 0, 'none', 'none']);
    expect(round(peakColumns(stereo, span, zoomedOut, 1))).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 'none', 'none']);
    expect(round(peakColumns(stereo, span, zoomedOut, 'mix'))).toEqual([0, 0, -0.488, 0.244, 0, 1, 0, 0, 'none', 'none']);
  });

  it('lets neighbouring columns share a bucket when zoomed in, and leaves the columns outside the clip empty', () => {
    const ramp = source(1, 10, 0, [-10, 10, -20, 20, -30, 30]); // 0.3 s of audio
    const span: ClipSpan = { clipId: 1, timeline: cfr(9, 30), offsetSeconds: 1, durationSeconds: 0.3 };
    const zoomedIn = view(1.1, 20, 6); // 1.1 s … 1.4 s, two columns per bucket
    const columns = peakColumns(ramp, span, zoomedIn, 0);
    expect([...columns.slice(0, 8)].map((v) => Math.round(v * 32_767))).toEqual([-20, 20, -20, 20, -30, 30, -30, 30]);
    expect(Number.isNaN(columns[8]!) && Number.isNaN(columns[11]!)).toBe(true);
  });
});

describe('thumbnail tiles', () => {
  const span: ClipSpan = { clipId: 3, timeline: cfr(300, 30), offsetSeconds: 60, durationSeconds: 10 };

  it('gives each tile its frame up to the next tile, the last up to the clip end', () => {
    expect(tileRanges(span, [0, 30, 60, 90, 120, 150, 180, 210, 240, 270]).map((r) => [r.tile, r.start, r.end])).toEqual(
      Array.from({ length: 10 }, (_, k) => [k, 60 + k, 61 + k]),
    );
  });

  it('lets the first tile cover the frames before it and skips frames outside the clip', () => {
    expect(tileRanges(span, [15, 150, 400]).map((r) => [r.tile, r.start, r.end])).toEqual([
      [0, 60, 65],
      [1, 65, 70],
    ]);
  });

  // 16:9 tiles in a 36 px lane are 64 px wide.
  it.each([
    // range start, end (s at 1 px/s from 0) → boxes [x, width, sx, sy, sw, sh]
    [0, 64, [[0, 64, 0, 0, 1, 1]]],
    [0, 32, [[0, 32, 0.25, 0, 0.5, 1]]],
    [0, 80, [[0, 80, 0, 0.1, 1, 0.8]]],
    [0, 96, [[0, 48, 0.125, 0, 0.75, 1], [48, 48, 0.125, 0, 0.75, 1]]],
    [100, 292, [[100, 64, 0, 0, 1, 1], [164, 64, 0, 0, 1, 1], [228, 64, 0, 0, 1, 1]]],
    [-200, -10, []],
  ])('range %d–%d px', (start, end, expected) => {
    const boxes = tileBoxes([{ tile: 4, start, end }], view(0, 1, 900), 16 / 9, 36);
    expect(boxes.map((b) => [b.x, b.width, b.sx, b.sy, b.sw, b.sh].map((v) => Number(v.toFixed(4))))).toEqual(expected);
    expect(boxes.every((b) => b.tile === 4)).toBe(true);
  });

  it('repeats a tile across a long range zoomed in, returning only the copies on screen', () => {
    // One tile stands for 3 minutes; at 720 px/s that is 129,600 px, the view shows 900 of them.
    const boxes = tileBoxes([{ tile: 0, start: 0, end: 180 }], view(90, 720, 900), 16 / 9, 36);
    expect(boxes.length).toBeGreaterThanOrEqual(14);
    expect(boxes.length).toBeLessThanOrEqual(16);
    expect(boxes[0]!.x).toBeLessThanOrEqual(0);
    expect(boxes[0]!.x + boxes[0]!.width).toBeGreaterThan(0);
    expect(boxes.at(-1)!.x).toBeLessThan(900);
    expect(boxes.every((b) => Math.abs(b.width - 64) < 0.01)).toBe(true);
  });
});
