/**
 * Reads (and the relay's checkpoint write) over the store's own tables for callers that are not
 * the command path: the relay, the audit API, the ledger and the tools. Only this library names
 * `events`, `unique_keys`, `idempotency_keys` and `relay_checkpoints` in SQL (a lint rule holds it).
 * Each takes the connection to run on, so a caller keeps its transaction and snapshot.
 */
import type { CommitPosition } from '#domain';

/** DataSource, EntityManager and QueryRunner all answer this; rows are typed where they are read. */
export interface Queryable {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/** Commit position and agency of the event at a global position, or null when there is none. */
export async function locateEvent(db: Queryable, globalPosition: number): Promise<{ position: CommitPosition; agency: string } | null> {
  const [row] = await db.query<{ transaction_id: string; agency: string }[]>(
    `SELECT transaction_id::text AS transaction_id, metadata->>'agency' AS agency FROM events WHERE global_position = $1`,
    [globalPosition],
  );
  return row ? { position: { transactionId: row.transaction_id, globalPosition }, agency: row.agency } : null;
}

export async function countEvents(db: Queryable): Promise<number> {
  const [{ n }] = await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM events`);
  return Number(n);
}

/** One payload field of every event of a type (say the NIP of each EmployeeRegistered). */
export async function dataFieldOfType(db: Queryable, type: string, field: string): Promise<string[]> {
  const rows = await db.query<{ value: string }[]>(`SELECT data->>$2 AS value FROM events WHERE type = $1`, [type, field]);
  return rows.map((r) => r.value);
}

/** Where the named relay has published up to; null before its first batch. */
export async function readRelayCheckpoint(db: Queryable, name: string): Promise<CommitPosition | null> {
  const [row] = await db.query<{ transaction_id: string; global_position: string }[]>(
    `SELECT transaction_id::text AS transaction_id, global_position FROM relay_checkpoints WHERE name = $1`,
    [name],
  );
  return row ? { transactionId: row.transaction_id, globalPosition: Number(row.global_position) } : null;
}

export async function writeRelayCheckpoint(db: Queryable, name: string, position: CommitPosition): Promise<void> {
  await db.query(
    `INSERT INTO relay_checkpoints (name, transaction_id, global_position, updated_at) VALUES ($1, $2::xid8, $3, now())
     ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
       global_position = EXCLUDED.global_position, updated_at = now()`,
    [name, position.transactionId, position.globalPosition],
  );
}

/**
 * SQL for readers that must stay in one statement on their own snapshot (the ledger's verifier
 * and proofs join the events with their own tables).
 */
export const EVENT_SQL = {
  /** Every event in commit order, each column as text: the verifier's cursor. */
  allInCommitOrderAsText: `SELECT global_position, stream_id, version, type, schema_version, data::text, metadata::text, hash
  FROM events ORDER BY transaction_id, global_position`,
  /** Scalar subquery: how many events there are. */
  count: `(SELECT count(*) FROM events)`,
  /** Whether an event is at the global position `position` (an SQL expression). */
  existsAt: (position: string) => `EXISTS (SELECT 1 FROM events e WHERE e.global_position = ${position})`,
  /** Scalar subquery: the agency of the event at `position` (an SQL expression), null when it is gone. */
  agencyAt: (position: string) => `(SELECT e.metadata->>'agency' FROM events e WHERE e.global_position = ${position})`,
};
