// Review proxy: an H.264/AAC MP4 of a clip the renderer cannot play (codecs.ts), with the SAME
// frames at the SAME times as the original, so frame numbers, markers and redaction keyframes
// mean the same picture in both. Checked, not hoped: after encoding, the proxy is indexed like any
// clip and compared with the original's index frame by frame; any difference fails the job, names
// the first differing frame and leaves no proxy behind.
//
// How the timing survives (each of these was needed on ffmpeg 5.1):
// - `-copyts`: the original's timestamps, not shifted to start at 0 (an MPEG-TS starting at
//   1.466667 s keeps that start; Chromium's currentTime follows the MP4's timeline, empty edit
//   included, so it shows the same numbers the frame index holds).
// - `-fps_mode passthrough`: every decoded frame is encoded once: none dropped, none duplicated.
// - `-enc_time_base` = the original stream's time base (= the frame index's): without it ffmpeg
//   rounds VFR timestamps to its own guess of a frame rate.
// - `-video_track_timescale` and `-movie_timescale` both a multiple of that time base's
//   denominator: the track stores every pts exactly, and the edit list that carries a non-zero
//   start (counted in the movie timescale, 1/1000 s by default) does too. With the default an
//   MPEG-TS starting at 132000/90000 s came out at 1.466 s, 0.67 ms early on every frame.
// - B-frames of the proxy: the MP4 muxer's edit list absorbs the decode delay; the check below
//   would catch it if it did not.
// A keyframe at least every second (forced by time, so VFR and any frame rate work) keeps seeking
// in the player fast; `+faststart` puts the index first so playback starts before the file is read.
import { indexFrames, type FrameIndex } from '../analysis/frame-index.ts';
import { ServiceError } from '../../service-error.ts';
import { DerivedWrite, type DerivedFileRecord } from './derived-store.ts';
import { runFfmpeg } from './ffmpeg-process.ts';
import { describeMismatch, firstTimingMismatch, frameSeconds, type TimingMismatch } from './frame-times.ts';

export interface ReviewProxyInput {
  file: string;
  sha256: string;
  /** The original's frame index: the proxy must reproduce it exactly. */
  frameIndex: FrameIndex;
}

export interface ReviewProxyTools {
  ffmpegPath: string;
  ffprobePath: string;
  ffmpegVersion: string;
}

export interface ReviewProxyOptions {
  signal?: AbortSignal;
  /** 0..1; encoding covers up to 0.95, the frame-by-frame check the rest. */
  onProgress?: (fraction: number) => void;
}

export const REVIEW_PROXY_NAME = 'review-proxy.mp4';

/** yuv420p needs even dimensions: pad odd ones by a pixel instead of resampling the picture. */
export const EVEN_PICTURE_FILTER = 'pad=w=ceil(iw/2)*2:h=ceil(ih/2)*2';

/** Encoder settings, recorded with every proxy. */
export const reviewProxySettings = {
  video: { codec: 'libx264', preset: 'veryfast', crf: 20, pixelFormat: 'yuv420p', keyframeEverySeconds: 1 },
  audio: { codec: 'aac', bitrate: '128k', stream: 'first audio stream, when present' },
  container: 'mp4 +faststart',
} as const;

/** The proxy would not show the original's frames at the original's times; no proxy was kept. */
export class ProxyTimingError extends ServiceError {
  readonly file: string;
  readonly mismatch: TimingMismatch;

  constructor(file: string, mismatch: TimingMismatch) {
    super('unavailable', `${file}: a review proxy would not match the original frame for frame, so none was kept: ${describeMismatch(mismatch)}`);
    this.name = 'ProxyTimingError';
    this.file = file;
    this.mismatch = mismatch;
  }
}

/** The MP4 track timescale ffmpeg would pick for this time base (den doubled up to ≥ 10000), kept explicit. */
export function proxyTimescale(timeBase: { num: number; den: number }): number {
  let timescale = timeBase.den;
  while (timescale < 10_000) timescale *= 2;
  return timescale;
}

