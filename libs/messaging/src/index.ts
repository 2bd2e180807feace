export { isTransientError, TransientHandlerError, type Delivery, type Subscription, type Transport } from './transport.js';
export {
  CE,
  CONTENT_TYPE,
  DEFAULT_SOURCE,
  PoisonMessageError,
  UnconfirmedMessageError,
  cloudEventId,
  decodeMessage,
  encodeEvent,
  headerValue,
  parseRecordedEvent,
  type IncomingMessage,
  type OutgoingMessage,
} from './cloud-events.js';
export { InProcessTransport } from './in-process.transport.js';
export { DEFAULT_TOPIC, KafkaTransport, type KafkaTransportOptions } from './kafka.transport.js';
export type { MessagingStats } from './kafka-subscription.js';
export { consoleLogger, kafkaLogCreator, silentLogger, type MessagingLogger } from './logger.js';
export { createTransport, type TransportConfig } from './transport.factory.js';
export { TRANSPORT, TransportModule } from './transport.module.js';
