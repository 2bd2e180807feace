import { describe, expect, jest, test } from '@jest/globals';
import { InProcessTransport } from './in-process.transport.js';
import { KafkaTransport } from './kafka.transport.js';
import { silentLogger } from './logger.js';
import { interleavedStreams, recordedEvent } from './testing/recorded-event.fixture.js';
import { createTransport } from './transport.factory.js';
import type { Delivery, Subscription } from './transport.js';

function recorder(groupId: string, onHandle?: (batch: Delivery[]) => Promise<void> | void) {
  const batches: Delivery[][] = [];
  const resumeFrom = jest.fn(async () => new Map<number, string>());
  const subscription: Subscription = {
    groupId,
    resumeFrom,
    handle: async (batch) => {
      await onHandle?.(batch);
      batches.push(batch);
    },
  };
  return { subscription, batches, resumeFrom };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('InProcessTransport', () => {
  test('publish resolves only after every subscription has handled the batch', async () => {
    const transport = new InProcessTransport();
    await transport.start();
    const slow = recorder('slow', async () => {
      await tick();
      await tick();
    });
    const fast = recorder('fast');
    await transport.subscribe(slow.subscription);
    await transport.subscribe(fast.subscription);

    const events = interleavedStreams(3, 4);
    await transport.publish(events);

    expect(slow.batches).toHaveLength(1);
    expect(fast.batches).toHaveLength(1);
    expect(slow.batches[0].map((d) => d.event)).toEqual(events);
    expect(transport.kind).toBe('in-process');
  });

  test('partition 0, offsets strictly increasing across publishes, resumeFrom never called', async () => {
    const transport = new InProcessTransport();
    const sub = recorder('p');
    await transport.subscribe(sub.subscription);
    await transport.publish([recordedEvent(), recordedEvent()]);
    await transport.publish([]);
    await transport.publish([recordedEvent()]);

    const deliveries = sub.batches.flat();
    expect(sub.batches).toHaveLength(2);
    expect(deliveries.map((d) => d.partition)).toEqual([0, 0, 0]);
    expect(deliveries.map((d) => d.offset)).toEqual(['0', '1', '2']);
    expect(sub.resumeFrom).not.toHaveBeenCalled();
  });

  test("a handler's error rejects publish, after the other subscriptions still got the batch", async () => {
    const transport = new InProcessTransport();
    const failing = recorder('failing', () => {
      throw new Error('read model down');
    });
    const healthy = recorder('healthy');
    await transport.subscribe(failing.subscription);
    await transport.subscribe(healthy.subscription);

    await expect(transport.publish([recordedEvent()])).rejects.toThrow('read model down');
    expect(healthy.batches).toHaveLength(1);
    // The transport stays usable: the relay simply retries.
    await expect(transport.publish([recordedEvent()])).rejects.toThrow('read model down');
    expect(healthy.batches).toHaveLength(2);
  });

  test('several failing subscriptions reject with all their errors', async () => {
    const transport = new InProcessTransport();
    await transport.subscribe(recorder('a', () => Promise.reject(new Error('a down'))).subscription);
    await transport.subscribe(recorder('b', () => Promise.reject(new Error('b down'))).subscription);
    const rejection = await transport.publish([recordedEvent()]).catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(AggregateError);
    expect((rejection as AggregateError).errors.map((e: Error) => e.message)).toEqual(['a down', 'b down']);
  });

  test('concurrent publishes are delivered one after the other, never interleaved', async () => {
    const transport = new InProcessTransport();
    let inFlight = 0;
    let overlapped = false;
    const sub = recorder('serial', async () => {
      inFlight++;
      if (inFlight > 1) overlapped = true;
      await tick();
      inFlight--;
    });
    await transport.subscribe(sub.subscription);
    const first = interleavedStreams(2, 3, 'first');
    const second = interleavedStreams(2, 3, 'second');
    await Promise.all([transport.publish(first), transport.publish(second)]);
    expect(overlapped).toBe(false);
    expect(sub.batches.map((b) => b.map((d) => d.event))).toEqual([first, second]);
  });

  test('each subscription gets its own copy of the events', async () => {
    const transport = new InProcessTransport();
    const mutator = recorder('mutator', (batch) => {
      batch[0].event.data.tampered = true;
    });
    const reader = recorder('reader');
    await transport.subscribe(mutator.subscription);
    await transport.subscribe(reader.subscription);
    const event = recordedEvent();
    await transport.publish([event]);
    expect(event.data).not.toHaveProperty('tampered');
    expect(reader.batches[0][0].event.data).not.toHaveProperty('tampered');
  });

  test('rejects a second subscription with the same group id', async () => {
    const transport = new InProcessTransport();
    await transport.subscribe(recorder('same').subscription);
    await expect(transport.subscribe(recorder('same').subscription)).rejects.toThrow(/same/);
  });

  test('stop waits for the delivery in flight, then refuses to publish', async () => {
    const transport = new InProcessTransport();
    await transport.start();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sub = recorder('gated', () => gate);
    await transport.subscribe(sub.subscription);
    const publishing = transport.publish([recordedEvent()]);
    await tick();
    expect(await transport.health()).toBe(true);

    let stopped = false;
    const stopping = transport.stop().then(() => (stopped = true));
    await tick();
    expect(stopped).toBe(false);
    release();
    await publishing;
    await stopping;
    expect(sub.batches).toHaveLength(1);
    expect(await transport.health()).toBe(false);
    await expect(transport.publish([recordedEvent()])).rejects.toThrow(/stopped/);
  });
});

describe('createTransport', () => {
  test('in-process without brokers', () => {
    expect(createTransport({}, silentLogger)).toBeInstanceOf(InProcessTransport);
    expect(createTransport({ kafkaBrokers: [] }, silentLogger).kind).toBe('in-process');
    expect(createTransport({ kafkaBrokers: [' '] }, silentLogger).kind).toBe('in-process');
  });

  test('Kafka with brokers, with the topic defaults applied', () => {
    const transport = createTransport({ kafkaBrokers: ['127.0.0.1:9092'] }, silentLogger);
    expect(transport).toBeInstanceOf(KafkaTransport);
    expect((transport as KafkaTransport).topic).toBe('asn.events.v1');
    expect((transport as KafkaTransport).deadLetterTopic).toBe('asn.events.v1.dlq');
    const custom = createTransport({ kafkaBrokers: ['k:9092'], topic: 'asn.events.v2' }, silentLogger) as KafkaTransport;
    expect(custom.deadLetterTopic).toBe('asn.events.v2.dlq');
  });
});
