// The timeline's annotation lanes: which markers a view shows (long ranges that begin left of it
// included, one glyph per pixel column), which annotation a click hits, the redaction track rows
// and their scrolling, and the audio redactions. Clips are laid end to end, so the second clip's
// frames sit 10 s into the recording.
import { describe, expect, it } from 'vitest';
import type { AudioRedaction, Marker, Track } from '../../shared/api/annotations.ts';
import type { FrameTimeline } from '../../shared/time/frames.ts';
import { layOutClips, type ClipSpan } from '../../shared/time/recording-timeline.ts';
import {
  annotationAt,
  audioAt,
  audioInView,
  clampFirstRow,
  firstRowShowing,
  markerAt,
  markersInView,
  placeAudio,
  placeMarkers,
  placeTrack,
  rowMarks,
  rowScrollThumb,
  rowTop,
  scrollRows,
  trackLaneHeight,
  trackRowAt,
  type LaneScene,
} from '../../renderer/src/player/annotation-lanes.ts';
import type { TimelineView } from '../../renderer/src/player/timeline-scale.ts';

/** 30 frames per second; frames that are multiples of 15 start on exact half seconds. */
function cfr(frames: number): FrameTimeline {
  return { seconds: Array.from({ length: frames }, (_, n) => n / 30), keyframes: [0] };
}

/** Clip 1: 10 s; clip 2: 20 s, from 10 s to 30 s on the recording's timeline. */
const spans = layOutClips([
  { clipId: 1, timeline: cfr(300) },
  { clipId: 2, timeline: cfr(600) },
]);
const clip2 = spans[1] as ClipSpan;
/** 30 s, give or take the rounding of the frame times it is summed from. */
const clip2End = clip2.offsetSeconds + clip2.durationSeconds;

const view = (start: number, pixelsPerSecond: number, width: number): TimelineView => ({ start, pixelsPerSecond, width });

const record = { version: 1, author: 'PK Weber', createdUtc: '2024-03-14T10:00:00Z', updatedUtc: '2024-03-14T10:00:00Z', deletedUtc: null };

function marker(id: number, startFrame: number, endFrame: number, statement: Marker['statement'] = 'fact', category = 'Widerstand'): Marker {
  return { id, startFrame, endFrame, statement, category, text: '', ...record };
}

function track(id: number, keyframes: [frame: number, outside: boolean][]): Track {
  return {
    id,
    keyframes: keyframes.map(([frame, outside]) => ({ frame, outside, box: { x: 10, y: 10, width: 50, height: 50 } })),
    shape: 'rectangle',
    method: 'fill',
    blockSize: 16,
    reason: 'bystander',
    note: '',
    ...record,
  };
}

function audio(id: number, startFrame: number, endFrame: number, effect: AudioRedaction['effect'] = 'mute', channel: number | null = null): AudioRedaction {
  return { id, startFrame, endFrame, effect, channel, note: '', ...record };
}

// On clip 2: 1 point at 10 s, 2 range 11–12 s, 3 point at 20 s, 4 range 10–25 s, 5 point at the
// last frame, 6 range 27–28 s.
const evidence = [
  marker(3, 300, 300, 'assessment', 'Beleidigung'),
  marker(1, 0, 0),
  marker(6, 510, 539),
  marker(2, 30, 59, 'assessment'),
  marker(4, 0, 449),
  marker(5, 599, 599),
];

describe('placing markers', () => {
  it('sorts them by start and puts frames where the clip lies on the recording', () => {
    const index = placeMarkers(evidence, clip2);
    expect(index.markers.map(({ id, start, end, point }) => [id, start, end, point])).toEqual([
      [1, 10, 10, true],
      [4, 10, 25, false],
      [2, 11, 12, false],
      [3, 20, 20, true],
      [6, 27, 28, false],
      [5, 10 + 599 / 30, 10 + 599 / 30, true],
    ]);
    expect([...index.starts]).toEqual([10, 10, 11, 20, 27, 10 + 599 / 30]);
    expect(index.longest).toBe(15);
  });

  it('runs a range on the last frame to the end of the clip', () => {
    expect(clip2End).toBeCloseTo(30, 12);
    expect(placeMarkers([marker(7, 585, 599)], clip2).markers[0]).toMatchObject({ start: 29.5, end: clip2End });
  });

  it('places nothing on a clip without frames', () => {
    const empty = layOutClips([{ clipId: 9, timeline: cfr(0) }])[0] as ClipSpan;
    expect(placeMarkers(evidence, empty)).toEqual({ markers: [], starts: new Float64Array(0), longest: 0 });
  });
});

