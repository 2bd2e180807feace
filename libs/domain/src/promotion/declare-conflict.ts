import { TEXT_LIMITS } from '../limits.js';
import type { Command } from '../decider.js';
import { conflict, forbidden } from '../errors.js';
import type { PromotionEvent } from '../events.js';
import { APPROVER_ROLES } from '../agency-defaults.js';
import { localDate } from '../dates.js';
import { actingCapacity, type ActiveDelegation } from '../delegation/delegation.js';
import { InputCheck } from '../validation.js';
import { requireCase } from './promotion.guards.js';
import { OPEN_STATUSES, type PromotionState } from './promotion.state.js';

/** An approver declares a conflict of interest: the case leaves their queue and they may no longer decide it. */
export type DeclareConflict = Command<'DeclareConflict', { caseId?: string; reason: string }> & {
  context?: { delegations?: readonly ActiveDelegation[] };
};

export function declareConflict(command: DeclareConflict, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  check.text(data.reason, 'reason', TEXT_LIMITS.reason);
  check.throwIfAny();
  const current = requireCase(state, metadata, data.caseId);
  if (!OPEN_STATUSES.includes(current.status)) {
    throw conflict('PROMOTION.CLOSED', `Case ${current.caseId} is closed (${current.status})`);
  }
  const today = localDate(metadata.now, current.calendar.timeZone);
  const approver = APPROVER_ROLES.some((role) => actingCapacity(metadata.roles, command.context?.delegations ?? [], role, today) !== null);
  if (!approver) {
    throw forbidden('PROMOTION.APPROVER_ONLY', 'Only an approver declares a conflict of interest on a case');
  }
  if (current.conflicts.includes(metadata.actor)) {
    throw conflict('PROMOTION.CONFLICT_ALREADY_DECLARED', `You already declared a conflict of interest on case ${current.caseId}`);
  }
  return [{ type: 'PromotionConflictDeclared', data: { caseId: current.caseId, declaredBy: metadata.actor, reason: data.reason } }];
}
