// Four-eyes requests, holds and locks as the UI reads them: the clips a request is about, the
// facts it carries, and calendar dates (YYYY-MM-DD) in the UI language.
// Pure functions (no DOM), tested in Node.
import { holdReasons } from '../../../shared/api/retention.ts';
import { localCalendarDate } from '../../../shared/time/calendar-date.ts';

type HoldReason = (typeof holdReasons)[number];

/** The clip a request is about (`clip:5` → 5), or null for another subject. */
export function clipIdOfSubject(subject: string): number | null {
  const match = /^clip:(\d+)$/.exec(subject);
  return match ? Number(match[1]) : null;
}

/**
 * What a request carries about its matter: a hold's case reference, reason code and review date,
 * or a court package's case reference and recipient. Each is null when the request has none.
 */
export interface RequestFacts {
  caseReference: string | null;
  holdReason: HoldReason | null;
  /** YYYY-MM-DD. */
  reviewDate: string | null;
  recipient: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** The facts in a request's details, each one null when the request does not carry it. */
export function requestFactsOf(details: Readonly<Record<string, unknown>>): RequestFacts {
  const reason = text(details.holdReason);
  return {
    caseReference: text(details.caseReference),
    holdReason: reason !== null && (holdReasons as readonly string[]).includes(reason) ? (reason as HoldReason) : null,
    reviewDate: text(details.reviewDate),
    recipient: text(details.recipient),
  };
}

/** The clips a request is about: the clip of its subject, or those an export request lists. */
export function clipIdsOfRequest(subject: string, details: Readonly<Record<string, unknown>>): number[] {
  const own = clipIdOfSubject(subject);
  if (own !== null) return [own];
  const listed = details.clipIds;
  return Array.isArray(listed) ? listed.filter((id): id is number => Number.isInteger(id) && id > 0) : [];
}

const calendarDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date in the UI language (`2026-05-01` → `01.05.2026` in German); anything else as is. */
export function formatCalendarDate(date: string, locale: string): string {
  const match = calendarDate.exec(date);
  if (!match) return date;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(day);
}

/** The local calendar date `days` after an instant's local date, YYYY-MM-DD (for date field bounds). */
export function localDatePlusDays(instant: Date, days: number): string {
  return localCalendarDate(new Date(instant.getFullYear(), instant.getMonth(), instant.getDate() + days));
}