describe('markers in view', () => {
  const index = placeMarkers(evidence, clip2);
  const ids = (v: TimelineView) => markersInView(index, v, null).glyphs.map((glyph) => glyph.marker.id);

  it.each([
    // view start, px/s, width → markers (by start)
    [10, 10, 100, [1, 4, 2, 3]],
    // the long range 4 starts 5 s left of the view and is found all the same
    [15, 10, 50, [4, 3]],
    [20.5, 10, 50, [4]],
    [25.5, 10, 100, [6, 5]],
    // the view ends where clip 2 begins: its first point and the range from there touch the edge
    [0, 10, 100, [1, 4]],
    [0, 10, 99, []],
    // the whole recording, 0.5 px per frame
    [0, 15, 450, [1, 4, 2, 3, 6, 5]],
  ])('from %d s at %d px/s, %d px wide: %j', (start, pixelsPerSecond, width, expected) => {
    expect(ids(view(start, pixelsPerSecond, width))).toEqual(expected);
  });

  it('gives each glyph its place, look and room for a label', () => {
    const { glyphs, count } = markersInView(index, view(10, 10, 100), 2);
    expect(count).toBe(4);
    expect(glyphs.map(({ marker, ...glyph }) => ({ id: marker.id, ...glyph }))).toEqual([
      // a label right of the point runs up to the next point's diamond
      { id: 1, point: true, x0: 0, x1: 0, count: 1, statement: 'fact', selected: false, room: 84 },
      { id: 4, point: false, x0: 0, x1: 150, count: 1, statement: 'fact', selected: false, room: 94 },
      { id: 2, point: false, x0: 10, x1: 20, count: 1, statement: 'assessment', selected: true, room: 4 },
      // at the right edge: no room
      { id: 3, point: true, x0: 100, x1: 100, count: 1, statement: 'assessment', selected: false, room: 0 },
    ]);
  });

  it('draws markers that start in one pixel column as one glyph, points and ranges apart', () => {
    const column = [
      marker(11, 0, 0),
      marker(12, 15, 15, 'assessment'),
      marker(13, 30, 30),
      marker(14, 0, 29),
      marker(15, 15, 104),
      marker(16, 30, 44),
    ];
    const { glyphs, count } = markersInView(placeMarkers(column, clip2), view(10, 1, 100), 12);
    expect(count).toBe(6);
    expect(glyphs.map(({ marker: first, ...glyph }) => ({ id: first.id, ...glyph }))).toEqual([
      // 10 s and 10.5 s share column 0
      { id: 11, point: true, x0: 0, x1: 0.5, count: 2, statement: 'mixed', selected: true, room: 0 },
      { id: 14, point: false, x0: 0, x1: 3.5, count: 2, statement: 'fact', selected: false, room: 0 },
      { id: 13, point: true, x0: 1, x1: 1, count: 1, statement: 'fact', selected: false, room: 88 },
      { id: 16, point: false, x0: 1, x1: 1.5, count: 1, statement: 'fact', selected: false, room: 0 },
    ]);
  });

  it('draws 10,000 markers over the whole recording as one glyph per pixel column and kind', () => {
    // every frame of clip 2 holds points and ranges
    const many = Array.from({ length: 10_000 }, (_, i) => {
      const frame = i % 600;
      return marker(i + 1, frame, Math.floor(i / 600) % 2 === 0 ? frame + 30 : frame);
    });
    const { glyphs, count } = markersInView(placeMarkers(many, clip2), view(0, 15, 450), null);
    expect(count).toBe(10_000);
    // 600 frames half a pixel apart from x 150 to 450: 300 columns, each with a point and a range glyph
    expect(glyphs.length).toBe(600);
    expect(new Set(glyphs.map((glyph) => `${glyph.point}:${Math.floor(glyph.x0)}`)).size).toBe(600);
    expect(glyphs.reduce((sum, glyph) => sum + glyph.count, 0)).toBe(10_000);
  });
});

