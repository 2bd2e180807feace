import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, JenjangConfigModule, systemClock, type Clock } from '#config';
import { DatabaseModule } from '#event-store';
import { TransportModule } from '#messaging';
import { DATABASE_MIGRATIONS } from '#projections';
import { Metrics } from './metrics.js';

export interface PlatformOptions {
  /** Replaces the system clock (tests move time). */
  clock?: Clock;
}

/**
 * What every app needs around its own work: validated config, the database (migrated),
 * the transport and the clock. Import once per process; logging is set up by `createAppLogger`.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions = {}): DynamicModule {
    return {
      module: PlatformModule,
      imports: [JenjangConfigModule.forRoot(), DatabaseModule.forRoot(DATABASE_MIGRATIONS), TransportModule],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: Metrics, useValue: new Metrics() },
      ],
      exports: [CLOCK, Metrics],
    };
  }
}
