import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { EventMetadata, RecordedEvent } from '#domain';
import { createMigratedDatabase } from '../../testing/src/postgres-harness.js';
import { ConcurrencyConflictError, UniqueKeyTakenError } from './errors.js';
import { CommandStore } from './command-store.js';
import { EventStore, START_OF_LOG } from './event-store.js';
import { eventHash, GENESIS_HASH } from './hashing.js';

const metadata = (actor = '198507122010011001'): EventMetadata => ({
  actor,
  agency: 'pemkot-langsa',
  correlationId: 'c-1',
  causationId: null,
  occurredAt: '2026-03-02T03:00:00.000Z',
});
const event = (n: number) => ({ type: 'Noted', schemaVersion: 1, data: { n, nip: '198507122010011001' }, metadata: metadata() });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('EventStore on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let store: EventStore;

  beforeAll(async () => {
    db = await createMigratedDatabase(undefined, 60);
    store = new EventStore(db.dataSource);
  });
  afterAll(async () => db.close());

  test('appends at the expected version and reads the stream back with a hash chain', async () => {
    const appended = await store.transaction((s) => s.append('s-chain', 0, [event(1), event(2)]));
    await store.transaction((s) => s.append('s-chain', 2, [event(3)]));
    const stream = await store.readStream('s-chain');
    expect(stream.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(appended.map((e) => e.version)).toEqual([1, 2]);
    let previous = GENESIS_HASH;
    for (const e of stream) {
      expect(e.hash).toBe(
        eventHash(previous, {
          streamId: e.streamId,
          version: e.version,
          type: e.type,
          schemaVersion: 1,
          data: e.data,
          metadata: e.metadata,
        }),
      );
      previous = e.hash;
    }
    expect(stream[0].metadata).toEqual(metadata());
  });

  test('a stale expected version is a concurrency conflict and writes nothing', async () => {
    await store.transaction((s) => s.append('s-stale', 0, [event(1)]));
    await expect(store.transaction((s) => s.append('s-stale', 0, [event(2)]))).rejects.toBeInstanceOf(ConcurrencyConflictError);
    expect(await store.readStream('s-stale')).toHaveLength(1);
  });

  test('50 concurrent appends at the same expected version: exactly one wins', async () => {
    await store.transaction((s) => s.append('s-race', 0, [event(0)]));
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => store.transaction((s) => s.append('s-race', 1, [event(i)]))),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflictError);
    expect((await store.readStream('s-race')).map((e) => e.version)).toEqual([1, 2]);
  });

  test('a taken uniqueness key rolls the whole append back', async () => {
    const commands = new CommandStore(db.dataSource);
    const genesis = { version: 0, hash: GENESIS_HASH };
    const claimKeys = [{ key: 'certificate:x', message: 'certificate already recorded' }];
    await commands.write({ streamId: 's-key-1', head: genesis, events: [event(1)], claimKeys });
    const attempt = commands.write({ streamId: 's-key-2', head: genesis, events: [event(1)], claimKeys });
    await expect(attempt).rejects.toBeInstanceOf(UniqueKeyTakenError);
    await expect(attempt).rejects.toThrow('certificate already recorded');
    expect(await store.readStream('s-key-2')).toHaveLength(0);
    expect(await commands.keyHolder('certificate:x')).toBe('s-key-1');
    // Released with the next append of the holder, the key can be taken again.
    await commands.write({
      streamId: 's-key-1',
      head: (await commands.readStreams(['s-key-1'])).get('s-key-1')!.head,
      events: [event(2)],
      releaseKeys: ['certificate:x'],
    });
    await commands.write({ streamId: 's-key-2', head: genesis, events: [event(1)], claimKeys });
    expect(await commands.keyHolder('certificate:x')).toBe('s-key-2');
  });

  test('the application cannot update, delete or truncate events', async () => {
    await store.transaction((s) => s.append('s-immutable', 0, [event(1)]));
    await expect(db.dataSource.query(`UPDATE events SET data = '{}' WHERE stream_id = 's-immutable'`)).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`DELETE FROM events WHERE stream_id = 's-immutable'`)).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`TRUNCATE events`)).rejects.toThrow(/append-only/);
  });

  test('writers committing out of order: the commit-order reader sees every event exactly once', async () => {
    const seen: RecordedEvent[] = [];
    let cursor = START_OF_LOG;
    // Skip what earlier tests wrote.
    for (;;) {
      const page = await store.readAll(cursor, 1000);
      if (page.length === 0) break;
      cursor = { transactionId: page[page.length - 1].transactionId, globalPosition: page[page.length - 1].globalPosition };
    }
    const writers = 40;
    const perWriter = 5;
    let done = false;
    const reader = (async () => {
      while (!done) {
        const page = await store.readAll(cursor, 7);
        for (const e of page) seen.push(e);
        if (page.length > 0) {
          const last = page[page.length - 1];
          cursor = { transactionId: last.transactionId, globalPosition: last.globalPosition };
        } else {
          await sleep(2);
        }
      }
    })();
    // Each writer takes its position (xid) early, then sleeps a random time before committing,
    // so positions commit in a different order from the one they were assigned in.
    await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        (async () => {
          for (let i = 0; i < perWriter; i += 1) {
            await store.transaction(async (s) => {
              await s.append(`s-writer-${w}`, i, [event(i)]);
              await sleep(Math.random() * 25);
            });
          }
        })(),
      ),
    );
    // Drain what is left after the last commit.
    const deadline = Date.now() + 10_000;
    const mine = () => seen.filter((e) => e.streamId.startsWith('s-writer-')).length;
    while (mine() < writers * perWriter && Date.now() < deadline) await sleep(10);
    await sleep(50); // anything past the expected count would be a duplicate: give it a chance to show
    done = true;
    await reader;
    // Other databases of the cluster hold the xid watermark back too, so events of earlier tests may
    // only become readable now: count this test's streams.
    const ids = seen.filter((e) => e.streamId.startsWith('s-writer-')).map((e) => e.globalPosition);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(writers * perWriter);
    for (let w = 0; w < writers; w += 1) {
      expect(seen.filter((e) => e.streamId === `s-writer-${w}`).map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
    }
  });

  test('an open transaction holds back later commits until it commits, then both are read in order', async () => {
    let cursor = START_OF_LOG;
    for (;;) {
      const page = await store.readAll(cursor, 1000);
      if (page.length === 0) break;
      cursor = { transactionId: page[page.length - 1].transactionId, globalPosition: page[page.length - 1].globalPosition };
    }
    let releaseFirst: () => void = () => undefined;
    const firstMayCommit = new Promise<void>((r) => (releaseFirst = r));
    let firstAppended: () => void = () => undefined;
    const firstHasPosition = new Promise<void>((r) => (firstAppended = r));
    const first = store.transaction(async (s) => {
      await s.append('s-slow', 0, [event(1)]);
      firstAppended();
      await firstMayCommit;
    });
    await firstHasPosition;
    await store.transaction((s) => s.append('s-fast', 0, [event(1)]));

    // The fast event has the higher position and is committed, but the slow one could still land before it.
    expect((await store.readAll(cursor, 100)).filter((e) => e.streamId === 's-fast')).toEqual([]);
    const [{ max }] = await db.dataSource.query(`SELECT max(global_position)::int AS max FROM events`);
    const naive = await db.dataSource.query(`SELECT stream_id FROM events WHERE global_position > $1 - 1`, [max]);
    expect(naive.map((r: { stream_id: string }) => r.stream_id)).toEqual(['s-fast']);

    releaseFirst();
    await first;
    // Transactions in other databases of the cluster can hold the watermark a little longer.
    let page = await store.readAll(cursor, 100);
    for (const deadline = Date.now() + 10_000; page.length < 2 && Date.now() < deadline; page = await store.readAll(cursor, 100))
      await sleep(20);
    expect(page.map((e) => e.streamId).filter((id) => id === 's-slow' || id === 's-fast')).toEqual(['s-slow', 's-fast']);
  });

  test('commit order is numeric across a digit boundary of transaction ids (9 before 10, 999 before 1000)', async () => {
    // Rows written with explicit old xids (all long finished): the order must not be the text order.
    for (const [xid, stream] of [
      ['10', 'd-ten'],
      ['9', 'd-nine'],
      ['1000', 'd-thousand'],
      ['999', 'd-999'],
    ]) {
      await db.dataSource.query(
        `INSERT INTO events (transaction_id, stream_id, version, type, schema_version, data, metadata, hash)
         VALUES ($1::xid8, $2, 1, 'Noted', 1, '{}', '{}', $3)`,
        [xid, stream, '0'.repeat(64)],
      );
    }
    const page = await store.readAll(START_OF_LOG, 4);
    expect(page.map((e) => e.streamId)).toEqual(['d-nine', 'd-ten', 'd-999', 'd-thousand']);
    const hashes = await store.readAllHashes(START_OF_LOG, 4);
    expect(hashes.map((e) => e.transactionId)).toEqual(['9', '10', '999', '1000']);
  });

  test('idempotency keys store the first result with its position; a concurrent twin loses on the key', async () => {
    const commands = new CommandStore(db.dataSource);
    const genesis = { version: 0, hash: GENESIS_HASH };
    const scope = { agency: 'pemkot-langsa', actor: 'a', key: 'k1' };
    const written = await commands.write({
      streamId: 's-idem-1',
      head: genesis,
      events: [event(1)],
      idempotency: { ...scope, requestHash: 'h1', result: { ok: 1, version: 1 } },
    });
    const found = await commands.findResult(scope);
    expect(found).toEqual({ requestHash: 'h1', result: { ok: 1, version: 1, position: written.position } });
    const twin = commands.write({
      streamId: 's-idem-2',
      head: genesis,
      events: [event(1)],
      idempotency: { ...scope, requestHash: 'h2', result: {} },
    });
    await expect(twin).rejects.toThrow();
    expect(await store.readStream('s-idem-2')).toHaveLength(0);
    // Scoped by agency and actor: the same key elsewhere is another request.
    expect(await commands.findResult({ ...scope, actor: 'b' })).toBeNull();
    expect(await commands.findResult({ ...scope, agency: 'pemkot-medan' })).toBeNull();
  });
});