describe('clicking a marker', () => {
  const { glyphs } = markersInView(placeMarkers(evidence, clip2), view(10, 10, 100), null);

  it.each([
    // x, y from the lane's top → marker
    // the point at x 0 in the upper band, within its reach
    [0, 10, 1],
    [6, 3, 1],
    [7, 10, null],
    [98, 19, 3],
    // the lower band: the narrowest range under x, so range 2 inside range 4 stays clickable
    [15, 25, 2],
    [21.5, 30, 2],
    [23, 30, 4],
    [149, 22, 4],
    // between the bands and below them
    [0, 20, null],
    [15, 37, null],
  ])('at x %d, y %d: marker %s', (x, y, expected) => {
    expect(markerAt(glyphs, x, y)).toBe(expected);
  });
});

describe('track rows', () => {
  // shown from frame 0, leaves at 60, comes back at 90 until the clip ends; frame 700 is past it
  const placed = placeTrack(
    track(21, [
      [0, false],
      [30, false],
      [60, true],
      [90, false],
      [700, false],
    ]),
    clip2,
  );

  it('places shown ranges and keyframes on the recording', () => {
    expect([...placed.shownStarts]).toEqual([10, 13]);
    expect([...placed.shownEnds]).toEqual([12, clip2End]);
    expect([...placed.keyframes]).toEqual([10, 11, 12, 13]);
    expect([...placed.outside]).toEqual([0, 0, 1, 0]);
  });

  it.each([
    // view start, px/s, width → bars, keyframes
    [11.5, 10, 100, [{ x0: 0, x1: 5 }, { x0: 15, x1: 100 }], [{ x: 5, outside: true }, { x: 15, outside: false }]],
    // half a pixel per second: bars closer than a pixel join, one keyframe per column and kind
    [
      10,
      0.5,
      100,
      [{ x0: 0, x1: (clip2End - 10) * 0.5 }],
      [
        { x: 0, outside: false },
        { x: 1, outside: true },
        { x: 1.5, outside: false },
      ],
    ],
    // before the track: nothing
    [0, 10, 90, [], []],
  ])('from %d s at %d px/s, %d px wide', (start, pixelsPerSecond, width, bars, keyframes) => {
    expect(rowMarks(placed, view(start, pixelsPerSecond, width))).toEqual({ bars, keyframes });
  });

  it.each([
    // tracks → lane height
    [0, 22],
    [1, 17],
    [8, 94],
    [500, 94],
  ])('%d tracks need a lane of %d px', (count, height) => {
    expect(trackLaneHeight(count)).toBe(height);
  });

  it.each([
    // first row, tracks → clamped
    [0, 20, 0],
    [12, 20, 12],
    [13, 20, 12],
    [-3, 20, 0],
    [4, 5, 0],
  ])('first row %d of %d tracks is clamped to %d', (first, count, expected) => {
    expect(clampFirstRow(first, count)).toBe(expected);
  });

  it.each([
    // first row, selected row, tracks → first row showing it
    [0, 3, 20, 0],
    [0, 8, 20, 1],
    [0, 19, 20, 12],
    [10, 4, 20, 4],
    [10, 17, 20, 10],
    [5, 2, 6, 0],
  ])('rows from %d scroll to show row %d of %d: from %d', (first, row, count, expected) => {
    expect(firstRowShowing(first, row, count)).toBe(expected);
  });

  it.each([
    // scroll, wheel pixels, tracks → scroll
    [{ first: 0, rest: 0 }, 100, 20, { first: 3, rest: 1 }],
    [{ first: 3, rest: 1 }, -100, 20, { first: 0, rest: 0 }],
    // a trackpad's few pixels gather until they are worth a row
    [{ first: 5, rest: 0 }, 20, 20, { first: 5, rest: 20 }],
    [{ first: 5, rest: 20 }, 20, 20, { first: 6, rest: 7 }],
    // the ends hold and forget the rest
    [{ first: 11, rest: 30 }, 100, 20, { first: 12, rest: 0 }],
    [{ first: 1, rest: 0 }, -500, 20, { first: 0, rest: 0 }],
    [{ first: 0, rest: 0 }, 100, 8, { first: 0, rest: 0 }],
  ])('%j scrolled by %d px over %d tracks: %j', (scroll, delta, count, expected) => {
    expect(scrollRows(scroll, delta, count)).toEqual(expected);
  });

  it.each([
    // y from the lane's top, first row, tracks → row
    [3, 0, 20, 0],
    [13.9, 0, 20, 0],
    [14, 0, 20, 1],
    [90, 0, 20, 7],
    [91, 0, 20, null],
    [2, 0, 20, null],
    [50, 12, 20, 16],
    [25, 0, 2, null],
  ])('y %d with rows from %d of %d tracks: row %s', (y, first, count, expected) => {
    expect(trackRowAt(y, first, count)).toBe(expected);
  });

  it('puts rows below each other from the first one shown', () => {
    expect([rowTop(4, 4), rowTop(5, 4), rowTop(11, 4)]).toEqual([3, 14, 80]);
  });

  it.each([
    // first row, tracks → thumb
    [0, 8, null],
    [0, 16, { top: 3, height: 44 }],
    [8, 16, { top: 47, height: 44 }],
    [4, 16, { top: 25, height: 44 }],
    // many tracks: the thumb keeps a size one can see
    [492, 500, { top: 85, height: 6 }],
  ])('rows from %d of %d tracks: thumb %j', (first, count, expected) => {
    expect(rowScrollThumb(first, count)).toEqual(expected);
  });
});

