import type { PromotionCase, PromotionFoldEvent, PromotionState } from './promotion.state.js';
import { nextVisits } from './stage-visits.js';

/** Folds one event of the stream; a `StoredEvent` folds as is (its `metadata.occurredAt` dates closings). */
export function evolve(state: PromotionState, event: PromotionFoldEvent): PromotionState {
  if (event.type === 'PromotionProposed') {
    const d = event.data;
    return {
      exists: true,
      caseId: d.caseId,
      nip: d.nip,
      name: d.name,
      unitId: d.unitId,
      agencyId: d.agencyId,
      kind: d.kind,
      fromGrade: d.fromGrade,
      toGrade: d.toGrade,
      effectiveDate: d.effectiveDate,
      justification: d.justification,
      exceptionJustification: d.exceptionJustification,
      proposer: d.proposer,
      status: 'IN_PROGRESS',
      stage: d.stage,
      stages: d.stages.map((s) => ({ ...s })),
      calendar: { timeZone: d.timeZone, holidays: [...d.holidays] },
      visits: nextVisits([], event),
      deciders: {},
      claim: null,
      version: state.version + 1,
      eligible: d.eligible,
      exception: d.exception,
      rules: d.rules.map((r) => ({ ...r })),
      policyVersion: d.policyVersion,
      configVersion: d.configVersion,
    };
  }
  // Any later event on a stream without a proposal is corrupt input; count it and change nothing else.
  if (!state.exists) return state;
  const s: PromotionCase = { ...state, version: state.version + 1, visits: nextVisits(state.visits, event) };
  switch (event.type) {
    case 'PromotionStageApproved': {
      const d = event.data;
      return { ...s, stage: d.nextStage, deciders: { ...s.deciders, [d.stage]: d.decidedBy }, claim: null };
    }
    case 'PromotionApproved':
      return { ...s, status: 'APPROVED', stage: null, deciders: { ...s.deciders, [event.data.stage]: event.data.decidedBy }, claim: null };
    case 'PromotionReturned':
      return {
        ...s,
        status: 'RETURNED',
        stage: event.data.stage,
        deciders: { ...s.deciders, [event.data.stage]: event.data.decidedBy },
        claim: null,
      };
    case 'PromotionRejected':
      return { ...s, status: 'REJECTED', stage: null, deciders: { ...s.deciders, [event.data.stage]: event.data.decidedBy }, claim: null };
    case 'PromotionResubmitted':
      return { ...s, status: 'IN_PROGRESS', stage: event.data.stage, claim: null };
    case 'PromotionWithdrawn':
      return { ...s, status: 'WITHDRAWN', stage: null, claim: null };
    case 'PromotionClaimed':
      return { ...s, claim: { by: event.data.claimedBy, expiresAt: event.data.expiresAt } };
    case 'PromotionClaimReleased':
      return { ...s, claim: null };
    case 'PromotionSlaBreached':
      return s;
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}
