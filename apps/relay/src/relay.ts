import type { DataSource, QueryRunner } from 'typeorm';
import { formatCommitPosition, type CommitPosition } from '#domain';
import { EventStore, LeaderWorker, readRelayCheckpoint, START_OF_LOG, writeRelayCheckpoint } from '#event-store';
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
export class Relay extends LeaderWorker {
  readonly status: RelayStatus = { leader: false, checkpoint: START_OF_LOG, published: 0, lastError: null };
  private readonly store: EventStore;

  constructor(
    dataSource: DataSource,
    private readonly transport: Transport,
    private readonly options: RelayOptions,
    logger: RelayLogger,
  ) {
    super(dataSource, `jenjang.relay.${options.name}`, options, logger, 'relay');
    this.store = new EventStore(dataSource);
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

  /** Positions the checkpoint is behind the head of the log: 0 exactly when caught up, never a count (the lag gauge). */
  async positionsBehind(): Promise<number> {
    const [behind] = await this.store.positionsBehind([await this.readCheckpoint()]);
    return behind;
  }

  protected async onLeadership(): Promise<void> {
    this.status.checkpoint = await this.readCheckpoint();
    this.logger.log('relay is the active leader', { relay: this.options.name, checkpoint: formatCommitPosition(this.status.checkpoint) });
  }

  /** In-process, a batch delivered before anyone subscribed would be checkpointed and lost to them. */
  protected override async beforeLoop(): Promise<void> {
    if (this.transport.ready) await this.untilStopped(this.transport.ready());
  }

  protected step(): Promise<number> {
    return this.publishNextBatch();
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
    await writeRelayCheckpoint(runner, this.options.name, next);
    this.status.checkpoint = next;
    this.status.published += batch.length;
    return batch.length;
  }

  private async readCheckpoint(): Promise<CommitPosition> {
    return (await readRelayCheckpoint(this.dataSource, this.options.name)) ?? START_OF_LOG;
  }
}
