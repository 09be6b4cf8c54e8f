// The retention job (Löschfristen) on scanned copies of the fixture station drive, with real
// SQLite and real files: a run deletes exactly the due clips that no hold or lock keeps, with
// every derived file and export output, and afterwards no file in the data folder or on the drive
// has the hash of a deleted original; tombstones carry the facts and the audit chain holds. A
// deletion interrupted between its files and its rows (a thrown step, and SIGKILL of the
// command) is finished by the next run; a file that cannot be deleted is named and stops nothing
// else; refusals are logged; the schedule runs as `system`.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../shared/api/actor.ts';
import type { Core } from '../../electron/core/core.ts';
import { databaseFile } from '../../electron/core/data-folder.ts';
import { eraseClip } from '../../electron/core/governance/retention/clip-erasure.ts';
import type { RetentionRun } from '../../shared/api/retention.ts';
import { scheduleRetention, type RetentionOutcome } from '../../electron/core/governance/retention/retention-schedule.ts';
import type { RetentionService } from '../../electron/core/governance/retention/retention-service.ts';
import { systemActor } from '../../electron/core/governance/system-actor.ts';
import { sha256File } from '../../electron/core/library/analysis/hash.ts';
import { derivedFolder } from '../../electron/core/library/derived/derived-store.ts';
import { scanDrive } from '../../electron/core/library/station-scanner.ts';
import { ClipEntity, type ClipRow } from '../../electron/db/entities/library.ts';
import { revier } from '../support/cli.ts';
import { openTestCore } from '../support/core.ts';
import { copyOfStationDrive } from '../support/station-drive.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders('file');
const admin: Actor = { userId: 'admin', role: 'administrator', sessionId: 'session-admin' };
const dpo: Actor = { userId: 'dsb1', role: 'dpo', sessionId: 'session-dpo' };
const investigator: Actor = { userId: 'pk4711', role: 'investigator', sessionId: 'session-investigator' };
const trainer: Actor = { userId: 'trainer1', role: 'trainer', sessionId: 'session-trainer' };
const system = systemActor('retention-test');
const now = new Date('2024-06-01T00:00:00.000Z');
const dayMs = 24 * 60 * 60 * 1000;

/** The fixture's clips by the part each plays here. */
const clipPaths = {
  heldActive: 'Axis/PK4711_B8A44F1A2B01_20240314T081502Z/20240314_081500_4821.mkv',
  heldRequested: 'Axis/PK4712_B8A44F1A2B02_20240314T090210Z/20240314_090210_907.mkv',
  splitSecond: 'Axis/PK4712_B8A44F1A2B02_20240314T090210Z/20240314_090213_907.mkv',
  locked: 'Axis/PK4713_B8A44F1A2B01_20240315T073000Z/20240315_073000_5512.mp4',
  avi: 'DCIM/240314/PK4711_20240314_101502_0001.AVI',
  young: 'DCIM/240331/PK4712_20240331_003000_0003.MP4',
  homeRefused: 'Motorola/VB4-0042157/PK4712_20240314T110500Z.mp4',
  kernbereich: 'Motorola/VB4-0042157/PK4713_20240314T084000Z.mp4',
} as const;
type ClipPart = keyof typeof clipPaths;

interface Station {
  core: Core;
  drive: string;
  data: string;
  retention: RetentionService;
  clips: Record<ClipPart, ClipRow>;
}

/** A scanned station (drive and data folder) with a review proxy of the AVI clip; each test copies it. */
let template: string;
/** Cores to close after the test, and after the file (those opened in a `beforeAll`). */
const opened = { test: [] as Core[], file: [] as Core[] };

beforeAll(async () => {
  template = tempFolder();
  const { drive } = await copyOfStationDrive(template);
  const core = await openTestCore(path.join(template, 'data'));
  try {
    await core.settings.update(admin, { stationDrive: drive });
    await scanDrive(core, admin, drive);
    const [avi] = await sql<{ id: number; sha256: string }>(core, 'SELECT id, sha256 FROM clip WHERE path = ?', [clipPaths.avi]);
    if (!avi) throw new Error(`the fixture drive has no clip ${clipPaths.avi}`);
    const proxyDone = new Promise<void>((resolve, reject) =>
      core.events.subscribe((event, payload) => {
        const state = payload as { sha256: string; state: string; error: string | null };
        if (event !== 'proxy.progress' || state.sha256 !== avi.sha256) return;
        if (state.state === 'done') resolve();
        if (state.state === 'failed') reject(new Error(state.error ?? 'the proxy failed'));
      }),
    );
    expect((await core.derived.requestProxy(avi.id, drive, 'open')).state).toBe('queued');
    await proxyDone;
  } finally {
    await core.close();
  }
}, 120_000);

