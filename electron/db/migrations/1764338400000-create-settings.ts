import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSettings1764338400000 implements MigrationInterface {
  name = 'CreateSettings1764338400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE setting (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE setting');
  }
}
