// The scan of a station drive on a real SQLite file with real ffmpeg: what is ingested, what is
// reported, what a rescan skips, and what happens when originals change or vanish.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core.ts';
import { databaseFile } from '../../electron/core/data-folder.ts';
import { scanDrive, type FileReport } from '../../electron/core/library/station-scanner.ts';
import { verifyOriginals } from '../../electron/core/library/verify-originals.ts';
import { adminActor, assignCase, openTestCore, signInAs, testActor } from '../support/core.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
let core: Core;
afterEach(() => core.close());

async function scanned(): Promise<{ drive: string; expected: Awaited<ReturnType<typeof copyOfStationDrive>>['expected']; reports: FileReport[]; dataFolder: string }> {
  const folder = tempFolder();
  const { drive, expected } = await copyOfStationDrive(folder);
  const dataFolder = path.join(folder, 'data');
  core = await openTestCore(dataFolder);
  await core.settings.update(adminActor, { stationDrive: drive });
  const reports: FileReport[] = [];
  await scanDrive(core, testActor, drive, { onFile: (r) => reports.push(r) });
  return { drive, expected, reports, dataFolder };
}

function auditEvents(dataFolder: string, event: string): { target: string; details: string }[] {
  const sqlite = new Database(databaseFile(dataFolder), { readonly: true });
  const rows = sqlite.prepare('SELECT target, details FROM audit_entry WHERE event = ? ORDER BY sequence').all(event) as { target: string; details: string }[];
  sqlite.close();
  return rows;
}

const sha256sum = (file: string): string => execFileSync('sha256sum', [file]).toString().split(' ')[0] ?? '';