describe('audio redactions', () => {
  const placed = placeAudio([audio(32, 300, 329, 'bleep', 1), audio(31, 0, 149), audio(33, 60, 60, 'mute', 0)], clip2);

  it('covers their frames whole, sorted by start', () => {
    expect(placed).toEqual([
      { id: 31, start: 10, end: 15, effect: 'mute', channel: null },
      { id: 33, start: 12, end: 10 + 61 / 30, effect: 'mute', channel: 0 },
      { id: 32, start: 20, end: 21, effect: 'bleep', channel: 1 },
    ]);
  });

  it.each([
    [0, 10, 90, []],
    [10, 10, 100, [31, 33, 32]],
    [15.5, 10, 40, []],
    [21, 10, 100, [32]],
  ])('from %d s at %d px/s, %d px wide: %j', (start, pixelsPerSecond, width, expected) => {
    expect(audioInView(placed, view(start, pixelsPerSecond, width)).map((range) => range.id)).toEqual(expected);
  });

  it.each([
    // x → redaction (view from 10 s at 10 px/s)
    [5, 31],
    // the one-frame range inside the long one: narrowest wins, and it is hit a little beside it
    [20, 33],
    [24, 33],
    [24.5, 31],
    [51, 31],
    [53, null],
    [100, 32],
  ])('a click at x %d hits %s', (x, expected) => {
    expect(audioAt(placed, view(10, 10, 200), x)).toBe(expected);
  });
});

describe('which annotation a click hits', () => {
  const v = view(10, 10, 200);
  const tracks = Array.from({ length: 12 }, (_, i) => 100 + i);
  const scene: LaneScene = {
    view: v,
    audio: { top: 140, ranges: audioInView(placeAudio([audio(31, 0, 149)], clip2), v) },
    markers: { top: 154, glyphs: markersInView(placeMarkers(evidence, clip2), v, null).glyphs },
    tracks: { top: 194, ids: tracks, first: 4 },
  };

  it.each([
    // x, y → annotation
    [10, 145, { kind: 'audio', id: 31 }],
    [60, 145, null],
    [2, 160, { kind: 'marker', id: 1 }],
    [15, 180, { kind: 'marker', id: 2 }],
    [60, 180, { kind: 'marker', id: 4 }],
    [60, 160, null],
    // the rows show tracks 4 to 11
    [60, 197, { kind: 'track', id: 104 }],
    [60, 284, { kind: 'track', id: 111 }],
    [60, 286, null],
    // the thumbnails and waveform above, nothing below
    [10, 100, null],
    [10, 300, null],
  ])('at x %d, y %d: %j', (x, y, expected) => {
    expect(annotationAt(scene, x, y)).toEqual(expected);
  });
});
