import { Injectable, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock, type Environment } from '#config';
import { DATA_SOURCE } from '#event-store';
import { TRANSPORT, type Transport } from '#messaging';
import { ALL_PROJECTIONS, projectionProgress } from '#projections';
import { Metrics } from '#platform';
import { Projector } from './projector.js';
import { SlaClock } from './sla-clock.js';

@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private breachesReported = 0;

  constructor(
    private readonly projector: Projector,
    private readonly slaClock: SlaClock,
    private readonly metrics: Metrics,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TRANSPORT) private readonly transport: Transport,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
    this.slaClock.start();
    this.metrics.onScrape(async () => {
      for (const { projection, lag } of await projectionProgress(
        this.dataSource,
        ALL_PROJECTIONS.map((p) => p.name),
      )) {
        this.metrics.projectionLag.set({ projection }, lag);
      }
      this.metrics.slaBreaches.inc(this.slaClock.breachesRecorded - this.breachesReported);
      this.breachesReported = this.slaClock.breachesRecorded;
      const stats = (this.transport as { stats?: { deadLettered: number; retries: number } }).stats;
      this.metrics.deadLettered.set((stats?.deadLettered ?? 0) + this.projector.runner.quarantined);
      this.metrics.consumerRetries.set(stats?.retries ?? 0);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.slaClock.stop();
  }
}

@Module({
  providers: [
    {
      provide: Projector,
      inject: [DATA_SOURCE, TRANSPORT, ConfigService],
      useFactory: (dataSource: DataSource, transport: Transport, config: ConfigService<Environment, true>) => {
        const logger = new Logger('Projector');
        const source = transport.kind === 'kafka' ? `kafka:${config.get('KAFKA_TOPIC', { infer: true })}` : 'in-process';
        return new Projector(
          dataSource,
          transport,
          ALL_PROJECTIONS,
          { log: (m, c) => logger.log({ ...c }, m), error: (m, c) => logger.error({ ...c }, m) },
          config.get('KAFKA_GROUP_ID', { infer: true }),
          source,
        );
      },
    },
    {
      provide: SlaClock,
      inject: [DATA_SOURCE, CLOCK, ConfigService],
      useFactory: (dataSource: DataSource, clock: Clock, config: ConfigService<Environment, true>) => {
        const logger = new Logger('SlaClock');
        return new SlaClock(dataSource, clock, config.get('SLA_CLOCK_INTERVAL_SECONDS', { infer: true }) * 1000, {
          log: (m, c) => logger.log({ ...c }, m),
          error: (m, c) => logger.error({ ...c }, m),
        });
      },
    },
    ProjectorLifecycle,
  ],
  exports: [Projector, SlaClock],
})
export class ProjectorModule {}
