import type { DataSource, QueryRunner } from 'typeorm';
import { formatCommitPosition, type CommitPosition } from '#domain';
import { EventStore, START_OF_LOG } from '#event-store';
import type { Transport } from '#messaging';

export interface RelayOptions {
  name: string;
  batchSize: number;
  pollMs: number;
  /** How often a standby retries for leadership. */
  standbyRetryMs: number;
}

export interface RelayLogger {
  log(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

export interface RelayStatus {
  leader: boolean;
  checkpoint: CommitPosition;
  published: number;
  lastError: string | null;
}

/**
 * Moves committed events from the store to the transport in commit order, at least once.
 * The checkpoint advances only after the transport accepted a batch; a crash in between
 * republishes the batch, and consumers skip what they already applied.
 * One relay per name is active: the leader holds a session advisory lock on its own connection.
 */
export class Relay {
  private runner: QueryRunner | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  readonly status: RelayStatus = { leader: false, checkpoint: START_OF_LOG, published: 0, lastError: null };
  private readonly store: EventStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: Transport,
    private readonly options: RelayOptions,
    private readonly logger: RelayLogger,
  ) {
    this.store = new EventStore(dataSource);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the batch in flight finish, then gives up leadership. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** Skips the poll delay (e.g. right after a local append). */
  nudge(): void {
    this.wake?.();
  }

  /** Publishes everything committed so far; returns how many events went out. For tests and drains. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishNextBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  async lag(): Promise<number> {
    return this.store.countAfter(await this.readCheckpoint());
  }

  /** Takes leadership once; false if another relay holds it. */
  async acquireLeadership(): Promise<boolean> {
    if (this.runner) return true;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const [{ locked }]: { locked: boolean }[] = await runner.query(
      `SELECT pg_try_advisory_lock(hashtext('jenjang.relay.' || $1)) AS locked`,
      [this.options.name],
    );
    if (!locked) {
      await runner.release();
      return false;
    }
    this.runner = runner;
    this.status.leader = true;
    this.status.checkpoint = await this.readCheckpoint();
    this.logger.log('relay is the active leader', { relay: this.options.name, checkpoint: formatCommitPosition(this.status.checkpoint) });
    return true;
  }

  async releaseLeadership(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    this.status.leader = false;
    if (!runner) return;
    try {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('jenjang.relay.' || $1))`, [this.options.name]);
    } catch {
      // The connection is gone, and the lock with it.
    } finally {
      await runner.release();
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    if (this.transport.ready) {
      const stopped = new Promise<void>((resolve) => (this.wake = resolve));
      await Promise.race([this.transport.ready(), stopped]);
      this.wake = null;
    }
    while (this.running) {
      try {
        if (!(await this.acquireLeadership())) {
          await this.sleep(this.options.standbyRetryMs);
          continue;
        }
        const published = await this.publishNextBatch();
        failures = 0;
        this.status.lastError = null;
        if (published === 0) await this.sleep(this.options.pollMs);
      } catch (error) {
        failures += 1;
        this.status.lastError = error instanceof Error ? error.message : String(error);
        this.logger.error('relay batch failed; retrying', { error: this.status.lastError, failures });
        // A lost connection may mean a lost lock: start over as a candidate.
        await this.releaseLeadership();
        await this.sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
    await this.releaseLeadership();
  }

  private async publishNextBatch(): Promise<number> {
    if (!(await this.acquireLeadership())) return 0;
    const runner = this.runner as QueryRunner;
    const checkpoint = await this.readCheckpoint();
    const batch = await this.store.readAll(checkpoint, this.options.batchSize);
    if (batch.length === 0) return 0;
    await this.transport.publish(batch);
    const last = batch[batch.length - 1];
    const next = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    // Written on the leader's own connection: if it died, so did the lock, and this fails.
    await runner.query(
      `INSERT INTO relay_checkpoints (name, transaction_id, global_position, updated_at) VALUES ($1, $2::xid8, $3, now())
       ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
         global_position = EXCLUDED.global_position, updated_at = now()`,
      [this.options.name, next.transactionId, next.globalPosition],
    );
    this.status.checkpoint = next;
    this.status.published += batch.length;
    return batch.length;
  }

  private async readCheckpoint(): Promise<CommitPosition> {
    const [row]: { transaction_id: string; global_position: string }[] = await this.dataSource.query(
      `SELECT transaction_id::text AS transaction_id, global_position FROM relay_checkpoints WHERE name = $1`,
      [this.options.name],
    );
    return row ? { transactionId: row.transaction_id, globalPosition: Number(row.global_position) } : START_OF_LOG;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
