import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { decodeMessage, PoisonMessageError, UnconfirmedMessageError } from './cloud-events.js';
import { errorMessage, type MessagingLogger } from './logger.js';
import { isTransientError, type Delivery, type Subscription } from './transport.js';

export interface MessagingStats {
  published: number;
  delivered: number;
  /** handle() calls repeated after a failure. */
  retries: number;
  deadLettered: number;
}

export interface KafkaSubscriptionSettings {
  topic: string;
  deadLetterTopic: string;
  maxRetries: number;
  retryBackoffMs: number;
  sessionTimeout?: number;
  heartbeatInterval?: number;
  rebalanceTimeout?: number;
  maxBytesPerPartition?: number;
  maxWaitTimeInMs?: number;
}

interface Item {
  message: KafkaMessage;
  delivery?: Delivery;
  poison?: PoisonMessageError;
}

interface BatchContext {
  partition: number;
  payload: EachBatchPayload;
  advance(item: Item): void;
}

type Outcome = 'handled' | 'dead-lettered' | 'aborted';

const MAX_BACKOFF_MS = 10_000;
const MAX_ERROR_HEADER = 2_000;

/**
 * One kafkajs consumer driving one Subscription. The subscription's own stored offsets are the
 * truth: on every assignment the partitions are paused, `resumeFrom` is read, each partition is
 * sought there, and only then resumed, so no batch fetched from a stale position is handled.
 */
