/**
 * RecordedEvent <-> Kafka message, in CloudEvents 1.0 Kafka binary mode: the value is the whole
 * RecordedEvent as JSON, the CloudEvents attributes travel as `ce_` headers.
 */
import type { RecordedEvent } from '#domain';

export const DEFAULT_SOURCE = '/jenjang';
export const CONTENT_TYPE = 'application/json';

export const CE = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  subject: 'ce_subject',
  time: 'ce_time',
  streamversion: 'ce_streamversion',
  globalposition: 'ce_globalposition',
  schemaversion: 'ce_schemaversion',
  contentType: 'content-type',
} as const;

export interface OutgoingMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** What kafkajs hands a consumer (KafkaMessage), reduced to what decoding needs. */
export interface IncomingMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

/** A message no consumer can accept as a RecordedEvent. Retrying it will not help. */
export class PoisonMessageError extends Error {
  readonly code = 'MESSAGING.POISON_MESSAGE';

  constructor(
    readonly problems: string[],
    options?: { cause?: unknown },
  ) {
    super(`Poison message: ${problems.join('; ')}`, options);
    this.name = 'PoisonMessageError';
  }
}

/** A well-formed message the subscription's source of truth does not vouch for (a forgery, a stale copy). */
export class UnconfirmedMessageError extends PoisonMessageError {
  constructor(reason: string) {
    super([reason]);
    this.name = 'UnconfirmedMessageError';
    this.message = `Unconfirmed message: ${reason}`;
  }
}

/** Stable across republishing: the same stored event always gets the same id. */
export function cloudEventId(event: Pick<RecordedEvent, 'streamId' | 'version'>): string {
  return `${event.streamId}/${event.version}`;
}

export function encodeEvent(event: RecordedEvent, options: { source?: string } = {}): OutgoingMessage {
  return {
    key: event.streamId,
    value: JSON.stringify(event),
    headers: {
      [CE.specversion]: '1.0',
      [CE.id]: cloudEventId(event),
      [CE.source]: options.source ?? DEFAULT_SOURCE,
      [CE.type]: event.type,
      [CE.subject]: event.streamId,
      [CE.time]: event.metadata.occurredAt,
      [CE.contentType]: CONTENT_TYPE,
      [CE.streamversion]: String(event.version),
      [CE.globalposition]: String(event.globalPosition),
      [CE.schemaversion]: String(event.schemaVersion),
    },
  };
}

/** Decodes and validates; throws PoisonMessageError on anything that is not a RecordedEvent. */
export function decodeMessage(message: IncomingMessage): RecordedEvent {
  if (message.value === null || message.value === undefined) throw new PoisonMessageError(['message has no value']);
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value.toString());
  } catch (error) {
    throw new PoisonMessageError([`value is not JSON (${(error as Error).message})`], { cause: error });
  }
  const event = parseRecordedEvent(parsed);

  // The key decides the partition, so a key that disagrees with the stream breaks per-stream order.
  const key = message.key === null || message.key === undefined ? undefined : message.key.toString();
  const problems: string[] = [];
  if (key !== undefined && key !== event.streamId) problems.push(`key ${JSON.stringify(key)} is not the streamId`);
  const id = headerValue(message.headers, CE.id);
  if (id !== undefined && id !== cloudEventId(event)) problems.push(`${CE.id} ${JSON.stringify(id)} does not match the value`);
  if (problems.length) throw new PoisonMessageError(problems);
  return event;
}

export function headerValue(headers: IncomingMessage['headers'], name: string): string | undefined {
  const raw = headers?.[name];
  if (raw === undefined) return undefined;
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? undefined : first.toString();
}

const HASH = /^[0-9a-f]{64}$/;
const DECIMAL = /^\d+$/;

/** Checks the shape of a RecordedEvent and returns a copy holding only its known fields. */
export function parseRecordedEvent(value: unknown): RecordedEvent {
  if (!isObject(value)) throw new PoisonMessageError(['value is not a JSON object']);
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(isInteger(value.globalPosition, 0), 'globalPosition must be a non-negative integer');
  check(typeof value.transactionId === 'string' && DECIMAL.test(value.transactionId), 'transactionId must be a decimal string');
  check(isNonEmptyString(value.streamId), 'streamId must be a non-empty string');
  check(isInteger(value.version, 1), 'version must be an integer >= 1');
  check(isNonEmptyString(value.type), 'type must be a non-empty string');
  check(isInteger(value.schemaVersion, 1), 'schemaVersion must be an integer >= 1');
  check(isObject(value.data), 'data must be an object');
  check(isInstant(value.recordedAt), 'recordedAt must be an ISO 8601 instant');
  check(typeof value.hash === 'string' && HASH.test(value.hash), 'hash must be 64 lowercase hex digits');
  const metadata = value.metadata;
  if (!isObject(metadata)) {
    problems.push('metadata must be an object');
  } else {
    check(isNonEmptyString(metadata.actor), 'metadata.actor must be a non-empty string');
    check(isNonEmptyString(metadata.agency), 'metadata.agency must be a non-empty string');
    check(isNonEmptyString(metadata.correlationId), 'metadata.correlationId must be a non-empty string');
    check(metadata.causationId === null || isNonEmptyString(metadata.causationId), 'metadata.causationId must be a string or null');
    check(isInstant(metadata.occurredAt), 'metadata.occurredAt must be an ISO 8601 instant');
  }
  if (problems.length) throw new PoisonMessageError(problems);

  // Data and metadata are kept whole: the content hash covers them.
  return {
    globalPosition: value.globalPosition,
    transactionId: value.transactionId,
    streamId: value.streamId,
    version: value.version,
    type: value.type,
    schemaVersion: value.schemaVersion,
    data: value.data,
    metadata: value.metadata,
    recordedAt: value.recordedAt,
    hash: value.hash,
  } as RecordedEvent;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isInteger(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}
