import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys are scoped by agency and actor (a token of another agency with the same `sub`
 * must not replay this agency's answers), and store the command's result, not an HTTP status:
 * the HTTP layer maps the result to its status.
 */
export class IdempotencyScope1732300000400 implements MigrationInterface {
  name = 'IdempotencyScope1732300000400';

  async up(db: QueryRunner): Promise<void> {
    // Stored answers are short-lived retries; older ones carry no agency and cannot be scoped.
    await db.query(`DELETE FROM idempotency_keys`);
    await db.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey`);
    await db.query(`ALTER TABLE idempotency_keys ADD COLUMN agency text NOT NULL`);
    await db.query(`ALTER TABLE idempotency_keys DROP COLUMN status`);
    await db.query(`ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (agency, actor, key)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM idempotency_keys`);
    await db.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey`);
    await db.query(`ALTER TABLE idempotency_keys DROP COLUMN agency`);
    await db.query(`ALTER TABLE idempotency_keys ADD COLUMN status integer NOT NULL DEFAULT 200`);
    await db.query(`ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (actor, key)`);
  }
}
