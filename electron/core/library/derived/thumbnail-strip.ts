// Thumbnail strip of a clip: one JPEG with `tiles` pictures side by side, tile k showing frame
// floor(k · frameCount / tiles) (the first frame of the k-th equal share of the clip), upright and
// with its display aspect ratio, plus a JSON next to it naming the frame of every tile.
//
// How a tile gets exactly its frame: one short ffmpeg run per tile seeks (demuxer seek, no
// accurate-seek trimming) to the last keyframe at or before the frame, keeps the original
// timestamps (-copyts, -seek_timestamp) and selects the one decoded frame whose time lies within
// half a frame interval of the frame's time in the index. The frame index IS "the N-th frame
// ffmpeg decodes, with its pts" (same demuxer, timestamps strictly increasing in display order),
// so the pts window picks the frame counting would pick, while decoding about one GOP per tile
// instead of the whole clip: for a 30-minute 1080p clip ~10 GOPs instead of 54 000 frames.
// When the window stays empty (leading B-frames of an open GOP, a demuxer that seeks by decode
// time and lands after the frame), the tile is retried from the keyframe before; if that fails
// too, every tile is taken by counting decoded frames (`select=eq(n,…)`, one pass over the whole
// clip: `n` counts decoded frames in display order after edit lists, the index's numbering).
// Counting is also chosen up front when it decodes fewer frames than the seeks would (short
// clips, clips whose only keyframe is the first): see selectionFor.
import { writeFile } from 'node:fs/promises';
import type { FrameIndex } from '../analysis/frame-index.ts';
import { DerivedWrite, type DerivedFileRecord } from './derived-store.ts';
import { runFfmpeg } from './ffmpeg-process.ts';
import { frameSeconds } from './frame-times.ts';

export interface ThumbnailInput {
  file: string;
  sha256: string;
  frameIndex: FrameIndex;
  /** Degrees the picture must be turned clockwise to be upright (the probe's rotation: 0, 90, 180, 270). */
  rotation: number;
}

export interface ThumbnailOptions {
  tiles?: number;
  tileHeight?: number;
  signal?: AbortSignal;
  /** 'auto' (default): whichever decodes fewer frames (selectionFor); the others force a method. */
  selection?: 'auto' | ThumbnailStripManifest['selection'];
}

export interface ThumbnailStrip {
  record: DerivedFileRecord;
  frameNumbers: number[];
  tileWidth: number;
  tileHeight: number;
}

/** The companion JSON, `<name>.json` next to the JPEG. */
export interface ThumbnailStripManifest {
  formatVersion: 1;
  image: string;
  imageSha256: string;
  parentSha256: string;
  tiles: number;
  tileWidth: number;
  tileHeight: number;
  /** Frame shown by tile k, left to right. */
  frameNumbers: number[];
  selection: 'seek-pts-window' | 'decode-count';
}

/** An 8-bit RGB picture. */
interface Picture {
  width: number;
  height: number;
  rgb: Buffer;
}

export function stripFrameNumbers(frameCount: number, tiles: number): number[] {
  return Array.from({ length: tiles }, (_, k) => Math.floor((k * frameCount) / tiles));
}

/** Splits a stream of binary PPM (P6, maxval 255) pictures. */
export function parsePpmStream(data: Buffer): Picture[] {
  const pictures: Picture[] = [];
  let at = 0;
  while (at < data.length) {
    // Header: "P6" whitespace width whitespace height whitespace 255 one whitespace byte.
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.toString('latin1', at, at + 64));
    if (!header?.[1] || !header[2] || header[3] !== '255') throw new Error('ffmpeg wrote no 8-bit PPM picture');
    const width = Number(header[1]);
    const height = Number(header[2]);
    const start = at + header[0].length;
    const end = start + width * height * 3;
    if (end > data.length) throw new Error(`PPM picture cut short (${data.length - start} of ${width * height * 3} bytes)`);
    pictures.push({ width, height, rgb: data.subarray(start, end) });
    at = end;
  }
  return pictures;
}

/** Seconds as ffmpeg option text, at microsecond resolution, rounded in the given direction. */
function secondsText(seconds: number, round: (x: number) => number): string {
  return (round(seconds * 1e6) / 1e6).toFixed(6);
}

/**
 * The filters that turn the picture upright. ffmpeg's own autorotation is switched off
 * (-noautorotate) so the strip follows the rotation the library shows, whatever its source.
 */
export function uprightFilters(rotation: number): string[] {
  const degrees = ((rotation % 360) + 360) % 360;
  switch (degrees) {
    case 0:
      return [];
    case 90:
      return ['transpose=clock'];
    case 180:
      return ['hflip', 'vflip'];
    case 270:
      return ['transpose=cclock'];
    default:
      throw new RangeError(`rotation ${rotation} is not a multiple of 90 degrees`);
  }
}

