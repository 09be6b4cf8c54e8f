import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exports: one row per export job (court package, training clip, still frame) with who made it
 * for whom, what it holds and how it ended. The files' hashes stay here after the package has left
 * the station; the audit log holds the disclosure itself.
 */
export class CreateExports1765324800000 implements MigrationInterface {
  name = 'CreateExports1765324800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE export_job (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('court', 'training', 'still')),
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
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
    await queryRunner.query('CREATE INDEX export_job_created ON export_job (created_utc)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE export_job');
  }
}