afterEach(async () => {
  for (const core of opened.test.splice(0)) await core.close();
});

afterAll(async () => {
  for (const core of opened.file.splice(0)) await core.close();
});

/** Closes a station's core before its time (for the command line, or to make runs fail). */
async function closeEarly(core: Core): Promise<void> {
  for (const list of Object.values(opened)) {
    const at = list.indexOf(core);
    if (at >= 0) list.splice(at, 1);
  }
  await core.close();
}

async function station(scope: keyof typeof opened = 'test'): Promise<Station> {
  const folder = tempFolder();
  cpSync(template, folder, { recursive: true, preserveTimestamps: true });
  const drive = path.join(folder, 'drive');
  const data = path.join(folder, 'data');
  const core = await openTestCore(data);
  opened[scope].push(core);
  await core.settings.update(admin, { stationDrive: drive });
  const retention = core.retention;
  const rows: ClipRow[] = await core.db.dataSource.getRepository(ClipEntity).find();
  const clips = Object.fromEntries(
    Object.entries(clipPaths).map(([part, clipPath]) => {
      const clip = rows.find((row) => row.path === clipPath);
      if (!clip) throw new Error(`the fixture drive has no clip ${clipPath}`);
      return [part, clip];
    }),
  ) as Record<ClipPart, ClipRow>;
  return { core, drive, data, retention, clips };
}

const sql = <T = Record<string, unknown>>(core: Core, statement: string, parameters: unknown[] = []): Promise<T[]> => core.db.dataSource.query(statement, parameters);

/** Every file under the folders, by SHA-256 of its content. */
async function filesByHash(...roots: string[]): Promise<Map<string, string[]>> {
  const byHash = new Map<string, string[]>();
  for (const root of roots) {
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const { sha256 } = await sha256File(file);
      byHash.set(sha256, [...(byHash.get(sha256) ?? []), file]);
    }
  }
  return byHash;
}

/** A finished export of these clips whose output is `output` (made by the caller, or gone). */
async function exportRow(core: Core, id: string, kind: 'court' | 'still', clipIds: number[], output: string): Promise<void> {
  await sql(
    core,
    `INSERT INTO export_job (id, kind, status, created_utc, finished_utc, user_id, case_reference, recipient, clip_ids, request, output, sha256, files, error, runner)
     VALUES (?, ?, 'done', '2024-04-02T08:00:00.000Z', '2024-04-02T08:01:00.000Z', 'dvg0815', '1 Js 4711/24', 'Staatsanwaltschaft Stuttgart', ?, '{}', ?, NULL, '[]', NULL, 'test:0')`,
    [id, kind, JSON.stringify(clipIds), output],
  );
}

async function auditOf(core: Core, where: string, parameters: unknown[] = []) {
  const rows = await sql<{ action: string; target: string; event: string; user_id: string; session_id: string; details: string }>(
    core,
    `SELECT action, target, event, user_id, session_id, details FROM audit_entry WHERE ${where} ORDER BY sequence`,
    parameters,
  );
  return rows.map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));
}

const ids = (list: { clipId: number }[]): number[] => list.map((item) => item.clipId).sort((a, b) => a - b);
const idsOf = (clips: ClipRow[]): number[] => clips.map((clip) => clip.id).sort((a, b) => a - b);

