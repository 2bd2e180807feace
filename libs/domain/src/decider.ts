import { isIsoInstant } from './dates.js';
import { DomainError } from './errors.js';
import type { EventMetadata, Role } from './events.js';

/** Who asks, for which agency, and when: time enters the domain only through `now`. */
export interface CommandMetadata {
  /** NIP of the actor, from the verified token. */
  actor: string;
  roles: Role[];
  agency: string;
  /** ISO 8601 instant of the request. */
  now: string;
}

export interface Command<TType extends string, TData> {
  type: TType;
  data: TData;
  metadata: CommandMetadata;
}

/** Emmett-style decider: pure functions over the stream's events. */
export interface Decider<TCommand, TState, TEvent> {
  decide(command: TCommand, state: TState): TEvent[];
  evolve(state: TState, event: TEvent): TState;
  initialState(): TState;
}

/** Events as read back from the store may carry their metadata; evolve uses `occurredAt` when present. */
export type WithOptionalMetadata<TEvent> = TEvent & { metadata?: Partial<EventMetadata> };

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

/** Replays events into state. */
export function fold<TState, TEvent>(
  decider: Pick<Decider<unknown, TState, TEvent>, 'evolve' | 'initialState'>,
  events: readonly TEvent[],
  initial?: TState,
): TState {
  return events.reduce((state, event) => decider.evolve(state, event), initial ?? decider.initialState());
}

/** Metadata is built by trusted callers; a bad one is a programming error, still reported in the one channel. */
export function checkMetadata(metadata: CommandMetadata): void {
  const problems: { field: string; message: string }[] = [];
  if (typeof metadata?.actor !== 'string' || metadata.actor.length === 0)
    problems.push({ field: 'metadata.actor', message: 'must be a non-empty string' });
  if (typeof metadata?.agency !== 'string' || metadata.agency.length === 0)
    problems.push({ field: 'metadata.agency', message: 'must be a non-empty string' });
  if (!Array.isArray(metadata?.roles)) problems.push({ field: 'metadata.roles', message: 'must be an array' });
  if (!isIsoInstant(metadata?.now)) problems.push({ field: 'metadata.now', message: 'must be an ISO 8601 instant with an offset' });
  if (problems.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `Invalid command metadata: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {
      reason: 'COMMAND.INVALID_METADATA',
      details: problems,
    });
  }
}
