import { DomainError, type DomainErrorCode } from '#domain';

/** The one error body every endpoint answers with (docs/api.md §Errors). */
export interface ApiErrorBody {
  statusCode: number;
  code: DomainErrorCode;
  message: string;
  details?: unknown;
}

/** The HTTP status of every error code: exhaustive, so a new code cannot go unmapped. */
export const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SOD_VIOLATION: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  CONCURRENCY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_SUPERIOR: 403,
  NOT_ELIGIBLE: 422,
  BERKAS_INCOMPLETE: 422,
  SANCTION_ACTIVE: 422,
  OBJECTION_WINDOW_CLOSED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** An error raised by the HTTP layer itself, in the domain's one channel. */
export class ApiError extends DomainError {
  constructor(code: DomainErrorCode, message: string, details?: unknown) {
    super(code, message, { reason: `HTTP.${code}`, details });
  }
}
