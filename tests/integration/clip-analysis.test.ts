// Clip analysis against what ffmpeg's decoder really outputs: real camera and phone files from
// ../shared/realdata (with androidx/media's sample dumps as a second reference) and the synthetic
// station drive, including broken, unreadable, changing and cut-off files.
import { execFile } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseClip } from '../../electron/core/library/analysis/analyse-clip.ts';
import type { ClipProblemCode } from '../../electron/core/library/analysis/clip-problem.ts';
import { readFrameIndex, type FrameIndex } from '../../electron/core/library/analysis/frame-index.ts';
import { sha256File } from '../../electron/core/library/analysis/hash.ts';
import { findTool } from '../../electron/core/media/media-tools.ts';
import { ensureStationDrive, type Expected } from '../fixtures/generate-station.ts';
import { useTempFolders } from '../support/temp-folder.ts';
import { realdataFolder } from '../support/realdata.ts';


const ffprobePath = findTool('ffprobe') ?? 'ffprobe';
const tools = { ffprobePath };
const tempFolder = useTempFolders();

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

interface DecoderOutput {
  /** Frames `ffmpeg -i F -map 0:v:0 -f null -` outputs (0 when it cannot open F). */
  count: number;
  /** ffprobe -show_frames: best_effort_timestamp in the stream time base (null for N/A), in output order. */
  pts: (number | null)[];
  keyframes: number[];
}

/** The reference: what the decoder outputs, from ffmpeg (the count) and ffprobe (the frames). */
async function decoderOutput(file: string): Promise<DecoderOutput> {
  const ffmpeg = await run('ffmpeg', ['-nostdin', '-v', 'error', '-i', file, '-map', '0:v:0', '-f', 'null', '-', '-progress', 'pipe:1']);
  const count = Number([...ffmpeg.stdout.matchAll(/^frame=(\d+)$/gm)].at(-1)?.[1] ?? 0);
  const probe = await run(ffprobePath, ['-v', 'quiet', '-select_streams', 'v:0', '-show_entries', 'frame=best_effort_timestamp,key_frame', '-of', 'compact', file]);
  const frames = probe.stdout
    .split('\n')
    .filter((line) => line.startsWith('frame|'))
    .map((line) => Object.fromEntries(line.split('|').map((part) => part.split('=') as [string, string])));
  return {
    count,
    pts: frames.map((frame) => (frame.best_effort_timestamp === 'N/A' ? null : Number(frame.best_effort_timestamp))),
    keyframes: frames.map((frame) => Number(frame.key_frame)),
  };
}

async function sha256sum(file: string): Promise<string> {
  return (await run('sha256sum', [file])).stdout.split(' ')[0] ?? '';
}

/** The index equals the decoder's output: same frame count, pts (same time base, zero ticks apart) and keyframes. */
async function expectDecoderOutput(file: string, index: FrameIndex, streamTimeBase: { num: number; den: number } | undefined): Promise<void> {
  const decoder = await decoderOutput(file);
  expect(index.pts.length, `${file}: frames`).toBe(decoder.count);
  expect(decoder.pts.length, `${file}: ffprobe and ffmpeg agree`).toBe(decoder.count);
  expect(Array.from(index.keyframes), `${file}: keyframes`).toEqual(decoder.keyframes);
  if (decoder.pts.every((pts) => pts !== null)) {
    expect(index.timeBase).toEqual(streamTimeBase);
    expect(Array.from(index.pts), `${file}: pts`).toEqual(decoder.pts);
  } else {
    // No timestamps in the file: frame n at n / r_frame_rate, as ffmpeg invents them.
    expect(Array.from(index.pts)).toEqual(Array.from(index.pts, (_, n) => n));
  }
}

/** The index came from the packets (null), or from the decoder for a reason matching `decodedBecause`. */
async function expectSource(file: string, decodedBecause: RegExp | null): Promise<void> {
  const reading = await readFrameIndex(file, ffprobePath);
  expect(reading.source, file).toBe(decodedBecause ? 'decoder' : 'packets');
  if (decodedBecause) expect(reading.decodedBecause, file).toMatch(decodedBecause);
  else expect(reading.decodedBecause, file).toBeNull();
}

