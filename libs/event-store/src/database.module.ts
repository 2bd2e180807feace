import { Injectable, Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import type { Environment } from '#config';
import { openDataSource, runMigrations, startEmbeddedPostgres, type EmbeddedDatabase, type MigrationClass } from './database.js';
import { EventStore } from './event-store.js';

export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const EMBEDDED_DATABASE = Symbol('EMBEDDED_DATABASE');

/** Facts about the database this process uses, for logs and the first-start seed. */
export interface DatabaseInfo {
  embedded: boolean;
  /** True when the embedded cluster was created by this start (an empty database). */
  freshlyCreated: boolean;
  url: string;
}

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedDatabase | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    if (this.embedded) await this.embedded.stop();
  }
}

/**
 * PostgreSQL for every app: DATABASE_URL when given, else a real embedded PostgreSQL under
 * DATA_DIR. Migrations run at boot (never `synchronize`), serialised across processes.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(migrations: MigrationClass[]): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: EMBEDDED_DATABASE,
          inject: [ConfigService],
          useFactory: async (config: ConfigService<Environment, true>) => {
            if (config.get('DATABASE_URL', { infer: true })) return null;
            const logger = new Logger('Database');
            const started = Date.now();
            const embedded = await startEmbeddedPostgres(
              config.get('DATA_DIR', { infer: true }),
              config.get('EMBEDDED_PG_PORT', { infer: true }),
              (m) => logger.warn(m),
            );
            logger.log(
              `embedded PostgreSQL ready on port ${config.get('EMBEDDED_PG_PORT', { infer: true })} in ${Date.now() - started} ms`,
            );
            return embedded;
          },
        },
        {
          provide: DATA_SOURCE,
          inject: [ConfigService, EMBEDDED_DATABASE],
          useFactory: async (config: ConfigService<Environment, true>, embedded: (EmbeddedDatabase & { created: boolean }) | null) => {
            const dataSource = await openDataSource({
              url: embedded?.url ?? (config.get('DATABASE_URL', { infer: true }) as string),
              poolSize: config.get('DATABASE_POOL_SIZE', { infer: true }),
              migrations,
            });
            await runMigrations(dataSource);
            return dataSource;
          },
        },
        {
          provide: 'DATABASE_INFO',
          inject: [ConfigService, EMBEDDED_DATABASE],
          useFactory: (
            config: ConfigService<Environment, true>,
            embedded: (EmbeddedDatabase & { created: boolean }) | null,
          ): DatabaseInfo => ({
            embedded: embedded !== null,
            freshlyCreated: embedded?.created ?? false,
            url: (embedded?.url ?? config.get('DATABASE_URL', { infer: true }) ?? '').replace(/:[^:@/]*@/, ':***@'),
          }),
        },
        { provide: EventStore, inject: [DATA_SOURCE], useFactory: (dataSource: DataSource) => new EventStore(dataSource) },
        DatabaseLifecycle,
      ],
      exports: [DATA_SOURCE, EMBEDDED_DATABASE, 'DATABASE_INFO', EventStore],
    };
  }
}
