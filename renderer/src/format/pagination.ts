// Page arithmetic for paged tables. Pure, tested in Node.

export interface PageRange {
  /** 1-based number of the first row shown, 0 when there is none. */
  from: number;
  /** 1-based number of the last row shown, 0 when there is none. */
  to: number;
  /** Number of pages, at least 1. */
  pages: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

export function pageRange(page: number, pageSize: number, total: number): PageRange {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  const empty = first > last;
  return { from: empty ? 0 : first, to: empty ? 0 : last, pages, hasPrevious: page > 1, hasNext: page < pages };
}

/** The page to show after the page size changed, so that the first row seen stays on screen. */
export function pageForFirstRow(currentPage: number, oldPageSize: number, newPageSize: number): number {
  const firstRow = (currentPage - 1) * oldPageSize;
  return Math.floor(firstRow / newPageSize) + 1;
}
