// Which clips need a review proxy: the rule as a table (measured with Debian's Chromium 156, see
// codecs.ts), then applied to what the probe reports for the fixture drive and real-world files.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { probeClip } from '../../electron/core/library/analysis/probe.ts';
import { needsReviewProxy } from '../../electron/core/library/derived/codecs.ts';
import { detectMediaTools } from '../../electron/core/media/media-tools.ts';
import { ensureStationDrive, type Expected } from '../fixtures/generate-station.ts';
import { realdataFolder } from '../support/realdata.ts';

const mp4 = 'mov,mp4,m4a,3gp,3g2,mj2';
const mkv = 'matroska,webm';

// [video codec, container (ffprobe format_name or extension), audio codec or undefined, needs a proxy]
const table: [string | null, string, string | null | undefined, boolean][] = [
  // Chromium plays these as they are.
  ['h264', mp4, 'aac', false],
  ['h264', mp4, undefined, false],
  ['h264', mp4, null, false],
  ['h264', 'mov', 'pcm_s16le', false],
  ['h264', mkv, 'aac', false],
  ['h264', mkv, 'pcm_s16le', false],
  ['h264', 'mkv', 'flac', false],
  ['vp8', mkv, 'vorbis', false],
  ['vp9', mkv, 'opus', false],
  ['vp9', mp4, 'aac', false],
  ['av1', mp4, 'aac', false],
  ['av1', 'webm', 'opus', false],
  ['H264', 'MP4', 'AAC', false],
  // Codecs Chromium does not decode: sound without picture, no error.
  ['hevc', mp4, 'aac', true],
  ['hevc', mkv, 'aac', true],
  ['mpeg4', mp4, 'aac', true],
  ['mpeg2video', mp4, 'aac', true],
  ['mjpeg', mp4, 'aac', true],
  ['mjpeg', mkv, 'pcm_s16le', true],
  ['theora', 'ogg', 'vorbis', true],
  ['vp8', mp4, null, true],
  // Containers a <video> element cannot open at all, whatever the codecs.
  ['h264', 'mpegts', 'aac', true],
  ['h264', 'avi', 'mp3', true],
  ['h264', 'mpeg', 'mp2', true],
  ['h264', 'ts', null, true],
  ['h264', 'mpg', null, true],
  ['mjpeg', 'avi', 'pcm_s16le', true],
  ['hevc', 'mpegts', null, true],
  ['mpeg4', 'avi', 'mp3', true],
  ['mpeg2video', 'mpeg', 'mp2', true],
  ['h264', 'flv', 'aac', true],
  ['h264', 'asf', 'wmav2', true],
  // Picture plays, sound is silently dropped: the proxy carries AAC.
  ['h264', mkv, 'ac3', true],
  ['h264', mkv, 'eac3', true],
  ['h264', mkv, 'mp2', true],
  // No video: nothing a proxy could show.

  [null, mp4, 'aac', false],
  [null, 'avi', 'mp3', false],
];

describe('needsReviewProxy', () => {
  it.each([
    ['yuv420p', false],
    ['yuvj420p', false],
    [null, false],
    ['yuv444p', true],
    ['yuv422p', true],
    ['yuv420p10le', true],
  ] as const)('H.264 in MP4 as %s → proxy %s', (pixelFormat, expected) => {
    expect(needsReviewProxy({ videoCodec: 'h264', container: mp4, audioCodec: 'aac', pixelFormat })).toBe(expected);
  });

  it.each(table)('%s in %s with %s audio → proxy %s', (videoCodec, container, audioCodec, expected) => {
    expect(needsReviewProxy(audioCodec === undefined ? { videoCodec, container } : { videoCodec, container, audioCodec })).toBe(expected);
  });
});

describe('needsReviewProxy on probed files', () => {
  let drive: string;
  let expected: Expected;
  let ffprobePath: string;

  beforeAll(async () => {
    ({ drive, expected } = await ensureStationDrive());
    const tools = await detectMediaTools();
    if (!tools.ffprobe) throw new Error('ffprobe is needed');
    ffprobePath = tools.ffprobe.path;
  });

  async function decide(file: string): Promise<boolean> {
    const probe = await probeClip(file, ffprobePath);
    return needsReviewProxy({ videoCodec: probe.video?.codec ?? null, container: probe.container, audioCodec: probe.audio[0]?.codec ?? null, pixelFormat: probe.video?.pixelFormat ?? null });
  }

  it('plays the fixture MP4 and MKV H.264 clips as they are and proxies the MJPEG AVI', async () => {
    for (const clip of expected.clips) {
      expect(await decide(path.join(drive, clip.path)), clip.path).toBe(clip.container === 'avi');
    }
  });

  it('proxies the real-world HEVC, MPEG-4 Part 2, MPEG-2, MPEG-TS and AC-3 files, not H.264 in MKV/MP4', async () => {
    const realdata = path.join(realdataFolder, 'containers');
    const verdicts: Record<string, boolean> = {};
    const names = ['mpegts_h265.ts', 'avi_mpeg4asp_mp3_23976.avi', 'mpeg_ps_mpeg2video_mp2.ps', 'mpegts_h264.ts', 'mkv_h264_aac.mkv', 'fmp4_h264_aac_fragmented.mp4', 'h264_704x576_bframes_editlist_1fps.mp4'];
    for (const name of names) {
      verdicts[name] = await decide(path.join(realdata, name));
    }
    expect(verdicts).toEqual({
      'mpegts_h265.ts': true,
      'avi_mpeg4asp_mp3_23976.avi': true,
      'mpeg_ps_mpeg2video_mp2.ps': true,
      'mpegts_h264.ts': true,
      // Despite its name the audio is AC-3: Chromium showed the picture and decoded no sound (measured).
      'mkv_h264_aac.mkv': true,
      'fmp4_h264_aac_fragmented.mp4': false,
      // High 4:4:4 Predictive: Chromium showed only the I-frames (measured in the player).
      'h264_704x576_bframes_editlist_1fps.mp4': true,
    });
  });
});
