// Decoding exactly the frames from..to of a clip as raw yuv420p pictures, each named by its frame
// number. The number is not counted but checked: ffmpeg's showinfo filter reports every decoded
// frame's presentation timestamp (with -copyts, in the stream's time base: the very values of the
// frame index), and each picture must carry the timestamp the frame index has for its number.
// A seek goes to the keyframe at or before `from` (its raw time, -seek_timestamp, no accurate-seek
// trim) and the frames before `from` are dropped here; should the demuxer land after `from`
// anyway, decoding starts again from the beginning of the file.
import { spawn } from 'node:child_process';
import type { FrameIndex } from '../library/analysis/frame-index.ts';
import { frameSeconds } from '../library/derived/frame-times.ts';
import { FfmpegFailed } from '../library/derived/ffmpeg-process.ts';
import type { PictureSize } from '../../../shared/tracks/masks.ts';
import { yuvFrameBytes, type YuvFrame } from './yuv-frame.ts';

export interface FrameRequest {
  file: string;
  /** The file's frame index: frame numbers and their timestamps. */
  index: Pick<FrameIndex, 'timeBase' | 'pts' | 'keyframes'>;
  from: number;
  to: number;
  /** The upright picture ffmpeg decodes to (rotation applied). */
  picture: PictureSize;
  /** What the frames are for, in error messages ("the court copy of …"). */
  purpose: string;
}

export interface DecodedFrame {
  frame: number;
  picture: YuvFrame;
}

/** The frames do not match the frame index: the file is not what the index describes. */
export class FrameMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameMismatchError';
  }
}

const SHOWINFO = /\bn:\s*\d+\s+pts:\s*(-?\d+).*?\bs:(\d+)x(\d+)/;
const stderrKeep = 4096;

/** The keyframe at or before `frame`. */
function keyframeBefore(index: FrameRequest['index'], frame: number): number {
  for (let n = frame; n > 0; n--) if (index.keyframes[n] === 1) return n;
  return 0;
}

/** ffmpeg decoding the clip from the keyframe `seekFrame` (null: from the start) to raw pictures on stdout, timestamps on stderr. */
export function decoderArguments(request: FrameRequest, seekFrame: number | null): string[] {
  const seek = seekFrame === null ? [] : ['-seek_timestamp', '1', '-ss', frameSeconds(request.index, seekFrame).toFixed(6), '-noaccurate_seek'];
  return [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'info',
    '-copyts', ...seek, '-i', request.file,
    '-map', '0:v:0', '-an', '-sn', '-dn',
    '-vf', 'showinfo=checksum=0', '-fps_mode', 'passthrough', '-pix_fmt', 'yuv420p', '-f', 'rawvideo', 'pipe:1',
  ];
}

/** One ffmpeg run: decoded frames with their timestamps, in output order. */
async function* decodeRun(ffmpegPath: string, args: string[], picture: PictureSize, purpose: string, signal?: AbortSignal): AsyncGenerator<{ pts: number; data: Uint8Array }> {
  const frameBytes = yuvFrameBytes(picture.width, picture.height);
  const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  const timestamps: { pts: number; width: number; height: number }[] = [];
  let stderrTail = '';
  let pendingLine = '';
  let wake: (() => void) | null = null;
  let stderrEnded = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderrTail = (stderrTail + text).slice(-stderrKeep);
    const lines = (pendingLine + text).split('\n');
    pendingLine = lines.pop() ?? '';
    for (const line of lines) {
      const match = SHOWINFO.exec(line);
      if (match) timestamps.push({ pts: Number(match[1]), width: Number(match[2]), height: Number(match[3]) });
    }
    wake?.();
  });
  child.stderr.on('end', () => {
    stderrEnded = true;
    wake?.();
  });
  const exited = new Promise<{ code: number | null; killedBy: string | null }>((resolve) => child.on('close', (code, killedBy) => resolve({ code, killedBy })));
  const started = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => reject(new Error(`ffmpeg (${ffmpegPath}) could not start for ${purpose}: ${error.message}`)));
  });
  const onAbort = () => child.kill('SIGKILL');
  signal?.addEventListener('abort', onAbort, { once: true });
  const nextTimestamp = async (): Promise<(typeof timestamps)[number]> => {
    while (timestamps.length === 0) {
      if (stderrEnded) throw new FrameMismatchError(`ffmpeg gave a picture without a timestamp while decoding ${purpose}`);
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    return timestamps.shift() as (typeof timestamps)[number];
  };
  try {
    await started;
    let data = new Uint8Array(frameBytes);
    let filled = 0;
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        data.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === frameBytes) {
          const shown = await nextTimestamp();
          if (shown.width !== picture.width || shown.height !== picture.height) {
            throw new FrameMismatchError(`${purpose}: ffmpeg decodes ${shown.width}×${shown.height} pictures, the clip's upright picture is ${picture.width}×${picture.height}`);
          }
          yield { pts: shown.pts, data };
          data = new Uint8Array(frameBytes);
          filled = 0;
        }
      }
    }
    const { code, killedBy } = await exited;
    signal?.throwIfAborted();
    if (code !== 0) throw new FfmpegFailed(purpose, code, killedBy, stderrTail);
    if (filled !== 0) throw new FrameMismatchError(`ffmpeg ended inside a picture (${filled} of ${frameBytes} bytes) while decoding ${purpose}`);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
}

/**
 * The frames from..to of the clip, in order, each checked against the frame index. Stopping the
 * iteration early stops ffmpeg. Throws FrameMismatchError when the decoder's frames are not the
 * index's (a missing, extra or moved frame), FfmpegFailed when ffmpeg fails.
 */
export async function* decodeFrames(ffmpegPath: string, request: FrameRequest, signal?: AbortSignal): AsyncGenerator<DecodedFrame> {
  const { index, from, to, picture, purpose } = request;
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to >= from && to < index.pts.length)) {
    throw new RangeError(`frames ${from}..${to} are not inside the clip's 0..${index.pts.length - 1}`);
  }
  const keyframe = keyframeBefore(index, from);
  for (const seekFrame of keyframe > 0 ? [keyframe, null] : [null]) {
    let next = from;
    for await (const decoded of decodeRun(ffmpegPath, decoderArguments(request, seekFrame), picture, purpose, signal)) {
      const expected = index.pts[next] as number;
      if (next === from && decoded.pts < expected) continue;
      if (decoded.pts !== expected) {
        // The seek landed after `from`: decode from the start instead.
        if (next === from && seekFrame !== null) break;
        throw new FrameMismatchError(`${purpose}: frame ${next} should have timestamp ${expected}, the decoder gave ${decoded.pts}`);
      }
      yield { frame: next, picture: { width: picture.width, height: picture.height, data: decoded.data } };
      if (next === to) return;
      next++;
    }
    if (next !== from) throw new FrameMismatchError(`${purpose}: the decoder stopped after frame ${next - 1}, before frame ${to}`);
  }
  throw new FrameMismatchError(`${purpose}: the decoder never gave frame ${from} (timestamp ${index.pts[from]})`);
}
