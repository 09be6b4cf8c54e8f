import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A court package with unredacted originals waits for a second person's approval before it runs:
 * export jobs gain the status `awaiting-approval`. SQLite cannot change a CHECK, so the table is
 * rebuilt with its rows.
 */
export class ExportAwaitingApproval1766275200000 implements MigrationInterface {
  name = 'ExportAwaitingApproval1766275200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebuild(queryRunner, "'queued', 'running', 'done', 'failed', 'cancelled', 'awaiting-approval'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("UPDATE export_job SET status = 'cancelled', error = 'Cancelled while waiting for an approval (schema downgrade)' WHERE status = 'awaiting-approval'");
    await rebuild(queryRunner, "'queued', 'running', 'done', 'failed', 'cancelled'");
  }
}

async function rebuild(queryRunner: QueryRunner, statuses: string): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE export_job_next (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('court', 'training', 'still')),
      status TEXT NOT NULL CHECK (status IN (${statuses})),
      created_utc TEXT NOT NULL,
      finished_utc TEXT,
      user_id TEXT NOT NULL,
      case_reference TEXT,
      recipient TEXT,
      clip_ids TEXT NOT NULL,
      request TEXT NOT NULL,
      output TEXT,
      sha256 TEXT,
      files TEXT NOT NULL,
      error TEXT,
      runner TEXT NOT NULL
    )`);
  await queryRunner.query('INSERT INTO export_job_next SELECT id, kind, status, created_utc, finished_utc, user_id, case_reference, recipient, clip_ids, request, output, sha256, files, error, runner FROM export_job');
  await queryRunner.query('DROP TABLE export_job');
  await queryRunner.query('ALTER TABLE export_job_next RENAME TO export_job');
  await queryRunner.query('CREATE INDEX export_job_created ON export_job (created_utc)');
}
