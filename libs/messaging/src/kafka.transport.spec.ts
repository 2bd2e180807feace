import { describe, expect, test } from '@jest/globals';
import { KafkaTransport } from './kafka.transport.js';
import { silentLogger } from './logger.js';
import { recordedEvent } from './testing/recorded-event.fixture.js';

// No broker needed: what the transport does before and after it is connected.
describe('KafkaTransport lifecycle', () => {
  test('needs at least one broker', () => {
    expect(() => new KafkaTransport({ brokers: [], logger: silentLogger })).toThrow(/at least one broker/);
  });

  test('is unhealthy before start, can be stopped without starting, and refuses work once stopped', async () => {
    const transport = new KafkaTransport({ brokers: ['127.0.0.1:1'], logger: silentLogger });
    expect(transport.kind).toBe('kafka');
    expect(await transport.health()).toBe(false);
    await transport.stop();
    await expect(transport.publish([recordedEvent()])).rejects.toThrow(/stopped/);
    await expect(transport.subscribe({ groupId: 'g', resumeFrom: async () => new Map(), handle: async () => {} })).rejects.toThrow(
      /stopped/,
    );
    expect(transport.stats).toEqual({ published: 0, delivered: 0, retries: 0, deadLettered: 0 });
  });

  test('publishing nothing needs no broker', async () => {
    const transport = new KafkaTransport({ brokers: ['127.0.0.1:1'], logger: silentLogger });
    await expect(transport.publish([])).resolves.toBeUndefined();
    await transport.stop();
  });
});
