import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention: holds (Aufbewahrungsverlängerung) and processing locks (Verarbeitungssperre) that keep
 * a clip from its regular deletion, tombstones (Löschnachweise) that remain of a deleted clip, and
 * the purges of the audit log. Clip ids here outlive their clip rows, so they are plain numbers,
 * not foreign keys.
 */
export class CreateRetention1766016000000 implements MigrationInterface {
  name = 'CreateRetention1766016000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hold (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        clip_id INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('prosecution', 'administrative-offence', 'claims', 'private-rights', 'complaint-review')),
        case_reference TEXT NOT NULL CHECK (length(case_reference) BETWEEN 1 AND 120),
        review_date TEXT NOT NULL,
        note TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('requested', 'active', 'rejected', 'lifted')),
        requested_by TEXT NOT NULL,
        requested_utc TEXT NOT NULL,
        approved_by TEXT,
        approved_utc TEXT,
        lifted_by TEXT,
        lifted_utc TEXT,
        CHECK (approved_by IS NULL OR approved_by <> requested_by)
      )`);
    await queryRunner.query('CREATE INDEX hold_clip ON hold (clip_id)');
    await queryRunner.query(`
      CREATE TABLE processing_lock (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        clip_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('home', 'kernbereich')),
        status TEXT NOT NULL CHECK (status IN ('locked', 'released', 'deletion-due')),
        note TEXT NOT NULL,
        flagged_by TEXT NOT NULL,
        flagged_utc TEXT NOT NULL,
        court TEXT,
        file_number TEXT,
        decision_date TEXT,
        outcome TEXT CHECK (outcome IN ('lawful', 'unlawful')),
        decided_by TEXT,
        decided_utc TEXT,
        CHECK (kind = 'home' OR outcome IS NULL)
      )`);
    await queryRunner.query('CREATE INDEX processing_lock_clip ON processing_lock (clip_id)');
    await queryRunner.query(`
      CREATE TABLE tombstone (
        clip_id INTEGER PRIMARY KEY,
        recording_id INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        device TEXT,
        officer TEXT,
        start_utc TEXT,
        end_utc TEXT,
        original_path TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('retention', 'early-deletion', 'lock-refused', 'kernbereich')),
        ordered_by TEXT NOT NULL,
        started_utc TEXT NOT NULL,
        completed_utc TEXT,
        state TEXT NOT NULL CHECK (state IN ('deleting', 'done')),
        files TEXT NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_purge (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        through_sequence INTEGER NOT NULL CHECK (through_sequence > 0),
        through_hash TEXT NOT NULL,
        entries INTEGER NOT NULL CHECK (entries > 0),
        oldest_time TEXT NOT NULL,
        newest_time TEXT NOT NULL,
        purged_utc TEXT NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_purge');
    await queryRunner.query('DROP TABLE tombstone');
    await queryRunner.query('DROP TABLE processing_lock');
    await queryRunner.query('DROP TABLE hold');
  }
}
