import { describe, expect, it } from 'vitest';
import type { Box, Keyframe } from '../../shared/tracks/interpolation.ts';
import {
  blurRadius,
  maskAt,
  maskCovers,
  masksAt,
  pixelationBlock,
  pixelationGrid,
  type Mask,
  type MaskedTrack,
} from '../../shared/tracks/masks.ts';

const picture = { width: 1920, height: 1080 };
const box = (x: number, y: number, width: number, height: number): Box => ({ x, y, width, height });
const key = (frame: number, b: Box, outside = false): Keyframe => ({ frame, box: b, outside });
const track = (id: number, keyframes: Keyframe[], shape: MaskedTrack['shape'] = 'rectangle'): MaskedTrack => ({
  id,
  shape,
  method: 'pixelate',
  blockSize: 16,
  keyframes,
});

describe('maskAt', () => {
  it.each([
    ['whole pixels stay as they are', box(10, 20, 30, 40), box(10, 20, 30, 40)],
    ['fractional edges are rounded outward', box(10.4, 20.6, 30.2, 40.1), box(10, 20, 31, 41)],
    ['an edge just past a pixel takes the whole pixel', box(9.999, 0, 0.002, 1), box(9, 0, 2, 1)],
    ['cut at the left and top edge', box(-15.5, -3, 40, 20), box(0, 0, 25, 17)],
    ['cut at the right and bottom edge', box(1900.5, 1070, 40, 40), box(1900, 1070, 20, 10)],
    ['a box larger than the picture becomes the picture', box(-100, -100, 5000, 5000), box(0, 0, 1920, 1080)],
    ['a sliver inside the picture keeps one pixel', box(1919.9, 1079.9, 0.05, 0.05), box(1919, 1079, 1, 1)],
  ])('%s', (_name, keyframeBox, expected) => {
    expect(maskAt(track(7, [key(0, keyframeBox)]), 0, picture)).toEqual({
      trackId: 7,
      shape: 'rectangle',
      method: 'pixelate',
      blockSize: 16,
      box: expected,
    });
  });

  it.each([
    ['left of the picture', box(-50, 10, 50, 10)],
    ['right of the picture', box(1920, 10, 50, 10)],
    ['above the picture', box(10, -20, 50, 20)],
    ['below the picture', box(10, 1080, 50, 20)],
    ['a NaN coordinate', box(Number.NaN, 10, 50, 20)],
  ])('is null for a box %s', (_name, keyframeBox) => {
    expect(maskAt(track(1, [key(0, keyframeBox)]), 0, picture)).toBeNull();
  });

  it('rounds the interpolated box, not the keyframes', () => {
    // Halfway: x 10.5 and width 21, so the right edge is at 31.5: pixels 10 to 31.
    const moving = track(2, [key(0, box(10, 0, 20, 10)), key(2, box(11, 0, 22, 10))]);
    expect(maskAt(moving, 1, picture)?.box).toEqual(box(10, 0, 22, 10));
  });

  it('is null before the first keyframe and while the track is outside', () => {
    const leaving = track(3, [key(10, box(0, 0, 10, 10)), key(20, box(0, 0, 10, 10), true)]);
    expect(maskAt(leaving, 9, picture)).toBeNull();
    expect(maskAt(leaving, 10, picture)?.box).toEqual(box(0, 0, 10, 10));
    expect(maskAt(leaving, 20, picture)).toBeNull();
  });
});

describe('masksAt', () => {
  it('keeps the tracks in their order and leaves out the hidden ones', () => {
    const tracks = [
      track(30, [key(0, box(0, 0, 10, 10))]),
      track(10, [key(5, box(0, 0, 10, 10))]),
      track(20, [key(0, box(5, 5, 10, 10))], 'ellipse'),
      track(40, [key(0, box(3000, 0, 10, 10))]),
    ];
    expect(masksAt(tracks, 0, picture).map((mask) => [mask.trackId, mask.shape])).toEqual([
      [30, 'rectangle'],
      [20, 'ellipse'],
    ]);
    expect(masksAt(tracks, 5, picture).map((mask) => mask.trackId)).toEqual([30, 10, 20]);
    expect(masksAt([], 5, picture)).toEqual([]);
  });

  it('finds the shown ones among 500 tracks of 200 keyframes each', () => {
    // Track i starts at frame i and has a keyframe every 10 frames; every third one leaves the
    // picture at its keyframes 20 to 39 (frames i + 200 to i + 399).
    const tracks = Array.from({ length: 500 }, (_, i) =>
      track(
        i + 1,
        Array.from({ length: 200 }, (_, k) => key(i + 10 * k, box((i + k) % 1800, (2 * k) % 1000, 60 + (k % 7), 40), i % 3 === 0 && k >= 20 && k < 40)),
      ),
    );
    const at = (frame: number) => masksAt(tracks, frame, picture);
    // Frame 250: tracks 0..250 have started; of those, every third with i + 200 <= 250 < i + 400 is outside.
    const expected250 = Array.from({ length: 251 }, (_, i) => i).filter((i) => !(i % 3 === 0 && i <= 50));
    expect(at(250).map((mask) => mask.trackId - 1)).toEqual(expected250);
    expect(at(0)).toHaveLength(1);
    // Frame 499: every track has started; every third with i + 200 <= 499 < i + 400 (i 102 to 297, 66 tracks) is outside.
    expect(at(499)).toHaveLength(434);
    expect(at(5000)).toHaveLength(500);
  });
});