describe('a run at 2024-06-01 with holds, locks, derived files and exports', () => {
  let s: Station;
  let result: RetentionRun;
  let before: Map<string, string[]>;
  let derivedOfAvi: { kind: string; path: string }[];
  let aviRecording: { officer: string | null; device: string | null };
  let courtPackage: string;
  let still: string;
  const deletedParts: ClipPart[] = ['splitSecond', 'avi', 'homeRefused', 'kernbereich'];
  const keptParts: ClipPart[] = ['heldActive', 'heldRequested', 'locked', 'young'];

  beforeAll(async () => {
    s = await station('file');
    const { core, clips, data, drive } = s;
    // Ages: two young recordings whose locks order deletion, one without any time but the day it
    // was first seen, one that counts from its start plus durations; the rest keep the fixture's
    // March 2024 times (due since April).
    await sql(core, 'UPDATE recording SET end_utc = ? WHERE id IN (?, ?)', ['2024-05-20T10:00:00.000Z', clips.homeRefused.recordingId, clips.kernbereich.recordingId]);
    await sql(core, 'UPDATE recording SET start_utc = NULL, end_utc = NULL, first_seen_utc = ? WHERE id = ?', ['2024-04-01T00:00:00.000Z', clips.avi.recordingId]);
    await sql(core, 'UPDATE recording SET start_utc = ?, end_utc = NULL WHERE id = ?', ['2024-05-20T10:00:00.000Z', clips.young.recordingId]);
    const hold = `INSERT INTO hold (clip_id, reason, case_reference, review_date, note, status, requested_by, requested_utc, approved_by, approved_utc)
                  VALUES (?, ?, ?, ?, 'Beweismittel', ?, 'pk4711', '2024-04-02T08:00:00.000Z', ?, ?)`;
    await sql(core, hold, [clips.heldActive.id, 'prosecution', '1 Js 4711/24', '2024-09-30', 'active', 'dvg0815', '2024-04-03T08:00:00.000Z']);
    await sql(core, hold, [clips.heldRequested.id, 'claims', '2 O 17/24', '2024-07-15', 'requested', null, null]);
    await sql(core, hold, [clips.avi.id, 'complaint-review', '3 Js 99/24', '2024-05-01', 'lifted', 'dvg0815', '2024-04-03T08:00:00.000Z']);
    const lock = `INSERT INTO processing_lock (clip_id, kind, status, note, flagged_by, flagged_utc, court, file_number, decision_date, outcome, decided_by, decided_utc)
                  VALUES (?, ?, ?, 'Wohnung', 'pk4711', '2024-04-02T08:00:00.000Z', ?, ?, ?, ?, ?, ?)`;
    await sql(core, lock, [clips.locked.id, 'home', 'locked', null, null, null, null, null, null]);
    await sql(core, lock, [clips.homeRefused.id, 'home', 'deletion-due', 'AG Stuttgart', '12 Gs 345/24', '2024-05-25', 'unlawful', 'dvg0815', '2024-05-26T08:00:00.000Z']);
    await sql(core, lock, [clips.kernbereich.id, 'kernbereich', 'deletion-due', null, null, null, null, 'dvg0815', '2024-05-26T08:00:00.000Z']);
    await sql(core, lock, [clips.avi.id, 'home', 'released', 'AG Stuttgart', '12 Gs 346/24', '2024-04-20', 'lawful', 'dvg0815', '2024-04-21T08:00:00.000Z']);
    // Everything that hangs on the AVI clip: annotations, a case, an integrity alarm.
    await sql(core, "INSERT INTO annotation_set (clip_id, created_utc) VALUES (?, '2024-04-02T08:00:00.000Z')", [clips.avi.id]);
    const [set] = await sql<{ id: number }>(core, 'SELECT id FROM annotation_set WHERE clip_id = ?', [clips.avi.id]);
    const record = "'pk4711', '2024-04-02T08:00:00.000Z', '2024-04-02T08:00:00.000Z', NULL, 1";
    await sql(core, `INSERT INTO marker (set_id, start_frame, end_frame, category, text, statement, author, created_utc, updated_utc, deleted_utc, version) VALUES (?, 3, 9, 'Widerstand', 'Person schlägt zu', 'fact', ${record})`, [set?.id]);
    await sql(core, `INSERT INTO redaction_track (set_id, shape, method, block_size, reason, note, author, created_utc, updated_utc, deleted_utc, version) VALUES (?, 'rectangle', 'fill', 16, 'bystander', 'Passant', ${record})`, [set?.id]);
    const [track] = await sql<{ id: number }>(core, 'SELECT id FROM redaction_track WHERE set_id = ?', [set?.id]);
    await sql(core, 'INSERT INTO track_keyframe (track_id, frame, x, y, width, height, outside) VALUES (?, 0, 10, 10, 50, 50, 0), (?, 20, 60, 10, 50, 50, 0)', [track?.id, track?.id]);
    await sql(core, `INSERT INTO audio_redaction (set_id, start_frame, end_frame, effect, channel, note, author, created_utc, updated_utc, deleted_utc, version) VALUES (?, 5, 15, 'mute', NULL, 'Name', ${record})`, [set?.id]);
    await sql(core, "INSERT INTO case_file (reference, title, created_utc, created_by) VALUES ('1 Js 4711/24', 'Vorgang', '2024-04-02T08:00:00.000Z', 'dvg0815')");
    for (const clip of [clips.avi, clips.heldActive]) await sql(core, "INSERT INTO case_clip (case_reference, clip_id, added_utc, added_by) VALUES ('1 Js 4711/24', ?, '2024-04-02T08:00:00.000Z', 'dvg0815')", [clip.id]);
    await sql(core, "INSERT INTO integrity_alarm (clip_id, detected_utc, expected_sha256, actual_sha256, size_bytes, mtime_ms) VALUES (?, '2024-04-05T08:00:00.000Z', ?, NULL, 0, 0)", [clips.avi.id, clips.avi.sha256]);
    // Exports the station still holds: a court package with a byte copy of an original, a "still"
    // that is a copy of the AVI (standing in for any copy), and one handed over (gone).
    courtPackage = path.join(data, 'exports', 'Gerichtsexport_1-Js-4711-24_20240402T080000Z');
    mkdirSync(path.join(courtPackage, 'originale'), { recursive: true });
    copyFileSync(path.join(drive, clips.splitSecond.path), path.join(courtPackage, 'originale', path.basename(clips.splitSecond.path)));
    writeFileSync(path.join(courtPackage, 'manifest.json'), '{}');
    await exportRow(core, 'export-court', 'court', [clips.heldActive.id, clips.splitSecond.id], courtPackage);
    still = path.join(data, 'exports', 'Standbild_clip-avi.png');
    copyFileSync(path.join(drive, clips.avi.path), still);
    await exportRow(core, 'export-still', 'still', [clips.avi.id], still);
    await exportRow(core, 'export-gone', 'court', [clips.kernbereich.id], path.join(data, 'exports', 'handed-over'));

    derivedOfAvi = (await sql<{ kind: string; path: string }>(core, 'SELECT kind, path FROM derived_file WHERE parent_sha256 = ? ORDER BY id', [clips.avi.sha256])).map((row) => ({ kind: row.kind, path: path.join(data, row.path) }));
    [aviRecording] = (await sql<{ officer: string | null; device: string | null }>(core, 'SELECT officer, device FROM recording WHERE id = ?', [clips.avi.recordingId])) as [{ officer: string | null; device: string | null }];
    before = await filesByHash(drive, data);
    result = await s.retention.run(system, now);
  });

  it('had every deleted original on the drive and, for the exported ones, in the exports; derived files of the AVI too', () => {
    for (const part of deletedParts) expect(before.get(s.clips[part].sha256)?.length, part).toBeGreaterThanOrEqual(1);
    expect(before.get(s.clips.splitSecond.sha256)).toContain(path.join(courtPackage, 'originale', path.basename(clipPaths.splitSecond)));
    expect(before.get(s.clips.avi.sha256)).toContain(still);
    expect(derivedOfAvi.map((file) => file.kind).sort()).toEqual(expect.arrayContaining(['proxy', 'thumbnails']));
  });

  it('deletes exactly the due clips that no hold or lock keeps, with the reason their lock gives', async () => {
    const { clips, core } = s;
    expect(result.failed).toEqual([]);
    expect(ids(result.deleted)).toEqual(idsOf(deletedParts.map((part) => clips[part])));
    const reasons = Object.fromEntries(result.deleted.map((tombstone) => [tombstone.clipId, tombstone.reason]));
    expect(reasons).toEqual({ [clips.splitSecond.id]: 'retention', [clips.avi.id]: 'retention', [clips.homeRefused.id]: 'lock-refused', [clips.kernbereich.id]: 'kernbereich' });
    const left = await sql<{ id: number }>(core, 'SELECT id FROM clip ORDER BY id');
    expect(left.map((row) => row.id)).toEqual(idsOf(keptParts.map((part) => clips[part])));
    for (const part of keptParts) expect(existsSync(path.join(s.drive, clips[part].path)), part).toBe(true);
    expect(existsSync(derivedFolder(s.data, clips.heldActive.sha256))).toBe(true);
  });

  it('showed beforehand what is due and what is kept, with the hold or lock and the deletion date', () => {
    const { clips } = s;
    const plus28 = (utc: string) => new Date(Date.parse(utc) + 28 * dayMs).toISOString();
    const due = Object.fromEntries(result.preview.due.map((clip) => [clip.clipId, clip]));
    expect(due).toEqual({
      [clips.splitSecond.id]: expect.objectContaining({ reason: 'retention', deletionBasis: 'recording-end', deletionUtc: plus28('2024-03-14T09:02:15.000Z'), path: clipPaths.splitSecond }),
      [clips.avi.id]: expect.objectContaining({ reason: 'retention', deletionBasis: 'first-seen', deletionUtc: '2024-04-29T00:00:00.000Z', startUtc: null, endUtc: null }),
      [clips.homeRefused.id]: expect.objectContaining({ reason: 'lock-refused', deletionBasis: 'recording-end', deletionUtc: '2024-06-17T10:00:00.000Z' }),
      [clips.kernbereich.id]: expect.objectContaining({ reason: 'kernbereich', deletionBasis: 'recording-end', deletionUtc: '2024-06-17T10:00:00.000Z' }),
    });
    const kept = Object.fromEntries(result.preview.kept.map((clip) => [clip.clipId, clip.keptBy]));
    expect(kept).toEqual({
      [clips.heldActive.id]: [{ kind: 'hold', holdId: expect.any(Number), status: 'active', reason: 'prosecution', caseReference: '1 Js 4711/24', reviewDate: '2024-09-30' }],
      [clips.heldRequested.id]: [{ kind: 'hold', holdId: expect.any(Number), status: 'requested', reason: 'claims', caseReference: '2 O 17/24', reviewDate: '2024-07-15' }],
      [clips.locked.id]: [{ kind: 'lock', lockId: expect.any(Number), lockKind: 'home' }],
    });
  });

  it('counts a recording without an end from its start plus its clip durations', async () => {
    const preview = await s.retention.preview(dpo, new Date('2024-07-01T00:00:00.000Z'));
    const young = preview.due.find((clip) => clip.clipId === s.clips.young.id);
    const expected = new Date(Date.parse('2024-05-20T10:00:00.000Z') + (s.clips.young.durationSeconds ?? Number.NaN) * 1000 + 28 * dayMs).toISOString();
    expect(young).toMatchObject({ deletionBasis: 'start-plus-durations', deletionUtc: expected, reason: 'retention' });
    expect((await s.retention.preview(dpo, new Date(Date.parse(expected) - 1))).due.map((clip) => clip.clipId)).not.toContain(s.clips.young.id);
  });

  it('leaves a tombstone with the facts of each deleted clip and the files it deleted, no picture', async () => {
    const { clips, drive } = s;
    const tombstones = await s.retention.tombstones(dpo);
    expect(ids(tombstones)).toEqual(ids(result.deleted));
    expect(tombstones.every((tombstone) => tombstone.state === 'done' && tombstone.completedUtc !== null)).toBe(true);
    expect(tombstones.find((tombstone) => tombstone.clipId === clips.avi.id)).toEqual({
      clipId: clips.avi.id,
      recordingId: clips.avi.recordingId,
      sha256: clips.avi.sha256,
      device: aviRecording.device,
      officer: aviRecording.officer,
      startUtc: null,
      endUtc: null,
      originalPath: clipPaths.avi,
      sizeBytes: clips.avi.sizeBytes,
      reason: 'retention',
      orderedBy: 'system',
      startedUtc: expect.any(String),
      completedUtc: expect.any(String),
      state: 'done',
      files: [
        { kind: 'original', path: path.join(drive, clipPaths.avi) },
        ...derivedOfAvi.map((file) => ({ kind: 'derived', path: file.path })),
        { kind: 'derived', path: derivedFolder(s.data, clips.avi.sha256) },
        { kind: 'export', path: still },
      ],
    });
    expect(aviRecording.officer).toBe('PK4711');
    const kernbereich = tombstones.find((tombstone) => tombstone.clipId === clips.kernbereich.id);
    expect(kernbereich?.files).toContainEqual({ kind: 'export', path: path.join(s.data, 'exports', 'handed-over') });
    expect(kernbereich).toMatchObject({ endUtc: '2024-05-20T10:00:00.000Z', officer: 'PK4713', reason: 'kernbereich' });
  });

  it('leaves no file anywhere in the data folder or on the drive with the hash of a deleted original', async () => {
    const after = await filesByHash(s.drive, s.data);
    for (const part of deletedParts) expect(after.get(s.clips[part].sha256), part).toBeUndefined();
    for (const part of keptParts) expect(after.get(s.clips[part].sha256), part).toEqual([path.join(s.drive, s.clips[part].path)]);
    for (const part of deletedParts) expect(existsSync(derivedFolder(s.data, s.clips[part].sha256)), part).toBe(false);
    expect(existsSync(courtPackage)).toBe(false);
    expect(existsSync(still)).toBe(false);
    expect(derivedOfAvi.some((file) => existsSync(file.path))).toBe(false);
  });

  it("deletes every row of a deleted clip, its recording once empty, and keeps holds, locks and export records", async () => {
    const { core, clips } = s;
    const count = async (table: string, where: string, parameters: unknown[]) => (await sql<{ n: number }>(core, `SELECT count(*) AS n FROM ${table} WHERE ${where}`, parameters))[0]?.n;
    const avi = clips.avi.id;
    for (const [table, where, parameters] of [
      ['clip', 'id = ?', [avi]],
      ['frame_index', 'clip_id = ?', [avi]],
      ['annotation_set', 'clip_id = ?', [avi]],
      ['marker', '1', []],
      ['redaction_track', '1', []],
      ['track_keyframe', '1', []],
      ['audio_redaction', '1', []],
      ['integrity_alarm', 'clip_id = ?', [avi]],
      ['case_clip', 'clip_id = ?', [avi]],
      ['derived_file', 'parent_sha256 = ?', [clips.avi.sha256]],
      ['recording', 'id IN (?, ?, ?)', [clips.avi.recordingId, clips.homeRefused.recordingId, clips.kernbereich.recordingId]],
    ] as const) {
      expect(await count(table, where, [...parameters]), table).toBe(0);
    }
    expect(await count('recording', 'id = ?', [clips.splitSecond.recordingId])).toBe(1);
    expect(await count('case_clip', 'clip_id = ?', [clips.heldActive.id])).toBe(1);
    expect(await count('hold', '1', [])).toBe(3);
    expect(await count('processing_lock', '1', [])).toBe(4);
    expect(await count('export_job', '1', [])).toBe(3);
  });

  it('logs each deletion as an erasure with its start and end, one summary, and the chain stays intact', async () => {
    const { core } = s;
    for (const tombstone of result.deleted) {
      const entries = await auditOf(core, "target = ? AND event LIKE 'retention.%'", [`clip:${tombstone.clipId}`]);
      expect(entries.map((entry) => [entry.action, entry.event, entry.user_id])).toEqual([
        ['erasure', 'retention.delete.start', 'system'],
        ['erasure', 'retention.delete', 'system'],
      ]);
      expect(entries[1]?.details).toEqual({ reason: tombstone.reason, sha256: tombstone.sha256, files: tombstone.files.length });
    }
    const summary = await auditOf(core, "event = 'retention.run'");
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ action: 'erasure', target: 'station', session_id: system.sessionId });
    expect(summary[0]?.details).toMatchObject({ at: now.toISOString(), deleted: ids(result.deleted), failed: [] });
    expect(await core.auditReports.verify(dpo)).toEqual({ intact: true, entries: expect.any(Number) });
  });

  it('deletes nothing more when run again', async () => {
    const again = await s.retention.run(system, now);
    expect(again).toMatchObject({ deleted: [], failed: [] });
    expect(ids(again.preview.kept)).toEqual(idsOf([s.clips.heldActive, s.clips.heldRequested, s.clips.locked]));
  });
});

