import { checkMetadata, type Decider } from '../decider.js';
import type { PromotionEvent } from '../events.js';
import { claim, releaseClaim, type ClaimPromotion, type ReleaseClaim } from './claim-promotion.js';
import { decidePromotion, type DecidePromotion } from './decide-promotion.js';
import { markSlaBreached, type MarkSlaBreached } from './mark-sla-breached.js';
import { evolve } from './promotion.evolve.js';
import { initialState, type PromotionFoldEvent, type PromotionState } from './promotion.state.js';
import { propose, type ProposePromotion } from './propose-promotion.js';
import { uploadDocument, type UploadPromotionDocument } from './upload-document.js';
import { declareConflict, type DeclareConflict } from './declare-conflict.js';
import { resubmit, type ResubmitPromotion } from './resubmit-promotion.js';
import { withdraw, type WithdrawPromotion } from './withdraw-promotion.js';

export * from './promotion.state.js';
export * from './promotion.queries.js';
export * from './stage-visits.js';
export { evolve } from './promotion.evolve.js';
export type { ProposePromotion, ProposePromotionContext, ProposalInput, ProposalPreview } from './propose-promotion.js';
export { nominations, previewCandidate, previewProposal } from './propose-promotion.js';
export type { NominationFacts } from './propose-promotion.js';
export type { UploadPromotionDocument } from './upload-document.js';
export type { DeclareConflict } from './declare-conflict.js';
export * from './berkas.js';
export type { StageActor } from './promotion.guards.js';
export { DOCUMENT_VERDICTS, type DocumentVerdictInput } from './decide-promotion.js';
export type { DecidePromotion } from './decide-promotion.js';
export type { ClaimPromotion, ReleaseClaim } from './claim-promotion.js';
export type { ResubmitPromotion } from './resubmit-promotion.js';
export type { WithdrawPromotion } from './withdraw-promotion.js';
export type { MarkSlaBreached } from './mark-sla-breached.js';

export type PromotionCommand =
  | ProposePromotion
  | UploadPromotionDocument
  | DecidePromotion
  | ClaimPromotion
  | ReleaseClaim
  | DeclareConflict
  | ResubmitPromotion
  | WithdrawPromotion
  | MarkSlaBreached;

export function decide(command: PromotionCommand, state: PromotionState): PromotionEvent[] {
  // The SLA clock is a system actor: it needs only `now`.
  if (command.type !== 'MarkSlaBreached') checkMetadata(command.metadata);
  switch (command.type) {
    case 'ProposePromotion':
      return propose(command, state);
    case 'UploadPromotionDocument':
      return uploadDocument(command, state);
    case 'DecidePromotion':
      return decidePromotion(command, state);
    case 'DeclareConflict':
      return declareConflict(command, state);
    case 'ClaimPromotion':
      return claim(command, state);
    case 'ReleaseClaim':
      return releaseClaim(command, state);
    case 'ResubmitPromotion':
      return resubmit(command, state);
    case 'WithdrawPromotion':
      return withdraw(command, state);
    case 'MarkSlaBreached':
      return markSlaBreached(command, state);
    default: {
      const unexpected: never = command;
      throw new Error(`Unknown promotion command ${JSON.stringify(unexpected)}`);
    }
  }
}

/** Decides with bare events; folds bare or stored ones. */
export const promotionDecider: Decider<PromotionCommand, PromotionState, PromotionFoldEvent> & {
  decide(command: PromotionCommand, state: PromotionState): PromotionEvent[];
} = { decide, evolve, initialState };
