import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access requests of data subjects (Auskunftsersuchen, Art. 14 RL (EU) 2016/680, § 57 BDSG): who
 * asks, the time window and filters they describe, the recordings found, and the decision with its
 * reason. A granted request names the export of the redacted copy it produced.
 */
export class CreateAccessRequests1766361600000 implements MigrationInterface {
  name = 'CreateAccessRequests1766361600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE access_request (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        reference TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
        subject_description TEXT NOT NULL CHECK (length(subject_description) BETWEEN 1 AND 2000),
        received_date TEXT NOT NULL,
        window_from_utc TEXT NOT NULL,
        window_to_utc TEXT NOT NULL,
        officer TEXT,
        device TEXT,
        clip_ids TEXT NOT NULL CHECK (json_valid(clip_ids)),
        status TEXT NOT NULL CHECK (status IN ('open', 'granted', 'refused')),
        decision_reason TEXT,
        decided_by TEXT,
        decided_utc TEXT,
        export_id TEXT,
        created_by TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        CHECK (window_from_utc <= window_to_utc),
        CHECK ((status = 'open') = (decided_by IS NULL)),
        CHECK ((status = 'open') = (decided_utc IS NULL)),
        CHECK ((status = 'open') = (decision_reason IS NULL)),
        CHECK (export_id IS NULL OR status = 'granted')
      )`);
    await queryRunner.query('CREATE INDEX access_request_status ON access_request (status)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE access_request');
  }
}
