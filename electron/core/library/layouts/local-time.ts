// Wall-clock time of a zone (a cheap camera's file name, a creation time without a zone) to UTC,
// through Intl's zone rules. Around a clock change a wall time can be missing (spring forward) or
// there twice (fall back). As Temporal's 'compatible' choice: a missing time is read with the
// offset before the change, a doubled one as the earlier instant, and the note says so.
import { fieldsAsUtc, type CalendarFields } from './utc-time.ts';

const DAY_MS = 86_400_000;
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetFormat(timeZone: string): Intl.DateTimeFormat {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(name: string): boolean {
  try {
    offsetFormat(name);
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC in the zone at that instant ('GMT+05:30' → 330). */
function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const name = offsetFormat(timeZone).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
  if (!m) return 0;
  const [, sign, hours, minutes, seconds = '0'] = m;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes) + Number(seconds) / 60);
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${pad(abs / 60)}:${pad(abs % 60)}`;
}

export interface LocalInstant {
  ms: number;
  /** 'local time Europe/Berlin, +01:00', and what a clock change did to it. */
  note: string;
}

/** The instant of a wall-clock time in the zone, or null when the fields name no calendar time. */
export function localToUtc(fields: CalendarFields, timeZone: string): LocalInstant | null {
  const wall = fieldsAsUtc(fields);
  if (wall === null) return null;
  const before = zoneOffsetMinutes(wall - DAY_MS, timeZone);
  const after = zoneOffsetMinutes(wall + DAY_MS, timeZone);
  const instants = [...new Set([before, after])]
    .map((offset) => ({ offset, ms: wall - offset * 60_000 }))
    .filter(({ offset, ms }) => zoneOffsetMinutes(ms, timeZone) === offset)
    .sort((a, b) => a.ms - b.ms);
  const text = new Date(wall).toISOString().slice(0, 19).replace('T', ' ');
  const first = instants[0];
  if (!first) {
    return { ms: wall - before * 60_000, note: `local time ${timeZone}: ${text} does not exist (clock change), read as ${formatOffset(before)}` };
  }
  if (instants.length > 1) {
    return { ms: first.ms, note: `local time ${timeZone}: ${text} occurs twice (clock change), read as the first, ${formatOffset(first.offset)}` };
  }
  return { ms: first.ms, note: `local time ${timeZone}, ${formatOffset(first.offset)}` };
}
