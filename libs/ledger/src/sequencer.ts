import type { DataSource, QueryRunner } from 'typeorm';
import { formatCommitPosition, type CommitPosition } from '#domain';
import { EventStore, LeaderWorker } from '#event-store';
import type { Checkpoint, CheckpointSigner } from './checkpoint.js';
import {
  appendToLedger,
  fetchSubtrees,
  readLedgerState,
  type LedgerState,
  type NewLeaf,
  type NewNode,
  type Queryable,
} from './ledger-store.js';
import { hexToHash, leafHash, MerkleFrontier, perfectPieces, subtreeKey, type Hash } from './merkle.js';

export interface LedgerSequencerOptions {
  /** Events read and appended per transaction. */
  batchSize: number;
  pollMs: number;
  standbyRetryMs: number;
  /** Sign a checkpoint every this many leaves... */
  checkpointEveryEvents: number;
  /** ...or when this long has passed since the last one and the tree has grown. */
  checkpointEverySeconds: number;
}

export interface SequencerLogger {
  log(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export interface SequencedBatch {
  /** Global positions of the events that became leaves, in leaf order. */
  globalPositions: number[];
  treeSize: number;
  checkpoints: Checkpoint[];
  /** performance.now()-style wall clock (Date.now()) when the batch committed. */
  committedAt: number;
}

export interface SequencerStatus {
  leader: boolean;
  treeSize: number;
  cursor: CommitPosition;
  lastCheckpointSize: number;
  lastError: string | null;
}

const LOCK_KEY = 'jenjang.ledger';

/**
 * The single writer of the ledger. Reads committed events in commit order (below the xid
 * watermark, like the relay), appends their hashes as leaves with every perfect subtree they
 * complete, and signs checkpoints every N leaves or T seconds, all in one transaction per batch on
 * the connection holding the advisory lock: a sequencer that lost its lock cannot write.
 */
export class LedgerSequencer extends LeaderWorker {
  private frontier: MerkleFrontier | null = null;
  private state: LedgerState = { treeSize: 0, cursor: { transactionId: '0', globalPosition: 0 } };
  private lastCheckpoint = { treeSize: 0, at: 0 };
  private exclusive: Promise<unknown> = Promise.resolve();
  private readonly store: EventStore;
  readonly status: SequencerStatus = {
    leader: false,
    treeSize: 0,
    cursor: { transactionId: '0', globalPosition: 0 },
    lastCheckpointSize: 0,
    lastError: null,
  };
  /** Called after each committed batch (benchmarks measure the lag with it). */
  onBatch: ((batch: SequencedBatch) => void) | null = null;

  constructor(
    dataSource: DataSource,
    private readonly signer: CheckpointSigner,
    private readonly options: LedgerSequencerOptions,
    logger: SequencerLogger,
  ) {
    super(dataSource, LOCK_KEY, options, logger, 'ledger');
    this.store = new EventStore(dataSource);
  }

  /**
   * Sequences everything committed so far; with `checkpoint`, also signs the tree as it then
   * stands if no checkpoint covers it yet. Returns the number of leaves added. For tests and tools.
   */
  async drain(options: { checkpoint?: boolean } = {}): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.step(options.checkpoint ?? false);
      total += n;
      if (n === 0) return total;
    }
  }

  protected async onLeadership(runner: QueryRunner): Promise<void> {
    await this.restore(runner);
    this.logger.log('ledger sequencer is the active writer', {
      treeSize: this.state.treeSize,
      cursor: formatCommitPosition(this.state.cursor),
    });
  }

  protected override onLeadershipLost(): void {
    this.frontier = null;
  }

  /** A drain() still running when the sequencer stops finishes first. */
  protected override settle(): Promise<unknown> {
    return this.exclusive;
  }

  /** One batch, never two at once in this process (the loop and drain() share it). */
  protected step(forceCheckpoint = false): Promise<number> {
    const next = this.exclusive.then(() => this.appendNextBatch(forceCheckpoint));
    this.exclusive = next.catch(() => undefined);
    return next;
  }

