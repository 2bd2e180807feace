import type { DataSource } from 'typeorm';
import type { Clock } from '#config';
import { EVENT_SCHEMA_VERSIONS, fold, promotionDecider, streamIds, type PromotionEvent, type RecordedEvent } from '#domain';
import { ConcurrencyConflictError, EventStore } from '#event-store';

export const SLA_CLOCK_ACTOR = 'system:sla-clock';

export interface SlaClockLogger {
  log(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/**
 * Appends `PromotionSlaBreached` once per stage visit whose deadline passed. The read model only
 * nominates candidates; the decision is taken on the stream inside the append's transaction, so
 * several clocks (one per projector instance) and restarts cannot record a breach twice: a racing
 * twin loses on the stream version, re-reads, and finds the breach already there.
 */
export class SlaClock {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  breachesRecorded = 0;
  private readonly store: EventStore;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly logger: SlaClockLogger,
  ) {
    this.store = new EventStore(dataSource);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.running)
        this.running = this.tick()
          .catch((e) => this.logger.error('SLA clock tick failed', { error: String(e) }))
          .finally(() => (this.running = null));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass: every open visit past its deadline not yet marked. Returns the breaches recorded. */
  async tick(): Promise<number> {
    const now = this.clock.now();
    const due: { case_id: string }[] = await this.dataSource.query(
      `SELECT case_id FROM promotion_cases WHERE status = 'IN_PROGRESS' AND NOT breached AND due_at < $1 ORDER BY due_at LIMIT 500`,
      [now],
    );
    let recorded = 0;
    for (const { case_id: caseId } of due) {
      if (await this.markBreached(caseId, now.toISOString())) recorded += 1;
    }
    this.breachesRecorded += recorded;
    return recorded;
  }

  private markBreached(caseId: string, now: string): Promise<boolean> {
    return recordSlaBreach(this.store, caseId, now);
  }
}

/**
 * Appends the breach of the case's current stage visit as of `now`, if the decider finds one due
 * and not yet recorded. Shared by the clock and the demo seed (which replays the past).
 */
export async function recordSlaBreach(store: EventStore, caseId: string, now: string, attempt = 0): Promise<boolean> {
  try {
    return await store.transaction(async (session) => {
      const streamId = streamIds.promotion(caseId);
      const stream = await session.readStream(streamId);
      const state = fold(promotionDecider, stream.map(asPromotionEvent));
      const agency = state.exists ? state.agencyId : '';
      const events = promotionDecider.decide(
        { type: 'MarkSlaBreached', data: { caseId }, metadata: { actor: SLA_CLOCK_ACTOR, roles: [], agency, now } },
        state,
      );
      if (events.length === 0) return false;
      const last = stream[stream.length - 1];
      await session.append(
        streamId,
        stream.length,
        events.map((e) => ({
          type: e.type,
          schemaVersion: EVENT_SCHEMA_VERSIONS[e.type],
          data: e.data,
          metadata: {
            actor: SLA_CLOCK_ACTOR,
            agency,
            correlationId: last.metadata.correlationId,
            causationId: `${streamId}/${last.version}`,
            occurredAt: now,
          },
        })),
      );
      return true;
    });
  } catch (error) {
    // Someone appended first (a decision, or another clock): look again with the new state.
    if (error instanceof ConcurrencyConflictError && attempt < 3) return recordSlaBreach(store, caseId, now, attempt + 1);
    throw error;
  }
}

function asPromotionEvent(e: RecordedEvent): PromotionEvent {
  return { type: e.type, data: e.data, metadata: e.metadata } as unknown as PromotionEvent;
}
