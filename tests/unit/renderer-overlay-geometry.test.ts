import { describe, expect, it } from 'vitest';
import {
  boxFromDrag,
  isNudgeKey,
  MIN_BOX_SIZE,
  moveBox,
  nudgeBox,
  resizeBox,
  resizeHandles,
  type ResizeHandle,
} from '../../renderer/src/player/overlay-geometry.ts';
import type { Box } from '../../shared/tracks/interpolation.ts';

const picture = { width: 640, height: 360 };
const box = (x: number, y: number, width: number, height: number): Box => ({ x, y, width, height });
/** 100 × 50 at (200, 100): room on every side. */
const middle = box(200, 100, 100, 50);

describe('moveBox', () => {
  it.each([
    ['by whole pixels', middle, 15, -20, box(215, 80, 100, 50)],
    ['by fractions, landing on whole pixels', middle, 10.4, 0.6, box(210, 101, 100, 50)],
    ['stopped at the left and top edge', middle, -500, -500, box(0, 0, 100, 50)],
    ['stopped at the right and bottom edge', middle, 1000, 1000, box(540, 310, 100, 50)],
    ['only the blocked axis stops', box(600, 100, 40, 40), 30, 25, box(600, 125, 40, 40)],
    ['a box as large as the picture stays put', box(0, 0, 640, 360), 5, 5, box(0, 0, 640, 360)],
  ])('%s', (_name, from, dx, dy, expected) => {
    expect(moveBox(from, dx, dy, picture)).toEqual(expected);
  });
});

describe('resizeBox', () => {
  it.each<[ResizeHandle, number, number, Box]>([
    ['n', 7, 7, box(200, 107, 100, 43)],
    ['s', 7, 7, box(200, 100, 100, 57)],
    ['e', 7, 7, box(200, 100, 107, 50)],
    ['w', 7, 7, box(207, 100, 93, 50)],
    ['ne', 7, 7, box(200, 107, 107, 43)],
    ['nw', 7, 7, box(207, 107, 93, 43)],
    ['se', 7, 7, box(200, 100, 107, 57)],
    ['sw', 7, 7, box(207, 100, 93, 57)],
  ])('handle %s by (%i, %i) moves only its edges', (handle, dx, dy, expected) => {
    expect(resizeBox(middle, handle, dx, dy, picture, 10)).toEqual(expected);
  });

  it.each<[ResizeHandle, number, number, Box]>([
    ['e', -500, 0, box(200, 100, 10, 50)],
    ['w', 500, 0, box(290, 100, 10, 50)],
    ['n', 0, 500, box(200, 140, 100, 10)],
    ['s', 0, -500, box(200, 100, 100, 10)],
    ['se', -500, -500, box(200, 100, 10, 10)],
    ['nw', 500, 500, box(290, 140, 10, 10)],
  ])('handle %s dragged past the opposite edge stops at the minimum size, never inverted', (handle, dx, dy, expected) => {
    expect(resizeBox(middle, handle, dx, dy, picture, 10)).toEqual(expected);
  });

  it.each<[ResizeHandle, number, number, Box]>([
    ['nw', -1000, -1000, box(0, 0, 300, 150)],
    ['se', 1000, 1000, box(200, 100, 440, 260)],
    ['ne', 1000, -1000, box(200, 0, 440, 150)],
    ['sw', -1000, 1000, box(0, 100, 300, 260)],
  ])('handle %s stops at the picture edges', (handle, dx, dy, expected) => {
    expect(resizeBox(middle, handle, dx, dy, picture, 10)).toEqual(expected);
  });

  it('rounds a moved edge to a whole pixel and leaves the others', () => {
    expect(resizeBox(middle, 'e', 3.6, 99, picture, 10)).toEqual(box(200, 100, 104, 50));
  });

  it('a box at the picture corner smaller than the minimum only grows', () => {
    const corner = box(0, 0, 3, 3);
    expect(resizeBox(corner, 'nw', 2, 2, picture, 10)).toEqual(box(0, 0, 3, 3));
    expect(resizeBox(corner, 'se', -2, -2, picture, 10)).toEqual(box(0, 0, 10, 10));
  });

  it('never leaves the picture or inverts, for any handle and drag', () => {
    for (const handle of resizeHandles) {
      for (const dx of [-900, -150, -60, 0, 60, 900]) {
        for (const dy of [-900, -75, -30, 0, 30, 900]) {
          const resized = resizeBox(middle, handle, dx, dy, picture, MIN_BOX_SIZE);
          expect(resized.width).toBeGreaterThanOrEqual(MIN_BOX_SIZE);
          expect(resized.height).toBeGreaterThanOrEqual(MIN_BOX_SIZE);
          expect(resized.x).toBeGreaterThanOrEqual(0);
          expect(resized.y).toBeGreaterThanOrEqual(0);
          expect(resized.x + resized.width).toBeLessThanOrEqual(picture.width);
          expect(resized.y + resized.height).toBeLessThanOrEqual(picture.height);
        }
      }
    }
  });
});