/** scale + setsar filters for a tile: display aspect kept, even width. */
function tileScale(tileHeight: number, fixedWidth: number | null): string {
  if (fixedWidth === null) return `scale=w='max(2,2*round(${tileHeight}*dar/2))':h=${tileHeight}:flags=area,setsar=1`;
  return `scale=w=${fixedWidth}:h=${tileHeight}:force_original_aspect_ratio=decrease:flags=area,pad=w=${fixedWidth}:h=${tileHeight}:x=-1:y=-1,setsar=1`;
}

async function collectPpm(ffmpegPath: string, args: string[], signal: AbortSignal | undefined, purpose: string): Promise<Picture[]> {
  const chunks: Buffer[] = [];
  await runFfmpeg(ffmpegPath, args, { signal, purpose, onStdout: (chunk) => chunks.push(chunk) });
  return parsePpmStream(Buffer.concat(chunks));
}

function lastKeyframeAtOrBefore(index: FrameIndex, n: number): number | null {
  for (let k = n; k >= 0; k--) if (index.keyframes[k]) return k;
  return null;
}

/**
 * Where to start decoding for frame n, in the order tried: the last keyframe at or before it, then
 * the keyframe before that one, then the file start (null). The second start is for frames that
 * follow their keyframe in display order but precede it in decode order or need the GOP before
 * it (open GOPs, leading B-frames, a demuxer that seeks by decode time).
 */
function seekStarts(index: FrameIndex, n: number): (number | null)[] {
  const nearest = lastKeyframeAtOrBefore(index, n);
  const earlier = nearest !== null && nearest > 0 ? lastKeyframeAtOrBefore(index, nearest - 1) : null;
  return nearest === null ? [null] : [nearest, earlier];
}

/** One tile: the decoded frame within half an interval of frame n's time, or null when no start gave one. */
async function tileBySeek(
  ffmpegPath: string,
  input: ThumbnailInput,
  n: number,
  scale: string,
  signal: AbortSignal | undefined,
): Promise<Picture | null> {
  const index = input.frameIndex;
  const at = frameSeconds(index, n);
  const before = n > 0 ? (frameSeconds(index, n - 1) + at) / 2 : at - 1;
  const after = n + 1 < index.pts.length ? (at + frameSeconds(index, n + 1)) / 2 : at + 1;
  for (const start of seekStarts(index, n)) {
    const seek = start === null ? [] : ['-seek_timestamp', '1', '-noaccurate_seek', '-ss', secondsText(frameSeconds(index, start), Math.ceil)];
    const args = [
      '-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-copyts', '-noautorotate', ...seek,
      '-i', input.file, '-map', '0:v:0', '-an', '-sn', '-dn',
      '-vf', [`select='gte(t\\,${before.toFixed(9)})*lt(t\\,${after.toFixed(9)})'`, ...uprightFilters(input.rotation), scale].join(','),
      '-frames:v', '1', '-fps_mode', 'passthrough', '-f', 'image2pipe', '-c:v', 'ppm', 'pipe:1',
    ];
    const picture = (await collectPpm(ffmpegPath, args, signal, `thumbnail of frame ${n} of ${input.file}`))[0];
    if (picture) return picture;
  }
  return null;
}

/** Every wanted frame by counting decoded frames (one pass over the whole clip). */
async function tilesByCounting(
  ffmpegPath: string,
  input: ThumbnailInput,
  frameNumbers: number[],
  scale: string,
  signal: AbortSignal | undefined,
): Promise<Picture[]> {
  // No -copyts needed: `n` does not depend on timestamps.
  const wanted = [...new Set(frameNumbers)].sort((a, b) => a - b);
  const args = [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'error', '-noautorotate', '-i', input.file, '-map', '0:v:0', '-an', '-sn', '-dn',
    '-vf', [`select='${wanted.map((n) => `eq(n\\,${n})`).join('+')}'`, ...uprightFilters(input.rotation), scale].join(','),
    '-fps_mode', 'passthrough', '-f', 'image2pipe', '-c:v', 'ppm', 'pipe:1',
  ];
  const pictures = await collectPpm(ffmpegPath, args, signal, `thumbnails of ${input.file}`);
  if (pictures.length !== wanted.length) {
    throw new Error(`${input.file}: decoding gave ${pictures.length} of the ${wanted.length} thumbnail frames (the file has fewer decodable frames than its index)`);
  }
  const byFrame = new Map(wanted.map((n, i) => [n, pictures[i] as Picture]));
  return frameNumbers.map((n) => byFrame.get(n) as Picture);
}

/** Decoding one frame costs about as much as starting one more ffmpeg process for a tile costs this many frames. */
const PROCESS_COST_IN_FRAMES = 20;

/**
 * The cheaper way to the tiles, counted in decoded frames: seeking decodes from each tile's
 * keyframe to its frame plus a process start per tile; counting decodes the whole clip once.
 * Short clips and clips with very long GOPs are counted, long clips are sought.
 */
