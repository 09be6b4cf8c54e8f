import { describe, expect, it } from 'vitest';
import type { Box } from '../../shared/tracks/interpolation.ts';
import { maskCovers, type Mask } from '../../shared/tracks/masks.ts';
import { chromaCoverage, gaussianBoxWidths, lumaCoverage, paintMasks } from '../../electron/core/redaction/paint-masks.ts';
import { planesOf, yuvFrameBytes, type Plane, type YuvFrame } from '../../electron/core/redaction/yuv-frame.ts';

const box = (x: number, y: number, width: number, height: number): Box => ({ x, y, width, height });
const mask = (method: Mask['method'], b: Box, shape: Mask['shape'] = 'rectangle', blockSize = 4, trackId = 1): Mask => ({ trackId, method, shape, blockSize, box: b });

/** A frame whose samples are `value(plane, column, row)`. */
function frameOf(width: number, height: number, value: (plane: 'y' | 'u' | 'v', column: number, row: number) => number): YuvFrame {
  const frame = { width, height, data: new Uint8Array(yuvFrameBytes(width, height)) };
  const planes = planesOf(frame);
  for (const name of ['y', 'u', 'v'] as const) {
    const plane = planes[name];
    for (let row = 0; row < plane.height; row++) for (let column = 0; column < plane.width; column++) plane.data[row * plane.width + column] = value(name, column, row);
  }
  return frame;
}

/** Detail everywhere: neighbouring samples differ. */
const textured = (width: number, height: number) => frameOf(width, height, (plane, c, r) => (c * 73 + r * 151 + (plane === 'y' ? 0 : plane === 'u' ? 29 : 101)) % 251);

const at = (plane: Plane, column: number, row: number) => plane.data[row * plane.width + column];

/** Whether chroma sample (i, j) belongs to a luma pixel one of the masks covers. */
function chromaTouched(masks: readonly Mask[], frame: YuvFrame, i: number, j: number): boolean {
  for (let row = 2 * j; row < Math.min(2 * j + 2, frame.height); row++) {
    for (let column = 2 * i; column < Math.min(2 * i + 2, frame.width); column++) if (masks.some((m) => maskCovers(m, column, row))) return true;
  }
  return false;
}

/** Every sample no mask reaches, per maskCovers, is as it was. */
function expectOutsideUntouched(before: YuvFrame, after: YuvFrame, masks: readonly Mask[]): void {
  const [was, is] = [planesOf(before), planesOf(after)];
  for (let row = 0; row < before.height; row++) {
    for (let column = 0; column < before.width; column++) {
      if (!masks.some((m) => maskCovers(m, column, row))) expect(at(is.y, column, row), `luma ${column},${row}`).toBe(at(was.y, column, row));
    }
  }
  for (let j = 0; j < was.u.height; j++) {
    for (let i = 0; i < was.u.width; i++) {
      if (chromaTouched(masks, before, i, j)) continue;
      expect([at(is.u, i, j), at(is.v, i, j)], `chroma ${i},${j}`).toEqual([at(was.u, i, j), at(was.v, i, j)]);
    }
  }
}

const copyOf = (frame: YuvFrame): YuvFrame => ({ ...frame, data: frame.data.slice() });

describe('yuv420p frames', () => {
  it('lays out odd sizes as ffmpeg writes them: chroma planes of ceil(w/2) × ceil(h/2)', () => {
    expect(yuvFrameBytes(5, 3)).toBe(15 + 2 * 3 * 2);
    expect(yuvFrameBytes(1920, 1080)).toBe(1920 * 1080 * 1.5);
    const frame = { width: 5, height: 3, data: Uint8Array.from({ length: 27 }, (_, n) => n) };
    const { y, u, v } = planesOf(frame);
    expect([y.width, y.height, u.width, u.height, v.width, v.height]).toEqual([5, 3, 3, 2, 3, 2]);
    expect([...y.data]).toEqual([...Array(15).keys()]);
    expect([...u.data]).toEqual([15, 16, 17, 18, 19, 20]);
    expect([...v.data]).toEqual([21, 22, 23, 24, 25, 26]);
    v.data[5] = 99;
    expect(frame.data[26]).toBe(99);
  });

  it('refuses data of the wrong length', () => {
    expect(() => planesOf({ width: 4, height: 4, data: new Uint8Array(23) })).toThrow('a yuv420p frame of 4×4 has 24 bytes, not 23');
  });
});

