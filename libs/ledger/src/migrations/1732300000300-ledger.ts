import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger: an RFC 9162 Merkle tree over every event in commit order, kept apart from the events.
 * Leaves and every perfect subtree are stored, so any proof is O(log n) rows read in one query.
 */
export class Ledger1732300000300 implements MigrationInterface {
  name = 'Ledger1732300000300';

  async up(db: QueryRunner): Promise<void> {
    // Leaf i is the i-th event in commit order (not its global position).
    await db.query(`
      CREATE TABLE ledger_leaves (
        leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
        global_position bigint NOT NULL UNIQUE,
        event_hash bytea NOT NULL CHECK (length(event_hash) = 32),
        leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32)
      )`);
    // Perfect subtrees of level >= 1: (level, index) covers leaves [index * 2^level, (index + 1) * 2^level).
    await db.query(`
      CREATE TABLE ledger_nodes (
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 62),
        index bigint NOT NULL CHECK (index >= 0),
        hash bytea NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (level, index)
      )`);
    await db.query(`
      CREATE TABLE ledger_checkpoints (
        tree_size bigint PRIMARY KEY CHECK (tree_size >= 1),
        root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
        signed_at timestamptz NOT NULL,
        signature bytea NOT NULL,
        public_key bytea NOT NULL
      )`);
    // The sequencer's position: tree size and the commit position of the last leaf's event.
    await db.query(`
      CREATE TABLE ledger_state (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        tree_size bigint NOT NULL,
        transaction_id xid8 NOT NULL,
        global_position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO ledger_state (tree_size, transaction_id, global_position) VALUES (0, '0', 0)`);
    await db.query(`
      CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['ledger_leaves', 'ledger_nodes', 'ledger_checkpoints']) {
      await db.query(`CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
                      FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
                      FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE ledger_state`);
    await db.query(`DROP TABLE ledger_checkpoints`);
    await db.query(`DROP TABLE ledger_nodes`);
    await db.query(`DROP TABLE ledger_leaves`);
    await db.query(`DROP FUNCTION ledger_is_append_only`);
  }
}
