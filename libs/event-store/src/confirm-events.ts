/**
 * Confirming events that arrived over a network (Kafka) against the store they claim to come
 * from, before anything is applied: a message anyone can produce onto the topic must not change a
 * read model unless the event store holds exactly that event (docs/architecture.md, Projections).
 */
import { canonicalJson, upcastEvent, type RecordedEvent } from '#domain';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-store.js';
import type { Queryable } from './store-queries.js';

/** The stored events at these global positions, keyed by position, exactly as stored. One primary-key read for the whole batch. */
export async function storedEventsAt(db: Queryable, positions: readonly number[]): Promise<Map<number, RecordedEvent>> {
  if (positions.length === 0) return new Map();
  const rows = await db.query<EventRow[]>(`SELECT ${EVENT_COLUMNS} FROM events WHERE global_position = ANY($1::bigint[])`, [
    [...new Set(positions)],
  ]);
  return new Map(rows.map((row) => [Number(row.global_position), toRecordedEvent(row)]));
}

/** Fields compared one by one; data and metadata as canonical JSON, so key order does not matter. */
const SCALAR_FIELDS = ['streamId', 'version', 'type', 'schemaVersion', 'transactionId', 'recordedAt'] as const;

/**
 * The stored event in the shape the message claims: the relay publishes events upcast by its own
 * code, which during a rolling deploy may be older than this process's. Undefined when no
 * upcasting reaches that version (below the stored one, or beyond what this code knows).
 */
function inClaimedShape(stored: RecordedEvent, schemaVersion: number): RecordedEvent | undefined {
  if (schemaVersion < stored.schemaVersion) return undefined;
  try {
    const shaped = upcastEvent(stored, schemaVersion);
    return shaped.schemaVersion === schemaVersion ? shaped : undefined;
  } catch {
    return undefined; // no upcaster that far
  }
}

/**
 * Why `received` is not the stored event at its position, or null when it is. The hash is checked
 * first (the cheap, telling mismatch); then every other field against the stored event upcast to
 * the message's schema version, because a message carries an upcast shape while the hash covers
 * the stored one: the hash alone cannot vouch for the payload.
 */
export function confirmationProblem(received: RecordedEvent, stored: RecordedEvent | undefined): string | null {
  const at = `global position ${received.globalPosition}`;
  if (!stored) return `not in the event store: no event at ${at}`;
  if (stored.hash !== received.hash)
    return `hash mismatch: the event store holds hash ${stored.hash} at ${at}, the message ${received.hash}`;
  const shaped = inClaimedShape(stored, received.schemaVersion);
  if (!shaped)
    return `content differs from the stored event at ${at}: schemaVersion ${received.schemaVersion} is not reachable from the stored ${stored.schemaVersion}`;
  const differing: string[] = SCALAR_FIELDS.filter((field) => shaped[field] !== received[field]);
  if (canonicalJson(shaped.data) !== canonicalJson(received.data)) differing.push('data');
  if (canonicalJson(shaped.metadata) !== canonicalJson(received.metadata)) differing.push('metadata');
  return differing.length > 0 ? `content differs from the stored event at ${at}: ${differing.join(', ')}` : null;
}

/** For each received event, in order, why it cannot be confirmed, or null when it is the stored event. */
export async function confirmEvents(db: Queryable, received: readonly RecordedEvent[]): Promise<(string | null)[]> {
  const stored = await storedEventsAt(
    db,
    received.map((event) => event.globalPosition),
  );
  return received.map((event) => confirmationProblem(event, stored.get(event.globalPosition)));
}
