import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { validateEnvironment } from '#config';
import { createRootLogger, exitOnBootFailure, JsonLogger, PlatformModule } from '#platform';
import { ProjectorModule } from './projector.module.js';

@Module({ imports: [PlatformModule.forRoot(), ProjectorModule] })
class ProjectorAppModule {}

/** The projector alone: consumes KAFKA_BROKERS' topic into the read models. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ProjectorAppModule, {
    logger: new JsonLogger(createRootLogger(validateEnvironment(process.env).LOG_LEVEL)),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  const logger = new Logger('Bootstrap');
  if (!process.env.KAFKA_BROKERS) logger.warn('KAFKA_BROKERS is not set: a projector on its own receives nothing in-process');
  logger.log('projector process running: read models built, subscribed');
}

bootstrap().catch(exitOnBootFailure);
