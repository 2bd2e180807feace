import { TEXT_LIMITS } from '../limits.js';
import { addSla } from '../calendar.js';
import { instantMillis, toInstant } from '../dates.js';
import type { Command } from '../decider.js';
import type { PromotionEvent } from '../events.js';
import { InputCheck } from '../validation.js';
import { calendarOf, checkExpectedVersion, requireCase, requireMayActOnStage } from './promotion.guards.js';
import { STAGE_DECISIONS, type PromotionState, type StageDecision } from './promotion.state.js';

export type DecidePromotion = Command<
  'DecidePromotion',
  { caseId?: string; decision: StageDecision; reason?: string | null; expectedVersion?: number }
>;

export function decidePromotion(command: DecidePromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  // Body shape first (400 precedes 404 and every 409/403).
  const check = new InputCheck('PROMOTION.INVALID_DECISION');
  const decisionOk = check.oneOf(data.decision, STAGE_DECISIONS, 'decision');
  if (decisionOk && data.decision !== 'APPROVE') {
    if (typeof data.reason !== 'string' || data.reason.trim().length === 0) {
      check.fail('reason', `is required to ${data.decision === 'RETURN' ? 'return' : 'reject'} a case`, 'PROMOTION.REASON_REQUIRED');
    } else {
      check.text(data.reason, 'reason', TEXT_LIMITS.reason);
    }
  } else {
    check.optionalText(data.reason, 'reason', TEXT_LIMITS.reason);
  }
  checkExpectedVersion(check, data.expectedVersion);
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  const stage = requireMayActOnStage(current, metadata, data.expectedVersion, 'decide');

  const now = toInstant(instantMillis(metadata.now));
  const reason = data.reason ?? null;
  switch (data.decision) {
    case 'APPROVE': {
      const index = current.stages.findIndex((s) => s.id === stage.id);
      const next = current.stages[index + 1];
      if (next) {
        return [
          {
            type: 'PromotionStageApproved',
            data: {
              caseId: current.caseId,
              stage: stage.id,
              decidedBy: metadata.actor,
              reason,
              nextStage: next.id,
              enteredAt: now,
              dueAt: addSla(now, next.sla, calendarOf(current)),
            },
          },
        ];
      }
      return [
        {
          type: 'PromotionApproved',
          data: {
            caseId: current.caseId,
            nip: current.nip,
            stage: stage.id,
            decidedBy: metadata.actor,
            reason,
            fromGrade: current.fromGrade,
            toGrade: current.toGrade,
            effectiveDate: current.effectiveDate,
          },
        },
      ];
    }
    case 'RETURN':
      return [
        {
          type: 'PromotionReturned',
          data: { caseId: current.caseId, stage: stage.id, decidedBy: metadata.actor, reason: reason as string },
        },
      ];
    case 'REJECT':
      return [
        {
          type: 'PromotionRejected',
          data: { caseId: current.caseId, stage: stage.id, decidedBy: metadata.actor, reason: reason as string },
        },
      ];
    default: {
      const unexpected: never = data.decision;
      throw new Error(`Unknown decision ${String(unexpected)}`);
    }
  }
}
