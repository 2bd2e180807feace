import { addSla } from '../calendar.js';
import { instantMillis, toInstant } from '../dates.js';
import type { Command } from '../decider.js';
import { conflict, forbidden } from '../errors.js';
import type { PromotionEvent } from '../events.js';
import { InputCheck } from '../validation.js';
import { calendarOf, checkExpectedVersion, requireCase, requireVersion } from './promotion.guards.js';
import { currentStageDefinition } from './promotion.queries.js';
import type { PromotionState } from './promotion.state.js';

export type ResubmitPromotion = Command<'ResubmitPromotion', { caseId?: string; expectedVersion?: number }>;

export function resubmit(command: ResubmitPromotion, state: PromotionState): PromotionEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('PROMOTION.INVALID_INPUT');
  checkExpectedVersion(check, data.expectedVersion);
  check.throwIfAny();

  const current = requireCase(state, metadata, data.caseId);
  if (current.status !== 'RETURNED') {
    throw conflict(
      current.status === 'IN_PROGRESS' ? 'PROMOTION.NOT_RETURNED' : 'PROMOTION.CLOSED',
      `Only a returned case can be resubmitted; case ${current.caseId} is ${current.status}`,
    );
  }
  if (metadata.actor !== current.proposer) {
    throw forbidden('PROMOTION.PROPOSER_ONLY', 'Only the proposer may resubmit a returned case');
  }
  requireVersion(current, data.expectedVersion);

  // A berkas changed after a later stage returned the file goes back through verification first.
  const returnedBy = currentStageDefinition(current);
  const stage = current.berkasChanged ? (current.stages.find((s) => s.id === 'verification') ?? returnedBy) : returnedBy;
  if (!stage) throw conflict('PROMOTION.NOT_AT_STAGE', `Case ${current.caseId} is at no stage`);
  const now = toInstant(instantMillis(metadata.now));
  return [
    {
      type: 'PromotionResubmitted',
      data: {
        caseId: current.caseId,
        stage: stage.id,
        resubmittedBy: metadata.actor,
        enteredAt: now,
        dueAt: addSla(now, stage.sla, calendarOf(current)),
      },
    },
  ];
}
