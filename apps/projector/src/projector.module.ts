import { Injectable, Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import type { Environment } from '#config';
import { DATA_SOURCE } from '#event-store';
import { TRANSPORT, type Transport } from '#messaging';
import { ALL_PROJECTIONS, projectionProgress } from '#projections';
import { Metrics } from '#platform';
import { Projector } from './projector.js';

@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap {
  constructor(
    private readonly projector: Projector,
    private readonly metrics: Metrics,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TRANSPORT) private readonly transport: Transport,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
    this.metrics.onScrape(async () => {
      for (const { projection, lag } of await projectionProgress(
        this.dataSource,
        ALL_PROJECTIONS.map((p) => p.name),
      )) {
        this.metrics.projectionLag.set({ projection }, lag);
      }
      const stats = (this.transport as { stats?: { deadLettered: number; retries: number } }).stats;
      this.metrics.deadLettered.set((stats?.deadLettered ?? 0) + this.projector.runner.quarantined);
      this.metrics.consumerRetries.set(stats?.retries ?? 0);
    });
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
    ProjectorLifecycle,
  ],
  exports: [Projector],
})
export class ProjectorModule {}
