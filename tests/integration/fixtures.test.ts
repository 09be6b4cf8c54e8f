// Checks the synthetic station drive against its own manifest with ffmpeg/ffprobe, so later tests
// can trust expected.json as ground truth.
import { describe, it, expect, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeFrameNumbers } from '../fixtures/frame-code.ts';
import { ensureStationDrive, generateStation } from '../fixtures/generate-station.ts';
import type { Expected, ExpectedClip } from '../fixtures/generate-station.ts';

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function ffprobe(file: string, args: string[]): Promise<Record<string, unknown[]>> {
  const result = await run('ffprobe', ['-v', 'error', '-of', 'json', ...args, file]);
  if (result.code !== 0) throw new Error(`ffprobe ${file}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown[]>;
}

/** Peak level in dB of the first audio stream between two times (-Infinity for digital silence). */
async function maxVolume(file: string, from: number, to: number): Promise<number> {
  const result = await run('ffmpeg', [
    '-nostdin', '-hide_banner', '-i', file, '-map', '0:a:0', '-af', `atrim=start=${from}:end=${to},volumedetect`, '-f', 'null', '-',
  ]);
  const match = /max_volume: (-?[\d.]+|-inf) dB/.exec(result.stderr);
  if (!match?.[1]) throw new Error(`no volumedetect output for ${file}: ${result.stderr}`);
  return match[1] === '-inf' ? -Infinity : Number(match[1]);
}

async function mapClips<T>(clips: ExpectedClip[], fn: (clip: ExpectedClip, file: string) => Promise<T>): Promise<Record<string, T>> {
  const results: Record<string, T> = {};
  for (const clip of clips) results[clip.path] = await fn(clip, path.join(drive, clip.path));
  return results;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

let drive: string;
let expected: Expected;

beforeAll(async () => {
  ({ drive, expected } = await ensureStationDrive());
});

describe('synthetic station drive', () => {
  it('lists the recordings and quirks the recipe asks for', () => {
    const tags = new Set(expected.clips.flatMap((c) => c.tags));
    for (const tag of ['cfr-30', 'cfr-25', 'vfr', 'b-frames', 'edit-list', 'long-gop-1080p', 'split', 'pre-record-silent', 'avi-mjpeg']) {
      expect(tags).toContain(tag);
    }
    expect(new Set(expected.clips.map((c) => c.layout))).toEqual(new Set(['axis', 'motorola', 'dcim']));
    expect(expected.officers.length).toBeGreaterThanOrEqual(3);
    expect(expected.broken.map((b) => b.fault).sort()).toEqual(['not-video', 'truncated', 'zero-bytes']);
    expect(existsSync(path.join(drive, 'expected.json'))).toBe(false);
    for (const r of expected.recordings) for (const f of [...r.clips, ...r.sidecars]) expect(existsSync(path.join(drive, f)), f).toBe(true);
  });

  it('decodes exactly the expected frame codes from every clip, in display order', async () => {
    const decoded = await mapClips(expected.clips, (_, file) => decodeFrameNumbers(file));
    const wanted = Object.fromEntries(expected.clips.map((c) => [c.path, range(c.firstFrameCode, c.frameCount)]));
    expect(decoded).toEqual(wanted);
    const editList = expected.clips.find((c) => c.tags.includes('edit-list'));
    expect(editList?.firstFrameCode).toBeGreaterThan(0);
  });

  it('matches ffprobe frame counts, sizes and container times', async () => {
    const probed = await mapClips(expected.clips, async (_, file) => {
      const info = await ffprobe(file, ['-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames,width,height:format_tags']);
      const stream = info.streams?.[0] as { nb_read_frames: string; width: number; height: number };
      const tags = (info.format as unknown as { tags: Record<string, string> }).tags;
      return { frames: Number(stream.nb_read_frames), width: stream.width, height: stream.height, time: tags.creation_time ?? tags.date };
    });
    const wanted = Object.fromEntries(
      expected.clips.map((c) => [
        c.path,
        {
          frames: c.frameCount,
          width: c.width,
          height: c.height,
          time: c.containerTime.tag === 'date' ? c.containerTime.value : c.containerTime.value.replace('Z', '.000000Z'),
        },
      ]),
    );
    expect(probed).toEqual(wanted);
  });

  it('has the frame timing each clip claims (VFR, CFR)', async () => {
    const timed = expected.clips.filter((c) => c.tags.some((t) => t === 'vfr' || t.startsWith('cfr-')));
    const probed = await mapClips(timed, async (_, file) => {
      const info = await ffprobe(file, ['-select_streams', 'v:0', '-show_entries', 'frame=pts:stream=time_base']);
      const [tbNum, tbDen] = (info.streams?.[0] as { time_base: string }).time_base.split('/').map(Number);
      return { tbNum: tbNum ?? NaN, tbDen: tbDen ?? NaN, pts: (info.frames as { pts: number }[]).map((f) => f.pts) };
    });
    for (const clip of timed) {
      const { tbNum, tbDen, pts } = probed[clip.path] ?? { tbNum: NaN, tbDen: NaN, pts: [] };
      const durations = new Set(pts.slice(1).map((p, i) => p - (pts[i] ?? 0)));
      if (clip.framePts) {
        const { timescale, pts: ticks } = clip.framePts;
        expect(pts.map((p) => (p * tbNum * timescale) / tbDen), clip.path).toEqual(ticks);
        expect(durations.size, clip.path).toBeGreaterThanOrEqual(2);
      } else {
        // One duration, equal to den/num seconds.
        expect([...durations].map((d) => (d * tbNum * clip.fps.num) / (tbDen * clip.fps.den)), clip.path).toEqual([1]);
      }
    }
    expect(timed.some((c) => c.framePts)).toBe(true);
  });

  it('has B-frames where tagged', async () => {
    const clips = expected.clips.filter((c) => c.tags.includes('b-frames'));
    const reorder = await mapClips(clips, async (_, file) => {
      const info = await ffprobe(file, ['-select_streams', 'v:0', '-show_entries', 'stream=has_b_frames']);
      return (info.streams?.[0] as { has_b_frames: number }).has_b_frames;
    });
    expect(clips).not.toHaveLength(0);
    for (const clip of clips) expect(reorder[clip.path], clip.path).toBeGreaterThan(0);
  });

  it('has a 1080p long-GOP clip with a keyframe exactly every keyframeInterval frames', async () => {
    const clip = expected.clips.find((c) => c.tags.includes('long-gop-1080p'));
    if (!clip) throw new Error('no long-GOP clip');
    expect([clip.width, clip.height, clip.keyframeInterval]).toEqual([1920, 1080, 60]);
    const info = await ffprobe(path.join(drive, clip.path), ['-select_streams', 'v:0', '-show_entries', 'frame=key_frame']);
    const keyframes = (info.frames as { key_frame: number }[]).flatMap((f, i) => (f.key_frame ? [i] : []));
    expect(keyframes).toEqual(range(0, Math.ceil(clip.frameCount / 60)).map((k) => k * 60));
  });

  it('is silent where a segment has no audio and loud where it has', async () => {
    const margin = 0.1;
    const clips = expected.clips.filter((c) => c.audioTrack);
    const levels = await mapClips(clips, (clip, file) =>
      Promise.all(clip.audioSegments.map((s) => maxVolume(file, s.fromSeconds + margin, s.toSeconds - margin))),
    );
    for (const clip of clips) {
      clip.audioSegments.forEach((segment, i) => {
        const level = levels[clip.path]?.[i] ?? NaN;
        if (segment.hasAudio) expect(level, `${clip.path} segment ${i}`).toBeGreaterThan(-20);
        else expect(level, `${clip.path} segment ${i}`).toBeLessThanOrEqual(-90);
      });
    }
    const silentPreRecord = clips.filter((c) => c.audioSegments.some((s) => s.preRecord && !s.hasAudio));
    expect(silentPreRecord).not.toHaveLength(0);
  });

  it('keeps the clips of a split recording together, in order, back to back', () => {
    const split = expected.recordings.filter((r) => r.clips.length > 1);
    expect(split).not.toHaveLength(0);
    for (const recording of split) {
      const clips = recording.clips.map((p) => expected.clips.find((c) => c.path === p));
      clips.forEach((clip, i) => {
        expect(clip?.recordingId).toBe(recording.id);
        expect(clip?.clipIndex).toBe(i);
        if (i > 0) expect(clip?.startUtc).toBe(clips[i - 1]?.endUtc);
      });
      expect(clips[0]?.startUtc).toBe(recording.startUtc);
      expect(clips.at(-1)?.endUtc).toBe(recording.endUtc);
    }
  });

  it('has broken files that ffprobe rejects', async () => {
    const results = await Promise.all(expected.broken.map((b) => run('ffprobe', ['-v', 'error', path.join(drive, b.path)])));
    expect(results.map((r) => r.code !== 0)).toEqual(expected.broken.map(() => true));
    const sizes = await Promise.all(expected.broken.map(async (b) => (await stat(path.join(drive, b.path))).size));
    expect(sizes).toEqual(expected.broken.map((b) => b.bytes));
    expect(expected.broken.find((b) => b.fault === 'zero-bytes')?.bytes).toBe(0);
  });

  it('reuses the cached drive on the next call', async () => {
    const marker = path.join(drive, '..', 'expected.json');
    const before = (await stat(marker)).mtimeMs;
    const again = await ensureStationDrive();
    expect(again.drive).toBe(drive);
    expect((await stat(marker)).mtimeMs).toBe(before);
  });

  it('generates the same bytes twice', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'revier-station-'));
    try {
      await generateStation(other);
      const digest = async (root: string) => {
        const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
        const entries = await Promise.all(
          files.map(async (e) => {
            const file = path.join(e.parentPath, e.name);
            return [path.relative(root, file), createHash('sha256').update(await readFile(file)).digest('hex')] as const;
          }),
        );
        return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
      };
      expect(await digest(other)).toEqual(await digest(path.dirname(drive)));
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
