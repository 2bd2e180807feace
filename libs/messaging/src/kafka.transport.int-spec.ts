import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { RecordedEvent } from '#domain';
import { describeWithKafka } from '../../testing/src/describe-with-kafka.js';
import { startKafka, type KafkaHandle } from '../../testing/src/kafka-harness.js';
import { KafkaTransport, type KafkaTransportOptions } from './kafka.transport.js';
import type { MessagingLogger } from './logger.js';
import { interleavedStreams, recordedEvent } from './testing/recorded-event.fixture.js';
import type { Delivery, Subscription } from './transport.js';

// docs/architecture.md §Embedded defaults: the mock holds a group's next member back for the previous one's session timeout.
const CONSUMER = { sessionTimeout: 6000, heartbeatInterval: 1000, rebalanceTimeout: 6000, maxWaitTimeInMs: 500 };

interface Received {
  partition: number;
  offset: string;
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string | undefined>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Keeps warnings and errors for assertions; kafkajs's expected rebalance chatter stays out of the output. */
function recordingLogger() {
  const lines: { level: string; message: string; context?: Record<string, unknown> }[] = [];
  const logger: MessagingLogger = {
    log: () => {},
    warn: (message, context) => lines.push({ level: 'warn', message, context }),
    error: (message, context) => lines.push({ level: 'error', message, context }),
  };
  return { logger, lines };
}

/** A subscriber that, like a projection, stores its effects and offsets together (here: in memory). */
function memorySubscription(
  groupId: string,
  options: { onHandle?: (batch: Delivery[]) => Promise<void> | void; offsets?: Map<number, string> } = {},
) {
  const offsets = options.offsets ?? new Map<number, string>();
  const deliveries: Delivery[] = [];
  const batches: Delivery[][] = [];
  const subscription: Subscription = {
    groupId,
    resumeFrom: async (partitions) => new Map(partitions.flatMap((p) => (offsets.has(p) ? [[p, offsets.get(p) as string] as const] : []))),
    handle: async (batch) => {
      await options.onHandle?.(batch); // throws before anything is stored: all or nothing
      batches.push(batch);
      for (const delivery of batch) {
        deliveries.push(delivery);
        offsets.set(delivery.partition, String(BigInt(delivery.offset) + 1n));
      }
    },
  };
  return { subscription, offsets, deliveries, batches };
}

function expectStreamsInOrder(events: RecordedEvent[], streams: number, versions: number): void {
  const byStream = new Map<string, number[]>();
  for (const event of events) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event.version]);
  expect(byStream.size).toBe(streams);
  for (const seen of byStream.values()) expect(seen).toEqual(Array.from({ length: versions }, (_, i) => i + 1));
}

