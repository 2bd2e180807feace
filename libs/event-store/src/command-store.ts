import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { upcastEvent, type RecordedEvent } from '#domain';
import { ConcurrencyConflictError, isUniqueViolation, UniqueKeyTakenError } from './errors.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow, type NewEvent } from './event-store.js';
import { poolOf, prepared } from './database.js';
import { eventHash, GENESIS_HASH } from './hashing.js';

/** The last event of a stream as a command found it: appends chain to it. */
export interface StreamHead {
  version: number;
  hash: string;
}

export interface StreamRead {
  events: RecordedEvent[];
  head: StreamHead;
}

/** Who may replay a keyed command: the same key means the same request only within one agency and actor. */
export interface IdempotencyScope {
  agency: string;
  actor: string;
  key: string;
}

export interface StoredResult {
  requestHash: string;
  result: unknown;
}

export interface UniqueKey {
  key: string;
  /** What the caller is told when someone else holds the key. */
  message: string;
}

export interface CommandWrite {
  streamId: string;
  head: StreamHead;
  events: NewEvent[];
  claimKeys?: readonly UniqueKey[];
  releaseKeys?: readonly string[];
  /** Recorded with the events; `result` gains the `position` of the last event. */
  idempotency?: IdempotencyScope & { requestHash: string; result: Record<string, unknown> };
}

export interface WriteOutcome {
  recorded: RecordedEvent[];
  position: number;
  version: number;
}

const COLUMNS = EVENT_COLUMNS;

const toRecorded = (row: EventRow): RecordedEvent => upcastEvent(toRecordedEvent(row));

/** JSON round trip so what is hashed is exactly what jsonb gives back on read. */
const normalise = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The command path's access to the store, in as few round trips as its invariants allow: one read
 * of every stream a decision needs, then one autocommit statement that appends the events (guarded
 * by the head they chain to), takes and frees uniqueness keys and records the idempotent result.
 * The reads need no transaction: the guarded insert fails if the stream moved, and every
 * cross-stream rule is a key taken by that same statement. Queries go straight to node-postgres's
 * pool: TypeORM's per-query runner costs more than the statement on this path.
 */
export class CommandStore {
  private readonly pool: pg.Pool;

  constructor(dataSource: DataSource) {
    this.pool = poolOf(dataSource);
  }

  /** Every named stream, in one query; a stream with no events reads as empty at version 0. */
  async readStreams(streamIds: readonly string[]): Promise<Map<string, StreamRead>> {
    const unique = [...new Set(streamIds)];
    const reads = new Map<string, StreamRead>(unique.map((id) => [id, { events: [], head: { version: 0, hash: GENESIS_HASH } }]));
    if (unique.length === 0) return reads;
    const { rows } = await this.pool.query<EventRow>(
      unique.length === 1
        ? prepared(`SELECT ${COLUMNS} FROM events WHERE stream_id = $1 ORDER BY version`, [unique[0]])
        : prepared(`SELECT ${COLUMNS} FROM events WHERE stream_id = ANY($1) ORDER BY stream_id, version`, [unique]),
    );
    for (const row of rows) {
      const read = reads.get(row.stream_id) as StreamRead;
      read.events.push(toRecorded(row));
      read.head = { version: row.version, hash: row.hash };
    }
    return reads;
  }

