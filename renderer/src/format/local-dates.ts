// The library's date filter: the user picks local calendar days ("from 29.03.2026 to
// 30.03.2026"); the query takes UTC instants. A day in the station's time zone is 23, 24 or 25
// hours long, so its bounds come from the zone's rules, not from adding 24 hours.
// Pure, tested in Node.

/** The time zone this renderer runs in (the station's), e.g. `Europe/Berlin`. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const dateInput = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses the value of an `<input type="date">` (`YYYY-MM-DD`); null when empty or invalid. */
function parseDate(value: string): { year: number; month: number; day: number } | null {
  const match = dateInput.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in summer: +7,200,000). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const wallClock = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wallClock - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The first instant of a local calendar day. Two passes, because the offset at midnight can
 * differ from the offset at the naive guess on the days the clocks change.
 */
function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const naive = Date.UTC(year, month - 1, day);
  const firstGuess = naive - zoneOffsetMs(naive, timeZone);
  const offset = zoneOffsetMs(firstGuess, timeZone);
  return naive - offset;
}

/** The UTC instant (ISO 8601) at which the local day `YYYY-MM-DD` begins, or undefined. */
export function localDayStartUtc(date: string, timeZone: string): string | undefined {
  const parsed = parseDate(date);
  if (!parsed) return undefined;
  return new Date(startOfLocalDay(parsed.year, parsed.month, parsed.day, timeZone)).toISOString();
}

/** The last millisecond (ISO 8601, UTC) of the local day `YYYY-MM-DD`, or undefined. */
export function localDayEndUtc(date: string, timeZone: string): string | undefined {
  const parsed = parseDate(date);
  if (!parsed) return undefined;
  const nextDay = new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day + 1));
  const next = startOfLocalDay(nextDay.getUTCFullYear(), nextDay.getUTCMonth() + 1, nextDay.getUTCDate(), timeZone);
  return new Date(next - 1).toISOString();
}

/** The query bounds of a from/to day pair; either may be empty. */
export function dateRangeToUtc(fromDate: string, toDate: string, timeZone: string): { fromUtc?: string; toUtc?: string } {
  const range: { fromUtc?: string; toUtc?: string } = {};
  const fromUtc = localDayStartUtc(fromDate, timeZone);
  const toUtc = localDayEndUtc(toDate, timeZone);
  if (fromUtc) range.fromUtc = fromUtc;
  if (toUtc) range.toUtc = toUtc;
  return range;
}

/** True when both days are set and the "to" day lies before the "from" day. */
export function isReversedRange(fromDate: string, toDate: string): boolean {
  return parseDate(fromDate) !== null && parseDate(toDate) !== null && toDate < fromDate;
}