describe('an interrupted deletion', () => {
  it('stopped between its files and its rows is finished by the next run', async () => {
    const { core, retention, clips, drive, data } = await station();
    const victim = clips.splitSecond;
    const context = { db: core.db, audit: core.audit, stationDrive: drive, dataFolder: data };
    const powerCut = async () => {
      throw new Error('power cut between the files and the rows');
    };
    await expect(eraseClip(context, { clipId: victim.id, reason: 'retention', actor: system }, { afterFiles: powerCut })).rejects.toThrow('power cut');
    expect(await sql(core, 'SELECT state FROM tombstone')).toEqual([{ state: 'deleting' }]);
    expect(existsSync(path.join(drive, victim.path))).toBe(false);
    expect(existsSync(derivedFolder(data, victim.sha256))).toBe(false);
    expect(await sql(core, 'SELECT id FROM clip WHERE id = ?', [victim.id])).toEqual([{ id: victim.id }]);
    const preview = await retention.preview(dpo, now);
    expect(ids(preview.unfinished)).toEqual([victim.id]);
    expect(ids(preview.due)).not.toContain(victim.id);

    const result = await retention.run(system, now);
    expect(result.failed).toEqual([]);
    expect(result.deleted[0]).toMatchObject({ clipId: victim.id, state: 'done', reason: 'retention' });
    expect(await sql(core, 'SELECT id FROM clip WHERE id = ?', [victim.id])).toEqual([]);
    expect(await sql(core, "SELECT count(*) AS n FROM tombstone WHERE state <> 'done'")).toEqual([{ n: 0 }]);
    const entries = await auditOf(core, 'target = ?', [`clip:${victim.id}`]);
    expect(entries.filter((entry) => entry.event.startsWith('retention.')).map((entry) => entry.event)).toEqual(['retention.delete.start', 'retention.delete']);
  });
});

