import { describe, expect, test } from '@jest/globals';
import { decodeMessage, encodeEvent, parseRecordedEvent, PoisonMessageError, type IncomingMessage } from './cloud-events.js';
import { recordedEvent } from './testing/recorded-event.fixture.js';

/** What kafkajs hands a consumer: everything as Buffers. */
function asReceived(message: { key: string; value: string; headers: Record<string, string> }): IncomingMessage {
  return {
    key: Buffer.from(message.key),
    value: Buffer.from(message.value),
    headers: Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, Buffer.from(value)])),
  };
}

function poisonOf(message: IncomingMessage): PoisonMessageError {
  try {
    decodeMessage(message);
  } catch (error) {
    expect(error).toBeInstanceOf(PoisonMessageError);
    return error as PoisonMessageError;
  }
  throw new Error('decodeMessage accepted a poison message');
}

describe('CloudEvents mapping', () => {
  const event = recordedEvent({
    streamId: 'promotion-c-42',
    version: 7,
    globalPosition: 1234,
    schemaVersion: 2,
    type: 'PromotionApproved',
  });

  test('key is the stream id, value the whole event, headers exactly the CloudEvents binary-mode set', () => {
    const message = encodeEvent(event);
    expect(message.key).toBe('promotion-c-42');
    expect(JSON.parse(message.value)).toEqual(event);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: 'promotion-c-42/7',
      ce_source: '/jenjang',
      ce_type: 'PromotionApproved',
      ce_subject: 'promotion-c-42',
      ce_time: event.metadata.occurredAt,
      'content-type': 'application/json',
      ce_streamversion: '7',
      ce_globalposition: '1234',
      ce_schemaversion: '2',
    });
  });

  test('source is configurable and the id is stable across republishing', () => {
    const first = encodeEvent(event, { source: '/jenjang/relay-b' });
    const again = encodeEvent(structuredClone(event), { source: '/jenjang/relay-b' });
    expect(first.headers.ce_source).toBe('/jenjang/relay-b');
    expect(again).toEqual(first);
  });

  test('round-trips through Buffers', () => {
    expect(decodeMessage(asReceived(encodeEvent(event)))).toEqual(event);
  });

  test('decodes a message without key or headers from its value alone', () => {
    expect(decodeMessage({ value: JSON.stringify(event) })).toEqual(event);
  });

  test('drops unknown top-level fields but keeps data and metadata whole (the hash covers them)', () => {
    const withExtras = { ...event, injected: true, metadata: { ...event.metadata, ipAddress: '10.0.0.1' } };
    const decoded = parseRecordedEvent(JSON.parse(JSON.stringify(withExtras)));
    expect(decoded).not.toHaveProperty('injected');
    expect(decoded.metadata).toEqual(withExtras.metadata);
  });

  describe('garbage is a PoisonMessageError', () => {
    const good = encodeEvent(event);

    test.each([
      ['no value', { value: null }, /no value/],
      ['not JSON', { value: Buffer.from('\u0000\u0001garbage{') }, /not JSON/],
      ['a JSON array', { value: '[1,2,3]' }, /not a JSON object/],
      ['a JSON string', { value: '"hello"' }, /not a JSON object/],
      ['an empty object', { value: '{}' }, /streamId must be a non-empty string/],
    ])('%s', (_label, message, pattern) => {
      const error = poisonOf(message as IncomingMessage);
      expect(error.code).toBe('MESSAGING.POISON_MESSAGE');
      expect(error.message).toMatch(pattern);
    });

    test.each([
      ['version 0', { version: 0 }, 'version must be an integer >= 1'],
      ['fractional globalPosition', { globalPosition: 1.5 }, 'globalPosition must be a non-negative integer'],
      ['numeric transactionId', { transactionId: 77 }, 'transactionId must be a decimal string'],
      ['uppercase hash', { hash: 'A'.repeat(64) }, 'hash must be 64 lowercase hex digits'],
      ['data as array', { data: [] }, 'data must be an object'],
      ['recordedAt not an instant', { recordedAt: 'yesterday' }, 'recordedAt must be an ISO 8601 instant'],
      ['metadata missing', { metadata: undefined }, 'metadata must be an object'],
      ['no actor', { metadata: { ...event.metadata, actor: '' } }, 'metadata.actor must be a non-empty string'],
      ['causationId a number', { metadata: { ...event.metadata, causationId: 5 } }, 'metadata.causationId must be a string or null'],
    ])('%s', (_label, change, problem) => {
      const error = poisonOf({ ...asReceived(good), value: JSON.stringify({ ...event, ...change }) });
      expect(error.problems).toEqual([problem]);
    });

    test('lists every problem at once', () => {
      const error = poisonOf({ value: JSON.stringify({ streamId: 's', version: -1, type: '' }) });
      expect(error.problems.length).toBeGreaterThan(5);
      expect(error.problems).toContain('version must be an integer >= 1');
    });

    test('a key that is not the stream id (it would break per-stream order)', () => {
      expect(poisonOf({ ...asReceived(good), key: Buffer.from('employee-1') }).problems).toEqual(['key "employee-1" is not the streamId']);
    });

    test('a ce_id that contradicts the value', () => {
      const received = asReceived(good);
      received.headers = { ...received.headers, ce_id: Buffer.from('promotion-c-42/8') };
      expect(poisonOf(received).problems).toEqual(['ce_id "promotion-c-42/8" does not match the value']);
    });
  });
});
