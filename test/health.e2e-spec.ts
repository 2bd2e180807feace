import { afterAll, afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { Metrics, PROBE_MAX_AGE_MS } from '#platform';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { registerEmployee } from './http-support.js';

const HR = '197901012005012002';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Lets the shared readiness answer expire, so the next call computes a fresh one. */
const expire = () => pause(PROBE_MAX_AGE_MS + 100);

async function query<T>(url: string | undefined, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}
const admin = (sql: string) => query(process.env.TEST_DATABASE_ADMIN_URL, sql);
const onAppDatabase = (t: TestApp, sql: string) => query(t.database.url, sql);

/** Log lines of the readiness check, terminus and the HTTP error filter (Nest's Logger, by context). */
function healthLog() {
  const lines: { level: string; context?: string; args: unknown[] }[] = [];
  for (const level of ['warn', 'error', 'log'] as const) {
    jest.spyOn(Logger.prototype, level).mockImplementation(function (this: Logger, ...args: unknown[]) {
      const { context } = this as unknown as { context?: string };
      if (context === 'Health' || context === 'HealthCheckService' || context === 'Http') lines.push({ level, context, args });
    });
  }
  return lines;
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('health: liveness, and readiness shared by every caller', () => {
  let t: TestApp;
  const computations = async () => (await t.app.get(Metrics).readinessComputations.get()).values[0]?.value ?? 0;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  test('GET /health/live answers 200 {status:"ok"} without computing readiness', async () => {
    const before = await computations();
    const live = await t.http.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    expect(await computations()).toBe(before);
  });

  test('100 concurrent callers share one computation a second, and a later call computes afresh', async () => {
    await expire();
    const before = await computations();
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 100 }, () => t.http.get('/health')));
    const elapsed = performance.now() - started;
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(200));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    const computed = (await computations()) - before;
    expect(computed).toBeGreaterThanOrEqual(1);
    expect(computed).toBeLessThanOrEqual(1 + Math.floor(elapsed / PROBE_MAX_AGE_MS));

    await expire();
    const again = await computations();
    expect((await t.http.get('/health')).status).toBe(200);
    expect(await computations()).toBe(again + 1);
  });

  test('a first start is ready: events the relay has not published yet, no checkpoint, is not a stalled relay', async () => {
    await t.relay.stop();
    await registerEmployee(t.http, await t.token(HR, ['hr']), '198507122010011001');
    expect(await onAppDatabase(t, 'SELECT name FROM relay_checkpoints')).toEqual([]);
    await expire();
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { relay: { status: 'up', stalled: false } } });
    expect(health.body.info.relay.lag).toBeGreaterThan(0);
  });
});

describe('health: a relay that has not moved while an event waited a minute is reported stalled', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  test('stalled is reported, readiness stays 200 (the api still takes commands)', async () => {
    await t.relay.stop();
    // An event committed two minutes ago that no relay has published.
    await onAppDatabase(
      t,
      `INSERT INTO events (stream_id, version, type, schema_version, data, metadata, recorded_at, hash)
       VALUES ('probe-1', 1, 'Noted', 1, '{}', '{}', now() - interval '2 minutes', repeat('0', 64))`,
    );
    await expire();
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.info.relay).toMatchObject({ status: 'up', stalled: true, lag: 1 });
  });
});

describe('health: the database down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await admin(`ALTER DATABASE ${t.database.name} WITH ALLOW_CONNECTIONS true`);
    await t.close();
  });

  test('readiness answers 503 UNAVAILABLE saying what is down, logs one line without a stack, and recovers', async () => {
    expect((await t.http.get('/health')).status).toBe(200);
    await t.relay.stop();
    const lines = healthLog();
    await admin(`ALTER DATABASE ${t.database.name} WITH ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${t.database.name}'`);
    await expire();

    const answers = await Promise.all(Array.from({ length: 20 }, () => t.http.get('/health')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(503));
    const [down] = answers;
    expect(down.body).toMatchObject({
      statusCode: 503,
      code: 'UNAVAILABLE',
      details: { status: 'error', error: { database: { status: 'down' } }, info: { transport: { status: 'up' } } },
    });
    expect(down.body.message).toMatch(/database/);
    expect(down.body.details.error.database.message).toEqual(expect.any(String));
    expect((await t.http.get('/health/live')).status).toBe(200);

    expect(lines).toHaveLength(1);
    const [{ level, context, args }] = lines;
    expect([level, context]).toEqual(['warn', 'Health']);
    expect(args[0]).toMatchObject({ status: 'error', down: { database: expect.any(String) } });
    expect(JSON.stringify(args)).not.toMatch(/\n\s+at /);
    expect(args.some((a) => a instanceof Error)).toBe(false);

    await admin(`ALTER DATABASE ${t.database.name} WITH ALLOW_CONNECTIONS true`);
    await expire();
    const recovered = await t.http.get('/health');
    expect(recovered.status).toBe(200);
    expect(recovered.body.info.database.status).toBe('up');
  });
});
