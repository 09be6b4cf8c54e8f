// The geometry of the player's timeline: which seconds of the recording a pixel shows, how far it
// zooms, where the ruler's ticks go, which audio peaks and thumbnail tiles fall into the visible
// part. Positions are seconds on the recording's timeline (0 = its first frame, clips end to end).
// Pure, no DOM; tested in Node.
import { frameAt } from '../../../shared/time/frames.ts';
import { positionOf, type ClipSpan } from '../../../shared/time/recording-timeline.ts';
import type { PeakSource } from './waveform-peaks.ts';

/** The visible part of the timeline. */
export interface TimelineView {
  /** Position at the left edge. */
  start: number;
  /** Zoom: CSS pixels per second. */
  pixelsPerSecond: number;
  /** Visible width in CSS pixels. */
  width: number;
}

export interface ZoomLimits {
  /** The whole recording fills the width. */
  min: number;
  /** One frame is MIN_FRAME_PIXELS wide. */
  max: number;
}

/** At the strongest zoom a frame is at least this wide. */
export const MIN_FRAME_PIXELS = 24;

/** Frame duration assumed when the spans say nothing (an empty recording). */
const FALLBACK_FRAME_SECONDS = 1 / 30;

export function xOf(view: TimelineView, position: number): number {
  return (position - view.start) * view.pixelsPerSecond;
}

export function positionAt(view: TimelineView, x: number): number {
  return view.start + x / view.pixelsPerSecond;
}

export function viewEnd(view: TimelineView): number {
  return view.start + view.width / view.pixelsPerSecond;
}

/**
 * The frame duration the strongest zoom is made for: the shortest average frame duration among
 * the clips (an average, so that one odd frame of a variable-rate clip does not decide it).
 */
export function typicalFrameSeconds(spans: readonly ClipSpan[]): number {
  let shortest = Infinity;
  for (const span of spans) {
    const frames = span.timeline.seconds.length;
    if (frames > 0 && span.durationSeconds > 0) shortest = Math.min(shortest, span.durationSeconds / frames);
  }
  return Number.isFinite(shortest) ? shortest : FALLBACK_FRAME_SECONDS;
}

export function zoomLimits(duration: number, width: number, frameSeconds: number): ZoomLimits {
  const min = duration > 0 && width > 0 ? width / duration : 1;
  const max = MIN_FRAME_PIXELS / (frameSeconds > 0 ? frameSeconds : FALLBACK_FRAME_SECONDS);
  return { min, max: Math.max(min, max) };
}

export function clampZoom(pixelsPerSecond: number, limits: ZoomLimits): number {
  if (!Number.isFinite(pixelsPerSecond)) return limits.min;
  return Math.min(limits.max, Math.max(limits.min, pixelsPerSecond));
}

/** The left edge limited so that the view never shows space before 0 or after the end. */
export function clampStart(start: number, pixelsPerSecond: number, width: number, duration: number): number {
  const visible = width / pixelsPerSecond;
  if (!Number.isFinite(start) || visible >= duration) return 0;
  return Math.min(duration - visible, Math.max(0, start));
}

/** The whole recording in the width. */
export function fitView(duration: number, width: number, frameSeconds: number): TimelineView {
  return { start: 0, pixelsPerSecond: zoomLimits(duration, width, frameSeconds).min, width };
}

/** A new zoom that keeps the position under `anchorX` where it is (clamped to the limits and the recording). */
export function zoomAround(view: TimelineView, pixelsPerSecond: number, anchorX: number, duration: number, limits: ZoomLimits): TimelineView {
  const next = clampZoom(pixelsPerSecond, limits);
  const anchor = positionAt(view, anchorX);
  return { start: clampStart(anchor - anchorX / next, next, view.width, duration), pixelsPerSecond: next, width: view.width };
}

/** Scrolled by `dx` pixels (positive: later), within the recording. */
export function scrollView(view: TimelineView, dx: number, duration: number): TimelineView {
  return { ...view, start: clampStart(view.start + dx / view.pixelsPerSecond, view.pixelsPerSecond, view.width, duration) };
}

/**
 * The view that shows the playhead: unchanged while it is visible; when it left the view, a page
 * turn that puts it `lead` of the width from the left edge.
 */
