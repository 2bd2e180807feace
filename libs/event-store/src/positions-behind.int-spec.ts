import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { CommitPosition, EventMetadata } from '#domain';
import { createMigratedDatabase } from '../../testing/src/postgres-harness.js';
import { EventStore, START_OF_LOG } from './event-store.js';

const metadata: EventMetadata = {
  actor: '198507122010011001',
  agency: 'pemkot-langsa',
  correlationId: 'c-1',
  causationId: null,
  occurredAt: '2026-03-02T03:00:00.000Z',
};
const event = (n: number) => ({ type: 'Noted', schemaVersion: 1, data: { n }, metadata });

describe('EventStore lag by positions', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let store: EventStore;

  beforeAll(async () => {
    db = await createMigratedDatabase(undefined, 60);
    store = new EventStore(db.dataSource);
  });
  afterAll(async () => db.close());

  test('0 exactly at the head, at least 1 (and at most the positions) behind it, 0 on an empty log', async () => {
    expect(await store.positionsBehind([START_OF_LOG])).toEqual([0]);
    expect(await store.positionsBehind([])).toEqual([]);
    for (let i = 0; i < 5; i++) await store.transaction((s) => s.append(`s-${i}`, 0, [event(i), event(i + 10)]));
    // readAll stops at the cluster-wide watermark: another test's open transaction can hold the last commits back a moment.
    let all = await store.readAll(START_OF_LOG, 100);
    for (let tries = 0; all.length < 10 && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      all = await store.readAll(START_OF_LOG, 100);
    }
    expect(all).toHaveLength(10);
    const at = (i: number): CommitPosition => ({ transactionId: all[i].transactionId, globalPosition: all[i].globalPosition });
    const [head, oneBack, start] = await store.positionsBehind([at(all.length - 1), at(all.length - 2), START_OF_LOG]);
    expect(head).toBe(0);
    expect(oneBack).toBe(1);
    expect(start).toBe(all[all.length - 1].globalPosition);
    expect(await store.countAfter(at(all.length - 2))).toBe(1);
  });

  test('a relay checkpoint reads back with its age on the database clock; none is null', async () => {
    expect(await store.relayCheckpoint('nobody')).toBeNull();
    await db.dataSource.query(
      `INSERT INTO relay_checkpoints (name, transaction_id, global_position, updated_at) VALUES ('t', '7', 42, now() - interval '90 seconds')`,
    );
    const checkpoint = await store.relayCheckpoint('t');
    expect(checkpoint?.position).toEqual({ transactionId: '7', globalPosition: 42 });
    expect(checkpoint?.secondsSinceUpdate).toBeGreaterThanOrEqual(90);
    expect(checkpoint?.secondsSinceUpdate).toBeLessThan(200);
  });
});
