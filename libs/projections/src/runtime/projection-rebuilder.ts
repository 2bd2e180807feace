import { DomainError } from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import { toStoredEvent, type CommitPosition, type RecordedEvent } from '#domain';
import { EventStore, START_OF_LOG } from '#event-store';
import { physicalTableName, tableNames, type Projection } from './projection.js';

export interface RebuildProgress {
  projection: string;
  applied: number;
  total: number;
}

export interface RebuildResult {
  projection: string;
  generation: number;
  events: number;
  through: CommitPosition;
}

export class RebuildInProgressError extends DomainError {
  constructor(name: string) {
    super('CONFLICT', `Projection ${name} is already being rebuilt by another process`, { reason: 'PROJECTION.REBUILD_IN_PROGRESS' });
  }
}

/**
 * Builds a projection afresh from the event store (never from Kafka, whose retention is finite)
 * into a new generation of tables while the current one keeps serving, then swaps the views
 * in one transaction and retires the old tables.
 */
export class ProjectionRebuilder {
  private readonly store: EventStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly batchSize = 1000,
  ) {
    this.store = new EventStore(dataSource);
  }

  /** Builds the projection if it was never built or its version changed; otherwise does nothing. */
  async ensureCurrent(projection: Projection, onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult | null> {
    const [state]: { version: number }[] = await this.dataSource.query(`SELECT version FROM projection_state WHERE name = $1`, [
      projection.name,
    ]);
    if (state && state.version === projection.version) return null;
    return this.rebuild(projection, onProgress);
  }

  async rebuild(projection: Projection, onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await lock.query(
        `SELECT pg_try_advisory_lock(hashtext('jenjang.rebuild.' || $1)) AS locked`,
        [projection.name],
      );
      if (!locked) throw new RebuildInProgressError(projection.name);
      try {
        return await this.rebuildLocked(projection, onProgress);
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtext('jenjang.rebuild.' || $1))`, [projection.name]);
      }
    } finally {
      await lock.release();
    }
  }

  private async rebuildLocked(projection: Projection, onProgress?: (p: RebuildProgress) => void): Promise<RebuildResult> {
    const [current]: { generation: number }[] = await this.dataSource.query(`SELECT generation FROM projection_state WHERE name = $1`, [
      projection.name,
    ]);
    const [{ next }]: { next: number }[] = await this.dataSource.query(
      // Past any table left behind by an interrupted rebuild.
      `SELECT greatest($1::int, coalesce(max(substring(tablename from '__g([0-9]+)$')::int), 0)) + 1 AS next
       FROM pg_tables WHERE schemaname = current_schema() AND tablename ~ $2`,
      [current?.generation ?? 0, this.generationPattern(projection)],
    );
    const generation = next;
    const tables = tableNames(projection, generation);
    await this.dataSource.transaction(async (db) => {
      for (const [logical, ddl] of Object.entries(projection.tables) as [string, (t: string) => string[]][]) {
        await db.query(`DROP TABLE IF EXISTS ${physicalTableName(logical, generation)}`);
        for (const statement of ddl(physicalTableName(logical, generation))) await db.query(statement);
      }
    });

    const handled = new Set(projection.eventTypes);
    let cursor: CommitPosition = START_OF_LOG;
    let applied = 0;
    const total = await this.store.countAfter(START_OF_LOG);
    // Catch up outside the swap lock while there is much to do; the last stretch happens under it.
    for (;;) {
      const page = await this.store.readAll(cursor, this.batchSize);
      if (page.length === 0) break;
      await this.dataSource.transaction((db) => this.applyPage(db, projection, tables, handled, page));
      cursor = positionOf(page[page.length - 1]);
      applied += page.length;
      onProgress?.({ projection: projection.name, applied, total: Math.max(total, applied) });
      if (page.length < this.batchSize) break;
    }

    const through = await this.dataSource.transaction(async (db) => {
      // Blocks live appliers of this projection (they hold FOR SHARE) until the swap commits.
      const locked: unknown[] = await db.query(`SELECT 1 FROM projection_state WHERE name = $1 FOR UPDATE`, [projection.name]);
      let end = cursor;
      for (;;) {
        const page = await this.store.readAll(end, this.batchSize, { via: db });
        if (page.length === 0) break;
        await this.applyPage(db, projection, tables, handled, page);
        end = positionOf(page[page.length - 1]);
        applied += page.length;
      }
      for (const logical of Object.keys(projection.tables)) {
        await db.query(`DROP VIEW IF EXISTS ${logical}`);
        await db.query(`CREATE VIEW ${logical} AS SELECT * FROM ${physicalTableName(logical, generation)}`);
      }
      if (locked.length === 0) {
        await db.query(
          `INSERT INTO projection_state (name, generation, version, rebuilt_through_transaction, rebuilt_through_position)
           VALUES ($1, $2, $3, $4::xid8, $5)`,
          [projection.name, generation, projection.version, end.transactionId, end.globalPosition],
        );
      } else {
        await db.query(
          `UPDATE projection_state SET generation = $2, version = $3, rebuilt_at = now(),
             rebuilt_through_transaction = $4::xid8, rebuilt_through_position = $5 WHERE name = $1`,
          [projection.name, generation, projection.version, end.transactionId, end.globalPosition],
        );
      }
      // Live consumers resume past what the new generation already holds.
      await db.query(
        `UPDATE projection_checkpoints SET (transaction_id, global_position) = ($2::xid8, $3)
         WHERE name = $1 AND (transaction_id, global_position) < ($2::xid8, $3)`,
        [projection.name, end.transactionId, end.globalPosition],
      );
      return end;
    });
    onProgress?.({ projection: projection.name, applied, total: applied });

    // The old generation no longer serves: retire it and any leftovers.
    const stale: { tablename: string }[] = await this.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename ~ $1 AND tablename <> ALL($2)`,
      [this.generationPattern(projection), Object.values(tables)],
    );
    for (const { tablename } of stale) await this.dataSource.query(`DROP TABLE IF EXISTS ${tablename}`);
    return { projection: projection.name, generation, events: applied, through };
  }

  private async applyPage(
    db: EntityManager,
    projection: Projection,
    tables: Record<string, string>,
    handled: Set<string>,
    page: RecordedEvent[],
  ): Promise<void> {
    for (const event of page) if (handled.has(event.type)) await projection.apply(db, tables, toStoredEvent(event));
  }

  private generationPattern(projection: Projection): string {
    return `^(${Object.keys(projection.tables).join('|')})__g[0-9]+$`;
  }
}

function positionOf(event: RecordedEvent): CommitPosition {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}
