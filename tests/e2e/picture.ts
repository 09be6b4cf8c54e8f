// What the player shows, read back from the screen: a screenshot of the picture (the video, or
// the canvas of decoded pictures over it), scaled down by ffmpeg and decoded with the fixture's
// frame code, or (real footage) compared with ffmpeg's decode of the frame by PSNR. No hook
// inside the player is trusted for this.
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { DECODE_HEIGHT, DECODE_WIDTH, decodeFrameNumber } from '../fixtures/frame-code.ts';

/** The page rectangle the picture fills inside the stage (object-fit: contain). */
async function pictureRect(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.getByTestId('player-video').evaluate((element) => {
    const video = element as HTMLVideoElement;
    const box = video.getBoundingClientRect();
    const scale = Math.min(box.width / video.videoWidth, box.height / video.videoHeight);
    const width = video.videoWidth * scale;
    const height = video.videoHeight * scale;
    return { x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width, height };
  });
}

/** Gray pixels of a PNG scaled to the frame-code decode size. */
export function grayOf(png: Buffer, width = DECODE_WIDTH, height = DECODE_HEIGHT): Uint8Array {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-i', 'pipe:0', '-vf', `scale=${width}:${height}:flags=area`, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { input: png, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`ffmpeg could not read the screenshot: ${result.stderr.toString()}`);
  return new Uint8Array(result.stdout);
}

/** A screenshot of the picture on screen. */
export async function screenshotPicture(page: Page): Promise<Buffer> {
  return page.screenshot({ clip: await pictureRect(page), animations: 'disabled', caret: 'hide' });
}

/** The frame code of the picture on screen, or null when it cannot be read. */
export async function codeOnScreen(page: Page): Promise<number | null> {
  return decodeFrameNumber(grayOf(await screenshotPicture(page)), DECODE_WIDTH, DECODE_HEIGHT);
}

/**
 * A screenshot of the picture exactly where Chromium paints it. The compositor snaps a video's
 * picture to whole pixels (origin and size rounded; measured on Chromium 156 at device scale 1),
 * while `screenshotPicture` clips the unsnapped rectangle, up to a pixel off: fine for the block
 * pattern of the frame code, not for comparing real footage pixel by pixel.
 */
export async function screenshotShownPicture(page: Page): Promise<Buffer> {
  const rect = await pictureRect(page);
  return page.screenshot({
    clip: { x: Math.round(rect.x), y: Math.round(rect.y), width: Math.round(rect.width), height: Math.round(rect.height) },
    animations: 'disabled',
    caret: 'hide',
  });
}

/** Width and height of a PNG (from its IHDR chunk). */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * The size both pictures of a comparison are brought to: half the shown size. The area filter
 * averages 2×2 blocks, which evens out the different scalers and chroma upsampling of Chromium
 * and ffmpeg.
 */
function comparisonSize(shown: { width: number; height: number }): { width: number; height: number } {
  return { width: Math.max(1, Math.floor(shown.width / 2)), height: Math.max(1, Math.floor(shown.height / 2)) };
}

/** A screenshot as RGB bytes at its comparison size. */
export function comparableShot(png: Buffer): Uint8Array {
  const { width, height } = comparisonSize(pngSize(png));
  const result = spawnSync('ffmpeg', ['-v', 'error', '-i', 'pipe:0', '-vf', `scale=${width}:${height}:flags=area,format=rgb24`, '-f', 'rawvideo', 'pipe:1'], { input: png, maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`ffmpeg could not read the screenshot: ${result.stderr.toString()}`);
  return new Uint8Array(result.stdout);
}

/** ffmpeg's own decode of a file's first video stream, comparable with screenshots of it. */
export interface ReferenceDecode {
  /** Presentation time of each picture, in seconds. */
  times: number[];
  /** Width over height of the upright picture (sample aspect ratio applied). */
  aspect: number;
  /** Each picture scaled to the shown size, then to the comparison size, as RGB bytes. */
  pictures: Uint8Array[];
}

/**
 * Every picture of `ffmpeg -i FILE -map 0:v:0` (display order, edit lists applied, autorotated:
 * picture n is frame n), comparable with a screenshot of `shown` size: scaled to the shown size
 * (area: a box filter down, bilinear up, as Chromium's software compositor does), then to the
 * comparison size.
 */
export function referenceDecode(file: string, shown: { width: number; height: number }): ReferenceDecode {
  const half = comparisonSize(shown);
  const filters = ['showinfo', `scale=${shown.width}:${shown.height}:flags=area`, `scale=${half.width}:${half.height}:flags=area`, 'format=rgb24'];
  const args = ['-nostdin', '-hide_banner', '-nostats', '-i', file, '-map', '0:v:0', '-an', '-sn', '-dn', '-vf', filters.join(','), '-fps_mode', 'passthrough', '-f', 'rawvideo', 'pipe:1'];
  const result = spawnSync('ffmpeg', args, { maxBuffer: 2 * 1024 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`ffmpeg could not decode ${file}: ${result.stderr.toString()}`);
  const lines = result.stderr
    .toString()
    .split('\n')
    .filter((line) => line.includes('Parsed_showinfo') && line.includes(' pts_time:'));
  const times = lines.map((line) => Number(/ pts_time:(\S+)/.exec(line)?.[1]));
  const shape = /sar:(\d+)\/(\d+) s:(\d+)x(\d+)/.exec(lines[0] ?? '');
  const bytes = half.width * half.height * 3;
  if (!shape || times.some((t) => !Number.isFinite(t)) || result.stdout.length !== bytes * times.length) {
    throw new Error(`ffmpeg's decode of ${file} gave ${times.length} picture times and ${result.stdout.length / bytes} pictures`);
  }
  const [sarNum, sarDen, width, height] = shape.slice(1).map(Number) as [number, number, number, number];
  const sar = sarNum > 0 && sarDen > 0 ? sarNum / sarDen : 1;
  return {
    times,
    aspect: (width * sar) / height,
    pictures: times.map((_, n) => new Uint8Array(result.stdout.buffer, result.stdout.byteOffset + n * bytes, bytes)),
  };
}

/**
 * Peak signal-to-noise ratio of two equally sized RGB pictures (8 bits per channel), in dB;
 * Infinity when equal. Over the RGB values, or over their luma (BT.601 weights), which is blind
 * to small hue differences such as Chromium's and ffmpeg's YUV to RGB conversions of saturated
 * colours.
 */
export function psnr(a: Uint8Array, b: Uint8Array, over: 'rgb' | 'luma' = 'rgb'): number {
  if (a.length !== b.length || a.length === 0 || a.length % 3 !== 0) throw new Error(`pictures of different sizes: ${a.length} and ${b.length} bytes`);
  let squares = 0;
  if (over === 'rgb') {
    for (let i = 0; i < a.length; i++) {
      const difference = (a[i] as number) - (b[i] as number);
      squares += difference * difference;
    }
  } else {
    for (let i = 0; i < a.length; i += 3) {
      const difference =
        0.299 * ((a[i] as number) - (b[i] as number)) + 0.587 * ((a[i + 1] as number) - (b[i + 1] as number)) + 0.114 * ((a[i + 2] as number) - (b[i + 2] as number));
      squares += difference * difference;
    }
  }
  const samples = over === 'rgb' ? a.length : a.length / 3;
  return squares === 0 ? Infinity : 10 * Math.log10((255 * 255 * samples) / squares);
}
