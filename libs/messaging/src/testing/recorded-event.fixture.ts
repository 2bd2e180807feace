import { createHash } from 'node:crypto';
import type { RecordedEvent } from '#domain';

let position = 0;

/** A well-formed RecordedEvent for transport tests; the store's own hashing is not the point here. */
export function recordedEvent(overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  position += 1;
  const streamId = overrides.streamId ?? 'employee-198001012005011001';
  const version = overrides.version ?? 1;
  return {
    globalPosition: position,
    transactionId: String(1000 + position),
    streamId,
    version,
    type: 'AppraisalSubmitted',
    schemaVersion: 1,
    data: { appraisalId: `a-${streamId}-${version}`, period: 2026, predicate: 'BAIK', notes: null },
    metadata: {
      actor: '197001012000011001',
      agency: 'kemenpan',
      correlationId: `corr-${position}`,
      causationId: null,
      occurredAt: new Date(Date.UTC(2026, 0, 5, 8, 0, position % 60)).toISOString(),
    },
    recordedAt: new Date(Date.UTC(2026, 0, 5, 8, 1, position % 60)).toISOString(),
    hash: createHash('sha256').update(`${streamId}/${version}/${position}`).digest('hex'),
    ...overrides,
  };
}

/** `streams` streams of `versions` events each, interleaved round-robin as a relay would see them. */
export function interleavedStreams(streams: number, versions: number, prefix = 'promotion-case'): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (let version = 1; version <= versions; version++) {
    for (let s = 0; s < streams; s++) events.push(recordedEvent({ streamId: `${prefix}-${s}`, version }));
  }
  return events;
}
