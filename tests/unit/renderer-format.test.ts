// Pure helpers of the renderer: times, paging, audit detail summaries, the settings draft.
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/api/settings.ts';
import { detailParts, formatDetailValue } from '../../renderer/src/format/audit-details.ts';
import { pageForFirstRow, pageRange } from '../../renderer/src/format/pagination.ts';
import { categoriesFromText, changedSettings, matchesProfile, rebaseDraft, withProfile } from '../../renderer/src/format/settings-draft.ts';
import { dateLocale, formatLocalClock, formatLocalInstant, formatLocalTime, formatUtcTime } from '../../renderer/src/format/time.ts';

describe('audit times', () => {
  it('shows local time in Berlin for a UTC time, summer and winter', () => {
    expect(formatLocalTime('2026-11-28T14:33:05.123Z', 'de-DE', 'Europe/Berlin')).toBe('28.11.2026, 15:33:05');
    expect(formatLocalTime('2026-07-01T22:10:00.000Z', 'de-DE', 'Europe/Berlin')).toBe('02.07.2026, 00:10:00');
    expect(formatLocalTime('2026-11-28T14:33:05.123Z', dateLocale('en'), 'Europe/Berlin')).toBe('28/11/2026, 15:33:05');
  });

  it('shows UTC with milliseconds regardless of language', () => {
    expect(formatUtcTime('2026-11-28T14:33:05.123Z')).toBe('2026-11-28 14:33:05.123 UTC');
  });

  it('passes an unparsable time through unchanged', () => {
    expect(formatLocalTime('yesterday', 'de-DE')).toBe('yesterday');
    expect(formatUtcTime('yesterday')).toBe('yesterday');
  });

  it('formats a clock time with seconds in 24 hours', () => {
    expect(formatLocalClock(new Date('2026-11-28T20:05:09Z'), 'en-GB', 'Europe/Berlin')).toBe('21:05:09');
  });
});

describe('recording instants (local wall clock with milliseconds and offset)', () => {
  it.each([
    ['Berlin winter, German', '2024-03-14T08:15:02.033Z', 'de-DE', 'Europe/Berlin', '14.03.2024, 09:15:02,033 (UTC+01:00)'],
    ['Berlin winter, English', '2024-03-14T08:15:02.033Z', 'en-GB', 'Europe/Berlin', '14/03/2024, 09:15:02.033 (UTC+01:00)'],
    ['Berlin summer past midnight, German', '2024-07-01T22:10:00.000Z', 'de-DE', 'Europe/Berlin', '02.07.2024, 00:10:00,000 (UTC+02:00)'],
    ['Berlin summer past midnight, English', '2024-07-01T22:10:00.000Z', 'en-GB', 'Europe/Berlin', '02/07/2024, 00:10:00.000 (UTC+02:00)'],
    ['last millisecond before the clocks go forward', '2024-03-31T00:59:59.999Z', 'de-DE', 'Europe/Berlin', '31.03.2024, 01:59:59,999 (UTC+01:00)'],
    ['the next millisecond is 03:00 summer time', '2024-03-31T01:00:00.000Z', 'de-DE', 'Europe/Berlin', '31.03.2024, 03:00:00,000 (UTC+02:00)'],
    ['one millisecond into summer time, English', '2024-03-31T01:00:00.001Z', 'en-GB', 'Europe/Berlin', '31/03/2024, 03:00:00.001 (UTC+02:00)'],
    ['02:30 before the clocks go back', '2024-10-27T00:30:00.000Z', 'de-DE', 'Europe/Berlin', '27.10.2024, 02:30:00,000 (UTC+02:00)'],
    ['02:30 again an hour later, told apart by the offset', '2024-10-27T01:30:00.000Z', 'de-DE', 'Europe/Berlin', '27.10.2024, 02:30:00,000 (UTC+01:00)'],
    ['new year in Berlin while UTC is still in the old one', '2024-12-31T23:59:59.999Z', 'de-DE', 'Europe/Berlin', '01.01.2025, 00:59:59,999 (UTC+01:00)'],
    ['UTC writes its offset out', '2024-03-14T08:15:02.033Z', 'en-GB', 'UTC', '14/03/2024, 08:15:02.033 (UTC+00:00)'],
    ['a negative offset', '2024-03-14T08:15:02.033Z', 'de-DE', 'America/New_York', '14.03.2024, 04:15:02,033 (UTC-04:00)'],
    ['a half-hour offset', '2024-03-14T08:15:02.033Z', 'en-GB', 'Asia/Kolkata', '14/03/2024, 13:45:02.033 (UTC+05:30)'],
  ])('%s', (_name, iso, locale, timeZone, expected) => {
    expect(formatLocalInstant(Date.parse(iso), locale, timeZone)).toBe(expected);
  });

  it('keeps every millisecond, down to a single one', () => {
    const base = Date.parse('2024-03-14T08:15:02.000Z');
    expect([0, 1, 10, 999].map((ms) => formatLocalInstant(base + ms, 'en-GB', 'Europe/Berlin'))).toEqual([
      '14/03/2024, 09:15:02.000 (UTC+01:00)',
      '14/03/2024, 09:15:02.001 (UTC+01:00)',
      '14/03/2024, 09:15:02.010 (UTC+01:00)',
      '14/03/2024, 09:15:02.999 (UTC+01:00)',
    ]);
  });

  it('follows the UI language through dateLocale', () => {
    const instant = Date.parse('2024-03-14T08:15:02.033Z');
    expect(formatLocalInstant(instant, dateLocale('de'), 'Europe/Berlin')).toBe('14.03.2024, 09:15:02,033 (UTC+01:00)');
    expect(formatLocalInstant(instant, dateLocale('en'), 'Europe/Berlin')).toBe('14/03/2024, 09:15:02.033 (UTC+01:00)');
  });

  it('gives nothing for an instant that is not a time', () => {
    expect(formatLocalInstant(Number.NaN, 'de-DE', 'Europe/Berlin')).toBe('');
    expect(formatLocalInstant(Number.POSITIVE_INFINITY, 'en-GB')).toBe('');
    expect(formatLocalInstant(8.64e15 + 1, 'de-DE', 'Europe/Berlin')).toBe('');
  });
});

