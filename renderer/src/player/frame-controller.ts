// Which frame is on screen, and moving to another one. The frame number always comes from what
// the browser painted: requestVideoFrameCallback's mediaTime looked up in the clip's frame index
// (never currentTime × fps). Seeks target the middle of a frame's display interval.
//
// While paused, steps are painted from decoded pictures (DecodedFrames, WebCodecs) on a canvas
// over the video when the clip allows it: a step then costs a draw instead of a seek that decodes
// from the previous keyframe. The <video> element is brought to the same frame when stepping
// rests and before playing, so sound and playback continue from there. Without pictures every
// step is a seek of the element. Reverse playback steps backwards, as browsers cannot play
// backwards.
import { clampFrame, frameAt, seekTime, type FrameTimeline } from '../../../shared/time/frames.ts';
import { fitToDisplay } from './canvas-size.ts';

/** The part of DecodedFrames the controller uses. */
export interface FramePictures {
  peek(frame: number): ImageBitmap | undefined;
  picture(frame: number, signal?: AbortSignal): Promise<ImageBitmap>;
  prefetch(frame: number): void;
  dispose(): void;
}

export interface FrameControllerOptions {
  video: HTMLVideoElement;
  canvas: HTMLCanvasElement;
  timeline: FrameTimeline;
  /** A frame was painted (by the video or on the canvas). */
  onFrame(frame: number): void;
  /** Playback speed changed: 0 paused, negative backwards. */
  onRate(rate: number): void;
  /** Playback ran past the last frame (forwards) or the first (backwards). */
  onBoundary(direction: 1 | -1): void;
}

/** How long stepping must rest before the video element is brought to the stepped frame. */
const SYNC_AFTER_MS = 250;

export class FrameController {
  readonly #video: HTMLVideoElement;
  readonly #canvas: HTMLCanvasElement;
  readonly #timeline: FrameTimeline;
  readonly #options: FrameControllerOptions;
  #pictures: FramePictures | null = null;
  /** The frame on screen, -1 before the first paint. */
  #painted = -1;
  /** The frame asked for and not yet painted. */
  #target: number | null = null;
  #rate = 0;
  #canvasShown = false;
  #pictureRequest: AbortController | null = null;
  #syncTimer: ReturnType<typeof setTimeout> | undefined;
  #reverseTimer: ReturnType<typeof setInterval> | undefined;
  #videoCallback = 0;
  #disposed = false;

  constructor(options: FrameControllerOptions) {
    this.#options = options;
    this.#video = options.video;
    this.#canvas = options.canvas;
    this.#timeline = options.timeline;
    this.#video.addEventListener('ended', this.#onEnded);
    this.#watchVideo();
  }

  /** The frame the next step starts from: the one asked for, else the one on screen. */
  get position(): number {
    return this.#target ?? Math.max(0, this.#painted);
  }

