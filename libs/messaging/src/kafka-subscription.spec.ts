import { describe, expect, test } from '@jest/globals';
import type { Kafka, Producer } from 'kafkajs';
import { KafkaSubscriptionRunner } from './kafka-subscription.js';

type Listener = (event: { payload: Record<string, unknown> }) => void;

/** A kafkajs consumer that records what was asked of it and lets the test fire its events. */
class FakeConsumer {
  readonly events = { GROUP_JOIN: 'group_join', CRASH: 'crash' };
  readonly listeners = new Map<string, Listener>();
  running = false;
  on(name: string, listener: Listener) {
    this.listeners.set(name, listener);
  }
  async connect() {}
  async subscribe() {}
  async run() {
    this.running = true;
  }
  async disconnect() {
    this.running = false;
  }
  crash(restart: boolean) {
    this.running = false;
    this.listeners.get('crash')?.({ payload: { error: new Error('INVALID_REQUEST'), restart } });
  }
}

const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };

async function eventually(ok: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

describe('KafkaSubscriptionRunner after a consumer crash', () => {
  function runner() {
    const consumers: FakeConsumer[] = [];
    const kafka = { consumer: () => consumers[consumers.push(new FakeConsumer()) - 1] } as unknown as Kafka;
    const subscription = { groupId: 'g', handle: async () => undefined, resumeFrom: async () => new Map<number, string>() };
    const settings = { topic: 't', deadLetterTopic: 't.dlq', maxRetries: 3, retryBackoffMs: 5 };
    const stats = { published: 0, delivered: 0, retries: 0, deadLettered: 0 };
    return { consumers, runner: new KafkaSubscriptionRunner(kafka, {} as Producer, subscription, settings, stats, silent) };
  }

  test('one kafkajs gives up on is replaced by a new consumer that runs again', async () => {
    const { consumers, runner: r } = runner();
    await r.start();
    consumers[0].crash(false);
    expect(r.healthy).toBe(false);
    await eventually(() => consumers.length === 2 && consumers[1].running);
    expect(consumers[1].running).toBe(true);
    expect(r.healthy).toBe(true);
  });

  test('one kafkajs restarts itself is left to kafkajs', async () => {
    const { consumers, runner: r } = runner();
    await r.start();
    consumers[0].crash(true);
    await new Promise((res) => setTimeout(res, 50));
    expect(consumers).toHaveLength(1);
  });

  test('nothing is relaunched once stopping', async () => {
    const { consumers, runner: r } = runner();
    await r.start();
    await r.stop();
    consumers[0].crash(false);
    await new Promise((res) => setTimeout(res, 50));
    expect(consumers).toHaveLength(1);
  });
});
