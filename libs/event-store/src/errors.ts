/** The stream moved on since the caller read it: another writer won the race. */
export class ConcurrencyConflictError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion?: number,
  ) {
    super(
      actualVersion === undefined
        ? `Stream ${streamId} was changed by a concurrent writer (expected version ${expectedVersion})`
        : `Stream ${streamId} is at version ${actualVersion}, not the expected ${expectedVersion}`,
    );
  }
}

/** A cross-stream uniqueness key is already taken (duplicate appraisal period, certificate, open case). */
export class UniqueKeyTakenError extends Error {
  readonly code = 'CONFLICT';
  constructor(
    readonly key: string,
    message?: string,
  ) {
    super(message ?? `Already recorded: ${key}`);
  }
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
