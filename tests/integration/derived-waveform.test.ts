// Waveform peaks: digital silence in the pre-record part reads as zero, the 1 kHz tone at -6 dBFS
// as about half of full scale; clips without audio give no waveform and no error.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivedFolder } from '../../electron/core/library/derived/derived-store.ts';
import { makeWaveform, peakAt, readWaveform, WAVEFORM_HEADER_BYTES, type Waveform } from '../../electron/core/library/derived/waveform.ts';
import { detectMediaTools, type MediaTool } from '../../electron/core/media/media-tools.ts';
import { ensureStationDrive, type Expected, type ExpectedClip } from '../fixtures/generate-station.ts';
import { useTempFolders } from '../support/temp-folder.ts';
import { realdataFolder } from '../support/realdata.ts';

const tempFolder = useTempFolders();
const realdata = path.join(realdataFolder, 'containers');

let drive: string;
let expected: Expected;
let ffmpeg: MediaTool;

beforeAll(async () => {
  ({ drive, expected } = await ensureStationDrive());
  const tools = await detectMediaTools();
  if (!tools.ffmpeg) throw new Error('ffmpeg is needed');
  ffmpeg = tools.ffmpeg;
});

function clipWith(tag: ExpectedClip['tags'][number]): ExpectedClip {
  const clip = expected.clips.find((c) => c.tags.includes(tag));
  if (!clip) throw new Error(`fixture has no ${tag} clip`);
  return clip;
}

/** Largest |sample| (fraction of full scale) over the buckets whose whole span lies in [from, to) seconds. */
function loudest(w: Waveform, from: number, to: number): { level: number; buckets: number } {
  let level = 0;
  let buckets = 0;
  for (let i = 0; i < w.peakCount; i++) {
    const start = (w.firstPeak + i) / w.peaksPerSecond;
    if (start < from || start + 1 / w.peaksPerSecond > to) continue;
    buckets++;
    for (let c = 0; c < w.channels; c++) {
      const { min, max } = peakAt(w, c, i);
      level = Math.max(level, Math.abs(min), Math.abs(max));
    }
  }
  return { level, buckets };
}

