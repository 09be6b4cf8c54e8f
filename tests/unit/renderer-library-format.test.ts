// How the library shows figures: durations as hh:mm:ss, sizes, frame rates, positions, counts,
// and the order of status badges (what needs attention first).
import { describe, expect, it } from 'vitest';
import {
  badgeOrder,
  formatBytes,
  formatCount,
  formatDuration,
  formatFrameRate,
  formatPosition,
  orderedBadges,
} from '../../renderer/src/format/recording.ts';
import { recordingStatuses } from '../../shared/api/library.ts';

describe('durations', () => {
  it.each([
    [0, '00:00:00'],
    [59.999, '00:00:59'],
    [61, '00:01:01'],
    [3599, '00:59:59'],
    [3600, '01:00:00'],
    [36_000 + 754.5, '10:12:34'],
    [100 * 3600 + 1, '100:00:01'],
  ])('%d s is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('shows milliseconds for clips, cut not rounded', () => {
    expect(formatDuration(600.0416, true)).toBe('00:10:00.041');
    expect(formatDuration(1.001, true)).toBe('00:00:01.001');
    expect(formatDuration(0.1 + 0.2, true)).toBe('00:00:00.300');
  });

  it('has no text for an unknown or negative duration', () => {
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(-3)).toBeNull();
    expect(formatDuration(Number.NaN)).toBeNull();
  });
});

describe('sizes, counts, frame rates, positions', () => {
  it('formats sizes in decimal units in the UI language', () => {
    expect(formatBytes(0, 'de-DE')).toBe('0 B');
    expect(formatBytes(999, 'de-DE')).toBe('999 B');
    expect(formatBytes(1_234_567_890, 'de-DE')).toBe('1,2 GB');
    expect(formatBytes(1_234_567_890, 'en-GB')).toBe('1.2 GB');
    expect(formatBytes(52_400, 'en-GB')).toBe('52.4 kB');
  });

  it('groups counts the German way', () => {
    expect(formatCount(20_000, 'de-DE')).toBe('20.000');
    expect(formatCount(1234, 'de-DE')).toBe('1.234');
    expect(formatCount(1234, 'en-GB')).toBe('1,234');
  });

  it('shows the frame rate as the stored rational and as fps', () => {
    expect(formatFrameRate({ num: 30000, den: 1001 }, 'de-DE')).toBe('30000/1001 (29,97 fps)');
    expect(formatFrameRate({ num: 25, den: 1 }, 'en-GB')).toBe('25/1 (25 fps)');
  });

  it('shows positions with hemispheres', () => {
    expect(formatPosition(48.775556, 9.182778)).toBe('48.77556° N, 9.18278° E');
    expect(formatPosition(-33.8688, -151.2093)).toBe('33.86880° S, 151.20930° W');
  });
});

describe('status badges', () => {
  it('names every status exactly once in the order', () => {
    expect([...badgeOrder].sort()).toEqual([...recordingStatuses].sort());
  });

  it('puts the integrity alarm first, then missing and error, then markers, new, reviewed', () => {
    expect(orderedBadges(['reviewed', 'has-markers', 'integrity-alarm', 'new'])).toEqual(['integrity-alarm', 'has-markers', 'new', 'reviewed']);
    expect(orderedBadges(['new', 'error', 'missing'])).toEqual(['missing', 'error', 'new']);
  });

  it('shows each status once and nothing for none', () => {
    expect(orderedBadges(['new', 'new'])).toEqual(['new']);
    expect(orderedBadges([])).toEqual([]);
  });
});
