import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four-eyes approvals (Vier-Augen-Freigabe): one row per request, pending until a second person
 * approves or rejects it, or its requester withdraws it. The database itself refuses a decision by
 * the requester. The kind has no list here: the kinds live in shared/api/approvals.ts, and kinds
 * added later (court originals, training sign-offs) need no rebuilt table.
 */
export class CreateApprovals1766188800000 implements MigrationInterface {
  name = 'CreateApprovals1766188800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE approval_request (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
        subject TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 120),
        details TEXT NOT NULL CHECK (json_valid(details)),
        reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        requested_by TEXT NOT NULL,
        requested_role TEXT NOT NULL,
        requested_utc TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
        decided_by TEXT,
        decided_utc TEXT,
        decision_note TEXT,
        CHECK (decided_by IS NULL OR decided_by <> requested_by),
        CHECK ((status IN ('approved', 'rejected')) = (decided_by IS NOT NULL)),
        CHECK ((status = 'pending') = (decided_utc IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX approval_request_status ON approval_request (status)');
    await queryRunner.query('CREATE INDEX approval_request_subject ON approval_request (subject)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE approval_request');
  }
}