describe('paging', () => {
  it.each([
    [1, 50, 138, { from: 1, to: 50, pages: 3, hasPrevious: false, hasNext: true }],
    [3, 50, 138, { from: 101, to: 138, pages: 3, hasPrevious: true, hasNext: false }],
    [1, 50, 0, { from: 0, to: 0, pages: 1, hasPrevious: false, hasNext: false }],
    [1, 50, 50, { from: 1, to: 50, pages: 1, hasPrevious: false, hasNext: false }],
    [4, 50, 138, { from: 0, to: 0, pages: 3, hasPrevious: true, hasNext: false }],
  ])('page %i of size %i with %i rows', (page, size, total, expected) => {
    expect(pageRange(page, size, total)).toEqual(expected);
  });

  it('keeps the first visible row on screen when the page size changes', () => {
    expect(pageForFirstRow(3, 50, 25)).toBe(5);
    expect(pageForFirstRow(3, 50, 100)).toBe(2);
    expect(pageForFirstRow(1, 50, 200)).toBe(1);
  });
});

describe('audit detail summary', () => {
  const words = { yes: 'ja', no: 'nein', empty: '(leer)' };

  it('turns a settings change into from → to parts', () => {
    expect(
      detailParts({ changes: { stationDrive: { from: '', to: '/media/x' }, retentionDays: { from: 28, to: 30 } } }, words),
    ).toEqual([
      { kind: 'change', key: 'stationDrive', from: '(leer)', to: '/media/x' },
      { kind: 'change', key: 'retentionDays', from: '28', to: '30' },
    ]);
  });

  it('lists plain values with booleans in words and objects as JSON', () => {
    expect(detailParts({ intact: false, entries: 12, filter: { userId: 'u1' } }, words)).toEqual([
      { kind: 'value', key: 'intact', value: 'nein' },
      { kind: 'value', key: 'entries', value: '12' },
      { kind: 'value', key: 'filter', value: '{"userId":"u1"}' },
    ]);
  });

  it('shortens long values to 80 characters', () => {
    const value = formatDetailValue('x'.repeat(200), words);
    expect(value).toHaveLength(80);
    expect(value.endsWith('…')).toBe(true);
  });
});

describe('settings draft', () => {
  const saved: Settings = { ...defaultSettings, stationDrive: '/media/a' };

  it('sends only the keys that differ', () => {
    expect(changedSettings(saved, { ...saved })).toEqual({});
    expect(changedSettings(saved, { ...saved, markerCategories: [...saved.markerCategories] })).toEqual({});
    expect(changedSettings(saved, { ...saved, markerCategories: ['Widerstand'] })).toEqual({ markerCategories: ['Widerstand'] });
    expect(changedSettings(saved, { ...saved, retentionDays: 30, language: 'en' })).toEqual({ retentionDays: 30, language: 'en' });
  });

  it('takes deadline and pre-recording from a chosen profile', () => {
    const draft = withProfile(saved, 'RP');
    expect(draft).toMatchObject({ retentionProfile: 'RP', retentionDays: 30, preRecordMaxSeconds: 0 });
    expect(matchesProfile(draft)).toBe(true);
    expect(matchesProfile({ ...draft, retentionDays: 31 })).toBe(false);
    expect(changedSettings(saved, draft)).toEqual({ retentionProfile: 'RP', retentionDays: 30, preRecordMaxSeconds: 0 });
  });

  it('rebases untouched keys on new saved settings and keeps the user’s edits', () => {
    const draft = { ...saved, retentionDays: 40 };
    const next = { ...saved, stationDrive: '/media/b', retentionDays: 14 };
    expect(rebaseDraft(saved, next, draft)).toEqual({ ...next, retentionDays: 40 });
  });
});

describe('categoriesFromText', () => {
  it('takes one category per line, trimmed, without blank lines or repeats', () => {
    expect(categoriesFromText(' Widerstand \n\nBeleidigung\nWiderstand\n  ')).toEqual(['Widerstand', 'Beleidigung']);
    expect(categoriesFromText('')).toEqual([]);
  });
});