type Expectation =
  | { frames: number; source: 'packets'; why?: string }
  | { frames: number; decodedBecause: RegExp; problem?: 'TRUNCATED'; why?: string }
  | { throws: ClipProblemCode; why: string };

// Every frame count is what `ffmpeg -v error -i F -map 0:v:0 -f null -` reports (checked again in
// the test). The index comes from the packets without decoding, or from the decoder for the
// reason given.
const REALDATA_CLIPS: Record<string, Expectation> = {
  'containers/avi_mpeg4asp_mp3_23976.avi': { frames: 96, source: 'packets' },
  'containers/coremedia_h264_25fps_edts_negative_audio_ts.mp4': { frames: 225, source: 'packets' },
  'containers/exoplayer_sample_h264_2997_bframes_gps_xyz.mp4': { frames: 30, source: 'packets' },
  'containers/fmp4_h264_aac_fragmented.mp4': { frames: 30, source: 'packets' },
  'containers/h264_1080p30_edit_list_positive_shift.mp4': { frames: 270, source: 'packets' },
  'containers/h264_3026x1386_cursed_vfr.mp4': { frames: 63, source: 'packets' },
  'containers/h264_704x576_bframes_editlist_1fps.mp4': { frames: 12, source: 'packets', why: '13 samples; the edit list hides the first I-frame (flag D)' },
  'containers/h264_720p_12.5fps_1s.mp4': { frames: 13, source: 'packets' },
  'containers/h264_timescale29917_bframes_editlist.mp4': { frames: 30, source: 'packets' },
  'containers/mkv_h264_aac.mkv': { frames: 30, source: 'packets' },
  'containers/mkv_htc_rotation_in_track_name.mkv': { frames: 30, source: 'packets' },
  'containers/mp4_mdat_size_too_long_truncated.mp4': {
    frames: 30,
    decodedBecause: /^the 'mdat' box at byte 2184 declares 99421 bytes but the file ends 99413 bytes into it$/,
    problem: 'TRUNCATED',
    why: "the mdat box declares 8 bytes more than the file holds; all 30 samples are inside the file and decode",
  },
  'containers/mp4_partially_fragmented.mp4': { frames: 30, source: 'packets' },
  'containers/mpeg_ps_mpeg2video_mp2.ps': { frames: 3, source: 'packets' },
  'containers/mpegts_h264.ts': { frames: 30, source: 'packets' },
  'containers/mpegts_h264_starts_without_keyframe.ts': {
    frames: 15,
    decodedBecause: /non-existing PPS 0 referenced/,
    why: '78 packets; cut mid-GOP, the decoder drops the 63 before the first keyframe (no PPS yet)',
  },
  'containers/mpegts_h265.ts': { frames: 30, source: 'packets' },
  'phones/android_slow_motion_240fps_capture.mp4': { frames: 7, source: 'packets' },
  'phones/apple_coremedia_h264_bt601_vfr_remuxed.mov': { frames: 30, source: 'packets' },
  'phones/iphone12promax_ios14.5.1_hevc_rot90_location.mp4': { frames: 9, source: 'packets', why: 'HEVC decodes in ffmpeg: indexed, not UNSUPPORTED_CODEC' },
  'phones/pixel7_h264_1080p_rot180_vfr_videoonly.mp4': { frames: 36, source: 'packets' },
  'phones/samsung_sef_slow_motion_240fps_capture.mp4': { frames: 63, source: 'packets', why: '64 samples; the edit list hides the first' },
  'integrity_signed_video/axis_signed_test_h264.mp4': {
    frames: 255,
    decodedBecause: /missing picture in access unit with size 739/,
    why: '257 samples, 2 hidden by the edit list; the H.264 parser reports a SEI-only access unit, so the decoder decides',
  },
  'integrity_signed_video/axis_signed_test_h264_modified_frame_137.mp4': { frames: 255, decodedBecause: /missing picture in access unit/, why: 'as above' },
  'integrity_signed_video/axis_signed_test_h265.mp4': { frames: 301, source: 'packets', why: '303 samples, 2 hidden by the edit list' },
  'integrity_signed_video/axis_test_h264.mp4': { frames: 256, source: 'packets' },
  'integrity_signed_video/axis_signed_vendor_axis.h264': { frames: 50, decodedBecause: /^packets without timestamps$/, why: 'raw Annex-B stream' },
  'exiftool_stubs/exiftool_stub_avchd_m2ts_7packets.mts': {
    throws: 'TRUNCATED',
    why: 'the first 7 transport packets of a recording: one H.264 packet that ends inside its first picture ("bytestream -5"), 0 frames decode',
  },
  'exiftool_stubs/exiftool_stub_canon_mvi_mjpeg_avi_header_only.avi': {
    throws: 'TRUNCATED',
    why: 'RIFF header declares 2767806 bytes, the file has 1262 and an empty movi list: 0 frames',
  },
  'exiftool_stubs/exiftool_stub_mod_tod_camcorder_sidecar.moi': { throws: 'NOT_VIDEO', why: 'a camcorder sidecar: ffprobe cannot open it' },
  'exiftool_stubs/exiftool_stub_pentax_kx_mjpeg_avi_header_only.avi': {
    throws: 'TRUNCATED',
    why: 'RIFF header declares 117324632 bytes, the file has 1672 and an empty movi list: 0 frames',
  },
  'exiftool_stubs/exiftool_stub_pentax_mjpeg_quicktime_header_only.mov': {
    throws: 'NOT_VIDEO',
    why: 'moov with sample tables stripped ("missing mandatory atoms") and an empty 8-byte mdat: every box is complete, no frame is stored',
  },
};

