import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import type { EventMetadata, RecordedEvent } from '#domain';
import { EVENT_STORE_MIGRATIONS, EventStore } from '#event-store';
import { InProcessTransport } from '../libs/messaging/src/in-process.transport.js';
import type { Delivery, Subscription, Transport } from '../libs/messaging/src/transport.js';
import { ProjectionRebuilder, ProjectionRuntime1732300000100, type Projection } from '#projections';
import { createMigratedDatabase } from '#testing';
import { Relay } from '../apps/relay/src/relay.js';
import { Projector } from '../apps/projector/src/projector.js';

/** Counts every application: a doubled event shows as applications > version, a lost one as a gap. */
const tally: Projection<'tally_streams'> = {
  name: 'tally',
  version: 1,
  tables: {
    tally_streams: (t) => [
      `CREATE TABLE ${t} (stream_id text PRIMARY KEY, last_version int NOT NULL, applications int NOT NULL, gaps int NOT NULL)`,
    ],
  },
  eventTypes: ['PromotionClaimReleased'],
  async apply(db: EntityManager, tables, event: RecordedEvent) {
    await db.query(
      `INSERT INTO ${tables.tally_streams} (stream_id, last_version, applications, gaps) VALUES ($1, $2, 1, CASE WHEN $2 = 1 THEN 0 ELSE 1 END)
       ON CONFLICT (stream_id) DO UPDATE SET last_version = EXCLUDED.last_version,
         applications = ${tables.tally_streams}.applications + 1,
         gaps = ${tables.tally_streams}.gaps + CASE WHEN EXCLUDED.last_version = ${tables.tally_streams}.last_version + 1 THEN 0 ELSE 1 END`,
      [event.streamId, event.version],
    );
  },
};

const metadata: EventMetadata = { actor: 'x', agency: 'a', correlationId: 'c', causationId: null, occurredAt: '2026-01-05T00:00:00.000Z' };
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
const relayOptions = { name: 'main', batchSize: 25, pollMs: 5, standbyRetryMs: 20 };

/** Wraps a transport and fails on chosen publishes, after delivering part of the batch. */
class CrashingTransport implements Transport {
  readonly kind = 'in-process' as const;
  publishes = 0;
  constructor(
    private readonly inner: InProcessTransport,
    private readonly crashOn: Map<number, number>,
  ) {}
  start() {
    return this.inner.start();
  }
  stop() {
    return this.inner.stop();
  }
  health() {
    return this.inner.health();
  }
  subscribe(s: Subscription) {
    return this.inner.subscribe(s);
  }
  async publish(events: RecordedEvent[]): Promise<void> {
    this.publishes += 1;
    const deliverFirst = this.crashOn.get(this.publishes);
    if (deliverFirst === undefined) return this.inner.publish(events);
    await this.inner.publish(events.slice(0, deliverFirst));
    throw new Error(`simulated crash after delivering ${deliverFirst} of ${events.length}`);
  }
}

async function writeEvents(store: EventStore, streams: number, perStream: number): Promise<void> {
  await Promise.all(
    Array.from({ length: streams }, async (_, s) => {
      for (let v = 0; v < perStream; v += 1) {
        await store.transaction((tx) =>
          tx.append(`stream-${s}`, v, [{ type: 'PromotionClaimReleased', schemaVersion: 1, data: { v }, metadata }]),
        );
      }
    }),
  );
}

