import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { EventStore } from '../libs/event-store/src/index.js';
import {
  allCheckpoints,
  CheckpointSigner,
  generateSigningKeyText,
  LedgerVerifier,
  MerkleFrontier,
  leafHash,
  hexToHash,
  readLedgerState,
  rootAt,
} from '../libs/ledger/src/index.js';
import {
  appendHistory,
  appendMixedHistory,
  sanctionEvent,
  sequenceEverything,
  testSequencer,
} from '../libs/ledger/src/testing/ledger-fixtures.js';
import { DATABASE_MIGRATIONS } from '../libs/projections/src/database-migrations.js';
import { createMigratedDatabase } from '../libs/testing/src/postgres-harness.js';

type Db = Awaited<ReturnType<typeof createMigratedDatabase>>;
const until = async (what: string, condition: () => Promise<boolean>, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the ledger sequencer', () => {
  let db: Db;
  let store: EventStore;
  const signer = CheckpointSigner.fromText(generateSigningKeyText());
  const treeSize = async () => (await readLedgerState(db.dataSource)).treeSize;
  const eventCount = async () => Number((await db.dataSource.query(`SELECT count(*) AS n FROM events`))[0].n);
  const verify = () => new LedgerVerifier(db.dataSource).verify({ trustedPublicKey: signer.publicKey });

  beforeEach(async () => {
    db = await createMigratedDatabase(DATABASE_MIGRATIONS, 20);
    store = new EventStore(db.dataSource);
  });
  afterEach(async () => db.close());

  test('backfills an existing log, then follows appends; leaves are commit order, roots match an independent rebuild', async () => {
    await appendMixedHistory(store, 20);
    const { sequencer } = testSequencer(db.dataSource, signer);
    sequencer.start();
    await until('the backfill', async () => (await treeSize()) === (await eventCount()));
    await appendMixedHistory(store, 15);
    await until('the new events', async () => (await treeSize()) === (await eventCount()));
    await sequencer.stop();
    const hashes: { hash: string }[] = await db.dataSource.query(`SELECT hash FROM events ORDER BY transaction_id, global_position`);
    const frontier = MerkleFrontier.empty();
    for (const { hash } of hashes) frontier.append(leafHash(hexToHash(hash)));
    expect((await rootAt(db.dataSource, hashes.length)).equals(frontier.root())).toBe(true);
    expect(await verify()).toMatchObject({ ok: true });
  });

  test('a transaction that commits late is not overtaken: the tree waits for it and keeps commit order', async () => {
    await appendHistory(store, [{ stream: 'employee-early', events: 2 }]);
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    // This transaction takes its xid first (at its first write) but commits last.
    const { EventStoreSession } = await import('../libs/event-store/src/index.js');
    await new EventStoreSession(runner.manager).append('employee-late', 0, [sanctionEvent(1)]);
    await appendHistory(store, [{ stream: 'employee-quick', events: 3 }]);
    const { sequencer } = testSequencer(db.dataSource, signer);
    await until('the early events', async () => (await sequencer.drain()) >= 0 && (await treeSize()) >= 2);
    await sequencer.drain();
    expect(await treeSize()).toBe(2);
    await runner.commitTransaction();
    await runner.release();
    await sequenceEverything(sequencer, db.dataSource, { checkpoint: true });
    await sequencer.stop();
    const leaves: { stream_id: string }[] = await db.dataSource.query(
      `SELECT e.stream_id FROM ledger_leaves l JOIN events e USING (global_position) ORDER BY l.leaf_index`,
    );
    expect(leaves.map((l) => l.stream_id)).toEqual([
      'employee-early',
      'employee-early',
      'employee-late',
      'employee-quick',
      'employee-quick',
      'employee-quick',
    ]);
    expect(await verify()).toMatchObject({ ok: true, treeSize: 6 });
  });

  test('one writer at a time: a second sequencer stands by, and takes over from the stored tree', async () => {
    const first = testSequencer(db.dataSource, signer).sequencer;
    const second = testSequencer(db.dataSource, signer).sequencer;
    first.start();
    second.start();
    await appendMixedHistory(store, 25);
    await until('the first batches', async () => (await treeSize()) > 0);
    expect([first.status.leader, second.status.leader].filter(Boolean)).toHaveLength(1);
    const leader = first.status.leader ? first : second;
    const standby = leader === first ? second : first;
    await leader.stop();
    await appendMixedHistory(store, 25);
    await until('the standby to take over', async () => (await treeSize()) === (await eventCount()));
    expect(standby.status.leader).toBe(true);
    await standby.stop();
    expect(await verify()).toMatchObject({ ok: true });
  });

  test('a writer that lost its lock (connection killed) cannot write; the next one carries on consistently', async () => {
    const { sequencer } = testSequencer(db.dataSource, signer);
    await appendMixedHistory(store, 10);
    await sequencer.drain();
    const before = await treeSize();
    await db.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    await appendMixedHistory(store, 10);
    // As soon as the new events are visible (below the watermark), its write fails: its connection is gone.
    let refused: unknown = null;
    await until('the orphaned writer to try', async () => {
      await sequencer.drain().catch((error: unknown) => (refused = error));
      return refused !== null;
    });
    expect(await treeSize()).toBe(before);
    await sequencer.releaseLeadership();
    const next = testSequencer(db.dataSource, signer).sequencer;
    await sequenceEverything(next, db.dataSource, { checkpoint: true });
    await next.stop();
    expect(await verify()).toMatchObject({ ok: true, treeSize: await eventCount() });
  });

  test('checkpoints every N leaves exactly, and after T seconds for a tail that grew', async () => {
    await appendHistory(
      store,
      Array.from({ length: 12 }, (_, i) => ({ stream: `employee-c${i % 3}`, events: 1 })),
    );
    const counting = testSequencer(db.dataSource, signer, {
      checkpointEveryEvents: 5,
      checkpointEverySeconds: 3600,
      batchSize: 3,
    }).sequencer;
    await sequenceEverything(counting, db.dataSource);
    await counting.stop();
    expect((await allCheckpoints(db.dataSource)).map((c) => c.treeSize)).toEqual([5, 10]);
    const timed = testSequencer(db.dataSource, signer, { checkpointEveryEvents: 5, checkpointEverySeconds: 1, batchSize: 3 }).sequencer;
    timed.start();
    await until('a checkpoint of the tail', async () => (await allCheckpoints(db.dataSource)).some((c) => c.treeSize === 12), 5000);
    await timed.stop();
    const signed = await allCheckpoints(db.dataSource);
    expect(signed.map((c) => c.treeSize)).toEqual([5, 10, 12]);
    expect(Date.parse(signed[2].signedAt) - Date.parse(signed[1].signedAt)).toBeGreaterThanOrEqual(1000);
    expect(signed.every((c) => c.publicKey === signer.publicKey)).toBe(true);
  });
});
