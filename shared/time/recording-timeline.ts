// A recording split into several clips plays as one continuous timeline: clip k begins where
// clip k-1 ends. Positions on it are seconds from the recording's first frame; a position maps
// back to a clip and one of its frames. The wall-clock time of a frame is the recording's start
// plus its position, on the clock the start was read from.
import { endTime, frameAt, frameStart, type FrameTimeline } from './frames.ts';

const BOUNDARY_SECONDS = 1e-6;

export interface ClipSpan {
  clipId: number;
  timeline: FrameTimeline;
  /** Seconds from the recording's first frame to this clip's first frame. */
  offsetSeconds: number;
  /** Seconds this clip lasts on the timeline. */
  durationSeconds: number;
}

/** Lays clips end to end in recording order. */
export function layOutClips(clips: readonly { clipId: number; timeline: FrameTimeline }[]): ClipSpan[] {
  let offset = 0;
  return clips.map(({ clipId, timeline }) => {
    const first = timeline.seconds[0] ?? 0;
    const span = { clipId, timeline, offsetSeconds: offset, durationSeconds: Math.max(0, endTime(timeline) - first) };
    offset += span.durationSeconds;
    return span;
  });
}

export function recordingDuration(spans: readonly ClipSpan[]): number {
  const last = spans[spans.length - 1];
  return last ? last.offsetSeconds + last.durationSeconds : 0;
}

/** Seconds from the recording's first frame to frame n of a clip. */
export function positionOf(span: ClipSpan, frame: number): number {
  return span.offsetSeconds + frameStart(span.timeline, frame) - (span.timeline.seconds[0] ?? 0);
}

/** The clip and frame shown at a position on the recording's timeline (clamped to the recording). */
export function locate(spans: readonly ClipSpan[], position: number): { clip: number; frame: number } {
  if (spans.length === 0) return { clip: 0, frame: 0 };
  let clip = 0;
  // Offsets are sums of float durations; a position a rounding error short of a boundary is on it.
  while (clip < spans.length - 1 && position + BOUNDARY_SECONDS >= (spans[clip + 1]?.offsetSeconds ?? Infinity)) clip++;
  const span = spans[clip] as ClipSpan;
  const mediaTime = position - span.offsetSeconds + (span.timeline.seconds[0] ?? 0);
  return { clip, frame: frameAt(span.timeline, mediaTime) };
}

/** The instant (ms since the epoch) frame n of a clip was recorded, given the recording's start. */
export function frameInstant(recordingStartUtc: string, span: ClipSpan, frame: number): number {
  return Date.parse(recordingStartUtc) + positionOf(span, frame) * 1000;
}
