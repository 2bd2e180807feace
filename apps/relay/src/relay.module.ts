import { Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import type { Environment } from '#config';
import { DATA_SOURCE } from '#event-store';
import { SlaClockModule } from '#application';
import { LedgerSequencerModule } from '#ledger';
import { TRANSPORT, type Transport } from '#messaging';
import { Metrics } from '#platform';
import { Relay } from './relay.js';

@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private reported = 0;

  constructor(
    private readonly relay: Relay,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
    this.metrics.onScrape(async () => {
      this.metrics.relayLag.set(await this.relay.positionsBehind());
      this.metrics.relayPublished.inc(this.relay.status.published - this.reported);
      this.reported = this.relay.status.published;
    });
  }

  /** Drains: the batch in flight finishes and is checkpointed before the transport closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

@Module({
  // Beside the relay, each under its own advisory lock: the ledger's sequencer and the SLA clock (a writer).
  imports: [LedgerSequencerModule, SlaClockModule],
  providers: [
    {
      provide: Relay,
      inject: [DATA_SOURCE, TRANSPORT, ConfigService],
      useFactory: (dataSource: DataSource, transport: Transport, config: ConfigService<Environment, true>) => {
        const logger = new Logger('Relay');
        return new Relay(
          dataSource,
          transport,
          {
            name: 'main',
            batchSize: config.get('RELAY_BATCH_SIZE', { infer: true }),
            pollMs: config.get('RELAY_POLL_MS', { infer: true }),
            standbyRetryMs: 1000,
          },
          { log: (m, c) => logger.log({ ...c }, m), warn: (m, c) => logger.warn({ ...c }, m), error: (m, c) => logger.error({ ...c }, m) },
        );
      },
    },
    RelayLifecycle,
  ],
  exports: [Relay],
})
export class RelayModule {}
