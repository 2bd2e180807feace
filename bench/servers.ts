/**
 * The processes the HTTP benchmarks measure, started from the build as a user starts them
 * (`node dist/apps/api/src/main.js`, `node dist/apps/standalone/src/main.js`), plus the baseline
 * server, and what a run needs around them: tokens, employees, projection lag.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { JwtService } from '#auth';
import type { Role } from '#domain';
import { openDataSource } from '#event-store';
import { generateSigningKeyText } from '#ledger';
import { ALL_PROJECTIONS, projectionProgress } from '#projections';
import { sleep, type BenchContext } from './benchmark.js';
import { benchPort, builtScript, startChildServer, type ChildServer } from './processes.js';

export { nipFor, recordTrainings, registerEmployees, trainingBody } from '../libs/testing/src/http-load.js';

export const BENCH_JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';
export const BENCH_AGENCY = 'pemkot-langsa';
export const BENCH_HR_NIP = '197901012005012002';

const jwt = new JwtService({ secret: BENCH_JWT_SECRET });

/** The ledger signing key of every bench server (production requires one). */
export const BENCH_LEDGER_SIGNING_KEY = generateSigningKeyText();

/** A token the servers accept (they are started with BENCH_JWT_SECRET). */
export function benchToken(nip: string, agency: string, roles: Role[]): Promise<string> {
  return jwt.mint({ nip, agency, roles }, 3600);
}

/** Settings for a Jenjang process: the defaults a deployment gets, except what would throttle or seed the bench. */
function jenjangEnvironment(ctx: BenchContext, databaseUrl: string): Record<string, string> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'jenjang-bench-data-'));
  ctx.onCleanup(async () => rmSync(dataDir, { recursive: true, force: true }));
  return {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: BENCH_JWT_SECRET,
    NODE_ENV: 'production',
    SEED_DEMO: 'false',
    KAFKA_BROKERS: '',
    // The default (3,000 a minute per client) would answer most of the load with 429.
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    // Production refuses a ledger key generated under DATA_DIR: one per bench run.
    LEDGER_SIGNING_KEY: BENCH_LEDGER_SIGNING_KEY,
    DATA_DIR: dataDir,
  };
}

async function started(ctx: BenchContext, server: Promise<ChildServer>): Promise<ChildServer> {
  const child = await server;
  ctx.onCleanup(() => child.stop());
  return child;
}

/** The api process alone (no relay, no projector); it runs the migrations at boot. */
export function startApiProcess(ctx: BenchContext, databaseUrl: string): Promise<ChildServer> {
  return started(
    ctx,
    startChildServer({
      name: 'api',
      script: builtScript('apps/api/src/main.js'),
      port: benchPort(),
      env: jenjangEnvironment(ctx, databaseUrl),
      readyPath: '/health',
    }),
  );
}

/** `npm start`'s process: api, relay and projector in one, with the demo seed switched off. */
export function startStandaloneProcess(ctx: BenchContext, databaseUrl: string): Promise<ChildServer> {
  return started(
    ctx,
    startChildServer({
      name: 'standalone',
      script: builtScript('apps/standalone/src/main.js'),
      port: benchPort(),
      env: jenjangEnvironment(ctx, databaseUrl),
      readyPath: '/health',
    }),
  );
}

export function startBaselineProcess(ctx: BenchContext, databaseUrl: string): Promise<ChildServer> {
  return started(
    ctx,
    startChildServer({
      name: 'baseline',
      script: builtScript('bench/baseline-server.js'),
      port: benchPort(),
      env: { DATABASE_URL: databaseUrl },
      readyPath: '/baseline/health',
    }),
  );
}

/** Projection lag as `/health` computes it: events after each projection's checkpoint. */
export class LagProbe {
  private constructor(private readonly dataSource: DataSource) {}

  static async open(databaseUrl: string): Promise<LagProbe> {
    return new LagProbe(await openDataSource({ url: databaseUrl, migrations: [], poolSize: 6, applicationName: 'jenjang-bench-lag' }));
  }

  /** The largest lag over all projections, in events. */
  async lag(): Promise<number> {
    const progress = await projectionProgress(
      this.dataSource,
      ALL_PROJECTIONS.map((p) => p.name),
    );
    return Math.max(0, ...progress.map((p) => p.lag));
  }

  /** Polls until every projection is caught up; returns the lag seen first and the ms it took (null: not within `timeoutMs`). */
  async waitForZero(timeoutMs = 60_000, pollMs = 10): Promise<{ initialLag: number; ms: number | null }> {
    const t0 = performance.now();
    const initialLag = await this.lag();
    let lag = initialLag;
    while (lag > 0) {
      if (performance.now() - t0 > timeoutMs) return { initialLag, ms: null };
      await sleep(pollMs);
      lag = await this.lag();
    }
    return { initialLag, ms: performance.now() - t0 };
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}
