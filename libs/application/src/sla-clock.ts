import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Clock } from '#config';
import { LeaderWorker, type LeaderWorkerLogger } from '#event-store';
import type { CommandRunner } from './command-runner.js';
import type { CommandContext } from './use-case.js';
import { markSlaBreached } from './use-cases/promotions.js';

export const SLA_CLOCK_ACTOR = 'system:sla-clock';

/** The SLA clock acts as a system actor with no role: the decider needs only `now`. */
export function slaClockContext(): CommandContext {
  return { actor: { nip: SLA_CLOCK_ACTOR, agency: '', roles: [] }, correlationId: randomUUID(), idempotencyKey: null, request: null };
}

/**
 * A writer, not a projection: it records `PromotionSlaBreached` once per stage visit whose deadline
 * passed, through the same command path as HTTP. The read model only nominates candidates; the
 * decision is taken on the case's stream, so a racing decision, a second clock or a restart cannot
 * record a breach twice (the loser re-reads and finds it recorded). One clock is active at a time
 * (advisory lock), beside the relay; others stand by.
 */
export class SlaClock extends LeaderWorker {
  protected readonly status = { leader: false, lastError: null as string | null };
  breachesRecorded = 0;

  constructor(
    private readonly commands: CommandRunner,
    dataSource: DataSource,
    private readonly clock: Clock,
    intervalMs: number,
    logger: LeaderWorkerLogger,
  ) {
    super(dataSource, 'jenjang.sla-clock', { pollMs: intervalMs, standbyRetryMs: Math.max(intervalMs, 1000) }, logger, 'sla clock');
  }

  protected step(): Promise<number> {
    return this.tick();
  }

  protected async onLeadership(_runner: QueryRunner): Promise<void> {
    this.logger.log('sla clock active');
  }

  /** One pass: every open visit past its deadline not yet marked. Returns the breaches recorded. */
  async tick(): Promise<number> {
    const now = this.clock.now();
    let due: { case_id: string }[];
    try {
      due = await this.dataSource.query(
        `SELECT case_id FROM promotion_cases WHERE status = 'IN_PROGRESS' AND NOT breached AND due_at < $1 ORDER BY due_at LIMIT 500`,
        [now],
      );
    } catch (error) {
      // The read model that nominates candidates is not built yet (first start): nothing is due.
      if ((error as { code?: unknown }).code === '42P01') return 0;
      throw error;
    }
    let recorded = 0;
    for (const { case_id: caseId } of due) {
      const result = await this.commands.run(markSlaBreached, { caseId }, slaClockContext());
      if (result.position > 0) recorded += 1;
    }
    this.breachesRecorded += recorded;
    return recorded;
  }
}
