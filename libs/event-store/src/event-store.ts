import type { DataSource, EntityManager } from 'typeorm';
import { upcastEvent, type CommitPosition, type EventMetadata, type RecordedEvent } from '#domain';
import { ConcurrencyConflictError, isUniqueViolation } from './errors.js';
import { eventHash, GENESIS_HASH } from './hashing.js';

export interface NewEvent {
  type: string;
  schemaVersion: number;
  data: object;
  metadata: EventMetadata;
}

export const START_OF_LOG: CommitPosition = { transactionId: '0', globalPosition: 0 };

/**
 * Reads hand out events upcast to the current schema (deciders, projections and the transport
 * fold the current shape). `raw: true` gives them exactly as stored and hashed: for audit.
 */
export interface ReadOptions {
  raw?: boolean;
}

function present(rows: EventRow[], options?: ReadOptions): RecordedEvent[] {
  return options?.raw ? rows.map(toRecordedEvent) : rows.map((row) => upcastEvent(toRecordedEvent(row)));
}

export const EVENT_COLUMNS = `global_position, transaction_id::text AS transaction_id, stream_id, version, type, schema_version,
  data, metadata, recorded_at, hash`;

export interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
  hash: string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    globalPosition: Number(row.global_position),
    transactionId: row.transaction_id,
    streamId: row.stream_id,
    version: row.version,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
    hash: row.hash,
  };
}

/** JSON round-trip so what we hash is exactly what jsonb gives back on read. */
function normalise<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * One unit of work on the event store: reads see the transaction, writes commit together.
 */
export class EventStoreSession {
  /** Last version and hash of each stream read or written in this session: appends chain to them. */
  private readonly heads = new Map<string, { version: number; hash: string }>();

  constructor(readonly manager: EntityManager) {}

  async readStream(streamId: string, options?: ReadOptions): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.manager.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY version`, [
      streamId,
    ]);
    const last = rows[rows.length - 1];
    this.heads.set(streamId, last ? { version: last.version, hash: last.hash } : { version: 0, hash: GENESIS_HASH });
    return present(rows, options);
  }

  /** Events of the given types whose payload names this NIP, in append order. */
  async readByNip(nip: string, types: string[]): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.manager.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE data->>'nip' = $1 AND type = ANY($2) ORDER BY global_position`,
      [nip, types],
    );
    return present(rows);
  }

  /**
   * Appends events at the stream's expected version (0 = a new stream). One INSERT, guarded so
   * that it lands only on top of the event it chains to; a stale expectation or a lost race is a
   * ConcurrencyConflictError. The previous hash comes from `readStream` in this session, from the
   * caller, or from one extra read.
   */
  async append(streamId: string, expectedVersion: number, events: NewEvent[], previousHash?: string): Promise<RecordedEvent[]> {
    if (events.length === 0) return [];
    // A new stream chains from the genesis hash; if it already exists, version 1's uniqueness says so.
    let head =
      previousHash !== undefined
        ? { version: expectedVersion, hash: previousHash }
        : expectedVersion === 0
          ? { version: 0, hash: GENESIS_HASH }
          : this.heads.get(streamId);
    if (!head || head.version !== expectedVersion) {
      const [row]: { version: number; hash: string }[] = await this.manager.query(
        `SELECT version, hash FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`,
        [streamId],
      );
      head = { version: row?.version ?? 0, hash: row?.hash ?? GENESIS_HASH };
      if (head.version !== expectedVersion) throw new ConcurrencyConflictError(streamId, expectedVersion, head.version);
    }
    let chained = head.hash;
    const params: unknown[] = [streamId, expectedVersion, head.hash];
    const tuples: string[] = [];
    const sent: Omit<RecordedEvent, 'globalPosition' | 'transactionId' | 'recordedAt'>[] = [];
    events.forEach((event, i) => {
      const version = expectedVersion + i + 1;
      const data = normalise(event.data);
      const metadata = normalise(event.metadata);
      const hash = eventHash(chained, { streamId, version, type: event.type, schemaVersion: event.schemaVersion, data, metadata });
      chained = hash;
      sent.push({
        streamId,
        version,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: data as Record<string, unknown>,
        metadata,
        hash,
      });
      const base = params.length;
      params.push(version, event.type, event.schemaVersion, JSON.stringify(data), JSON.stringify(metadata), hash);
      tuples.push(`($1, $${base + 1}::int, $${base + 2}, $${base + 3}::int, $${base + 4}::jsonb, $${base + 5}::jsonb, $${base + 6})`);
    });
    // Only what the database adds comes back: echoing the jsonb would double the traffic.
    let rows: { version: number; global_position: string; transaction_id: string; recorded_at: Date }[];
    try {
      rows = await this.manager.query(
        `INSERT INTO events (stream_id, version, type, schema_version, data, metadata, hash)
         SELECT * FROM (VALUES ${tuples.join(', ')}) AS appended
         WHERE $2::int = 0 OR EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND version = $2::int AND hash = $3)
         RETURNING version, global_position, transaction_id::text AS transaction_id, recorded_at`,
        params,
      );
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version')) throw new ConcurrencyConflictError(streamId, expectedVersion);
      throw error;
    }
    // Nothing inserted: the event we chain to is not there (the stream is elsewhere).
    if (rows.length === 0) throw new ConcurrencyConflictError(streamId, expectedVersion);
    const byVersion = new Map(rows.map((r) => [r.version, r]));
    const recorded: RecordedEvent[] = sent.map((e) => {
      const row = byVersion.get(e.version) as (typeof rows)[number];
      return {
        ...e,
        globalPosition: Number(row.global_position),
        transactionId: row.transaction_id,
        recordedAt: row.recorded_at.toISOString(),
      };
    });
    const last = recorded[recorded.length - 1];
    this.heads.set(streamId, { version: last.version, hash: last.hash });
    return recorded;
  }
}

