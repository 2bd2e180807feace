/**
 * Full verification of the event log against itself, the ledger and the signed checkpoints.
 *
 * One REPEATABLE READ snapshot, exported to every connection that reads: the events stream in
 * commit order through a server-side cursor (read and hashed by a worker thread when the compiled
 * worker is there), the ledger's leaves in leaf order through another, side by side, the next page
 * always on its way. For the i-th event in commit order:
 *   - the ledger must hold it as leaf i, with the same event hash, and leaf hash = H(0x00 ‖ hash);
 *   - its stream must continue at the next version and its stored hash must be
 *     SHA-256(previous stored hash of the stream ‖ canonical JSON of what it holds now);
 *   - the tree rebuilt from these hashes must reproduce every checkpoint's root at its size.
 * Checkpoint signatures are checked against the trusted public key, and the stored subtrees the
 * proofs are served from against the rebuilt tree. The first failure in commit order is reported.
 */
import { hash as sha256Once } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { checkpointSignatureValid, type Checkpoint } from './checkpoint.js';
import { EVENT_SQL } from '#event-store';
import { EventChainChecker, RAW_TEXT, type EventPage, type EventRow } from './event-check.js';
import { allCheckpoints, consistencyProofAt, type Queryable } from './ledger-store.js';
import { hexToHash, MerkleFrontier, subtreeStart, verifyConsistency, type Hash } from './merkle.js';
import type { WorkerInput, WorkerMessage } from './verify-worker.js';

export type TamperKind = 'ALTERED' | 'MISSING' | 'REORDERED' | 'INSERTED' | 'TRUNCATED' | 'BAD_SIGNATURE';
export const TAMPER_KINDS: readonly TamperKind[] = ['ALTERED', 'MISSING', 'REORDERED', 'INSERTED', 'TRUNCATED', 'BAD_SIGNATURE'];

export interface VerificationResult {
  ok: boolean;
  /** Events read and checked (all of them when ok). */
  checkedEvents: number;
  /** Global position of the first event found altered, missing, misplaced or forged (when known). */
  firstInvalidPosition?: number;
  kind?: TamperKind;
  reason?: string;
  /** Commit-order index (= leaf index) of the finding. */
  leafIndex?: number;
  /** Leaves in the ledger and committed events not yet in it. */
  treeSize: number;
  pendingEvents: number;
  checkpointsChecked: number;
  latestCheckpoint: { treeSize: number; rootHash: string; signedAt: string } | null;
  /** The key checkpoints were checked against, and where it came from. */
  trustedPublicKey: string | null;
  trust: 'configured' | 'checkpoint-file' | 'first-checkpoint' | 'none';
  /** Which thread read and hashed the events. */
  eventsCheckedBy: 'worker' | 'main';
  /** With a trusted checkpoint: whether the log extends it, shown by an RFC 9162 consistency proof. */
  trustedCheckpoint?: {
    treeSize: number;
    rootHash: string;
    signedAt: string;
    /** Whether the log's first treeSize events reproduce its root; null when the pass stopped before them. */
    reproduced: boolean | null;
    /** The latest checkpoint an RFC 9162 consistency proof from it verified against, if any. */
    extendedTo: number | null;
    proofLength: number | null;
  };
  durationMs: number;
}

export interface VerifyOptions {
  /** Base64 raw Ed25519 key every checkpoint must verify under. */
  trustedPublicKey?: string | null;
  /** An auditor's earlier checkpoint: the log must still reproduce it. */
  trustedCheckpoint?: Checkpoint | null;
  pageSize?: number;
  onProgress?: (checked: number, total: number) => void;
  /**
   * Where the events are read and hashed: a worker thread (the compiled verify-worker.js beside
   * this module, by default when it exists and the database is reached by URL) or null for this thread.
   */
  workerUrl?: URL | null;
}

export class UntrustedCheckpointError extends Error {}

/** A ledger leaf as the pass reads it: index, position, event hash and leaf hash, all text. */
type LeafRow = [leafIndex: string, globalPosition: string, eventHash: string, leafHash: string];

/** What classification needs of an event. */
interface Row {
  position: number;
  hash: string;
}

interface Finding {
  kind: TamperKind;
  index: number;
  position?: number;
  reason: string;
  /** Among findings at one index: the event's own first, then signatures, then roots. */
  rank: number;
}

