import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { validateEnvironment } from '#config';
import { createRootLogger, exitOnBootFailure, JsonLogger, PlatformModule } from '#platform';
import { ApiModule } from './api.module.js';
import { configureHttpApp, createFastifyAdapter } from './http/http-app.js';
import { listen } from './http/listen.js';

@Module({ imports: [PlatformModule.forRoot(), ApiModule] })
class ApiAppModule {}

async function bootstrap(): Promise<void> {
  const env = validateEnvironment(process.env);
  const root = createRootLogger(env.LOG_LEVEL);
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiAppModule,
    createFastifyAdapter({ logger: root, trustedProxies: env.TRUSTED_PROXIES }),
    { logger: new JsonLogger(root), abortOnError: false },
  );
  await configureHttpApp(app);
  await listen(app, 'api');
}

bootstrap().catch(exitOnBootFailure);
