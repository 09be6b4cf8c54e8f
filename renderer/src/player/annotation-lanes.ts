// The annotation lanes of the player's timeline: a clip's evidence markers, one row per redaction
// track and its audio redactions. They are placed on the recording's timeline (seconds, clips end
// to end) once per data change and cut down to the view on every repaint. A clip may hold 10,000
// markers and 500 tracks of 200 keyframes while the timeline scrolls at 60 frames per second, so a
// repaint touches only what is in view: markers are kept sorted by start with the longest one
// remembered (the binary search into the view then also finds long ranges that begin left of it),
// markers in one pixel column are drawn as one glyph, and only the rows on screen are cut.
// Hit testing lives here too, so a click finds exactly what was drawn. Pure, no DOM; tested in Node.
import type { AnnotationRef, AudioRedaction, Marker, Track } from '../../../shared/api/annotations.ts';
import { positionOf, type ClipSpan } from '../../../shared/time/recording-timeline.ts';
import { shownRanges } from '../../../shared/tracks/interpolation.ts';
import { firstAtOrAbove, viewEnd, xOf, type TimelineView } from './timeline-scale.ts';

/** A bar is drawn at least this wide, and a click this close to it still hits it (CSS px). */
export const MIN_BAR_PIXELS = 2;
const HIT_SLOP_PIXELS = 2;
/** Space between a label and what it belongs to. */
export const LABEL_GAP_PIXELS = 3;

/** Geometry of the marker lane, y in CSS px from the lane's top. */
export const markerLane = {
  height: 40,
  /** Point markers: a diamond in the upper band; a click within `reach` px of it selects it. */
  point: { top: 0, bottom: 20, middle: 10, half: 5, reach: 6 },
  /** Range markers: bars in the lower band. */
  range: { top: 22, height: 14 },
} as const;

/** Geometry of the audio redaction lane. */
export const audioLane = {
  height: 14,
  bar: { top: 2, height: 10 },
} as const;

/** Geometry of the redaction track rows. */
export const trackLane = {
  rowHeight: 11,
  maxRows: 8,
  /** Space above the first and below the last row. */
  padding: 3,
  /** The lane without tracks: room for its empty-state hint. */
  emptyHeight: 22,
  /** Wheel pixels that scroll one row (a mouse notch of 100 px scrolls three). */
  wheelPixelsPerRow: 33,
} as const;

// ---- Frames to positions --------------------------------------------------------------------

/** Where a frame of the clip starts on the recording's timeline (the frame limited to the clip). */
function frameStartAt(span: ClipSpan, frame: number): number {
  return positionOf(span, Math.min(span.timeline.seconds.length - 1, Math.max(0, frame)));
}

/** Where a frame of the clip ends: where the next one starts, or the clip's end after its last frame. */
function frameEndAt(span: ClipSpan, frame: number): number {
  const next = Math.max(0, frame + 1);
  return next < span.timeline.seconds.length ? positionOf(span, next) : span.offsetSeconds + span.durationSeconds;
}

/** The earlier of two bars when they start together, else the one starting first. */
const byStart = <T extends { start: number; end: number; id: number }>(a: T, b: T) => a.start - b.start || a.end - b.end || a.id - b.id;

/** Whether x falls on a bar from x0 to x1, widened to what is drawn and a little slop. */
function onBar(x0: number, x1: number, x: number): boolean {
  return x >= x0 - HIT_SLOP_PIXELS && x <= Math.max(x1, x0 + MIN_BAR_PIXELS) + HIT_SLOP_PIXELS;
}

/** The narrowest of the bars under x (a short range inside a long one stays clickable); the first on a tie. */
function narrowestAt<T>(bars: readonly T[], x: number, extent: (bar: T) => { x0: number; x1: number } | null): T | null {
  let found: T | null = null;
  let narrowest = Infinity;
  for (const bar of bars) {
    const box = extent(bar);
    if (!box || !onBar(box.x0, box.x1, x) || box.x1 - box.x0 >= narrowest) continue;
    found = bar;
    narrowest = box.x1 - box.x0;
  }
  return found;
}

// ---- Markers --------------------------------------------------------------------------------

export type Statement = Marker['statement'];

