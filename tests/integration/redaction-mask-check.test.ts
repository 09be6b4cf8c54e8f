// The export's redaction check against real H.264: textured, moving frames get their masks burnt
// in, go through libx264 as the export encodes them (-preset veryfast -crf 18) and are decoded
// back; the check must pass them, and must catch the original where a mask was not painted.
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Box } from '../../shared/tracks/interpolation.ts';
import type { Mask } from '../../shared/tracks/masks.ts';
import { detectMediaTools } from '../../electron/core/media/media-tools.ts';
import { CODEC_BORDER, maskFinding, psnrOutside, PSNR_OUTSIDE_MIN } from '../../electron/core/redaction/mask-check.ts';
import { paintMasks } from '../../electron/core/redaction/paint-masks.ts';
import { planesOf, yuvFrameBytes, type YuvFrame } from '../../electron/core/redaction/yuv-frame.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const run = promisify(execFile);
const tempFolder = useTempFolders('file');

const WIDTH = 640;
const HEIGHT = 360;
const FRAMES = 12;
/** Moving test patterns under fixed-pattern noise (as a sensor's): detail in every block, and crf 18 keeps the rest near 39 dB. */
const FOOTAGE = `testsrc2=size=${WIDTH}x${HEIGHT}:rate=30,format=yuv420p,noise=alls=40`;

const box = (x: number, y: number, width: number, height: number): Box => ({ x, y, width, height });
const mask = (trackId: number, method: Mask['method'], shape: Mask['shape'], b: Box, blockSize = 16): Mask => ({ trackId, method, shape, blockSize, box: b });

const masks: Mask[] = [
  mask(1, 'fill', 'rectangle', box(101, 51, 120, 90)),
  mask(2, 'fill', 'ellipse', box(301, 41, 151, 121)),
  mask(3, 'pixelate', 'rectangle', box(33, 201, 97, 77), 4),
  mask(4, 'pixelate', 'rectangle', box(171, 191, 123, 101), 7),
  mask(5, 'pixelate', 'ellipse', box(351, 181, 181, 141)),
  mask(6, 'pixelate', 'rectangle', box(540, 250, 100, 110), 32),
  mask(7, 'fill', 'rectangle', box(0, 0, 40, 30)),
  mask(8, 'blur', 'rectangle', box(480, 10, 120, 100)),
  mask(9, 'pixelate', 'ellipse', box(11, 101, 63, 59), 5),
  // Track 11 is drawn over part of track 10.
  mask(10, 'pixelate', 'rectangle', box(560, 130, 70, 80), 8),
  mask(11, 'fill', 'ellipse', box(590, 150, 50, 50)),
];
const hiding = masks.filter((m) => m.method !== 'blur');
/** The masks drawn after this one. */
const paintedOver = (m: Mask) => masks.slice(masks.indexOf(m) + 1);

let ffmpeg: string;
let source: YuvFrame[];
let painted: YuvFrame[];
/** The painted frames after encoding and decoding. */
let rendered: YuvFrame[];
/** The source frames after encoding and decoding, as if the masks had not been painted. */
let unpainted: YuvFrame[];

function framesOf(raw: Uint8Array): YuvFrame[] {
  const bytes = yuvFrameBytes(WIDTH, HEIGHT);
  expect(raw.length).toBe(FRAMES * bytes);
  return Array.from({ length: FRAMES }, (_, n) => ({ width: WIDTH, height: HEIGHT, data: new Uint8Array(raw.subarray(n * bytes, (n + 1) * bytes)) }));
}

async function decode(input: string[]): Promise<YuvFrame[]> {
  const { stdout } = await run(ffmpeg, ['-v', 'error', ...input, '-frames:v', String(FRAMES), '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'], { encoding: 'buffer', maxBuffer: 1 << 28 });
  return framesOf(stdout);
}

/** The frames through libx264 as the export encodes them, and back. */
async function roundTrip(frames: readonly YuvFrame[]): Promise<YuvFrame[]> {
  const file = path.join(tempFolder(), 'rendered.mp4');
  const args = ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${WIDTH}x${HEIGHT}`, '-r', '30', '-i', 'pipe:0'];
  await new Promise<void>((resolve, reject) => {
    const encoder = spawn(ffmpeg, [...args, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', file], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    encoder.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    encoder.on('error', reject);
    encoder.stdin.on('error', reject);
    encoder.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the encoder exited with ${code}: ${errors}`))));
    encoder.stdin.end(Buffer.concat(frames.map((frame) => frame.data)));
  });
  return decode(['-i', file]);
}

beforeAll(async () => {
  const tools = await detectMediaTools();
  if (!tools.ffmpeg) throw new Error('ffmpeg is needed');
  ffmpeg = tools.ffmpeg.path;
  source = await decode(['-f', 'lavfi', '-i', FOOTAGE]);
  painted = source.map((frame) => {
    const copy = { ...frame, data: frame.data.slice() };
    paintMasks(copy, masks);
    return copy;
  });
  [rendered, unpainted] = await Promise.all([roundTrip(painted), roundTrip(source)]);
});

