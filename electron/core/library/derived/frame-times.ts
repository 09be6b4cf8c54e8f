// Frame times from a frame index, and the frame-by-frame comparison of two indexes that decides
// whether a review proxy shows every frame of its original at the original's time.
import { frameDuration, frameStart, type FrameTimeline } from '../../../../shared/time/frames.ts';
import type { FrameIndex } from '../analysis/frame-index.ts';

/** The fields of a frame index that timing needs. */
export type FrameTiming = Pick<FrameIndex, 'timeBase' | 'pts'>;

/** Presentation time of frame `n` in seconds (derived; the frame number stays the identity). */
export function frameSeconds(index: FrameTiming, n: number): number {
  const pts = index.pts[n];
  if (pts === undefined) throw new RangeError(`frame ${n} is outside 0..${index.pts.length - 1}`);
  return (pts * index.timeBase.num) / index.timeBase.den;
}

/** The clip's frames as the player and exports use them: every frame's seconds and the keyframes. */
export function frameTimeline(index: Pick<FrameIndex, 'timeBase' | 'pts' | 'keyframes'>): { seconds: number[]; keyframes: number[] } {
  return {
    seconds: Array.from(index.pts, (_, n) => frameSeconds(index, n)),
    keyframes: Array.from(index.keyframes.entries()).filter(([, key]) => key === 1).map(([n]) => n),
  };
}

const timelines = new WeakMap<object, FrameTimeline>();

/**
 * Where frame n ends in seconds, by the player's rule (shared/time/frames.ts): where the next frame
 * starts; the last frame lasts as long as the one before it. The index's timeline is made once.
 */
export function frameEndSeconds(index: Pick<FrameIndex, 'timeBase' | 'pts' | 'keyframes'>, n: number): number {
  let timeline = timelines.get(index);
  if (!timeline) {
    timeline = frameTimeline(index);
    timelines.set(index, timeline);
  }
  return frameStart(timeline, n) + frameDuration(timeline, n);
}

export interface TimingMismatch {
  /** First frame number that differs (the shorter length when only the counts differ). */
  frame: number;
  originalFrames: number;
  proxyFrames: number;
  /** Seconds of that frame in each, null where the frame does not exist. */
  originalSeconds: number | null;
  proxySeconds: number | null;
  /** Allowed difference: half a tick of the coarser of the two time bases. */
  toleranceSeconds: number;
}

/**
 * Whether frame n of `a` and of `b` lie within half a tick of the coarser time base, decided in
 * exact integer arithmetic: |pa·na/da − pb·nb/db| ≤ ½·max(na/da, nb/db)
 * ⇔ 2·|pa·na·db − pb·nb·da| ≤ max(na·db, nb·da).
 */
function sameTime(pa: number, pb: number, a: FrameTiming['timeBase'], b: FrameTiming['timeBase']): boolean {
  if (!Number.isSafeInteger(pa) || !Number.isSafeInteger(pb)) {
    const tolerance = Math.max(a.num / a.den, b.num / b.den) / 2;
    return Math.abs((pa * a.num) / a.den - (pb * b.num) / b.den) <= tolerance;
  }
  const left = BigInt(pa) * BigInt(a.num) * BigInt(b.den);
  const right = BigInt(pb) * BigInt(b.num) * BigInt(a.den);
  const difference = left > right ? left - right : right - left;
  const tickA = BigInt(a.num) * BigInt(b.den);
  const tickB = BigInt(b.num) * BigInt(a.den);
  return 2n * difference <= (tickA > tickB ? tickA : tickB);
}

/** The first frame whose time differs (or the first missing frame), or null when both agree frame by frame. */
export function firstTimingMismatch(original: FrameTiming, proxy: FrameTiming): TimingMismatch | null {
  const toleranceSeconds = Math.max(original.timeBase.num / original.timeBase.den, proxy.timeBase.num / proxy.timeBase.den) / 2;
  const count = Math.min(original.pts.length, proxy.pts.length);
  const describe = (frame: number): TimingMismatch => ({
    frame,
    originalFrames: original.pts.length,
    proxyFrames: proxy.pts.length,
    originalSeconds: frame < original.pts.length ? frameSeconds(original, frame) : null,
    proxySeconds: frame < proxy.pts.length ? frameSeconds(proxy, frame) : null,
    toleranceSeconds,
  });
  for (let n = 0; n < count; n++) {
    if (!sameTime(original.pts[n] ?? NaN, proxy.pts[n] ?? NaN, original.timeBase, proxy.timeBase)) return describe(n);
  }
  return original.pts.length === proxy.pts.length ? null : describe(count);
}

/** The mismatch in words; `names` say what the two indexes are (an original and its proxy, by default). */
export function describeMismatch(m: TimingMismatch, names = { a: 'original', b: 'proxy' }): string {
  const s = (x: number | null) => (x === null ? 'none' : `${x.toFixed(6)} s`);
  const counts = m.originalFrames === m.proxyFrames ? `${m.originalFrames} frames each` : `${names.a} ${m.originalFrames} frames, ${names.b} ${m.proxyFrames}`;
  return `frame ${m.frame} differs: ${names.a} ${s(m.originalSeconds)}, ${names.b} ${s(m.proxySeconds)} (tolerance ±${m.toleranceSeconds.toExponential(2)} s; ${counts})`;
}