export interface PlacedMarker {
  id: number;
  /** Where its first frame starts. */
  start: number;
  /** Where its last frame ends; equal to start for a point marker. */
  end: number;
  point: boolean;
  statement: Statement;
  category: string;
}

export interface MarkerIndex {
  /** By start, then end, then id. */
  markers: readonly PlacedMarker[];
  /** Their starts, for the binary search into the view. */
  starts: Float64Array;
  /** The longest marker in seconds: none that starts further left of the view reaches into it. */
  longest: number;
}

export function placeMarkers(markers: readonly Marker[], span: ClipSpan): MarkerIndex {
  if (span.timeline.seconds.length === 0) return { markers: [], starts: new Float64Array(0), longest: 0 };
  const placed = markers
    .map(({ id, startFrame, endFrame, statement, category }): PlacedMarker => {
      const point = endFrame <= startFrame;
      const start = frameStartAt(span, startFrame);
      return { id, start, end: point ? start : Math.max(start, frameEndAt(span, endFrame)), point, statement, category };
    })
    .sort(byStart);
  let longest = 0;
  for (const marker of placed) longest = Math.max(longest, marker.end - marker.start);
  return { markers: placed, starts: Float64Array.from(placed, (marker) => marker.start), longest };
}

/** One drawn marker, or several that start in the same pixel column (points and ranges apart). */
export interface MarkerGlyph {
  point: boolean;
  /** x of the first marker's start and of the furthest end among them (CSS px in the view). */
  x0: number;
  x1: number;
  /** The earliest of them; a click selects it. */
  marker: PlacedMarker;
  count: number;
  /** 'mixed' when the markers of one column differ. */
  statement: Statement | 'mixed';
  /** The selected marker is one of them. */
  selected: boolean;
  /** Pixels free for a label: inside a range's visible bar; right of a point up to the next point. */
  room: number;
}

export interface MarkersInView {
  /** By start. */
  glyphs: MarkerGlyph[];
  /** Markers in view (more than glyphs when columns are shared). */
  count: number;
}

export function markersInView(index: MarkerIndex, view: TimelineView, selectedId: number | null): MarkersInView {
  const end = viewEnd(view);
  const glyphs: MarkerGlyph[] = [];
  let count = 0;
  let lastPoint: MarkerGlyph | null = null;
  let lastRange: MarkerGlyph | null = null;
  for (let i = firstAtOrAbove(index.starts, view.start - index.longest); i < index.markers.length; i++) {
    const marker = index.markers[i] as PlacedMarker;
    if (marker.start > end) break;
    if (marker.end < view.start) continue;
    count++;
    const x0 = xOf(view, marker.start);
    const x1 = xOf(view, marker.end);
    const last = marker.point ? lastPoint : lastRange;
    if (last && Math.floor(last.x0) === Math.floor(x0)) {
      last.count++;
      last.x1 = Math.max(last.x1, x1);
      if (last.statement !== marker.statement) last.statement = 'mixed';
      if (marker.id === selectedId) last.selected = true;
      continue;
    }
    const glyph: MarkerGlyph = { point: marker.point, x0, x1, marker, count: 1, statement: marker.statement, selected: marker.id === selectedId, room: 0 };
    glyphs.push(glyph);
    if (marker.point) lastPoint = glyph;
    else lastRange = glyph;
  }
  measureLabelRoom(glyphs, view.width);
  return { glyphs, count };
}

function measureLabelRoom(glyphs: readonly MarkerGlyph[], width: number): void {
  const { point } = markerLane;
  const labelGap = LABEL_GAP_PIXELS;
  let nextPointLeft = width;
  for (let i = glyphs.length - 1; i >= 0; i--) {
    const glyph = glyphs[i] as MarkerGlyph;
    if (glyph.point) {
      glyph.room = Math.max(0, nextPointLeft - glyph.x0 - point.half - 2 * labelGap);
      nextPointLeft = glyph.x0 - point.half;
    } else {
      glyph.room = Math.max(0, Math.min(glyph.x1, width) - Math.max(glyph.x0, 0) - 2 * labelGap);
    }
  }
}