describe('deletions that cannot be done now', () => {
  it('an original that cannot be deleted is named, keeps its tombstone open, stops no other clip, and is finished once it can be', async () => {
    const { core, retention, clips, drive, data } = await station();
    const blocked = path.join(drive, clips.heldActive.path);
    rmSync(blocked);
    mkdirSync(blocked);
    writeFileSync(path.join(blocked, 'kein-original.txt'), 'something else the drive holds');

    const first = await retention.run(system, now);
    expect(first.failed).toEqual([{ clipId: clips.heldActive.id, message: expect.stringContaining(`Clip ${clips.heldActive.id} could not be deleted completely: original ${blocked}: a folder stands in place of the original file`) }]);
    expect(ids(first.deleted)).toEqual(idsOf(Object.values(clips).filter((clip) => clip.id !== clips.heldActive.id)));
    expect(await sql(core, 'SELECT clip_id, state FROM tombstone WHERE clip_id = ?', [clips.heldActive.id])).toEqual([{ clip_id: clips.heldActive.id, state: 'deleting' }]);
    expect(await sql(core, 'SELECT id FROM clip')).toEqual([{ id: clips.heldActive.id }]);
    expect(existsSync(path.join(blocked, 'kein-original.txt'))).toBe(true);
    expect(existsSync(derivedFolder(data, clips.heldActive.sha256))).toBe(false);
    const summary = await auditOf(core, "event = 'retention.run'");
    expect(summary[0]?.details.failed).toEqual(first.failed);

    rmSync(blocked, { recursive: true });
    const second = await retention.run(system, now);
    expect(second).toMatchObject({ failed: [], deleted: [expect.objectContaining({ clipId: clips.heldActive.id, state: 'done' })] });
    expect(await sql(core, 'SELECT id FROM clip')).toEqual([]);
  });
  it('waits for an export of the clip that is still being made, without starting its deletion', async () => {
    const { core, retention, clips, drive } = await station();
    await sql(
      core,
      `INSERT INTO export_job (id, kind, status, created_utc, finished_utc, user_id, case_reference, recipient, clip_ids, request, output, sha256, files, error, runner)
       VALUES ('export-running', 'still', 'running', '2024-05-31T23:59:00.000Z', NULL, 'dvg0815', NULL, NULL, ?, '{}', NULL, NULL, '[]', NULL, ?)`,
      [JSON.stringify([clips.locked.id]), `${os.hostname()}:${process.pid}`],
    );
    const result = await retention.run(system, now);
    expect(result.failed).toEqual([{ clipId: clips.locked.id, message: `Clip ${clips.locked.id} is in export export-running, which is still running; it is deleted by a run after that export ended` }]);
    expect(result.deleted).toHaveLength(7);
    expect(await sql(core, 'SELECT clip_id FROM tombstone WHERE clip_id = ?', [clips.locked.id])).toEqual([]);
    expect(existsSync(path.join(drive, clips.locked.path))).toBe(true);
  });
});