describe('maskFinding after H.264', () => {
  it('finds nothing wrong with fill and pixelate masks on any rendered frame', () => {
    const findings = rendered.flatMap((frame, n) => hiding.map((m) => maskFinding(frame, m, paintedOver(m))).filter((finding) => finding !== null).map((finding) => `frame ${n}: ${finding}`));
    expect(findings).toEqual([]);
  });

  it('names every fill and pixelate mask whose area shows the original, before and after encoding', () => {
    for (const frames of [source, unpainted]) {
      for (const [n, frame] of frames.entries()) {
        for (const m of hiding) expect(maskFinding(frame, m, paintedOver(m)), `frame ${n}, track ${m.trackId}`).toMatch(new RegExp(`inside the ${m.method} mask of track ${m.trackId} at ${m.box.x},${m.box.y} ${m.box.width}×${m.box.height}`));
      }
    }
    expect(maskFinding(unpainted[0] as YuvFrame, masks[0] as Mask)).toMatch(/^luma varies by \d+ inside the fill mask of track 1 at 101,51 120×90$/);
    expect(maskFinding(unpainted[0] as YuvFrame, masks[2] as Mask)).toMatch(/^luma strays by \d+ from its block's mean inside the pixelate mask of track 3 at 33,201 97×77 \(block at \d+,\d+ \d+×\d+\)$/);
  });

  it('leaves to a mask painted over another its part of the picture', () => {
    const [under, over] = [masks.find((m) => m.trackId === 10), masks.find((m) => m.trackId === 11)] as [Mask, Mask];
    for (const frame of rendered) {
      expect(maskFinding(frame, under, [over])).toBeNull();
      expect(maskFinding(frame, under)).toMatch(/^luma strays by \d+ from its block's mean inside the pixelate mask of track 10/);
    }
  });

  it('does not check blur, which is not claimed to hide', () => {
    expect(unpainted.map((frame) => maskFinding(frame, masks[7] as Mask))).toEqual(unpainted.map(() => null));
  });
});

describe('psnrOutside after H.264', () => {
  it('keeps the picture outside the masks at the export\'s PSNR', () => {
    const psnrs = rendered.map((frame, n) => psnrOutside(source[n] as YuvFrame, frame, masks));
    for (const psnr of psnrs) expect(psnr).toBeGreaterThanOrEqual(PSNR_OUTSIDE_MIN);
  });

  it('counts none of the painted samples: a painted frame before encoding is identical outside', () => {
    for (const [n, frame] of painted.entries()) expect(psnrOutside(source[n] as YuvFrame, frame, masks)).toBe(Infinity);
  });

  it('drops clearly when a region outside every listed mask changed', () => {
    const damaged = rendered.map((frame) => {
      const copy = { ...frame, data: frame.data.slice() };
      paintMasks(copy, [mask(99, 'fill', 'rectangle', box(250, 300, 80, 50))]);
      return copy;
    });
    for (const [n, frame] of damaged.entries()) expect(psnrOutside(source[n] as YuvFrame, frame, masks)).toBeLessThan(PSNR_OUTSIDE_MIN - 8);
  });
});

describe('the check on frames made by hand', () => {
  const grey = (width: number, height: number): YuvFrame => {
    const frame = { width, height, data: new Uint8Array(yuvFrameBytes(width, height)) };
    const { y, u, v } = planesOf(frame);
    y.data.fill(100);
    u.data.fill(120);
    v.data.fill(140);
    return frame;
  };
  const solid = mask(3, 'fill', 'rectangle', box(10, 20, 64, 48));

  it('ignores the border along the outline and nothing inside it', () => {
    const frame = grey(100, 100);
    const { y, u } = planesOf(frame);
    // Two pixels in from the left edge: ringing allowed. Three pixels in: the original.
    y.data[40 * 100 + 10 + CODEC_BORDER - 1] = 255;
    expect(maskFinding(frame, solid)).toBeNull();
    y.data[40 * 100 + 10 + CODEC_BORDER] = 255;
    expect(maskFinding(frame, solid)).toBe('luma varies by 155 inside the fill mask of track 3 at 10,20 64×48');
    y.data[40 * 100 + 10 + CODEC_BORDER] = 100;
    u.data[20 * 50 + 20] = 250;
    expect(maskFinding(frame, solid)).toBe('Cb varies by 130 inside the fill mask of track 3 at 10,20 64×48');
  });

  it('finds the block that strays, and allows what the codec does', () => {
    const frame = grey(100, 100);
    const { y } = planesOf(frame);
    const pixelated = mask(5, 'pixelate', 'rectangle', box(10, 20, 64, 48), 16);
    // Block (1, 1) covers columns 26..41 and rows 36..51. One pixel at 148: 47.8 above the block's mean.
    y.data[40 * 100 + 30] = 148;
    expect(maskFinding(frame, pixelated)).toBeNull();
    // At 200: 99.6 above the mean of 100 + 100/256.
    y.data[40 * 100 + 30] = 200;
    expect(maskFinding(frame, pixelated)).toBe("luma strays by 100 from its block's mean inside the pixelate mask of track 5 at 10,20 64×48 (block at 26,36 16×16)");
  });

  it('computes PSNR over the samples no mask touches, borders and chroma included', () => {
    const [before, after] = [grey(50, 40), grey(50, 40)];
    const { y, u } = planesOf(after);
    const masked = mask(1, 'fill', 'rectangle', box(10, 10, 10, 10));
    // Inside the mask, and within the border around it: not counted.
    y.data[10 * 50 + 10] = 0;
    y.data[8 * 50 + 21] = 0;
    u.data[4 * 25 + 10] = 0;
    expect(psnrOutside(before, after, [masked])).toBe(Infinity);
    // One luma sample 10 off, of 50·40 luma and 2·25·20 chroma samples less the 14·14 and 2·7·7 left out.
    y.data[0] = 110;
    const samples = 50 * 40 + 2 * 25 * 20 - 14 * 14 - 2 * 7 * 7;
    expect(psnrOutside(before, after, [masked])).toBeCloseTo(10 * Math.log10((255 * 255 * samples) / 100), 10);
    expect(() => psnrOutside(before, grey(50, 42), [])).toThrow('frames of 50×40 and 50×42 cannot be compared');
  });
});
