// The library's date filter turns local calendar days of the station (Europe/Berlin) into UTC
// bounds: a day is 24 hours long, except when the clocks change (23 in March, 25 in October).
import { describe, expect, it } from 'vitest';
import { dateRangeToUtc, isReversedRange, localDayEndUtc, localDayStartUtc, zoneOffsetMs } from '../../renderer/src/format/local-dates.ts';

const berlin = 'Europe/Berlin';
const hours = (from: string, to: string): number => (Date.parse(to) + 1 - Date.parse(from)) / 3_600_000;

describe('local days to UTC bounds (Europe/Berlin)', () => {
  it('winter day: starts 23:00 UTC the day before', () => {
    expect(localDayStartUtc('2026-01-15', berlin)).toBe('2026-01-14T23:00:00.000Z');
    expect(localDayEndUtc('2026-01-15', berlin)).toBe('2026-01-15T22:59:59.999Z');
  });

  it('summer day: starts 22:00 UTC the day before', () => {
    expect(localDayStartUtc('2026-07-01', berlin)).toBe('2026-06-30T22:00:00.000Z');
    expect(localDayEndUtc('2026-07-01', berlin)).toBe('2026-07-01T21:59:59.999Z');
  });

  it('the spring change (29 March 2026) is a 23-hour day', () => {
    const from = localDayStartUtc('2026-03-29', berlin)!;
    const to = localDayEndUtc('2026-03-29', berlin)!;
    expect(from).toBe('2026-03-28T23:00:00.000Z');
    expect(to).toBe('2026-03-29T21:59:59.999Z');
    expect(hours(from, to)).toBe(23);
  });

  it('the autumn change (25 October 2026) is a 25-hour day', () => {
    const from = localDayStartUtc('2026-10-25', berlin)!;
    const to = localDayEndUtc('2026-10-25', berlin)!;
    expect(from).toBe('2026-10-24T22:00:00.000Z');
    expect(to).toBe('2026-10-25T22:59:59.999Z');
    expect(hours(from, to)).toBe(25);
  });

  it('crosses month and year ends', () => {
    expect(localDayEndUtc('2026-12-31', berlin)).toBe('2026-12-31T22:59:59.999Z');
    expect(localDayStartUtc('2027-01-01', berlin)).toBe('2026-12-31T23:00:00.000Z');
    expect(localDayEndUtc('2028-02-29', berlin)).toBe('2028-02-29T22:59:59.999Z');
  });

  it('uses the zone it is given', () => {
    expect(localDayStartUtc('2026-07-01', 'UTC')).toBe('2026-07-01T00:00:00.000Z');
    expect(localDayStartUtc('2026-07-01', 'America/New_York')).toBe('2026-07-01T04:00:00.000Z');
  });

  it('knows the offset of the zone at an instant', () => {
    expect(zoneOffsetMs(Date.parse('2026-03-29T00:59:59.999Z'), berlin)).toBe(3_600_000);
    expect(zoneOffsetMs(Date.parse('2026-03-29T01:00:00.000Z'), berlin)).toBe(7_200_000);
  });

  it('leaves out empty and invalid days', () => {
    expect(dateRangeToUtc('', '', berlin)).toEqual({});
    expect(dateRangeToUtc('2026-02-30', 'gestern', berlin)).toEqual({});
    expect(dateRangeToUtc('2026-03-29', '', berlin)).toEqual({ fromUtc: '2026-03-28T23:00:00.000Z' });
    expect(dateRangeToUtc('', '2026-10-25', berlin)).toEqual({ toUtc: '2026-10-25T22:59:59.999Z' });
  });

  it('gives bounds the contract accepts (ISO 8601 with Z)', () => {
    const { fromUtc, toUtc } = dateRangeToUtc('2026-03-29', '2026-03-30', berlin);
    for (const bound of [fromUtc, toUtc]) expect(bound).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('notices a reversed range', () => {
    expect(isReversedRange('2026-03-30', '2026-03-29')).toBe(true);
    expect(isReversedRange('2026-03-29', '2026-03-29')).toBe(false);
    expect(isReversedRange('2026-03-30', '')).toBe(false);
  });
});
