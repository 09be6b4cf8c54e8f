// The container the painted pictures travel in from Node to the encoder: IVF with the fourcc I420,
// which ffmpeg reads as raw yuv420p video. Unlike a bare rawvideo pipe it carries every frame's
// timestamp, so variable frame rates reach the encoder exactly as the frame index has them.
// Layout (little endian): a 32-byte file header, then per frame a 12-byte header (payload size,
// 64-bit timestamp in the header's time base) and the picture.
import type { Rational } from '../library/analysis/rational.ts';

export function ivfFileHeader(width: number, height: number, timeBase: Rational, frameCount: number): Buffer {
  if (width > 0xffff || height > 0xffff) throw new RangeError(`an IVF stream holds pictures up to 65535 pixels wide and high, not ${width}×${height}`);
  const header = Buffer.alloc(32);
  header.write('DKIF', 0, 'latin1');
  header.writeUInt16LE(0, 4);
  header.writeUInt16LE(32, 6);
  header.write('I420', 8, 'latin1');
  header.writeUInt16LE(width, 12);
  header.writeUInt16LE(height, 14);
  // The time base as IVF states it: a rate (denominator) and a scale (numerator).
  header.writeUInt32LE(timeBase.den, 16);
  header.writeUInt32LE(timeBase.num, 20);
  header.writeUInt32LE(frameCount, 24);
  return header;
}

export function ivfFrameHeader(payloadBytes: number, pts: number): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt32LE(payloadBytes, 0);
  header.writeBigInt64LE(BigInt(pts), 4);
  return header;
}
