import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { eventHash, GENESIS_HASH } from '#event-store';
import { canonicalJson } from '#domain';
import { recomputeEventHash } from './canonical.js';
import canonicalize from 'canonicalize';

/** JSON as jsonb hands it back: no undefined, no -0 (jsonb prints 0), finite numbers. */
const jsonValue = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const text = fc.string({ unit: 'binary', maxLength: 12 });

describe('the verifier’s canonical JSON and event hash', () => {
  test('equal the event store’s (RFC 8785 via canonicalize) on arbitrary JSON', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  test('keys sort by UTF-16 code units, strings escape as JSON.stringify does', () => {
    const value = { b: 1, a: [true, null, 'x"\\\n\u0001é😀'], '\u00e9': 2, A: { z: 1e21, y: -0.5 } };
    expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(canonicalJson(value).startsWith('{"A":{"y":-0.5,"z":1e+21},"a":')).toBe(true);
  });

  test('the recomputed event hash is the stored one', () => {
    fc.assert(
      fc.property(
        text,
        fc.integer({ min: 1, max: 1e6 }),
        text,
        fc.integer({ min: 1, max: 9 }),
        jsonValue,
        jsonValue,
        fc.boolean(),
        (streamId, version, type, schemaVersion, data, extra, first) => {
          const metadata = {
            actor: '197901012005012002',
            agency: 'pemkot-langsa',
            correlationId: 'c',
            causationId: null,
            occurredAt: '2026-03-02T03:00:00.000Z',
            extra,
          } as never;
          const previous = first ? GENESIS_HASH : 'ab'.repeat(32);
          const content = { streamId, version, type, schemaVersion, data, metadata };
          expect(recomputeEventHash(Buffer.from(previous, 'hex'), content)).toBe(eventHash(previous, content));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