describe('rights', () => {
  it('refuses a run by an investigator or a trainer, logs the refusal and deletes nothing', async () => {
    const { core, retention } = await station();
    for (const actor of [investigator, trainer]) {
      await expect(retention.run(actor, now)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('retention.run') });
      await expect(retention.run(actor, now, { dryRun: true })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(retention.preview(actor, now)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('retention.read') });
      await expect(retention.tombstones(actor)).rejects.toMatchObject({ code: 'forbidden' });
      const denied = await auditOf(core, "event = 'access.denied' AND user_id = ?", [actor.userId]);
      expect(denied.map((entry) => [entry.action, entry.details.permission])).toEqual([
        ['erasure', 'retention.run'],
        ['erasure', 'retention.run'],
        ['consultation', 'retention.read'],
        ['consultation', 'retention.read'],
      ]);
    }
    expect(await sql(core, 'SELECT count(*) AS n FROM clip')).toEqual([{ n: 8 }]);
    expect(await sql(core, 'SELECT count(*) AS n FROM tombstone')).toEqual([{ n: 0 }]);
  });

  it('lets an administrator run it and a dry run delete nothing', async () => {
    const { core, retention } = await station();
    const dry = await retention.run(admin, now, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, deleted: [], failed: [] });
    expect(dry.preview.due).toHaveLength(8);
    expect(await sql(core, 'SELECT count(*) AS n FROM clip')).toEqual([{ n: 8 }]);
    expect(await auditOf(core, "event = 'retention.dry-run'")).toEqual([expect.objectContaining({ action: 'consultation', user_id: 'admin' })]);
    expect((await retention.run(admin, now)).deleted).toHaveLength(8);
  });
});

