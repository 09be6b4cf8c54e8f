// The virtual list of the library: which rows a scroll position renders, which pages of
// `library.list` they need, which cached pages stay, and where the keyboard moves the selection.
import { describe, expect, it } from 'vitest';
import { keepPage, pageOffsetsFor, rowAfterKey, scrollTopToReveal, visibleRows } from '../../renderer/src/format/virtual-window.ts';

const rowHeight = 56;

describe('visible rows', () => {
  it.each([
    // scrollTop, viewport, total, overscan → [start, end)
    [0, 560, 20_000, 0, { start: 0, end: 10 }],
    [0, 560, 20_000, 6, { start: 0, end: 16 }],
    [5600, 560, 20_000, 6, { start: 94, end: 116 }],
    // a row cut in half at the top and at the bottom is on screen
    [28, 560, 20_000, 0, { start: 0, end: 11 }],
    // scrolled to the very end: 20,000 rows of 56 px, 560 px visible
    [20_000 * rowHeight - 560, 560, 20_000, 6, { start: 19_984, end: 20_000 }],
    // fewer rows than fit
    [0, 560, 3, 6, { start: 0, end: 3 }],
  ])('scrollTop %i, viewport %i, %i rows, overscan %i', (scrollTop, viewport, total, overscan, expected) => {
    expect(visibleRows(scrollTop, viewport, rowHeight, total, overscan)).toEqual(expected);
  });

  it('renders nothing for an empty result and stays inside the result when scrolled past it', () => {
    expect(visibleRows(0, 560, rowHeight, 0, 6)).toEqual({ start: 0, end: 0 });
    // the list shrank under a scrolled viewport (a refresh): the last rows, not an empty window
    expect(visibleRows(100_000, 560, rowHeight, 50, 2)).toEqual({ start: 47, end: 50 });
  });

  it('keeps the DOM small: about one screen plus the overscan, wherever the list is scrolled', () => {
    for (const scrollTop of [0, 1234, 500_000, 1_119_440]) {
      const { start, end } = visibleRows(scrollTop, 600, rowHeight, 20_000, 6);
      expect(end - start).toBeLessThanOrEqual(Math.ceil(600 / rowHeight) + 1 + 12);
    }
  });
});

describe('pages to fetch', () => {
  it('asks only for the first page while the total is unknown', () => {
    expect(pageOffsetsFor({ start: 0, end: 16 }, 100, 40, null)).toEqual([0]);
  });

  it('asks for nothing when the result is empty', () => {
    expect(pageOffsetsFor({ start: 0, end: 0 }, 100, 40, 0)).toEqual([0]);
  });

  it('covers the window and the margin with aligned pages', () => {
    expect(pageOffsetsFor({ start: 0, end: 16 }, 100, 40, 20_000)).toEqual([0]);
    expect(pageOffsetsFor({ start: 70, end: 86 }, 100, 40, 20_000)).toEqual([0, 100]);
    expect(pageOffsetsFor({ start: 150, end: 166 }, 100, 40, 20_000)).toEqual([100, 200]);
    expect(pageOffsetsFor({ start: 9_995, end: 10_011 }, 100, 40, 20_000)).toEqual([9_900, 10_000]);
  });

  it('never asks beyond the end of the result', () => {
    expect(pageOffsetsFor({ start: 19_984, end: 20_000 }, 100, 40, 20_000)).toEqual([19_900]);
    expect(pageOffsetsFor({ start: 230, end: 250 }, 100, 40, 250)).toEqual([100, 200]);
  });

  it('keeps pages near the window and drops far ones and those past the end', () => {
    const window = { start: 5_000, end: 5_016 };
    expect(keepPage(5_000, window, 100, 2, 20_000)).toBe(true);
    expect(keepPage(4_800, window, 100, 2, 20_000)).toBe(true);
    expect(keepPage(4_700, window, 100, 2, 20_000)).toBe(false);
    expect(keepPage(5_200, window, 100, 2, 20_000)).toBe(true);
    expect(keepPage(5_300, window, 100, 2, 20_000)).toBe(false);
    expect(keepPage(0, window, 100, 2, 20_000)).toBe(false);
    expect(keepPage(200, { start: 180, end: 200 }, 100, 2, 200)).toBe(false);
  });
});

describe('keyboard and scrolling to a row', () => {
  it('scrolls as little as needed to show a row', () => {
    expect(scrollTopToReveal(5, rowHeight, 0, 560)).toBe(0);
    expect(scrollTopToReveal(10, rowHeight, 0, 560)).toBe(11 * rowHeight - 560);
    expect(scrollTopToReveal(3, rowHeight, 1000, 560)).toBe(3 * rowHeight);
  });

  it.each([
    ['ArrowDown', 4, 5],
    ['ArrowUp', 4, 3],
    ['ArrowUp', 0, 0],
    ['ArrowDown', 19_999, 19_999],
    ['PageDown', 4, 13],
    ['PageUp', 4, 0],
    ['Home', 500, 0],
    ['End', 5, 19_999],
  ] as const)('%s from row %i goes to row %i', (key, from, to) => {
    expect(rowAfterKey(key, from, 20_000, 10)).toBe(to);
  });

  it('ignores other keys and an empty list', () => {
    expect(rowAfterKey('a', 3, 20_000, 10)).toBeNull();
    expect(rowAfterKey('ArrowDown', 0, 0, 10)).toBeNull();
  });
});
