// The redaction renderer on real ffmpeg: a textured clip with B-frames and stereo sound, two masks
// and two audio cuts, rendered for a range in the middle. The copy is decoded again and compared
// with the original frame by frame: every mask covers its region on exactly its frames (the first
// and last included, not one before or after), the picture elsewhere is untouched, frame count
// and timestamps equal the range's, and the sound is silent or bleeped exactly where cut.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskAt, type MaskedTrack } from '../../shared/tracks/masks.ts';
import type { Box } from '../../shared/tracks/interpolation.ts';
import { indexFrames, type FrameIndex } from '../../electron/core/library/analysis/frame-index.ts';
import { probeClip } from '../../electron/core/library/analysis/probe.ts';
import { frameSeconds } from '../../electron/core/library/derived/frame-times.ts';
import { decodeFrames } from '../../electron/core/redaction/exact-frames.ts';
import { checkRender, RenderCheckError } from '../../electron/core/redaction/render-check.ts';
import { copyPts, type RenderPlan } from '../../electron/core/redaction/render-plan.ts';
import { renderVideo } from '../../electron/core/redaction/render-video.ts';
import { planesOf, type YuvFrame } from '../../electron/core/redaction/yuv-frame.ts';
import { realdataFolder } from '../support/realdata.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const run = promisify(execFile);
const tools = { ffmpegPath: 'ffmpeg', ffprobePath: 'ffprobe' };
const tempFolder = useTempFolders('file');

const WIDTH = 640;
const HEIGHT = 360;
const FROM = 5;
const TO = 80;

const keyframe = (frame: number, box: Box, outside = false) => ({ frame, box, outside });
/** Solid, shown on frames 20..50 (ended by `outside` at 51), moving right and down. */
const fillTrack: MaskedTrack = {
  id: 1,
  shape: 'rectangle',
  method: 'fill',
  blockSize: 16,
  keyframes: [keyframe(20, { x: 40.5, y: 30, width: 120, height: 90 }), keyframe(50, { x: 200, y: 120.25, width: 120, height: 90 }), keyframe(51, { x: 200, y: 120, width: 120, height: 90 }, true)],
};
/** Pixelated ellipse, shown from frame 10 to the end of the clip (no closing `outside`). */
const pixelTrack: MaskedTrack = {
  id: 2,
  shape: 'ellipse',
  method: 'pixelate',
  blockSize: 16,
  keyframes: [keyframe(10, { x: 400, y: 60, width: 160, height: 128 }), keyframe(70, { x: 440, y: 180, width: 160, height: 128 })],
};
/** A corner no mask ever touches. */
const untouched: Box = { x: 0, y: 250, width: 160, height: 110 };

let source: string;
let index: FrameIndex;
let plan: RenderPlan;
let copy: string;
let originals: Map<number, YuvFrame>;
let copies: Map<number, YuvFrame>;

async function decodeAll(file: string, fileIndex: FrameIndex, from: number, to: number): Promise<Map<number, YuvFrame>> {
  const frames = new Map<number, YuvFrame>();
  for await (const decoded of decodeFrames('ffmpeg', { file, index: fileIndex, from, to, picture: { width: WIDTH, height: HEIGHT }, purpose: 'the test' })) frames.set(decoded.frame, decoded.picture);
  return frames;
}

/** Mean absolute luma difference of two frames over a box. */
function lumaDifference(a: YuvFrame, b: YuvFrame, box: Box): number {
  const ya = planesOf(a).y.data;
  const yb = planesOf(b).y.data;
  let sum = 0;
  for (let row = box.y; row < box.y + box.height; row++) for (let column = box.x; column < box.x + box.width; column++) sum += Math.abs((ya[row * WIDTH + column] ?? 0) - (yb[row * WIDTH + column] ?? 0));
  return sum / (box.width * box.height);
}

/** Mean absolute luma deviation from `value` over a box shrunk by `inset` on every side. */
function deviationFrom(frame: YuvFrame, box: Box, value: number, inset: number): number {
  const y = planesOf(frame).y.data;
  let sum = 0;
  let count = 0;
  for (let row = box.y + inset; row < box.y + box.height - inset; row++) {
    for (let column = box.x + inset; column < box.x + box.width - inset; column++) {
      sum += Math.abs((y[row * WIDTH + column] ?? 0) - value);
      count++;
    }
  }
  return sum / count;
}

