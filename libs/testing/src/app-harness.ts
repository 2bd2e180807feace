import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ApiModule, configureHttpApp, createFastifyAdapter } from '#api';
import { ProjectorModule } from '#projector';
import { Relay, RelayModule } from '#relay';
import { JwtService, type Actor } from '../../auth/src/index.js';
import { ManualClock, type Clock } from '../../config/src/clock.js';
import { validateEnvironment } from '../../config/src/environment.js';
import type { Role } from '../../domain/src/events.js';
import { PlatformModule } from '../../platform/src/platform.module.js';
import { createTestDatabase, type TestDatabase } from './postgres-harness.js';
import { TEST_JWT_SECRET } from './test-secret.js';

export { TEST_JWT_SECRET };

export interface TestApp {
  app: NestFastifyApplication;
  http: ReturnType<typeof request>;
  clock: ManualClock;
  database: TestDatabase;
  relay: Relay;
  /** `http://127.0.0.1:{port}` when started with `listen: true` (for a browser), else undefined. */
  url?: string;
  token(nip: string, roles: Role[], agency?: string, ttlSeconds?: number): Promise<string>;
  /** Waits until the relay and projector have caught up with every committed event. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real app module (api + relay + projector, in-process transport) on its own database,
 * listening on a loopback port, with a clock the test moves.
 */
export async function startTestApp(
  options: { clock?: ManualClock; env?: Record<string, string>; /** listen on a free loopback port */ listen?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase('jenjang_e2e');
  const settings: Record<string, string> = {
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'warn',
    RELAY_POLL_MS: '5',
    RATE_LIMIT_PER_MINUTE: '1000000',
    SLA_CLOCK_INTERVAL_SECONDS: '3600', // tests tick the SLA clock themselves
    SEED_DEMO: 'false',
    NODE_ENV: 'test',
    KAFKA_BROKERS: '', // in-process unless the test asks for Kafka
    ...options.env,
  };
  // Config is read from process.env at boot; put back what was there when the app closes.
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  const restoreEnv = () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  const clock = options.clock ?? new ManualClock(new Date('2026-03-02T03:00:00.000Z'));

  @Module({ imports: [PlatformModule.forRoot({ clock: clock as Clock }), ApiModule, ProjectorModule, RelayModule] })
  class TestAppModule {}

  // A boot that fails (a test of a refused configuration) leaves neither its settings nor its database behind.
  const moduleRef = await Test.createTestingModule({ imports: [TestAppModule] })
    .compile()
    .catch(async (error: unknown) => {
      restoreEnv();
      await database.drop();
      throw error;
    });
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    createFastifyAdapter({ trustedProxies: validateEnvironment(process.env).TRUSTED_PROXIES }),
    { logger: ['error', 'warn'] },
  );
  await configureHttpApp(app);
  let url: string | undefined;
  if (options.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address();
    if (!address || typeof address === 'string') throw new Error('the test app is not listening on a TCP port');
    url = `http://127.0.0.1:${address.port}`;
  } else {
    await app.init();
  }
  await app.getHttpAdapter().getInstance().ready();
  const jwt = app.get(JwtService);
  const relay = app.get(Relay);
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    database,
    relay,
    url,
    token: (nip, roles, agency = 'pemkot-langsa', ttlSeconds = 3600) => jwt.mint({ nip, agency, roles } as Actor, ttlSeconds),
    settle: async () => {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        if ((await relay.lag()) === 0) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('relay did not catch up within 15 s');
    },
    close: async () => {
      await app.close();
      restoreEnv();
      await database.drop();
    },
  };
}
