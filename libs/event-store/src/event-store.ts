import type { DataSource, EntityManager } from 'typeorm';
import type { CommitPosition, EventMetadata, RecordedEvent } from '#domain';
import { ConcurrencyConflictError, isUniqueViolation, UniqueKeyTakenError } from './errors.js';
import { eventHash, GENESIS_HASH } from './hashing.js';

export interface NewEvent {
  type: string;
  schemaVersion: number;
  data: object;
  metadata: EventMetadata;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

export const START_OF_LOG: CommitPosition = { transactionId: '0', globalPosition: 0 };

const EVENT_COLUMNS = `global_position, transaction_id::text AS transaction_id, stream_id, version, type, schema_version,
  data, metadata, recorded_at, hash`;

interface EventRow {
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
 * Append first, then claim keys and record idempotency, so the xid8 is assigned by the events insert.
 */
export class EventStoreSession {
  constructor(readonly manager: EntityManager) {}

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.manager.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY version`,
      [streamId],
    );
    return rows.map(toRecordedEvent);
  }

  /** Events of the given types whose payload names this NIP, in append order. */
  async readByNip(nip: string, types: string[]): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.manager.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE data->>'nip' = $1 AND type = ANY($2) ORDER BY global_position`,
      [nip, types],
    );
    return rows.map(toRecordedEvent);
  }

  /**
   * Appends events at the stream's expected version (0 = a new stream).
   * A stale expectation or a lost race is a ConcurrencyConflictError.
   */
  async append(streamId: string, expectedVersion: number, events: NewEvent[]): Promise<RecordedEvent[]> {
    if (events.length === 0) return [];
    const [head]: { version: number; hash: string }[] = await this.manager.query(
      `SELECT version, hash FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`,
      [streamId],
    );
    const currentVersion = head?.version ?? 0;
    if (currentVersion !== expectedVersion) {
      throw new ConcurrencyConflictError(streamId, expectedVersion, currentVersion);
    }
    let previousHash = head?.hash ?? GENESIS_HASH;
    const params: unknown[] = [];
    const tuples: string[] = [];
    events.forEach((event, i) => {
      const version = expectedVersion + i + 1;
      const data = normalise(event.data);
      const metadata = normalise(event.metadata);
      const hash = eventHash(previousHash, {
        streamId,
        version,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data,
        metadata,
      });
      previousHash = hash;
      const base = params.length;
      params.push(streamId, version, event.type, event.schemaVersion, JSON.stringify(data), JSON.stringify(metadata), hash);
      tuples.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}::jsonb, $${base + 6}::jsonb, $${base + 7})`);
    });
    try {
      const rows: EventRow[] = await this.manager.query(
        `INSERT INTO events (stream_id, version, type, schema_version, data, metadata, hash)
         VALUES ${tuples.join(', ')}
         RETURNING ${EVENT_COLUMNS}`,
        params,
      );
      return rows.map(toRecordedEvent).sort((a, b) => a.version - b.version);
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version')) {
        throw new ConcurrencyConflictError(streamId, expectedVersion);
      }
      throw error;
    }
  }

  /** Takes uniqueness keys for a stream; a key someone else holds is a UniqueKeyTakenError. */
  async claimKeys(streamId: string, keys: { key: string; message: string }[]): Promise<void> {
    for (const { key, message } of keys) {
      const inserted: unknown[] = await this.manager.query(
        `INSERT INTO unique_keys (key, stream_id) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key, streamId],
      );
      if (inserted.length === 0) throw new UniqueKeyTakenError(key, message);
    }
  }

  async releaseKeys(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.manager.query(`DELETE FROM unique_keys WHERE key = ANY($1)`, [keys]);
  }

  async findIdempotentResponse(actor: string, key: string): Promise<{ requestHash: string; response: StoredResponse } | null> {
    const [row]: { request_hash: string; status: number; response: unknown }[] = await this.manager.query(
      `SELECT request_hash, status, response FROM idempotency_keys WHERE actor = $1 AND key = $2`,
      [actor, key],
    );
    return row ? { requestHash: row.request_hash, response: { status: row.status, body: row.response } } : null;
  }

  /** Records the first response to a keyed command; a concurrent twin loses on the primary key. */
  async recordIdempotentResponse(actor: string, key: string, requestHash: string, response: StoredResponse): Promise<void> {
    await this.manager.query(
      `INSERT INTO idempotency_keys (actor, key, request_hash, status, response) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [actor, key, requestHash, response.status, JSON.stringify(response.body ?? null)],
    );
  }
}

export class EventStore {
  constructor(readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; everything it appends commits or nothing does. */
  transaction<T>(work: (session: EventStoreSession) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new EventStoreSession(manager)));
  }

  readStream(streamId: string): Promise<RecordedEvent[]> {
    return new EventStoreSession(this.dataSource.manager).readStream(streamId);
  }

  /** Events of one stream recorded at or before `at`. */
  async readStreamUntil(streamId: string, at: Date): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND recorded_at <= $2 ORDER BY version`,
      [streamId, at],
    );
    return rows.map(toRecordedEvent);
  }

  /**
   * Committed events after `after`, in commit order. Only transactions below the snapshot's xmin
   * are read: every one of them has finished, so no later commit can land behind the cursor.
   */
  async readAll(after: CommitPosition, limit: number, filter?: { agency?: string }): Promise<RecordedEvent[]> {
    const params: unknown[] = [after.transactionId, after.globalPosition, limit];
    let agencyClause = '';
    if (filter?.agency) {
      params.push(filter.agency);
      agencyClause = `AND metadata->>'agency' = $4`;
    }
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ${agencyClause}
       ORDER BY transaction_id, global_position
       LIMIT $3`,
      params,
    );
    return rows.map(toRecordedEvent);
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
}
