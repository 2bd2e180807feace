/**
 * The ledger's tables, read and written. Every proof or root is planned in merkle.ts as a set of
 * perfect subtrees, then fetched in ONE query of O(log n) primary-key lookups.
 */
import { DomainError } from '#domain';
import type { CommitPosition } from '#domain';
import { EVENT_SQL, type Queryable } from '#event-store';
import type { Checkpoint } from './checkpoint.js';
import {
  consistencyProofRanges,
  EMPTY_TREE_ROOT,
  foldPieces,
  inclusionPathRanges,
  perfectPieces,
  subtreeKey,
  type Hash,
  type Range,
  type SubtreeRef,
} from './merkle.js';

export type { Queryable };

export interface LedgerState {
  treeSize: number;
  /** Commit position of the last leaf's event: the sequencer resumes after it. */
  cursor: CommitPosition;
}

export interface NewLeaf {
  globalPosition: number;
  eventHash: Hash;
  leafHash: Hash;
}

export interface NewNode {
  level: number;
  index: number;
  hash: Hash;
}

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  auditPath: string[];
}

export interface ConsistencyProof {
  from: number;
  to: number;
  proof: string[];
}

export class LedgerIntegrityError extends DomainError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('INTERNAL', message, { reason: 'LEDGER.INTEGRITY', cause: options.cause });
  }
}

interface CheckpointRow {
  tree_size: string;
  root_hash: Buffer;
  signed_at: Date;
  signature: Buffer;
  public_key: Buffer;
}

export function toCheckpoint(row: CheckpointRow): Checkpoint {
  return {
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash.toString('hex'),
    signedAt: row.signed_at.toISOString(),
    signature: row.signature.toString('base64'),
    publicKey: row.public_key.toString('base64'),
  };
}

export const CHECKPOINT_COLUMNS = 'tree_size, root_hash, signed_at, signature, public_key';

export async function readLedgerState(db: Queryable, lock = false): Promise<LedgerState> {
  const [row]: { tree_size: string; transaction_id: string; global_position: string }[] = await db.query(
    `SELECT tree_size, transaction_id::text AS transaction_id, global_position FROM ledger_state${lock ? ' FOR UPDATE' : ''}`,
  );
  if (!row) throw new LedgerIntegrityError('ledger_state has no row: was the ledger migration run?');
  return { treeSize: Number(row.tree_size), cursor: { transactionId: row.transaction_id, globalPosition: Number(row.global_position) } };
}

/** Hashes of perfect subtrees (level 0 = leaves), keyed `level:index`; one query. Missing ones throw. */
export async function fetchSubtrees(db: Queryable, refs: readonly SubtreeRef[]): Promise<Map<string, Hash>> {
  const unique = new Map(refs.map((r) => [subtreeKey(r), r]));
  const leaves = [...unique.values()].filter((r) => r.level === 0).map((r) => r.index);
  const inner = [...unique.values()].filter((r) => r.level > 0);
  if (unique.size === 0) return new Map();
  const rows: { level: number; index: string; hash: Buffer }[] = await db.query(
    `SELECT 0 AS level, leaf_index AS index, leaf_hash AS hash FROM ledger_leaves WHERE leaf_index = ANY($1::bigint[])
     UNION ALL
     SELECT n.level, n.index, n.hash FROM ledger_nodes n
       JOIN unnest($2::smallint[], $3::bigint[]) AS want(level, index) ON n.level = want.level AND n.index = want.index`,
    [leaves, inner.map((r) => r.level), inner.map((r) => r.index)],
  );
  const found = new Map(rows.map((r) => [`${r.level}:${r.index}`, r.hash]));
  for (const key of unique.keys()) {
    if (!found.has(key)) throw new LedgerIntegrityError(`the ledger has no subtree ${key}`);
  }
  return found;
}

function piecesOf(ranges: readonly Range[]): SubtreeRef[][] {
  return ranges.map((r) => perfectPieces(r.start, r.end));
}

function assemble(pieces: SubtreeRef[][], hashes: Map<string, Hash>): Hash[] {
  return pieces.map((ps) => foldPieces(ps.map((p) => hashes.get(subtreeKey(p)) as Hash)));
}

/** MTH of the first `size` leaves (EMPTY_TREE_ROOT for 0). */
export async function rootAt(db: Queryable, size: number): Promise<Hash> {
  if (size === 0) return EMPTY_TREE_ROOT;
  const pieces = perfectPieces(0, size);
  const hashes = await fetchSubtrees(db, pieces);
  return foldPieces(pieces.map((p) => hashes.get(subtreeKey(p)) as Hash));
}

/** PATH(leafIndex, D[treeSize]) from the stored subtrees: one query. The caller checks the ranges. */
export async function inclusionProofAt(db: Queryable, leafIndex: number, treeSize: number): Promise<InclusionProof & { rootHash: string }> {
  const ranges = inclusionPathRanges(leafIndex, treeSize);
  const pieces = piecesOf(ranges);
  const rootPieces = perfectPieces(0, treeSize);
  const leaf = { level: 0, index: leafIndex };
  const hashes = await fetchSubtrees(db, [leaf, ...pieces.flat(), ...rootPieces]);
  return {
    leafIndex,
    treeSize,
    leafHash: (hashes.get(subtreeKey(leaf)) as Hash).toString('hex'),
    auditPath: assemble(pieces, hashes).map((h) => h.toString('hex')),
    rootHash: foldPieces(rootPieces.map((p) => hashes.get(subtreeKey(p)) as Hash)).toString('hex'),
  };
}