/** The marker a click hits, y from the lane's top: the nearest point in the upper band, the narrowest range in the lower. */
export function markerAt(glyphs: readonly MarkerGlyph[], x: number, y: number): number | null {
  const { point, range } = markerLane;
  if (y >= point.top && y < point.bottom) {
    let found: MarkerGlyph | null = null;
    let nearest = Infinity;
    for (const glyph of glyphs) {
      const distance = Math.abs(glyph.x0 - x);
      if (!glyph.point || distance > point.reach || distance >= nearest) continue;
      found = glyph;
      nearest = distance;
    }
    return found?.marker.id ?? null;
  }
  if (y >= range.top && y < range.top + range.height) {
    return narrowestAt(glyphs, x, (glyph) => (glyph.point ? null : glyph))?.marker.id ?? null;
  }
  return null;
}

// ---- Redaction track rows -------------------------------------------------------------------

export interface PlacedTrack {
  id: number;
  /** Where each shown range starts and ends, ascending. */
  shownStarts: Float64Array;
  shownEnds: Float64Array;
  /** Keyframe positions, ascending, and 1 where a keyframe is `outside`. */
  keyframes: Float64Array;
  outside: Uint8Array;
}

export function placeTrack(track: Pick<Track, 'id' | 'keyframes'>, span: ClipSpan): PlacedTrack {
  const frames = span.timeline.seconds.length;
  const ranges = shownRanges(track.keyframes, frames);
  const keyframes = track.keyframes.filter(({ frame }) => frame < frames);
  return {
    id: track.id,
    shownStarts: Float64Array.from(ranges, ([from]) => positionOf(span, from)),
    shownEnds: Float64Array.from(ranges, ([, to]) => frameEndAt(span, to)),
    keyframes: Float64Array.from(keyframes, ({ frame }) => positionOf(span, frame)),
    outside: Uint8Array.from(keyframes, ({ outside }) => (outside ? 1 : 0)),
  };
}

export interface RowMarks {
  /** Shown ranges in view, cut to it; ranges less than a pixel apart are one bar. */
  bars: { x0: number; x1: number }[];
  /** Keyframes in view: one per pixel column, shown and outside keyframes apart. */
  keyframes: { x: number; outside: boolean }[];
}

export function rowMarks(track: PlacedTrack, view: TimelineView): RowMarks {
  const end = viewEnd(view);
  const bars: RowMarks['bars'] = [];
  for (let i = firstAtOrAbove(track.shownEnds, view.start); i < track.shownStarts.length && (track.shownStarts[i] as number) <= end; i++) {
    const x0 = Math.max(0, xOf(view, track.shownStarts[i] as number));
    const x1 = Math.max(x0 + 1, Math.min(view.width, xOf(view, track.shownEnds[i] as number)));
    const last = bars[bars.length - 1];
    if (last && x0 - last.x1 < 1) last.x1 = Math.max(last.x1, x1);
    else bars.push({ x0, x1 });
  }
  const keyframes: RowMarks['keyframes'] = [];
  const lastColumn = [-Infinity, -Infinity];
  for (let i = firstAtOrAbove(track.keyframes, view.start); i < track.keyframes.length && (track.keyframes[i] as number) <= end; i++) {
    const x = xOf(view, track.keyframes[i] as number);
    const outside = track.outside[i] as number;
    if (Math.floor(x) === lastColumn[outside]) continue;
    lastColumn[outside] = Math.floor(x);
    keyframes.push({ x, outside: outside === 1 });
  }
  return { bars, keyframes };
}

export function shownRows(trackCount: number): number {
  return Math.min(trackCount, trackLane.maxRows);
}

export function trackLaneHeight(trackCount: number): number {
  const rows = shownRows(trackCount);
  return rows === 0 ? trackLane.emptyHeight : rows * trackLane.rowHeight + 2 * trackLane.padding;
}

/** The first row shown, limited so that the rows never scroll past the last track. */
export function clampFirstRow(first: number, trackCount: number): number {
  return Math.min(Math.max(0, trackCount - trackLane.maxRows), Math.max(0, first));
}

/** The first row that shows `row`: unchanged when it is shown, else scrolled just far enough. */
export function firstRowShowing(first: number, row: number, trackCount: number): number {
  const rows = shownRows(trackCount);
  if (row < first) return clampFirstRow(row, trackCount);
  if (row >= first + rows) return clampFirstRow(row - rows + 1, trackCount);
  return clampFirstRow(first, trackCount);
}

