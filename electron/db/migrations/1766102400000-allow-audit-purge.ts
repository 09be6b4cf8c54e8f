import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The yearly purge of the audit log (electron/core/governance/audit-purge.ts): the no-delete trigger
 * now lets through the entries at or below the newest purge record's last sequence, and nothing
 * else. A purge writes its record first, so no entry can go without one. The purge records are
 * append-only themselves: they tell where the kept chain starts.
 */
export class AllowAuditPurge1766102400000 implements MigrationInterface {
  name = 'AllowAuditPurge1766102400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_entry_no_delete');
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
      WHEN OLD.sequence > COALESCE((SELECT through_sequence FROM audit_purge ORDER BY id DESC LIMIT 1), 0)
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only: only entries of a recorded purge may be deleted'); END`);
    await queryRunner.query(`
      CREATE TRIGGER audit_purge_no_update BEFORE UPDATE ON audit_purge
      BEGIN SELECT RAISE(ABORT, 'audit purge records are append-only'); END`);
    await queryRunner.query(`
      CREATE TRIGGER audit_purge_no_delete BEFORE DELETE ON audit_purge
      BEGIN SELECT RAISE(ABORT, 'audit purge records are append-only'); END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_purge_no_delete');
    await queryRunner.query('DROP TRIGGER audit_purge_no_update');
    await queryRunner.query('DROP TRIGGER audit_entry_no_delete');
    await queryRunner.query(`
      CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
      BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`);
  }
}