  /** Events of the given types whose payload names this NIP, in append order (merit facts). */
  async readByNip(nip: string, types: readonly string[]): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      prepared(`SELECT ${COLUMNS} FROM events WHERE data->>'nip' = $1 AND type = ANY($2) ORDER BY global_position`, [nip, types]),
    );
    return rows.map(toRecorded);
  }

  /** The stream holding a uniqueness key, if any (the candidate's open case). */
  async keyHolder(key: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ stream_id: string }>(prepared(`SELECT stream_id FROM unique_keys WHERE key = $1`, [key]));
    return rows[0]?.stream_id ?? null;
  }

  async findResult(scope: IdempotencyScope): Promise<StoredResult | null> {
    const { rows } = await this.pool.query<{ request_hash: string; response: unknown }>(
      prepared(`SELECT request_hash, response FROM idempotency_keys WHERE agency = $1 AND actor = $2 AND key = $3`, [
        scope.agency,
        scope.actor,
        scope.key,
      ]),
    );
    return rows[0] ? { requestHash: rows[0].request_hash, result: rows[0].response } : null;
  }

  /**
   * One statement: the events (first, so the transaction id is assigned by their insert), then the
   * keys and the idempotent result, each only if the events went in. A stale head inserts nothing
   * (ConcurrencyConflictError); a key someone holds aborts the whole statement (UniqueKeyTakenError).
   */
  async write(write: CommandWrite): Promise<WriteOutcome> {
    const { streamId, head } = write;
    const params: unknown[] = [streamId, head.version, head.hash];
    const tuples: string[] = [];
    const sent: Omit<RecordedEvent, 'globalPosition' | 'transactionId' | 'recordedAt'>[] = [];
    let chained = head.hash;
    write.events.forEach((event, i) => {
      const version = head.version + i + 1;
      const data = normalise(event.data) as Record<string, unknown>;
      const metadata = normalise(event.metadata);
      const hash = eventHash(chained, { streamId, version, type: event.type, schemaVersion: event.schemaVersion, data, metadata });
      chained = hash;
      sent.push({ streamId, version, type: event.type, schemaVersion: event.schemaVersion, data, metadata, hash });
      const base = params.length;
      params.push(version, event.type, event.schemaVersion, JSON.stringify(data), JSON.stringify(metadata), hash);
      tuples.push(`($1, $${base + 1}::int, $${base + 2}, $${base + 3}::int, $${base + 4}::jsonb, $${base + 5}::jsonb, $${base + 6})`);
    });
    const parts = [
      `appended AS (
         INSERT INTO events (stream_id, version, type, schema_version, data, metadata, hash)
         SELECT * FROM (VALUES ${tuples.join(', ')}) AS v
         WHERE $2::int = 0 OR EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND version = $2::int AND hash = $3)
         RETURNING version, global_position, transaction_id, recorded_at)`,
    ];
    const claim = write.claimKeys ?? [];
    if (claim.length > 0) {
      params.push(claim.map((k) => k.key));
      parts.push(
        `claimed AS (INSERT INTO unique_keys (key, stream_id)
           SELECT k, $1 FROM unnest($${params.length}::text[]) AS k WHERE EXISTS (SELECT 1 FROM appended))`,
      );
    }
    const release = write.releaseKeys ?? [];
    if (release.length > 0) {
      params.push(release);
      parts.push(`released AS (DELETE FROM unique_keys WHERE key = ANY($${params.length}) AND EXISTS (SELECT 1 FROM appended))`);
    }
    const idempotency = write.idempotency;
    if (idempotency) {
      params.push(idempotency.agency, idempotency.actor, idempotency.key, idempotency.requestHash, JSON.stringify(idempotency.result));
      const n = params.length;
      parts.push(
        `remembered AS (INSERT INTO idempotency_keys (agency, actor, key, request_hash, response)
           SELECT $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1},
                  $${n}::jsonb || jsonb_build_object('position', (SELECT max(global_position) FROM appended))
           WHERE EXISTS (SELECT 1 FROM appended))`,
      );
    }
    let rows: { version: number; global_position: string; transaction_id: string; recorded_at: Date }[];
    try {
      // The text depends only on the write's shape (event count, keys, idempotency): few distinct statements.
      ({ rows } = await this.pool.query(
        prepared(
          `WITH ${parts.join(',\n')}
           SELECT version, global_position, transaction_id::text AS transaction_id, recorded_at FROM appended`,
          params,
        ),
      ));
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version')) throw new ConcurrencyConflictError(streamId, head.version);
      if (isUniqueViolation(error, 'unique_keys_pkey')) {
        const detail = String((error as { detail?: unknown }).detail ?? '');
        const taken = claim.find((k) => detail.includes(`=(${k.key})`)) ?? claim[0];
        throw new UniqueKeyTakenError(taken.key, taken.message);
      }
      // A twin with the same Idempotency-Key committed first: the caller replays its result.
      if (isUniqueViolation(error, 'idempotency_keys_pkey')) throw new UniqueKeyTakenError(`idempotency:${idempotency?.key ?? ''}`);
      throw error;
    }
    if (rows.length === 0) throw new ConcurrencyConflictError(streamId, head.version);
    const byVersion = new Map(rows.map((r) => [r.version, r]));
    const recorded = sent.map((e): RecordedEvent => {
      const row = byVersion.get(e.version) as (typeof rows)[number];
      return {
        ...e,
        globalPosition: Number(row.global_position),
        transactionId: row.transaction_id,
        recordedAt: row.recorded_at.toISOString(),
      };
    });
    const last = recorded[recorded.length - 1];
    return { recorded, position: last.globalPosition, version: last.version };
  }
}