export class KafkaSubscriptionRunner {
  private consumer: Consumer;
  /** Next offset to hand over, per partition; guards against redelivery inside one assignment. */
  private readonly next = new Map<number, bigint>();
  private generation = 0;
  private stopping = false;
  private crashed = false;
  private resumeFailing = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly subscription: Subscription,
    private readonly settings: KafkaSubscriptionSettings,
    private readonly stats: MessagingStats,
    private readonly logger: MessagingLogger,
  ) {
    this.consumer = this.createConsumer();
  }

  private createConsumer(): Consumer {
    const { settings } = this;
    return this.kafka.consumer({
      groupId: this.subscription.groupId,
      sessionTimeout: settings.sessionTimeout,
      heartbeatInterval: settings.heartbeatInterval,
      rebalanceTimeout: settings.rebalanceTimeout,
      maxBytesPerPartition: settings.maxBytesPerPartition,
      maxWaitTimeInMs: settings.maxWaitTimeInMs,
      allowAutoTopicCreation: true,
    });
  }

  get healthy(): boolean {
    return !this.crashed && !this.resumeFailing;
  }

  async start(): Promise<void> {
    const { topic } = this.settings;
    const consumer = this.consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      this.onAssignment(event.payload.memberAssignment[topic] ?? []);
    });
    consumer.on(consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      this.logger.error(`Kafka consumer ${this.subscription.groupId} crashed${restart ? ', restarting' : ''}`, {
        error: errorMessage(error),
      });
      if (restart || this.stopping) return;
      // kafkajs gives up on an error it does not call retriable (a broker answering INVALID_REQUEST to
      // a SyncGroup in a rebalance race, say): a projector that stayed up consuming nothing would be worse.
      this.crashed = true;
      void this.relaunch(consumer);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** A new consumer in place of one kafkajs will not restart, with backoff until it runs. */
  private async relaunch(crashed: Consumer): Promise<void> {
    let delay = this.settings.retryBackoffMs;
    while (!this.stopping && this.consumer === crashed) {
      await sleep(delay);
      if (this.stopping) return;
      this.generation++;
      this.next.clear();
      this.consumer = this.createConsumer();
      try {
        await this.start();
        this.crashed = false;
        this.logger.warn(`Kafka consumer ${this.subscription.groupId} relaunched after a crash`, {});
        return;
      } catch (error) {
        this.logger.error(`Relaunching Kafka consumer ${this.subscription.groupId} failed; retrying`, { error: errorMessage(error) });
        await this.consumer.disconnect().catch(() => undefined);
        crashed = this.consumer;
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** Waits for the in-flight batch (kafkajs does), then leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.generation++;
    await this.consumer.disconnect();
  }

  private onAssignment(partitions: number[]): void {
    const generation = ++this.generation;
    this.next.clear();
    if (partitions.length === 0) return;
    // Synchronous, inside kafkajs's join: nothing is fetched before the seeks below are in place.
    this.consumer.pause([{ topic: this.settings.topic, partitions }]);
    void this.resume(generation, partitions);
  }

  private async resume(generation: number, partitions: number[]): Promise<void> {
    const { topic } = this.settings;
    let delay = 500;
    while (generation === this.generation && !this.stopping) {
      try {
        const offsets = await this.subscription.resumeFrom(partitions);
        if (generation !== this.generation) return;
        const seeks = partitions.flatMap((partition) => {
          const offset = offsets.get(partition);
          if (offset === undefined) return [];
          if (!/^\d+$/.test(offset)) throw new Error(`resumeFrom returned offset ${JSON.stringify(offset)} for partition ${partition}`);
          return [{ partition, offset }];
        });
        for (const { partition, offset } of seeks) {
          this.consumer.seek({ topic, partition, offset });
          this.next.set(partition, BigInt(offset));
        }
        this.resumeFailing = false;
        this.consumer.resume([{ topic, partitions }]);
        this.logger.log(`Subscription ${this.subscription.groupId} assigned ${topic} [${partitions.join(', ')}]`, {
          resumeFrom: Object.fromEntries(offsets),
        });
        return;
      } catch (error) {
        // Partitions stay paused: consuming from a guessed position could skip or repeat events.
        this.resumeFailing = true;
        this.logger.error(`resumeFrom failed for ${this.subscription.groupId}; retrying in ${delay} ms`, {
          error: errorMessage(error),
        });
        await sleep(delay);
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    if (!isRunning() || isStale()) return;
    const partition = batch.partition;

    const floor = this.next.get(partition);
    const fresh = floor === undefined ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) >= floor);
    if (floor !== undefined && fresh.length < batch.messages.length) resolveOffset(String(floor - 1n));

    const items: Item[] = fresh.map((message) => {
      try {
        return { message, delivery: { event: decodeMessage(message), partition, offset: message.offset } };
      } catch (error) {
        const poison = error instanceof PoisonMessageError ? error : new PoisonMessageError([errorMessage(error)], { cause: error });
        return { message, poison };
      }
    });
    const ctx: BatchContext = {
      partition,
      payload,
      advance: (item) => {
        this.next.set(partition, BigInt(item.message.offset) + 1n);
        resolveOffset(item.message.offset);
      },
    };

    if (this.subscription.confirm && !(await this.confirm(items, ctx))) return;

    let i = 0;
    while (i < items.length) {
      const item = items[i];
      if (item.poison) {
        // Decoding and confirming are deterministic: retrying cannot help, so it goes straight to the dead-letter topic.
        await this.deadLetter(partition, item.message, item.poison);
        ctx.advance(item);
        i++;
        continue;
      }
      let end = i;
      while (end < items.length && !items[end].poison) end++;
      if (!(await this.handleRun(items.slice(i, end), ctx))) return;
      i = end;
    }

    if (items.length > 0) await this.commitToKafka(partition);
    await heartbeat();
  }

  /**
   * Asks the subscription to confirm every decoded message of the batch in one call; what it
   * rejects becomes poison. Until the check answers the batch waits (backing off): nothing is
   * handled unconfirmed. False if stopping meanwhile.
   */
  private async confirm(items: Item[], ctx: BatchContext): Promise<boolean> {
    const decoded = items.filter((item) => item.delivery && !item.poison);
    if (decoded.length === 0) return true;
    const confirm = this.subscription.confirm as NonNullable<Subscription['confirm']>;
    for (let attempt = 1; ; attempt++) {
      try {
        const verdicts = await confirm(decoded.map((item) => item.delivery as Delivery));
        if (verdicts.length !== decoded.length)
          throw new Error(`confirm answered ${verdicts.length} verdicts for ${decoded.length} messages`);
        decoded.forEach((item, k) => {
          const reason = verdicts[k];
          if (reason !== null) item.poison = new UnconfirmedMessageError(reason);
        });
        return true;
      } catch (error) {
        this.logger.warn(`Could not confirm a batch of ${decoded.length} on partition ${ctx.partition}; retrying`, {
          groupId: this.subscription.groupId,
          attempt,
          error: errorMessage(error),
        });
        await ctx.payload.heartbeat();
        if (!(await this.backoff(Math.min(attempt, 6), ctx))) return false;
      }
    }
  }

  /** Handles a run of decodable messages; a failure is isolated message by message. False if stopping. */
  private async handleRun(run: Item[], ctx: BatchContext): Promise<boolean> {
    let rest = run;
    while (rest.length > 0) {
      const failure = await this.attempt(rest);
      if (!failure) {
        ctx.advance(rest[rest.length - 1]);
        this.stats.delivered += rest.length;
        return true;
      }
      if (rest.length > 1) {
        this.logger.warn(`handle failed for a batch of ${rest.length} on partition ${ctx.partition}; retrying one at a time`, {
          groupId: this.subscription.groupId,
          error: errorMessage(failure.error),
        });
      }
      let k = 0;
      while (k < rest.length) {
        const outcome = await this.handleAlone(rest[k], ctx, failure.error, rest.length > 1);
        if (outcome === 'aborted') return false;
        k++;
        // Past the poison message, go back to whole batches.
        if (outcome === 'dead-lettered') break;
      }
      rest = rest.slice(k);
    }
    return true;
  }

  /**
   * Retries one message alone, then dead-letters it. Out of a failed batch (`isolating`) the first
   * retry is immediate and always made, so an innocent message is never dead-lettered for its neighbour.
   */
  private async handleAlone(item: Item, ctx: BatchContext, lastError: unknown, isolating: boolean): Promise<Outcome> {
    const retries = isolating ? Math.max(1, this.settings.maxRetries) : this.settings.maxRetries;
    // A transient failure (the handler's database is down) is retried for as long as it lasts.
    for (let retry = 1; retry <= retries || isTransientError(lastError); retry++) {
      const wait = isolating ? retry - 1 : retry;
      if (wait > 0) {
        await ctx.payload.heartbeat();
        if (!(await this.backoff(wait, ctx))) return 'aborted';
      }
      this.stats.retries++;
      const failure = await this.attempt([item]);
      if (!failure) {
        ctx.advance(item);
        this.stats.delivered++;
        return 'handled';
      }
      lastError = failure.error;
    }
    await this.deadLetter(ctx.partition, item.message, lastError);
    ctx.advance(item);
    return 'dead-lettered';
  }

  private async attempt(items: Item[]): Promise<{ error: unknown } | undefined> {
    try {
      await this.subscription.handle(items.map((item) => item.delivery as Delivery));
      return undefined;
    } catch (error) {
      return { error: error ?? new Error('handle threw without an error') };
    }
  }

  /** Sleeps before retry `attempt`; false when the consumer is stopping meanwhile. */
  private async backoff(attempt: number, ctx: BatchContext): Promise<boolean> {
    const until = Date.now() + Math.min(this.settings.retryBackoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
    while (Date.now() < until) {
      if (this.stopping || !ctx.payload.isRunning()) return false;
      await sleep(Math.min(100, until - Date.now()));
    }
    return !this.stopping && ctx.payload.isRunning();
  }

  private async deadLetter(partition: number, message: KafkaMessage, error: unknown): Promise<void> {
    const { topic, deadLetterTopic } = this.settings;
    const headers: IHeaders = {
      // The original ce_* headers stay, so a dead letter is still a readable CloudEvent.
      ...message.headers,
      'x-error': errorMessage(error).slice(0, MAX_ERROR_HEADER),
      'x-error-type': error instanceof Error ? error.name : typeof error,
      'x-original-topic': topic,
      'x-original-partition': String(partition),
      'x-original-offset': message.offset,
      'x-original-timestamp': message.timestamp,
      'x-consumer-group': this.subscription.groupId,
    };
    // Throws if the dead-letter topic is unreachable: the batch is then retried, nothing is dropped.
    await this.producer.send({
      topic: deadLetterTopic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.stats.deadLettered++;
    this.logger.error(`Dead-lettered ${topic}[${partition}]@${message.offset} to ${deadLetterTopic}`, {
      groupId: this.subscription.groupId,
      error: errorMessage(error),
    });
  }

  /** For tooling (lag, kcat) only: resume always comes from the subscription's own offsets. */
  private async commitToKafka(partition: number): Promise<void> {
    const offset = this.next.get(partition);
    if (offset === undefined) return;
    try {
      await this.consumer.commitOffsets([{ topic: this.settings.topic, partition, offset: String(offset) }]);
    } catch (error) {
      this.logger.warn(`Could not commit offset ${offset} of partition ${partition} to Kafka`, { error: errorMessage(error) });
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
