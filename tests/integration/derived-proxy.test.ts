// Review proxies: same frame count, same timestamps (checked with the frame index of the proxy),
// the same pictures (frame codes) for the fixture clips; a timing difference is an error that
// names the frame and leaves nothing behind; progress and cancel work.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexFrames, ptsSeconds, type FrameIndex } from '../../electron/core/library/analysis/frame-index.ts';
import { derivedFolder } from '../../electron/core/library/derived/derived-store.ts';
import { needsReviewProxy } from '../../electron/core/library/derived/codecs.ts';
import { makeReviewProxy, ProxyTimingError, type ReviewProxyTools } from '../../electron/core/library/derived/review-proxy.ts';
import { detectMediaTools } from '../../electron/core/media/media-tools.ts';
import { decodeFrameNumbers } from '../fixtures/frame-code.ts';
import { ensureStationDrive, type Expected, type ExpectedClip } from '../fixtures/generate-station.ts';
import { useTempFolders } from '../support/temp-folder.ts';
import { realdataFolder } from '../support/realdata.ts';

const run = promisify(execFile);
const tempFolder = useTempFolders();
const realdata = path.join(realdataFolder, 'containers');

let drive: string;
let expected: Expected;
let tools: ReviewProxyTools;

beforeAll(async () => {
  ({ drive, expected } = await ensureStationDrive());
  const found = await detectMediaTools();
  if (!found.ffmpeg || !found.ffprobe) throw new Error('ffmpeg and ffprobe are needed');
  tools = { ffmpegPath: found.ffmpeg.path, ffprobePath: found.ffprobe.path, ffmpegVersion: found.ffmpeg.version };
});

function clipWith(tag: ExpectedClip['tags'][number]): ExpectedClip {
  const clip = expected.clips.find((c) => c.tags.includes(tag));
  if (!clip) throw new Error(`fixture has no ${tag} clip`);
  return clip;
}

interface ProbedStream {
  codec_type: string;
  codec_name: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
}