/** Mean absolute luma deviation of each 16×16 block (grid anchored at the box) from its own mean, over whole blocks inside the ellipse's middle. */
function blockDeviation(frame: YuvFrame, box: Box): number {
  const y = planesOf(frame).y.data;
  let sum = 0;
  let count = 0;
  const middle = { x: box.x + box.width / 4, y: box.y + box.height / 4, width: box.width / 2, height: box.height / 2 };
  for (let by = box.y; by + 16 <= box.y + box.height; by += 16) {
    for (let bx = box.x; bx + 16 <= box.x + box.width; bx += 16) {
      if (bx < middle.x || by < middle.y || bx + 16 > middle.x + middle.width || by + 16 > middle.y + middle.height) continue;
      let mean = 0;
      for (let row = by; row < by + 16; row++) for (let column = bx; column < bx + 16; column++) mean += y[row * WIDTH + column] ?? 0;
      mean /= 256;
      for (let row = by + 2; row < by + 14; row++) for (let column = bx + 2; column < bx + 14; column++) sum += Math.abs((y[row * WIDTH + column] ?? 0) - mean);
      count += 144;
    }
  }
  return sum / count;
}

beforeAll(async () => {
  const folder = tempFolder();
  source = path.join(folder, 'source.mp4');
  // Temporal noise on a moving test pattern: every frame differs everywhere, as real footage does.
  await run('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${WIDTH}x${HEIGHT}:rate=30,noise=alls=14:allf=t`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '3',
    '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '2', '-g', '30', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ac', '2', '-shortest', source,
  ]);
  index = await indexFrames(source, 'ffprobe');
  const probe = await probeClip(source, 'ffprobe');
  plan = {
    source: { file: source, index, picture: { width: WIDTH, height: HEIGHT }, audio: probe.audio[0] ?? null },
    from: FROM,
    to: TO,
    tracks: [fillTrack, pixelTrack],
    audio: {
      kind: 'original',
      cuts: [
        { startFrame: 30, endFrame: 40, effect: 'mute', channel: null },
        { startFrame: 60, endFrame: 65, effect: 'bleep', channel: 1 },
      ],
    },
    wholePicture: null,
    watermark: null,
    anonymous: false,
  };
  copy = path.join(folder, 'copy.mp4');
  await renderVideo(plan, tools, copy, { purpose: 'the test copy' });
  const copyIndex = await indexFrames(copy, 'ffprobe');
  originals = await decodeAll(source, index, FROM, TO);
  copies = new Map([...(await decodeAll(copy, copyIndex, 0, TO - FROM)).entries()].map(([k, frame]) => [FROM + k, frame]));
}, 180_000);

