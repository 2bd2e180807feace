import { EVENT_SCHEMA_VERSIONS, type DomainEvent, type EventMetadata } from './events.js';

/** Where an event sits in commit order: the writing transaction's id, then its global position. */
export interface CommitPosition {
  /** PostgreSQL xid8 of the writing transaction, as a decimal string. */
  transactionId: string;
  globalPosition: number;
}

/** An event as the store recorded it: what the relay publishes and projections consume. */
export interface RecordedEvent<TData = Record<string, unknown>> {
  globalPosition: number;
  transactionId: string;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  recordedAt: string;
  hash: string;
}

/** Total order of commit positions: transaction id first, then global position. */
export function compareCommitPositions(a: CommitPosition, b: CommitPosition): number {
  const ta = BigInt(a.transactionId);
  const tb = BigInt(b.transactionId);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.globalPosition - b.globalPosition;
}

export function formatCommitPosition(p: CommitPosition): string {
  return `${p.transactionId}:${p.globalPosition}`;
}

export function parseCommitPosition(text: string): CommitPosition {
  const match = /^(\d+):(\d+)$/.exec(text);
  if (!match) throw new Error(`Not a commit position: ${text}`);
  return { transactionId: match[1], globalPosition: Number(match[2]) };
}

/** The store's envelope around an event: everything but its type and data. */
export type EventEnvelope = Omit<RecordedEvent, 'type' | 'data'>;

/**
 * A recorded event of a known type, its data typed by that type: what deciders and projections
 * fold. Distributes over the union, so a `switch (event.type)` narrows `data` without casts.
 */
export type StoredEvent<E extends DomainEvent = DomainEvent> = E extends DomainEvent
  ? EventEnvelope & { type: E['type']; data: E['data'] }
  : never;

/** True when the record's type is one this build knows (upcast records only: read them through the store). */
export function isStoredEvent(event: RecordedEvent): event is RecordedEvent & StoredEvent {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, event.type);
}

/**
 * The one narrowing point from the store's untyped rows to the domain's event union. A type this
 * build does not know is a programming or deployment error (a newer writer), never silently folded.
 */
export function toStoredEvent(event: RecordedEvent): StoredEvent {
  if (!isStoredEvent(event)) throw new Error(`Unknown event type ${event.type} at position ${event.globalPosition}`);
  return event;
}