describe('waveform', () => {
  it('reads ~0 in the silent pre-record and ~0.5 in the tone', async () => {
    const clip = clipWith('pre-record-silent');
    const silent = clip.audioSegments.find((s) => !s.hasAudio);
    const tone = clip.audioSegments.find((s) => s.hasAudio);
    if (!silent || !tone) throw new Error('fixture clip lacks a silent or a tone segment');
    const data = tempFolder();
    const sha256 = '1'.repeat(64);
    const result = await makeWaveform({ file: path.join(drive, clip.path), sha256 }, ffmpeg.path, ffmpeg.version, data);
    if (!result.record) throw new Error('expected a waveform');
    expect(result).toMatchObject({ channels: 1, sampleRate: 48000, peaksPerSecond: 50, samplesPerPeak: 960, startSeconds: 0 });
    expect(result.durationSeconds).toBeGreaterThan(tone.toSeconds - 0.2);
    expect(result.durationSeconds).toBeLessThan(tone.toSeconds + 0.1);

    const file = path.join(data, result.record.path);
    expect(result.record).toMatchObject({
      kind: 'waveform',
      parentSha256: sha256,
      path: `derived/11/${sha256}/waveform-50.peaks`,
      sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
      tool: 'ffmpeg',
      toolVersion: ffmpeg.version,
    });
    const waveform = await readWaveform(file);
    expect(waveform).toMatchObject({ version: 1, channels: 1, sampleRate: 48000, samplesPerPeak: 960, firstPeak: 0 });
    expect(waveform.peakCount).toBe(Math.ceil(result.durationSeconds * 50));
    expect(readFileSync(file).length).toBe(WAVEFORM_HEADER_BYTES + waveform.peakCount * 4);

    // AAC smears the tone onset up to ~50 ms back into the silence: leave 60 ms out.
    const quiet = loudest(waveform, silent.fromSeconds, silent.toSeconds - 0.06);
    expect(quiet.buckets).toBeGreaterThanOrEqual(95);
    expect(quiet.level).toBeLessThan(0.002);
    // The AAC stream ends before the video (and rings at its very end): stop 0.1 s before either end.
    const toneEnd = Math.min(tone.toSeconds, result.durationSeconds) - 0.1;
    const loud = loudest(waveform, tone.fromSeconds + 0.06, toneEnd);
    expect(loud.buckets).toBeGreaterThanOrEqual(130);
    expect(loud.level).toBeGreaterThan(0.4);
    expect(loud.level).toBeLessThan(0.6);
    // Every tone bucket swings both ways (a 1 kHz tone has 19 periods in a 20 ms bucket).
    for (let i = Math.ceil((tone.fromSeconds + 0.06) * 50); i < Math.floor(toneEnd * 50); i++) {
      const { min, max } = peakAt(waveform, 0, i);
      expect(max, `bucket ${i}`).toBeGreaterThan(0.4);
      expect(min, `bucket ${i}`).toBeLessThan(-0.4);
    }
  });

  it('keeps every channel and puts a late audio start on the media timeline', async () => {
    // MPEG-PS: the audio starts at 0.989 s; bucket 49 (0.98 s) is the first, padded with silence.
    const data = tempFolder();
    const ps = await makeWaveform({ file: path.join(realdata, 'mpeg_ps_mpeg2video_mp2.ps'), sha256: '2'.repeat(64) }, ffmpeg.path, ffmpeg.version, data);
    if (!ps.record) throw new Error('expected a waveform');
    expect(ps).toMatchObject({ channels: 1, sampleRate: 44100, samplesPerPeak: 882, startSeconds: 0.98 });
    expect((await readWaveform(path.join(data, ps.record.path))).firstPeak).toBe(49);

    const avi = await makeWaveform({ file: path.join(realdata, 'avi_mpeg4asp_mp3_23976.avi'), sha256: '3'.repeat(64) }, ffmpeg.path, ffmpeg.version, data);
    if (!avi.record) throw new Error('expected a waveform');
    const stereo = await readWaveform(path.join(data, avi.record.path));
    expect(stereo.channels).toBe(2);
    expect(stereo.peaks.length).toBe(stereo.peakCount * 2 * 2);
  });

  it('gives no waveform, and no file, for a clip without audio', async () => {
    const data = tempFolder();
    const videoOnly = clipWith('video-only');
    expect(await makeWaveform({ file: path.join(drive, videoOnly.path), sha256: '4'.repeat(64) }, ffmpeg.path, ffmpeg.version, data)).toEqual({ record: null });
    expect(await makeWaveform({ file: path.join(realdata, 'mpegts_h265.ts'), sha256: '5'.repeat(64) }, ffmpeg.path, ffmpeg.version, data)).toEqual({ record: null });
    expect(existsSync(derivedFolder(data, '4'.repeat(64)))).toBe(false);
  });

  it('fails clearly for a file ffmpeg cannot read, and for a file that is not a waveform', async () => {
    const folder = tempFolder();
    const junk = path.join(folder, 'junk.mp4');
    writeFileSync(junk, 'not a video at all');
    await expect(makeWaveform({ file: junk, sha256: '6'.repeat(64) }, ffmpeg.path, ffmpeg.version, folder)).rejects.toThrow(/junk\.mp4/);
    await expect(readWaveform(junk)).rejects.toThrow(/not a Revier waveform/);
  });

  it('stops when cancelled', async () => {
    const abort = new AbortController();
    abort.abort(new Error('user cancelled'));
    const clip = clipWith('pre-record-silent');
    await expect(
      makeWaveform({ file: path.join(drive, clip.path), sha256: '7'.repeat(64) }, ffmpeg.path, ffmpeg.version, tempFolder(), { signal: abort.signal }),
    ).rejects.toThrow('user cancelled');
  });
});
