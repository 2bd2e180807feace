import type { CommandMetadata, Decider, DomainError, DomainEvent, ReferenceData, Role, StoredEvent } from '#domain';
import type { UniqueKey } from '#event-store';

/** Who acts, as the verified token (or a system worker) says. Events record this, never a body. */
export interface Actor {
  nip: string;
  agency: string;
  roles: Role[];
}

/** What every command carries besides its input. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  /** Id of the event that caused this command (system workers), else null. */
  causationId?: string | null;
  idempotencyKey: string | null;
  /** What identifies the request for idempotency (method, route and body): hashed only when a key is given. */
  request: unknown;
  /** The command's name in metrics (the route template for HTTP commands); default: the use case's name. */
  name?: string;
  /** For a system worker acting on another agency's stream: the agency its events are recorded under. */
  agency?: string;
}

/** The streams a decision read, by stream id, as typed events (upcast). */
export interface StreamReads {
  events(streamId: string): StoredEvent[];
}

/** Facts that need their own queries (merit facts, key holders), read before deciding. */
export interface FactReader {
  readByNip(nip: string, types: readonly DomainEvent['type'][]): Promise<StoredEvent[]>;
  keyHolder(key: string): Promise<string | null>;
  /** Streams a decision needs beyond the ones named up front (the candidate of a case being decreed). */
  readStreams(streamIds: readonly string[]): Promise<StreamReads>;
  /** The national reference data in force (loaded and validated at boot). */
  readonly reference: ReferenceData;
}

export interface Decided<TInput, TState, TEvent> {
  input: TInput;
  before: TState;
  after: TState;
  events: TEvent[];
  /** The stream's version after the append (the one before, when nothing was appended). */
  version: number;
}

/**
 * A use case is its decider, how to find its stream and the facts it decides on, and what it
 * answers: nothing else. Loading, deciding, appending, keys, idempotency, metrics and retries are
 * the CommandRunner's, once for all.
 */
export interface UseCase<TInput, TResult extends object, TCommand, TState, TEvent extends DomainEvent, TFacts = undefined> {
  /** Stable name, for metrics and logs (`RecordTraining`). */
  readonly name: string;
  readonly decider: Decider<TCommand, TState, TEvent>;
  /** Fills in what the command generates once, whatever the retries (ids of new streams, new records). */
  prepare?(input: TInput): TInput;
  /** Finds what the target needs that the input does not say (the stream holding a delegation), once before deciding. */
  locate?(reader: FactReader, input: TInput): Promise<TInput>;
  /** The stream the events are appended to; `fresh` when its id was generated just now (nothing to read). */
  target(input: TInput, actor: Actor): { streamId: string; fresh?: boolean; initialState?: TState };
  /** Other streams the decision folds (the candidate, the agency), read in the same query as the target. */
  reads?(input: TInput, actor: Actor): readonly string[];
  /** Facts that need their own query. */
  facts?(reader: FactReader, input: TInput, actor: Actor): Promise<TFacts>;
  command(input: TInput, metadata: CommandMetadata, streams: StreamReads, facts: TFacts): TCommand;
  /** Uniqueness keys the events take (cross-stream rules) and free. */
  keys?(decided: Decided<TInput, TState, TEvent>): { claim?: UniqueKey[]; release?: string[] };
  /** Event metadata the decision fixes (a system worker records the case's agency, and the event it reacts to). */
  eventMetadata?(decided: Decided<TInput, TState, TEvent>, facts: TFacts): { agency?: string; causationId?: string; onBehalfOf?: string };
  /** The answer, without `position` and `version` (the runner adds them). */
  result(decided: Decided<TInput, TState, TEvent>): TResult;
  /** What a lost race on this stream means to the caller (default: CONCURRENCY_CONFLICT). */
  onConcurrencyConflict?(input: TInput): DomainError;
  /** Re-read and decide again after a lost race, this many times (system workers; default 0). */
  readonly retries?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of heterogeneous use cases
export type AnyUseCase = UseCase<any, object, any, any, any, any>;

export type CommandResult<TResult> = TResult & { position: number; version: number };