describe('coverage', () => {
  it('is exactly the pixels maskCovers names, for ellipses of every small size and parity, and large ones', () => {
    const small = Array.from({ length: 13 * 13 }, (_, n): [number, number] => [1 + (n % 13), 1 + Math.floor(n / 13)]);
    const large: [number, number][] = [[41, 97], [97, 41], [200, 3], [3, 200], [255, 256]];
    for (const [width, height] of [...small, ...large]) {
      const ellipse = mask('fill', box(3, 2, width, height), 'ellipse');
      const { top, spans } = lumaCoverage(ellipse);
      expect(top).toBe(2);
      for (let row = 2; row < 2 + height; row++) {
        const covered = [...Array(width).keys()].map((k) => 3 + k).filter((column) => maskCovers(ellipse, column, row));
        const [from, to] = [spans[2 * (row - 2)] ?? 0, spans[2 * (row - 2) + 1] ?? 0];
        expect(covered.length ? [covered[0], (covered.at(-1) ?? 0) + 1] : [], `${width}×${height} row ${row}`).toEqual(to > from ? [from, to] : []);
      }
    }
  });

  it('takes a chroma sample when any of its luma pixels is covered', () => {
    // Rows 3..5, columns 3..5 (odd at both ends): chroma rows 1..2, columns 1..2.
    const chroma = chromaCoverage(lumaCoverage(mask('fill', box(3, 3, 3, 3))));
    expect(chroma.top).toBe(1);
    expect([...chroma.spans]).toEqual([1, 3, 1, 3]);
  });
});

describe('paintMasks: fill', () => {
  it('paints limited-range black on the covered pixels and neutral chroma on every sample they touch, at odd places', () => {
    const frame = textured(7, 5);
    const before = copyOf(frame);
    const solid = mask('fill', box(1, 1, 3, 3));
    paintMasks(frame, [solid]);
    const { y, u, v } = planesOf(frame);
    for (let row = 1; row <= 3; row++) for (let column = 1; column <= 3; column++) expect(at(y, column, row)).toBe(16);
    // Luma columns 1..3 and rows 1..3 touch chroma columns 0..1 and rows 0..1 (of 4 × 3).
    for (let j = 0; j <= 1; j++) for (let i = 0; i <= 1; i++) expect([at(u, i, j), at(v, i, j)]).toEqual([128, 128]);
    expectOutsideUntouched(before, frame, [solid]);
    expect(at(y, 0, 0)).toBe(at(planesOf(before).y, 0, 0));
    expect(at(u, 2, 0)).toBe(at(planesOf(before).u, 2, 0));
  });

  it('paints an ellipse exactly where maskCovers says, with chroma wherever a covered pixel is', () => {
    const frame = textured(23, 19);
    const before = copyOf(frame);
    const ellipse = mask('fill', box(2, 3, 17, 13), 'ellipse');
    paintMasks(frame, [ellipse]);
    const { y, u, v } = planesOf(frame);
    for (let row = 0; row < 19; row++) for (let column = 0; column < 23; column++) if (maskCovers(ellipse, column, row)) expect(at(y, column, row), `${column},${row}`).toBe(16);
    for (let j = 0; j < u.height; j++) for (let i = 0; i < u.width; i++) if (chromaTouched([ellipse], frame, i, j)) expect([at(u, i, j), at(v, i, j)]).toEqual([128, 128]);
    expectOutsideUntouched(before, frame, [ellipse]);
    // A corner of the box is not in the ellipse.
    expect(at(y, 2, 3)).toBe(at(planesOf(before).y, 2, 3));
  });

  it('reaches the last row and column of an odd-sized picture, and its half-covered last chroma samples', () => {
    const frame = textured(9, 7);
    const before = copyOf(frame);
    const corner = mask('fill', box(6, 4, 3, 3));
    paintMasks(frame, [corner]);
    const { y, u } = planesOf(frame);
    expect(at(y, 8, 6)).toBe(16);
    // Chroma column 4 and row 3 belong to luma column 8 and row 6 only.
    expect([at(u, 3, 2), at(u, 4, 2), at(u, 3, 3), at(u, 4, 3)]).toEqual([128, 128, 128, 128]);
    expectOutsideUntouched(before, frame, [corner]);
  });

  it('refuses a mask that is not inside the frame', () => {
    expect(() => paintMasks(textured(8, 8), [mask('fill', box(6, 0, 3, 2), 'rectangle', 4, 7)])).toThrow('the mask of track 7 at 6,0 3×2 is not inside the 8×8 frame');
  });
});

