import { TEXT_LIMITS } from '../limits.js';
import type { Command } from '../decider.js';
import { conflict, forbidden } from '../errors.js';
import type { PromotionEvent, StageId } from '../events.js';
import { InputCheck } from '../validation.js';
import { checkExpectedVersion, requireCase, requireVersion } from './promotion.guards.js';
import { OPEN_STATUSES, type PromotionState } from './promotion.state.js';

export type WithdrawPromotion = Command<'WithdrawPromotion', { caseId?: string; reason?: string | null; expectedVersion?: number }>;

export function withdraw(command: WithdrawPromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  check.optionalText(data.reason, 'reason', TEXT_LIMITS.reason);
  checkExpectedVersion(check, data.expectedVersion);
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  if (!OPEN_STATUSES.includes(current.status)) {
    throw conflict('PROMOTION.CLOSED', `Cannot withdraw: case ${current.caseId} is closed (${current.status})`);
  }
  if (metadata.actor !== current.proposer) {
    throw forbidden('PROMOTION.PROPOSER_ONLY', 'Only the proposer may withdraw a case');
  }
  requireVersion(current, data.expectedVersion);
  return [
    {
      type: 'PromotionWithdrawn',
      data: { caseId: current.caseId, stage: current.stage as StageId, withdrawnBy: metadata.actor, reason: data.reason ?? null },
    },
  ];
}
