import 'reflect-metadata';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { validateEnvironment } from '#config';
import { createRootLogger, exitOnBootFailure, JsonLogger, PlatformModule } from '#platform';
import { RelayModule } from './relay.module.js';

@Module({ imports: [PlatformModule.forRoot(), RelayModule] })
class RelayAppModule {}

/** The relay alone: one active instance per database (advisory lock), others stand by. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(RelayAppModule, {
    logger: new JsonLogger(createRootLogger(validateEnvironment(process.env).LOG_LEVEL)),
    abortOnError: false,
  });
  app.enableShutdownHooks();
  const logger = new Logger('Bootstrap');
  if (!process.env.KAFKA_BROKERS) logger.warn('KAFKA_BROKERS is not set: a relay on its own has nobody to deliver to in-process');
  logger.log('relay process running: active while it holds the lock, standing by otherwise');
}

bootstrap().catch(exitOnBootFailure);