describe('paintMasks: pixelate', () => {
  // Luma 10·column + row, Cb 100 + 3·column + row, Cr 200 − column.
  const ramp = (width: number, height: number) => frameOf(width, height, (plane, c, r) => (plane === 'y' ? 10 * c + r : plane === 'u' ? 100 + 3 * c + r : 200 - c));

  it('gives each block the mean of the whole block (past the box) and chroma by the top-left luma pixel of each sample', () => {
    const frame = ramp(10, 6);
    const before = copyOf(frame);
    // Box columns 1..6, rows 1..4; blocks of 4: columns 1..4 and 5..8 (the second reaching past the box), rows 1..4.
    const pixelated = mask('pixelate', box(1, 1, 6, 4));
    paintMasks(frame, [pixelated]);
    const { y, u, v } = planesOf(frame);
    // Block one: 10 · mean(1..4) + mean(1..4) = 27.5, rounded up. Block two: 10 · mean(5..8) + 2.5 = 67.5.
    for (let row = 1; row <= 4; row++) {
      expect([1, 2, 3, 4, 5, 6].map((column) => at(y, column, row))).toEqual([28, 28, 28, 28, 68, 68]);
      expect([0, 7, 8, 9].map((column) => at(y, column, row))).toEqual([0, 70, 80, 90].map((value) => value + row));
    }
    // Chroma samples 0..4 (columns) hold luma 0→1, 2, 4 (block one) and 6, 8 (block two); rows 0..2 all in the one block row.
    // Cb of block one: 100 + 3 · mean(0, 1, 2) + mean(0, 1, 2) = 104; of block two: 100 + 3 · 3.5 + 1 = 111.5.
    // Covered chroma: columns 0..3 (luma 1..6), rows 0..2 (luma 1..4).
    for (let j = 0; j <= 2; j++) {
      expect([0, 1, 2, 3].map((i) => at(u, i, j))).toEqual([104, 104, 104, 112]);
      expect([0, 1, 2, 3].map((i) => at(v, i, j))).toEqual([199, 199, 199, 197]);
      expect(at(u, 4, j)).toBe(100 + 12 + j);
    }
    expectOutsideUntouched(before, frame, [pixelated]);
  });

  it('averages a last block cut by the picture edge on its own; a one-pixel sliver takes its chroma from the block beside it', () => {
    const frame = ramp(10, 4);
    // Box columns 5..9: blocks 5..8 and the sliver 9; rows 0..3.
    paintMasks(frame, [mask('pixelate', box(5, 0, 5, 4))]);
    const { y, u } = planesOf(frame);
    for (let row = 0; row < 4; row++) expect([5, 6, 7, 8, 9].map((column) => at(y, column, row))).toEqual([67, 67, 67, 67, 92]);
    // Chroma columns 2..4 hold luma 5 (moved in from 4), 6 and 8: all block one; Cb 100 + 3 · 3 + 0.5 = 109.5.
    for (let j = 0; j < 2; j++) expect([2, 3, 4].map((i) => at(u, i, j))).toEqual([110, 110, 110]);
  });

  it('is constant per block in luma, with odd block sizes, an ellipse and an odd place', () => {
    const frame = textured(41, 33);
    const before = copyOf(frame);
    const pixelated = mask('pixelate', box(3, 5, 29, 23), 'ellipse', 7);
    paintMasks(frame, [pixelated]);
    const { y } = planesOf(frame);
    const values = new Map<string, Set<number>>();
    for (let row = 0; row < 33; row++) {
      for (let column = 0; column < 41; column++) {
        if (!maskCovers(pixelated, column, row)) continue;
        const block = `${Math.floor((column - 3) / 7)},${Math.floor((row - 5) / 7)}`;
        values.set(block, (values.get(block) ?? new Set()).add(at(y, column, row) ?? -1));
      }
    }
    // Of the 5 × 4 blocks, the ellipse misses some in the corners; the rest each show one value.
    expect(values.size).toBeGreaterThan(12);
    for (const [block, seen] of values) expect(seen.size, block).toBe(1);
    expectOutsideUntouched(before, frame, [pixelated]);
  });
});

describe('paintMasks: order', () => {
  const grey = () => frameOf(8, 4, (plane) => (plane === 'y' ? 200 : 128));
  const solid = mask('fill', box(0, 0, 2, 4), 'rectangle', 4, 1);
  const pixelated = mask('pixelate', box(0, 0, 4, 4), 'rectangle', 4, 2);

  it('paints later masks over earlier ones', () => {
    const fillThenPixelate = grey();
    paintMasks(fillThenPixelate, [solid, pixelated]);
    // The block averages the black half: (8 · 16 + 8 · 200) / 16.
    expect([...planesOf(fillThenPixelate).y.data.subarray(0, 8)]).toEqual([108, 108, 108, 108, 200, 200, 200, 200]);

    const pixelateThenFill = grey();
    paintMasks(pixelateThenFill, [pixelated, solid]);
    expect([...planesOf(pixelateThenFill).y.data.subarray(0, 8)]).toEqual([16, 16, 200, 200, 200, 200, 200, 200]);
  });
});

