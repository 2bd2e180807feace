/** The one error body every endpoint answers with (docs/api.md §Errors). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

export const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SOD_VIOLATION: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CONCURRENCY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_ELIGIBLE: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
};

/** An application error that already knows its API code. */
export class ApiError extends Error {
  constructor(
    readonly code: keyof typeof STATUS_BY_CODE,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
