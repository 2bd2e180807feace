import { DomainError } from '#domain';

/** The stream moved on since the caller read it: another writer won the race. */
export class ConcurrencyConflictError extends DomainError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion?: number,
  ) {
    super(
      'CONCURRENCY_CONFLICT',
      actualVersion === undefined
        ? `Stream ${streamId} was changed by a concurrent writer (expected version ${expectedVersion})`
        : `Stream ${streamId} is at version ${actualVersion}, not the expected ${expectedVersion}`,
      { reason: 'STORE.STALE_VERSION' },
    );
  }
}

/** A cross-stream uniqueness key is already taken (duplicate appraisal period, certificate, open case). */
export class UniqueKeyTakenError extends DomainError {
  constructor(
    readonly key: string,
    message?: string,
  ) {
    super('CONFLICT', message ?? `Already recorded: ${key}`, { reason: 'STORE.KEY_TAKEN' });
  }
}

/** PostgreSQL broke a lock cycle by aborting this statement (40P01). */
export function isDeadlock(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '40P01';
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