/** Where the rows are scrolled to; `rest` keeps wheel pixels not yet worth a row (trackpads send few at a time). */
export interface RowScroll {
  first: number;
  rest: number;
}

export function scrollRows(scroll: RowScroll, deltaPixels: number, trackCount: number): RowScroll {
  const total = scroll.rest + deltaPixels;
  const rows = Math.trunc(total / trackLane.wheelPixelsPerRow);
  const first = clampFirstRow(scroll.first + rows, trackCount);
  // At either end the rest is dropped, so that turning the wheel back scrolls at once.
  return { first, rest: first === scroll.first + rows ? total - rows * trackLane.wheelPixelsPerRow : 0 };
}

/** y of a row's top from the lane's top. */
export function rowTop(row: number, first: number): number {
  return trackLane.padding + (row - first) * trackLane.rowHeight;
}

/** The track row (index into the tracks) at y from the lane's top, or null between and below the rows. */
export function trackRowAt(y: number, first: number, trackCount: number): number | null {
  const row = Math.floor((y - trackLane.padding) / trackLane.rowHeight);
  if (y < trackLane.padding || row >= shownRows(trackCount)) return null;
  return first + row;
}

/** The scroll thumb at the rows' right edge when there are more tracks than rows. */
export function rowScrollThumb(first: number, trackCount: number): { top: number; height: number } | null {
  const { maxRows, rowHeight, padding } = trackLane;
  if (trackCount <= maxRows) return null;
  const area = maxRows * rowHeight;
  const height = Math.max(6, (area * maxRows) / trackCount);
  return { top: padding + ((area - height) * clampFirstRow(first, trackCount)) / (trackCount - maxRows), height };
}

// ---- Audio redactions -----------------------------------------------------------------------

export interface PlacedAudio {
  id: number;
  start: number;
  end: number;
  effect: AudioRedaction['effect'];
  /** The channel (0 left, 1 right, …) or null for all. */
  channel: number | null;
}

/** Sorted by start; a range covers its frames whole, a single frame too. */
export function placeAudio(audio: readonly AudioRedaction[], span: ClipSpan): PlacedAudio[] {
  if (span.timeline.seconds.length === 0) return [];
  return audio
    .map(({ id, startFrame, endFrame, effect, channel }) => {
      const start = frameStartAt(span, startFrame);
      return { id, start, end: Math.max(start, frameEndAt(span, Math.max(startFrame, endFrame))), effect, channel };
    })
    .sort(byStart);
}

/** Audio redactions are few (spoken names, addresses): a scan finds those in view. */
export function audioInView(audio: readonly PlacedAudio[], view: TimelineView): PlacedAudio[] {
  const end = viewEnd(view);
  return audio.filter((range) => range.end >= view.start && range.start <= end);
}

export function audioAt(audio: readonly PlacedAudio[], view: TimelineView, x: number): number | null {
  return narrowestAt(audio, x, (range) => ({ x0: xOf(view, range.start), x1: xOf(view, range.end) }))?.id ?? null;
}

// ---- Clicks ---------------------------------------------------------------------------------

/** What the annotation lanes show, with their tops (CSS px from the canvas's top), for hit testing. */
export interface LaneScene {
  view: TimelineView;
  audio: { top: number; ranges: readonly PlacedAudio[] };
  markers: { top: number; glyphs: readonly MarkerGlyph[] };
  tracks: { top: number; ids: readonly number[]; first: number };
}

/** The annotation under a click at (x, y) on the canvas, or null where a click seeks. */
export function annotationAt(scene: LaneScene, x: number, y: number): AnnotationRef | null {
  const { audio, markers, tracks } = scene;
  if (y >= audio.top && y < audio.top + audioLane.height) {
    const id = audioAt(audio.ranges, scene.view, x);
    return id === null ? null : { kind: 'audio', id };
  }
  if (y >= markers.top && y < markers.top + markerLane.height) {
    const id = markerAt(markers.glyphs, x, y - markers.top);
    return id === null ? null : { kind: 'marker', id };
  }
  if (y >= tracks.top && y < tracks.top + trackLaneHeight(tracks.ids.length)) {
    const row = trackRowAt(y - tracks.top, tracks.first, tracks.ids.length);
    const id = row === null ? undefined : tracks.ids[row];
    return id === undefined ? null : { kind: 'track', id };
  }
  return null;
}
