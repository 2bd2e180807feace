/**
 * Test kit for the ledger: histories written through the real EventStore (so every hash is the
 * production one), a sequencer with small batches and checkpoints, and a rogue DBA who edits
 * the tables with SQL as a superuser, triggers off.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { EVENT_SCHEMA_VERSIONS, type EventMetadata } from '#domain';
import { EventStore, eventHash, GENESIS_HASH, type NewEvent } from '#event-store';
import { CheckpointSigner, generateSigningKeyText } from '../checkpoint.js';
import { LedgerSequencer, type LedgerSequencerOptions } from '../sequencer.js';

export const AGENCY = 'pemkot-langsa';
export const OTHER_AGENCY = 'pemkot-medan';

export function metadata(agency = AGENCY, occurredAt = '2026-03-02T03:00:00.000Z'): EventMetadata {
  return { actor: '197901012005012002', agency, correlationId: randomUUID(), causationId: null, occurredAt };
}

export function sanctionEvent(n: number, agency = AGENCY): NewEvent {
  return {
    type: 'DisciplinarySanctionImposed',
    schemaVersion: EVENT_SCHEMA_VERSIONS.DisciplinarySanctionImposed,
    data: {
      sanctionId: randomUUID(),
      nip: '198507122010011001',
      level: 'LIGHT',
      type: 'WRITTEN_REPRIMAND',
      reason: `Terlambat ${n} kali`,
      decreeNumber: `800/${n}/BKPSDM/2026`,
      decreeDate: '2026-01-01',
      from: '2026-01-01',
      until: null,
    },
    metadata: metadata(agency),
  };
}

/** One transaction per step: `events` events appended at the end of `stream`. */
export async function appendHistory(store: EventStore, plan: { stream: string; events: number; agency?: string }[]): Promise<void> {
  let n = 0;
  for (const step of plan) {
    const events = Array.from({ length: step.events }, () => sanctionEvent((n += 1), step.agency));
    await store.transaction(async (session) => session.append(step.stream, (await session.readStream(step.stream)).length, events));
  }
}

/** A varied history: `transactions` appends of 1-4 events over `streams` streams, two agencies. */
export async function appendMixedHistory(store: EventStore, transactions: number, streams = 5): Promise<void> {
  const plan = Array.from({ length: transactions }, (_, i) => ({
    stream: `employee-1985071220100110${String(i % streams).padStart(2, '0')}`,
    events: 1 + ((i * 7) % 4),
    agency: i % streams === streams - 1 ? OTHER_AGENCY : AGENCY,
  }));
  await appendHistory(store, plan);
}

const SMALL_BATCHES: LedgerSequencerOptions = {
  batchSize: 7,
  pollMs: 5,
  standbyRetryMs: 50,
  checkpointEveryEvents: 10,
  checkpointEverySeconds: 3600,
};

export function testSequencer(
  dataSource: DataSource,
  signer = CheckpointSigner.fromText(generateSigningKeyText()),
  options: Partial<LedgerSequencerOptions> = {},
) {
  const sequencer = new LedgerSequencer(
    dataSource,
    signer,
    { ...SMALL_BATCHES, ...options },
    { log: () => undefined, error: () => undefined },
  );
  return { sequencer, signer };
}

/**
 * Sequences every committed event. drain() alone may stop short: it reads below the xid
 * watermark, which any transaction open elsewhere on the server (another test's) holds back.
 */
export async function sequenceEverything(
  sequencer: LedgerSequencer,
  dataSource: DataSource,
  options: { checkpoint?: boolean } = {},
): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await sequencer.drain(options);
    const [{ events, leaves }]: { events: string; leaves: string }[] = await dataSource.query(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT tree_size FROM ledger_state) AS leaves`,
    );
    if (events === leaves) {
      if (options.checkpoint) await sequencer.drain(options);
      return;
    }
    if (Date.now() > deadline) throw new Error(`the ledger holds ${leaves} of ${events} events after 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface StoredEventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  hash: string;
}

/** A superuser editing the tables behind the application's back: triggers do not stop them. */
export class RogueDba {
  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string): Promise<RogueDba> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`SET session_replication_role = replica`);
    return new RogueDba(client);
  }

  async sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query<T>(text, params)).rows;
  }

  /** Events in commit order. */
  async events(): Promise<StoredEventRow[]> {
    return this.sql<StoredEventRow>(
      `SELECT global_position, transaction_id::text AS transaction_id, stream_id, version, type, schema_version, data, metadata, hash
       FROM events ORDER BY events.transaction_id, events.global_position`,
    );
  }

  /** Rewrites a stream's hashes from `fromVersion` on, as a DBA covering their tracks would. */
  async rechain(streamId: string, fromVersion = 1): Promise<void> {
    const rows = await this.sql<StoredEventRow>(
      `SELECT global_position, stream_id, version, type, schema_version, data, metadata, hash FROM events WHERE stream_id = $1 ORDER BY version`,
      [streamId],
    );
    let previous = GENESIS_HASH;
    for (const row of rows) {
      if (row.version >= fromVersion) {
        const hash = eventHash(previous, {
          streamId: row.stream_id,
          version: row.version,
          type: row.type,
          schemaVersion: row.schema_version,
          data: row.data,
          metadata: row.metadata,
        });
        await this.sql(`UPDATE events SET hash = $2 WHERE global_position = $1`, [row.global_position, hash]);
        previous = hash;
      } else {
        previous = row.hash;
      }
    }
  }

  /** Throws the whole ledger away, so a sequencer rebuilds it (and signs it with its own key). */
  async wipeLedger(): Promise<void> {
    await this.sql(`TRUNCATE ledger_leaves, ledger_nodes, ledger_checkpoints`);
    await this.sql(`UPDATE ledger_state SET tree_size = 0, transaction_id = '0', global_position = 0`);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
