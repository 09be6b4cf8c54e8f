// The maths of the library's virtual list: which rows a scroll position shows, which pages of
// `library.list` those rows need, and which cached pages may stay. Rows have one fixed height;
// ranges are half-open [start, end). Pure, tested in Node.

export interface RowRange {
  start: number;
  end: number;
}

export const emptyRange: RowRange = { start: 0, end: 0 };

/**
 * The rows to render for a scroll position: those on screen plus `overscan` rows above and
 * below, so that a short scroll shows rendered rows before the next frame.
 */
export function visibleRows(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan: number): RowRange {
  if (total <= 0 || rowHeight <= 0) return emptyRange;
  const top = Math.max(0, scrollTop);
  const firstOnScreen = Math.min(total - 1, Math.floor(top / rowHeight));
  const endOnScreen = Math.min(total, Math.max(firstOnScreen + 1, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight)));
  return { start: Math.max(0, firstOnScreen - overscan), end: Math.min(total, endOnScreen + overscan) };
}

/**
 * Offsets of the pages (each `pageSize` rows, starting at multiples of `pageSize`) that hold the
 * rows of `range` widened by `margin` rows on both sides. With no known total yet, only the
 * first page is asked for.
 */
export function pageOffsetsFor(range: RowRange, pageSize: number, margin: number, total: number | null): number[] {
  // Unknown or empty: the first page tells (again, after a refresh) how many rows there are.
  if (total === null || total <= 0) return [0];
  const from = Math.max(0, Math.min(range.start, total - 1) - margin);
  const to = Math.min(total, Math.max(range.end, range.start + 1) + margin);
  const offsets: number[] = [];
  for (let offset = Math.floor(from / pageSize) * pageSize; offset < to; offset += pageSize) offsets.push(offset);
  return offsets;
}

/** Whether a cached page is near enough to the range to keep; pages further away are dropped. */
export function keepPage(offset: number, range: RowRange, pageSize: number, keepPages: number, total: number | null): boolean {
  if (total !== null && offset >= total) return false;
  const keepFrom = range.start - keepPages * pageSize;
  const keepTo = range.end + keepPages * pageSize;
  return offset + pageSize > keepFrom && offset < keepTo;
}

/**
 * The scroll position that brings row `index` fully into view with the least movement, or the
 * current one when it is already visible.
 */
export function scrollTopToReveal(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight) return Math.max(0, rowBottom - viewportHeight);
  return scrollTop;
}

/** The row a key moves the selection to, or null for a key the list does not handle. */
export function rowAfterKey(key: string, current: number, total: number, rowsPerScreen: number): number | null {
  if (total <= 0) return null;
  const page = Math.max(1, rowsPerScreen - 1);
  const clamp = (index: number): number => Math.min(total - 1, Math.max(0, index));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + page);
    case 'PageUp':
      return clamp(current - page);
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    default:
      return null;
  }
}