interface CheckpointCheck {
  checkpoint: Checkpoint;
  trusted: boolean;
  signatureOk: boolean;
  reproduced: boolean | null;
  source: 'stored' | 'file';
}

const LEAVES_IN_ORDER = `SELECT leaf_index, global_position, encode(event_hash, 'hex'), encode(leaf_hash, 'hex')
  FROM ledger_leaves ORDER BY leaf_index`;

/** Rows of a server-side cursor, a page at a time; the next page is on its way while this one is used. */
class CursorPages<T> {
  rows: T[] = [];
  at = 0;
  private pending: Promise<T[]> | null;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly cursor: string,
    private readonly pageSize: number,
  ) {
    this.pending = this.fetch();
  }

  private fetch(): Promise<T[]> {
    return this.client
      .query({ text: `FETCH ${this.pageSize} FROM ${this.cursor}`, rowMode: 'array', types: RAW_TEXT })
      .then((r) => r.rows as T[]);
  }

  /** Whether a row is at hand, waiting for the next page only when this one is used up. */
  async ready(): Promise<boolean> {
    if (this.at < this.rows.length) return true;
    if (!this.pending) return false;
    this.rows = await this.pending;
    this.at = 0;
    this.pending = this.rows.length === this.pageSize ? this.fetch() : null;
    return this.rows.length > 0;
  }

  async settle(): Promise<void> {
    if (this.pending) await this.pending.catch(() => undefined);
    this.pending = null;
  }
}

/** Checked pages of events in commit order, from a worker thread or from this one. */
interface EventPages {
  next(): Promise<EventPage | null>;
  close(): Promise<void>;
}

/** In this thread: the events cursor on the snapshot's own connection. */
function localEventPages(client: pg.ClientBase, pageSize: number): EventPages {
  const checker = new EventChainChecker();
  let cursor: CursorPages<EventRow> | null = null;
  return {
    async next() {
      if (!cursor) {
        await client.query(`DECLARE verify_events NO SCROLL CURSOR FOR ${EVENT_SQL.allInCommitOrderAsText}`);
        cursor = new CursorPages<EventRow>(client, 'verify_events', pageSize);
      }
      if (checker.stopped || !(await cursor.ready())) return null;
      const rows = cursor.rows;
      cursor.at = rows.length;
      return checker.checkPage(rows);
    },
    async close() {
      if (cursor) await cursor.settle();
    },
  };
}

/** The compiled worker beside this module (dist/); absent when running from TypeScript sources. */
export function defaultWorkerUrl(): URL | null {
  const url = new URL('./verify-worker.js', import.meta.url);
  return existsSync(url) ? url : null;
}

/** In a worker thread: it reads and hashes the events while this thread checks them against the ledger. */
function workerEventPages(workerUrl: URL, input: WorkerInput): EventPages {
  const worker = new Worker(workerUrl, { workerData: input });
  const queue: WorkerMessage[] = [];
  let waiting: ((message: WorkerMessage) => void) | null = null;
  let finished = false;
  const deliver = (message: WorkerMessage) => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve(message);
    } else {
      queue.push(message);
    }
  };
  worker.on('message', deliver);
  worker.on('error', (error) => deliver({ error: error.message }));
  worker.on('exit', (code) => deliver(code === 0 ? { done: true } : { error: `the verify worker stopped (exit ${code})` }));
  worker.postMessage({ credit: 3 });
  return {
    async next() {
      if (finished) return null;
      const message = queue.shift() ?? (await new Promise<WorkerMessage>((resolve) => (waiting = resolve)));
      if ('error' in message) {
        finished = true;
        throw new Error(`verify worker: ${message.error}`);
      }
      if ('done' in message) {
        finished = true;
        return null;
      }
      worker.postMessage({ credit: 1 });
      return message.page;
    },
    async close() {
      finished = true;
      worker.postMessage({ stop: true });
      await worker.terminate();
    },
  };
}

/** Hashes a leaf from its event hash in hex, without allocating the input. */
class LeafHasher {
  private readonly input = Buffer.alloc(33);

  hash(eventHashHex: string): Hash {
    this.input.write(eventHashHex, 1, 32, 'hex');
    return sha256Once('sha256', this.input, 'buffer');
  }
}

