// The Range header parser of the media handler: one byte range, clamped to the file, or 416.
import { describe, expect, it } from 'vitest';
import { contentRange, parseRange, unsatisfiedRange, type ByteRange } from '../../electron/core/media/byte-range.ts';

const partial = (start: number, end: number): ByteRange => ({ kind: 'partial', start, end });
const refused = (reason: 'syntax' | 'multiple' | 'outside'): ByteRange => ({ kind: 'unsatisfiable', reason });

describe('parseRange', () => {
  it.each<[string, string | null, number, ByteRange]>([
    ['no header', null, 1000, { kind: 'whole' }],
    ['first byte', 'bytes=0-0', 1000, partial(0, 0)],
    ['a middle range', 'bytes=100-199', 1000, partial(100, 199)],
    ['the last byte', 'bytes=999-999', 1000, partial(999, 999)],
    ['a one-byte suffix', 'bytes=-1', 1000, partial(999, 999)],
    ['a suffix', 'bytes=-300', 1000, partial(700, 999)],
    ['a suffix as long as the file', 'bytes=-1000', 1000, partial(0, 999)],
    ['a suffix longer than the file', 'bytes=-5000', 1000, partial(0, 999)],
    ['an open range', 'bytes=900-', 1000, partial(900, 999)],
    ['an open range from the start', 'bytes=0-', 1000, partial(0, 999)],
    ['an open range from the last byte', 'bytes=999-', 1000, partial(999, 999)],
    ['an end past the file, clamped', 'bytes=500-4000', 1000, partial(500, 999)],
    ['an end far past the file, clamped', `bytes=0-${'9'.repeat(40)}`, 1000, partial(0, 999)],
    ['the unit in upper case', 'Bytes=1-2', 1000, partial(1, 2)],
    ['surrounding blanks', '  bytes=1-2 ', 1000, partial(1, 2)],
    ['a start at the size', 'bytes=1000-', 1000, refused('outside')],
    ['a start beyond the size', 'bytes=1500-1600', 1000, refused('outside')],
    ['an empty suffix', 'bytes=-0', 1000, refused('outside')],
    ['a reversed range', 'bytes=200-100', 1000, refused('syntax')],
    ['no numbers', 'bytes=-', 1000, refused('syntax')],
    ['another unit', 'items=0-1', 1000, refused('syntax')],
    ['no unit', '0-1', 1000, refused('syntax')],
    ['a negative start', 'bytes=--1', 1000, refused('syntax')],
    ['a fraction', 'bytes=0.5-1', 1000, refused('syntax')],
    ['blanks inside', 'bytes= 0-1', 1000, refused('syntax')],
    ['an empty header', '', 1000, refused('syntax')],
    ['two ranges', 'bytes=0-1,5-6', 1000, refused('multiple')],
    ['two ranges with a blank', 'bytes=0-1, 5-6', 1000, refused('multiple')],
    ['an empty file without a range', null, 0, { kind: 'whole' }],
    ['an empty file, first byte', 'bytes=0-0', 0, refused('outside')],
    ['an empty file, open range', 'bytes=0-', 0, refused('outside')],
    ['an empty file, suffix', 'bytes=-1', 0, refused('outside')],
  ])('%s: %s of %i bytes', (_case, header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('Content-Range values', () => {
  it('names the bytes sent and the size, or only the size when refused', () => {
    expect(contentRange(0, 0, 1000)).toBe('bytes 0-0/1000');
    expect(contentRange(700, 999, 1000)).toBe('bytes 700-999/1000');
    expect(unsatisfiedRange(1000)).toBe('bytes */1000');
    expect(unsatisfiedRange(0)).toBe('bytes */0');
  });
});
