import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { EVENT_SCHEMA_VERSIONS, type DomainEvent, type EventMetadata, type EventType } from '#domain';
import { EventStore, isUniqueViolation, type EventStoreSession, type NewEvent } from '#event-store';
import { ApiError } from '../http/api-error.js';
import { CLOCK, type Clock } from '#config';
import { Metrics } from '#platform';
import type { CommandContext, CommandResult } from './command-context.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

export interface UnitOfWork {
  session: EventStoreSession;
  /** The instant this command is decided at (the injected clock, read once). */
  now: string;
  metadata(agency?: string): EventMetadata;
  toNewEvents(events: DomainEvent[], agency?: string): NewEvent[];
}

/**
 * Runs a command in one event-store transaction. With an Idempotency-Key, the first response is
 * stored in that same transaction; a repeat with the same key, actor and body gets it back and
 * appends nothing; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED.
 */
@Injectable()
export class CommandExecutor {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  /** Runs the command and records its outcome and latency. */
  async execute<TBody>(context: CommandContext, status: number, work: (unit: UnitOfWork) => Promise<TBody>): Promise<CommandResult<TBody>> {
    const stop = this.metrics.commandDuration.startTimer({ command: context.name });
    try {
      const result = await this.executeOnce(context, status, work);
      this.metrics.commands.inc({ command: context.name, outcome: 'ok' });
      return result;
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      this.metrics.commands.inc({ command: context.name, outcome: typeof code === 'string' ? code : 'ERROR' });
      throw error;
    } finally {
      stop();
    }
  }

  private async executeOnce<TBody>(
    context: CommandContext,
    status: number,
    work: (unit: UnitOfWork) => Promise<TBody>,
  ): Promise<CommandResult<TBody>> {
    const key = context.idempotencyKey;
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError('VALIDATION_FAILED', 'Idempotency-Key must be 1-200 characters of letters, digits and ._:-', [
        { field: 'Idempotency-Key', message: 'malformed' },
      ]);
    }
    const requestHash = createHash('sha256')
      .update(canonicalize(context.request) ?? '')
      .digest('hex');
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.store.transaction(async (session) => {
          if (key !== null) {
            // Twins with one key queue here, so the second reads the first's stored response
            // instead of racing it into a 409 on whatever the first one wrote.
            await session.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
              `idempotency:${context.actor.nip}:${key}`,
            ]);
            const prior = await session.findIdempotentResponse(context.actor.nip, key);
            if (prior) {
              if (prior.requestHash !== requestHash) {
                throw new ApiError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
              }
              return prior.response as CommandResult<TBody>;
            }
          }
          const unit = this.unitOfWork(session, context);
          const body = await work(unit);
          if (key !== null) await session.recordIdempotentResponse(context.actor.nip, key, requestHash, { status, body });
          return { status, body };
        });
      } catch (error) {
        // A concurrent twin with the same key committed first: answer with its response.
        if (key !== null && attempt === 0 && isUniqueViolation(error, 'idempotency_keys_pkey')) continue;
        throw error;
      }
    }
  }

  private unitOfWork(session: EventStoreSession, context: CommandContext): UnitOfWork {
    const now = this.clock.now().toISOString();
    const metadata = (agency = context.actor.agency): EventMetadata => ({
      actor: context.actor.nip,
      agency,
      correlationId: context.correlationId,
      causationId: null,
      occurredAt: now,
    });
    return {
      session,
      now,
      metadata,
      toNewEvents: (events, agency) =>
        events.map((e) => ({
          type: e.type,
          schemaVersion: EVENT_SCHEMA_VERSIONS[e.type as EventType],
          data: e.data,
          metadata: metadata(agency),
        })),
    };
  }
}