describe('maskCovers', () => {
  const rectangle: Pick<Mask, 'shape' | 'box'> = { shape: 'rectangle', box: box(10, 20, 4, 2) };
  const ellipse: Pick<Mask, 'shape' | 'box'> = { shape: 'ellipse', box: box(0, 0, 10, 6) };

  it.each([
    [rectangle, 10, 20, true],
    [rectangle, 13, 21, true],
    [rectangle, 14, 21, false],
    [rectangle, 13, 22, false],
    [rectangle, 9, 20, false],
    [ellipse, 5, 3, true],
    [ellipse, 0, 3, true],
    [ellipse, 9, 2, true],
    [ellipse, 0, 0, false],
    [ellipse, 9, 5, false],
    [ellipse, 2, 0, true],
    [ellipse, 1, 0, false],
    [ellipse, 7, 5, true],
    [ellipse, 8, 5, false],
    [ellipse, 10, 3, false],
  ] as const)('%o covers (%i, %i): %s', (mask, column, row, expected) => {
    expect(maskCovers(mask, column, row)).toBe(expected);
  });

  it('an ellipse covers fewer pixels than its box, a rectangle all of them', () => {
    const count = (mask: Pick<Mask, 'shape' | 'box'>) => {
      let covered = 0;
      for (let row = 0; row < 6; row++) for (let column = 0; column < 10; column++) if (maskCovers(mask, column, row)) covered++;
      return covered;
    };
    expect(count({ shape: 'rectangle', box: box(0, 0, 10, 6) })).toBe(60);
    // Rows from the top: 6, 8, 10, 10, 8, 6 pixels with their centres inside.
    expect(count(ellipse)).toBe(48);
  });
});

describe('pixelation', () => {
  it.each([
    ['a box of whole blocks', box(100, 50, 64, 32), 16, { area: box(100, 50, 64, 32), columns: 4, rows: 2, blockSize: 16 }],
    ['partial blocks reach past the box', box(100, 50, 65, 20), 16, { area: box(100, 50, 80, 32), columns: 5, rows: 2, blockSize: 16 }],
    ['cut at the picture edge', box(1900, 1070, 20, 10), 16, { area: box(1900, 1070, 20, 10), columns: 2, rows: 1, blockSize: 16 }],
    ['a box smaller than one block', box(0, 0, 3, 3), 8, { area: box(0, 0, 8, 8), columns: 1, rows: 1, blockSize: 8 }],
  ])('grid of %s', (_name, maskBox, blockSize, expected) => {
    expect(pixelationGrid(maskBox, blockSize, picture)).toEqual(expected);
  });

  it('blocks are aligned to the box corner and end at the picture edge', () => {
    const grid = pixelationGrid(box(1890, 1060, 30, 20), 16, picture);
    expect(pixelationBlock(grid, 0, 0)).toEqual(box(1890, 1060, 16, 16));
    expect(pixelationBlock(grid, 1, 0)).toEqual(box(1906, 1060, 14, 16));
    expect(pixelationBlock(grid, 0, 1)).toEqual(box(1890, 1076, 16, 4));
    expect(pixelationBlock(grid, 1, 1)).toEqual(box(1906, 1076, 14, 4));
  });

  it('inside the picture every block is whole, also past the box', () => {
    const grid = pixelationGrid(box(10, 10, 17, 17), 8, picture);
    const blocks = [0, 1, 2].flatMap((row) => [0, 1, 2].map((column) => pixelationBlock(grid, column, row)));
    expect(blocks.every((block) => block.width === 8 && block.height === 8)).toBe(true);
    expect(blocks.at(-1)).toEqual(box(26, 26, 8, 8));
  });
});

describe('blurRadius', () => {
  it.each([
    [box(0, 0, 10, 10), 8],
    [box(0, 0, 80, 500), 8],
    [box(0, 0, 200, 100), 10],
    [box(0, 0, 400, 300), 30],
    [box(0, 0, 1920, 1080), 108],
  ])('%o → %f source pixels', (maskBox, expected) => {
    expect(blurRadius(maskBox)).toBeCloseTo(expected, 10);
  });
});
