import { DomainError } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import { compareCommitPositions, toStoredEvent, type CommitPosition, type RecordedEvent } from '#domain';
import { START_OF_LOG } from '#event-store';
import { tableNames, type Projection } from './projection.js';

export interface Delivered {
  event: RecordedEvent;
  partition: number;
  /** Transport offset of this event; null where the transport has none worth keeping. */
  offset: string | null;
}

interface CheckpointRow {
  partition: number;
  transaction_id: string;
  global_position: string;
  next_offset: string | null;
}

interface PartitionCheckpoint {
  position: CommitPosition;
  nextOffset: string | null;
}

export class ProjectionNotInitialisedError extends DomainError {
  constructor(name: string) {
    super('UNAVAILABLE', `Projection ${name} has no tables yet: it must be built before it can apply events`, {
      reason: 'PROJECTION.NOT_BUILT',
    });
  }
}

/**
 * Applies delivered events to projections. Per projection, one transaction applies every new event
 * of the batch and moves its checkpoint, so a redelivered event is skipped, never applied twice.
 * Each partition carries events in commit order, so its checkpoint is a commit position.
 */
export class ProjectionRunner {
  private readonly handled = new Map<string, Set<string>>();

  /** Events set aside because a projection could not apply them (in this process). */
  quarantined = 0;

  constructor(
    private readonly dataSource: DataSource,
    readonly projections: readonly Projection[],
    readonly source: string,
    /**
     * Where the transport has no dead-letter topic (in-process), an event a projection keeps
     * failing on is retried alone this many times, then recorded in `projection_dead_letters` and
     * skipped, so one bad event cannot stop every read model. 0 = always rethrow (Kafka retries and
     * dead-letters itself).
     */
    private readonly quarantineAfter = 0,
  ) {
    for (const p of projections) this.handled.set(p.name, new Set(p.eventTypes));
  }

  async handle(batch: Delivered[]): Promise<number> {
    let applied = 0;
    for (const projection of this.projections) {
      try {
        applied += await this.dataSource.transaction((db) => this.applyBatch(db, projection, batch));
      } catch (error) {
        if (this.quarantineAfter === 0 || !(await this.databaseAnswers())) throw error;
        applied += await this.applyOneByOne(projection, batch);
      }
    }
    return applied;
  }

  private async applyOneByOne(projection: Projection, batch: Delivered[]): Promise<number> {
    let applied = 0;
    for (const delivery of batch) {
      let lastError: unknown = null;
      for (let attempt = 1; attempt <= this.quarantineAfter; attempt += 1) {
        try {
          applied += await this.dataSource.transaction((db) => this.applyBatch(db, projection, [delivery]));
          lastError = null;
          break;
        } catch (error) {
          lastError = error;
          if (!(await this.databaseAnswers())) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
        }
      }
      if (lastError !== null) await this.quarantine(projection, delivery, lastError);
    }
    return applied;
  }

