import { DomainError } from '#domain';
import type { RecordedEvent } from '#domain';

/** One event as a subscriber receives it, with where it sits in the transport's log. */
export interface Delivery {
  event: RecordedEvent;
  partition: number;
  /** Kafka offset as a decimal string (in-process: a per-process counter). */
  offset: string;
}

export interface Subscription {
  groupId: string;
  /**
   * Offsets to resume from, per partition (the next offset to read). Called on start and on
   * every assignment. A partition missing from the map resumes from the group's committed
   * offset in Kafka, else from the earliest one. Never called in-process.
   */
  resumeFrom(partitions: number[]): Promise<Map<number, string>>;
  /**
   * Handles a batch in order (per partition). Must commit its own effects and offsets atomically.
   * Throwing means retry; deliveries are at least once, so it must also be idempotent.
   */
  handle(batch: Delivery[]): Promise<void>;
  /**
   * Optional, Kafka only (in-process deliveries come straight from the store): checks a batch
   * against the source of truth before any of it is handled. Returns, per delivery in order, why
   * it must not be applied (dead-lettered at once, never retried) or null. Throwing means the
   * check could not be made: the batch waits and is checked again, nothing is applied unchecked.
   */
  confirm?(batch: Delivery[]): Promise<(string | null)[]>;
}

export interface Transport {
  readonly kind: 'kafka' | 'in-process';
  /** Connects the producer. */
  start(): Promise<void>;
  /** Resolves once durably accepted (Kafka, acks = -1) or handled by every subscription (in-process). */
  publish(events: RecordedEvent[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<void>;
  /** Graceful: lets the in-flight batch finish, then disconnects. */
  stop(): Promise<void>;
  health(): Promise<boolean>;
  /**
   * Resolves once publishing makes sense: in-process, when someone has subscribed (a batch
   * delivered to nobody would be checkpointed and lost to the projections); Kafka, at once.
   */
  ready?(): Promise<void>;
}

/**
 * Thrown by a subscription when the failure is not the message's fault (its database is down):
 * the transport keeps retrying with backoff instead of dead-lettering, so no event is lost.
 */
export class TransientHandlerError extends DomainError {
  readonly transient = true;
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('UNAVAILABLE', message, { reason: 'MESSAGING.TRANSIENT', cause: options.cause });
  }
}

export function isTransientError(error: unknown): boolean {
  return (error as { transient?: unknown } | null)?.transient === true;
}