describe('clip analysis of real footage', () => {
  it('has an expectation for every video file of the real data', () => {
    const files = ['containers', 'phones', 'exiftool_stubs', 'integrity_signed_video'].flatMap((dir) =>
      readdirSync(path.join(realdataFolder, dir))
        .filter((name) => !name.endsWith('.pem'))
        .map((name) => `${dir}/${name}`),
    );
    expect(Object.keys(REALDATA_CLIPS).sort()).toEqual(files.sort());
  });

  it.each(Object.entries(REALDATA_CLIPS))('%s', async (name, expectation) => {
    const file = path.join(realdataFolder, name);
    if ('throws' in expectation) {
      await expect(analyseClip(file, tools)).rejects.toMatchObject({ name: 'ClipProblem', code: expectation.throws, file });
      expect((await decoderOutput(file)).count).toBe(0);
      return;
    }
    const analysis = await analyseClip(file, tools);
    expect(analysis.frameIndex.pts.length).toBe(expectation.frames);
    expect(analysis.problem?.code ?? null).toBe(('problem' in expectation && expectation.problem) || null);
    await expectSource(file, 'decodedBecause' in expectation ? expectation.decodedBecause : null);
    await expectDecoderOutput(file, analysis.frameIndex, analysis.probe.video?.timeBase);
    expect(analysis.sha256).toBe(await sha256sum(file));
  });

  it('reads rotation, codecs and tags from the headers', async () => {
    const probe = async (name: string) => (await analyseClip(path.join(realdataFolder, name), tools)).probe;
    const iphone = await probe('phones/iphone12promax_ios14.5.1_hevc_rot90_location.mp4');
    expect(iphone.video).toMatchObject({ codec: 'hevc', width: 1920, height: 1080, rotation: 90, timeBase: { num: 1, den: 600 }, hasBFrames: true, hasDecoder: true });
    expect(iphone.tags['com.apple.quicktime.model']).toBe('iPhone 12 Pro Max');
    expect(iphone.tags.creation_time).toBe('2021-05-25T16:21:51.000000Z');
    expect(iphone.audio).toEqual([{ index: 1, codec: 'aac', channels: 2, channelLayout: 'stereo', sampleRate: 44100 }]);
    const pixel = await probe('phones/pixel7_h264_1080p_rot180_vfr_videoonly.mp4');
    expect(pixel.video).toMatchObject({ rotation: 180, frameRate: { num: 179, den: 6 }, averageFrameRate: { num: 90000, den: 3013 }, pixelFormat: 'yuvj420p' });
    expect(pixel.audio).toEqual([]);
    const avi = await probe('containers/avi_mpeg4asp_mp3_23976.avi');
    expect(avi).toMatchObject({ container: 'avi', video: { codec: 'mpeg4', timeBase: { num: 1001, den: 24000 }, rotation: 0 } });
  });
});

