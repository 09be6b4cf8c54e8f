// Thumbnail strips: every tile shows exactly the frame it claims, read back from the frame code
// drawn into every fixture frame.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexFrames } from '../../electron/core/library/analysis/frame-index.ts';
import { probeClip } from '../../electron/core/library/analysis/probe.ts';
import { derivedPath } from '../../electron/core/library/derived/derived-store.ts';
import { makeThumbnailStrip, selectionFor, stripFrameNumbers, type ThumbnailStripManifest } from '../../electron/core/library/derived/thumbnail-strip.ts';
import { detectMediaTools, type MediaTool } from '../../electron/core/media/media-tools.ts';
import { decodeFrameNumber } from '../fixtures/frame-code.ts';
import { ensureStationDrive, type Expected, type ExpectedClip } from '../fixtures/generate-station.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const run = promisify(execFile);
const tempFolder = useTempFolders();

let drive: string;
let expected: Expected;
let ffmpeg: MediaTool;
let ffprobe: MediaTool;

beforeAll(async () => {
  ({ drive, expected } = await ensureStationDrive());
  const tools = await detectMediaTools();
  if (!tools.ffmpeg || !tools.ffprobe) throw new Error('ffmpeg and ffprobe are needed');
  ({ ffmpeg, ffprobe } = tools);
});

const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * Frame codes of the tiles of a strip, read from the JPEG decoded once to 8-bit gray; `turn` is a
 * filter applied to each tile first (to undo a rotation), which needs one ffmpeg run per tile.
 */
async function tileCodes(jpeg: string, tiles: number, tileWidth: number, tileHeight: number, turn?: string): Promise<(number | null)[]> {
  const gray = async (filters: string) =>
    new Uint8Array((await run(ffmpeg.path, ['-v', 'error', '-i', jpeg, '-vf', filters, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], { encoding: 'buffer', maxBuffer: 1 << 24 })).stdout);
  const codes: (number | null)[] = [];
  if (turn) {
    for (let k = 0; k < tiles; k++) codes.push(decodeFrameNumber(await gray(`crop=${tileWidth}:${tileHeight}:${k * tileWidth}:0,${turn}`), tileHeight, tileWidth));
    return codes;
  }
  const strip = await gray('null');
  expect(strip.length).toBe(tiles * tileWidth * tileHeight);
  for (let k = 0; k < tiles; k++) {
    const tile = new Uint8Array(tileWidth * tileHeight);
    for (let y = 0; y < tileHeight; y++) tile.set(strip.subarray((y * tiles + k) * tileWidth, (y * tiles + k + 1) * tileWidth), y * tileWidth);
    codes.push(decodeFrameNumber(tile, tileWidth, tileHeight));
  }
  return codes;
}

const clipFile = (clip: ExpectedClip) => path.join(drive, clip.path);

