import { InProcessTransport } from './in-process.transport.js';
import { KafkaTransport, type KafkaTransportOptions } from './kafka.transport.js';
import type { MessagingLogger } from './logger.js';
import type { Transport } from './transport.js';

export type TransportConfig = Omit<KafkaTransportOptions, 'brokers' | 'logger'> & {
  /** From KAFKA_BROKERS; empty or absent means the in-process transport. */
  kafkaBrokers?: string[];
};

export function createTransport(config: TransportConfig, logger?: MessagingLogger): Transport {
  const { kafkaBrokers, ...options } = config;
  const brokers = (kafkaBrokers ?? []).map((broker) => broker.trim()).filter((broker) => broker.length > 0);
  if (brokers.length === 0) return new InProcessTransport();
  return new KafkaTransport({ ...options, brokers, logger });
}
