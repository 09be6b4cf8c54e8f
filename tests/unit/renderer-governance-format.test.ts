// Four-eyes requests, holds and locks as the renderer shows them.
import { describe, expect, it } from 'vitest';
import { clipIdOfSubject, clipIdsOfRequest, formatCalendarDate, localDatePlusDays, requestFactsOf } from '../../renderer/src/format/governance.ts';

describe('approval requests', () => {
  it('reads the clip of a subject', () => {
    expect(clipIdOfSubject('clip:5')).toBe(5);
    expect(clipIdOfSubject('clip:120')).toBe(120);
    expect(clipIdOfSubject('user:dvg')).toBeNull();
    expect(clipIdOfSubject('clip:5a')).toBeNull();
  });

  it('reads the clips of a clip request and of an export request', () => {
    expect(clipIdsOfRequest('clip:5', {})).toEqual([5]);
    expect(clipIdsOfRequest('export:7f3c', { exportId: '7f3c', clipIds: [3, 4] })).toEqual([3, 4]);
    expect(clipIdsOfRequest('export:7f3c', { clipIds: [3, 'x', -1, 2.5] })).toEqual([3]);
    expect(clipIdsOfRequest('export:7f3c', {})).toEqual([]);
  });

  it('reads the facts of a request and ignores what is not one', () => {
    expect(requestFactsOf({ holdId: 3, holdReason: 'claims', caseReference: '4711 Js 1/24', reviewDate: '2027-01-31' })).toEqual({
      caseReference: '4711 Js 1/24',
      holdReason: 'claims',
      reviewDate: '2027-01-31',
      recipient: null,
    });
    expect(requestFactsOf({ exportId: 'a', caseReference: '4711 Js 1/24', recipient: 'StA Stuttgart', clipIds: [3] })).toEqual({
      caseReference: '4711 Js 1/24',
      holdReason: null,
      reviewDate: null,
      recipient: 'StA Stuttgart',
    });
    expect(requestFactsOf({})).toEqual({ caseReference: null, holdReason: null, reviewDate: null, recipient: null });
    expect(requestFactsOf({ holdReason: 'gut feeling', caseReference: ' ', reviewDate: 7 })).toEqual({ caseReference: null, holdReason: null, reviewDate: null, recipient: null });
  });
});

describe('calendar dates', () => {
  it('shows a date in the UI language, whatever the time zone', () => {
    expect(formatCalendarDate('2026-05-01', 'de-DE')).toBe('01.05.2026');
    expect(formatCalendarDate('2026-12-31', 'en-GB')).toBe('31/12/2026');
    expect(formatCalendarDate('morgen', 'de-DE')).toBe('morgen');
  });

  it('counts local calendar days across month and year ends', () => {
    expect(localDatePlusDays(new Date(2026, 0, 31, 23, 30), 1)).toBe('2026-02-01');
    expect(localDatePlusDays(new Date(2026, 11, 31, 0, 5), 1)).toBe('2027-01-01');
    expect(localDatePlusDays(new Date(2026, 2, 29, 12), 0)).toBe('2026-03-29');
  });
});
