// A cache of decoded pictures for exact, fast frame stepping. A <video> element must decode from
// the previous keyframe on every seek (about 200 ms with a keyframe every 60 frames at 1080p), so
// a paused player paints frames from here onto a canvas over the video and hands back to the
// <video> for playback.
//
// mediabunny reads the clip's packets through byte-range requests to the same-origin media URL
// (no workers, no eval: only fetch); a WebCodecs VideoDecoder turns them into VideoFrames, which
// picture-painter.ts turns into upright, scaled-down ImageBitmaps (rotation and mirroring from the
// container applied like ffmpeg's autorotate). Every VideoFrame is closed as soon as it is
// painted or found not worth painting. Painting costs more than decoding, so while a request
// waits for a frame further on, the frames before it are decoded but not painted; a later
// background pass paints them.
//
// A decoded picture is frame n when its timestamp is the presentation time of frame n in the
// frame index (nearest within half a frame interval). mediabunny applies an MP4 edit list by
// shifting timestamps (the pictures an edit list hides come out before 0) but, unlike ffmpeg,
// still delivers pictures past the end of the edit; neither kind matches a frame of the index, so
// both are dropped.
//
// One decoder pass ("run") at a time: from the keyframe before a frame through the end of the gap
// of missing frames after it. A picture() request the running pass does not cover aborts that pass
// unless it is serving another request, so a background prefetch never delays a step. Memory stays
// within a byte budget: the frames kept are those nearest the last requested one (keep-range in
// frame-cache-plan.ts); the rest are closed.
import { EncodedPacketSink, Input, MATROSKA, MP4, QTFF, UrlSource, WEBM, type EncodedPacket } from 'mediabunny';
import { frameDuration, frameStart, keyframeBefore, type FrameTimeline } from '../../../shared/time/frames.ts';
import {
  frameOfTimestamp,
  keepRange,
  pictureSize,
  type FrameRange,
  type Orientation,
  type PictureSize,
} from './frame-cache-plan.ts';
import { PicturePainter } from './picture-painter.ts';

export const DEFAULT_BUDGET_BYTES = 256 * 2 ** 20;

/** BT.601 limited range, what browsers and ffmpeg assume for video that names no colour space. */
const untaggedColorSpace: VideoColorSpaceInit = { matrix: 'smpte170m', primaries: 'smpte170m', transfer: 'smpte170m', fullRange: false };

/** Chunks handed to the decoder and not yet taken up; more only queue memory. */
const MAX_DECODE_QUEUE = 4;

/** Decoded frames waiting to be painted; the decoder is not fed while more wait (they hold its buffers). */
const MAX_PAINT_QUEUE = 3;

/** Packets read past the next keyframe, looking for open-GOP pictures shown before it. */
const LEADING_PICTURE_GRACE = 8;

/** Packets decoded once ahead of a pass, at times outside the clip, to teach the decoder the reorder depth. */
const PRIMER_PACKETS = 8;
const PRIMER_SHIFT_SECONDS = -1e6;

/** Failed network reads are retried this often (a local server that fails is not flaky). */
const FETCH_ATTEMPTS = 3;

export interface DecodedFramesOptions {
  /** The box the pictures are scaled down to fit (device pixels), aspect ratio kept. */
  width: number;
  height: number;
  /** Upper bound for the cached pictures (width × height × 4 bytes each); default 256 MiB. */
  budgetBytes?: number;
}

interface Waiter {
  readonly frame: number;
  /** Later requests are served first: the reviewer has moved on from earlier ones. */
  readonly order: number;
  resolve(picture: ImageBitmap): void;
  reject(reason: unknown): void;
}

/** One decoder pass: from the keyframe before `target` through `last`. */
interface Run {
  readonly target: number;
  readonly last: number;
  /** Keyframe the pass starts from, by the frame index. */
  readonly from: number;
  /** Decode the first packets twice: an earlier pass missed a frame of this clip (see #finish). */
  readonly prime: boolean;
  /** Highest frame the decoder has output in this pass (pictures come out in display order). */
  produced: number;
  readonly seen: Set<number>;
  readonly controller: AbortController;
  /** The decoder's own error, which ends the pass. */
  error: unknown;
}

