// How the library shows a recording's figures: durations as hh:mm:ss, sizes, frame rates,
// positions, and the order of its status badges (the most serious first). Pure, tested in Node.
import type { RecordingStatus } from '../../../shared/api/library.ts';

/**
 * A duration as `hh:mm:ss` (hours grow past 99), optionally with milliseconds; whole seconds
 * are cut, not rounded, like a timecode. Null for an unknown or negative duration (clocks that
 * disagree), which the UI shows as a dash.
 */
export function formatDuration(seconds: number | null, withMilliseconds = false): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const totalMs = Math.floor(seconds * 1000 + 1e-6);
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor(totalMs / 60_000) % 60;
  const secs = Math.floor(totalMs / 1000) % 60;
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  const text = `${pad(hours)}:${pad(minutes)}:${pad(secs)}`;
  return withMilliseconds ? `${text}.${pad(totalMs % 1000, 3)}` : text;
}

const byteUnits = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** A file size in decimal units with one decimal at most, e.g. `1,2 GB` in German. */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${byteUnits[unit]}`;
}

/** A count with the locale's grouping, e.g. `20.000` in German. */
export function formatCount(count: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(count);
}

/** A frame rate as the stored rational and in frames per second: `30000/1001 (29,97 fps)`. */
export function formatFrameRate(rate: { num: number; den: number }, locale: string): string {
  const fps = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(rate.num / rate.den);
  return `${rate.num}/${rate.den} (${fps} fps)`;
}

/** A position in decimal degrees with five decimals (about one metre). */
export function formatPosition(lat: number, lon: number): string {
  const north = lat >= 0 ? 'N' : 'S';
  const east = lon >= 0 ? 'E' : 'W';
  return `${Math.abs(lat).toFixed(5)}° ${north}, ${Math.abs(lon).toFixed(5)}° ${east}`;
}

/** Badge order: what needs attention first (alarm, lock, missing, error, hold), then what was done. */
export const badgeOrder: readonly RecordingStatus[] = ['integrity-alarm', 'locked', 'missing', 'error', 'held', 'has-markers', 'new', 'reviewed'];

export type BadgeTone = 'danger' | 'warning' | 'accent' | 'neutral' | 'success';

export const badgeTone: Record<RecordingStatus, BadgeTone> = {
  'integrity-alarm': 'danger',
  locked: 'warning',
  missing: 'warning',
  held: 'accent',
  error: 'warning',
  'has-markers': 'accent',
  new: 'neutral',
  reviewed: 'success',
};

/** The statuses of a recording in badge order, each once. */
export function orderedBadges(statuses: readonly RecordingStatus[]): RecordingStatus[] {
  const present = new Set(statuses);
  return badgeOrder.filter((status) => present.has(status));
}
