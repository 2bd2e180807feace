import { Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { CLOCK, REFERENCE_DATA, type Clock, type Environment } from '#config';
import type { ReferenceData } from '#domain';
import { CommandStore, DATA_SOURCE } from '#event-store';
import { Metrics } from '#platform';
import { CommandRunner } from './command-runner.js';
import { PromotionPreview } from './promotion-preview.js';
import { RunCommandHandler } from './run-command.js';
import { SlaClock } from './sla-clock.js';

/** The command path: the runner behind `RunCommand` on the CommandBus. Needs PlatformModule. */
@Module({
  imports: [CqrsModule],
  providers: [
    {
      provide: CommandRunner,
      inject: [DATA_SOURCE, CLOCK, REFERENCE_DATA, Metrics],
      useFactory: (dataSource: DataSource, clock: Clock, reference: ReferenceData, metrics: Metrics) =>
        new CommandRunner(new CommandStore(dataSource), clock, reference, {
          observe: (command, outcome, seconds) => {
            metrics.commands.inc({ command, outcome });
            metrics.commandDuration.observe({ command }, seconds);
          },
        }),
    },
    {
      provide: PromotionPreview,
      inject: [DATA_SOURCE, CLOCK, REFERENCE_DATA],
      useFactory: (dataSource: DataSource, clock: Clock, reference: ReferenceData) =>
        new PromotionPreview(new CommandStore(dataSource), clock, reference),
    },
    RunCommandHandler,
  ],
  exports: [CommandRunner, PromotionPreview],
})
export class CommandsModule {}

@Injectable()
class SlaClockLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private reported = 0;
  constructor(
    private readonly clock: SlaClock,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.clock.start();
    this.metrics.onScrape(() => {
      this.metrics.slaBreaches.inc(this.clock.breachesRecorded - this.reported);
      this.reported = this.clock.breachesRecorded;
      return Promise.resolve();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.clock.stop();
  }
}

/** The SLA clock, a writer through the command path; runs in the relay process. */
@Module({
  imports: [CommandsModule],
  providers: [
    {
      provide: SlaClock,
      inject: [CommandRunner, DATA_SOURCE, CLOCK, ConfigService],
      useFactory: (commands: CommandRunner, dataSource: DataSource, clock: Clock, config: ConfigService<Environment, true>) => {
        const logger = new Logger('SlaClock');
        return new SlaClock(commands, dataSource, clock, config.get('SLA_CLOCK_INTERVAL_SECONDS', { infer: true }) * 1000, {
          log: (m, c) => logger.log({ ...c }, m),
          error: (m, c) => logger.error({ ...c }, m),
        });
      },
    },
    SlaClockLifecycle,
  ],
  exports: [SlaClock],
})
export class SlaClockModule {}