describe('paintMasks: blur', () => {
  it('derives three odd box widths whose variances add up to the Gaussian\'s, as closely as odd widths allow', () => {
    for (const sigma of [4, 8, 12.5, 20, 54]) {
      const widths = gaussianBoxWidths(sigma);
      for (const width of widths) expect(width % 2).toBe(1);
      const variance = widths.reduce((sum, width) => sum + (width * width - 1) / 12, 0);
      expect(Math.abs(Math.sqrt(variance) - sigma) / sigma, `sigma ${sigma}`).toBeLessThan(0.05);
    }
    expect(gaussianBoxWidths(8)).toEqual([15, 15, 17]);
  });

  it('turns a step into the Gaussian\'s ramp, on the covered pixels only', () => {
    // Luma 16 left of column 60, 216 from it on; the box is far from the picture's edges (sigma 8, reach 24).
    const frame = frameOf(120, 80, (plane, c) => (plane === 'y' ? (c < 60 ? 16 : 216) : 128));
    const before = copyOf(frame);
    const blurred = mask('blur', box(40, 30, 40, 20));
    paintMasks(frame, [blurred]);
    const { y } = planesOf(frame);
    // 16 + 200 · Φ(d / 8), d the distance of the pixel's centre from the step.
    const gaussianStep = (column: number) => 16 + 200 * 0.5 * (1 + erf((column + 0.5 - 60) / 8 / Math.SQRT2));
    for (const column of [40, 48, 52, 56, 59, 60, 63, 68, 79]) expect(Math.abs((at(y, column, 40) ?? 0) - gaussianStep(column)), `column ${column}`).toBeLessThanOrEqual(3);
    for (let column = 41; column < 80; column++) expect(at(y, column, 40) ?? 0).toBeGreaterThanOrEqual(at(y, column - 1, 40) ?? 0);
    expect(at(y, 39, 40)).toBe(16);
    expect(at(y, 80, 40)).toBe(216);
    expectOutsideUntouched(before, frame, [blurred]);
  });

  it('keeps a uniform picture as it is away from the picture\'s edges, and darkens toward them as the preview does', () => {
    const frame = frameOf(100, 80, (plane) => (plane === 'y' ? 200 : plane === 'u' ? 90 : 170));
    paintMasks(frame, [mask('blur', box(40, 30, 20, 20)), mask('blur', box(0, 0, 10, 10))]);
    const { y, u, v } = planesOf(frame);
    for (const [column, row] of [[40, 30], [50, 40], [59, 49]] as const) expect(at(y, column, row)).toBe(200);
    expect([at(u, 25, 20), at(v, 25, 20)]).toEqual([90, 170]);
    // Beyond the picture's edge the Gaussian reads black: 16 + 184 · Φ(d / 8)², d the distance of the pixel's centre from both edges.
    const nearCorner = (d: number) => 16 + 184 * (0.5 * (1 + erf(d / 8 / Math.SQRT2))) ** 2;
    expect(Math.abs((at(y, 0, 0) ?? 0) - nearCorner(0.5))).toBeLessThanOrEqual(2);
    expect(Math.abs((at(y, 9, 9) ?? 0) - nearCorner(9.5))).toBeLessThanOrEqual(2);
  });

  it('smooths detail away under an ellipse and leaves what lies outside it', () => {
    const frame = frameOf(96, 96, (plane, c, r) => (plane === 'y' ? ((c + r) % 2 ? 40 : 220) : (c + r) % 2 ? 60 : 190));
    const before = copyOf(frame);
    const blurred = mask('blur', box(24, 24, 48, 48), 'ellipse');
    paintMasks(frame, [blurred]);
    const { y, u } = planesOf(frame);
    for (const column of [40, 47, 48, 55]) expect(Math.abs((at(y, column, 48) ?? 0) - 130)).toBeLessThanOrEqual(2);
    expect(Math.abs((at(u, 24, 24) ?? 0) - (at(u, 25, 24) ?? 0))).toBeLessThanOrEqual(2);
    expectOutsideUntouched(before, frame, [blurred]);
  });
});

describe('paintMasks: everything else', () => {
  it('leaves every sample outside a mix of masks byte for byte as it was', () => {
    const frame = textured(67, 45);
    const before = copyOf(frame);
    const masks = [
      mask('fill', box(0, 0, 7, 5), 'ellipse', 4, 1),
      mask('pixelate', box(9, 3, 21, 17), 'ellipse', 5, 2),
      mask('blur', box(31, 11, 25, 19), 'ellipse', 4, 3),
      mask('pixelate', box(50, 30, 17, 15), 'rectangle', 16, 4),
      mask('fill', box(20, 25, 9, 20), 'rectangle', 4, 5),
    ];
    paintMasks(frame, masks);
    expectOutsideUntouched(before, frame, masks);
    expect(frame.data).not.toEqual(before.data);
  });
});

/** The error function (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return Math.sign(x) * y;
}
