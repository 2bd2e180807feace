import { Injectable, Global, Inject, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '#config';
import { describeKafkaSecurity, kafkaSecurity } from './kafka-security.js';
import { createTransport } from './transport.factory.js';
import type { Transport } from './transport.js';

export const TRANSPORT = Symbol('TRANSPORT');

@Injectable()
class TransportLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(TRANSPORT) private readonly transport: Transport) {}

  async onModuleInit(): Promise<void> {
    await this.transport.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.stop();
  }
}

/** One transport per process, shared by the relay and the projector: Kafka when KAFKA_BROKERS is set. */
@Global()
@Module({
  providers: [
    {
      provide: TRANSPORT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): Transport => {
        const logger = new Logger('Transport');
        const brokers = config.get('KAFKA_BROKERS', { infer: true });
        const security = kafkaSecurity({
          KAFKA_SASL_MECHANISM: config.get('KAFKA_SASL_MECHANISM', { infer: true }),
          KAFKA_SASL_USERNAME: config.get('KAFKA_SASL_USERNAME', { infer: true }),
          KAFKA_SASL_PASSWORD: config.get('KAFKA_SASL_PASSWORD', { infer: true }),
          KAFKA_SSL: config.get('KAFKA_SSL', { infer: true }),
        });
        const sessionTimeout = config.get('KAFKA_SESSION_TIMEOUT_MS', { infer: true });
        const transport = createTransport(
          {
            ...security,
            kafkaBrokers: brokers ? brokers.split(',') : [],
            topic: config.get('KAFKA_TOPIC', { infer: true }),
            clientId: config.get('KAFKA_CLIENT_ID', { infer: true }),
            source: config.get('EVENT_SOURCE', { infer: true }),
            sessionTimeout,
            maxWaitTimeInMs: config.get('KAFKA_FETCH_MAX_WAIT_MS', { infer: true }),
            // kafkajs's default beat (3 s), and at least three beats per session.
            heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
          },
          { log: (m, c) => logger.log({ ...c }, m), warn: (m, c) => logger.warn({ ...c }, m), error: (m, c) => logger.error({ ...c }, m) },
        );
        logger.log(`transport: ${transport.kind}${brokers ? ` (${brokers}; ${describeKafkaSecurity(security)})` : ''}`);
        return transport;
      },
    },
    TransportLifecycle,
  ],
  exports: [TRANSPORT],
})
export class TransportModule {}
