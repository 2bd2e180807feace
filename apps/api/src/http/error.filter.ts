import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '#domain';
import { ConcurrencyConflictError, UniqueKeyTakenError } from '#event-store';
import { ForbiddenRoleError, UnauthenticatedError } from '#auth';
import { ApiError, STATUS_BY_CODE, type ApiErrorBody } from './api-error.js';

/** Maps every failure to the error body of docs/api.md §Errors. Anything unmapped is a bug: logged, answered 500. */
export function toApiError(error: unknown): ApiErrorBody {
  if (isDomainError(error)) {
    return { statusCode: STATUS_BY_CODE[error.code], code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof ApiError) {
    return { statusCode: STATUS_BY_CODE[error.code], code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof ConcurrencyConflictError) {
    return { statusCode: 409, code: 'CONCURRENCY_CONFLICT', message: error.message };
  }
  if (error instanceof UniqueKeyTakenError) return { statusCode: 409, code: 'CONFLICT', message: error.message };
  if (error instanceof UnauthenticatedError) return { statusCode: 401, code: 'UNAUTHENTICATED', message: error.message };
  if (error instanceof ForbiddenRoleError) return { statusCode: 403, code: 'FORBIDDEN', message: error.message };
  if (error instanceof HttpException) return fromHttpException(error);
  const coded = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof coded?.code === 'string' && STATUS_BY_CODE[coded.code] === coded.statusCode) {
    return { statusCode: coded.statusCode as number, code: coded.code, message: String(coded.message ?? coded.code) };
  }
  const fastify = fromFastifyError(error);
  if (fastify) return fastify;
  return { statusCode: 500, code: 'INTERNAL', message: 'Internal error' };
}

function fromHttpException(error: HttpException): ApiErrorBody {
  const status = error.getStatus();
  const response = error.getResponse() as { message?: unknown } | string;
  const raw = typeof response === 'string' ? response : response.message;
  if (status === 400) {
    const messages = Array.isArray(raw) ? raw.map(String) : [String(raw ?? error.message)];
    return {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: messages.join('; '),
      details: messages.map((m) => ({ field: Array.isArray(raw) ? m.split(' ')[0] : 'body', message: m })),
    };
  }
  if (status === 404) return { statusCode: 404, code: 'NOT_FOUND', message: typeof raw === 'string' ? raw : 'Not found' };
  if (status === 413) return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The body is larger than 64 KiB' };
  if (status === 415) return { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The body must be application/json' };
  if (status === 429) return { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests; slow down' };
  if (status === 401) return { statusCode: 401, code: 'UNAUTHENTICATED', message: String(raw ?? 'Unauthenticated') };
  if (status === 403) return { statusCode: 403, code: 'FORBIDDEN', message: String(raw ?? 'Forbidden') };
  if (status === 405) return { statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: String(raw ?? 'Method not allowed') };
  if (status < 500) return { statusCode: status, code: 'BAD_REQUEST', message: String(raw ?? error.message) };
  return { statusCode: 500, code: 'INTERNAL', message: 'Internal error' };
}

/** Errors raised by Fastify itself before a route runs (body parsing, content type, size). */
export function fromFastifyError(error: unknown): ApiErrorBody | null {
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (!e || typeof e.code !== 'string' || !e.code.startsWith('FST_')) {
    if (e && e.statusCode === 400 && e.message) {
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: e.message, details: [{ field: 'body', message: e.message }] };
    }
    return null;
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The body is larger than 64 KiB' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The body must be application/json' }
        : {
            statusCode: 400,
            code: 'VALIDATION_FAILED',
            message: 'Content-Length does not match the body',
            details: [{ field: 'body', message: 'bad content length' }],
          };
    default:
      if ((e.statusCode ?? 500) < 500) {
        const message =
          e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'The body is empty but declared as JSON'
            : `The body is not valid JSON: ${e.message ?? ''}`;
        return { statusCode: 400, code: 'VALIDATION_FAILED', message, details: [{ field: 'body', message }] };
      }
      return null;
  }
}

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = toApiError(error);
    if (body.statusCode >= 500) {
      this.logger.error({ err: error, url: request?.url, method: request?.method }, 'Unhandled error');
    }
    if (body.details === undefined) delete body.details;
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
