import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The library: recordings on the station drive, their clips (with the original's SHA-256 and
 * the file identity used to skip unchanged files), each clip's frame index as one binary value,
 * files that could not be ingested, integrity alarms, and derived files keyed by their parent's
 * hash. Clips and recordings are never deleted by a scan: a vanished file is marked missing.
 */
export class CreateLibrary1764345600000 implements MigrationInterface {
  name = 'CreateLibrary1764345600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE recording (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        layout TEXT NOT NULL,
        officer TEXT,
        device TEXT,
        start_utc TEXT,
        end_utc TEXT,
        start_source TEXT,
        time_zone TEXT,
        metadata TEXT NOT NULL,
        search_text TEXT NOT NULL,
        first_seen_utc TEXT NOT NULL,
        reviewed_utc TEXT
      )`);
    await queryRunner.query('CREATE INDEX recording_start ON recording (start_utc)');
    await queryRunner.query('CREATE INDEX recording_officer ON recording (officer)');
    await queryRunner.query('CREATE INDEX recording_device ON recording (device)');
    await queryRunner.query(`
      CREATE TABLE clip (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        recording_id INTEGER NOT NULL REFERENCES recording (id),
        clip_order INTEGER NOT NULL,
        path TEXT NOT NULL UNIQUE,
        size_bytes INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        inode TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('ok', 'missing', 'changed')),
        probe TEXT NOT NULL,
        duration_seconds REAL,
        frame_count INTEGER NOT NULL,
        playable INTEGER NOT NULL,
        problem_code TEXT,
        problem_message TEXT,
        ingested_utc TEXT NOT NULL,
        verified_utc TEXT NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX clip_recording ON clip (recording_id)');
    await queryRunner.query('CREATE INDEX clip_sha256 ON clip (sha256)');
    await queryRunner.query(`
      CREATE TABLE frame_index (
        clip_id INTEGER PRIMARY KEY REFERENCES clip (id) ON DELETE CASCADE,
        frame_count INTEGER NOT NULL,
        data BLOB NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE file_problem (
        path TEXT PRIMARY KEY NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        inode TEXT NOT NULL,
        recording_key TEXT,
        first_seen_utc TEXT NOT NULL,
        last_seen_utc TEXT NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE integrity_alarm (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        clip_id INTEGER NOT NULL REFERENCES clip (id),
        detected_utc TEXT NOT NULL,
        expected_sha256 TEXT NOT NULL,
        actual_sha256 TEXT,
        size_bytes INTEGER NOT NULL,
        mtime_ms REAL NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX integrity_alarm_clip ON integrity_alarm (clip_id)');
    await queryRunner.query(`
      CREATE TABLE derived_file (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        parent_sha256 TEXT NOT NULL,
        kind TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        tool TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        parameters TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        UNIQUE (parent_sha256, kind)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['derived_file', 'integrity_alarm', 'file_problem', 'frame_index', 'clip', 'recording']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