  /** Records the event as not applied and moves the checkpoint past it, in one transaction. */
  private async quarantine(projection: Projection, delivery: Delivered, error: unknown): Promise<void> {
    const { event } = delivery;
    await this.dataSource.transaction(async (db) => {
      await db.query(
        `INSERT INTO projection_dead_letters (projection, global_position, stream_id, version, type, error)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (projection, global_position) DO NOTHING`,
        [
          projection.name,
          event.globalPosition,
          event.streamId,
          event.version,
          event.type,
          String((error as Error)?.stack ?? error).slice(0, 4000),
        ],
      );
      const skipping: Projection = { ...projection, apply: async () => undefined };
      await this.applyBatch(db, skipping, [delivery]);
    });
    this.quarantined += 1;
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** Next offset to read per partition: the smallest any projection still needs. */
  async resumeOffsets(partitions: number[]): Promise<Map<number, string>> {
    const rows: { partition: number; next_offset: string | null; projections: string }[] = await this.dataSource.query(
      `SELECT partition, min(next_offset)::text AS next_offset, count(*) AS projections
       FROM projection_checkpoints WHERE source = $1 AND name = ANY($2) AND partition = ANY($3)
       GROUP BY partition`,
      [this.source, this.projections.map((p) => p.name), partitions],
    );
    const result = new Map<number, string>();
    for (const row of rows) {
      // A projection without a row for this partition needs it from the start.
      if (row.next_offset !== null && Number(row.projections) === this.projections.length) {
        result.set(row.partition, row.next_offset);
      }
    }
    return result;
  }

  private async applyBatch(db: EntityManager, projection: Projection, batch: Delivered[]): Promise<number> {
    // FOR SHARE waits while a rebuild swaps generations, so no event lands in a table being retired.
    const [state]: { generation: number }[] = await db.query(`SELECT generation FROM projection_state WHERE name = $1 FOR SHARE`, [
      projection.name,
    ]);
    if (!state) throw new ProjectionNotInitialisedError(projection.name);
    const tables = tableNames(projection, state.generation);
    const checkpoints = await this.loadCheckpoints(db, projection.name, [...new Set(batch.map((d) => d.partition))]);
    const handled = this.handled.get(projection.name) ?? new Set<string>();
    const touched = new Set<number>();
    let applied = 0;
    for (const delivery of batch) {
      const checkpoint = checkpoints.get(delivery.partition) as PartitionCheckpoint;
      const position = { transactionId: delivery.event.transactionId, globalPosition: delivery.event.globalPosition };
      if (delivery.offset !== null) checkpoint.nextOffset = (BigInt(delivery.offset) + 1n).toString();
      touched.add(delivery.partition);
      if (compareCommitPositions(position, checkpoint.position) <= 0) continue;
      checkpoint.position = position;
      if (!handled.has(delivery.event.type)) continue;
      await projection.apply(db, tables, toStoredEvent(delivery.event));
      applied += 1;
    }
    for (const partition of touched) {
      const c = checkpoints.get(partition) as PartitionCheckpoint;
      await db.query(
        `INSERT INTO projection_checkpoints (name, source, partition, transaction_id, global_position, next_offset, updated_at)
         VALUES ($1, $2, $3, $4::xid8, $5, $6, now())
         ON CONFLICT (name, source, partition) DO UPDATE
         SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position,
             next_offset = EXCLUDED.next_offset, updated_at = now()`,
        [projection.name, this.source, partition, c.position.transactionId, c.position.globalPosition, c.nextOffset],
      );
    }
    return applied;
  }

  private async loadCheckpoints(db: EntityManager, name: string, partitions: number[]): Promise<Map<number, PartitionCheckpoint>> {
    const rows: CheckpointRow[] = await db.query(
      `SELECT partition, transaction_id::text AS transaction_id, global_position, next_offset::text AS next_offset
       FROM projection_checkpoints WHERE name = $1 AND source = $2 AND partition = ANY($3) FOR UPDATE`,
      [name, this.source, partitions],
    );
    const map = new Map<number, PartitionCheckpoint>();
    for (const row of rows) {
      map.set(row.partition, {
        position: { transactionId: row.transaction_id, globalPosition: Number(row.global_position) },
        nextOffset: row.next_offset,
      });
    }
    const missing = partitions.filter((p) => !map.has(p));
    if (missing.length > 0) {
      // A partition seen for the first time starts where the projection was built through, or where
      // it got to under another transport (in-process has one partition, in commit order).
      const [floorRow]: { transaction_id: string; global_position: string }[] = await db.query(
        `SELECT transaction_id::text AS transaction_id, global_position FROM (
           SELECT rebuilt_through_transaction AS transaction_id, rebuilt_through_position AS global_position
           FROM projection_state WHERE name = $1
           UNION ALL
           SELECT transaction_id, global_position FROM projection_checkpoints WHERE name = $1 AND source <> $2
         ) AS floors ORDER BY floors.transaction_id DESC, floors.global_position DESC LIMIT 1`,
        [name, this.source],
      );
      const floor = floorRow ? { transactionId: floorRow.transaction_id, globalPosition: Number(floorRow.global_position) } : START_OF_LOG;
      for (const p of missing) map.set(p, { position: { ...floor }, nextOffset: null });
    }
    return map;
  }
}