export class EventStore {
  constructor(readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; everything it appends commits or nothing does. */
  transaction<T>(work: (session: EventStoreSession) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new EventStoreSession(manager)));
  }

  readStream(streamId: string, options?: ReadOptions): Promise<RecordedEvent[]> {
    return new EventStoreSession(this.dataSource.manager).readStream(streamId, options);
  }

  /**
   * Appends outside any wider transaction: one autocommit statement when the previous hash is
   * known, as fast as a plain INSERT can be made with the chain and the version guard.
   */
  append(streamId: string, expectedVersion: number, events: NewEvent[], previousHash?: string): Promise<RecordedEvent[]> {
    return new EventStoreSession(this.dataSource.manager).append(streamId, expectedVersion, events, previousHash);
  }

  /** Events of one stream recorded at or before `at`. */
  async readStreamUntil(streamId: string, at: Date, options?: ReadOptions): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND recorded_at <= $2 ORDER BY version`,
      [streamId, at],
    );
    return present(rows, options);
  }

  /**
   * Committed events after `after`, in commit order. (ORDER BY names `events.` columns: a bare
   * `transaction_id` would mean the text alias, and '1000' sorts before '999'.) Only transactions below the snapshot's xmin
   * are read: every one of them has finished, so no later commit can land behind the cursor.
   */
  async readAll(
    after: CommitPosition,
    limit: number,
    filter?: {
      agency?: string;
      /** A transaction's manager, to read on its connection. */ via?: Pick<EntityManager, 'query'>;
    } & ReadOptions,
  ): Promise<RecordedEvent[]> {
    const params: unknown[] = [after.transactionId, after.globalPosition, limit];
    let agencyClause = '';
    if (filter?.agency) {
      params.push(filter.agency);
      agencyClause = `AND metadata->>'agency' = $4`;
    }
    const rows: EventRow[] = await (filter?.via ?? this.dataSource).query(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ${agencyClause}
       ORDER BY events.transaction_id, events.global_position
       LIMIT $3`,
      params,
    );
    return present(rows, filter);
  }

  /**
   * What readAll reads, in the same commit order below the same watermark, but only each event's
   * position and hash: the ledger's sequencer needs nothing else.
   */
  async readAllHashes(after: CommitPosition, limit: number): Promise<{ transactionId: string; globalPosition: number; hash: string }[]> {
    const rows: { transaction_id: string; global_position: string; hash: string }[] = await this.dataSource.query(
      `SELECT transaction_id::text AS transaction_id, global_position, hash FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY events.transaction_id, events.global_position
       LIMIT $3`,
      [after.transactionId, after.globalPosition, limit],
    );
    return rows.map((r) => ({ transactionId: r.transaction_id, globalPosition: Number(r.global_position), hash: r.hash }));
  }

  /** Commit position of an event, to resume a commit-order read after it. */
  async commitPositionOf(globalPosition: number): Promise<CommitPosition | null> {
    const [row]: { transaction_id: string }[] = await this.dataSource.query(
      `SELECT transaction_id::text AS transaction_id FROM events WHERE global_position = $1`,
      [globalPosition],
    );
    return row ? { transactionId: row.transaction_id, globalPosition } : null;
  }

  /**
   * Committed events beyond `after` (relay and projector lag). Counts past the watermark too:
   * an event held back by a long transaction elsewhere in the cluster is still waiting.
   */
  async countAfter(after: CommitPosition): Promise<number> {
    const [row]: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)`,
      [after.transactionId, after.globalPosition],
    );
    return Number(row.n);
  }

  /**
   * How far each position lies behind the head of the log, in global positions: 0 exactly when no
   * committed event follows it in commit order, else the head's global position minus its own (at
   * least 1). Above 0 it approximates the events pending (identity gaps count, commit order is not
   * position order), but costs two index lookups per position at any log size, where countAfter
   * counts. For health probes and lag gauges.
   */
  async positionsBehind(positions: readonly CommitPosition[]): Promise<number[]> {
    if (positions.length === 0) return [];
    // The ORDER BY ... LIMIT 1 keeps the planner on the commit-order index (an EXISTS plans as a scan).
    const rows: { behind: string }[] = await this.dataSource.query(
      `SELECT CASE WHEN (SELECT 1 FROM events e WHERE (e.transaction_id, e.global_position) > (p.tx, p.pos)
                         ORDER BY e.transaction_id, e.global_position LIMIT 1) IS NULL
                   THEN 0 ELSE greatest(1, h.head - p.pos) END AS behind
       FROM unnest($1::xid8[], $2::bigint[]) WITH ORDINALITY AS p(tx, pos, i),
            (SELECT coalesce(max(global_position), 0) AS head FROM events) h
       ORDER BY p.i`,
      [positions.map((p) => p.transactionId), positions.map((p) => p.globalPosition)],
    );
    return rows.map((r) => Number(r.behind));
  }

  /**
   * How long (seconds, database clock) the first committed event after `after` in commit order has
   * been waiting; null when none follows. One index lookup: how health tells stuck from not started.
   */
  async secondsWaitingAfter(after: CommitPosition): Promise<number | null> {
    const [row]: { seconds: number }[] = await this.dataSource.query(
      `SELECT extract(epoch FROM clock_timestamp() - recorded_at)::float8 AS seconds FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
       ORDER BY transaction_id, global_position LIMIT 1`,
      [after.transactionId, after.globalPosition],
    );
    return row ? row.seconds : null;
  }

  /** A relay's checkpoint, when it last moved and how many seconds ago (database clock); null before its first batch. */
  async relayCheckpoint(name: string): Promise<{ position: CommitPosition; updatedAt: Date; secondsSinceUpdate: number } | null> {
    const [row]: { transaction_id: string; global_position: string; updated_at: Date; seconds: number }[] = await this.dataSource.query(
      `SELECT transaction_id::text AS transaction_id, global_position, updated_at,
              extract(epoch FROM now() - updated_at)::float8 AS seconds
       FROM relay_checkpoints WHERE name = $1`,
      [name],
    );
    if (!row) return null;
    return {
      position: { transactionId: row.transaction_id, globalPosition: Number(row.global_position) },
      updatedAt: row.updated_at,
      secondsSinceUpdate: row.seconds,
    };
  }
}
