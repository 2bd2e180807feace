import { EVENT_SQL } from '#event-store';
import type { Queryable } from './ledger-store.js';
import type { Finding, Row } from './verify-result.js';

/** What a mismatch between the log and the ledger is: the queries that name the tampering. */

export async function leafPosition(db: Queryable, leafIndex: number): Promise<number | undefined> {
  const [row]: { global_position: string }[] = await db.query(`SELECT global_position FROM ledger_leaves WHERE leaf_index = $1`, [
    leafIndex,
  ]);
  return row ? Number(row.global_position) : undefined;
}

/** The i-th event in commit order is not the ledger's leaf i. */
export async function classifyMisplaced(db: Queryable, index: number, row: Row): Promise<Finding> {
  const position = row.position;
  const [own]: { leaf_index: string }[] = await db.query(`SELECT leaf_index FROM ledger_leaves WHERE global_position = $1`, [position]);
  const rowLeaf = own ? Number(own.leaf_index) : null;
  const [expected]: { global_position: string; present: boolean }[] = await db.query(
    `SELECT l.global_position, ${EVENT_SQL.existsAt('l.global_position')} AS present
     FROM ledger_leaves l WHERE l.leaf_index = $1`,
    [index],
  );
  if (!expected) {
    return {
      kind: 'MISSING',
      index,
      position,
      rank: 0,
      reason: `leaf ${index} was removed from the ledger (position ${position} is not recorded in it)`,
    };
  }
  const expectedPosition = Number(expected.global_position);
  if (!expected.present) {
    const [later]: unknown[] = await db.query(
      `SELECT 1 FROM ledger_leaves l WHERE l.leaf_index > $1 AND ${EVENT_SQL.existsAt('l.global_position')} LIMIT 1`,
      [index],
    );
    return later
      ? {
          kind: 'MISSING',
          index,
          position: expectedPosition,
          rank: 0,
          reason: `the event at position ${expectedPosition} (leaf ${index}) was deleted`,
        }
      : {
          kind: 'TRUNCATED',
          index,
          position: expectedPosition,
          rank: 0,
          reason: `the events from position ${expectedPosition} (leaf ${index}) to the end of the ledger were deleted`,
        };
  }
  if (rowLeaf !== null) {
    return {
      kind: 'REORDERED',
      index,
      position: expectedPosition,
      rank: 0,
      reason: `the event recorded as leaf ${index} (position ${expectedPosition}) no longer comes ${index + 1}th in commit order: position ${position}, leaf ${rowLeaf}, now precedes it`,
    };
  }
  const [moved]: { leaf_index: string }[] = await db.query(`SELECT leaf_index FROM ledger_leaves WHERE event_hash = $1 LIMIT 1`, [
    Buffer.from(row.hash, 'hex'),
  ]);
  if (moved) {
    return {
      kind: 'REORDERED',
      index,
      position,
      rank: 0,
      reason: `position ${position} holds the event the ledger recorded as leaf ${moved.leaf_index}, under another position`,
    };
  }
  return {
    kind: 'INSERTED',
    index,
    position,
    rank: 0,
    reason: `position ${position} sits among the ledger's leaves (before leaf ${index}, position ${expectedPosition}) but the ledger never recorded it`,
  };
}

/** Leaf i records position p, the event at p is there, but with another hash. */
export async function classifyHashMismatch(db: Queryable, index: number, row: Row, recorded: string): Promise<Finding> {
  const position = row.position;
  const [elsewhere]: { leaf_index: string }[] = await db.query(
    `SELECT leaf_index FROM ledger_leaves WHERE event_hash = $1 AND leaf_index <> $2 LIMIT 1`,
    [Buffer.from(row.hash, 'hex'), index],
  );
  if (elsewhere) {
    return {
      kind: 'REORDERED',
      index,
      position,
      rank: 0,
      reason: `position ${position} holds the event the ledger recorded as leaf ${elsewhere.leaf_index}, not leaf ${index}`,
    };
  }
  return {
    kind: 'ALTERED',
    index,
    position,
    rank: 0,
    reason: `position ${position} (leaf ${index}) has hash ${row.hash}, but the ledger recorded ${recorded}: the event was rewritten`,
  };
}