describe('a rendered redaction copy', () => {
  it('has the range frame for frame: count and timestamps (shifted to start at 0)', async () => {
    const copyIndex = await indexFrames(copy, 'ffprobe');
    expect(copyIndex.pts.length).toBe(TO - FROM + 1);
    const expectedSeconds = Array.from({ length: TO - FROM + 1 }, (_, k) => (copyPts(plan, FROM + k) * index.timeBase.num) / index.timeBase.den);
    const copySeconds = Array.from({ length: copyIndex.pts.length }, (_, k) => frameSeconds(copyIndex, k));
    copySeconds.forEach((seconds, k) => expect(seconds).toBeCloseTo(expectedSeconds[k] as number, 6));
  });

  it('covers the solid mask on exactly frames 20..50 and leaves the region untouched on 19 and 51', () => {
    for (let frame = FROM; frame <= TO; frame++) {
      const original = originals.get(frame) as YuvFrame;
      const rendered = copies.get(frame) as YuvFrame;
      const mask = maskAt(fillTrack, frame, { width: WIDTH, height: HEIGHT });
      if (frame >= 20 && frame <= 50) {
        expect(mask, `frame ${frame}`).not.toBeNull();
        const box = mask?.box as Box;
        // Black (luma 16) inside, apart from a codec border; the original there is far from black.
        expect(deviationFrom(rendered, box, 16, 8), `frame ${frame}`).toBeLessThan(3);
        expect(deviationFrom(original, box, 16, 8), `frame ${frame}`).toBeGreaterThan(40);
      } else {
        expect(mask, `frame ${frame}`).toBeNull();
      }
    }
    for (const [frame, shownFrame] of [
      [19, 20],
      [51, 50],
    ] as const) {
      const box = maskAt(fillTrack, shownFrame, { width: WIDTH, height: HEIGHT })?.box as Box;
      expect(lumaDifference(originals.get(frame) as YuvFrame, copies.get(frame) as YuvFrame, box), `frame ${frame}`).toBeLessThan(6);
      expect(lumaDifference(originals.get(shownFrame) as YuvFrame, copies.get(shownFrame) as YuvFrame, box), `frame ${shownFrame}`).toBeGreaterThan(40);
    }
  });

  it('pixelates the ellipse from frame 10 to the end of the range, in 16-pixel blocks, and not on frame 9', () => {
    for (let frame = FROM; frame <= TO; frame++) {
      const mask = maskAt(pixelTrack, frame, { width: WIDTH, height: HEIGHT });
      const original = originals.get(frame) as YuvFrame;
      const rendered = copies.get(frame) as YuvFrame;
      if (frame >= 10) {
        const box = mask?.box as Box;
        // Measured: at most 0.5 in the copy, at least 4.4 in the original (noise and pattern).
        expect(blockDeviation(rendered, box), `frame ${frame}`).toBeLessThan(1.5);
        expect(blockDeviation(original, box), `frame ${frame}`).toBeGreaterThan(3);
      } else {
        expect(mask).toBeNull();
        const box = maskAt(pixelTrack, 10, { width: WIDTH, height: HEIGHT })?.box as Box;
        expect(lumaDifference(original, rendered, box), `frame ${frame}`).toBeLessThan(6);
      }
    }
  });

  it('leaves the picture no mask touches as it was on every frame', () => {
    for (let frame = FROM; frame <= TO; frame++) {
      expect(lumaDifference(originals.get(frame) as YuvFrame, copies.get(frame) as YuvFrame, untouched), `frame ${frame}`).toBeLessThan(6);
    }
  });

  it('mutes both channels over frames 30..40 and bleeps channel 1 only over frames 60..65', async () => {
    const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', copy, '-map', '0:a:0', '-f', 'f32le', '-ac', '2', '-ar', '48000', 'pipe:1'], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
    const samples = new Float32Array(stdout.buffer, stdout.byteOffset, stdout.byteLength / 4);
    const at = (frame: number) => frameSeconds(index, frame) - frameSeconds(index, FROM);
    /** Root mean square and zero crossings per second of one channel between two copy times (with a 10 ms margin inside). */
    const measure = (channel: number, start: number, end: number) => {
      const first = Math.round((start + 0.01) * 48000);
      const last = Math.round((end - 0.01) * 48000);
      let power = 0;
      let crossings = 0;
      for (let n = first; n < last; n++) {
        const value = samples[n * 2 + channel] ?? 0;
        power += value * value;
        if (n > first && Math.sign(value) !== Math.sign(samples[(n - 1) * 2 + channel] ?? 0)) crossings++;
      }
      return { rms: Math.sqrt(power / (last - first)), hertz: crossings / 2 / (end - start - 0.02) };
    };
    for (const channel of [0, 1]) {
      expect(measure(channel, at(30), at(41)).rms, `muted channel ${channel}`).toBeLessThan(0.001);
      expect(measure(channel, at(10), at(29)).rms, `sound before the cut, channel ${channel}`).toBeGreaterThan(0.05);
      expect(measure(channel, at(42), at(59)).rms, `sound after the cut, channel ${channel}`).toBeGreaterThan(0.05);
    }
    expect(measure(1, at(60), at(66)).hertz).toBeGreaterThan(900);
    expect(measure(1, at(60), at(66)).hertz).toBeLessThan(1100);
    expect(measure(0, at(60), at(66)).hertz).toBeGreaterThan(400);
    expect(measure(0, at(60), at(66)).hertz).toBeLessThan(480);
  });

  it('fails its check with the frames where a mask was not burnt in', async () => {
    const unmasked = path.join(tempFolder(), 'unmasked.mp4');
    await renderVideo({ ...plan, tracks: [] }, tools, unmasked, { purpose: 'a copy without masks' });
    const failure = await checkRender(plan, tools, unmasked, { purpose: 'a copy without masks', original: async () => null }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RenderCheckError);
    const findings = (failure as RenderCheckError).findings;
    expect(findings.some((finding) => finding.startsWith('frame 20: ') && finding.includes('track 1'))).toBe(true);
    expect(findings.some((finding) => finding.startsWith('frame 19: ') && finding.includes('track 1'))).toBe(false);
    expect(findings.some((finding) => finding.startsWith('frame 51: ') && finding.includes('track 1'))).toBe(false);
    expect(findings.some((finding) => finding.startsWith('frame 50: ') && finding.includes('track 1'))).toBe(true);
    expect(findings.some((finding) => finding.startsWith('frame 9: '))).toBe(false);
    expect(findings.some((finding) => finding.startsWith('frame 10: ') && finding.includes('track 2'))).toBe(true);
    expect((failure as Error).message).toContain('nothing was exported');
  }, 120_000);

  it('stops ffmpeg and rejects when cancelled', async () => {
    const controller = new AbortController();
    const output = path.join(tempFolder(), 'cancelled.mp4');
    const rendering = renderVideo(plan, tools, output, {
      purpose: 'a cancelled copy',
      signal: controller.signal,
      onProgress: ({ framesDone }) => {
        if (framesDone === 20) controller.abort(new DOMException('cancelled by the test', 'AbortError'));
      },
    });
    await expect(rendering).rejects.toThrow('cancelled by the test');
    const { stdout } = await run('ps', ['-eo', 'args']);
    expect(stdout).not.toContain(output);
  });
});