export function selectionFor(index: FrameIndex, frameNumbers: number[]): ThumbnailStripManifest['selection'] {
  let seekCost = 0;
  for (const n of frameNumbers) seekCost += n - (lastKeyframeAtOrBefore(index, n) ?? 0) + 1 + PROCESS_COST_IN_FRAMES;
  return seekCost < index.pts.length ? 'seek-pts-window' : 'decode-count';
}

/** Runs `work` over `items` with at most `limit` at a time, results in item order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function sideBySide(pictures: Picture[]): Picture {
  const first = pictures[0];
  if (!first) throw new Error('no thumbnails to put side by side');
  const { width, height } = first;
  const rgb = Buffer.alloc(width * pictures.length * height * 3);
  pictures.forEach((picture, k) => {
    if (picture.width !== width || picture.height !== height) throw new Error(`thumbnail ${k} is ${picture.width}×${picture.height}, not ${width}×${height}`);
    for (let y = 0; y < height; y++) {
      picture.rgb.copy(rgb, (y * width * pictures.length + k * width) * 3, y * width * 3, (y + 1) * width * 3);
    }
  });
  return { width: width * pictures.length, height, rgb };
}

export async function makeThumbnailStrip(
  input: ThumbnailInput,
  ffmpegPath: string,
  toolVersion: string,
  dataFolder: string,
  options: ThumbnailOptions = {},
): Promise<ThumbnailStrip> {
  const { tiles = 10, tileHeight = 72, signal } = options;
  if (!Number.isInteger(tiles) || tiles < 1) throw new RangeError(`tiles must be a positive integer, not ${tiles}`);
  if (!Number.isInteger(tileHeight) || tileHeight < 2) throw new RangeError(`tileHeight must be an integer ≥ 2, not ${tileHeight}`);
  const frameCount = input.frameIndex.pts.length;
  if (frameCount === 0) throw new Error(`${input.file}: the frame index has no frames, so there is nothing to show`);
  const frameNumbers = stripFrameNumbers(frameCount, tiles);
  uprightFilters(input.rotation); // throws for a rotation that is not a quarter turn, before any work

  let selection = options.selection === undefined || options.selection === 'auto' ? selectionFor(input.frameIndex, frameNumbers) : options.selection;
  let pictures: (Picture | null)[] = [];
  let firstWidth: number | null = null;
  if (selection === 'seek-pts-window') {
    // The first tile fixes the tile size; the rest are fitted into it (a mid-clip size change is padded, not stretched).
    pictures.push(await tileBySeek(ffmpegPath, input, frameNumbers[0] ?? 0, tileScale(tileHeight, null), signal));
    firstWidth = pictures[0]?.width ?? null;
    if (firstWidth !== null) {
      const fitted = tileScale(tileHeight, firstWidth);
      pictures.push(...(await mapLimited(frameNumbers.slice(1), 2, (n) => tileBySeek(ffmpegPath, input, n, fitted, signal))));
    }
  }
  if (selection === 'decode-count' || firstWidth === null || pictures.some((p) => p === null)) {
    selection = 'decode-count';
    pictures = await tilesByCounting(ffmpegPath, input, frameNumbers, tileScale(tileHeight, firstWidth), signal);
  }
  const strip = sideBySide(pictures as Picture[]);
  const width = strip.width / tiles;

  const base = `thumbnails-${tiles}x${tileHeight}`;
  const image = await DerivedWrite.begin(dataFolder, input.sha256, `${base}.jpg`);
  const manifestWrite = await DerivedWrite.begin(dataFolder, input.sha256, `${base}.json`);
  try {
    const encodeArgs = [
      '-nostdin', '-hide_banner', '-nostats', '-v', 'error',
      '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${strip.width}x${strip.height}`, '-i', 'pipe:0',
      '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2', '-update', '1', image.tempPath,
    ];
    await runFfmpeg(ffmpegPath, encodeArgs, { signal, stdin: strip.rgb, purpose: `the thumbnail strip of ${input.file}` });
    const record = await image.commit({
      kind: 'thumbnails',
      toolVersion,
      parameters: { tiles, tileHeight, tileWidth: width, rotation: input.rotation, frameNumbers, selection, jpegQuality: 3 },
    });
    const manifest: ThumbnailStripManifest = {
      formatVersion: 1,
      image: `${base}.jpg`,
      imageSha256: record.sha256,
      parentSha256: input.sha256,
      tiles,
      tileWidth: width,
      tileHeight,
      frameNumbers,
      selection,
    };
    await writeFile(manifestWrite.tempPath, JSON.stringify(manifest, null, 2) + '\n', { signal });
    await manifestWrite.commitPlain();
    return { record, frameNumbers, tileWidth: width, tileHeight };
  } catch (error) {
    await Promise.all([image.discard(), manifestWrite.discard()]);
    throw error;
  }
}