describe('station drive scan', () => {
  it('ingests every clip with its frame count and hash, and reports every broken file with its code', async () => {
    const { drive, expected, reports, dataFolder } = await scanned();
    for (const clip of expected.clips) {
      const report = reports.find((r) => r.path === clip.path);
      expect(report, clip.path).toMatchObject({ outcome: 'new', frameCount: clip.frameCount, sha256: sha256sum(path.join(drive, clip.path)) });
    }
    const codes = { 'zero-bytes': 'EMPTY', truncated: 'TRUNCATED', 'not-video': 'NOT_VIDEO' } as const;
    for (const broken of expected.broken) {
      const report = reports.find((r) => r.path === broken.path);
      expect(report?.errorCode, broken.path).toBe(codes[broken.fault]);
    }
    expect(auditEvents(dataFolder, 'library.clipIngested')).toHaveLength(reports.filter((r) => r.outcome === 'new').length);
  });

  it('makes a thumbnail strip per clip and records it as a derived file of the original', async () => {
    const { reports, dataFolder } = await scanned();
    const clip = reports.find((r) => r.outcome === 'new')!;
    const strip = await core.library.thumbnails(testActor, clip.clipId!);
    expect(strip?.image).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    expect(strip?.frameNumbers).toHaveLength(10);
    expect(strip?.frameNumbers[0]).toBe(0);
    const sqlite = new Database(databaseFile(dataFolder), { readonly: true });
    const derived = sqlite.prepare("SELECT kind, tool FROM derived_file WHERE parent_sha256 = ? ORDER BY kind").all(clip.sha256);
    sqlite.close();
    expect(derived).toEqual(expect.arrayContaining([{ kind: 'thumbnails', tool: 'ffmpeg' }]));
  });

  it('makes a review proxy for a clip the renderer cannot play, on request first', async () => {
    const { expected, reports } = await scanned();
    const mjpeg = expected.clips.find((c) => c.videoCodec === 'mjpeg')!;
    const clip = reports.find((r) => r.path === mjpeg.path)!;
    expect((await core.library.get(testActor, clip.recordingId!)).clips[0]?.playable).toBe(false);
    const done = new Promise<void>((resolve, reject) =>
      core.events.subscribe((event, payload) => {
        const state = payload as { sha256: string; state: string; error: string | null };
        if (event !== 'proxy.progress' || state.sha256 !== clip.sha256) return;
        if (state.state === 'done') resolve();
        if (state.state === 'failed') reject(new Error(state.error ?? 'failed'));
      }),
    );
    const asked = await core.derived.requestProxy(clip.clipId!, (await core.settings.get()).stationDrive, 'open');
    if (asked.state !== 'done') await done;
    await expect.poll(async () => (await core.derived.requestProxy(clip.clipId!, '', 'open')).state).toBe('done');
  });

  it('groups a split recording into one recording with its clips in order', async () => {
    const { expected } = await scanned();
    const split = expected.recordings.find((r) => r.clips.length === 2);
    expect(split).toBeDefined();
    const page = await core.library.list(testActor, { sort: 'start', descending: false, offset: 0, limit: 100, officer: split?.officer, device: split?.device });
    const recording = page.recordings.find((r) => r.clipCount === 2);
    expect(recording).toBeDefined();
    const detail = await core.library.get(testActor, recording!.id);
    expect(detail.clips.map((c) => c.path)).toEqual(split?.clips);
    expect(Date.parse(detail.startUtc ?? '')).toBe(Date.parse(split?.startUtc ?? 'x'));
  });

  it('skips unchanged files on a rescan and writes no new audit entries', async () => {
    const { drive, dataFolder } = await scanned();
    const before = auditEvents(dataFolder, 'library.clipIngested').length;
    const again: FileReport[] = [];
    await scanDrive(core, testActor, drive, { onFile: (r) => again.push(r) });
    expect(new Set(again.map((r) => r.outcome))).toEqual(new Set(['unchanged', 'problem']));
    expect(auditEvents(dataFolder, 'library.clipIngested')).toHaveLength(before);
  });

  it('raises an integrity alarm when an original changes, keeps the ingest hash, and verify finds it', async () => {
    const { drive, expected, reports, dataFolder } = await scanned();
    const victim = expected.clips[0]!;
    const original = reports.find((r) => r.path === victim.path)!;
    appendFileSync(path.join(drive, victim.path), Buffer.from([0]));
    const again: FileReport[] = [];
    const progress = await scanDrive(core, testActor, drive, { onFile: (r) => again.push(r) });
    expect(progress.alarms).toBe(1);
    expect(again.find((r) => r.path === victim.path)?.outcome).toBe('changed');
    const detail = await core.library.get(testActor, original.recordingId!);
    expect(detail.statuses).toContain('integrity-alarm');
    expect(detail.alarms[0]).toMatchObject({ path: victim.path, expectedSha256: original.sha256, actualSha256: sha256sum(path.join(drive, victim.path)) });
    expect(detail.clips.find((c) => c.path === victim.path)?.sha256).toBe(original.sha256);
    expect(auditEvents(dataFolder, 'library.integrityAlarm')).toHaveLength(1);
    const checks = await verifyOriginals(core, testActor);
    expect(checks.filter((c) => c.outcome === 'changed').map((c) => c.path)).toEqual([victim.path]);
    expect(auditEvents(dataFolder, 'library.integrityAlarm')).toHaveLength(1);
  });

  it('marks a vanished file missing and keeps its row', async () => {
    const { drive, expected, reports } = await scanned();
    const victim = expected.clips[1]!;
    rmSync(path.join(drive, victim.path));
    await scanDrive(core, testActor, drive);
    const recordingId = reports.find((r) => r.path === victim.path)!.recordingId!;
    const detail = await core.library.get(testActor, recordingId);
    expect(detail.statuses).toContain('missing');
    expect(detail.clips.find((c) => c.path === victim.path)?.state).toBe('missing');
  });

  it('resumes an interrupted scan without reading finished files again', async () => {
    const folder = tempFolder();
    const { drive, expected } = await copyOfStationDrive(folder);
    core = await openTestCore(path.join(folder, 'data'));
    const abort = new AbortController();
    const first: FileReport[] = [];
    await expect(
      scanDrive(core, testActor, drive, {
        signal: abort.signal,
        onFile: (r) => {
          first.push(r);
          if (first.length === 3) abort.abort();
        },
      }),
    ).rejects.toThrow();
    const second: FileReport[] = [];
    await scanDrive(core, testActor, drive, { onFile: (r) => second.push(r) });
    for (const done of first) expect(second.find((r) => r.path === done.path)?.outcome, done.path).toMatch(/unchanged|problem/);
    expect(second.filter((r) => r.outcome === 'new').length + first.filter((r) => r.outcome === 'new').length).toBe(expected.clips.length);
  });

  it('refuses to scan a drive that is not mounted, and changes nothing', async () => {
    const { dataFolder } = await scanned();
    await expect(scanDrive(core, testActor, path.join(dataFolder, 'no-such-drive'))).rejects.toMatchObject({ code: 'unavailable' });
    const page = await core.library.list(testActor, { sort: 'start', descending: true, offset: 0, limit: 100, status: 'missing' });
    expect(page.total).toBe(0);
  });

  it('still ingests a clip whose sidecar is broken, and reports the sidecar', async () => {
    const folder = tempFolder();
    const { drive, expected } = await copyOfStationDrive(folder);
    const motorola = expected.clips.find((c) => c.layout === 'motorola')!;
    const sidecar = motorola.path.replace(/\.[^.]+$/, '.json');
    writeFileSync(path.join(drive, sidecar), '{ "officer": ');
    core = await openTestCore(path.join(folder, 'data'));
    const reports: FileReport[] = [];
    await scanDrive(core, testActor, drive, { onFile: (r) => reports.push(r) });
    const clip = reports.find((r) => r.path === motorola.path)!;
    expect(clip).toMatchObject({ outcome: 'new', frameCount: motorola.frameCount });
    const detail = await core.library.get(testActor, clip.recordingId!);
    expect(detail.statuses).toContain('error');
    expect(detail.problems).toEqual([expect.objectContaining({ path: sidecar, code: 'SIDECAR_INVALID' })]);
    const errors = await core.library.list(testActor, { sort: 'start', descending: false, offset: 0, limit: 500, status: 'error' });
    expect(errors.recordings.map((r) => r.id)).toEqual([clip.recordingId]);
  });

  it('filters, searches and sorts in the database', async () => {
    const { expected } = await scanned();
    const all = await core.library.list(testActor, { sort: 'start', descending: false, offset: 0, limit: 500 });
    expect(all.total).toBe(expected.recordings.length);
    const starts = all.recordings.map((r) => r.startUtc);
    expect([...starts].sort()).toEqual(starts);
    const officer = expected.officers[0]!.id;
    const byOfficer = await core.library.list(testActor, { sort: 'start', descending: false, offset: 0, limit: 500, officer });
    expect(byOfficer.total).toBe(expected.recordings.filter((r) => r.officer === officer).length);
    expect(byOfficer.recordings.every((r) => r.officer === officer)).toBe(true);
    const text = await core.library.list(testActor, { sort: 'start', descending: false, offset: 0, limit: 500, text: officer.toLowerCase() });
    expect(text.total).toBeGreaterThanOrEqual(byOfficer.total);
    const paged = await core.library.list(testActor, { sort: 'start', descending: false, offset: 1, limit: 2 });
    expect(paged.recordings.map((r) => r.id)).toEqual(all.recordings.slice(1, 3).map((r) => r.id));
    const facets = await core.library.facets(testActor);
    expect(facets.officers).toEqual(expect.arrayContaining(expected.officers.map((o) => o.id).filter((id) => expected.recordings.some((r) => r.officer === id))));
    expect(facets.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['EMPTY', 'TRUNCATED', 'NOT_VIDEO']));
  });

  it('shows an investigator only the recordings and clips of their cases, unless the station shows them all', async () => {
    const { expected, reports } = await scanned();
    const investigator = await signInAs(core, 'investigator', 'pk4711');
    const query = { sort: 'start', descending: false, offset: 0, limit: 500 } as const;
    expect(await core.library.list(investigator, query)).toMatchObject({ total: 0, recordings: [] });
    const split = (await core.library.list(testActor, query)).recordings.find((r) => r.clipCount === 2)!;
    const [inCase, outside] = (await core.library.get(testActor, split.id)).clips;
    await assignCase(core, '1 Js 4711/24', ['pk4711'], [inCase!.id]);

    const page = await core.library.list(investigator, query);
    expect(page.recordings.map((r) => r.id)).toEqual([split.id]);
    expect((await core.library.get(investigator, split.id)).clips.map((c) => c.id)).toEqual([inCase!.id]);
    const elsewhere = reports.find((r) => r.outcome === 'new' && r.recordingId !== split.id)!;
    await expect(core.library.get(investigator, elsewhere.recordingId!)).rejects.toMatchObject({ code: 'not_found' });
    expect(await core.library.thumbnails(investigator, inCase!.id)).not.toBeNull();
    await expect(core.library.thumbnails(investigator, outside!.id)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('belongs to no case of pk4711') });
    await expect(core.library.list({ ...investigator, role: 'trainer' }, query)).rejects.toMatchObject({ code: 'forbidden' });

    await core.settings.update(adminActor, { investigatorScope: 'all' });
    expect((await core.library.list(investigator, query)).total).toBe(expected.recordings.length);
    expect((await core.library.thumbnails(investigator, outside!.id))?.frameNumbers).toHaveLength(10);
  });
});
