import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { EventStore, eventHash } from '../libs/event-store/src/index.js';
import { CheckpointSigner, generateSigningKeyText, LedgerVerifier } from '../libs/ledger/src/index.js';
import {
  appendHistory,
  AGENCY,
  metadata,
  OTHER_AGENCY,
  RogueDba,
  sequenceEverything,
  testSequencer,
  type StoredEventRow,
} from '../libs/ledger/src/testing/ledger-fixtures.js';
import { compileVerifyWorker } from '../libs/ledger/src/testing/compile-worker.js';
import { DATABASE_MIGRATIONS } from '../libs/projections/src/database-migrations.js';
import { createMigratedDatabase } from '../libs/testing/src/postgres-harness.js';

type Db = Awaited<ReturnType<typeof createMigratedDatabase>>;
const worker = compileVerifyWorker();

/** A history: appends (stream, how many events, agency), with the sequencer run after some of them. */
const history = fc.record({
  appends: fc.array(
    fc.record({
      stream: fc.integer({ min: 0, max: 6 }),
      events: fc.integer({ min: 1, max: 4 }),
      other: fc.boolean(),
      sequenceAfter: fc.boolean(),
    }),
    { minLength: 3, maxLength: 30 },
  ),
  batchSize: fc.integer({ min: 1, max: 20 }),
  checkpointEvery: fc.integer({ min: 1, max: 25 }),
  pendingTail: fc.integer({ min: 0, max: 3 }),
});
type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

