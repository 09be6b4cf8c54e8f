// The proof that a rendered copy is what was decided, run on the encoded file itself:
// 1. timing: the copy's frame index has exactly the range's frames at the range's timestamps
//    (shifted to start at 0);
// 2. every frame with a solid or pixelated mask shows no detail of the original inside it
//    (mask-check.ts: uniform, or constant per block);
// 3. sample frames match the original outside the masks (PSNR at least PSNR_OUTSIDE_MIN dB), which also
//    shows that no mask was painted where none belongs (not for training clips, whose watermark and
//    optional whole-picture pixelation change the picture everywhere on purpose).
// Any finding fails the render with a report naming frames, tracks and values.
import { masksAt } from '../../../shared/tracks/masks.ts';
import { indexFrames, type FrameIndex } from '../library/analysis/frame-index.ts';
import { describeMismatch, firstTimingMismatch } from '../library/derived/frame-times.ts';
import { decodeFrames } from './exact-frames.ts';
import { maskFinding, psnrOutside, PSNR_OUTSIDE_MIN } from './mask-check.ts';
import { copyPts, type RenderPlan } from './render-plan.ts';
import { cropFrame } from './yuv-copy.ts';
import type { YuvFrame } from './yuv-frame.ts';

const MAX_REPORTED = 20;

export interface RenderCheck {
  /** Frames of the copy, equal to the range's. */
  frames: number;
  /** Frames with at least one mask, each checked. */
  maskedFrames: number;
  /** Mask checks made (masks × frames). */
  maskChecks: number;
  /** Sample frames compared with the original outside the masks, and the lowest PSNR among them (null when none applied). */
  samplesCompared: number;
  lowestPsnr: number | null;
}

export class RenderCheckError extends Error {
  readonly findings: string[];

  constructor(purpose: string, findings: string[]) {
    const shown = findings.slice(0, MAX_REPORTED);
    const more = findings.length > shown.length ? `\n… and ${findings.length - shown.length} more` : '';
    super(`The check of ${purpose} failed, nothing was exported:\n${shown.map((finding) => `- ${finding}`).join('\n')}${more}`);
    this.name = 'RenderCheckError';
    this.findings = findings;
  }
}

export interface CheckOptions {
  signal?: AbortSignal | undefined;
  purpose: string;
  /** The original picture of a sample frame, null for frames not kept. */
  original: (frame: number, like: YuvFrame) => Promise<YuvFrame | null>;
  onProgress?: (framesDone: number) => void;
}

/** The frame index the copy must have: the range's timestamps less the first one's. */
export function expectedTiming(plan: RenderPlan): Pick<FrameIndex, 'timeBase' | 'pts'> {
  return { timeBase: plan.source.index.timeBase, pts: Float64Array.from({ length: plan.to - plan.from + 1 }, (_, k) => copyPts(plan, plan.from + k)) };
}

export async function checkRender(plan: RenderPlan, tools: { ffmpegPath: string; ffprobePath: string }, output: string, options: CheckOptions): Promise<RenderCheck> {
  const { signal, purpose } = options;
  const expected = expectedTiming(plan);
  const copyIndex = await indexFrames(output, tools.ffprobePath, { signal });
  const mismatch = firstTimingMismatch(expected, copyIndex);
  if (mismatch) throw new RenderCheckError(purpose, [`the copy's frames are not the range's: ${describeMismatch(mismatch, { a: 'original', b: 'copy' })}`]);

  const findings: string[] = [];
  const result: RenderCheck = { frames: copyIndex.pts.length, maskedFrames: 0, maskChecks: 0, samplesCompared: 0, lowestPsnr: null };
  const { picture } = plan.source;
  const paddedPicture = { width: Math.ceil(picture.width / 2) * 2, height: Math.ceil(picture.height / 2) * 2 };
  const frames = decodeFrames(
    tools.ffmpegPath,
    { file: output, index: copyIndex, from: 0, to: copyIndex.pts.length - 1, picture: paddedPicture, purpose: `the check of ${purpose}` },
    signal,
  );
  for await (const decoded of frames) {
    const copy = cropFrame(decoded.picture, picture);
    const frame = plan.from + decoded.frame;
    const masks = masksAt(plan.tracks, frame, picture);
    if (masks.length > 0) result.maskedFrames++;
    for (const [k, mask] of masks.entries()) {
      // Blur is not claimed to hide anything (the editor warns); later masks paint over earlier ones.
      if (mask.method === 'blur') continue;
      result.maskChecks++;
      const finding = maskFinding(copy, mask, masks.slice(k + 1));
      if (finding) findings.push(`frame ${frame}: ${finding}`);
    }
    // A whole-picture pixelation or a watermark changes the picture on purpose: nothing outside the
    // masks is meant to match the original there, so only the masks are checked.
    const original = plan.wholePicture || plan.watermark ? null : await options.original(frame, copy);
    if (original) {
      const psnr = psnrOutside(original, copy, masks);
      result.samplesCompared++;
      result.lowestPsnr = result.lowestPsnr === null ? psnr : Math.min(result.lowestPsnr, psnr);
      if (psnr < PSNR_OUTSIDE_MIN) findings.push(`frame ${frame}: outside the masks the copy matches the original only at ${psnr.toFixed(1)} dB PSNR (at least ${PSNR_OUTSIDE_MIN} dB required)`);
    }
    options.onProgress?.(decoded.frame + 1);
  }
  if (findings.length > 0) throw new RenderCheckError(purpose, findings);
  return result;
}
