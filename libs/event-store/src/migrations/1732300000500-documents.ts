import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded files of the berkas, one row per distinct content: events carry the hash, never the
 * bytes (ARCHITECTURE.md point 7), and the same file uploaded twice is stored once.
 */
export class Documents1732300000500 implements MigrationInterface {
  name = 'Documents1732300000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE documents (
        sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size integer NOT NULL CHECK (size > 0),
        content bytea NOT NULL CHECK (octet_length(content) = size),
        stored_at timestamptz NOT NULL DEFAULT now()
      )`);
    // PDF, JPEG and PNG are compressed already: kept out of line without another compression attempt.
    await db.query(`ALTER TABLE documents ALTER COLUMN content SET STORAGE EXTERNAL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE documents`);
  }
}