describe('thumbnail strip', () => {
  it.each(['seek-pts-window', 'decode-count'] as const)('shows in every tile exactly the frame it names, for every fixture clip (%s)', async (selection) => {
    const data = tempFolder();
    for (const [i, clip] of expected.clips.entries()) {
      const file = clipFile(clip);
      const frameIndex = await indexFrames(file, ffprobe.path);
      expect(frameIndex.pts.length, clip.path).toBe(clip.frameCount);
      const sha256 = String(i).padStart(64, '0');
      const strip = await makeThumbnailStrip({ file, sha256, frameIndex, rotation: 0 }, ffmpeg.path, ffmpeg.version, data, { selection });

      expect(strip.frameNumbers, clip.path).toEqual(stripFrameNumbers(clip.frameCount, 10));
      expect(strip.frameNumbers[0]).toBe(0);
      expect(strip.tileHeight).toBe(72);
      expect(strip.tileWidth, clip.path).toBe(Math.round((72 * clip.width) / clip.height / 2) * 2);
      const jpeg = derivedPath(data, sha256, 'thumbnails-10x72.jpg');
      expect(path.join(data, strip.record.path)).toBe(jpeg);
      expect(strip.record).toMatchObject({ kind: 'thumbnails', parentSha256: sha256, sha256: sha256Of(jpeg), tool: 'ffmpeg', toolVersion: ffmpeg.version });

      const codes = await tileCodes(jpeg, 10, strip.tileWidth, strip.tileHeight);
      expect(codes, clip.path).toEqual(strip.frameNumbers.map((n) => clip.firstFrameCode + n));

      const manifest = JSON.parse(readFileSync(derivedPath(data, sha256, 'thumbnails-10x72.json'), 'utf8')) as ThumbnailStripManifest;
      expect(manifest).toMatchObject({ imageSha256: strip.record.sha256, frameNumbers: strip.frameNumbers, tileWidth: strip.tileWidth, tileHeight: 72, selection });
    }
  });

  it('seeks in long clips and counts in short ones', () => {
    const gop = (frames: number, every: number) => ({
      timeBase: { num: 1, den: 30 },
      pts: Float64Array.from({ length: frames }, (_, n) => n),
      keyframes: Uint8Array.from({ length: frames }, (_, n) => (n % every === 0 ? 1 : 0)),
    });
    expect(selectionFor(gop(54_000, 250), stripFrameNumbers(54_000, 10))).toBe('seek-pts-window');
    expect(selectionFor(gop(3_600, 250), stripFrameNumbers(3_600, 10))).toBe('seek-pts-window');
    expect(selectionFor(gop(150, 30), stripFrameNumbers(150, 10))).toBe('decode-count');
    // One keyframe at the start: every seek would decode from frame 0.
    expect(selectionFor(gop(54_000, 1_000_000), stripFrameNumbers(54_000, 10))).toBe('decode-count');
  });

  it('takes the edit-list clip frames after the hidden ones (frame 0 shows a code > 0)', async () => {
    const clip = expected.clips.find((c) => c.tags.includes('edit-list'));
    if (!clip) throw new Error('fixture has no edit-list clip');
    const data = tempFolder();
    const frameIndex = await indexFrames(clipFile(clip), ffprobe.path);
    const strip = await makeThumbnailStrip({ file: clipFile(clip), sha256: 'e'.repeat(64), frameIndex, rotation: 0 }, ffmpeg.path, ffmpeg.version, data, { tiles: 4, tileHeight: 120, selection: 'seek-pts-window' });
    expect(strip.frameNumbers).toEqual([0, 15, 30, 45]);
    const codes = await tileCodes(path.join(data, strip.record.path), 4, strip.tileWidth, 120);
    expect(codes).toEqual([15, 30, 45, 60]);
    expect(clip.firstFrameCode).toBe(15);
  });

  it('falls back to counting decoded frames when the timestamps do not lead to the frame', async () => {
    // An index whose times are all 1000 s late: no seek finds the frames there, counting does.
    const clip = expected.clips.find((c) => c.tags.includes('vfr'));
    if (!clip) throw new Error('fixture has no VFR clip');
    const data = tempFolder();
    const real = await indexFrames(clipFile(clip), ffprobe.path);
    const late = { ...real, pts: real.pts.map((pts) => pts + 1000 * real.timeBase.den) };
    const strip = await makeThumbnailStrip({ file: clipFile(clip), sha256: 'f'.repeat(64), frameIndex: late, rotation: 0 }, ffmpeg.path, ffmpeg.version, data, { tiles: 5, selection: 'seek-pts-window' });
    const manifest = JSON.parse(readFileSync(derivedPath(data, 'f'.repeat(64), 'thumbnails-5x72.json'), 'utf8')) as ThumbnailStripManifest;
    expect(manifest.selection).toBe('decode-count');
    const codes = await tileCodes(path.join(data, strip.record.path), 5, strip.tileWidth, 72);
    expect(codes).toEqual(strip.frameNumbers.map((n) => clip.firstFrameCode + n));
  });

  it('turns a rotated clip upright', async () => {
    const clip = expected.clips.find((c) => c.tags.includes('b-frames'));
    if (!clip) throw new Error('fixture has no B-frame clip');
    const folder = tempFolder();
    const rotated = path.join(folder, 'rotated.mp4');
    // The rotate tag becomes a display matrix: the picture is shown turned 90° counter-clockwise.
    await run(ffmpeg.path, ['-v', 'error', '-i', clipFile(clip), '-map', '0', '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated]);
    const probe = await probeClip(rotated, ffprobe.path);
    expect(probe.video?.rotation).toBe(270);
    const frameIndex = await indexFrames(rotated, ffprobe.path);
    const strip = await makeThumbnailStrip(
      { file: rotated, sha256: '9'.repeat(64), frameIndex, rotation: probe.video?.rotation ?? 0 },
      ffmpeg.path,
      ffmpeg.version,
      folder,
      { tiles: 3, tileHeight: 144, selection: 'seek-pts-window' },
    );
    expect([strip.tileWidth, strip.tileHeight]).toEqual([108, 144]);
    const codes = await tileCodes(path.join(folder, strip.record.path), 3, strip.tileWidth, strip.tileHeight, 'transpose=clock');
    expect(codes).toEqual(strip.frameNumbers.map((n) => clip.firstFrameCode + n));
  });

  it('rejects a rotation that is not a quarter turn before doing any work', async () => {
    const clip = expected.clips[0];
    if (!clip) throw new Error('fixture has no clips');
    const frameIndex = await indexFrames(clipFile(clip), ffprobe.path);
    await expect(
      makeThumbnailStrip({ file: clipFile(clip), sha256: '8'.repeat(64), frameIndex, rotation: 45 }, ffmpeg.path, ffmpeg.version, tempFolder()),
    ).rejects.toThrow(/rotation 45/);
  });
});
