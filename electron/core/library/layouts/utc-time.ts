// Times as sidecars and names write them, read into UTC milliseconds. A time before 2000 or from
// 2100 on is no recording time: a camera whose clock was never set says 1970 or 1904.

export type TimeParse = { ok: true; ms: number } | { ok: false; reason: string };

export interface CalendarFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const EARLIEST_MS = Date.UTC(2000, 0, 1);
const LATEST_MS = Date.UTC(2100, 0, 1);

export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** The fields read as UTC, or null when they name no real calendar time (30 February, 24:00). */
export function fieldsAsUtc(f: CalendarFields): number | null {
  const ms = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond);
  const d = new Date(ms);
  const same =
    d.getUTCFullYear() === f.year &&
    d.getUTCMonth() === f.month - 1 &&
    d.getUTCDate() === f.day &&
    d.getUTCHours() === f.hour &&
    d.getUTCMinutes() === f.minute &&
    d.getUTCSeconds() === f.second;
  return same ? ms : null;
}

/** Date digits 'YYYYMMDD' and time digits 'HHMMSS' as calendar fields (not yet checked). */
export function digitFields(date: string, time: string): CalendarFields {
  const n = (text: string, from: number, to: number) => Number(text.slice(from, to));
  return { year: n(date, 0, 4), month: n(date, 4, 6), day: n(date, 6, 8), hour: n(time, 0, 2), minute: n(time, 2, 4), second: n(time, 4, 6), millisecond: 0 };
}

/** Milliseconds from a fraction of a second as written ('5' = 500 ms); digits past ms are cut. */
export function fractionMs(fraction: string | undefined): number {
  return fraction ? Number(fraction.padEnd(3, '0').slice(0, 3)) : 0;
}

/** '+01:00' or '-0530' in minutes east of UTC; null when out of range. */
export function offsetMinutes(text: string): number | null {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) return null;
  const [, sign, hours, minutes] = m;
  if (Number(hours) > 23 || Number(minutes) > 59) return null;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

export function checkedTime(ms: number | null): TimeParse {
  if (ms === null || !Number.isFinite(ms)) return { ok: false, reason: 'is no real calendar date and time' };
  if (ms < EARLIEST_MS) return { ok: false, reason: 'is before 2000: the camera clock was not set' };
  if (ms >= LATEST_MS) return { ok: false, reason: 'is after 2099' };
  return { ok: true, ms };
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/** '2024-03-14T08:15:00Z', '2024-03-14T09:15:00.250+01:00'. */
export function parseRfc3339(text: string): TimeParse {
  const m = RFC3339.exec(text);
  if (!m) return { ok: false, reason: 'is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z' };
  const [, year, month, day, hour, minute, second, fraction, zone = 'Z'] = m;
  const offset = zone.toUpperCase() === 'Z' ? 0 : offsetMinutes(zone);
  const fields = { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second), millisecond: fractionMs(fraction) };
  const wall = fieldsAsUtc(fields);
  return checkedTime(wall === null || offset === null ? null : wall - offset * 60_000);
}

/** Seconds since 1970 UTC, as Axis writes them: '1710404100', '1710404100.5'. */
export function parseEpochSeconds(text: string): TimeParse {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, reason: 'is not a count of seconds since 1970' };
  return checkedTime(Number(m[1]) * 1000 + fractionMs(m[2]));
}

/** 'YYYYMMDD' and 'HHMMSS' digits that name a UTC time. */
export function parseUtcDigits(date: string, time: string): TimeParse {
  return checkedTime(fieldsAsUtc(digitFields(date, time)));
}
