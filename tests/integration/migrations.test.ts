// One test per migration: up, down and up again on a real database file.
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../electron/db/database.ts';
import { migrations } from '../../electron/db/migrations/index.ts';
import { useTempFolders } from '../support/temp-folder.ts';

const tempFolder = useTempFolders();
let dataSource: DataSource | undefined;
afterEach(async () => {
  await dataSource?.destroy();
  dataSource = undefined;
});

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await ds.query(
    "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index') AND name NOT LIKE 'sqlite_%' AND name <> 'migration' ORDER BY name",
  );
  return rows.map((r) => r.name);
}

/** What each migration adds to the schema. */
const expectedObjects: Record<string, string[]> = {
  CreateSettings1764338400000: ['setting'],
  CreateAuditLog1764338400001: ['audit_entry', 'audit_entry_no_delete', 'audit_entry_no_update', 'audit_entry_target', 'audit_entry_user'],
  CreateLibrary1764345600000: [
    'clip',
    'clip_recording',
    'clip_sha256',
    'derived_file',
    'file_problem',
    'frame_index',
    'integrity_alarm',
    'integrity_alarm_clip',
    'recording',
    'recording_device',
    'recording_officer',
    'recording_start',
  ],
  CreateAnnotations1764950400000: [
    'annotation_set',
    'audio_redaction',
    'audio_redaction_set',
    'marker',
    'marker_set',
    'redaction_track',
    'redaction_track_set',
    'track_keyframe',
  ],
  CreateExports1765324800000: ['export_job', 'export_job_created'],
  CreateAccounts1765929600000: ['case_clip', 'case_clip_clip', 'case_file', 'case_member', 'case_member_user', 'user_account'],
  CreateRetention1766016000000: ['audit_purge', 'hold', 'hold_clip', 'processing_lock', 'processing_lock_clip', 'tombstone'],
  // Also replaces the trigger audit_entry_no_delete (same name) with one that lets purged entries go.
  AllowAuditPurge1766102400000: ['audit_purge_no_delete', 'audit_purge_no_update'],
  CreateApprovals1766188800000: ['approval_request', 'approval_request_status', 'approval_request_subject'],
  ExportAwaitingApproval1766275200000: [],
  CreateAccessRequests1766361600000: ['access_request', 'access_request_status'],
};

describe('migrations', () => {
  it('have explicit, unique names with timestamps, in order', () => {
    const names = migrations.map((m) => new m().name);
    expect(names).toEqual(Object.keys(expectedObjects));
    const stamps = names.map((n) => Number(n?.slice(-13)));
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('open the database in WAL mode with foreign keys on', async () => {
    dataSource = createDataSource(path.join(tempFolder(), 'revier.sqlite'));
    await dataSource.initialize();
    expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });

  it.each(migrations.map((m, index) => [new m().name, index] as const))('%s migrates up, down and up again', async (name, index) => {
    dataSource = createDataSource(path.join(tempFolder(), 'revier.sqlite'));
    await dataSource.initialize();
    await dataSource.runMigrations();
    const before = migrations.slice(0, index).flatMap((m) => expectedObjects[new m().name ?? ''] ?? []);
    const own = expectedObjects[name ?? ''] ?? [];
    // All migrations ran; roll back to just after this one, then this one, then up again.
    for (let i = migrations.length - 1; i > index; i--) await dataSource.undoLastMigration();
    expect(await tables(dataSource)).toEqual([...before, ...own].sort());
    await dataSource.undoLastMigration();
    expect(await tables(dataSource)).toEqual([...before].sort());
    await dataSource.runMigrations();
    const all = migrations.flatMap((m) => expectedObjects[new m().name ?? ''] ?? []);
    expect(await tables(dataSource)).toEqual(all.sort());
  });
});
