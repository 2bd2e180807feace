import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode, type FieldIssue } from '#domain';
import { loggableUrl } from '#platform';
import { STATUS_BY_CODE, type ApiErrorBody } from './api-error.js';

const coded = (code: DomainErrorCode, message: string, details?: FieldIssue[]) =>
  new DomainError(code, message, { reason: `HTTP.${code}`, details });

// Fastify's refusals do not say which route: the messages name both limits and both kinds of body.
const TOO_LARGE = 'The body is larger than the route accepts: 64 KiB of JSON, 5 MiB for a document';
const NOT_JSON = 'The body must be application/json (a document upload: application/pdf, image/jpeg or image/png)';

/** Errors raised below the application (Nest, Fastify, the database driver) in the one channel. */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof HttpException) return fromHttpException(error);
  return fromFastifyError(error) ?? fromDriverError(error) ?? coded('INTERNAL', 'Internal error');
}

/** Maps every failure to docs/api.md's error body. */
export function toApiError(error: unknown): ApiErrorBody {
  const e = toDomainError(error);
  return { statusCode: STATUS_BY_CODE[e.code], code: e.code, message: e.message, details: e.details };
}

function fromHttpException(error: HttpException): DomainError {
  const status = error.getStatus();
  const response = error.getResponse() as { message?: unknown } | string;
  const raw = typeof response === 'string' ? response : response.message;
  const text = (fallback: string) => (typeof raw === 'string' ? raw : fallback);
  switch (status) {
    case 400: {
      const messages = Array.isArray(raw) ? raw.map(String) : [String(raw ?? error.message)];
      const details = messages.map((m) => ({ field: Array.isArray(raw) ? m.split(' ')[0] : 'body', message: m }));
      return coded('VALIDATION_FAILED', messages.join('; '), details);
    }
    case 401:
      return coded('UNAUTHENTICATED', text('Unauthenticated'));
    case 403:
      return coded('FORBIDDEN', text('Forbidden'));
    case 404:
      return coded('NOT_FOUND', text('Not found'));
    case 405:
      return coded('METHOD_NOT_ALLOWED', text('Method not allowed'));
    case 413:
      return coded('PAYLOAD_TOO_LARGE', TOO_LARGE);
    case 415:
      return coded('UNSUPPORTED_MEDIA_TYPE', NOT_JSON);
    case 429:
      return coded('RATE_LIMITED', 'Too many requests; slow down');
    case 503:
      // Terminus's health answer when a check is down: say which, never a 500.
      return new DomainError('UNAVAILABLE', 'A dependency is not available', { reason: 'HTTP.UNAVAILABLE', details: response });
    default:
      return status < 500 ? coded('VALIDATION_FAILED', text(error.message)) : coded('INTERNAL', 'Internal error');
  }
}

/** Errors raised by Fastify itself before a route runs (body parsing, content type, size). */
export function fromFastifyError(error: unknown): DomainError | null {
  const e = error as { code?: string; statusCode?: number; message?: string } | null;
  if (!e || typeof e.code !== 'string' || !e.code.startsWith('FST_')) {
    if (e?.statusCode === 400 && e.message) return coded('VALIDATION_FAILED', e.message, [{ field: 'body', message: e.message }]);
    return null;
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return coded('PAYLOAD_TOO_LARGE', TOO_LARGE);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return coded('UNSUPPORTED_MEDIA_TYPE', NOT_JSON);
    // The router's own refusals, before any hook runs (see frameworkErrors in framework-errors.ts).
    case 'FST_ERR_BAD_URL':
      return coded('VALIDATION_FAILED', 'The URL is not valid: a malformed percent-escape', [
        { field: 'url', message: 'malformed percent-escape' },
      ]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return coded('URI_TOO_LONG', 'A path parameter is longer than 100 characters');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return coded('VALIDATION_FAILED', 'Content-Length does not match the body', [{ field: 'body', message: 'bad content length' }]);
    default: {
      if ((e.statusCode ?? 500) >= 500) return null;
      const message =
        e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? 'The body is empty but declared as JSON'
          : `The body is not valid JSON: ${e.message ?? ''}`;
      return coded('VALIDATION_FAILED', message, [{ field: 'body', message }]);
    }
  }
}

// Connection-level failures of node-postgres and the PostgreSQL states that mean "the server is not there (yet)".
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_SQLSTATES = /^(08|53|57P0[1-3])/;

/** A database that is down or shutting down is a 503 the client may retry, never a 500. */
function fromDriverError(error: unknown): DomainError | null {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (
    UNAVAILABLE_ERRNOS.has(code) ||
    UNAVAILABLE_SQLSTATES.test(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(message)
  ) {
    return coded('UNAVAILABLE', 'A dependency (the database) is not available; retry later');
  }
  // A read model's view not there yet: the projector is still building it (an api started alone, a first boot).
  if (code === '42P01') return coded('UNAVAILABLE', 'The read models are not built yet; retry later');
  return null;
}

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = toApiError(error);
    const url = loggableUrl(request.url);
    // Expected refusals are answers, not incidents: only a 5xx is logged, with its cause.
    if (body.code === 'INTERNAL') this.logger.error({ err: error, url, method: request.method }, body.message);
    else if (body.code === 'UNAVAILABLE') this.logger.warn({ url, method: request.method, cause: String(error) }, body.message);
    if (body.details === undefined) delete body.details;
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
