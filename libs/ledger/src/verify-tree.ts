import { hash as sha256Once } from 'node:crypto';
import type { Queryable } from './ledger-store.js';
import { subtreeStart, type Hash } from './merkle.js';
import type { Finding } from './verify-result.js';

/** The tree side of the pass: leaf hashes, the rebuilt subtrees, and the stored subtrees checked against them. */

/** Hashes a leaf from its event hash in hex, without allocating the input. */
export class LeafHasher {
  private readonly input = Buffer.alloc(33);

  hash(eventHashHex: string): Hash {
    this.input.write(eventHashHex, 1, 32, 'hex');
    return sha256Once('sha256', this.input, 'buffer');
  }
}

/** Every perfect subtree of level ≥ 1 of the rebuilt tree, level by level in flat buffers. */
export class RebuiltSubtrees {
  readonly levels: Buffer[] = [];

  constructor(treeSize: number) {
    for (let level = 1; 2 ** level <= treeSize; level++) this.levels[level] = Buffer.alloc(Math.floor(treeSize / 2 ** level) * 32);
  }

  readonly record = (level: number, index: number, hash: Hash): void => {
    hash.copy(this.levels[level], index * 32);
  };

  count(level: number, sequenced: number): number {
    return Math.floor(sequenced / 2 ** level);
  }
}

const CHUNK = 16384;

/**
 * The first stored subtree (the ones proofs are served from) that disagrees with the rebuilt tree,
 * or that is missing or extra. PostgreSQL concatenates the stored hashes in chunks, compared whole.
 */
export async function firstDamagedSubtree(db: Queryable, rebuilt: RebuiltSubtrees, sequenced: number): Promise<Finding | null> {
  const rows: { level: number; chunk: string; n: string; lo: string; hi: string; hashes: Buffer }[] = await db.query(
    `SELECT level, index / ${CHUNK} AS chunk, count(*) AS n, min(index) AS lo, max(index) AS hi,
            string_agg(hash, ''::bytea ORDER BY index) AS hashes
     FROM ledger_nodes GROUP BY level, index / ${CHUNK} ORDER BY level, chunk`,
  );
  let worst: { level: number; index: number } | null = null;
  const note = (level: number, index: number) => {
    if (!worst || index * 2 ** level < subtreeStart(worst)) worst = { level, index };
  };
  const seen = new Map<number, number>();
  for (const row of rows) {
    const level = row.level;
    const lo = Number(row.lo);
    const hi = Number(row.hi);
    const n = Number(row.n);
    const expectedCount = rebuilt.count(level, sequenced);
    seen.set(level, (seen.get(level) ?? 0) + n);
    const chunkStart = Number(row.chunk) * CHUNK;
    const chunkEnd = Math.min(chunkStart + CHUNK, expectedCount);
    if (lo !== chunkStart || hi !== chunkEnd - 1 || n !== chunkEnd - chunkStart) {
      // Missing or extra nodes in this chunk: name the first index that is not what it should be.
      note(level, lo !== chunkStart ? chunkStart : Math.min(hi + 1, chunkStart + n));
      continue;
    }
    const expected = rebuilt.levels[level].subarray(chunkStart * 32, chunkEnd * 32);
    if (!expected.equals(row.hashes)) {
      for (let i = 0; i < n; i++) {
        if (expected.compare(row.hashes, i * 32, i * 32 + 32, i * 32, i * 32 + 32) !== 0) {
          note(level, chunkStart + i);
          break;
        }
      }
    }
  }
  rebuilt.levels.forEach((_, level) => {
    const expectedCount = rebuilt.count(level, sequenced);
    if ((seen.get(level) ?? 0) < expectedCount && expectedCount > 0) note(level, Math.min(seen.get(level) ?? 0, expectedCount - 1));
  });
  if (!worst) return null;
  const damaged = worst as { level: number; index: number };
  const start = subtreeStart(damaged);
  return {
    kind: 'ALTERED',
    index: Math.min(start, Math.max(0, sequenced - 1)),
    rank: 0,
    reason: `the ledger's stored subtree (level ${damaged.level}, index ${damaged.index}) does not match the events: proofs over leaves from ${start} would be wrong`,
  };
}
