// The one `Range` request header the media handler understands: a single byte range
// (RFC 9110 §14.1.2). `bytes=a-b`, `bytes=a-` and `bytes=-n`; ends past the file are clamped.
// Anything else (another unit, several ranges, bad syntax, a range outside the file) is refused
// with 416 by the caller rather than silently answered with the whole file.

/** What to send for a request's `Range` header against a file of `size` bytes. */
export type ByteRange =
  /** No Range header: the whole file with 200. */
  | { kind: 'whole' }
  /** Bytes `start` to `end`, both inclusive, with 206. */
  | { kind: 'partial'; start: number; end: number }
  /** 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable'; reason: 'syntax' | 'multiple' | 'outside' };

const singleRange = /^bytes=(\d*)-(\d*)$/i;

export function parseRange(header: string | null | undefined, size: number): ByteRange {
  if (header === null || header === undefined) return { kind: 'whole' };
  const value = header.trim();
  if (value.includes(',')) return { kind: 'unsatisfiable', reason: 'multiple' };
  const match = singleRange.exec(value);
  const [, first = '', last = ''] = match ?? [];
  if (!match || (first === '' && last === '')) return { kind: 'unsatisfiable', reason: 'syntax' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable', reason: 'outside' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'unsatisfiable', reason: 'syntax' };
  if (start >= size) return { kind: 'unsatisfiable', reason: 'outside' };
  return { kind: 'partial', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/** The `Content-Range` value of a 206 answer. */
export const contentRange = (start: number, end: number, size: number): string => `bytes ${start}-${end}/${size}`;

/** The `Content-Range` value of a 416 answer. */
export const unsatisfiedRange = (size: number): string => `bytes */${size}`;
