import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { upcastEvent, type RecordedEvent } from '#domain';
import { ConcurrencyConflictError, isDeadlock, isUniqueViolation, UniqueKeyTakenError } from './errors.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow, type NewEvent } from './event-store.js';
import { Coalescer, settle, type Queued } from './coalescer.js';
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

/** Read or write statements out at once; those that arrive meanwhile wait and go together. */
const MAX_IN_FLIGHT = 2;
const MAX_WRITES_PER_BATCH = 64;
const MAX_READS_PER_BATCH = 64;

type SentEvent = Omit<RecordedEvent, 'globalPosition' | 'transactionId' | 'recordedAt'>;

interface HashedWrite {
  write: CommandWrite;
  sent: SentEvent[];
}

interface AppendedRow {
  stream_id: string;
  version: number;
  global_position: string;
  transaction_id: string;
  recorded_at: Date;
}

/** The events with their versions and chained hashes, as they will be stored. */
function hashed(write: CommandWrite): HashedWrite {
  const { streamId, head } = write;
  let chained = head.hash;
  const sent = write.events.map((event, i): SentEvent => {
    const version = head.version + i + 1;
    const data = normalise(event.data) as Record<string, unknown>;
    const metadata = normalise(event.metadata);
    const hash = eventHash(chained, { streamId, version, type: event.type, schemaVersion: event.schemaVersion, data, metadata });
    chained = hash;
    return { streamId, version, type: event.type, schemaVersion: event.schemaVersion, data, metadata, hash };
  });
  return { write, sent };
}

function outcome(sent: SentEvent[], rows: AppendedRow[]): WriteOutcome {
  const recorded = sent.map((e, i): RecordedEvent => ({
    ...e,
    globalPosition: Number(rows[i].global_position),
    transactionId: rows[i].transaction_id,
    recordedAt: rows[i].recorded_at.toISOString(),
  }));
  const last = recorded[recorded.length - 1];
  return { recorded, position: last.globalPosition, version: last.version };
}

function streamsOf(streamIds: string[], rows: EventRow[]): Map<string, StreamRead> {
  const reads = new Map<string, StreamRead>(streamIds.map((id) => [id, { events: [], head: { version: 0, hash: GENESIS_HASH } }]));
  for (const row of rows) {
    const read = reads.get(row.stream_id) as StreamRead;
    read.events.push(toRecorded(row));
    read.head = { version: row.version, hash: row.hash };
  }
  return reads;
}

/** Rows to per-column arrays (unnest's input), `width` columns even when there are no rows. */
function columns(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, c) => rows.map((row) => row[c]));
}

