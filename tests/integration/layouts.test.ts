// Recording recognition on the synthetic station drive, checked against its ground truth
// (expected.json): which clips form which recording, in which order, who and which camera, the
// clock each time comes from, pre-record, triggers, GPS and bookmarks. The container clocks are
// read with ffprobe, as the scanner does, to show which of them lie.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { containerTimeReading, recogniseRecordings } from '../../electron/core/library/layouts/recognise.ts';
import type { RecordingCandidate } from '../../electron/core/library/layouts/recording-candidate.ts';
import { isVideoFile } from '../../electron/core/library/layouts/video-files.ts';
import { ensureStationDrive, type Expected, type ExpectedRecording } from '../fixtures/generate-station.ts';

const run = promisify(execFile);
const iso = (utc: string) => new Date(utc).toISOString();

let drive: string;
let expected: Expected;
let videoFiles: string[];
let candidates: RecordingCandidate[];

function candidateOf(recording: ExpectedRecording): RecordingCandidate {
  const found = candidates.find((c) => c.clips.some((clip) => clip.path === recording.clips[0]));
  if (!found) throw new Error(`no recording holds ${recording.clips[0]}`);
  return found;
}

beforeAll(async () => {
  ({ drive, expected } = await ensureStationDrive());
  const entries = await readdir(drive, { recursive: true, withFileTypes: true });
  videoFiles = entries.filter((e) => e.isFile() && isVideoFile(e.name)).map((e) => path.relative(drive, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  candidates = await recogniseRecordings(drive, videoFiles, { timeZone: expected.timeZone });
});

describe('recognising the station drive', () => {
  it('puts every video file, the broken ones too, in exactly one recording', () => {
    const clips = candidates.flatMap((c) => c.clips.map((clip) => clip.path)).sort();
    expect(clips).toEqual([...expected.clips.map((c) => c.path), ...expected.broken.map((b) => b.path)].sort());
    expect(candidates).toHaveLength(expected.recordings.length + expected.broken.length);
  });

  it('groups and orders the clips of each recording and names its layout, officer and device', () => {
    for (const recording of expected.recordings) {
      const candidate = candidateOf(recording);
      expect(candidate.clips, recording.id).toEqual(recording.clips.map((p, order) => ({ path: p, order })));
      expect(candidate.layout, recording.id).toBe(recording.layout);
      expect(candidate.officer, recording.id).toBe(recording.officer);
      // A DCIM name does not say which camera recorded it.
      expect(candidate.device, recording.id).toBe(recording.layout === 'dcim' ? null : recording.device);
    }
    expect(candidateOf(expected.recordings.find((r) => r.clips.length > 1)!).clips).toHaveLength(2);
  });

  it('takes the start from the sidecar, or for DCIM from the local-time name, and ends from the sidecar', () => {
    const source = { axis: 'sidecar', motorola: 'sidecar', dcim: 'file-name' } as const;
    for (const recording of expected.recordings) {
      const candidate = candidateOf(recording);
      expect([candidate.start[0]?.source, candidate.start[0]?.utc], recording.id).toEqual([source[recording.layout], iso(recording.startUtc)]);
      expect(candidate.end[0]?.utc ?? null, recording.id).toBe(recording.layout === 'dcim' ? null : iso(recording.endUtc));
      expect(candidate.timeZone, recording.id).toBe(recording.layout === 'motorola' ? null : expected.timeZone);
      expect(candidate.problems, recording.id).toEqual([]);
    }
  });

  it('keeps every other clock: clip names, the Axis folder name (trigger time) and the GPS trail agree with the ground truth', () => {
    for (const recording of expected.recordings.filter((r) => r.layout === 'axis')) {
      const readings = candidateOf(recording).start.map((r) => [r.source, r.utc]);
      expect(readings, recording.id).toEqual([
        ['sidecar', iso(recording.startUtc)],
        ['sidecar', iso(recording.startUtc)],
        ['file-name', iso(recording.startUtc)],
        ['file-name', iso(recording.triggerUtc)],
        ['gps', iso(recording.startUtc)],
      ]);
    }
  });

  it('reads the local-time DCIM name whose folder date is a day ahead of UTC', () => {
    const recording = expected.recordings.find((r) => r.clips[0]?.startsWith('DCIM/240331/'))!;
    expect(candidateOf(recording).start).toEqual([
      { source: 'file-name', utc: '2024-03-30T23:30:00.000Z', raw: '20240331_003000', note: 'local time Europe/Berlin, +01:00' },
    ]);
  });

  it('reads the officer and local name time of the broken DCIM files too', () => {
    for (const broken of expected.broken) {
      const candidate = candidates.find((c) => c.clips[0]?.path === broken.path);
      expect(candidate?.officer, broken.path).toBe(broken.officer);
      expect(candidate?.start[0]?.utc, broken.path).toBe(iso(`${broken.nameTime.local}${broken.nameTime.utcOffset}`));
    }
  });

  it('reads the pre-record segment, its sound as the sidecar states it, and the triggers', () => {
    for (const recording of expected.recordings) {
      const candidate = candidateOf(recording);
      const firstClip = expected.clips.find((c) => c.path === recording.clips[0]);
      const preRecordAudio = firstClip?.audioSegments.find((s) => s.preRecord)?.hasAudio;
      if (recording.preRecordSeconds === 0) expect(candidate.preRecord, recording.id).toBeNull();
      else {
        expect(candidate.preRecord, recording.id).toEqual({
          startUtc: iso(recording.startUtc),
          endUtc: iso(recording.triggerUtc),
          // Axis metadata does not say whether the pre-buffer has sound: unknown (null).
          hasAudio: recording.layout === 'axis' ? null : preRecordAudio,
        });
      }
      expect(candidate.triggers, recording.id).toEqual(recording.layout === 'dcim' ? [] : [{ reason: recording.trigger, utc: iso(recording.triggerUtc) }]);
    }
    const silent = candidates.filter((c) => c.preRecord?.hasAudio === false).map((c) => c.key);
    expect(silent).toEqual(expected.recordings.filter((r) => r.layout === 'motorola').map((r) => `motorola:${r.clips[0]}`).sort());
  });

  it('reads the GPS points, bookmarks and sidecar files', () => {
    for (const recording of expected.recordings) {
      const candidate = candidateOf(recording);
      expect(candidate.gps, recording.id).toHaveLength(recording.gps?.points ?? 0);
      for (const point of candidate.gps) {
        expect(Date.parse(point.utc), recording.id).toBeGreaterThanOrEqual(Date.parse(recording.startUtc));
        expect(Date.parse(point.utc), recording.id).toBeLessThan(Date.parse(recording.endUtc));
      }
      expect(candidate.bookmarks, recording.id).toEqual(recording.bookmarks.map((b) => ({ utc: iso(b.startUtc), label: [b.categoryName, b.text].filter(Boolean).join(': ') })));
      expect(candidate.sidecars, recording.id).toEqual([...recording.sidecars].sort());
    }
  });
});

describe('container clocks of the station drive', () => {
  it('reads creation_time and the AVI date; the DCIM clip that writes local digits with a Z reads an hour late, and the name wins', async () => {
    for (const clip of expected.clips) {
      const { stdout } = await run('ffprobe', ['-v', 'error', '-of', 'json', '-show_entries', 'format_tags', path.join(drive, clip.path)]);
      const tags = (JSON.parse(stdout) as { format: { tags: Record<string, string> } }).format.tags;
      const reading = containerTimeReading(tags, expected.timeZone);
      const lies = clip.containerTime.clock === 'local' && clip.containerTime.tag === 'creation_time';
      const offsetMs = lies ? Date.parse(`${clip.nameTime.local}Z`) - Date.parse(clip.startUtc) : 0;
      expect(reading?.source, clip.path).toBe('container');
      expect(Date.parse(reading?.utc ?? '') - Date.parse(clip.startUtc), clip.path).toBe(offsetMs);
      const candidate = candidates.find((c) => c.clips[0]?.path === clip.path);
      if (lies) expect([offsetMs, candidate?.start[0]?.utc], clip.path).toEqual([3_600_000, iso(clip.startUtc)]);
    }
    expect(expected.clips.filter((c) => c.containerTime.clock === 'local' && c.containerTime.tag === 'creation_time')).toHaveLength(1);
  });
});