/** PROOF(from, D[to]) from the stored subtrees: one query. from = to gives an empty proof. */
export async function consistencyProofAt(db: Queryable, from: number, to: number): Promise<ConsistencyProof> {
  const ranges = consistencyProofRanges(from, to);
  const pieces = piecesOf(ranges);
  const hashes = await fetchSubtrees(db, pieces.flat());
  return { from, to, proof: assemble(pieces, hashes).map((h) => h.toString('hex')) };
}

export async function latestCheckpoint(db: Queryable): Promise<Checkpoint | null> {
  const [row]: CheckpointRow[] = await db.query(`SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1`);
  return row ? toCheckpoint(row) : null;
}

export async function allCheckpoints(db: Queryable): Promise<Checkpoint[]> {
  const rows: CheckpointRow[] = await db.query(`SELECT ${CHECKPOINT_COLUMNS} FROM ledger_checkpoints ORDER BY tree_size`);
  return rows.map(toCheckpoint);
}

export interface LeafOfEvent {
  leafIndex: number;
  globalPosition: number;
  leafHash: string;
  eventHash: string;
  /** The event's agency, or null when the event row is gone. */
  agency: string | null;
}

export async function leafOfPosition(db: Queryable, globalPosition: number): Promise<LeafOfEvent | null> {
  const [row]: { leaf_index: string; leaf_hash: Buffer; event_hash: Buffer; agency: string | null }[] = await db.query(
    `SELECT l.leaf_index, l.leaf_hash, l.event_hash, ${EVENT_SQL.agencyAt('l.global_position')} AS agency
     FROM ledger_leaves l WHERE l.global_position = $1`,
    [globalPosition],
  );
  if (!row) return null;
  return {
    leafIndex: Number(row.leaf_index),
    globalPosition,
    leafHash: row.leaf_hash.toString('hex'),
    eventHash: row.event_hash.toString('hex'),
    agency: row.agency,
  };
}

export interface LedgerAppend {
  /** The tree size the batch was built on: the write fails if another writer moved it. */
  expectedTreeSize: number;
  leaves: NewLeaf[];
  nodes: NewNode[];
  checkpoints: Checkpoint[];
  cursor: CommitPosition;
}

export class LedgerWriteConflictError extends DomainError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('CONCURRENCY_CONFLICT', message, { reason: 'LEDGER.WRITE_CONFLICT', cause: options.cause });
  }
}

/**
 * Writes one batch: leaves, completed subtrees, checkpoints and the new state. Call inside a
 * transaction; the state update is conditional, so two writers can never both extend one tree.
 */
export async function appendToLedger(db: Queryable, batch: LedgerAppend): Promise<void> {
  const newSize = batch.expectedTreeSize + batch.leaves.length;
  const moved: unknown[] = await db.query(
    `UPDATE ledger_state SET tree_size = $2, transaction_id = $3::xid8, global_position = $4, updated_at = now()
     WHERE tree_size = $1 RETURNING tree_size`,
    [batch.expectedTreeSize, newSize, batch.cursor.transactionId, batch.cursor.globalPosition],
  );
  if ((Array.isArray(moved[0]) ? moved[0] : moved).length === 0) {
    throw new LedgerWriteConflictError(`the ledger is no longer at tree size ${batch.expectedTreeSize}: another writer extended it`);
  }
  if (batch.leaves.length > 0) {
    await db.query(
      `INSERT INTO ledger_leaves (leaf_index, global_position, event_hash, leaf_hash)
       SELECT $1::bigint + o - 1, gp, eh, lh FROM unnest($2::bigint[], $3::bytea[], $4::bytea[]) WITH ORDINALITY AS t(gp, eh, lh, o)`,
      [
        batch.expectedTreeSize,
        batch.leaves.map((l) => l.globalPosition),
        batch.leaves.map((l) => l.eventHash),
        batch.leaves.map((l) => l.leafHash),
      ],
    );
  }
  if (batch.nodes.length > 0) {
    await db.query(`INSERT INTO ledger_nodes (level, index, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`, [
      batch.nodes.map((n) => n.level),
      batch.nodes.map((n) => n.index),
      batch.nodes.map((n) => n.hash),
    ]);
  }
  for (const c of batch.checkpoints) {
    await db.query(`INSERT INTO ledger_checkpoints (tree_size, root_hash, signed_at, signature, public_key) VALUES ($1, $2, $3, $4, $5)`, [
      c.treeSize,
      Buffer.from(c.rootHash, 'hex'),
      c.signedAt,
      Buffer.from(c.signature, 'base64'),
      Buffer.from(c.publicKey, 'base64'),
    ]);
  }
}
