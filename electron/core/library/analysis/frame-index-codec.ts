// Compact binary form of a frame index, for storing it next to the clip's row:
//   'RVFI' | version u8 (1) | time base num u32 | den u32 | frame count u32      (little endian)
//   pts: the first as a zigzag LEB128 varint, then each difference to the previous one
//        (a CFR clip costs 1-3 bytes per frame)
//   keyframes: a bitset, frame n in bit n % 8 of byte n / 8
//   CRC-32 (u32) of everything before it
// Timestamps must be integers whose zigzag form stays below 2^53 (|pts| and |delta| <= 2^52).
import { crc32 } from 'node:zlib';
import type { FrameIndex } from './frame-index.ts';

const MAGIC = 'RVFI';
const VERSION = 1;
const HEADER_BYTES = 17;
const CRC_BYTES = 4;
const MAX_VARINT_BYTES = 8;
const LIMIT = 2 ** 52;

function zigzag(value: number): number {
  if (!Number.isSafeInteger(value) || Math.abs(value) > LIMIT) throw new RangeError(`timestamp or difference ${value} is outside ±2^52`);
  return value >= 0 ? value * 2 : -value * 2 - 1;
}

function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

export function encodeFrameIndex(index: FrameIndex): Buffer {
  const count = index.pts.length;
  if (index.keyframes.length !== count) throw new RangeError(`frame index has ${count} timestamps but ${index.keyframes.length} keyframe flags`);
  for (const part of [index.timeBase.num, index.timeBase.den]) {
    if (!Number.isInteger(part) || part < 1 || part > 0xffffffff) throw new RangeError(`time base ${index.timeBase.num}/${index.timeBase.den} is not two positive 32-bit integers`);
  }
  const bitsetBytes = Math.ceil(count / 8);
  const out = Buffer.alloc(HEADER_BYTES + count * MAX_VARINT_BYTES + bitsetBytes + CRC_BYTES);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt8(VERSION, 4);
  out.writeUInt32LE(index.timeBase.num, 5);
  out.writeUInt32LE(index.timeBase.den, 9);
  out.writeUInt32LE(count, 13);
  let at = HEADER_BYTES;
  let previous = 0;
  for (const pts of index.pts) {
    let rest = zigzag(pts - previous);
    previous = pts;
    while (rest >= 0x80) {
      out[at++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    out[at++] = rest;
  }
  index.keyframes.forEach((key, n) => {
    const byte = at + (n >> 3);
    if (key) out[byte] = (out[byte] ?? 0) | (1 << (n & 7));
  });
  at += bitsetBytes;
  out.writeUInt32LE(crc32(out.subarray(0, at)), at);
  return Buffer.from(out.subarray(0, at + CRC_BYTES));
}

function corrupt(reason: string): Error {
  return new Error(`Stored frame index is unusable: ${reason}`);
}

export function decodeFrameIndex(buffer: Buffer): FrameIndex {
  if (buffer.length < HEADER_BYTES + CRC_BYTES || buffer.toString('latin1', 0, 4) !== MAGIC) throw corrupt('it does not start with a frame index header');
  const version = buffer.readUInt8(4);
  if (version !== VERSION) throw corrupt(`format version ${version}; this build reads version ${VERSION}`);
  const timeBase = { num: buffer.readUInt32LE(5), den: buffer.readUInt32LE(9) };
  const count = buffer.readUInt32LE(13);
  const bitsetBytes = Math.ceil(count / 8);
  if (buffer.length < HEADER_BYTES + count + bitsetBytes + CRC_BYTES) throw corrupt(`it declares ${count} frames but is truncated at ${buffer.length} bytes`);
  const end = buffer.length - CRC_BYTES;
  if (crc32(buffer.subarray(0, end)) !== buffer.readUInt32LE(end)) throw corrupt('checksum mismatch (truncated or corrupted)');
  if (timeBase.num === 0 || timeBase.den === 0) throw corrupt(`time base ${timeBase.num}/${timeBase.den}`);
  const pts = new Float64Array(count);
  let at = HEADER_BYTES;
  let previous = 0;
  for (let n = 0; n < count; n++) {
    let value = 0;
    let scale = 1;
    for (let length = 0; ; length++) {
      const byte = buffer[at++];
      if (byte === undefined || at > end || length === MAX_VARINT_BYTES) throw corrupt(`timestamp of frame ${n} is cut off or too long`);
      value += (byte & 0x7f) * scale;
      scale *= 0x80;
      if (byte < 0x80) break;
    }
    previous += unzigzag(value);
    if (!Number.isSafeInteger(previous)) throw corrupt(`timestamp of frame ${n} is beyond 2^53`);
    pts[n] = previous;
  }
  if (end - at !== bitsetBytes) throw corrupt(`${end - at} bytes of keyframe flags where ${bitsetBytes} belong`);
  const keyframes = Uint8Array.from({ length: count }, (_, n) => ((buffer[at + (n >> 3)] ?? 0) >> (n & 7)) & 1);
  return { timeBase, pts, keyframes };
}