const BATCH_WRITE_SQL = `
  WITH heads AS (
    SELECT * FROM unnest($1::int[], $2::text[], $3::int[], $4::text[]) AS h(cmd, stream_id, version, hash)
  ),
  -- A scalar subquery with LIMIT, not EXISTS: under OR, PostgreSQL may hash the whole events table
  -- for an EXISTS (it did, in a prepared statement's generic plan made while the table was small).
  fresh AS (
    SELECT cmd FROM heads h
    WHERE h.version = 0 OR h.hash = (SELECT e.hash FROM events e WHERE e.stream_id = h.stream_id AND e.version = h.version LIMIT 1)
  ),
  appended AS (
    INSERT INTO events (stream_id, version, type, schema_version, data, metadata, hash)
    SELECT v.stream_id, v.version, v.type, v.schema_version, v.data, v.metadata, v.hash
    FROM unnest($5::int[], $6::text[], $7::int[], $8::text[], $9::int[], $10::jsonb[], $11::jsonb[], $12::text[]) WITH ORDINALITY
      AS v(cmd, stream_id, version, type, schema_version, data, metadata, hash, ord)
    WHERE v.cmd IN (SELECT cmd FROM fresh)
    ORDER BY v.ord
    RETURNING stream_id, version, global_position, transaction_id, recorded_at
  ),
  claimed AS (
    INSERT INTO unique_keys (key, stream_id)
    SELECT k.key, k.stream_id FROM unnest($13::text[], $14::text[], $15::int[]) AS k(key, stream_id, first_version)
    WHERE EXISTS (SELECT 1 FROM appended a WHERE a.stream_id = k.stream_id AND a.version = k.first_version)
  ),
  released AS (
    DELETE FROM unique_keys u USING unnest($16::text[], $17::text[], $18::int[]) AS r(key, stream_id, first_version)
    WHERE u.key = r.key AND EXISTS (SELECT 1 FROM appended a WHERE a.stream_id = r.stream_id AND a.version = r.first_version)
  ),
  remembered AS (
    INSERT INTO idempotency_keys (agency, actor, key, request_hash, response)
    SELECT i.agency, i.actor, i.key, i.request_hash,
           i.response || jsonb_build_object('position', (SELECT max(a.global_position) FROM appended a
                                                         WHERE a.stream_id = i.stream_id AND a.version >= i.first_version))
    FROM unnest($19::text[], $20::text[], $21::text[], $22::text[], $23::jsonb[], $24::text[], $25::int[])
      AS i(agency, actor, key, request_hash, response, stream_id, first_version)
    WHERE EXISTS (SELECT 1 FROM appended a WHERE a.stream_id = i.stream_id AND a.version = i.first_version)
  )
  SELECT stream_id, version, global_position, transaction_id::text AS transaction_id, recorded_at FROM appended`;

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
  private readonly writes: Coalescer<HashedWrite, WriteOutcome> | null;
  private readonly reads: Coalescer<string[], Map<string, StreamRead>> | null;

  /** `groupCommit: false` sends every read and write alone (the tests of the single statements use it). */
  constructor(dataSource: DataSource, options: { groupCommit?: boolean } = {}) {
    this.pool = poolOf(dataSource);
    const grouped = options.groupCommit ?? true;
    this.writes = grouped ? new Coalescer((batch) => this.flushWrites(batch), MAX_IN_FLIGHT, MAX_WRITES_PER_BATCH) : null;
    this.reads = grouped ? new Coalescer((batch) => this.flushReads(batch), MAX_IN_FLIGHT, MAX_READS_PER_BATCH) : null;
  }

  /**
   * Every named stream, in one query; a stream with no events reads as empty at version 0.
   * Concurrent reads are grouped like writes (see `write`): one query for all their streams.
   */
  readStreams(streamIds: readonly string[]): Promise<Map<string, StreamRead>> {
    const unique = [...new Set(streamIds)];
    if (unique.length === 0) return Promise.resolve(new Map());
    return this.reads ? this.reads.submit(unique) : this.readAlone(unique);
  }

  private async readAlone(unique: string[]): Promise<Map<string, StreamRead>> {
    const { rows } = await this.pool.query<EventRow>(
      unique.length === 1
        ? prepared(`SELECT ${COLUMNS} FROM events WHERE stream_id = $1 ORDER BY version`, [unique[0]])
        : // One index walk per stream: a generic plan for `stream_id = ANY($1)` made while the table was
          // small scans all of it.
          prepared(
            `SELECT ${COLUMNS} FROM unnest($1::text[]) AS s(id)
             CROSS JOIN LATERAL (SELECT * FROM events WHERE stream_id = s.id ORDER BY version) AS events`,
            [unique],
          ),
    );
    return streamsOf(unique, rows);
  }

  private async flushReads(batch: Queued<string[], Map<string, StreamRead>>[]): Promise<void> {
    if (batch.length === 1) return settle(batch[0], () => this.readAlone(batch[0].item));
    const all = await this.readAlone([...new Set(batch.flatMap((b) => b.item))]);
    for (const b of batch) b.resolve(new Map(b.item.map((id) => [id, all.get(id) as StreamRead])));
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
   * Appends one command's events with its keys and idempotent result. Concurrent writes are grouped
   * (`writeBatch`): while `MAX_IN_FLIGHT` write statements are out, the writes that arrive wait and
   * go together in one statement, one commit, with an outcome each. A write that arrives when a slot
   * is free goes at once, alone.
   */
  write(write: CommandWrite): Promise<WriteOutcome> {
    const pending = hashed(write);
    return this.writes ? this.writes.submit(pending) : this.writeOne(pending);
  }

  private async flushWrites(batch: Queued<HashedWrite, WriteOutcome>[]): Promise<void> {
    if (batch.length === 1) return settle(batch[0], () => this.writeOne(batch[0].item));
    let rows: AppendedRow[];
    try {
      rows = await this.writeBatch(batch.map((b) => b.item));
    } catch (error) {
      // Two writes of the batch collided (a key, a version, a twin), or it deadlocked with another
      // process's batch: the whole statement is undone, so each goes again alone for its own outcome.
      if (isUniqueViolation(error) || isDeadlock(error)) {
        await Promise.all(batch.map((b) => settle(b, () => this.writeOne(b.item))));
        return;
      }
      for (const b of batch) b.reject(error);
      return;
    }
    const byEvent = new Map(rows.map((r) => [`${r.stream_id}\u0000${r.version}`, r]));
    for (const b of batch) {
      const { write, sent } = b.item;
      const found = sent.map((e) => byEvent.get(`${e.streamId}\u0000${e.version}`));
      if (found.some((r) => r === undefined)) b.reject(new ConcurrencyConflictError(write.streamId, write.head.version));
      else b.resolve(outcome(sent, found as AppendedRow[]));
    }
  }

  /**
   * One statement: the events (first, so the transaction id is assigned by their insert), then the
   * keys and the idempotent result, each only if the events went in. A stale head inserts nothing
   * (ConcurrencyConflictError); a key someone holds aborts the whole statement (UniqueKeyTakenError).
   */
  private async writeOne({ write, sent }: HashedWrite): Promise<WriteOutcome> {
    const { streamId, head } = write;
    const params: unknown[] = [streamId, head.version, head.hash];
    const tuples: string[] = [];
    for (const e of sent) {
      const base = params.length;
      params.push(e.version, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), e.hash);
      tuples.push(`($1, $${base + 1}::int, $${base + 2}, $${base + 3}::int, $${base + 4}::jsonb, $${base + 5}::jsonb, $${base + 6})`);
    }
    const parts = [
      `appended AS (
         INSERT INTO events (stream_id, version, type, schema_version, data, metadata, hash)
         SELECT * FROM (VALUES ${tuples.join(', ')}) AS v
         WHERE $2::int = 0 OR EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND version = $2::int AND hash = $3)
         RETURNING stream_id, version, global_position, transaction_id, recorded_at)`,
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
    let rows: AppendedRow[];
    try {
      // The text depends only on the write's shape (event count, keys, idempotency): few distinct statements.
      ({ rows } = await this.pool.query(
        prepared(
          `WITH ${parts.join(',\n')}
           SELECT stream_id, version, global_position, transaction_id::text AS transaction_id, recorded_at FROM appended`,
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
    return outcome(
      sent,
      sent.map((e) => byVersion.get(e.version) as AppendedRow),
    );
  }

  /**
   * Many commands' writes as one statement and one commit, each with its own guard: a command whose
   * head moved appends nothing and gets its conflict, the others go in. Arrays, not tuples, so the
   * text is the same for every batch (one prepared statement). Keys, releases and idempotent
   * results go in only with their command's events (matched by stream and first version).
   */
  private async writeBatch(batch: HashedWrite[]): Promise<AppendedRow[]> {
    const heads = columns(
      batch.map((b, cmd) => [cmd, b.write.streamId, b.write.head.version, b.write.head.hash]),
      4,
    );
    const events = columns(
      batch.flatMap((b, cmd) =>
        b.sent.map((e) => [
          cmd,
          e.streamId,
          e.version,
          e.type,
          e.schemaVersion,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
          e.hash,
        ]),
      ),
      8,
    );
    const first = (b: HashedWrite) => b.sent[0].version;
    const claims = columns(
      batch.flatMap((b) => (b.write.claimKeys ?? []).map((k) => [k.key, b.write.streamId, first(b)])),
      3,
    );
    const releases = columns(
      batch.flatMap((b) => (b.write.releaseKeys ?? []).map((key) => [key, b.write.streamId, first(b)])),
      3,
    );
    const results = columns(
      batch.flatMap((b) => {
        const i = b.write.idempotency;
        return i ? [[i.agency, i.actor, i.key, i.requestHash, JSON.stringify(i.result), b.write.streamId, first(b)]] : [];
      }),
      7,
    );
    const { rows } = await this.pool.query<AppendedRow>(
      prepared(BATCH_WRITE_SQL, [...heads, ...events, ...claims, ...releases, ...results]),
    );
    return rows;
  }
}