describe('property: random histories verify clean, and any single mutation is found', () => {
  let db: Db;
  let dba: RogueDba;
  let store: EventStore;
  let verifier: LedgerVerifier;
  const signer = CheckpointSigner.fromText(generateSigningKeyText());
  let run = 0;

  beforeAll(async () => {
    db = await createMigratedDatabase(DATABASE_MIGRATIONS);
    dba = await RogueDba.connect(db.url);
    store = new EventStore(db.dataSource);
    verifier = new LedgerVerifier(db.dataSource);
  });
  afterAll(async () => {
    worker.dispose();
    await dba.close();
    await db.close();
  });

  /** Writes the history from an empty log; returns the sequenced events (commit order) and how many are pending. */
  async function build(h: History): Promise<{ sequenced: StoredEventRow[]; pending: number }> {
    await dba.sql(`TRUNCATE events, unique_keys`);
    await dba.wipeLedger();
    run += 1;
    const { sequencer } = testSequencer(db.dataSource, signer, { batchSize: h.batchSize, checkpointEveryEvents: h.checkpointEvery });
    for (const step of h.appends) {
      await appendHistory(store, [
        { stream: `employee-r${run}s${step.stream}`, events: step.events, agency: step.other ? OTHER_AGENCY : AGENCY },
      ]);
      if (step.sequenceAfter) await sequencer.drain();
    }
    await sequenceEverything(sequencer, db.dataSource, { checkpoint: true });
    await sequencer.stop();
    if (h.pendingTail > 0) await appendHistory(store, [{ stream: `employee-r${run}tail`, events: h.pendingTail }]);
    const all = await dba.events();
    return { sequenced: all.slice(0, all.length - h.pendingTail), pending: h.pendingTail };
  }

  test('random histories, sequenced in random batches with random checkpoints, verify clean', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        const { sequenced, pending } = await build(h);
        const result = await verifier.verify({
          trustedPublicKey: signer.publicKey,
          pageSize: 1 + (sequenced.length % 9),
          workerUrl: sequenced.length % 2 ? worker.url : null,
        });
        expect(result).toMatchObject({
          ok: true,
          checkedEvents: sequenced.length + pending,
          treeSize: sequenced.length,
          pendingEvents: pending,
        });
      }),
      { numRuns: 15 },
    );
  });

  type Mutation =
    | { kind: 'data'; at: number }
    | { kind: 'metadata'; at: number }
    | { kind: 'hash'; at: number }
    | { kind: 'delete'; at: number }
    | { kind: 'swap'; at: number; with: number }
    | { kind: 'forge'; at: number; stream: number }
    | { kind: 'truncate'; keep: number };

  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('data' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('metadata' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('hash' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
    fc.record({ kind: fc.constant('forge' as const), at: fc.nat(), stream: fc.nat() }),
    fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat() }),
  );

  /** Applies the mutation; returns what the verifier must report, or null when it does not apply. */
  async function mutate(m: Mutation, log: StoredEventRow[]): Promise<{ kind: string; position: number } | null> {
    const pick = (n: number) => log[n % log.length];
    const p = (row: StoredEventRow) => Number(row.global_position);
    switch (m.kind) {
      case 'data': {
        const row = pick(m.at);
        await dba.sql(
          `UPDATE events SET data = jsonb_set(data, '{reason}', to_jsonb((data->>'reason') || '!')) WHERE global_position = $1`,
          [row.global_position],
        );
        return { kind: 'ALTERED', position: p(row) };
      }
      case 'metadata': {
        const row = pick(m.at);
        await dba.sql(
          `UPDATE events SET metadata = jsonb_set(metadata, '{occurredAt}', '"2020-01-01T00:00:00.000Z"') WHERE global_position = $1`,
          [row.global_position],
        );
        return { kind: 'ALTERED', position: p(row) };
      }
      case 'hash': {
        const row = pick(m.at);
        await dba.sql(`UPDATE events SET hash = encode(sha256(decode(hash, 'hex')), 'hex') WHERE global_position = $1`, [
          row.global_position,
        ]);
        return { kind: 'ALTERED', position: p(row) };
      }
      case 'delete': {
        const index = m.at % log.length;
        await dba.sql(`DELETE FROM events WHERE global_position = $1`, [log[index].global_position]);
        return { kind: index === log.length - 1 ? 'TRUNCATED' : 'MISSING', position: p(log[index]) };
      }
      case 'truncate': {
        const keep = m.keep % log.length;
        await dba.sql(`DELETE FROM events WHERE global_position = ANY($1)`, [log.slice(keep).map((r) => r.global_position)]);
        return { kind: 'TRUNCATED', position: p(log[keep]) };
      }
      case 'swap': {
        const [i, j] = [m.at % log.length, m.with % log.length].sort((a, b) => a - b);
        if (log[i].transaction_id === log[j].transaction_id) return null;
        await dba.sql(
          `UPDATE events SET transaction_id = CASE WHEN global_position = $1 THEN $4::xid8 ELSE $3::xid8 END WHERE global_position IN ($1, $2)`,
          [log[i].global_position, log[j].global_position, log[i].transaction_id, log[j].transaction_id],
        );
        return { kind: 'REORDERED', position: p(log[i]) };
      }
      case 'forge': {
        const host = pick(m.at);
        const streams = [...new Set(log.map((r) => r.stream_id))];
        const stream = streams[m.stream % streams.length];
        const [head] = await dba.sql<{ version: number; hash: string }>(
          `SELECT version, hash FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`,
          [stream],
        );
        const data = {
          sanctionId: 'forged',
          nip: '198507122010011001',
          level: 'SEVERE',
          reason: 'Dipalsukan',
          from: '2026-01-01',
          until: '2027-01-01',
        };
        const meta = metadata();
        const hash = eventHash(head.hash, {
          streamId: stream,
          version: head.version + 1,
          type: 'DisciplinarySanctionImposed',
          schemaVersion: 1,
          data,
          metadata: meta,
        });
        const [forged] = await dba.sql<{ global_position: string }>(
          `INSERT INTO events (transaction_id, stream_id, version, type, schema_version, data, metadata, hash)
           VALUES ($1::xid8, $2, $3, 'DisciplinarySanctionImposed', 1, $4::jsonb, $5::jsonb, $6) RETURNING global_position`,
          [host.transaction_id, stream, head.version + 1, JSON.stringify(data), JSON.stringify(meta), hash],
        );
        // Behind the last sequenced transaction it is just a new event, appended by whoever can write.
        if (host.transaction_id === log[log.length - 1].transaction_id) return null;
        return { kind: 'INSERTED', position: Number(forged.global_position) };
      }
    }
  }

  test('any single mutation of a sequenced history is found, with its kind and position', async () => {
    await fc.assert(
      fc.asyncProperty(history, mutation, fc.boolean(), async (h, m, inWorker) => {
        const { sequenced } = await build({ ...h, pendingTail: 0 });
        const expected = await mutate(m, sequenced);
        fc.pre(expected !== null);
        const result = await verifier.verify({ trustedPublicKey: signer.publicKey, pageSize: 4, workerUrl: inWorker ? worker.url : null });
        expect({ ok: result.ok, kind: result.kind, position: result.firstInvalidPosition }).toEqual({ ok: false, ...expected });
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
