import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { EventMetadata } from '#domain';
import { createMigratedDatabase } from '../../testing/src/postgres-harness.js';
import { ConcurrencyConflictError, UniqueKeyTakenError } from './errors.js';
import { CommandStore, type CommandWrite } from './command-store.js';
import { EventStore } from './event-store.js';
import { eventHash, GENESIS_HASH } from './hashing.js';

const metadata: EventMetadata = {
  actor: '198507122010011001',
  agency: 'pemkot-langsa',
  correlationId: 'c-1',
  causationId: null,
  occurredAt: '2026-03-02T03:00:00.000Z',
};
const event = (n: number) => ({ type: 'Noted', schemaVersion: 1, data: { n }, metadata });
const genesis = { version: 0, hash: GENESIS_HASH };

/** Concurrent writes through one store: past the writes in flight, they go together in one statement. */
describe('CommandStore group commit', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let store: EventStore;
  let commands: CommandStore;

  beforeAll(async () => {
    db = await createMigratedDatabase(undefined, 60);
    store = new EventStore(db.dataSource);
    commands = new CommandStore(db.dataSource);
  });
  afterAll(async () => db.close());

  async function transactionsOf(streamIds: string[]): Promise<Map<string, string>> {
    const rows: { stream_id: string; transaction_id: string }[] = await db.dataSource.query(
      `SELECT stream_id, transaction_id::text AS transaction_id FROM events WHERE stream_id = ANY($1)`,
      [streamIds],
    );
    return new Map(rows.map((r) => [r.stream_id, r.transaction_id]));
  }

  test('concurrent writes share commits, each with its own versions, chained hashes and positions', async () => {
    const streams = Array.from({ length: 40 }, (_, i) => `g-many-${i}`);
    const outcomes = await Promise.all(
      streams.map((streamId) => commands.write({ streamId, head: genesis, events: [event(1), event(2)] })),
    );
    const transactions = await transactionsOf(streams);
    // 40 writes, at most two statements out at a time: most of them went in together.
    expect(new Set(transactions.values()).size).toBeLessThan(20);
    const positions = outcomes.flatMap((o) => o.recorded.map((e) => e.globalPosition));
    expect(new Set(positions).size).toBe(80);
    for (const [i, streamId] of streams.entries()) {
      const stored = await store.readStream(streamId);
      expect(stored.map((e) => [e.version, e.globalPosition, e.hash])).toEqual(
        outcomes[i].recorded.map((e) => [e.version, e.globalPosition, e.hash]),
      );
      expect(stored[0].hash).toBe(
        eventHash(GENESIS_HASH, { streamId, version: 1, type: 'Noted', schemaVersion: 1, data: { n: 1 }, metadata }),
      );
      expect(stored[1].globalPosition).toBeGreaterThan(stored[0].globalPosition);
      expect(outcomes[i]).toMatchObject({ version: 2, position: stored[1].globalPosition });
    }
  });

  test('a stale head in a batch gets its conflict; the rest of the batch goes in', async () => {
    await commands.write({ streamId: 'g-stale', head: genesis, events: [event(1)] });
    const writes: CommandWrite[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ streamId: `g-fresh-${i}`, head: genesis, events: [event(1)] })),
      { streamId: 'g-stale', head: genesis, events: [event(2)], claimKeys: [{ key: 'g:stale-key', message: 'taken' }] },
    ];
    const results = await Promise.allSettled(writes.map((w) => commands.write(w)));
    expect(results.slice(0, 10).every((r) => r.status === 'fulfilled')).toBe(true);
    const stale = results[10] as PromiseRejectedResult;
    expect(stale.status).toBe('rejected');
    expect(stale.reason).toBeInstanceOf(ConcurrencyConflictError);
    expect((await store.readStream('g-stale')).map((e) => e.data)).toEqual([{ n: 1 }]);
    // Its key went nowhere: it was to be taken only with its events.
    expect(await commands.keyHolder('g:stale-key')).toBeNull();
  });

  test('two writes of one batch claiming one key: one holds it, the other is told, the others go in', async () => {
    const claimKeys = [{ key: 'g:certificate-7', message: 'certificate already recorded' }];
    const writes: CommandWrite[] = Array.from({ length: 12 }, (_, i) => ({
      streamId: `g-key-${i}`,
      head: genesis,
      events: [event(1)],
      ...(i === 4 || i === 9 ? { claimKeys } : {}),
    }));
    const results = await Promise.allSettled(writes.map((w) => commands.write(w)));
    const rejected = results.flatMap((r, i) => (r.status === 'rejected' ? [[i, r.reason as unknown] as const] : []));
    expect(rejected).toHaveLength(1);
    const [loser, reason] = rejected[0];
    expect([4, 9]).toContain(loser);
    expect(reason).toBeInstanceOf(UniqueKeyTakenError);
    expect(await commands.keyHolder('g:certificate-7')).toBe(`g-key-${loser === 4 ? 9 : 4}`);
    expect(await store.readStream(`g-key-${loser}`)).toHaveLength(0);
    const holders = await transactionsOf(writes.map((w) => w.streamId));
    expect(holders.size).toBe(11);
  });

  test('idempotent results of one batch each record their own position; keys are released with their events', async () => {
    await commands.write({ streamId: 'g-holder', head: genesis, events: [event(1)], claimKeys: [{ key: 'g:open-case', message: 'open' }] });
    const [holderHead] = (await commands.readStreams(['g-holder'])).values();
    const writes: CommandWrite[] = [
      ...Array.from({ length: 8 }, (_, i) => ({
        streamId: `g-idem-${i}`,
        head: genesis,
        events: [event(1), event(2)],
        idempotency: { agency: 'pemkot-langsa', actor: metadata.actor, key: `k-${i}`, requestHash: `h-${i}`, result: { n: i } },
      })),
      { streamId: 'g-holder', head: holderHead.head, events: [event(2)], releaseKeys: ['g:open-case'] },
    ];
    const outcomes = await Promise.all(writes.map((w) => commands.write(w)));
    for (let i = 0; i < 8; i += 1) {
      expect(await commands.findResult({ agency: 'pemkot-langsa', actor: metadata.actor, key: `k-${i}` })).toEqual({
        requestHash: `h-${i}`,
        result: { n: i, position: outcomes[i].position },
      });
    }
    expect(await commands.keyHolder('g:open-case')).toBeNull();
  });

  test('concurrent stream reads, grouped, each get their own streams and heads', async () => {
    const streams = Array.from({ length: 30 }, (_, i) => `g-read-${i}`);
    await Promise.all(
      streams.map((streamId, i) =>
        commands.write({ streamId, head: genesis, events: Array.from({ length: 1 + (i % 3) }, (_, n) => event(n)) }),
      ),
    );
    const reads = await Promise.all(
      streams.map((streamId, i) => commands.readStreams([streamId, `g-read-missing-${i}`, streams[(i + 1) % 30]])),
    );
    for (const [i, read] of reads.entries()) {
      expect([...read.keys()]).toEqual([streams[i], `g-read-missing-${i}`, streams[(i + 1) % 30]]);
      const own = read.get(streams[i])!;
      expect(own.events.map((e) => e.version)).toEqual(Array.from({ length: 1 + (i % 3) }, (_, n) => n + 1));
      expect(own.head).toEqual({ version: 1 + (i % 3), hash: own.events[own.events.length - 1].hash });
      expect(read.get(`g-read-missing-${i}`)).toEqual({ events: [], head: genesis });
      expect(read.get(streams[(i + 1) % 30])!.head.version).toBe(1 + ((i + 1) % 3));
    }
  });

  test('without grouping every write is its own statement', async () => {
    const alone = new CommandStore(db.dataSource, { groupCommit: false });
    const streams = Array.from({ length: 12 }, (_, i) => `g-alone-${i}`);
    await Promise.all(streams.map((streamId) => alone.write({ streamId, head: genesis, events: [event(1)] })));
    expect(new Set((await transactionsOf(streams)).values()).size).toBe(12);
  });
});