describe('boxFromDrag', () => {
  it.each([
    ['down and right', { x: 10, y: 20 }, { x: 110, y: 70 }, box(10, 20, 100, 50)],
    ['up and left', { x: 110, y: 70 }, { x: 10, y: 20 }, box(10, 20, 100, 50)],
    ['up and right', { x: 10, y: 70 }, { x: 110, y: 20 }, box(10, 20, 100, 50)],
    ['rounded to whole pixels', { x: 10.4, y: 20.5 }, { x: 109.6, y: 69.4 }, box(10, 21, 100, 48)],
    ['cut at the picture', { x: -40, y: 300 }, { x: 50, y: 900 }, box(0, 300, 50, 60)],
    ['a click spans nothing', { x: 30, y: 30 }, { x: 30, y: 30 }, box(30, 30, 0, 0)],
    ['wholly outside the picture spans nothing', { x: 700, y: 10 }, { x: 800, y: 50 }, box(640, 10, 0, 40)],
  ])('%s', (_name, start, end, expected) => {
    expect(boxFromDrag(start, end, picture)).toEqual(expected);
  });
});

describe('nudgeBox', () => {
  const move = { resize: false, large: false };
  const moveLarge = { resize: false, large: true };
  const grow = { resize: true, large: false };
  const growLarge = { resize: true, large: true };

  it.each([
    ['ArrowLeft', move, box(199, 100, 100, 50)],
    ['ArrowRight', move, box(201, 100, 100, 50)],
    ['ArrowUp', move, box(200, 99, 100, 50)],
    ['ArrowDown', move, box(200, 101, 100, 50)],
    ['ArrowLeft', moveLarge, box(190, 100, 100, 50)],
    ['ArrowDown', moveLarge, box(200, 110, 100, 50)],
    ['ArrowRight', grow, box(200, 100, 101, 50)],
    ['ArrowLeft', grow, box(200, 100, 99, 50)],
    ['ArrowDown', grow, box(200, 100, 100, 51)],
    ['ArrowUp', grow, box(200, 100, 100, 49)],
    ['ArrowRight', growLarge, box(200, 100, 110, 50)],
    ['ArrowUp', growLarge, box(200, 100, 100, 40)],
  ] as const)('%s with %o', (key, modifiers, expected) => {
    expect(nudgeBox(middle, key, modifiers, picture)).toEqual(expected);
  });

  it('stops at the picture edge and at the minimum size', () => {
    expect(nudgeBox(box(635, 0, 5, 5), 'ArrowRight', moveLarge, picture)).toEqual(box(635, 0, 5, 5));
    expect(nudgeBox(box(3, 0, 5, 5), 'ArrowLeft', moveLarge, picture)).toEqual(box(0, 0, 5, 5));
    expect(nudgeBox(box(630, 0, 5, 5), 'ArrowRight', growLarge, picture)).toEqual(box(630, 0, 10, 5));
    expect(nudgeBox(box(0, 0, 12, 12), 'ArrowUp', growLarge, picture)).toEqual(box(0, 0, 12, MIN_BOX_SIZE));
  });

  it('knows the arrow keys only', () => {
    expect(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Left', 'a', 'Home'].filter(isNudgeKey)).toEqual([
      'ArrowLeft',
      'ArrowRight',
      'ArrowUp',
      'ArrowDown',
    ]);
  });
});
