// Progress of an export job: frames encoded and checked against all the job will encode and check,
// with the time left estimated from the rate so far. Reports at most every REPORT_MS, and always
// when the step changes, so a long job does not flood the windows with events.
import type { ExportProgress } from '../../../shared/api/exports.ts';
import type { RenderProgress } from '../redaction/render-video.ts';

const REPORT_MS = 250;
/** Seconds of work before the rate is trusted for an estimate. */
const SETTLE_SECONDS = 2;

export class ExportProgressMeter {
  readonly #report: (progress: ExportProgress) => void;
  readonly #startedMs = Date.now();
  #framesTotal = 0;
  #framesDone = 0;
  #lastReportMs = 0;
  #step = '';
  #clipId: number | null = null;

  constructor(report: (progress: ExportProgress) => void) {
    this.#report = report;
  }

  /** Frame steps (encode or check, each frame counted once per step) the job will make. */
  plan(framesTotal: number): void {
    this.#framesTotal = framesTotal;
  }

  /** A step begins, e.g. `encode` of clip 4 or `report`. */
  step(step: string, clipId: number | null): void {
    this.#step = step;
    this.#clipId = clipId;
    this.#emit(true);
  }

  /** `frames` more frame steps are done. */
  advance(frames: number): void {
    this.#framesDone = Math.min(this.#framesTotal, this.#framesDone + frames);
    this.#emit(false);
  }

  /**
   * Follows one render of `frameCount` frames (encoding, then the check: 2 × frameCount frame
   * steps of the plan); the returned `finish` counts whatever the render did not report.
   */
  render(clipId: number | null, frameCount: number): { onProgress: (progress: RenderProgress) => void; finish: () => void } {
    let reported = 0;
    let step: RenderProgress['step'] | null = null;
    const advanceTo = (done: number) => {
      this.advance(done - reported);
      reported = done;
    };
    return {
      onProgress: (progress) => {
        if (progress.step !== step) {
          step = progress.step;
          this.step(step, clipId);
        }
        advanceTo((progress.step === 'encode' ? 0 : frameCount) + progress.framesDone);
      },
      finish: () => advanceTo(2 * frameCount),
    };
  }

  current(): ExportProgress {
    const fraction = this.#framesTotal > 0 ? this.#framesDone / this.#framesTotal : 0;
    const elapsed = (Date.now() - this.#startedMs) / 1000;
    const secondsLeft = elapsed >= SETTLE_SECONDS && fraction > 0 ? (elapsed * (1 - fraction)) / fraction : null;
    return { step: this.#step, clipId: this.#clipId, fraction, framesDone: this.#framesDone, framesTotal: this.#framesTotal, secondsLeft };
  }

  #emit(always: boolean): void {
    const now = Date.now();
    if (!always && now - this.#lastReportMs < REPORT_MS) return;
    this.#lastReportMs = now;
    this.#report(this.current());
  }
}
