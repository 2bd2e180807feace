import { describe, expect, test } from '@jest/globals';
import { EVENT_SCHEMA_VERSIONS, type EventType } from './events.js';
import { MissingUpcasterError, UPCASTERS, upcastEvent } from './upcasters.js';

const v1Training = {
  type: 'TrainingCompleted',
  schemaVersion: 1,
  data: {
    trainingId: 't-1',
    nip: '198507122010011001',
    unitId: 'u',
    title: 'T',
    hours: 24,
    kind: 'MANAGERIAL',
    provider: 'P',
    completedOn: '2016-02-20',
    certificateNo: 'C-1',
  },
};

describe('upcasters', () => {
  test('every version below the current one of every type has an upcaster', () => {
    for (const [type, current] of Object.entries(EVENT_SCHEMA_VERSIONS) as [EventType, number][]) {
      for (let v = 1; v < current; v++) expect(UPCASTERS.some((u) => u.type === type && u.fromVersion === v)).toBe(true);
    }
  });

  test('a v1 TrainingCompleted reads as v2 with deliveryMode UNKNOWN, and the stored object is untouched', () => {
    const frozen = JSON.parse(JSON.stringify(v1Training));
    const upcast = upcastEvent(v1Training);
    expect(upcast).toEqual({ ...v1Training, schemaVersion: 2, data: { ...v1Training.data, deliveryMode: 'UNKNOWN' } });
    expect(v1Training).toEqual(frozen);
  });

  test('current, newer and unknown events pass through as they are', () => {
    const v2 = { ...v1Training, schemaVersion: 2, data: { ...v1Training.data, deliveryMode: 'ONLINE' } };
    expect(upcastEvent(v2)).toBe(v2);
    const v3 = { ...v2, schemaVersion: 3 };
    expect(upcastEvent(v3)).toBe(v3);
    const unknown = { type: 'SomethingElse', schemaVersion: 1, data: {} };
    expect(upcastEvent(unknown)).toBe(unknown);
  });

  test('upcasting stops at the version asked for; beyond the last upcaster is an error', () => {
    expect(upcastEvent(v1Training, 1)).toBe(v1Training);
    expect(upcastEvent(v1Training, 2)).toEqual(upcastEvent(v1Training));
    expect(() => upcastEvent(v1Training, 3)).toThrow(MissingUpcasterError);
  });

  test('a gap in the chain is an error, not a silent half-upcast', () => {
    expect(() => upcastEvent({ ...v1Training, schemaVersion: 0 })).toThrow(MissingUpcasterError);
  });
});
