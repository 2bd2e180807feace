import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiModule, configureHttpApp, createFastifyAdapter, listen } from '#api';
import { SlaClock } from '#application';
import { validateEnvironment } from '#config';
import { createRootLogger, exitOnBootFailure, JsonLogger, PlatformModule } from '#platform';
import { ProjectorModule } from '#projector';
import { RelayModule } from '#relay';
import { seedDemoOnFirstStart } from '#seed';

/** api, relay and projector in one process: the embedded default of `npm start`. */
@Module({ imports: [PlatformModule.forRoot(), ApiModule, ProjectorModule, RelayModule] })
export class StandaloneModule {}

async function bootstrap(): Promise<void> {
  const env = validateEnvironment(process.env);
  const root = createRootLogger(env.LOG_LEVEL);
  const app = await NestFactory.create<NestFastifyApplication>(
    StandaloneModule,
    createFastifyAdapter({ logger: root, trustedProxies: env.TRUSTED_PROXIES }),
    { logger: new JsonLogger(root), abortOnError: false },
  );
  await configureHttpApp(app);
  const url = await listen(app, 'Jenjang (api + relay + projector)');
  // A fresh embedded database gets the demo data in the background (SEED_DEMO=false: not).
  const slaClock = app.get(SlaClock);
  void seedDemoOnFirstStart(app, `${url}/`, { pause: () => slaClock.stop(), resume: () => slaClock.start() });
}

bootstrap().catch(exitOnBootFailure);
