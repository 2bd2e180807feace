import { Injectable, Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import type { Environment } from '#config';
import { DATA_SOURCE } from '#event-store';
import { TRANSPORT, type Transport } from '#messaging';
import { ALL_PROJECTIONS } from '#projections';
import { Projector } from './projector.js';

@Injectable()
class ProjectorLifecycle implements OnApplicationBootstrap {
  constructor(private readonly projector: Projector) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
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
