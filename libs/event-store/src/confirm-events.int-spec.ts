import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { EventMetadata, RecordedEvent } from '#domain';
import { createMigratedDatabase } from '../../testing/src/postgres-harness.js';
import { confirmEvents, storedEventsAt } from './confirm-events.js';
import { EventStore, START_OF_LOG } from './event-store.js';
import type { Queryable } from './store-queries.js';

const metadata: EventMetadata = {
  actor: '198507122010011001',
  agency: 'pemkot-langsa',
  correlationId: 'c-9',
  causationId: null,
  occurredAt: '2026-03-02T04:00:00.000Z',
};

/** Counts the statements a caller sends. */
function counting(db: Queryable): Queryable & { statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    query: <T>(sql: string, parameters?: unknown[]) => {
      statements.push(sql);
      return db.query<T>(sql, parameters);
    },
  };
}

describe('confirming delivered events against the event store', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let genuine: RecordedEvent[];

  beforeAll(async () => {
    db = await createMigratedDatabase(undefined, 4);
    const store = new EventStore(db.dataSource);
    await store.transaction(async (s) => {
      await s.append(
        'noted-1',
        0,
        [1, 2, 3].map((n) => ({ type: 'Noted', schemaVersion: 1, data: { n, nested: { b: 1, a: 2 } }, metadata })),
      );
      // A stored v1 shape: what the relay publishes (and so what arrives) is the upcast v2.
      await s.append('training-1', 0, [
        { type: 'TrainingCompleted', schemaVersion: 1, data: { trainingId: 't-1', nip: '198507122010011001', hours: 30 }, metadata },
      ]);
    });
    // What the relay would publish: readAll, upcast.
    for (let i = 0; i < 100; i++) {
      genuine = await store.readAll(START_OF_LOG, 100);
      if (genuine.length === 4) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(genuine).toHaveLength(4);
  });
  afterAll(async () => db.close());

  test('the events as published are confirmed, upcast ones too, in one statement for the whole batch', async () => {
    const training = genuine.find((e) => e.type === 'TrainingCompleted') as RecordedEvent;
    expect(training.schemaVersion).toBe(2);
    expect(training.data.deliveryMode).toBe('UNKNOWN');
    const wire = genuine.map((e) => JSON.parse(JSON.stringify(e)) as RecordedEvent); // as decoded from a message
    const db1 = counting(db.dataSource);
    expect(await confirmEvents(db1, wire)).toEqual([null, null, null, null]);
    expect(db1.statements).toHaveLength(1);
    expect(db1.statements[0]).toMatch(/WHERE global_position = ANY\(\$1::bigint\[\]\)/);
  });

  test('a position the store does not hold, a different hash, or any other field changed is refused, each with its reason', async () => {
    const [first, second, third] = genuine;
    const forged: RecordedEvent[] = [
      { ...first, globalPosition: 1_000_000 },
      { ...first, hash: 'f'.repeat(64) },
      { ...second, data: { ...second.data, n: 99 } },
      { ...second, metadata: { ...second.metadata, agency: 'another-agency' } },
      { ...third, transactionId: '1' },
      { ...third, streamId: 'noted-2', version: 7 },
      { ...third, recordedAt: '2020-01-01T00:00:00.000Z' },
      { ...third, data: { ...third.data, nested: { a: 2, b: 1 } } }, // key order alone is no difference
    ];
    const db1 = counting(db.dataSource);
    const verdicts = await confirmEvents(db1, forged);
    expect(db1.statements).toHaveLength(1);
    expect(verdicts[0]).toBe('not in the event store: no event at global position 1000000');
    expect(verdicts[1]).toBe(
      `hash mismatch: the event store holds hash ${first.hash} at global position ${first.globalPosition}, the message ${'f'.repeat(64)}`,
    );
    expect(verdicts[2]).toBe(`content differs from the stored event at global position ${second.globalPosition}: data`);
    expect(verdicts[3]).toBe(`content differs from the stored event at global position ${second.globalPosition}: metadata`);
    expect(verdicts[4]).toBe(`content differs from the stored event at global position ${third.globalPosition}: transactionId`);
    expect(verdicts[5]).toBe(`content differs from the stored event at global position ${third.globalPosition}: streamId, version`);
    expect(verdicts[6]).toBe(`content differs from the stored event at global position ${third.globalPosition}: recordedAt`);
    expect(verdicts[7]).toBeNull();
  });

  test('an upcast shape is confirmed at any version the stored one reaches; not below it, beyond the code, or with other upcast data', async () => {
    const published = genuine.find((e) => e.type === 'TrainingCompleted') as RecordedEvent;
    const asStored = { ...published, schemaVersion: 1, data: { trainingId: 't-1', nip: '198507122010011001', hours: 30 } };
    // A relay whose code predates the v2 upcaster publishes v1 as stored: still the stored event.
    expect(await confirmEvents(db.dataSource, [published, asStored])).toEqual([null, null]);
    const at = `global position ${published.globalPosition}`;
    expect(
      await confirmEvents(db.dataSource, [
        { ...published, data: { ...published.data, deliveryMode: 'ONLINE' } },
        { ...published, schemaVersion: 3 },
        { ...genuine[0], schemaVersion: 0 },
      ]),
    ).toEqual([
      `content differs from the stored event at ${at}: data`,
      `content differs from the stored event at ${at}: schemaVersion 3 is not reachable from the stored 1`,
      `content differs from the stored event at global position ${genuine[0].globalPosition}: schemaVersion 0 is not reachable from the stored 1`,
    ]);
  });

  test('storedEventsAt reads each position once and nothing for an empty batch', async () => {
    const db1 = counting(db.dataSource);
    expect((await storedEventsAt(db1, [])).size).toBe(0);
    expect(db1.statements).toHaveLength(0);
    const positions = genuine.map((e) => e.globalPosition);
    const stored = await storedEventsAt(db1, [...positions, positions[0], 999_999]);
    expect([...stored.keys()].sort((a, b) => a - b)).toEqual([...positions].sort((a, b) => a - b));
    expect(stored.get(genuine[0].globalPosition)).toEqual(genuine[0]);
    const training = genuine.find((e) => e.type === 'TrainingCompleted') as RecordedEvent;
    expect(stored.get(training.globalPosition)).toMatchObject({ schemaVersion: 1, data: { trainingId: 't-1', hours: 30 } }); // as stored
    expect(stored.get(training.globalPosition)?.data).not.toHaveProperty('deliveryMode');
  });
});
