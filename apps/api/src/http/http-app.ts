import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Logger as PinoLogger } from 'pino';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '#config';
import { Metrics } from '#platform';
import { ApiError } from './api-error.js';
import { ApiErrorFilter } from './error.filter.js';

export const BODY_LIMIT_BYTES = 64 * 1024;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function createFastifyAdapter(logger?: PinoLogger): FastifyAdapter {
  return new FastifyAdapter({
    ...(logger ? { loggerInstance: logger, requestIdLogLabel: 'correlationId', disableRequestLogging: false } : {}),
    bodyLimit: BODY_LIMIT_BYTES,
    // Correlation id: the caller's, if sane, else a new one; echoed back and put in every event.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: true,
  });
}

function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  exceptionFactory: (errors) => {
    const details = flattenValidationErrors(errors);
    return new ApiError('VALIDATION_FAILED', details.map((d) => d.message).join('; ') || 'The body is not valid', details);
  },
});

/** Everything an api instance needs around its controllers; tests call it on the real module too. */
export async function configureHttpApp(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: any other body is 415, not parsed as text and half-validated.
  fastify.removeContentTypeParser(['text/plain']);
  // Nest adds a form-urlencoded parser at init unless one is registered: register one that refuses.
  app.useBodyParser('application/x-www-form-urlencoded', {}, () => {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'The body must be application/json');
  });
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null, // the console is served over plain HTTP on localhost
      },
    },
  });
  await app.register(rateLimit, {
    max: config.get('RATE_LIMIT_PER_MINUTE', { infer: true }),
    timeWindow: '1 minute',
    allowList: (request) => request.url === '/health' || request.url === '/metrics',
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many requests: at most ${context.max} a minute; retry in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });
  const metrics = app.get(Metrics);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('x-correlation-id', request.id);
  });
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new ApiErrorFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Jenjang API')
      .setDescription('Event-sourced career workflow for ASN: appraisals, training, promotions, queues and audit.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
