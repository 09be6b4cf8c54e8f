// Audit times are stored as ISO 8601 UTC; the UI shows local time and offers UTC next to it.
// Pure functions (no DOM), tested in Node.

/** The formatting locale of a UI language: English uses day-month order, as users here expect. */
export function dateLocale(language: string): string {
  return language === 'en' ? 'en-GB' : 'de-DE';
}

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Day, month, year, hours, minutes and seconds, 24-hour clock. */
const dateAndTime: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};

/** Local date and time with seconds, in the UI language, e.g. `28.11.2026, 15:33:05`. */
export function formatLocalTime(iso: string, locale: string, timeZone?: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale, { ...dateAndTime, ...(timeZone ? { timeZone } : {}) }).format(date);
}

/** UTC with milliseconds, the same in every language: `2026-11-28 14:33:05.123 UTC`. */
export function formatUtcTime(iso: string): string {
  const date = parse(iso);
  if (!date) return iso;
  return `${date.toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

/** Local time of day only, for "checked at" notes. */
export function formatLocalClock(date: Date, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** Local wall-clock time of an instant with milliseconds and the zone's offset: `14.03.2024, 09:15:02,033 (UTC+01:00)` in German. */
export function formatLocalInstant(instantMs: number, locale: string, timeZone?: string): string {
  const date = new Date(instantMs);
  if (Number.isNaN(date.getTime())) return '';
  const parts = new Intl.DateTimeFormat(locale, {
    ...dateAndTime,
    fractionalSecondDigits: 3,
    timeZoneName: 'longOffset',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(date);
  const offset = parts.find((part) => part.type === 'timeZoneName')?.value.replace('GMT', 'UTC') ?? '';
  const text = parts
    .filter((part) => part.type !== 'timeZoneName')
    .map((part) => part.value)
    .join('')
    .trim();
  return `${text} (${offset === 'UTC' ? 'UTC+00:00' : offset})`;
}
