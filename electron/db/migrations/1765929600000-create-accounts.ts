import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and cases: the station's local users (password as an scrypt hash with its own salt;
 * never deleted, only deactivated, so every audit entry stays attributable), the cases
 * (Vorgänge, by Aktenzeichen), which clips belong to a case and who works on it.
 */
export class CreateAccounts1765929600000 implements MigrationInterface {
  name = 'CreateAccounts1765929600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE user_account (
        username TEXT PRIMARY KEY CHECK (length(username) BETWEEN 2 AND 64),
        service_number TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        roles TEXT NOT NULL,
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        password_hash TEXT NOT NULL,
        failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until_utc TEXT,
        password_changed_utc TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        created_by TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version > 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE case_file (
        reference TEXT PRIMARY KEY CHECK (length(reference) BETWEEN 1 AND 120),
        title TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        created_by TEXT NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE case_clip (
        case_reference TEXT NOT NULL REFERENCES case_file (reference),
        clip_id INTEGER NOT NULL REFERENCES clip (id) ON DELETE CASCADE,
        added_utc TEXT NOT NULL,
        added_by TEXT NOT NULL,
        PRIMARY KEY (case_reference, clip_id)
      )`);
    await queryRunner.query('CREATE INDEX case_clip_clip ON case_clip (clip_id)');
    await queryRunner.query(`
      CREATE TABLE case_member (
        case_reference TEXT NOT NULL REFERENCES case_file (reference),
        username TEXT NOT NULL REFERENCES user_account (username),
        PRIMARY KEY (case_reference, username)
      )`);
    await queryRunner.query('CREATE INDEX case_member_user ON case_member (username)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE case_member');
    await queryRunner.query('DROP TABLE case_clip');
    await queryRunner.query('DROP TABLE case_file');
    await queryRunner.query('DROP TABLE user_account');
  }
}