/** Drains until nothing is left: other databases' transactions can hold the xid watermark back for a while. */
async function drainFully(relay: Relay): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await relay.drain();
    if ((await relay.lag()) === 0 || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function rows(db: { dataSource: { query: (q: string) => Promise<unknown[]> } }, table = 'tally_streams') {
  return db.dataSource.query(`SELECT stream_id, last_version, applications, gaps FROM ${table} ORDER BY stream_id`);
}

describe('relay and projector survive crashes', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let store: EventStore;

  beforeEach(async () => {
    db = await createMigratedDatabase([...EVENT_STORE_MIGRATIONS, ProjectionRuntime1732300000100], 20);
    store = new EventStore(db.dataSource);
  });
  afterEach(async () => db.close());

  test('a relay that crashes mid-batch and restarts loses and doubles nothing', async () => {
    const transport = new CrashingTransport(
      new InProcessTransport(),
      new Map([
        [2, 10],
        [4, 0],
        [5, 25],
      ]),
    );
    const projector = new Projector(db.dataSource, transport, [tally], silent, 'g', 'in-process');
    await projector.start();
    await writeEvents(store, 8, 30);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const relay = new Relay(db.dataSource, transport, relayOptions, silent);
      try {
        await drainFully(relay);
        await relay.releaseLeadership();
        break;
      } catch {
        await relay.releaseLeadership(); // the crashed relay's successor takes over from the checkpoint
      }
    }
    expect(transport.publishes).toBeGreaterThan(5);
    const live = await rows(db);
    expect(live).toHaveLength(8);
    for (const row of live as { last_version: number; applications: number; gaps: number }[]) {
      expect(row).toMatchObject({ last_version: 30, applications: 30, gaps: 0 });
    }
    await new ProjectionRebuilder(db.dataSource).rebuild(tally);
    expect(await rows(db)).toEqual(live);
  });

  test('a projector transaction aborted mid-batch is redelivered and applied once', async () => {
    const transport = new InProcessTransport();
    let failures = 0;
    const flaky: Projection<'tally_streams'> = {
      ...tally,
      async apply(dbm, tables, event) {
        await tally.apply(dbm, tables, event);
        // Abort after part of the batch was written inside the transaction.
        if (event.version === 7 && failures < 3) {
          failures += 1;
          throw new Error('simulated projector crash');
        }
      },
    };
    const projector = new Projector(db.dataSource, transport, [flaky], silent, 'g', 'in-process');
    await projector.start();
    await writeEvents(store, 5, 12);
    const relay = new Relay(db.dataSource, transport, relayOptions, silent);
    relay.start();
    const deadline = Date.now() + 20_000;
    while ((await relay.lag()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await relay.stop();
    expect(failures).toBe(3);
    const live = (await rows(db)) as { applications: number; gaps: number; last_version: number }[];
    expect(live.map((r) => [r.last_version, r.applications, r.gaps])).toEqual(Array(5).fill([12, 12, 0]));
    await new ProjectionRebuilder(db.dataSource).rebuild(tally);
    expect(await rows(db)).toEqual(live);
  });

  test('an event a projection always fails on is set aside after bounded retries; the rest flows on', async () => {
    const transport = new InProcessTransport();
    const poisoned: Projection<'tally_streams'> = {
      ...tally,
      async apply(dbm, tables, event) {
        if (event.streamId === 'stream-1' && event.version === 2) throw new Error('cannot apply this one');
        await tally.apply(dbm, tables, event);
      },
    };
    const projector = new Projector(db.dataSource, transport, [poisoned], silent, 'g', 'in-process');
    await projector.start();
    await writeEvents(store, 3, 4);
    const relay = new Relay(db.dataSource, transport, relayOptions, silent);
    await drainFully(relay);
    await relay.releaseLeadership();
    expect(await relay.lag()).toBe(0);
    expect(projector.runner.quarantined).toBe(1);
    const letters = await db.dataSource.query(`SELECT projection, stream_id, version, error FROM projection_dead_letters`);
    expect(letters).toEqual([expect.objectContaining({ projection: 'tally', stream_id: 'stream-1', version: 2 })]);
    expect(letters[0].error).toMatch(/cannot apply this one/);
    const live = (await rows(db)) as { stream_id: string; last_version: number; applications: number }[];
    expect(live.map((r) => [r.stream_id, r.last_version, r.applications])).toEqual([
      ['stream-0', 4, 4],
      ['stream-1', 4, 3],
      ['stream-2', 4, 4],
    ]);
  });

  test('a redelivered batch changes nothing', async () => {
    const transport = new InProcessTransport();
    const projector = new Projector(db.dataSource, transport, [tally], silent, 'g', 'in-process');
    await projector.start();
    await writeEvents(store, 3, 4);
    const all = await store.readAll({ transactionId: '0', globalPosition: 0 }, 100);
    await transport.publish(all);
    const once = await rows(db);
    await transport.publish(all);
    await transport.publish(all.slice(3, 7));
    expect(await rows(db)).toEqual(once);
  });

  test('a rebuild while events keep flowing swaps in an equal projection without stopping the live one', async () => {
    const transport = new InProcessTransport();
    const projector = new Projector(db.dataSource, transport, [tally], silent, 'g', 'in-process');
    await projector.start();
    const relay = new Relay(db.dataSource, transport, relayOptions, silent);
    relay.start();
    const writing = writeEvents(store, 6, 40);
    await new Promise((r) => setTimeout(r, 50));
    const [{ generation: before }] = await db.dataSource.query(`SELECT generation FROM projection_state WHERE name = 'tally'`);
    const result = await new ProjectionRebuilder(db.dataSource, 10).rebuild(tally);
    expect(result.generation).toBe(before + 1);
    await writing;
    const deadline = Date.now() + 20_000;
    while ((await relay.lag()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await relay.stop();
    const live = (await rows(db)) as { applications: number; gaps: number; last_version: number }[];
    expect(live.map((r) => [r.last_version, r.applications, r.gaps])).toEqual(Array(6).fill([40, 40, 0]));
    const tables = await db.dataSource.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE 'tally_streams__g%'`);
    expect(tables).toEqual([{ tablename: `tally_streams__g${before + 1}` }]);
  });

  test('only one relay is active at a time', async () => {
    const a = new Relay(db.dataSource, new InProcessTransport(), relayOptions, silent);
    const b = new Relay(db.dataSource, new InProcessTransport(), relayOptions, silent);
    expect(await a.acquireLeadership()).toBe(true);
    expect(await b.acquireLeadership()).toBe(false);
    await a.releaseLeadership();
    expect(await b.acquireLeadership()).toBe(true);
    await b.releaseLeadership();
  });
});

export type { Delivery };