async function streams(file: string): Promise<{ streams: ProbedStream[]; format: string }> {
  const { stdout } = await run(tools.ffprobePath, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,pix_fmt,width,height:format=format_name', '-of', 'json', file]);
  const parsed = JSON.parse(stdout) as { streams: ProbedStream[]; format: { format_name: string } };
  return { streams: parsed.streams, format: parsed.format.format_name };
}

const seconds = (index: FrameIndex) => Array.from(index.pts, (_, n) => ptsSeconds(index, n));

/** Makes the proxy and checks what every proxy must be; returns the proxy file and both indexes. */
async function proxyOf(file: string, sha256: string): Promise<{ proxy: string; original: FrameIndex; proxied: FrameIndex; fractions: number[] }> {
  const data = tempFolder();
  const original = await indexFrames(file, tools.ffprobePath);
  const fractions: number[] = [];
  const record = await makeReviewProxy({ file, sha256, frameIndex: original }, tools, data, { onProgress: (f) => fractions.push(f) });
  const proxy = path.join(data, record.path);
  expect(record).toMatchObject({
    kind: 'proxy',
    parentSha256: sha256,
    path: `derived/${sha256.slice(0, 2)}/${sha256}/review-proxy.mp4`,
    sha256: createHash('sha256').update(readFileSync(proxy)).digest('hex'),
    tool: 'ffmpeg',
    toolVersion: tools.ffmpegVersion,
  });
  expect(readdirSync(derivedFolder(data, sha256))).toEqual(['review-proxy.mp4']);

  const proxied = await indexFrames(proxy, tools.ffprobePath);
  expect(proxied.pts.length, file).toBe(original.pts.length);
  expect(seconds(proxied), file).toEqual(seconds(original));
  // A keyframe at least every second (plus one frame) for quick seeking.
  const keyTimes = Array.from(proxied.keyframes.entries()).filter(([, key]) => key).map(([n]) => Number(ptsSeconds(proxied, n)));
  expect(keyTimes[0]).toBe(Number(ptsSeconds(proxied, 0)));
  const frameGap = (Number(ptsSeconds(proxied, proxied.pts.length - 1)) - Number(ptsSeconds(proxied, 0))) / Math.max(1, proxied.pts.length - 1);
  for (let i = 1; i < keyTimes.length; i++) expect((keyTimes[i] ?? 0) - (keyTimes[i - 1] ?? 0)).toBeLessThanOrEqual(1 + 2 * frameGap);

  const probed = await streams(proxy);
  expect(probed.format).toContain('mp4');
  expect(probed.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p' });
  const originalAudio = (await streams(file)).streams.some((s) => s.codec_type === 'audio');
  expect(probed.streams.filter((s) => s.codec_type === 'audio').map((s) => s.codec_name)).toEqual(originalAudio ? ['aac'] : []);
  expect(needsReviewProxy({ videoCodec: 'h264', container: probed.format, audioCodec: originalAudio ? 'aac' : null })).toBe(false);

  expect(fractions.at(-1)).toBe(1);
  expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
  return { proxy, original, proxied, fractions };
}

describe('review proxy', () => {
  it('keeps every frame, its time and its picture: fixture MJPEG AVI (DCIM, 25 fps)', async () => {
    const clip = clipWith('avi-mjpeg');
    const file = path.join(drive, clip.path);
    const { proxy } = await proxyOf(file, 'a1'.repeat(32));
    expect(await decodeFrameNumbers(proxy)).toEqual(await decodeFrameNumbers(file));
    expect((await decodeFrameNumbers(proxy))[0]).toBe(clip.firstFrameCode);
  });

  it('keeps every frame, its time and its picture: fixture VFR clip', async () => {
    const clip = clipWith('vfr');
    const file = path.join(drive, clip.path);
    const { proxy, proxied } = await proxyOf(file, 'a2'.repeat(32));
    if (!clip.framePts) throw new Error('VFR fixture without frame times');
    const { timescale, pts } = clip.framePts;
    expect(seconds(proxied)).toEqual(pts.map((p) => (p / timescale).toFixed(9)));
    expect(await decodeFrameNumbers(proxy)).toEqual(await decodeFrameNumbers(file));
  });

  it('keeps every frame, its time and its picture: fixture clips with an edit list and with B-frames', async () => {
    for (const [i, tag] of (['edit-list', 'b-frames'] as const).entries()) {
      const clip = clipWith(tag);
      const file = path.join(drive, clip.path);
      const { proxy } = await proxyOf(file, `a${3 + i}`.repeat(32));
      const codes = await decodeFrameNumbers(proxy);
      expect(codes, tag).toEqual(Array.from({ length: clip.frameCount }, (_, n) => clip.firstFrameCode + n));
    }
  });

  it('keeps frame count and timestamps: HEVC in MPEG-TS starting at 1.466667 s', async () => {
    const { proxied } = await proxyOf(path.join(realdata, 'mpegts_h265.ts'), 'b1'.repeat(32));
    expect(proxied.pts.length).toBe(30);
    expect(ptsSeconds(proxied, 0)).toBe('1.466666667');
  });

  it('keeps frame count and timestamps: MPEG-4 Part 2 in AVI at 23.976 fps with two dropped frames', async () => {
    const { original, proxied } = await proxyOf(path.join(realdata, 'avi_mpeg4asp_mp3_23976.avi'), 'b2'.repeat(32));
    expect(original.timeBase).toEqual({ num: 1001, den: 24000 });
    expect(proxied.pts.length).toBe(96);
    // The AVI skips ticks 1 and 2: frame 1 is at 3 × 1001/24000 s, and so is the proxy's.
    expect(ptsSeconds(proxied, 1)).toBe('0.125125000');
  });

  it('keeps frame count and timestamps: MPEG-2 in MPEG-PS', async () => {
    const { proxied } = await proxyOf(path.join(realdata, 'mpeg_ps_mpeg2video_mp2.ps'), 'b3'.repeat(32));
    expect(seconds(proxied)).toEqual(['1.000000000', '1.040000000', '1.080000000']);
  });

  it('refuses, names the frame and keeps nothing when the proxy would not match the index', async () => {
    const clip = clipWith('b-frames');
    const file = path.join(drive, clip.path);
    const real = await indexFrames(file, tools.ffprobePath);
    // The index says frame 5 is one tick later than ffmpeg will encode it.
    const shifted = { ...real, pts: Float64Array.from(real.pts, (pts, n) => (n === 5 ? pts + 1 : pts)) };
    const data = tempFolder();
    const sha256 = 'c1'.repeat(32);
    const failure = await makeReviewProxy({ file, sha256, frameIndex: shifted }, tools, data).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProxyTimingError);
    expect((failure as ProxyTimingError).mismatch.frame).toBe(5);
    expect((failure as Error).message).toMatch(/frame 5 differs/);
    expect((failure as Error).message).toContain(file);
    expect(readdirSync(derivedFolder(data, sha256))).toEqual([]);
  });

  it('refuses an index whose frames do not advance in time', async () => {
    const clip = clipWith('vfr');
    const file = path.join(drive, clip.path);
    const real = await indexFrames(file, tools.ffprobePath);
    const stuck = { ...real, pts: Float64Array.from(real.pts, (pts, n) => (n === 3 ? (real.pts[2] ?? 0) : pts)) };
    await expect(makeReviewProxy({ file, sha256: 'c2'.repeat(32), frameIndex: stuck }, tools, tempFolder())).rejects.toThrow(/frames 2 and 3/);
  });

  it('reports progress while encoding and stops, leaving nothing, when cancelled', async () => {
    const clip = clipWith('long-gop-1080p');
    const file = path.join(drive, clip.path);
    const frameIndex = await indexFrames(file, tools.ffprobePath);
    const data = tempFolder();
    const sha256 = 'c3'.repeat(32);
    const abort = new AbortController();
    const fractions: number[] = [];
    const outcome = await makeReviewProxy({ file, sha256, frameIndex }, tools, data, {
      signal: abort.signal,
      onProgress: (fraction) => {
        fractions.push(fraction);
        if (fraction > 0) abort.abort(new Error('cancelled by the reviewer'));
      },
    }).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toBe('cancelled by the reviewer');
    expect(fractions.some((f) => f > 0 && f < 0.95)).toBe(true);
    expect(readdirSync(derivedFolder(data, sha256))).toEqual([]);
    expect(existsSync(path.join(derivedFolder(data, sha256), 'review-proxy.mp4'))).toBe(false);
  });
});
