import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Annotations: one annotation set per clip, holding its evidence markers, redaction tracks (with
 * their keyframes, one per frame) and audio redactions. Every row carries a version that grows
 * with each write, so a change based on an outdated row is refused; deletion only marks a row
 * deleted, the record stays.
 */
export class CreateAnnotations1764950400000 implements MigrationInterface {
  name = 'CreateAnnotations1764950400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE annotation_set (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        clip_id INTEGER NOT NULL UNIQUE REFERENCES clip (id),
        created_utc TEXT NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE marker (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        set_id INTEGER NOT NULL REFERENCES annotation_set (id),
        start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
        end_frame INTEGER NOT NULL CHECK (end_frame >= start_frame),
        category TEXT NOT NULL,
        text TEXT NOT NULL,
        statement TEXT NOT NULL CHECK (statement IN ('fact', 'assessment')),
        author TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        updated_utc TEXT NOT NULL,
        deleted_utc TEXT,
        version INTEGER NOT NULL CHECK (version >= 1)
      )`);
    await queryRunner.query('CREATE INDEX marker_set ON marker (set_id, start_frame)');
    await queryRunner.query(`
      CREATE TABLE redaction_track (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        set_id INTEGER NOT NULL REFERENCES annotation_set (id),
        shape TEXT NOT NULL CHECK (shape IN ('rectangle', 'ellipse')),
        method TEXT NOT NULL CHECK (method IN ('fill', 'pixelate', 'blur')),
        block_size INTEGER NOT NULL,
        reason TEXT NOT NULL,
        note TEXT NOT NULL,
        author TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        updated_utc TEXT NOT NULL,
        deleted_utc TEXT,
        version INTEGER NOT NULL CHECK (version >= 1)
      )`);
    await queryRunner.query('CREATE INDEX redaction_track_set ON redaction_track (set_id)');
    await queryRunner.query(`
      CREATE TABLE track_keyframe (
        track_id INTEGER NOT NULL REFERENCES redaction_track (id) ON DELETE CASCADE,
        frame INTEGER NOT NULL CHECK (frame >= 0),
        x REAL NOT NULL,
        y REAL NOT NULL,
        width REAL NOT NULL CHECK (width > 0),
        height REAL NOT NULL CHECK (height > 0),
        outside INTEGER NOT NULL,
        PRIMARY KEY (track_id, frame)
      ) WITHOUT ROWID`);
    await queryRunner.query(`
      CREATE TABLE audio_redaction (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        set_id INTEGER NOT NULL REFERENCES annotation_set (id),
        start_frame INTEGER NOT NULL CHECK (start_frame >= 0),
        end_frame INTEGER NOT NULL CHECK (end_frame >= start_frame),
        effect TEXT NOT NULL CHECK (effect IN ('mute', 'bleep')),
        channel INTEGER,
        note TEXT NOT NULL,
        author TEXT NOT NULL,
        created_utc TEXT NOT NULL,
        updated_utc TEXT NOT NULL,
        deleted_utc TEXT,
        version INTEGER NOT NULL CHECK (version >= 1)
      )`);
    await queryRunner.query('CREATE INDEX audio_redaction_set ON audio_redaction (set_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audio_redaction');
    await queryRunner.query('DROP TABLE track_keyframe');
    await queryRunner.query('DROP TABLE redaction_track');
    await queryRunner.query('DROP TABLE marker');
    await queryRunner.query('DROP TABLE annotation_set');
  }
}