describe('real camera files', () => {
  // Variable frame rates, B-frames with edit lists, odd time scales, an MPEG-TS starting late,
  // rotation: the copy of a range keeps every frame at its distance (checked by renderVideo itself,
  // which throws on any difference), and its masks are proven on every frame.
  it.each([
    'containers/h264_timescale29917_bframes_editlist.mp4',
    'containers/mpegts_h264.ts',
    'containers/coremedia_h264_25fps_edts_negative_audio_ts.mp4',
    'containers/mkv_htc_rotation_in_track_name.mkv',
    'phones/pixel7_h264_1080p_rot180_vfr_videoonly.mp4',
    'phones/apple_coremedia_h264_bt601_vfr_remuxed.mov',
  ])('%s', async (name) => {
    const file = path.join(realdataFolder, name);
    const fileIndex = await indexFrames(file, 'ffprobe');
    const probe = await probeClip(file, 'ffprobe');
    const video = probe.video as NonNullable<typeof probe.video>;
    const quarterTurn = Math.abs(video.rotation) % 180 === 90;
    const picture = quarterTurn ? { width: video.height, height: video.width } : { width: video.width, height: video.height };
    const from = 3;
    const to = Math.min(fileIndex.pts.length - 1, 23);
    const track: MaskedTrack = { ...fillTrack, keyframes: [keyframe(from + 2, { x: 10, y: 10, width: 64, height: 48 }), keyframe(to - 2, { x: 100, y: 60, width: 64, height: 48 })] };
    const realPlan: RenderPlan = {
      ...plan,
      source: { file, index: fileIndex, picture, audio: probe.audio[0] ?? null },
      from,
      to,
      tracks: [track, { ...pixelTrack, keyframes: [keyframe(from, { x: 30, y: 40, width: 96, height: 80 })] }],
      audio: { kind: 'original', cuts: [{ startFrame: from + 4, endFrame: from + 8, effect: 'mute', channel: null }] },
    };
    const output = path.join(tempFolder(), 'real.mp4');
    const check = await renderVideo(realPlan, tools, output, { purpose: name });
    expect(check).toMatchObject({ frames: to - from + 1, maskedFrames: to - from + 1 });
    expect(check.maskChecks).toBeGreaterThanOrEqual(to - from + 1 + (to - 2 - (from + 2)));
  }, 120_000);
});