async function rawClient(runner: QueryRunner): Promise<pg.ClientBase> {
  return (await runner.connect()) as pg.ClientBase;
}

export class LedgerVerifier {
  constructor(private readonly dataSource: DataSource) {}

  async verify(options: VerifyOptions = {}): Promise<VerificationResult> {
    const started = Date.now();
    // Two connections, one snapshot: events on one, the ledger's leaves on the other, read side by side.
    const runner = this.dataSource.createQueryRunner();
    const leavesRunner = this.dataSource.createQueryRunner();
    try {
      await rawClient(runner);
      const leavesClient = await rawClient(leavesRunner);
      await runner.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      await leavesRunner.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      try {
        const [{ snapshot }]: { snapshot: string }[] = await runner.query(`SELECT pg_export_snapshot() AS snapshot`);
        await leavesRunner.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, '')}'`);
        for (const r of [runner, leavesRunner]) await r.query(`SET LOCAL jit = off`);
        const url = (this.dataSource.options as { url?: string }).url;
        const workerUrl = options.workerUrl === undefined ? defaultWorkerUrl() : options.workerUrl;
        const inWorker = Boolean(workerUrl && url);
        const events =
          workerUrl && url
            ? workerEventPages(workerUrl, {
                connectionString: url,
                snapshot,
                pageSize: options.pageSize ?? 5000,
                query: EVENT_SQL.allInCommitOrderAsText,
              })
            : localEventPages(await rawClient(runner), options.pageSize ?? 5000);
        let result: Omit<VerificationResult, 'durationMs' | 'eventsCheckedBy'>;
        try {
          result = await this.verifyInSnapshot(runner, leavesClient, events, options);
        } finally {
          await events.close();
        }
        return { ...result, eventsCheckedBy: inWorker ? 'worker' : 'main', durationMs: Date.now() - started };
      } finally {
        await leavesRunner.query(`ROLLBACK`).catch(() => undefined);
        await runner.query(`ROLLBACK`).catch(() => undefined);
      }
    } finally {
      await leavesRunner.release();
      await runner.release();
    }
  }

  private async verifyInSnapshot(
    db: QueryRunner,
    leavesClient: pg.ClientBase,
    events: EventPages,
    options: VerifyOptions,
  ): Promise<Omit<VerificationResult, 'durationMs' | 'eventsCheckedBy'>> {
    const pageSize = options.pageSize ?? 5000;
    const [{ tree_size: treeSizeText, events: eventsText }]: { tree_size: string; events: string }[] = await db.query(
      `SELECT (SELECT coalesce(max(leaf_index) + 1, 0) FROM ledger_leaves) AS tree_size, ${EVENT_SQL.count} AS events`,
    );
    const treeSize = Number(treeSizeText);
    const totalEvents = Number(eventsText);
    const stored = await allCheckpoints(db);

    // Which key the checkpoints answer to.
    let trustedKey = options.trustedPublicKey ?? null;
    let trust: VerificationResult['trust'] = trustedKey ? 'configured' : 'none';
    const file = options.trustedCheckpoint ?? null;
    if (file) {
      if (!checkpointSignatureValid(file, trustedKey ?? file.publicKey)) {
        throw new UntrustedCheckpointError(
          trustedKey && trustedKey !== file.publicKey
            ? 'the trusted checkpoint was not signed by the trusted public key'
            : 'the trusted checkpoint’s signature does not verify',
        );
      }
      if (!trustedKey) {
        trustedKey = file.publicKey;
        trust = 'checkpoint-file';
      }
    }
    if (!trustedKey && stored.length > 0) {
      trustedKey = stored[0].publicKey;
      trust = 'first-checkpoint';
    }
    const checks: CheckpointCheck[] = stored.map((checkpoint) => {
      const signatureOk = checkpoint.publicKey === trustedKey && checkpointSignatureValid(checkpoint, trustedKey ?? undefined);
      return { checkpoint, trusted: signatureOk, signatureOk, reproduced: null, source: 'stored' };
    });
    if (file) checks.push({ checkpoint: file, trusted: true, signatureOk: true, reproduced: null, source: 'file' });
    const bySize = new Map<number, CheckpointCheck[]>();
    for (const check of checks) bySize.set(check.checkpoint.treeSize, [...(bySize.get(check.checkpoint.treeSize) ?? []), check]);

    // The pass: the events side (stream links, content hashes) comes checked page by page; here,
    // each event against the ledger's leaf at its commit index, and the tree rebuilt.
    const frontier = MerkleFrontier.empty();
    const rebuilt = new RebuiltSubtrees(treeSize);
    const leafHasher = new LeafHasher();
    let finding: Finding | null = null;
    let index = 0;
    let checked = 0;
    await leavesClient.query(`DECLARE verify_leaves NO SCROLL CURSOR FOR ${LEAVES_IN_ORDER}`);
    const leaves = new CursorPages<LeafRow>(leavesClient, 'verify_leaves', pageSize);
    for (let page = await events.next(); page; page = await events.next()) {
      const { positions, hashes } = page;
      for (let k = 0; k < page.count; k++) {
        const position = positions[k];
        if (index < treeSize) {
          const recorded = leaves.at < leaves.rows.length || (await leaves.ready()) ? leaves.rows[leaves.at] : null;
          if (!recorded || +recorded[0] !== index || +recorded[1] !== position) {
            finding = await classifyMisplaced(db, index, { position, hash: hashes.slice(k * 64, k * 64 + 64) });
            break;
          }
          if (!hashes.startsWith(recorded[2], k * 64)) {
            finding = await classifyHashMismatch(db, index, { position, hash: hashes.slice(k * 64, k * 64 + 64) }, recorded[2]);
            break;
          }
          const leaf = leafHasher.hash(recorded[2]);
          if (leaf.toString('hex') !== recorded[3]) {
            finding = {
              kind: 'ALTERED',
              index,
              position,
              rank: 0,
              reason: `the ledger's leaf ${index} (position ${position}) is not the hash of the event it records`,
            };
            break;
          }
          leaves.at += 1;
          if (page.anomaly?.offset === k) break;
          frontier.append(leaf, rebuilt.record);
          const due = bySize.get(frontier.size);
          if (due) {
            const root = frontier.root().toString('hex');
            for (const check of due) check.reproduced = check.checkpoint.rootHash === root;
          }
        }
        if (page.anomaly?.offset === k) break;
        index += 1;
        checked += 1;
      }
      if (!finding && page.anomaly) {
        const { kind, position, reason } = page.anomaly;
        finding = { kind, index, position, rank: 0, reason };
      }
      options.onProgress?.(checked, Math.max(totalEvents, checked));
      if (finding) break;
    }
    await leaves.settle();

    const sequenced = Math.min(index, treeSize);
    if (!finding && index < treeSize) {
      // The log ended while the ledger still had leaves: the tail of the log is gone.
      const position = await leafPosition(db, index);
      finding = {
        kind: 'TRUNCATED',
        index,
        position,
        rank: 0,
        reason: `the log ends after ${index} events but the ledger holds ${treeSize}: the events from leaf ${index} on were removed`,
      };
    }
    const stopAt = finding ? finding.index : Infinity;

    // Anchors: trusted checkpoints the rebuilt tree reproduced. Everything below one is authentic.
    const anchors = checks.filter((c) => c.trusted && c.reproduced === true).map((c) => c.checkpoint.treeSize);
    const anchorBelow = (size: number) => anchors.filter((a) => a < size).reduce((a, b) => Math.max(a, b), 0);
    const candidates: Finding[] = finding ? [finding] : [];
    const firstBad = checks
      .filter((c) => c.source === 'stored' && !c.signatureOk)
      .sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize)[0];
    if (firstBad) {
      const cp = firstBad.checkpoint;
      const at = anchorBelow(cp.treeSize);
      candidates.push({
        kind: 'BAD_SIGNATURE',
        index: at,
        rank: 1,
        reason:
          cp.publicKey !== trustedKey
            ? `checkpoint ${cp.treeSize} (signed ${cp.signedAt}) is signed by key ${cp.publicKey}, not the trusted ${trustedKey}: nothing after leaf ${at} is attested`
            : `checkpoint ${cp.treeSize} (signed ${cp.signedAt}) has a signature that does not verify: nothing after leaf ${at} is attested`,
      });
    }
    for (const check of checks.filter((c) => c.trusted).sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize)) {
      const cp = check.checkpoint;
      if (cp.treeSize > stopAt) break;
      const from = check.source === 'file' ? 'the trusted checkpoint' : 'checkpoint';
      if (cp.treeSize > sequenced && !finding) {
        candidates.push({
          kind: 'TRUNCATED',
          index: sequenced,
          rank: 2,
          reason: `${from} ${cp.treeSize} (signed ${cp.signedAt}) covers ${cp.treeSize} events but the ledger now holds ${treeSize}: events from leaf ${sequenced} on were removed`,
        });
        break;
      }
      if (check.reproduced === false) {
        const at = anchorBelow(cp.treeSize);
        candidates.push({
          kind: 'TRUNCATED',
          index: at,
          rank: 2,
          reason: `${from} ${cp.treeSize} (signed ${cp.signedAt}) is not reproduced by the log: the history it signed was cut off or rewritten after leaf ${at}`,
        });
        break;
      }
    }
    if (!finding) {
      const damaged = await firstDamagedSubtree(db, rebuilt, sequenced);
      if (damaged) candidates.push(damaged);
    }
    candidates.sort((a, b) => a.index - b.index || a.rank - b.rank);
    const first = candidates[0] ?? null;
    if (first && first.position === undefined && first.index < treeSize) first.position = await leafPosition(db, first.index);

    const latest = stored.length > 0 ? stored[stored.length - 1] : null;
    const result: Omit<VerificationResult, 'durationMs' | 'eventsCheckedBy'> = {
      ok: first === null,
      checkedEvents: checked,
      treeSize,
      pendingEvents: first ? 0 : Math.max(0, checked - treeSize),
      checkpointsChecked: checks.length,
      latestCheckpoint: latest ? { treeSize: latest.treeSize, rootHash: latest.rootHash, signedAt: latest.signedAt } : null,
      trustedPublicKey: trustedKey,
      trust,
    };
    if (first) {
      if (first.position !== undefined) result.firstInvalidPosition = first.position;
      result.kind = first.kind;
      result.reason = first.reason;
      result.leafIndex = first.index;
    }
    if (file) {
      const reproduced = checks.find((c) => c.source === 'file')?.reproduced ?? null;
      result.trustedCheckpoint = {
        treeSize: file.treeSize,
        rootHash: file.rootHash,
        signedAt: file.signedAt,
        reproduced,
        extendedTo: null,
        proofLength: null,
      };
      const signedLatest =
        [...checks].reverse().find((c) => c.source === 'stored' && c.signatureOk && c.reproduced === true)?.checkpoint ?? null;
      if (reproduced && signedLatest && signedLatest.treeSize >= file.treeSize) {
        // What an auditor outside does: an RFC 9162 consistency proof from their checkpoint to the latest.
        const proof = await consistencyProofAt(db, file.treeSize, signedLatest.treeSize);
        const consistent = verifyConsistency(
          file.treeSize,
          signedLatest.treeSize,
          hexToHash(file.rootHash),
          hexToHash(signedLatest.rootHash),
          proof.proof.map(hexToHash),
        );
        if (consistent) {
          result.trustedCheckpoint.extendedTo = signedLatest.treeSize;
          result.trustedCheckpoint.proofLength = proof.proof.length;
        } else if (result.ok) {
          // The stored subtrees the proof came from would already have been reported; kept as a last line.
          Object.assign(result, {
            ok: false,
            kind: 'ALTERED',
            leafIndex: file.treeSize,
            reason: `the ledger's consistency proof from the trusted checkpoint ${file.treeSize} to checkpoint ${signedLatest.treeSize} does not verify`,
          });
        }
      }
    }
    return result;
  }
}

async function leafPosition(db: Queryable, leafIndex: number): Promise<number | undefined> {
  const [row]: { global_position: string }[] = await db.query(`SELECT global_position FROM ledger_leaves WHERE leaf_index = $1`, [
    leafIndex,
  ]);
  return row ? Number(row.global_position) : undefined;
}

/** The i-th event in commit order is not the ledger's leaf i. */
async function classifyMisplaced(db: Queryable, index: number, row: Row): Promise<Finding> {
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
async function classifyHashMismatch(db: Queryable, index: number, row: Row, recorded: string): Promise<Finding> {
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

/** Every perfect subtree of level ≥ 1 of the rebuilt tree, level by level in flat buffers. */
class RebuiltSubtrees {
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
async function firstDamagedSubtree(db: Queryable, rebuilt: RebuiltSubtrees, sequenced: number): Promise<Finding | null> {
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
