/**
 * The domain's single error channel. `code` is the stable, HTTP-mapped category; `reason` is a
 * finer code for logs and tests (`PROMOTION.NOT_AT_STAGE`).
 */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'SOD_VIOLATION'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'REQUEST_TIMEOUT'
  | 'CONFLICT'
  | 'CONCURRENCY_CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'URI_TOO_LONG'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_SUPERIOR'
  | 'NOT_ELIGIBLE'
  | 'BERKAS_INCOMPLETE'
  | 'SANCTION_ACTIVE'
  | 'OBJECTION_WINDOW_CLOSED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'RATE_LIMITED'
  | 'HEADERS_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** Every code, for exhaustive maps (the HTTP status table is a `Record<DomainErrorCode, number>`). */
export const DOMAIN_ERROR_CODES: readonly DomainErrorCode[] = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SOD_VIOLATION',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'REQUEST_TIMEOUT',
  'CONFLICT',
  'CONCURRENCY_CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'URI_TOO_LONG',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_SUPERIOR',
  'NOT_ELIGIBLE',
  'BERKAS_INCOMPLETE',
  'SANCTION_ACTIVE',
  'OBJECTION_WINDOW_CLOSED',
  'IDEMPOTENCY_KEY_REUSED',
  'RATE_LIMITED',
  'HEADERS_TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
];

/** One invalid input field; VALIDATION_FAILED errors carry a list of them as `details`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * The one error channel: every error raised on purpose, anywhere in Jenjang, is a DomainError (or a
 * subclass) carrying a code from the union above; anything else reaching the HTTP layer is a bug.
 */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  readonly code: DomainErrorCode;
  readonly reason: string;
  readonly details?: unknown;

  constructor(code: DomainErrorCode, message: string, options: { reason?: string; details?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reason = options.reason ?? code;
    if (options.details !== undefined) this.details = options.details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

export const notFound = (reason: string, message: string) => new DomainError('NOT_FOUND', message, { reason });
export const conflict = (reason: string, message: string) => new DomainError('CONFLICT', message, { reason });
export const forbidden = (reason: string, message: string) => new DomainError('FORBIDDEN', message, { reason });
export const sodViolation = (reason: string, message: string) => new DomainError('SOD_VIOLATION', message, { reason });
export const concurrencyConflict = (reason: string, message: string) => new DomainError('CONCURRENCY_CONFLICT', message, { reason });

/** A single-field validation failure. */
export function validationFailed(reason: string, field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { reason, details: [{ field, message }] });
}