describe('the daily schedule', () => {
  it('runs at once as the system actor, and reports a failed run instead of throwing', async () => {
    const { core, retention } = await station();
    const outcome = await new Promise<RetentionOutcome>((resolve) => {
      const stop = scheduleRetention(retention, { clock: () => now, report: (reported) => void stop().then(() => resolve(reported)) });
    });
    expect('run' in outcome && outcome.run.deleted).toHaveLength(8);
    const [summary] = await auditOf(core, "event = 'retention.run'");
    expect(summary).toMatchObject({ user_id: 'system' });
    expect(summary?.session_id).toMatch(/^retention:[0-9a-f-]{36}$/);

    await closeEarly(core);
    const failure = await new Promise<RetentionOutcome>((resolve) => {
      const stop = scheduleRetention(retention, { clock: () => now, report: (reported) => void stop().then(() => resolve(reported)) });
    });
    expect('error' in failure).toBe(true);
  });
});

describe('revier retention', () => {
  let s: Station;
  beforeAll(async () => {
    s = await station('file');
    // A large export output of the first clip, so that its deletion takes long enough to be killed in.
    const heavy = path.join(s.data, 'exports', 'Gerichtsexport_heavy');
    mkdirSync(heavy, { recursive: true });
    for (let n = 0; n < 5000; n += 1) writeFileSync(path.join(heavy, `bild-${n}.txt`), `${n}`);
    const first = Object.values(s.clips).reduce((a, b) => (a.id < b.id ? a : b));
    copyFileSync(path.join(s.drive, first.path), path.join(heavy, 'original'));
    await exportRow(s.core, 'export-heavy', 'court', [first.id], heavy);
    await closeEarly(s.core);
  });

  it('preview --json lists the clips due at the end of a given day', async () => {
    const preview = await revier('retention', 'preview', '--data', s.data, '--at', '2024-04-12', '--json');
    expect(preview.code).toBe(0);
    const parsed = JSON.parse(preview.stdout) as { at: string; due: { clipId: number; path: string }[] };
    expect(parsed.at).toBe('2024-04-12T23:59:59.999Z');
    expect(parsed.due.map((clip) => clip.path).sort()).toEqual(Object.values(clipPaths).filter((clipPath) => clipPath !== clipPaths.young).sort());
    const wrong = await revier('retention', 'preview', '--data', s.data, '--at', '12.04.2024');
    expect(wrong).toMatchObject({ code: 2, stderr: expect.stringContaining('a day is written YYYY-MM-DD') });
  });

  it('run --dry-run prints the due clips and deletes nothing', async () => {
    const dry = await revier('retention', 'run', '--data', s.data, '--dry-run');
    expect(dry.code).toBe(0);
    for (const clip of Object.values(s.clips)) expect(dry.stdout).toContain(`due      clip ${clip.id}  retention`);
    expect(dry.stdout).toContain('8 due (dry run: nothing deleted)');
    for (const clip of Object.values(s.clips)) expect(existsSync(path.join(s.drive, clip.path))).toBe(true);
  });

  it('run exits 1 and names the drive when it is not mounted, and deletes nothing', async () => {
    renameSync(s.drive, `${s.drive}-unplugged`);
    const unplugged = await revier('retention', 'run', '--data', s.data);
    renameSync(`${s.drive}-unplugged`, s.drive);
    expect(unplugged.code).toBe(1);
    for (const clip of Object.values(s.clips)) expect(unplugged.stdout).toContain(`FAILED   clip ${clip.id}  Clip ${clip.id}: the station drive ${s.drive} is not mounted, so its original ${clip.path} cannot be deleted`);
    const check = new Database(databaseFile(s.data), { readonly: true });
    expect(check.prepare('SELECT (SELECT count(*) FROM clip) AS clips, (SELECT count(*) FROM tombstone) AS tombstones').get()).toEqual({ clips: 8, tombstones: 0 });
    check.close();
  });

  it('a run killed halfway is completed by the next run, which exits 0', async () => {
    const child = spawn(process.execPath, [path.resolve('electron/cli.ts'), 'retention', 'run', '--data', s.data], { env: { ...process.env, REVIER_DATA: '' }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let killedWhile: number | null = null;
    let sqlite: Database.Database | null = null;
    while (killedWhile === null && child.exitCode === null) {
      await sleep(5);
      try {
        sqlite ??= new Database(databaseFile(s.data), { readonly: true, fileMustExist: true });
        const deleting = sqlite.prepare("SELECT clip_id FROM tombstone WHERE state = 'deleting'").get() as { clip_id: number } | undefined;
        if (deleting) {
          child.kill('SIGKILL');
          killedWhile = deleting.clip_id;
        }
      } catch {
        sqlite = null; // the command has not created its tables yet
      }
    }
    expect(await exited).toBe('SIGKILL');
    expect(killedWhile).not.toBeNull();
    const open = sqlite?.prepare("SELECT clip_id FROM tombstone WHERE state = 'deleting'").all();
    sqlite?.close();
    expect(open).toEqual([{ clip_id: killedWhile }]);

    const rerun = await revier('retention', 'run', '--data', s.data);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`deleted  clip ${killedWhile}  retention`);
    const check = new Database(databaseFile(s.data), { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM clip').get()).toEqual({ n: 0 });
    expect(check.prepare("SELECT state, count(*) AS n FROM tombstone GROUP BY state").all()).toEqual([{ state: 'done', n: 8 }]);
    check.close();
    const after = await filesByHash(s.drive, s.data);
    for (const clip of Object.values(s.clips)) expect(after.get(clip.sha256), clip.path).toBeUndefined();
    expect(existsSync(path.join(s.data, 'exports', 'Gerichtsexport_heavy'))).toBe(false);
  });
});
