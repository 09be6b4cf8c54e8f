// Clocks as names, sidecars and containers write them: RFC 3339, epoch seconds, local wall time
// across the Berlin clock changes, and the container's creation time (UTC or local digits).
import { describe, expect, it } from 'vitest';
import { containerTimeReading } from '../../electron/core/library/layouts/container-time.ts';
import { localToUtc } from '../../electron/core/library/layouts/local-time.ts';
import { digitFields, isoUtc, parseEpochSeconds, parseRfc3339 } from '../../electron/core/library/layouts/utc-time.ts';

const utcOf = (parsed: ReturnType<typeof parseRfc3339>) => (parsed.ok ? isoUtc(parsed.ms) : parsed.reason);

describe('RFC 3339 times', () => {
  it.each([
    ['2024-03-14T08:15:00Z', '2024-03-14T08:15:00.000Z'],
    ['2024-03-14t08:15:00z', '2024-03-14T08:15:00.000Z'],
    ['2024-03-14T09:15:00.25+01:00', '2024-03-14T08:15:00.250Z'],
    ['2024-03-14T08:15:00.123456789Z', '2024-03-14T08:15:00.123Z'],
    ['2024-03-13T22:45:00-09:30', '2024-03-14T08:15:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s', (text, utc) => {
    expect(utcOf(parseRfc3339(text))).toBe(utc);
  });

  it.each([
    ['2024-03-14 08:15:00', 'is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z'],
    ['2024-03-14T08:15:00', 'is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z'],
    ['14.03.2024 08:15:00', 'is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z'],
    ['1710404100', 'is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z'],
    ['', 'is not an RFC 3339 time with a zone, like 2024-03-14T08:15:00Z'],
    ['2023-02-29T00:00:00Z', 'is no real calendar date and time'],
    ['2024-03-14T24:00:00Z', 'is no real calendar date and time'],
    ['2024-03-14T08:15:00+25:00', 'is no real calendar date and time'],
    ['1970-01-01T00:00:00Z', 'is before 2000: the camera clock was not set'],
    ['9999-12-31T23:59:59Z', 'is after 2099'],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseRfc3339(text)).toEqual({ ok: false, reason });
  });
});

describe('epoch seconds', () => {
  it.each([
    ['1710404100', '2024-03-14T08:15:00.000Z'],
    ['1710404100.5', '2024-03-14T08:15:00.500Z'],
  ])('reads %s', (text, utc) => {
    expect(utcOf(parseEpochSeconds(text))).toBe(utc);
  });

  it.each([
    ['0', 'is before 2000: the camera clock was not set'],
    ['99999999999999999999999', 'is after 2099'],
    ['1e30', 'is not a count of seconds since 1970'],
    ['-1710404100', 'is not a count of seconds since 1970'],
    ['2024-03-14T08:15:00Z', 'is not a count of seconds since 1970'],
  ])('refuses %s', (text, reason) => {
    expect(parseEpochSeconds(text)).toEqual({ ok: false, reason });
  });
});

describe('local wall-clock time in Europe/Berlin', () => {
  const berlin = (date: string, time: string) => {
    const local = localToUtc(digitFields(date, time), 'Europe/Berlin');
    return local && { utc: isoUtc(local.ms), note: local.note };
  };

  it.each([
    ['20240314', '101502', '2024-03-14T09:15:02.000Z', 'local time Europe/Berlin, +01:00'],
    // The local date is a day ahead of the UTC date.
    ['20240331', '003000', '2024-03-30T23:30:00.000Z', 'local time Europe/Berlin, +01:00'],
    ['20240331', '015959', '2024-03-31T00:59:59.000Z', 'local time Europe/Berlin, +01:00'],
    ['20240331', '030000', '2024-03-31T01:00:00.000Z', 'local time Europe/Berlin, +02:00'],
    ['20240715', '120000', '2024-07-15T10:00:00.000Z', 'local time Europe/Berlin, +02:00'],
    ['20241027', '015959', '2024-10-26T23:59:59.000Z', 'local time Europe/Berlin, +02:00'],
    ['20241027', '030000', '2024-10-27T02:00:00.000Z', 'local time Europe/Berlin, +01:00'],
  ])('%s %s is %s', (date, time, utc, note) => {
    expect(berlin(date, time)).toEqual({ utc, note });
  });

  it('reads a time the spring clock change skips with the offset before the change', () => {
    expect(berlin('20240331', '023000')).toEqual({
      utc: '2024-03-31T01:30:00.000Z',
      note: 'local time Europe/Berlin: 2024-03-31 02:30:00 does not exist (clock change), read as +01:00',
    });
  });

  it('reads a time the autumn clock change repeats as the first of the two', () => {
    expect(berlin('20241027', '023000')).toEqual({
      utc: '2024-10-27T00:30:00.000Z',
      note: 'local time Europe/Berlin: 2024-10-27 02:30:00 occurs twice (clock change), read as the first, +02:00',
    });
  });

  it('knows zones with half-hour offsets and zones without clock changes', () => {
    expect(localToUtc(digitFields('20240314', '101502'), 'Asia/Kolkata')?.note).toBe('local time Asia/Kolkata, +05:30');
    expect(isoUtc(localToUtc(digitFields('20240314', '101502'), 'UTC')?.ms ?? 0)).toBe('2024-03-14T10:15:02.000Z');
  });

  it('refuses digits that name no calendar time', () => {
    expect(berlin('20240230', '101502')).toBeNull();
    expect(berlin('20240314', '256000')).toBeNull();
  });
});

describe('container creation time', () => {
  it('reads a Z-suffixed creation_time as UTC', () => {
    expect(containerTimeReading({ creation_time: '2024-03-14T08:15:00.000000Z', encoder: 'Lavf' }, 'Europe/Berlin')).toEqual({
      source: 'container',
      utc: '2024-03-14T08:15:00.000Z',
      raw: '2024-03-14T08:15:00.000000Z',
      note: 'creation_time ends in Z: read as UTC',
    });
  });

  it('cannot see local digits behind a Z: the fixture DCIM clip reads an hour late', () => {
    // The camera wrote 00:30 local (23:30 UTC) as '00:30Z'; only the file name tells the truth.
    expect(containerTimeReading({ creation_time: '2024-03-31T00:30:00.000000Z' }, 'Europe/Berlin')?.utc).toBe('2024-03-31T00:30:00.000Z');
  });

  it('reads a creation time without a zone, and the AVI date tag, as station local time', () => {
    expect(containerTimeReading({ date: '2024-03-14 10:15:02' }, 'Europe/Berlin')).toEqual({
      source: 'container',
      utc: '2024-03-14T09:15:02.000Z',
      raw: '2024-03-14 10:15:02',
      note: 'date has no zone: local time Europe/Berlin, +01:00',
    });
    expect(containerTimeReading({ CREATION_TIME: '2024-07-01T12:00:00' }, 'Europe/Berlin')?.utc).toBe('2024-07-01T10:00:00.000Z');
  });

  it('applies an explicit offset', () => {
    expect(containerTimeReading({ creation_time: '2024-03-14T10:15:02+0100' }, 'UTC')).toMatchObject({ utc: '2024-03-14T09:15:02.000Z', note: 'creation_time has offset +0100' });
  });

  it('prefers creation_time to date', () => {
    expect(containerTimeReading({ date: '2023-01-01 00:00:00', creation_time: '2024-03-14T08:15:00Z' }, 'UTC')?.raw).toBe('2024-03-14T08:15:00Z');
  });

  it.each([
    [{}],
    [{ title: 'Einsatz' }],
    [{ creation_time: '1904-01-01T00:00:00.000000Z' }],
    [{ creation_time: '1970-01-01T00:00:00.000000Z' }],
    [{ creation_time: 'gestern' }],
    [{ date: '2024' }],
    [{ creation_time: '2024-02-30T00:00:00Z' }],
  ])('gives no reading for %j', (tags) => {
    expect(containerTimeReading(tags, 'Europe/Berlin')).toBeNull();
  });
});