export function followPlayhead(view: TimelineView, position: number, duration: number, lead = 0.1): TimelineView {
  const end = viewEnd(view);
  if (position >= view.start && position <= end) return view;
  const visible = view.width / view.pixelsPerSecond;
  return { ...view, start: clampStart(position - visible * lead, view.pixelsPerSecond, view.width, duration) };
}

// ---- Ruler ----------------------------------------------------------------------------------

/** Tick spacing: in seconds (labels hh:mm:ss) or, at fine zoom, in frames (labels are frame numbers). */
export interface TickScale {
  unit: 'time' | 'frames';
  /** Labelled ticks, every `major` seconds or frames. */
  major: number;
  /** Unlabelled ticks between them (a divisor of major); equal to major when there is no room. */
  minor: number;
}

const TIME_MAJORS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];
const TIME_MINORS = [0.1, 0.2, 0.5, ...TIME_MAJORS];
const FRAME_STEPS = [1, 2, 5, 10];

/** True when `minor` divides `major` (within floating point noise). */
function divides(minor: number, major: number): boolean {
  const ratio = major / minor;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

/**
 * The ruler's spacing for a zoom: labels at least `minLabelPixels` apart, minor ticks at least
 * `minTickPixels`. Frame numbers once a step of a few frames (shorter than a second) leaves room
 * for a label; whole seconds otherwise.
 */
export function chooseTickScale(pixelsPerSecond: number, frameSeconds: number, minLabelPixels = 90, minTickPixels = 8): TickScale {
  const frameMajor = FRAME_STEPS.find((step) => step * frameSeconds * pixelsPerSecond >= minLabelPixels);
  if (frameMajor !== undefined && frameMajor * frameSeconds < 1) {
    const minor = FRAME_STEPS.find((step) => step <= frameMajor && divides(step, frameMajor) && step * frameSeconds * pixelsPerSecond >= minTickPixels);
    return { unit: 'frames', major: frameMajor, minor: minor ?? frameMajor };
  }
  const major = TIME_MAJORS.find((step) => step * pixelsPerSecond >= minLabelPixels) ?? (TIME_MAJORS[TIME_MAJORS.length - 1] as number);
  const minor = TIME_MINORS.find((step) => step <= major && divides(step, major) && step * pixelsPerSecond >= minTickPixels);
  return { unit: 'time', major, minor: minor ?? major };
}

export interface Tick {
  position: number;
  major: boolean;
  /** The label of a major tick: hh:mm:ss or the clip's frame number. */
  label: string | null;
}

/** `hh:mm:ss` of a position (hours grow past 99 when needed). */
export function formatRulerTime(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
}

/** Ticks of a time scale within [start, end]: multiples of the minor step. */
export function timeTicks(scale: TickScale, start: number, end: number): Tick[] {
  const ticks: Tick[] = [];
  const perMajor = Math.round(scale.major / scale.minor);
  const first = Math.ceil(start / scale.minor - 1e-9);
  const last = Math.floor(end / scale.minor + 1e-9);
  for (let k = first; k <= last; k++) {
    const position = k * scale.minor;
    const major = k % perMajor === 0;
    ticks.push({ position, major, label: major ? formatRulerTime(position) : null });
  }
  return ticks;
}

/** The spans that overlap [start, end], with their index. */
function overlapping(spans: readonly ClipSpan[], start: number, end: number): { span: ClipSpan; index: number }[] {
  const found: { span: ClipSpan; index: number }[] = [];
  spans.forEach((span, index) => {
    if (span.offsetSeconds <= end && span.offsetSeconds + span.durationSeconds >= start) found.push({ span, index });
  });
  return found;
}

/** The media time of a position inside a span. */
function mediaTimeOf(span: ClipSpan, position: number): number {
  return position - span.offsetSeconds + (span.timeline.seconds[0] ?? 0);
}

/**
 * Ticks of a frame scale within [start, end]: at the start of every frame whose number (counted
 * per clip, from 0) is a multiple of the minor step; labelled with the frame number at majors.
 */
export function frameTicks(spans: readonly ClipSpan[], scale: TickScale, start: number, end: number): Tick[] {
  const ticks: Tick[] = [];
  for (const { span } of overlapping(spans, start, end)) {
    const frames = span.timeline.seconds.length;
    if (frames === 0) continue;
    const spanEnd = span.offsetSeconds + span.durationSeconds;
    const from = frameAt(span.timeline, mediaTimeOf(span, Math.max(start, span.offsetSeconds)));
    const to = frameAt(span.timeline, mediaTimeOf(span, Math.min(end, spanEnd)));
    for (let frame = Math.ceil(from / scale.minor) * scale.minor; frame <= to && frame < frames; frame += scale.minor) {
      const position = positionOf(span, frame);
      if (position < start || position > end || position >= spanEnd) continue;
      const major = frame % scale.major === 0;
      ticks.push({ position, major, label: major ? String(frame) : null });
    }
  }
  return ticks;
}

// ---- Keyframes ------------------------------------------------------------------------------

/**
 * Positions of the keyframes within [start, end], or none when any two of them would be closer
 * than `minGapPixels`: keyframes are shown only at a zoom where they can be told apart.
 */
export function visibleKeyframes(spans: readonly ClipSpan[], view: TimelineView, minGapPixels = 8): number[] {
  const start = view.start;
  const end = viewEnd(view);
  const limit = Math.floor(view.width / minGapPixels) + 2;
  const positions: number[] = [];
  for (const { span } of overlapping(spans, start, end)) {
    const { keyframes } = span.timeline;
    const frames = span.timeline.seconds.length;
    if (frames === 0) continue;
    const from = frameAt(span.timeline, mediaTimeOf(span, Math.max(start, span.offsetSeconds)));
    let at = firstAtOrAbove(keyframes, from);
    for (; at < keyframes.length; at++) {
      const frame = keyframes[at] as number;
      if (frame >= frames) break;
      const position = positionOf(span, frame);
      if (position > end) break;
      if (position >= start) positions.push(position);
      if (positions.length > limit) return [];
    }
  }
  for (let i = 1; i < positions.length; i++) {
    if (((positions[i] as number) - (positions[i - 1] as number)) * view.pixelsPerSecond < minGapPixels) return [];
  }
  return positions;
}

/** Smallest index i with values[i] >= limit (values ascending), or values.length. */
export function firstAtOrAbove(values: ArrayLike<number>, limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

// ---- Waveform -------------------------------------------------------------------------------

/** Half-open range [first, end) of bucket indices. */
export interface PeakRange {
  first: number;
  end: number;
}

/** The buckets of a clip's peaks that lie within [start, end] on the recording's timeline (and inside the clip). */
export function visiblePeakRange(source: PeakSource, span: ClipSpan, start: number, end: number): PeakRange {
  const from = Math.max(start, span.offsetSeconds);
  const to = Math.min(end, span.offsetSeconds + span.durationSeconds);
  if (to <= from || source.peakCount === 0) return { first: 0, end: 0 };
  const bucket = (position: number) => (mediaTimeOf(span, position) - source.startSeconds) * source.peaksPerSecond;
  const first = Math.min(source.peakCount, Math.max(0, Math.floor(bucket(from))));
  const last = Math.min(source.peakCount, Math.max(0, Math.ceil(bucket(to))));
  return { first, end: Math.max(first, last) };
}

/**
 * Minimum and maximum (fractions of full scale, -1..1) for every pixel column of the view:
 * `[min0, max0, min1, max1, …]`, NaN where the column shows no part of this clip's audio.
 * `channel` picks one channel or the envelope of all ('mix'). A column takes every bucket it
 * overlaps, so a peak never falls between two columns when zoomed out; zoomed in, neighbouring
 * columns share a bucket.
 */
export function peakColumns(source: PeakSource, span: ClipSpan, view: TimelineView, channel: number | 'mix'): Float32Array {
  const columns = Math.max(0, Math.ceil(view.width));
  const out = new Float32Array(columns * 2).fill(Number.NaN);
  const spanStart = span.offsetSeconds;
  const spanEnd = span.offsetSeconds + span.durationSeconds;
  const { channels, values, peakCount } = source;
  const firstChannel = channel === 'mix' ? 0 : channel;
  const endChannel = channel === 'mix' ? channels : channel + 1;
  const bucketAt = (position: number) => (mediaTimeOf(span, position) - source.startSeconds) * source.peaksPerSecond;
  const firstColumn = Math.max(0, Math.floor(xOf(view, spanStart)));
  const endColumn = Math.min(columns, Math.ceil(xOf(view, spanEnd)));
  for (let x = firstColumn; x < endColumn; x++) {
    const from = Math.max(spanStart, positionAt(view, x));
    const to = Math.min(spanEnd, positionAt(view, x + 1));
    if (to <= from) continue;
    // The tolerance keeps a column that ends exactly on a bucket boundary out of the next bucket.
    const first = Math.floor(bucketAt(from) + 1e-9);
    const last = Math.max(first, Math.ceil(bucketAt(to) - 1e-9) - 1);
    if (last < 0 || first >= peakCount) continue;
    let min = Infinity;
    let max = -Infinity;
    for (let i = Math.max(0, first); i <= Math.min(peakCount - 1, last); i++) {
      for (let c = firstChannel; c < endChannel; c++) {
        const at = (i * channels + c) * 2;
        min = Math.min(min, values[at] as number);
        max = Math.max(max, values[at + 1] as number);
      }
    }
    out[x * 2] = min / 32767;
    out[x * 2 + 1] = max / 32767;
  }
  return out;
}

// ---- Thumbnails -----------------------------------------------------------------------------

/** The part of the recording a thumbnail tile stands for: from its frame to the next tile's frame. */
export interface TileRange {
  tile: number;
  start: number;
  end: number;
}

/**
 * Tile k stands for its frame up to the next tile's frame; the first tile also for any frames
 * before it, the last up to the clip's end. Frames outside the clip are skipped.
 */
export function tileRanges(span: ClipSpan, frameNumbers: readonly number[]): TileRange[] {
  const frames = span.timeline.seconds.length;
  const tiles = frameNumbers
    .map((frame, tile) => ({ frame, tile }))
    .filter(({ frame }) => frame >= 0 && frame < frames)
    .sort((a, b) => a.frame - b.frame || a.tile - b.tile);
  const end = span.offsetSeconds + span.durationSeconds;
  const ranges: TileRange[] = [];
  tiles.forEach(({ frame, tile }, k) => {
    const start = k === 0 ? span.offsetSeconds : positionOf(span, frame);
    const next = tiles[k + 1];
    const rangeEnd = next ? positionOf(span, next.frame) : end;
    if (rangeEnd > start) ranges.push({ tile, start, end: rangeEnd });
  });
  return ranges;
}

/**
 * Where to draw a tile: a box on screen and the part of the tile picture it shows (fractions of
 * the picture, cropped from the middle so that the picture is never distorted).
 */
export interface TileBox {
  tile: number;
  x: number;
  width: number;
  sx: number;
  sy: number;
  sw: number;
  sh: number;
}

/**
 * Fills each tile's range with copies of its picture at about the picture's own width at the
 * lane height: one copy, cropped to a narrow range, when zoomed out; the same picture repeated
 * across a wide range when zoomed in. Only boxes on screen are returned.
 */
export function tileBoxes(ranges: readonly TileRange[], view: TimelineView, tileAspect: number, laneHeight: number): TileBox[] {
  const natural = Math.max(1, laneHeight * tileAspect);
  const boxes: TileBox[] = [];
  for (const range of ranges) {
    const x0 = xOf(view, range.start);
    const x1 = xOf(view, range.end);
    if (x1 <= 0 || x0 >= view.width || x1 - x0 < 0.5) continue;
    const copies = Math.max(1, Math.round((x1 - x0) / natural));
    const width = (x1 - x0) / copies;
    const boxAspect = width / laneHeight;
    const crop =
      boxAspect < tileAspect
        ? { sx: (1 - boxAspect / tileAspect) / 2, sy: 0, sw: boxAspect / tileAspect, sh: 1 }
        : { sx: 0, sy: (1 - tileAspect / boxAspect) / 2, sw: 1, sh: tileAspect / boxAspect };
    const first = Math.max(0, Math.floor(-x0 / width));
    const last = Math.min(copies - 1, Math.floor((view.width - x0) / width));
    for (let i = first; i <= last; i++) boxes.push({ tile: range.tile, x: x0 + i * width, width, ...crop });
  }
  return boxes;
}
