// The stored form of a frame index: lossless round trips at every size, and a clear refusal of
// anything that is not a whole, current-version index. Also the decimal seconds of a frame.
import { describe, expect, it } from 'vitest';
import { decodeFrameIndex, encodeFrameIndex, ptsSeconds, type FrameIndex } from '../../electron/core/library/analysis/frame-index.ts';

function frameIndex(timeBase: { num: number; den: number }, pts: number[], keyframes: number[]): FrameIndex {
  return { timeBase, pts: Float64Array.from(pts), keyframes: Uint8Array.from(keyframes) };
}

function roundTrip(index: FrameIndex): FrameIndex {
  return decodeFrameIndex(encodeFrameIndex(index));
}

const vfr = frameIndex({ num: 1, den: 600 }, [0, 20, 50, 70, 100, 120, 150], [1, 0, 0, 0, 0, 0, 0]);

describe('frame index codec', () => {
  it('round-trips an empty index', () => {
    const empty = frameIndex({ num: 1, den: 90000 }, [], []);
    expect(roundTrip(empty)).toEqual(empty);
    expect(encodeFrameIndex(empty)).toHaveLength(17 + 4);
  });

  it('round-trips a single frame, also far from zero and negative', () => {
    for (const pts of [0, -1001, 2 ** 52, -(2 ** 52)]) {
      const one = frameIndex({ num: 1001, den: 30000 }, [pts], [1]);
      expect(roundTrip(one), String(pts)).toEqual(one);
    }
  });

  it('round-trips VFR timestamps, B-frame edit-list starts and any keyframe pattern', () => {
    expect(roundTrip(vfr)).toEqual(vfr);
    const shifted = frameIndex({ num: 1, den: 16384 }, [-16384, 0, 16384, 32768], [0, 0, 1, 0]);
    expect(roundTrip(shifted)).toEqual(shifted);
    const unsorted = frameIndex({ num: 1, den: 90000 }, [3003, 0, 6006], [1, 1, 0]);
    expect(roundTrip(unsorted)).toEqual(unsorted);
  });

  it('round-trips 100 000 frames in about two bytes per frame', () => {
    const count = 100_000;
    // 29.97 fps in 1/90000 from an MPEG-TS clock near 2^33, a keyframe every 60 frames.
    const pts = Array.from({ length: count }, (_, n) => 8_589_934_592 + n * 3003);
    const index = frameIndex({ num: 1, den: 90000 }, pts, pts.map((_, n) => (n % 60 === 0 ? 1 : 0)));
    const encoded = encodeFrameIndex(index);
    expect(encoded.length).toBeLessThan(count * 2 + count / 8 + 64);
    const decoded = decodeFrameIndex(encoded);
    expect(decoded.timeBase).toEqual(index.timeBase);
    expect(decoded.pts).toEqual(index.pts);
    expect(decoded.keyframes).toEqual(index.keyframes);
  });

  it('refuses what it cannot store exactly', () => {
    expect(() => encodeFrameIndex(frameIndex({ num: 1, den: 600 }, [2 ** 53], [1]))).toThrow(/outside ±2\^52/);
    expect(() => encodeFrameIndex(frameIndex({ num: 0, den: 600 }, [0], [1]))).toThrow(/time base 0\/600/);
    expect(() => encodeFrameIndex({ ...vfr, keyframes: new Uint8Array(2) })).toThrow(/7 timestamps but 2 keyframe flags/);
  });

  it('rejects other data, another version, truncation and corruption with a clear error', () => {
    const encoded = encodeFrameIndex(vfr);
    expect(() => decodeFrameIndex(Buffer.from('not a frame index at all'))).toThrow(/does not start with a frame index header/);
    const nextVersion = Buffer.from(encoded);
    nextVersion[4] = 2;
    expect(() => decodeFrameIndex(nextVersion)).toThrow(/format version 2; this build reads version 1/);
    expect(() => decodeFrameIndex(encoded.subarray(0, 20))).toThrow(/does not start with a frame index header/);
    expect(() => decodeFrameIndex(encoded.subarray(0, 24))).toThrow(/declares 7 frames but is truncated at 24 bytes/);
    expect(() => decodeFrameIndex(encoded.subarray(0, encoded.length - 1))).toThrow(/declares 7 frames but is truncated at 28 bytes/);
    // Two-byte timestamps: a buffer one byte short still looks long enough; the checksum catches it.
    const ntsc = encodeFrameIndex(frameIndex({ num: 1, den: 90000 }, [0, 3003, 6006, 9009], [1, 0, 0, 0]));
    expect(() => decodeFrameIndex(ntsc.subarray(0, ntsc.length - 1))).toThrow(/checksum mismatch \(truncated or corrupted\)/);
    const flipped = Buffer.from(encoded);
    flipped[18] = (flipped[18] ?? 0) ^ 0x01;
    expect(() => decodeFrameIndex(flipped)).toThrow(/checksum mismatch/);
  });
});

describe('ptsSeconds', () => {
  it('gives exact decimals where the time base has them', () => {
    expect(ptsSeconds(vfr, 0)).toBe('0.000000000');
    expect(ptsSeconds(vfr, 1)).toBe('0.033333333');
    expect(ptsSeconds(vfr, 2)).toBe('0.083333333');
    expect(ptsSeconds(frameIndex({ num: 1, den: 1000 }, [67], [1]), 0)).toBe('0.067000000');
  });

  it('rounds to the nearest nanosecond, half away from zero, for either sign', () => {
    const ntsc = frameIndex({ num: 1001, den: 30000 }, [-1, 1, 2, 30000], [1, 0, 0, 0]);
    expect(ptsSeconds(ntsc, 0)).toBe('-0.033366667');
    expect(ptsSeconds(ntsc, 1)).toBe('0.033366667');
    expect(ptsSeconds(ntsc, 2)).toBe('0.066733333');
    expect(ptsSeconds(ntsc, 3)).toBe('1001.000000000');
    const half = frameIndex({ num: 1, den: 2_000_000_000 }, [1, -1, 3], [1, 0, 0]);
    expect([0, 1, 2].map((n) => ptsSeconds(half, n))).toEqual(['0.000000001', '-0.000000001', '0.000000002']);
  });

  it('keeps large MPEG-TS clocks exact', () => {
    expect(ptsSeconds(frameIndex({ num: 1, den: 90000 }, [8_589_934_592 + 3003], [1]), 0)).toBe('95443.751055556');
  });

  it('refuses a frame outside the index', () => {
    expect(() => ptsSeconds(vfr, 7)).toThrow(/frame 7 is not in an index of 7 frames/);
    expect(() => ptsSeconds(vfr, 1.5)).toThrow(RangeError);
  });
});
