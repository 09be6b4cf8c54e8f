// Rendering a redacted copy of a clip's range: decode exact frames, burn in the masks of each
// frame, encode, then prove the result (render-check.ts). The pictures are painted by the same mask
// geometry as the player's preview (shared/tracks/masks.ts). A failed check throws and the caller
// deletes the file; nothing here writes anywhere but `output` and the sample file beside it.
import { open, rm } from 'node:fs/promises';
import { masksAt, type Mask } from '../../../shared/tracks/masks.ts';
import { runFfmpeg } from '../library/derived/ffmpeg-process.ts';
import { decodeFrames } from './exact-frames.ts';
import { ivfFileHeader, ivfFrameHeader } from './ivf-stream.ts';
import { paintMasks } from './paint-masks.ts';
import { checkRender, type RenderCheck } from './render-check.ts';
import { copyPts, encoderArguments, sampleFrames, type RenderPlan } from './render-plan.ts';
import { copyArea } from './yuv-copy.ts';
import type { YuvFrame } from './yuv-frame.ts';

export interface RenderTools {
  ffmpegPath: string;
  ffprobePath: string;
}

export interface RenderProgress {
  /** Which step runs: painting and encoding, or checking the result. */
  step: 'encode' | 'check';
  framesDone: number;
  framesTotal: number;
}

export interface RenderOptions {
  signal?: AbortSignal;
  onProgress?: (progress: RenderProgress) => void;
  /** What is made, for messages ("the court copy of clip 4"). */
  purpose: string;
}

/** The masks of frame n of the plan, painted into the picture in place; returns the manual masks painted. */
export function paintFrame(plan: RenderPlan, frame: number, picture: YuvFrame): Mask[] {
  const { wholePicture } = plan;
  if (wholePicture) {
    const original = wholePicture.keep.length > 0 ? { ...picture, data: picture.data.slice() } : null;
    const { width, height } = plan.source.picture;
    paintMasks(picture, [{ trackId: 0, shape: 'rectangle', method: 'pixelate', blockSize: wholePicture.blockSize, box: { x: 0, y: 0, width, height } }]);
    if (original) for (const area of wholePicture.keep) copyArea(original, picture, area);
  }
  const masks = masksAt(plan.tracks, frame, plan.source.picture);
  paintMasks(picture, masks);
  return masks;
}

/** Keeps the original pictures of the sample frames in a file beside the output until the check. */
class SampleStore {
  readonly #file: string;
  readonly #offsets = new Map<number, number>();
  #bytes = 0;

  constructor(file: string) {
    this.#file = file;
  }

  async put(frame: number, picture: YuvFrame): Promise<void> {
    const handle = await open(this.#file, this.#bytes === 0 ? 'w' : 'a');
    try {
      await handle.write(picture.data);
    } finally {
      await handle.close();
    }
    this.#offsets.set(frame, this.#bytes);
    this.#bytes += picture.data.length;
  }

  async get(frame: number, like: YuvFrame): Promise<YuvFrame | null> {
    const offset = this.#offsets.get(frame);
    if (offset === undefined) return null;
    const data = new Uint8Array(like.data.length);
    const handle = await open(this.#file, 'r');
    try {
      await handle.read(data, 0, data.length, offset);
    } finally {
      await handle.close();
    }
    return { width: like.width, height: like.height, data };
  }

  remove(): Promise<void> {
    return rm(this.#file, { force: true });
  }
}

/**
 * Renders the plan into `output` (an MP4) and checks it. Returns the check's findings on success;
 * throws RenderCheckError (render-check.ts) when the copy is not what the plan says, the abort
 * reason when cancelled, FfmpegFailed or FrameMismatchError when decoding or encoding fails.
 */
export async function renderVideo(plan: RenderPlan, tools: RenderTools, output: string, options: RenderOptions): Promise<RenderCheck> {
  const { signal, onProgress, purpose } = options;
  const { source, from, to } = plan;
  const total = to - from + 1;
  const samples = new SampleStore(`${output}.samples`);
  const sampled = new Set(plan.wholePicture || plan.watermark ? [] : sampleFrames(plan));
  try {
    async function* pictures(): AsyncGenerator<Uint8Array> {
      yield ivfFileHeader(source.picture.width, source.picture.height, source.index.timeBase, total);
      const frames = decodeFrames(tools.ffmpegPath, { file: source.file, index: source.index, from, to, picture: source.picture, purpose }, signal);
      for await (const { frame, picture } of frames) {
        if (sampled.has(frame)) await samples.put(frame, picture);
        paintFrame(plan, frame, picture);
        yield ivfFrameHeader(picture.data.length, copyPts(plan, frame));
        yield picture.data;
        onProgress?.({ step: 'encode', framesDone: frame - from + 1, framesTotal: total });
      }
    }
    await runFfmpeg(tools.ffmpegPath, encoderArguments(plan, output), { signal, stdin: pictures(), purpose });
    return await checkRender(plan, tools, output, {
      signal,
      purpose,
      original: (frame, like) => samples.get(frame, like),
      onProgress: (framesDone) => onProgress?.({ step: 'check', framesDone, framesTotal: total }),
    });
  } finally {
    await samples.remove();
  }
}
