/**
 * The api app (no relay, no projector) on a benchmark database, listening on loopback, with a way to
 * mint tokens: for benchmarks that measure over real HTTP.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule, configureHttpApp, createFastifyAdapter } from '#api';
import { JwtService } from '#auth';
import type { Role } from '#domain';
import { PlatformModule } from '#platform';
import { benchPort } from './processes.js';
import { BENCH_LEDGER_SIGNING_KEY } from './servers.js';

export interface BenchApp {
  url: string;
  app: NestFastifyApplication;
  token(nip: string, agency: string, roles: Role[]): Promise<string>;
  close(): Promise<void>;
}

/** `listen: false` initialises the app without a socket (for in-process command runs); `url` is then empty. */
export async function startBenchApp(
  databaseUrl: string,
  extraModules: unknown[] = [],
  { listen = true }: { listen?: boolean } = {},
): Promise<BenchApp> {
  const settings: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
    SLA_CLOCK_INTERVAL_SECONDS: '3600',
    SEED_DEMO: 'false',
    KAFKA_BROKERS: '',
    NODE_ENV: 'production',
    LEDGER_SIGNING_KEY: BENCH_LEDGER_SIGNING_KEY,
  };
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);

  @Module({ imports: [PlatformModule.forRoot(), ApiModule, ...(extraModules as never[])] })
  class BenchAppModule {}

  const app = await NestFactory.create<NestFastifyApplication>(BenchAppModule, createFastifyAdapter(), { logger: ['error'] });
  await configureHttpApp(app);
  let url = '';
  if (listen) {
    const port = benchPort();
    await app.listen({ port, host: '127.0.0.1' });
    url = `http://127.0.0.1:${port}`;
  } else {
    await app.init();
  }
  const jwt = app.get(JwtService);
  return {
    url,
    app,
    token: (nip, agency, roles) => jwt.mint({ nip, agency, roles }, 3600),
    close: async () => {
      await app.close();
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    },
  };
}
