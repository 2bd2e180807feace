import type { RecordedEvent } from '#domain';
import type { Delivery, Subscription, Transport } from './transport.js';

/**
 * The embedded default: delivers synchronously to every subscription, so `publish` resolves only
 * after each one committed, and the relay's checkpoint never runs ahead of the projections.
 * Nothing is stored: after a restart the relay replays from its checkpoint and subscribers
 * dedupe by commit position, so `resumeFrom` is never called and offsets carry no meaning
 * beyond ordering within this process.
 */
export class InProcessTransport implements Transport {
  readonly kind = 'in-process' as const;
  private readonly subscriptions: Subscription[] = [];
  private nextOffset = 0n;
  /** Serialises publishes so concurrent callers cannot interleave deliveries. */
  private tail: Promise<unknown> = Promise.resolve();
  private stopped = false;

  async start(): Promise<void> {
    this.stopped = false;
  }

  private markSubscribed: () => void = () => undefined;
  private readonly subscribed = new Promise<void>((resolve) => (this.markSubscribed = resolve));

  async subscribe(subscription: Subscription): Promise<void> {
    if (this.subscriptions.some((s) => s.groupId === subscription.groupId)) {
      throw new Error(`A subscription with groupId ${subscription.groupId} already exists`);
    }
    this.subscriptions.push(subscription);
    this.markSubscribed();
  }

  ready(): Promise<void> {
    return this.subscribed;
  }

  /** Rejects if any subscription throws (after offering the batch to all of them); the caller retries. */
  publish(events: RecordedEvent[]): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('InProcessTransport is stopped'));
    const run = this.tail.then(() => this.deliver(events));
    this.tail = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.tail;
  }

  async health(): Promise<boolean> {
    return !this.stopped;
  }

  private async deliver(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const errors: unknown[] = [];
    for (const subscription of [...this.subscriptions]) {
      // Each subscriber gets its own copy, as it would from a broker: no shared mutable state.
      const batch: Delivery[] = events.map((event, i) => ({
        event: structuredClone(event),
        partition: 0,
        offset: String(this.nextOffset + BigInt(i)),
      }));
      try {
        await subscription.handle(batch);
      } catch (error) {
        errors.push(error);
      }
    }
    this.nextOffset += BigInt(events.length);
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} subscriptions failed to handle the batch`);
  }
}
