// The clock a container carries: MP4/MOV/MKV 'creation_time', AVI 'date' (RIFF ICRD). A 'Z' or an
// offset says UTC; without one the digits are local time of the station zone. A 'Z' proves
// nothing: cheap cameras write local digits with a 'Z', so this clock ranks below the file name.
import type { TimeReading } from './recording-candidate.ts';
import { localToUtc } from './local-time.ts';
import { checkedTime, fieldsAsUtc, fractionMs, isoUtc, offsetMinutes } from './utc-time.ts';

const CONTAINER_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;
const TIME_TAGS = ['creation_time', 'date'];

function tagValue(tags: Record<string, string>, name: string): string | undefined {
  return Object.entries(tags).find(([key]) => key.toLowerCase() === name)?.[1];
}

/** The container's creation time as a reading, or null when it has none or a clock never set. */
export function containerTimeReading(tags: Record<string, string>, timeZone: string): TimeReading | null {
  const tag = TIME_TAGS.find((name) => tagValue(tags, name) !== undefined);
  const raw = tag ? (tagValue(tags, tag) ?? '').trim() : '';
  const m = CONTAINER_TIME.exec(raw);
  if (!tag || !m) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = m;
  const fields = { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second), millisecond: fractionMs(fraction) };
  let ms: number | null;
  let note: string;
  if (!zone) {
    const local = localToUtc(fields, timeZone);
    ms = local?.ms ?? null;
    note = `${tag} has no zone: ${local?.note ?? ''}`;
  } else {
    const offset = zone.toUpperCase() === 'Z' ? 0 : offsetMinutes(zone);
    const wall = fieldsAsUtc(fields);
    ms = wall === null || offset === null ? null : wall - offset * 60_000;
    note = offset === 0 ? `${tag} ends in ${zone}: read as UTC` : `${tag} has offset ${zone}`;
  }
  const checked = checkedTime(ms);
  return checked.ok ? { source: 'container', utc: isoUtc(checked.ms), raw, note } : null;
}