/** `promise`, or a rejection as soon as `signal` aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export class DecodedFrames {
  /** Size of every cached picture. */
  readonly size: PictureSize;

  readonly #input: Input;
  readonly #packets: EncodedPacketSink;
  readonly #config: VideoDecoderConfig;
  readonly #timeline: FrameTimeline;
  readonly #capacity: number;
  readonly #painter: PicturePainter;

  readonly #pictures = new Map<number, ImageBitmap>();
  /** Frames the decoder did not produce where the index has them (damaged data, hidden pictures). */
  readonly #failed = new Set<number>();
  /** Frames one pass did not output; the next miss marks them failed. */
  readonly #missedOnce = new Set<number>();
  readonly #waiters = new Map<number, Waiter[]>();
  /** Evicted pictures, closed on the next task so a caller drawing the one it was just given is safe. */
  #retired: ImageBitmap[] = [];
  #retireTimer: ReturnType<typeof setTimeout> | undefined;

  #decoder: VideoDecoder | null = null;
  #run: Run | null = null;
  readonly #paintQueue: { frame: number; picture: VideoFrame; run: Run }[] = [];
  #painting: Promise<void> | null = null;
  /** Called when a paint finishes: the feeding loop may go on. */
  #onPainted: (() => void) | null = null;
  #driving = false;
  #disposed = false;
  #focus = 0;
  #direction: 1 | -1 = 1;
  #requests = 0;

  /**
   * The cache for the clip at `url` (same-origin, served with byte ranges), or null when this
   * browser or this clip cannot be decoded with WebCodecs: the caller then seeks the <video>.
   * Network and server failures reject.
   */
  static async open(url: string, timeline: FrameTimeline, options: DecodedFramesOptions): Promise<DecodedFrames | null> {
    if (typeof VideoDecoder === 'undefined' || typeof OffscreenCanvas === 'undefined' || timeline.seconds.length === 0) return null;
    const source = new UrlSource(url, { getRetryDelay: (attempts) => (attempts < FETCH_ATTEMPTS ? 0.25 : null) });
    const input = new Input({ source, formats: [MP4, QTFF, MATROSKA, WEBM] });
    try {
      if (!(await input.canRead())) return DecodedFrames.#decline(input);
      const track = await input.getPrimaryVideoTrack();
      const config = track && (await track.getDecoderConfig());
      if (!track || !config) return DecodedFrames.#decline(input);
      // Not optimizeForLatency: that turns off the software decoder's frame threads, and reaching a
      // frame late in a GOP takes a third longer (measured: 60 1080p frames in 205 ms, not 140 ms).
      // The canvas must show the colours the <video> element shows. High dynamic range (HLG, PQ)
      // is tone-mapped differently by the two paths: such clips step by seeking the video.
      if (await track.hasHighDynamicRange()) return DecodedFrames.#decline(input);
      const colorSpace = await track.getColorSpace();
      const decoderConfig: VideoDecoderConfig = {
        ...config,
        optimizeForLatency: false,
        // Untagged video: the video element (like ffmpeg) converts with BT.601; say so, or the
        // conversion to RGBA would assume another matrix and shift every colour.
        ...(colorSpace.matrix ? {} : { colorSpace: untaggedColorSpace }),
      };
      if (!(await VideoDecoder.isConfigSupported(decoderConfig)).supported) return DecodedFrames.#decline(input);
      const orientation: Orientation = { rotation: await track.getRotation(), flip: await track.getFlip() };
      const display = { width: await track.getSquarePixelWidth(), height: await track.getSquarePixelHeight() };
      const size = pictureSize(display, orientation, { width: options.width, height: options.height });
      return new DecodedFrames(input, new EncodedPacketSink(track), decoderConfig, timeline, orientation, size, options.budgetBytes ?? DEFAULT_BUDGET_BYTES);
    } catch (error) {
      input.dispose();
      throw error;
    }
  }

  static #decline(input: Input): null {
    input.dispose();
    return null;
  }

  private constructor(
    input: Input,
    packets: EncodedPacketSink,
    config: VideoDecoderConfig,
    timeline: FrameTimeline,
    orientation: Orientation,
    size: PictureSize,
    budgetBytes: number,
  ) {
    this.#input = input;
    this.#packets = packets;
    this.#config = config;
    this.#timeline = timeline;
    this.size = size;
    this.#capacity = Math.max(1, Math.floor(budgetBytes / (size.width * size.height * 4)));
    this.#painter = new PicturePainter(orientation, size);
  }

  /**
   * Picture of frame n if cached. It belongs to the cache: draw it now (it is closed once evicted,
   * at the earliest on the next task) and never close it yourself.
   */
  peek(frame: number): ImageBitmap | undefined {
    return this.#pictures.get(frame);
  }

  /**
   * Picture of frame n, decoding from the keyframe before it when needed (same ownership as
   * peek). Rejects when `signal` aborts, the cache is disposed, or the decoder cannot produce it.
   */
  picture(frame: number, signal?: AbortSignal): Promise<ImageBitmap> {
    if (this.#disposed) return Promise.reject(new DOMException('The decoded-frame cache is disposed', 'AbortError'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.#isFrame(frame)) return Promise.reject(this.#outside(frame));
    this.#focusOn(frame);
    const cached = this.#pictures.get(frame);
    if (cached) {
      this.#schedule();
      return Promise.resolve(cached);
    }
    if (this.#failed.has(frame)) return Promise.reject(new Error(`Frame ${frame} cannot be decoded in this browser`));
    return new Promise<ImageBitmap>((resolve, reject) => {
      const onAbort = (): void => {
        this.#removeWaiter(waiter);
        reject(signal?.reason);
        this.#schedule();
      };
      const waiter: Waiter = {
        frame,
        order: ++this.#requests,
        resolve: (picture) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(picture);
        },
        reject: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.set(frame, [...(this.#waiters.get(frame) ?? []), waiter]);
      this.#schedule();
    });
  }

  /**
   * Decodes in the background around frame n: the rest of its GOP, the previous GOP and the start
   * of the next, as far as the budget allows, and evicts what lies far from n. Never delays
   * picture().
   */
  prefetch(frame: number): void {
    if (this.#disposed) return;
    if (!this.#isFrame(frame)) throw this.#outside(frame);
    this.#focusOn(frame);
    this.#schedule();
  }

  /** Stops decoding, rejects waiting requests and closes every picture. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    const reason = new DOMException('The decoded-frame cache was disposed', 'AbortError');
    this.#run?.controller.abort(reason);
    if (this.#decoder && this.#decoder.state !== 'closed') this.#decoder.close();
    this.#decoder = null;
    for (const queued of this.#paintQueue.splice(0)) queued.picture.close();
    for (const waiters of this.#waiters.values()) for (const waiter of waiters) waiter.reject(reason);
    this.#waiters.clear();
    for (const picture of this.#pictures.values()) picture.close();
    this.#pictures.clear();
    clearTimeout(this.#retireTimer);
    this.#closeRetired();
    this.#input.dispose();
  }

  #isFrame(frame: number): boolean {
    return Number.isInteger(frame) && frame >= 0 && frame < this.#timeline.seconds.length;
  }

  #outside(frame: number): RangeError {
    return new RangeError(`frame ${frame} is outside 0..${this.#timeline.seconds.length - 1}`);
  }

  #focusOn(frame: number): void {
    if (frame !== this.#focus) this.#direction = frame > this.#focus ? 1 : -1;
    this.#focus = frame;
  }

  #keepRange(): FrameRange {
    return keepRange(this.#timeline, this.#focus, this.#capacity, this.#direction);
  }

  #removeWaiter(waiter: Waiter): void {
    const rest = (this.#waiters.get(waiter.frame) ?? []).filter((other) => other !== waiter);
    if (rest.length > 0) this.#waiters.set(waiter.frame, rest);
    else this.#waiters.delete(waiter.frame);
  }

  // ---- scheduling -------------------------------------------------------------------------------

  /** Whether `run` will still output `frame` (pictures come out in display order). */
  #covers(run: Run, frame: number): boolean {
    return frame > Math.max(run.produced, run.from - 1) && frame <= run.last;
  }

  /** A pass is dropped when it serves no request while one waits elsewhere, or when nothing it has left is worth keeping. */
  #isObsolete(run: Run): boolean {
    let serves = false;
    let elsewhere = false;
    for (const frame of this.#waiters.keys()) {
      if (this.#covers(run, frame)) serves = true;
      else elsewhere = true;
    }
    if (serves) return false;
    if (elsewhere) return true;
    const keep = this.#keepRange();
    return run.last < keep.first || Math.max(run.produced + 1, run.from) > keep.last;
  }

  #schedule(): void {
    if (this.#disposed) return;
    const run = this.#run;
    if (run && !run.controller.signal.aborted && this.#isObsolete(run)) this.#abort(run);
    void this.#drive();
  }

  #abort(run: Run, error?: unknown): void {
    if (error !== undefined) run.error = error;
    run.controller.abort(error ?? new DOMException('Decoder pass no longer needed', 'AbortError'));
    // reset() drops queued chunks and pending output at once; the next pass configures again.
    if (this.#decoder && this.#decoder.state !== 'closed') this.#decoder.reset();
    for (const queued of this.#paintQueue.splice(0)) queued.picture.close();
  }

  /** The next pass: the latest waiting request first, else the nearest missing frame worth keeping. */
  #plan(): Run | null {
    let latest: Waiter | undefined;
    for (const waiters of this.#waiters.values()) {
      for (const waiter of waiters) if (!latest || waiter.order > latest.order) latest = waiter;
    }
    const keep = this.#keepRange();
    if (latest) return this.#runFor(latest.frame, keep);
    // Only once a missing frame is within half the capacity: one pass then refills many frames
    // instead of re-decoding a GOP for each step; sooner than that, a backward run at key-repeat
    // pace outruns the refill.
    const margin = Math.max(4, Math.floor(this.#capacity / 2));
    for (let distance = 0; distance <= margin; distance++) {
      for (const frame of [this.#focus + this.#direction * distance, this.#focus - this.#direction * distance]) {
        if (frame >= keep.first && frame <= keep.last && this.#missing(frame)) return this.#runFor(frame, keep);
      }
    }
    return null;
  }

  #missing(frame: number): boolean {
    return !this.#pictures.has(frame) && !this.#failed.has(frame);
  }

  /** A pass for `target` that goes on through the missing frames after it that are worth keeping. */
  #runFor(target: number, keep: FrameRange): Run {
    let last = target;
    while (last + 1 <= keep.last && this.#missing(last + 1)) last++;
    const from = keyframeBefore(this.#timeline, target);
    return {
      target,
      last,
      from,
      prime: this.#missedOnce.size > 0,
      produced: -1,
      seen: new Set(),
      controller: new AbortController(),
      error: undefined,
    };
  }

  /** Runs the planned passes one after another until nothing is left to do. */
  async #drive(): Promise<void> {
    if (this.#driving) return;
    this.#driving = true;
    try {
      for (let run = this.#plan(); run && !this.#disposed; run = this.#plan()) {
        this.#run = run;
        try {
          await this.#decode(run);
          this.#finish(run, null);
        } catch (error) {
          if (run.error !== undefined) this.#finish(run, run.error);
          else if (!run.controller.signal.aborted) this.#finish(run, error);
        } finally {
          this.#run = null;
        }
      }
    } finally {
      this.#driving = false;
    }
  }

  /**
   * After a pass: frames of its range the decoder did not output get one more, primed pass, then
   * are marked failed, so no pass tries them again, and their requests rejected; all of them at
   * once when the pass failed. Frames it decoded but did not paint are left for a later pass.
   *
   * The second chance is for H.264 with B-frames whose SPS does not state the reorder depth
   * (Apple CoreMedia): Chromium's decoder learns the depth only by dropping the first picture
   * shown out of decode order, after every configure and flush. A primed pass decodes its first
   * packets once before, at times no frame has, so the real ones come out complete. Once one
   * frame was missed, every later pass of the clip is primed.
   */
  #finish(run: Run, error: unknown): void {
    for (let frame = run.target; frame <= run.last; frame++) {
      if (this.#pictures.has(frame) || (error === null && run.seen.has(frame))) continue;
      if (error === null && !this.#missedOnce.has(frame)) {
        this.#missedOnce.add(frame);
        continue;
      }
      this.#failed.add(frame);
      const waiters = this.#waiters.get(frame);
      this.#waiters.delete(frame);
      const reason = error ?? new Error(`The decoder did not output frame ${frame}`);
      for (const waiter of waiters ?? []) waiter.reject(reason);
    }
  }

  // ---- decoding ---------------------------------------------------------------------------------

  #readyDecoder(): VideoDecoder {
    if (!this.#decoder || this.#decoder.state === 'closed') {
      this.#decoder = new VideoDecoder({
        output: (frame) => this.#onFrame(frame),
        error: (error) => this.#onDecoderError(error),
      });
    }
    if (this.#decoder.state === 'unconfigured') this.#decoder.configure(this.#config);
    return this.#decoder;
  }

  #onDecoderError(error: DOMException): void {
    this.#decoder = null;
    const run = this.#run;
    if (run && !run.controller.signal.aborted) this.#abort(run, error);
  }

  /**
   * Feeds the packets from the keyframe before `run.target` in decode order, up to the last one
   * shown no later than `run.last`, then flushes. Packets shown later are held back until a packet
   * shown in time follows them (B-frame references); the pass stops at the next keyframe after
   * `run.last`, looking a few packets further for open-GOP pictures shown before that keyframe.
   */
  async #decode(run: Run): Promise<void> {
    const signal = run.controller.signal;
    const timeline = this.#timeline;
    // Half a frame past each frame's start: still that frame, whatever the rounding of either clock.
    const targetTime = frameStart(timeline, run.target) + frameDuration(timeline, run.target) / 2;
    const until = frameStart(timeline, run.last) + frameDuration(timeline, run.last) / 2;
    // The container's keyframe flags, as in the frame index. mediabunny's verifyKeyPackets would
    // check the bitstream, but it calls a Samsung phone's IDR pictures (Annex B start codes inside
    // one length-prefixed NAL unit, which the decoder accepts) delta frames, and then reads back
    // through every earlier keyframe. A keyframe the decoder refuses fails this pass instead.
    const key =
      (await abortable(this.#packets.getKeyPacket(targetTime), signal)) ??
      (await abortable(this.#packets.getFirstKeyPacket(), signal));
    if (!key) throw new Error('The clip has no keyframe to start decoding from');
    const decoder = this.#readyDecoder();
    const packets = this.#packets.packets(key);
    // Packets read for the primer, fed again as the real ones.
    const replay: EncodedPacket[] = [];
    const read = async (): Promise<EncodedPacket | undefined> => {
      const replayed = replay.shift();
      if (replayed) return replayed;
      const next = await abortable(packets.next(), signal);
      return next.done ? undefined : next.value;
    };
    const held: EncodedPacket[] = [];
    let first = true;
    let pastBoundary = -1;
    try {
      if (run.prime) {
        while (replay.length < PRIMER_PACKETS) {
          const next = await abortable(packets.next(), signal);
          if (next.done) break;
          replay.push(next.value);
        }
        for (const [index, packet] of replay.entries()) await this.#feed(decoder, packet, index === 0, signal, PRIMER_SHIFT_SECONDS);
      }
      for (let packet = await read(); packet; packet = await read()) {
        if (pastBoundary >= 0) {
          if (++pastBoundary > LEADING_PICTURE_GRACE) break;
        } else if (!first && packet.type === 'key' && packet.timestamp > until) {
          pastBoundary = 0;
        }
        held.push(packet);
        if (packet.timestamp <= until) {
          for (const ready of held) {
            await this.#feed(decoder, ready, first, signal);
            first = false;
          }
          held.length = 0;
        }
      }
    } finally {
      packets.return(undefined).catch(() => undefined);
    }
    await abortable(decoder.flush(), signal);
    while (this.#painting) await abortable(this.#painting, signal);
  }

  async #feed(decoder: VideoDecoder, packet: EncodedPacket, first: boolean, signal: AbortSignal, shift = 0): Promise<void> {
    while (decoder.decodeQueueSize >= MAX_DECODE_QUEUE || this.#paintQueue.length >= MAX_PAINT_QUEUE) {
      const room = new Promise<void>((resolve) => {
        decoder.addEventListener('dequeue', () => resolve(), { once: true, signal });
        this.#onPainted = resolve;
      });
      await abortable(room, signal);
    }
    signal.throwIfAborted();
    decoder.decode(
      new EncodedVideoChunk({
        type: first ? 'key' : packet.type,
        timestamp: Math.round((packet.timestamp + shift) * 1e6),
        duration: Math.round(packet.duration * 1e6),
        data: packet.data,
      }),
    );
  }

  #onFrame(picture: VideoFrame): void {
    const run = this.#run;
    const frame = frameOfTimestamp(this.#timeline, picture.timestamp / 1e6);
    if (!run || run.controller.signal.aborted || this.#disposed || frame === null) {
      picture.close();
      return;
    }
    run.seen.add(frame);
    run.produced = Math.max(run.produced, frame);
    if (!this.#worthPainting(frame, run)) {
      picture.close();
      return;
    }
    this.#paintQueue.push({ frame, picture, run });
    this.#startPainting();
  }

  /**
   * Not cached yet, and a request waits for it, or it lies in the keep range (which never holds
   * more than the budget) and no request waits for a later frame of this pass.
   */
  #worthPainting(frame: number, run: Run): boolean {
    if (this.#pictures.has(frame)) return false;
    if (this.#waiters.has(frame)) return true;
    for (const waiting of this.#waiters.keys()) if (waiting > frame && this.#covers(run, waiting)) return false;
    const keep = this.#keepRange();
    return frame >= keep.first && frame <= keep.last;
  }

  #startPainting(): void {
    if (this.#painting) return;
    this.#painting = this.#paintQueued().finally(() => {
      this.#painting = null;
      if (this.#paintQueue.length > 0) this.#startPainting();
    });
  }

  /** Paints the queued frames one at a time, each closed right after. */
  async #paintQueued(): Promise<void> {
    for (let queued = this.#paintQueue.shift(); queued; queued = this.#paintQueue.shift()) {
      const { frame, picture, run } = queued;
      try {
        if (run.controller.signal.aborted || !this.#worthPainting(frame, run)) continue;
        const painted = await this.#painter.paint(picture);
        if (run.controller.signal.aborted || this.#disposed) painted.close();
        else this.#store(frame, painted);
      } catch (error) {
        // A frame that cannot be painted is as good as one the decoder did not produce.
        this.#failed.add(frame);
        const waiters = this.#waiters.get(frame);
        this.#waiters.delete(frame);
        for (const waiter of waiters ?? []) waiter.reject(error);
      } finally {
        picture.close();
        this.#onPainted?.();
        this.#onPainted = null;
      }
    }
  }

  #store(frame: number, picture: ImageBitmap): void {
    this.#pictures.set(frame, picture);
    const waiters = this.#waiters.get(frame);
    this.#waiters.delete(frame);
    for (const waiter of waiters ?? []) waiter.resolve(picture);
    this.#evict();
  }

  /** Drops pictures beyond the budget: outside the keep range first, then farthest from the focus. */
  #evict(): void {
    if (this.#pictures.size <= this.#capacity) return;
    const keep = this.#keepRange();
    const remoteness = (frame: number): number =>
      (frame < keep.first || frame > keep.last ? this.#timeline.seconds.length : 0) + Math.abs(frame - this.#focus);
    const byRemoteness = [...this.#pictures.keys()].sort((a, b) => remoteness(b) - remoteness(a));
    for (const frame of byRemoteness.slice(0, this.#pictures.size - this.#capacity)) {
      const picture = this.#pictures.get(frame);
      this.#pictures.delete(frame);
      if (picture) this.#retired.push(picture);
    }
    this.#retireTimer ??= setTimeout(() => {
      this.#retireTimer = undefined;
      this.#closeRetired();
    }, 0);
  }

  #closeRetired(): void {
    for (const picture of this.#retired) picture.close();
    this.#retired = [];
  }
}