  /** Decoded pictures for fast steps (null: every step seeks the video element). */
  usePictures(pictures: FramePictures | null): void {
    this.#pictures?.dispose();
    this.#pictures = pictures;
    if (pictures && this.#rate === 0) pictures.prefetch(this.position);
  }

  #watchVideo(): void {
    const onVideoFrame = (_now: number, metadata: VideoFrameCallbackMetadata): void => {
      if (this.#disposed) return;
      const frame = frameAt(this.#timeline, metadata.mediaTime);
      // While paused on the canvas, the element's frames are the catching-up sync: not on screen.
      if (this.#rate > 0 && this.#canvasShown) this.#hideCanvas();
      if (!this.#canvasShown) {
        if (this.#target === frame || this.#rate > 0) this.#target = null;
        this.#announce(frame);
      }
      this.#videoCallback = this.#video.requestVideoFrameCallback(onVideoFrame);
    };
    this.#videoCallback = this.#video.requestVideoFrameCallback(onVideoFrame);
  }

  #announce(frame: number): void {
    if (frame === this.#painted) return;
    this.#painted = frame;
    this.#options.onFrame(frame);
  }

  /** Shows frame n; resolves once it is painted (or superseded by a later request). */
  async show(frame: number): Promise<void> {
    const target = clampFrame(this.#timeline, frame);
    if (this.#rate > 0) this.pause();
    this.#target = target;
    this.#pictureRequest?.abort();
    if (target === this.#painted && (this.#canvasShown || this.#videoShows(target))) {
      this.#target = null;
      return;
    }
    const pictures = this.#pictures;
    if (!pictures) {
      this.#video.currentTime = seekTime(this.#timeline, target);
      return;
    }
    let picture = pictures.peek(target);
    if (!picture) {
      const request = new AbortController();
      this.#pictureRequest = request;
      try {
        picture = await pictures.picture(target, request.signal);
      } catch (error) {
        if (request.signal.aborted || this.#disposed) return;
        // The decoder failed on this clip: from now on the video element seeks.
        console.warn('[revier] decoded pictures failed, falling back to seeking:', error);
        this.usePictures(null);
        this.#video.currentTime = seekTime(this.#timeline, target);
        return;
      }
    }
    if (this.#target !== target || this.#disposed) return;
    this.#draw(picture);
    pictures.prefetch(target);
    this.#scheduleSync();
    await new Promise<void>((resolve) =>
      requestAnimationFrame(() => {
        if (this.#target === target) {
          this.#target = null;
          this.#announce(target);
        }
        resolve();
      }),
    );
  }

  step(delta: number): Promise<void> {
    return this.show(this.position + delta);
  }

  #videoShows(frame: number): boolean {
    return !this.#video.seeking && frameAt(this.#timeline, this.#video.currentTime) === frame;
  }

  #draw(picture: ImageBitmap): void {
    const canvas = this.#canvas;
    // Shown first: a hidden canvas has no layout size to measure.
    if (!this.#canvasShown) {
      this.#canvasShown = true;
      canvas.hidden = false;
    }
    const { width, height } = fitToDisplay(canvas);
    const context = canvas.getContext('2d');
    if (!context) return;
    // Whole device pixels, where the browser puts the video's own picture: it fits the picture
    // into the element's (fractional) box and rounds the picture's origin and size on screen. A
    // picture half a pixel off is a blurred copy of the frame, not the frame.
    // The fit is of the video's own display size: the cached picture's is rounded already.
    const box = canvas.getBoundingClientRect();
    const dpr = devicePixelRatio;
    const shown = this.#video.videoWidth > 0 ? { width: this.#video.videoWidth, height: this.#video.videoHeight } : picture;
    const scale = Math.min((box.width * dpr) / shown.width, (box.height * dpr) / shown.height);
    const w = Math.round(shown.width * scale);
    const h = Math.round(shown.height * scale);
    const x = Math.round(box.left * dpr + (box.width * dpr - shown.width * scale) / 2) - Math.round(box.left * dpr);
    const y = Math.round(box.top * dpr + (box.height * dpr - shown.height * scale) / 2) - Math.round(box.top * dpr);
    context.fillStyle = '#000';
    context.fillRect(0, 0, width, height);
    context.drawImage(picture, x, y, w, h);
  }

  #hideCanvas(): void {
    this.#canvasShown = false;
    this.#canvas.hidden = true;
  }

  /** Brings the video element to the frame on the canvas once stepping rests. */
  #scheduleSync(): void {
    clearTimeout(this.#syncTimer);
    this.#syncTimer = setTimeout(() => void this.#syncVideo(), SYNC_AFTER_MS);
  }

  async #syncVideo(): Promise<void> {
    clearTimeout(this.#syncTimer);
    const frame = this.position;
    if (this.#videoShows(frame)) return;
    this.#video.currentTime = seekTime(this.#timeline, frame);
    await new Promise<void>((resolve) => this.#video.addEventListener('seeked', () => resolve(), { once: true }));
  }

  /** Plays at a speed: positive forwards through the video element, negative by stepping backwards. */
  async play(rate: number): Promise<void> {
    this.#stopReverse();
    this.#pictureRequest?.abort();
    if (rate < 0) {
      this.#video.pause();
      this.#setRate(rate);
      this.#startReverse(-rate);
      return;
    }
    if (this.#canvasShown || this.#target !== null) await this.#syncVideo();
    this.#target = null;
    this.#video.playbackRate = rate;
    this.#setRate(rate);
    try {
      await this.#video.play();
    } catch (error) {
      // Interrupted by a pause or seek: the rate is already back to 0 then.
      if (this.#rate === rate) this.#setRate(0);
      if (!(error instanceof DOMException && error.name === 'AbortError')) throw error;
    }
  }

  pause(): void {
    this.#stopReverse();
    if (!this.#video.paused) this.#video.pause();
    this.#setRate(0);
    this.#pictures?.prefetch(this.position);
  }

  #setRate(rate: number): void {
    if (rate === this.#rate) return;
    this.#rate = rate;
    this.#options.onRate(rate);
  }

  #startReverse(speed: number): void {
    const from = this.position;
    const startTime = this.#timeline.seconds[from] ?? 0;
    const started = performance.now();
    let busy = false;
    this.#reverseTimer = setInterval(() => {
      if (busy) return;
      const elapsed = ((performance.now() - started) / 1000) * speed;
      const frame = frameAt(this.#timeline, startTime - elapsed);
      if (frame === this.position) {
        if (frame === 0 && startTime - elapsed < (this.#timeline.seconds[0] ?? 0)) {
          this.pause();
          this.#options.onBoundary(-1);
        }
        return;
      }
      busy = true;
      void this.show(frame).finally(() => (busy = false));
    }, 10);
  }

  #stopReverse(): void {
    clearInterval(this.#reverseTimer);
    this.#reverseTimer = undefined;
  }

  readonly #onEnded = (): void => {
    this.#setRate(0);
    this.#options.onBoundary(1);
  };

  dispose(): void {
    this.#disposed = true;
    this.#stopReverse();
    clearTimeout(this.#syncTimer);
    this.#pictureRequest?.abort();
    this.#video.cancelVideoFrameCallback(this.#videoCallback);
    this.#video.removeEventListener('ended', this.#onEnded);
    this.#pictures?.dispose();
    this.#pictures = null;
  }
}
