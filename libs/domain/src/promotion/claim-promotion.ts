import { instantMillis, toInstant } from '../dates.js';
import type { Command } from '../decider.js';
import { conflict, forbidden } from '../errors.js';
import type { PromotionEvent, StageId } from '../events.js';
import type { ActiveDelegation } from '../delegation/delegation.js';
import { InputCheck } from '../validation.js';
import { checkExpectedVersion, requireCase, requireInProgress, requireMayActOnStage, requireVersion } from './promotion.guards.js';
import { CLAIM_DURATION_MS, type PromotionState } from './promotion.state.js';

export type ClaimPromotion = Command<'ClaimPromotion', { caseId?: string; expectedVersion?: number }> & {
  context?: { delegations?: readonly ActiveDelegation[] };
};
export type ReleaseClaim = Command<'ReleaseClaim', { caseId?: string; expectedVersion?: number }>;

export function claim(command: ClaimPromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  checkExpectedVersion(check, data.expectedVersion);
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  const { stage, onBehalfOf } = requireMayActOnStage(
    current,
    metadata,
    data.expectedVersion,
    'claim',
    command.context?.delegations,
    'claim the case',
  );

  // Claiming again while holding the claim renews it.
  return [
    {
      type: 'PromotionClaimed',
      data: {
        caseId: current.caseId,
        stage: stage.id,
        claimedBy: metadata.actor,
        ...(onBehalfOf ? { onBehalfOf } : {}),
        expiresAt: toInstant(instantMillis(metadata.now) + CLAIM_DURATION_MS),
      },
    },
  ];
}

export function releaseClaim(command: ReleaseClaim, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  checkExpectedVersion(check, data.expectedVersion);
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  requireInProgress(current, 'release a claim');
  if (!current.claim) throw conflict('PROMOTION.NOT_CLAIMED', `Case ${current.caseId} is not claimed`);
  if (current.claim.by !== metadata.actor) {
    throw forbidden('PROMOTION.NOT_CLAIM_HOLDER', `Only ${current.claim.by}, who holds the claim, may release it`);
  }
  requireVersion(current, data.expectedVersion);
  return [
    { type: 'PromotionClaimReleased', data: { caseId: current.caseId, stage: current.stage as StageId, releasedBy: metadata.actor } },
  ];
}