/** androidx/media's extractor dump: the video track's sample count and sample times (µs, decode order). */
function androidxVideoSamples(dump: string): { count: number; timesUs: number[] } {
  const track = dump.split(/^track \d+:$/m).find((part) => /sampleMimeType = video\//.test(part)) ?? '';
  return {
    count: Number(/sample count = (\d+)/.exec(track)?.[1]),
    timesUs: [...track.matchAll(/^ {4}time = (-?\d+)$/gm)].map((match) => Number(match[1])),
  };
}

// How androidx's sample times relate to ffmpeg's display times, floored to microseconds. Sample
// counts agree for every dump (none of these files hides frames with an edit list). MP4, MOV, MKV
// and fragmented MP4 agree to the microsecond (both apply the edit list shift); AVI differs by
// rounding of 1001/24000 s; for MPEG-TS and MPEG-PS androidx starts the timeline at 0 while ffmpeg
// keeps the stream's own clock, so ffmpeg is a constant offset (the first timestamp) ahead.
const ANDROIDX_RELATION: Record<string, { offsetUs: number; toleranceUs: number }> = {
  'phones/android_slow_motion_240fps_capture.mp4': { offsetUs: 0, toleranceUs: 0 },
  'phones/apple_coremedia_h264_bt601_vfr_remuxed.mov': { offsetUs: 0, toleranceUs: 0 },
  'containers/avi_mpeg4asp_mp3_23976.avi': { offsetUs: 0, toleranceUs: 1 },
  'containers/exoplayer_sample_h264_2997_bframes_gps_xyz.mp4': { offsetUs: 0, toleranceUs: 0 },
  'containers/fmp4_h264_aac_fragmented.mp4': { offsetUs: 0, toleranceUs: 0 },
  'phones/iphone12promax_ios14.5.1_hevc_rot90_location.mp4': { offsetUs: 0, toleranceUs: 0 },
  'containers/mkv_h264_aac.mkv': { offsetUs: 0, toleranceUs: 0 },
  'containers/mkv_htc_rotation_in_track_name.mkv': { offsetUs: 0, toleranceUs: 0 },
  'containers/mp4_mdat_size_too_long_truncated.mp4': { offsetUs: 0, toleranceUs: 0 },
  'containers/mp4_partially_fragmented.mp4': { offsetUs: 0, toleranceUs: 0 },
  'containers/mpeg_ps_mpeg2video_mp2.ps': { offsetUs: 960_000, toleranceUs: 0 },
  'containers/mpegts_h264.ts': { offsetUs: 1_400_000, toleranceUs: 0 },
  'containers/mpegts_h265.ts': { offsetUs: 1_400_000, toleranceUs: 0 },
};

describe('clip analysis against androidx/media sample dumps', () => {
  it('covers every dump', () => {
    const dumps = readdirSync(path.join(realdataFolder, 'expected_samples')).map((name) => name.replace('.exoplayer_extractor.dump', ''));
    expect(Object.keys(ANDROIDX_RELATION).map((name) => path.basename(name)).sort()).toEqual(dumps.sort());
  });

  it.each(Object.entries(ANDROIDX_RELATION))('%s', async (name, relation) => {
    const dump = readFileSync(path.join(realdataFolder, 'expected_samples', `${path.basename(name)}.exoplayer_extractor.dump`), 'utf8');
    const androidx = androidxVideoSamples(dump);
    const { timeBase, pts } = (await analyseClip(path.join(realdataFolder, name), tools)).frameIndex;
    expect(pts.length).toBe(androidx.count);
    expect(androidx.timesUs).toHaveLength(androidx.count);
    const ours = Array.from(pts, (ticks) => Math.floor((ticks * timeBase.num * 1e6) / timeBase.den));
    const theirs = androidx.timesUs.sort((a, b) => a - b);
    for (const [n, us] of ours.entries()) {
      expect(Math.abs(us - (theirs[n] ?? NaN) - relation.offsetUs), `${name} frame ${n}`).toBeLessThanOrEqual(relation.toleranceUs);
    }
  });
});

describe('clip analysis of the station drive', () => {
  let drive: string;
  let expected: Expected;

  beforeAll(async () => {
    ({ drive, expected } = await ensureStationDrive());
  });

  it('indexes every clip from its packets exactly as the decoder outputs it, with the sha256sum hash', async () => {
    for (const clip of expected.clips) {
      const file = path.join(drive, clip.path);
      const analysis = await analyseClip(file, tools);
      const index = analysis.frameIndex;
      expect(index.pts.length, clip.path).toBe(clip.frameCount);
      expect(analysis.problem, clip.path).toBeNull();
      expect(analysis.sha256, clip.path).toBe(await sha256sum(file));
      await expectSource(file, null);
      await expectDecoderOutput(file, index, analysis.probe.video?.timeBase);
      // The edit list hides frames counted from the last keyframe before the cut.
      const keyframes = Array.from(index.keyframes, (key, n) => (key ? n : -1)).filter((n) => n >= 0);
      const wanted = Array.from(index.pts, (_, n) => n).filter((n) => (n + clip.hiddenLeadingFrames) % clip.keyframeInterval === 0);
      expect(keyframes, clip.path).toEqual(wanted);
    }
  });

  it('finds a keyframe exactly every 60 frames in the long-GOP 1080p clip', async () => {
    const clip = expected.clips.find((c) => c.tags.includes('long-gop-1080p'));
    if (!clip) throw new Error('no long-GOP clip in the recipe');
    const { frameIndex, probe } = await analyseClip(path.join(drive, clip.path), tools);
    expect(probe.video).toMatchObject({ width: 1920, height: 1080 });
    expect(Array.from(frameIndex.keyframes, (key, n) => (key ? n : -1)).filter((n) => n >= 0)).toEqual([0, 60, 120]);
  });

  it('gives the VFR clip the presentation times it was encoded with', async () => {
    const clip = expected.clips.find((c) => c.framePts);
    if (!clip?.framePts) throw new Error('no VFR clip in the recipe');
    const { timescale, pts } = clip.framePts;
    const { timeBase, pts: ticks } = (await analyseClip(path.join(drive, clip.path), tools)).frameIndex;
    // Exact rational comparison: ticks * num / den == pts / timescale.
    expect(Array.from(ticks, (t) => t * timeBase.num * timescale)).toEqual(pts.map((p) => p * timeBase.den));
    expect(new Set(pts.slice(1).map((p, i) => p - (pts[i] ?? 0))).size).toBeGreaterThan(1);
  });

  it('names what is wrong with each broken file', async () => {
    // The cut-off MP4 is ftyp, free and an mdat that declares 216794 bytes of which 109888 exist; its
    // moov (written last) is missing, so no frame can be located: TRUNCATED, thrown, not NOT_VIDEO.
    const codes: Record<string, ClipProblemCode> = { 'zero-bytes': 'EMPTY', truncated: 'TRUNCATED', 'not-video': 'NOT_VIDEO' };
    for (const broken of expected.broken) {
      const file = path.join(drive, broken.path);
      await expect(analyseClip(file, tools), broken.path).rejects.toMatchObject({ code: codes[broken.fault], file });
    }
    const truncated = expected.broken.find((b) => b.fault === 'truncated');
    await expect(analyseClip(path.join(drive, truncated?.path ?? ''), tools)).rejects.toThrow(/'mdat' box at byte 40 declares 216794 bytes/);
  });

  it('indexes an unknown codec from its packets and says it cannot be decoded', async () => {
    const clip = expected.clips.find((c) => c.container === 'avi');
    if (!clip) throw new Error('no AVI clip in the recipe');
    const bytes = readFileSync(path.join(drive, clip.path));
    const file = path.join(tempFolder(), 'unknown-codec.avi');
    writeFileSync(file, Buffer.from(bytes.toString('latin1').replaceAll('MJPG', 'QZX9'), 'latin1'));
    const analysis = await analyseClip(file, tools);
    expect(analysis.problem?.code).toBe('UNSUPPORTED_CODEC');
    expect(analysis.probe.video).toMatchObject({ codec: 'unknown', hasDecoder: false });
    expect(analysis.frameIndex.pts.length).toBe(clip.frameCount);
    expect((await decoderOutput(file)).count).toBe(0);
  });
});

describe('cut-off recordings', () => {
  // Cut at 60 %: the container opens, the end is missing. What the decoder still outputs is indexed.
  const cuts: Record<string, { name: string; evidence: RegExp }> = {
    'MP4 with moov first': { name: 'containers/exoplayer_sample_h264_2997_bframes_gps_xyz.mp4', evidence: /'mdat' box at byte 2261 declares/ },
    'fragmented MP4': { name: 'containers/fmp4_h264_aac_fragmented.mp4', evidence: /'mdat' box/ },
    Matroska: { name: 'containers/mkv_h264_aac.mkv', evidence: /File ended prematurely/ },
    AVI: { name: 'containers/avi_mpeg4asp_mp3_23976.avi', evidence: /RIFF 'AVI' chunk at byte 0 declares 334534 bytes/ },
    'MPEG-TS cut inside a packet': { name: 'containers/mpegts_h264.ts', evidence: /ends 100 bytes into a 188-byte transport packet/ },
  };

  it.each(Object.entries(cuts))('%s is TRUNCATED with its decodable frames indexed', async (_, { name, evidence }) => {
    const bytes = readFileSync(path.join(realdataFolder, name));
    const keep = name.endsWith('.ts') ? Math.floor((bytes.length * 0.6) / 188) * 188 + 100 : Math.floor(bytes.length * 0.6);
    const file = path.join(tempFolder(), path.basename(name));
    writeFileSync(file, bytes.subarray(0, keep));
    const analysis = await analyseClip(file, tools);
    expect(analysis.problem?.code).toBe('TRUNCATED');
    expect(analysis.problem?.message).toMatch(evidence);
    expect(analysis.problem?.message).toContain(file);
    expect(analysis.frameIndex.pts.length).toBeGreaterThan(0);
    await expectDecoderOutput(file, analysis.frameIndex, analysis.probe.video?.timeBase);
  });
});

describe('recordings cut mid-GOP', () => {
  it('decodes a stream that starts after its keyframe: the decoder drops the frames up to the next one', async () => {
    const { drive, expected } = await ensureStationDrive();
    const clip = expected.clips.find((c) => c.container === 'mkv' && c.frameCount === 120);
    if (!clip) throw new Error('no 120-frame MKV clip in the recipe');
    // Stream copy from 0.5 s keeping the non-keyframes before the next keyframe (-copyinkf): frames
    // 15..119 are stored, the decoder outputs 30..119. Without an edit list nothing marks them.
    const file = path.join(tempFolder(), 'mid-gop.mkv');
    const cut = await run('ffmpeg', ['-nostdin', '-v', 'error', '-i', path.join(drive, clip.path), '-ss', '0.5', '-map', '0:v', '-c', 'copy', '-copyinkf', file]);
    expect(cut.stderr).toBe('');
    const analysis = await analyseClip(file, tools);
    expect(analysis.frameIndex.pts.length).toBe(90);
    expect((await readFrameIndex(file, ffprobePath)).packetCount).toBe(105);
    await expectSource(file, /^the stream does not start with a keyframe$/);
    await expectDecoderOutput(file, analysis.frameIndex, analysis.probe.video?.timeBase);
  });

  it('decodes an open-GOP stream whose first keyframe has leading pictures: the decoder drops them', async () => {
    const dir = tempFolder();
    const whole = path.join(dir, 'open-gop.mkv');
    const file = path.join(dir, 'open-gop-cut.mkv');
    const x264 = 'open-gop=1:keyint=30:min-keyint=30:scenecut=0:bframes=2:b-adapt=0';
    const encode = ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=30', '-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast'];
    expect((await run('ffmpeg', [...encode, '-x264-params', x264, whole])).stderr).toBe('');
    // Copy from the keyframe at 1 s: the two B-frames after it in decode order are shown before it.
    expect((await run('ffmpeg', ['-nostdin', '-v', 'error', '-i', whole, '-ss', '0.99', '-map', '0:v', '-c', 'copy', file])).stderr).toBe('');
    const analysis = await analyseClip(file, tools);
    expect(analysis.frameIndex.pts.length).toBe((await readFrameIndex(file, ffprobePath)).packetCount - 2);
    await expectSource(file, /^pictures shown before the first keyframe \(open GOP\)$/);
    await expectDecoderOutput(file, analysis.frameIndex, analysis.probe.video?.timeBase);
  });
});

describe('files that cannot be read', () => {
  const sample = path.join(realdataFolder, 'containers/h264_720p_12.5fps_1s.mp4');

  it('calls a folder and a named pipe UNREADABLE without opening them', async () => {
    const dir = tempFolder();
    const folder = path.join(dir, 'clip.mp4');
    mkdirSync(folder);
    await expect(analyseClip(folder, tools)).rejects.toMatchObject({ code: 'UNREADABLE', detail: 'it is a folder, not a file' });
    const fifo = path.join(dir, 'pipe.mp4');
    expect((await run('mkfifo', [fifo])).code).toBe(0);
    await expect(analyseClip(fifo, tools)).rejects.toMatchObject({ code: 'UNREADABLE', detail: 'it is a named pipe (FIFO), not a file' });
    await expect(analyseClip(path.join(dir, 'missing.mp4'), tools)).rejects.toMatchObject({ code: 'UNREADABLE', detail: 'the file no longer exists' });
  });

  it.skipIf(process.getuid?.() === 0)('calls a file without read permission UNREADABLE (skipped as root: root reads mode 000 files)', async () => {
    const file = path.join(tempFolder(), 'locked.mp4');
    copyFileSync(sample, file);
    chmodSync(file, 0o000);
    await expect(analyseClip(file, tools)).rejects.toMatchObject({ code: 'UNREADABLE', detail: 'permission denied: this account may not read it' });
  });

  it('calls a file that grows while it is read UNREADABLE', async () => {
    const file = path.join(tempFolder(), 'growing.mp4');
    copyFileSync(sample, file);
    let appended = false;
    const append = () => {
      if (!appended) appendFileSync(file, Buffer.alloc(4096));
      appended = true;
    };
    const analysis = analyseClip(file, tools, { onProgress: append });
    await expect(analysis).rejects.toMatchObject({ code: 'UNREADABLE', detail: expect.stringMatching(/^changed while reading/) });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const analysis = analyseClip(sample, tools, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(analysis).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('sha256File', () => {
  it('equals sha256sum and reports the bytes read', async () => {
    const file = path.join(tempFolder(), 'ten-mib.bin');
    // Not a multiple of the 4 MiB block, so the last block is short.
    writeFileSync(file, Buffer.from(Array.from({ length: 10 * 1024 * 1024 + 123 }, (_, i) => (i * 7919) % 251)));
    const seen: number[] = [];
    const result = await sha256File(file, { onBytes: (bytes) => seen.push(bytes) });
    expect(result).toEqual({ sha256: await sha256sum(file), sizeBytes: 10 * 1024 * 1024 + 123 });
    expect(seen).toEqual([4, 8].map((mib) => mib * 1024 * 1024).concat(10 * 1024 * 1024 + 123));
  });
});