describeWithKafka('KafkaTransport against a Kafka protocol peer', () => {
  let cluster: KafkaHandle;
  let plain: Kafka;
  let counter = 0;
  const unique = (name: string) => `it.${name}.${process.pid}.${Date.now().toString(36)}.${++counter}`;
  const transports: KafkaTransport[] = [];

  function transport(topic: string, options: Partial<KafkaTransportOptions> = {}) {
    const { logger, lines } = recordingLogger();
    const created = new KafkaTransport({ brokers: cluster.brokers, topic, clientId: 'it', logger, ...CONSUMER, ...options });
    transports.push(created);
    return { transport: created, lines };
  }

  async function readTopic(topic: string, expected: number): Promise<Received[]> {
    const consumer = plain.consumer({ groupId: unique('reader'), ...CONSUMER });
    const received: Received[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push({
          partition,
          offset: message.offset,
          key: message.key?.toString(),
          value: message.value?.toString(),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString()])),
        });
      },
    });
    try {
      await waitFor(() => received.length >= expected, `${expected} messages on ${topic}`);
      await sleep(500); // anything beyond `expected` would be a duplicate
    } finally {
      await consumer.disconnect();
    }
    return received;
  }

  beforeAll(async () => {
    cluster = await startKafka();
    plain = new Kafka({ brokers: cluster.brokers, clientId: 'it-plain', logLevel: logLevel.NOTHING });
  });

  afterAll(async () => {
    await Promise.all(transports.map((t) => t.stop()));
    await cluster?.stop();
  });

  test('publishes keyed CloudEvents in per-stream order', async () => {
    const topic = unique('publish');
    const { transport: kafka, lines } = transport(topic, { source: '/jenjang/it' });
    await kafka.start();
    expect(await kafka.health()).toBe(true);
    // The mock refuses createTopics; the transport says so and carries on.
    expect(lines.some((l) => l.level === 'warn' && l.message.startsWith('Could not create topics'))).toBe(true);

    const events = interleavedStreams(5, 40, unique('stream'));
    for (let i = 0; i < events.length; i += 25) await kafka.publish(events.slice(i, i + 25));
    expect(kafka.stats.published).toBe(200);

    const received = await readTopic(topic, events.length);
    expect(received).toHaveLength(200);
    const byId = new Map(events.map((e) => [`${e.streamId}/${e.version}`, e]));
    for (const message of received) {
      const event = byId.get(message.headers.ce_id ?? '') as RecordedEvent;
      expect(event).toBeDefined();
      expect(message.key).toBe(event.streamId);
      expect(JSON.parse(message.value as string)).toEqual(event);
      expect(message.headers).toEqual({
        ce_specversion: '1.0',
        ce_id: `${event.streamId}/${event.version}`,
        ce_source: '/jenjang/it',
        ce_type: event.type,
        ce_subject: event.streamId,
        ce_time: event.metadata.occurredAt,
        'content-type': 'application/json',
        ce_streamversion: String(event.version),
        ce_globalposition: String(event.globalPosition),
        ce_schemaversion: String(event.schemaVersion),
      });
    }
    // Per partition, in offset order: each stream's versions strictly increase.
    const partitionsOfStream = new Map<string, Set<number>>();
    const ordered = [...received].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
    for (const message of received) {
      partitionsOfStream.set(message.key as string, (partitionsOfStream.get(message.key as string) ?? new Set()).add(message.partition));
    }
    for (const partitions of partitionsOfStream.values()) expect(partitions.size).toBe(1);
    expectStreamsInOrder(
      ordered.map((m) => JSON.parse(m.value as string) as RecordedEvent),
      5,
      40,
    );

    // kcat, a librdkafka client, reads the same thing.
    const kcat = await promisify(execFile)('kcat', ['-b', cluster.brokers.join(','), '-C', '-t', topic, '-e', '-q', '-f', '%k %h\n'], {
      timeout: 20_000,
    }).catch((error: NodeJS.ErrnoException) => {
      // Only possible with KAFKA_BROKERS set: without it the harness itself needs kcat.
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!kcat) return console.warn('kcat not installed: skipped reading the topic back with kcat');
    const { stdout } = kcat;
    const kcatLines = stdout.trim().split('\n');
    expect(kcatLines).toHaveLength(200);
    for (const line of kcatLines) {
      const [key, headers] = line.split(' ');
      expect(headers).toContain(`ce_subject=${key},`);
      expect(headers).toMatch(new RegExp(`^ce_specversion=1\\.0,ce_id=${key}/\\d+,ce_source=/jenjang/it,`));
    }
  });

  test('a subscription stopped midway resumes from its own offsets on a new transport: no loss, no duplicates', async () => {
    const topic = unique('resume');
    const groupId = unique('projector');
    const events = interleavedStreams(5, 40, unique('stream'));
    const publisher = transport(topic).transport;
    // Small publishes and a small fetch size make many small batches, so there is a "midway".
    for (let i = 0; i < events.length; i += 5) await publisher.publish(events.slice(i, i + 5));

    const first = transport(topic, { maxBytesPerPartition: 1024 }).transport;
    const store = memorySubscription(groupId, { onHandle: () => sleep(20) });
    await first.subscribe(store.subscription);
    await waitFor(() => store.deliveries.length >= 40, 'the first 40 deliveries');
    await first.stop();
    const deliveredBeforeStop = store.deliveries.length;
    expect(deliveredBeforeStop).toBeLessThan(200);
    // The in-flight batch finished and was stored: the offsets cover exactly what was delivered.
    const storedCount = [...store.offsets.values()].reduce((sum, next) => sum + Number(next), 0);
    expect(storedCount).toBe(deliveredBeforeStop);

    // Events published while no one consumes are picked up too.
    const late = interleavedStreams(5, 2, unique('late'));
    await publisher.publish(late);

    const second = transport(topic).transport;
    const resumed = memorySubscription(groupId, { offsets: store.offsets });
    await second.subscribe(resumed.subscription);
    await waitFor(() => deliveredBeforeStop + resumed.deliveries.length >= 210, 'the remaining deliveries', 45_000);
    await sleep(1000); // room for duplicates to show up

    const all = [...store.deliveries, ...resumed.deliveries];
    expect(all).toHaveLength(210);
    expect(resumed.deliveries.length).toBeGreaterThan(0);
    // Every partition delivered each offset exactly once, in order.
    const offsetsByPartition = new Map<number, number[]>();
    for (const d of all) offsetsByPartition.set(d.partition, [...(offsetsByPartition.get(d.partition) ?? []), Number(d.offset)]);
    for (const offsets of offsetsByPartition.values()) expect(offsets).toEqual(offsets.map((_, i) => i));
    expectStreamsInOrder(
      all.map((d) => d.event).filter((e) => !e.streamId.includes('late')),
      5,
      40,
    );
    expect(first.stats.delivered + second.stats.delivered).toBe(210);
  }, 90_000);

  test("seeks to the subscription's offsets even when Kafka's committed offsets say otherwise", async () => {
    const topic = unique('seek');
    const groupId = unique('projector');
    const events = interleavedStreams(8, 10, unique('stream'));
    const publisher = transport(topic).transport;
    await publisher.publish(events);

    const first = transport(topic).transport;
    const everything = memorySubscription(groupId);
    await first.subscribe(everything.subscription);
    await waitFor(() => everything.deliveries.length === 80, 'all 80 deliveries');
    await first.stop(); // Kafka now holds committed offsets at the end of every partition

    // A store that only got half way (say, restored from a backup) rewinds the group.
    const half = new Map<number, string>();
    const countByPartition = new Map<number, number>();
    for (const d of everything.deliveries) countByPartition.set(d.partition, (countByPartition.get(d.partition) ?? 0) + 1);
    for (const [partition, count] of countByPartition) half.set(partition, String(Math.floor(count / 2)));
    const expected = everything.deliveries.filter((d) => Number(d.offset) >= Number(half.get(d.partition)));

    const second = transport(topic).transport;
    const rewound = memorySubscription(groupId, { offsets: new Map(half) });
    await second.subscribe(rewound.subscription);
    await waitFor(() => rewound.deliveries.length >= expected.length, `${expected.length} redeliveries`, 45_000);
    await sleep(1000);
    const key = (d: Delivery) => `${d.partition}@${d.offset}`;
    expect(rewound.deliveries.map(key).sort()).toEqual(expected.map(key).sort());
  }, 90_000);

  test('poison messages go to the dead-letter topic with the error; the partition keeps flowing', async () => {
    const topic = unique('poison');
    const stream = unique('case');
    const events = Array.from({ length: 6 }, (_, i) => recordedEvent({ streamId: stream, version: i + 1 }));
    const { transport: kafka, lines } = transport(topic, { maxRetries: 2, retryBackoffMs: 10 });
    await kafka.publish(events.slice(0, 3));
    // Raw garbage on the same key, so on the same partition, between v3 and v4.
    const producer = plain.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic, messages: [{ key: stream, value: '{"this is": not json', headers: { origin: 'fuzzer' } }] });
    await producer.disconnect();
    await kafka.publish(events.slice(3));

    const store = memorySubscription(unique('projector'), {
      onHandle: (batch) => {
        if (batch.some((d) => d.event.version === 5)) throw new Error('cannot apply v5: read model constraint');
      },
    });
    await kafka.subscribe(store.subscription);
    await waitFor(() => store.deliveries.some((d) => d.event.version === 6), 'v6 to be delivered');

    expect(store.deliveries.map((d) => d.event.version)).toEqual([1, 2, 3, 4, 6]);
    expect(store.deliveries.map((d) => d.offset)).toEqual(['0', '1', '2', '4', '6']);
    const partition = store.deliveries[0].partition;

    const dead = await readTopic(`${topic}.dlq`, 2);
    expect(dead).toHaveLength(2);
    const [garbage, v5] = [...dead].sort((a, b) => Number(a.headers['x-original-offset']) - Number(b.headers['x-original-offset']));
    expect(garbage.value).toBe('{"this is": not json');
    expect(garbage.key).toBe(stream);
    expect(garbage.headers).toMatchObject({
      origin: 'fuzzer',
      'x-original-topic': topic,
      'x-original-partition': String(partition),
      'x-original-offset': '3',
      'x-error-type': 'PoisonMessageError',
    });
    expect(garbage.headers['x-error']).toMatch(/^Poison message: value is not JSON/);

    expect(JSON.parse(v5.value as string)).toEqual(events[4]);
    expect(v5.headers).toMatchObject({
      ce_id: `${stream}/5`,
      'x-error': 'cannot apply v5: read model constraint',
      'x-original-topic': topic,
      'x-original-partition': String(partition),
      'x-original-offset': '5',
    });

    expect(kafka.deadLettered).toBe(2);
    // v4 and v5 retried alone to isolate v5, then v5 retried once more: 1 + maxRetries attempts in all.
    expect(kafka.retries).toBe(3);
    expect(lines.filter((l) => l.message.startsWith('Dead-lettered'))).toHaveLength(2);
    expect(await kafka.health()).toBe(true);
  });

  test('confirm: nothing is handled until the check answers; what it rejects is dead-lettered at once, the rest handled', async () => {
    const topic = unique('confirm');
    const stream = unique('case');
    const events = Array.from({ length: 5 }, (_, i) => recordedEvent({ streamId: stream, version: i + 1 }));
    const { transport: kafka, lines } = transport(topic, { maxRetries: 2, retryBackoffMs: 10 });
    await kafka.publish(events);

    let checks = 0;
    const store = memorySubscription(unique('projector'));
    await kafka.subscribe({
      ...store.subscription,
      confirm: async (batch) => {
        checks++;
        if (checks <= 2) throw new Error('event store does not answer');
        expect(store.deliveries).toHaveLength(0); // nothing handled before the first answer
        return batch.map((d) => (d.event.version === 2 || d.event.version === 4 ? `v${d.event.version} is not in the store` : null));
      },
    });
    await waitFor(() => store.deliveries.some((d) => d.event.version === 5), 'v5 to be delivered');

    expect(store.deliveries.map((d) => d.event.version)).toEqual([1, 3, 5]);
    const dead = await readTopic(`${topic}.dlq`, 2);
    expect(dead.map((d) => [d.headers['x-original-offset'], d.headers['x-error-type'], d.headers['x-error']]).sort()).toEqual([
      ['1', 'UnconfirmedMessageError', 'Unconfirmed message: v2 is not in the store'],
      ['3', 'UnconfirmedMessageError', 'Unconfirmed message: v4 is not in the store'],
    ]);
    expect(kafka.deadLettered).toBe(2);
    expect(kafka.retries).toBe(0); // rejected messages are not retried
    expect(lines.filter((l) => l.message.startsWith('Could not confirm a batch'))).toHaveLength(2);
  });

  test('stop lets the batch in flight finish', async () => {
    const topic = unique('graceful');
    const { transport: kafka } = transport(topic);
    await kafka.publish([recordedEvent({ streamId: unique('s'), version: 1 })]);
    let release!: () => void;
    let entered = false;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = memorySubscription(unique('projector'), {
      onHandle: async () => {
        entered = true;
        await gate;
      },
    });
    await kafka.subscribe(store.subscription);
    await waitFor(() => entered, 'the handler to start');
    let stopped = false;
    const stopping = kafka.stop().then(() => (stopped = true));
    await sleep(300);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(store.deliveries).toHaveLength(1);
    expect(await kafka.health()).toBe(false);
  });
});
