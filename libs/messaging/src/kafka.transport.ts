import { Kafka, Partitioners, logLevel, type Admin, type KafkaConfig, type Producer, type RetryOptions } from 'kafkajs';
import type { RecordedEvent } from '#domain';
import { DEFAULT_SOURCE, encodeEvent } from './cloud-events.js';
import type { KafkaSecurity } from './kafka-security.js';
import { KafkaSubscriptionRunner, type MessagingStats } from './kafka-subscription.js';
import { consoleLogger, errorMessage, kafkaLogCreator, type MessagingLogger } from './logger.js';
import type { Subscription, Transport } from './transport.js';

export const DEFAULT_TOPIC = 'asn.events.v1';

export interface KafkaTransportOptions extends KafkaSecurity {
  brokers: string[];
  /** Default `asn.events.v1`. */
  topic?: string;
  /** Default `jenjang`. */
  clientId?: string;
  /** CloudEvents `source`; default `/jenjang`. */
  source?: string;
  /** Default `${topic}.dlq`. */
  deadLetterTopic?: string;
  /** Retries of a failing message (handled alone) before it is dead-lettered. Default 3. */
  maxRetries?: number;
  /** First retry delay, doubling each time (capped at 10 s). Default 250 ms. */
  retryBackoffMs?: number;
  sessionTimeout?: number;
  heartbeatInterval?: number;
  rebalanceTimeout?: number;
  maxBytesPerPartition?: number;
  maxWaitTimeInMs?: number;
  /** Partitions for topics this transport creates; default: the broker's default. */
  numPartitions?: number;
  /** kafkajs client retry settings. */
  retry?: RetryOptions;
  logger?: MessagingLogger;
}

/**
 * Kafka through kafkajs. Publishing: key = stream id, acks = -1, one request in flight per
 * connection so a retried send cannot overtake the next one. Consuming: see KafkaSubscriptionRunner.
 */
export class KafkaTransport implements Transport {
  readonly kind = 'kafka' as const;
  readonly topic: string;
  readonly deadLetterTopic: string;
  private readonly source: string;
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly logger: MessagingLogger;
  private readonly runners: KafkaSubscriptionRunner[] = [];
  private readonly counters: MessagingStats = { published: 0, delivered: 0, retries: 0, deadLettered: 0 };
  private connecting?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: KafkaTransportOptions) {
    if (options.brokers.length === 0) throw new Error('KafkaTransport needs at least one broker');
    this.topic = options.topic ?? DEFAULT_TOPIC;
    this.deadLetterTopic = options.deadLetterTopic ?? `${this.topic}.dlq`;
    this.source = options.source ?? DEFAULT_SOURCE;
    this.logger = options.logger ?? consoleLogger;
    this.kafka = new Kafka(kafkaClientConfig(options, this.logger));
    this.producer = this.kafka.producer({
      // Idempotence would be better, but librdkafka's mock cluster rejects it; consumers dedupe anyway.
      idempotent: false,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: true,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = this.kafka.admin();
  }

  /** A snapshot of the counters, for metrics. */
  get stats(): Readonly<MessagingStats> {
    return { ...this.counters };
  }

  get deadLettered(): number {
    return this.counters.deadLettered;
  }

  get retries(): number {
    return this.counters.retries;
  }

  start(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('KafkaTransport is stopped'));
    this.connecting ??= this.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  async publish(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.start();
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: events.map((event) => encodeEvent(event, { source: this.source })),
    });
    this.counters.published += events.length;
  }

  async subscribe(subscription: Subscription): Promise<void> {
    await this.start(); // the producer is needed for dead letters
    const runner = new KafkaSubscriptionRunner(
      this.kafka,
      this.producer,
      subscription,
      {
        topic: this.topic,
        deadLetterTopic: this.deadLetterTopic,
        maxRetries: this.options.maxRetries ?? 3,
        retryBackoffMs: this.options.retryBackoffMs ?? 250,
        sessionTimeout: this.options.sessionTimeout,
        heartbeatInterval: this.options.heartbeatInterval,
        rebalanceTimeout: this.options.rebalanceTimeout,
        maxBytesPerPartition: this.options.maxBytesPerPartition,
        maxWaitTimeInMs: this.options.maxWaitTimeInMs,
      },
      this.counters,
      this.logger,
    );
    this.runners.push(runner);
    await runner.start();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await this.producer.disconnect();
    await this.admin.disconnect();
  }

  async health(): Promise<boolean> {
    if (this.stopped || !this.connecting) return false;
    if (this.runners.some((runner) => !runner.healthy)) return false;
    try {
      await withTimeout(this.admin.describeCluster(), 5_000);
      return true;
    } catch {
      return false;
    }
  }

  private async connect(): Promise<void> {
    await this.producer.connect();
    await this.admin.connect();
    try {
      await this.admin.createTopics({
        topics: [this.topic, this.deadLetterTopic].map((topic) => ({ topic, numPartitions: this.options.numPartitions })),
      });
    } catch (error) {
      // librdkafka's mock cluster names a controller that does not exist; it auto-creates topics instead.
      this.logger.warn(`Could not create topics ${this.topic}, ${this.deadLetterTopic}; relying on auto-creation`, {
        error: errorMessage(error),
      });
    }
  }
}

/** The kafkajs client configuration: brokers, identity, credentials, logging and retries. */
export function kafkaClientConfig(options: KafkaTransportOptions, logger: MessagingLogger): KafkaConfig {
  return {
    clientId: options.clientId ?? 'jenjang',
    brokers: options.brokers,
    ssl: options.ssl,
    sasl: options.sasl,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
    retry: options.retry,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
