import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectionRuntime1732300000100 implements MigrationInterface {
  name = 'ProjectionRuntime1732300000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projection_state (
        name text PRIMARY KEY,
        generation integer NOT NULL,
        version integer NOT NULL,
        rebuilt_at timestamptz NOT NULL DEFAULT now(),
        rebuilt_through_transaction xid8 NOT NULL,
        rebuilt_through_position bigint NOT NULL
      )`);
    // One row per projection and transport partition: the last applied commit position and, for Kafka, offset.
    await db.query(`
      CREATE TABLE projection_checkpoints (
        name text NOT NULL,
        source text NOT NULL,
        partition integer NOT NULL,
        transaction_id xid8 NOT NULL,
        global_position bigint NOT NULL,
        next_offset bigint,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (name, source, partition)
      )`);
    // Events a projection could not apply and skipped (in-process transport): to fix and rebuild.
    await db.query(`
      CREATE TABLE projection_dead_letters (
        projection text NOT NULL,
        global_position bigint NOT NULL,
        stream_id text NOT NULL,
        version integer NOT NULL,
        type text NOT NULL,
        error text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (projection, global_position)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE projection_dead_letters`);
    await db.query(`DROP TABLE projection_checkpoints`);
    await db.query(`DROP TABLE projection_state`);
  }
}