  /** Loads the tree's right edge from the stored subtrees: O(log n) rows. */
  private async restore(db: Queryable): Promise<void> {
    this.state = await readLedgerState(db);
    const size = this.state.treeSize;
    const pieces = size === 0 ? [] : perfectPieces(0, size);
    const hashes = await fetchSubtrees(db, pieces);
    this.frontier = MerkleFrontier.restore(
      size,
      pieces.map((p) => hashes.get(subtreeKey(p)) as Hash),
    );
    const [last]: { tree_size: string; signed_at: Date }[] = await db.query(
      `SELECT tree_size, signed_at FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1`,
    );
    // With no checkpoint yet, the clock starts now: the first one comes after N leaves or T seconds like any other.
    this.lastCheckpoint = last ? { treeSize: Number(last.tree_size), at: last.signed_at.getTime() } : { treeSize: 0, at: Date.now() };
    this.publishStatus();
  }

  private async appendNextBatch(forceCheckpoint: boolean): Promise<number> {
    if (!(await this.acquireLeadership())) return 0;
    const runner = this.runner as QueryRunner;
    const frontier = (this.frontier as MerkleFrontier).clone();
    const events = await this.store.readAllHashes(this.state.cursor, this.options.batchSize);
    const leaves: NewLeaf[] = [];
    const nodes: NewNode[] = [];
    const due: { treeSize: number; root: Hash }[] = [];
    let sinceCheckpoint = frontier.size - this.lastCheckpoint.treeSize;
    for (const event of events) {
      const eventHash = hexToHash(event.hash);
      const leaf = leafHash(eventHash);
      frontier.append(leaf, (level, index, hash) => nodes.push({ level, index, hash }));
      leaves.push({ globalPosition: event.globalPosition, eventHash, leafHash: leaf });
      sinceCheckpoint += 1;
      if (sinceCheckpoint >= this.options.checkpointEveryEvents) {
        due.push({ treeSize: frontier.size, root: frontier.root() });
        sinceCheckpoint = 0;
      }
    }
    const lastSigned = due.length > 0 ? due[due.length - 1].treeSize : this.lastCheckpoint.treeSize;
    const unsigned = frontier.size > lastSigned;
    const overdue = Date.now() - this.lastCheckpoint.at >= this.options.checkpointEverySeconds * 1000;
    if (unsigned && (overdue || forceCheckpoint) && events.length < this.options.batchSize) {
      due.push({ treeSize: frontier.size, root: frontier.root() });
    }
    if (leaves.length === 0 && due.length === 0) return 0;

    const last = events[events.length - 1];
    const cursor = last ? { transactionId: last.transactionId, globalPosition: last.globalPosition } : this.state.cursor;
    let checkpoints: Checkpoint[];
    await runner.startTransaction();
    try {
      // The database's clock, like recorded_at: no event a checkpoint covers was recorded after it was signed.
      const [{ now }]: { now: Date }[] = await runner.query(`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`);
      const signedAt = now.toISOString();
      checkpoints = due.map((d) => this.signer.sign(d.treeSize, d.root.toString('hex'), signedAt));
      await appendToLedger(runner, { expectedTreeSize: this.state.treeSize, leaves, nodes, checkpoints, cursor });
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
    this.frontier = frontier;
    this.state = { treeSize: frontier.size, cursor };
    if (checkpoints.length > 0) {
      const newest = checkpoints[checkpoints.length - 1];
      this.lastCheckpoint = { treeSize: newest.treeSize, at: Date.parse(newest.signedAt) };
    }
    this.publishStatus();
    this.onBatch?.({ globalPositions: leaves.map((l) => l.globalPosition), treeSize: frontier.size, checkpoints, committedAt: Date.now() });
    // A batch that only signed reports 0 leaves, so drain() stops after it.
    return leaves.length;
  }

  private publishStatus(): void {
    this.status.treeSize = this.state.treeSize;
    this.status.cursor = this.state.cursor;
    this.status.lastCheckpointSize = this.lastCheckpoint.treeSize;
  }
}
