import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger as PinoLogger } from 'pino';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '#config';
import { Metrics, OneLinePerRequest } from '#platform';
import { UNSTORABLE_TEXT } from '#domain';
import { ApiError } from './api-error.js';
import { ApiErrorFilter } from './error.filter.js';
import { registerDocumentBodies } from './document-body.js';
import { clientErrorHandler, frameworkErrors } from './framework-errors.js';

export const BODY_LIMIT_BYTES = 64 * 1024;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** `trustedProxies`: TRUSTED_PROXIES; without it no proxy is trusted and `X-Forwarded-For` is ignored. */
export function createFastifyAdapter(options: { logger?: PinoLogger; trustedProxies?: string } = {}): FastifyAdapter {
  const { logger, trustedProxies } = options;
  return new FastifyAdapter({
    ...(logger ? { loggerInstance: logger, logController: new OneLinePerRequest() } : {}),
    bodyLimit: BODY_LIMIT_BYTES,
    // Parsed as plain own keys, so the validation pipe can name them in its 400 (see PROTOTYPE_KEYS);
    // JSON.parse never sets a prototype from text.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    // Correlation id: the caller's, if sane, else a new one; echoed back and put in every event.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Replaces Nest's, which sends fastify's own error body; these answer in the API's.
    frameworkErrors: frameworkErrors(RESPONSE_HEADERS),
    clientErrorHandler: clientErrorHandler(RESPONSE_HEADERS),
    trustProxy: trustedProxies ? trustedProxies.split(',').map((entry) => entry.trim()) : false,
  });
}

const HELMET_OPTIONS: HelmetOptions = {
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
};

/**
 * helmet's headers, built once. None of them depends on the request, yet @fastify/helmet rebuilt
 * every middleware (directive parsing included) on each request. helmet's only other effect,
 * removing `X-Powered-By`, has nothing to remove: neither node:http nor fastify sets it.
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.push([name.toLowerCase(), String(value)]),
    removeHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/**
 * The headers every answer carries, set before any route code; the framework's own refusals
 * included. `no-store`: API answers hold personnel data and tokens, no cache may keep them. The
 * console's static files set their own `no-cache` (public code, revalidated by ETag).
 */
const RESPONSE_HEADERS: [string, string][] = [...securityHeaders(), ['cache-control', 'no-store']];

function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

// PostgreSQL's text and jsonb refuse U+0000, and jsonb refuses unpaired UTF-16 surrogates.
const UNSTORABLE_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';
/** No body of this API nests deeper than a few levels; far deeper ones would overflow the transformer's stack. */
export const MAX_BODY_DEPTH = 16;

// Nest's pipe deletes these before validating, so the whitelist never sees them: refused here instead.
const PROTOTYPE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);
const PROTOTYPE_KEY_MESSAGE = 'is not a field of this API (a name of the JavaScript prototype chain)';

/**
 * What no DTO check can catch in a parsed body: strings (values or keys) the event store could not
 * store, keys naming the prototype chain, and nesting deep enough to overflow the recursive
 * transformer. Iterative, so it cannot overflow itself.
 */
export function unstorableFields(value: unknown): { field: string; message: string }[] {
  const found: { field: string; message: string }[] = [];
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length > 0 && found.length < 20) {
    const [current, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof current === 'string') {
      if (UNSTORABLE_TEXT.test(current)) found.push({ field: path || 'body', message: UNSTORABLE_MESSAGE });
    } else if (current !== null && typeof current === 'object') {
      if (depth >= MAX_BODY_DEPTH) {
        found.push({ field: path || 'body', message: `must not nest deeper than ${MAX_BODY_DEPTH} levels` });
        continue;
      }
      const entries = Array.isArray(current)
        ? current.map((item, i) => [`[${i}]`, item] as const)
        : Object.entries(current).map(([k, item]) => [k, item] as const);
      for (const [key, item] of entries) {
        const child = key.startsWith('[') ? `${path}${key}` : path ? `${path}.${key}` : key;
        if (UNSTORABLE_TEXT.test(key)) found.push({ field: child, message: UNSTORABLE_MESSAGE });
        if (!Array.isArray(current) && PROTOTYPE_KEYS.has(key)) found.push({ field: child, message: PROTOTYPE_KEY_MESSAGE });
        stack.push([item, child, depth + 1]);
      }
    }
  }
  return found;
}

/** The class-validator pipe, after the checks above (a 400, not a 500 at the insert or in the transformer). */
class StorableValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'param' || metadata.type === 'query') {
      const details = unstorableFields(value);
      if (details.length > 0) throw new ApiError('VALIDATION_FAILED', details.map((d) => `${d.field} ${d.message}`).join('; '), details);
    }
    return super.transform(value, metadata);
  }
}

export const validationPipe = new StorableValidationPipe({
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
  // The one exception: a document upload's raw PDF, JPEG or PNG, on its own route only.
  registerDocumentBodies(fastify);
  // Nest adds a form-urlencoded parser at init unless one is registered: register one that refuses.
  app.useBodyParser('application/x-www-form-urlencoded', {}, () => {
    throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'The body must be application/json');
  });
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  // A global hook runs before the limiter's per-route ones: a 429 carries these too.
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // On the raw response, as helmet did: a route's own reply.header() still wins.
    const raw = reply.raw;
    for (const [name, value] of RESPONSE_HEADERS) raw.setHeader(name, value);
    void reply.header('x-correlation-id', request.id);
    done();
  });
  // The plugin as it comes: its default key (the client address) is the cheap path, since a custom
  // keyGenerator is awaited per request; in-process it costs about as much as the static headers above.
  await app.register(rateLimit, {
    max: config.get('RATE_LIMIT_PER_MINUTE', { infer: true }),
    timeWindow: '1 minute',
    allowList: (request) => request.url === '/health' || request.url === '/metrics',
    // The plugin throws what this returns: an error of the one channel, which the filter maps to 429.
    errorResponseBuilder: (_request, context) =>
      new ApiError('RATE_LIMITED', `Too many requests: at most ${context.max} a minute; retry in ${Math.ceil(context.ttl / 1000)} s`),
  });
  const metrics = app.get(Metrics);
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
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
