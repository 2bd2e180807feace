import { instantMillis } from '../dates.js';
import type { Command } from '../decider.js';
import type { PromotionEvent } from '../events.js';
import { currentVisit, liveClaim } from './promotion.queries.js';
import type { PromotionState } from './promotion.state.js';

/** From the SLA clock; `metadata.actor` is the system's. */
export type MarkSlaBreached = Command<'MarkSlaBreached', { caseId?: string }>;

/** Idempotent: a breach is recorded once per open visit whose deadline has passed, else nothing. */
export function markSlaBreached(command: MarkSlaBreached, state: PromotionState): PromotionEvent[] {
  const now = instantMillis(command.metadata?.now, 'metadata.now');
  if (!state.exists || state.status !== 'IN_PROGRESS') return [];
  const visit = currentVisit(state);
  if (!visit || visit.breached || visit.leftAt !== null) return [];
  if (now <= instantMillis(visit.dueAt)) return [];
  const holder = liveClaim(state, command.metadata.now);
  return [
    {
      type: 'PromotionSlaBreached',
      data: { caseId: state.caseId, stage: visit.stage, visit: visit.visit, dueAt: visit.dueAt, heldBy: holder?.by ?? null },
    },
  ];
}