function checkOriginalIndex(input: ReviewProxyInput): void {
  const { pts, timeBase } = input.frameIndex;
  if (pts.length === 0) throw new ServiceError('invalid_request', `${input.file}: the frame index has no frames; there is nothing to make a proxy of`);
  if (!(timeBase.num > 0 && timeBase.den > 0 && Number.isSafeInteger(timeBase.num) && Number.isSafeInteger(timeBase.den))) {
    throw new ServiceError('invalid_request', `${input.file}: the frame index has no usable time base (${timeBase.num}/${timeBase.den})`);
  }
  for (let n = 1; n < pts.length; n++) {
    if (!((pts[n] ?? 0) > (pts[n - 1] ?? 0))) {
      throw new ServiceError(
        'unavailable',
        `${input.file}: frames ${n - 1} and ${n} have the same or falling times in the frame index; an MP4 cannot hold them in that order, so no proxy can match it`,
      );
    }
  }
}

/** Watches `-progress pipe:1` output (key=value lines) and reports encoded media time as a fraction. */
function progressReader(first: number, last: number, report: (fraction: number) => void): (chunk: Buffer) => void {
  let pending = '';
  const span = last - first;
  return (chunk) => {
    pending += chunk.toString('latin1');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^out_time_us=(-?\d+)/.exec(line.trim());
      if (!match) continue;
      const seconds = Number(match[1]) / 1e6;
      const fraction = span > 0 ? (seconds - first) / span : 0;
      if (Number.isFinite(fraction)) report(Math.min(1, Math.max(0, fraction)));
    }
  };
}

export function reviewProxyArguments(input: ReviewProxyInput, output: string): string[] {
  const { timeBase } = input.frameIndex;
  const timescale = String(proxyTimescale(timeBase));
  const { video, audio } = reviewProxySettings;
  return [
    '-nostdin', '-hide_banner', '-nostats', '-v', 'error',
    '-copyts', '-i', input.file,
    '-map', '0:v:0', '-map', '0:a:0?', '-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1',
    '-vf', EVEN_PICTURE_FILTER,
    '-c:v', video.codec, '-preset', video.preset, '-crf', String(video.crf), '-pix_fmt', video.pixelFormat,
    '-force_key_frames', `expr:if(isnan(prev_forced_t),1,gte(t-prev_forced_t,${video.keyframeEverySeconds}))`,
    '-fps_mode', 'passthrough', '-enc_time_base:v', `${timeBase.num}/${timeBase.den}`,
    '-c:a', audio.codec, '-b:a', audio.bitrate,
    '-max_muxing_queue_size', '4096',
    '-video_track_timescale', timescale, '-movie_timescale', timescale, '-movflags', '+faststart',
    '-progress', 'pipe:1', '-f', 'mp4', output,
  ];
}

/**
 * Encodes the proxy to a temporary name, indexes it, compares it frame by frame with the
 * original's index and only then renames it into place. Throws ProxyTimingError on any
 * difference, the abort reason when cancelled; neither leaves a file behind.
 */
export async function makeReviewProxy(
  input: ReviewProxyInput,
  tools: ReviewProxyTools,
  dataFolder: string,
  options: ReviewProxyOptions = {},
): Promise<DerivedFileRecord> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  checkOriginalIndex(input);
  const index = input.frameIndex;
  const first = frameSeconds(index, 0);
  const last = frameSeconds(index, index.pts.length - 1);
  const write = await DerivedWrite.begin(dataFolder, input.sha256, REVIEW_PROXY_NAME);
  try {
    onProgress?.(0);
    await runFfmpeg(tools.ffmpegPath, reviewProxyArguments(input, write.tempPath), {
      signal,
      purpose: `the review proxy of ${input.file}`,
      onStdout: progressReader(first, last, (fraction) => onProgress?.(fraction * 0.95)),
    });
    onProgress?.(0.95);
    const proxyIndex = await indexFrames(write.tempPath, tools.ffprobePath, { signal });
    const mismatch = firstTimingMismatch(index, proxyIndex);
    if (mismatch) throw new ProxyTimingError(input.file, mismatch);
    const record = await write.commit({
      kind: 'proxy',
      toolVersion: tools.ffmpegVersion,
      parameters: {
        ...reviewProxySettings,
        timing: {
          copyTimestamps: true,
          encoderTimeBase: `${index.timeBase.num}/${index.timeBase.den}`,
          trackTimescale: proxyTimescale(index.timeBase),
          verifiedFrames: proxyIndex.pts.length,
          firstSeconds: first,
          lastSeconds: last,
        },
      },
    });
    onProgress?.(1);
    return record;
  } catch (error) {
    await write.discard();
    throw error;
  }
}
