import { describe, it, expect } from 'vitest';
import {
  FRAME_CODE_MAX,
  decodeFrameNumber,
  drawFrameCode,
  frameCodeBits,
  frameCodeCells,
  frameCodeFilter,
} from '../fixtures/frame-code.ts';

function frame(width: number, height: number, frameNumber: number): Uint8Array {
  const gray = new Uint8Array(width * height).fill(128);
  drawFrameCode(gray, width, height, frameNumber);
  return gray;
}

describe('frame code', () => {
  it.each([0, 1, 1234, 43690, FRAME_CODE_MAX])('round-trips %i at several frame sizes', (n) => {
    for (const [w, h] of [[160, 120], [320, 240], [1920, 1080], [101, 77]] as const) {
      expect(decodeFrameNumber(frame(w, h, n), w, h)).toBe(n);
    }
  });

  it('uses cells of at least 1/24 of the frame width', () => {
    const cells = frameCodeCells(1920, 1080);
    expect(cells).toHaveLength(19);
    for (const c of cells) expect(c.w).toBeGreaterThanOrEqual(1920 / 24);
  });

  it('returns null when parity, a guard or a cell is broken', () => {
    const [w, h] = [320, 240];
    const cells = frameCodeCells(w, h);
    const paint = (gray: Uint8Array, cell: number, value: number) => {
      const c = cells[cell];
      if (!c) throw new Error(`no cell ${cell}`);
      for (let y = c.y; y < c.y + c.h; y++) gray.fill(value, y * w + c.x, y * w + c.x + c.w);
      return gray;
    };
    const flipped = (n: number, cell: number) => paint(frame(w, h, n), cell, frameCodeBits(n)[cell] ? 0 : 255);
    expect(decodeFrameNumber(flipped(1234, 2 + 15), w, h)).toBeNull(); // lowest data bit
    expect(decodeFrameNumber(flipped(1234, 18), w, h)).toBeNull(); // parity cell
    expect(decodeFrameNumber(paint(frame(w, h, 7), 0, 0), w, h)).toBeNull();
    expect(decodeFrameNumber(paint(frame(w, h, 7), 1, 255), w, h)).toBeNull();
    expect(decodeFrameNumber(paint(frame(w, h, 7), 5, 128), w, h)).toBeNull();
    expect(decodeFrameNumber(new Uint8Array(w * h), w, h)).toBeNull();
    expect(decodeFrameNumber(new Uint8Array(w * h).fill(255), w, h)).toBeNull();
  });

  it('draws the band, the white guard, 16 data cells and parity; bit k shows when floor(n/2^k) is odd', () => {
    const filter = frameCodeFilter(320, 240);
    expect(filter.split(',drawbox=')).toHaveLength(1 + 1 + 16 + 1);
    expect(filter).toContain(":enable='mod(floor(n/32768),2)'");
    expect(filter).toContain(":enable='mod(floor(n/1),2)'");
  });
});
