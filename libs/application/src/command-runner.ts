import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  canonicalJson,
  DomainError,
  EVENT_SCHEMA_VERSIONS,
  toStoredEvent,
  type CommandMetadata,
  type DomainEvent,
  type EventMetadata,
  type ReferenceData,
  type StoredEvent,
} from '#domain';
import { CommandStore, ConcurrencyConflictError, type IdempotencyScope, type StreamRead } from '#event-store';
import type { Clock } from '#config';
import type { CommandContext, CommandResult, Decided, FactReader, StreamReads, UseCase } from './use-case.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/** Where the runner reports each command's outcome and latency (Prometheus in the apps). */
export interface CommandObserver {
  observe(command: string, outcome: string, seconds: number): void;
}

/**
 * The one command path, for HTTP commands, the SLA clock and the demo seed alike (Emmett's
 * command handler): read the target stream and the streams the decision folds in one query, fold,
 * decide, append with keys and the idempotent result in one statement. Two round trips per command.
 */
export class CommandRunner {
  constructor(
    private readonly store: CommandStore,
    private readonly clock: Clock,
    private readonly reference: ReferenceData,
    private readonly observer: CommandObserver = { observe: () => undefined },
  ) {}

  async run<TInput, TResult extends object, TCommand, TState, TEvent extends DomainEvent, TFacts>(
    useCase: UseCase<TInput, TResult, TCommand, TState, TEvent, TFacts>,
    input: TInput,
    context: CommandContext,
  ): Promise<CommandResult<TResult>> {
    const started = performance.now();
    let outcome = 'ok';
    input = useCase.prepare ? useCase.prepare(input) : input;
    try {
      if (useCase.locate) input = await useCase.locate(this.factReader, input);
      return context.idempotencyKey === null
        ? await this.decideAndWrite(useCase, input, context, null)
        : await this.runKeyed(useCase, input, context);
    } catch (error) {
      outcome = error instanceof DomainError ? error.code : 'ERROR';
      throw error;
    } finally {
      this.observer.observe(context.name ?? useCase.name, outcome, (performance.now() - started) / 1000);
    }
  }

  /**
   * A repeat with the same key, agency, actor and request gets the first result and appends
   * nothing; another request under the key is 422. A twin that loses the race (on the key, a
   * uniqueness key or the stream) finds the winner's result, committed by then, and answers with it.
   */
  private async runKeyed<TInput, TResult extends object, TCommand, TState, TEvent extends DomainEvent, TFacts>(
    useCase: UseCase<TInput, TResult, TCommand, TState, TEvent, TFacts>,
    input: TInput,
    context: CommandContext,
  ): Promise<CommandResult<TResult>> {
    const key = context.idempotencyKey as string;
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1-200 characters of letters, digits and ._:-', {
        reason: 'IDEMPOTENCY.MALFORMED_KEY',
        details: [{ field: 'Idempotency-Key', message: 'malformed' }],
      });
    }
    const scope: IdempotencyScope = { agency: context.actor.agency, actor: context.actor.nip, key };
    const requestHash = createHash('sha256').update(canonicalJson(context.request)).digest('hex');
    const replay = async (): Promise<CommandResult<TResult> | null> => {
      const prior = await this.store.findResult(scope);
      if (!prior) return null;
      if (prior.requestHash !== requestHash) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request', {
          reason: 'IDEMPOTENCY.KEY_REUSED',
        });
      }
      return prior.result as CommandResult<TResult>;
    };
    const first = await replay();
    if (first) return first;
    try {
      return await this.decideAndWrite(useCase, input, context, { ...scope, requestHash });
    } catch (error) {
      if (error instanceof DomainError) {
        const twin = await replay();
        if (twin) return twin;
      }
      throw error;
    }
  }

  private async decideAndWrite<TInput, TResult extends object, TCommand, TState, TEvent extends DomainEvent, TFacts>(
    useCase: UseCase<TInput, TResult, TCommand, TState, TEvent, TFacts>,
    input: TInput,
    context: CommandContext,
    idempotency: (IdempotencyScope & { requestHash: string }) | null,
  ): Promise<CommandResult<TResult>> {
    const { actor } = context;
    for (let attempt = 0; ; attempt += 1) {
      const now = this.clock.now().toISOString();
      const target = useCase.target(input, actor);
      const streamIds = [...(target.fresh ? [] : [target.streamId]), ...(useCase.reads?.(input, actor) ?? [])];
      const [reads, facts] = await Promise.all([
        this.store.readStreams(streamIds),
        useCase.facts ? useCase.facts(this.factReader, input, actor) : Promise.resolve(undefined as TFacts),
      ]);
      const own = reads.get(target.streamId) ?? EMPTY_STREAM;
      const { decider } = useCase;
      const before = own.events.reduce(
        (state, e) => decider.evolve(state, toStoredEvent(e) as unknown as TEvent),
        target.initialState ?? decider.initialState(),
      );
      const metadata: CommandMetadata = { actor: actor.nip, roles: actor.roles, agency: actor.agency, now };
      const command = useCase.command(input, metadata, streamReads(reads), facts);
      try {
        const events = decider.decide(command, before);
        const after = events.reduce((state, e) => decider.evolve(state, { ...e, metadata: { occurredAt: now } } as TEvent), before);
        const decided: Decided<TInput, TState, TEvent> = { input, before, after, events, version: own.head.version + events.length };
        const result = useCase.result(decided);
        if (events.length === 0) return { ...result, position: 0, version: own.head.version };
        const keys = useCase.keys?.(decided) ?? {};
        const fixed = useCase.eventMetadata?.(decided, facts) ?? {};
        const eventMetadata: EventMetadata = {
          actor: actor.nip,
          agency: fixed.agency ?? context.agency ?? actor.agency,
          correlationId: context.correlationId,
          causationId: fixed.causationId ?? context.causationId ?? null,
          occurredAt: now,
          ...(fixed.onBehalfOf ? { onBehalfOf: fixed.onBehalfOf } : {}),
        };
        const written = await this.store.write({
          streamId: target.streamId,
          head: own.head,
          events: events.map((e) => ({
            type: e.type,
            schemaVersion: EVENT_SCHEMA_VERSIONS[e.type],
            data: e.data,
            metadata: eventMetadata,
          })),
          claimKeys: keys.claim,
          releaseKeys: keys.release,
          idempotency: idempotency ? { ...idempotency, result: { ...result, version: decided.version } } : undefined,
        });
        return { ...result, position: written.position, version: written.version };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
        if (attempt < (useCase.retries ?? 0)) continue;
        throw useCase.onConcurrencyConflict?.(input) ?? error;
      }
    }
  }

  private get factReader(): FactReader {
    return {
      readByNip: async (nip, types) => (await this.store.readByNip(nip, types)).map(toStoredEvent),
      keyHolder: (key) => this.store.keyHolder(key),
      readStreams: async (ids) => streamReads(await this.store.readStreams(ids)),
      reference: this.reference,
    };
  }
}

const EMPTY_STREAM: StreamRead = { events: [], head: { version: 0, hash: '0'.repeat(64) } };

function streamReads(reads: Map<string, StreamRead>): StreamReads {
  return { events: (streamId) => (reads.get(streamId)?.events ?? []).map(toStoredEvent) };
}

export type { StoredEvent };
