// A still frame (Standbild): one exact frame of the original as PNG, with the clip's masks burnt in
// unless an unredacted still was allowed, and a caption strip below the picture saying what it is
// (case, clip, frame number, wall-clock time). The caption goes to ffmpeg's drawtext as a text file,
// so no character of a case reference can break the filter.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { masksAt } from '../../../shared/tracks/masks.ts';
import { sha256File } from '../library/analysis/hash.ts';
import { runFfmpeg } from '../library/derived/ffmpeg-process.ts';
import { findFont } from '../media/fonts.ts';
import { decodeFrames } from '../redaction/exact-frames.ts';
import { paintMasks } from '../redaction/paint-masks.ts';
import type { YuvFrame } from '../redaction/yuv-frame.ts';
import type { ExportTools } from './export-context.ts';
import type { ExportSource } from './export-source.ts';

export interface StillOptions {
  redacted: boolean;
  /** Lines of the caption strip, top to bottom. */
  caption: string[];
  signal?: AbortSignal | undefined;
}

const CAPTION_LINE_SHARE = 1 / 36;
/** DejaVu Sans's widest common glyphs are about this share of the font size wide. */
const CHARACTER_WIDTH = 0.66;
const MIN_FONT = 10;

async function decodeOne(source: ExportSource, frame: number, tools: ExportTools, signal?: AbortSignal): Promise<YuvFrame> {
  const { render } = source;
  const request = { file: render.file, index: render.index, from: frame, to: frame, picture: render.picture, purpose: `frame ${frame} of clip ${source.clip.id}` };
  for await (const decoded of decodeFrames(tools.ffmpegPath, request, signal)) return decoded.picture;
  throw new Error(`frame ${frame} of clip ${source.clip.id} could not be decoded`);
}

/** Writes the still to `file` (PNG); returns its hash. */
export async function renderStill(source: ExportSource, frame: number, tools: ExportTools, file: string, options: StillOptions): Promise<{ sha256: string; sizeBytes: number }> {
  const picture = await decodeOne(source, frame, tools, options.signal);
  if (options.redacted) {
    paintMasks(picture, masksAt(source.annotations.tracks, frame, source.render.picture));
  }
  const { width, height } = picture;
  // As large as a line of the picture's height allows and small enough for the longest line to fit,
  // but never below MIN_FONT: a small picture gets a strip wider than itself instead.
  const longest = Math.max(...options.caption.map((line) => line.length), 1);
  const fontSize = Math.max(MIN_FONT, Math.min(Math.round(Math.max(height, 360) * CAPTION_LINE_SHARE), Math.floor((width * 0.94) / (longest * CHARACTER_WIDTH))));
  const strip = Math.ceil(fontSize * 1.5 * options.caption.length + fontSize);
  const stillWidth = Math.max(width, 2 * Math.ceil((longest * CHARACTER_WIDTH * fontSize + fontSize) / 2));
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'revier-still-'));
  try {
    const captionFile = path.join(scratch, 'caption.txt');
    await writeFile(captionFile, options.caption.join('\n'), 'utf8');
    const fontFile = findFont();
    const filter =
      `pad=w=${stillWidth}:h=ih+${strip}:x=0:y=0:color=black,` +
      `drawtext=fontfile='${fontFile}':textfile='${captionFile}':fontcolor=white:fontsize=${fontSize}:line_spacing=${Math.round(fontSize / 2)}:x=${Math.round(fontSize / 2)}:y=h-${strip}+${Math.round(fontSize / 2)}`;
    await runFfmpeg(
      tools.ffmpegPath,
      [
        '-nostdin', '-hide_banner', '-nostats', '-v', 'error',
        '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${width}x${height}`, '-i', 'pipe:0',
        '-vf', filter, '-frames:v', '1', '-pix_fmt', 'rgb24', '-fflags', '+bitexact', '-c:v', 'png', '-f', 'image2', '-update', '1', file,
      ],
      { signal: options.signal, stdin: Buffer.from(picture.data.buffer, picture.data.byteOffset, picture.data.byteLength), purpose: `the still of frame ${frame} of clip ${source.clip.id}` },
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return sha256File(file);
}
