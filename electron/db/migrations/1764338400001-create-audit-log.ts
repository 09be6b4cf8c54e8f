import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: append-only. Triggers refuse UPDATE and DELETE, so no code path can change an
 * entry by accident; the hash chain makes a deliberate change outside the app detectable.
 */
export class CreateAuditLog1764338400001 implements MigrationInterface {
  name = 'CreateAuditLog1764338400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entry (
        sequence INTEGER PRIMARY KEY NOT NULL CHECK (sequence > 0),
        time TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        session_id TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        event TEXT NOT NULL,
        details TEXT NOT NULL,
        previous_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      )`);
    await queryRunner.query('CREATE INDEX audit_entry_target ON audit_entry (target)');
    await queryRunner.query('CREATE INDEX audit_entry_user ON audit_entry (user_id)');
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`);
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_entry');
  }
}
