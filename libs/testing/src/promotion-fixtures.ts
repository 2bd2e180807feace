import { DEFAULT_STAGES, type PromotionProposed, type StageDefinition } from '#domain';
import type { SpecEvent } from './projection-spec.js';

/** A promotion case's cast and pipeline, shared by the projection specifications of promotion read models. */
export const PROMOTION_CAST = {
  agency: 'pemkot-langsa',
  unit: 'dinas-kesehatan',
  candidate: '198507122010011001',
  proposer: '197803152005012002',
  verifier: '198001012006041001',
  committee: '197501012000031001',
  ppk: '196512311990031004',
} as const;

export const PROMOTION_STAGES: StageDefinition[] = DEFAULT_STAGES.map((s) => ({ ...s }));

const { agency, unit, candidate, proposer } = PROMOTION_CAST;

/** Each event happens at `at`, by the actor who caused it; instants are ISO strings. */
export const promotionEvents = {
  proposed(caseId: string, at: string, dueAt: string, overrides: Partial<PromotionProposed['data']> = {}): SpecEvent {
    return {
      type: 'PromotionProposed',
      data: {
        caseId,
        nip: candidate,
        name: 'Cut Nyak Meutia',
        unitId: unit,
        agencyId: agency,
        kind: 'REGULAR',
        fromGrade: 'III/b',
        toGrade: 'III/c',
        effectiveDate: '2026-04-01',
        justification: 'Four years of consistent performance',
        exceptionJustification: null,
        eligible: true,
        exception: false,
        rules: [{ rule: 'GRADE_STEP', passed: true, detail: 'III/b to III/c is one step' }],
        policyVersion: 1,
        configVersion: 0,
        timeZone: 'Asia/Jakarta',
        holidays: [],
        stages: PROMOTION_STAGES,
        proposer,
        stage: PROMOTION_STAGES[0].id,
        enteredAt: at,
        dueAt,
        ...overrides,
      },
      metadata: { actor: overrides.proposer ?? proposer, agency, occurredAt: at },
    };
  },
  stageApproved(
    caseId: string,
    stage: string,
    nextStage: string,
    decidedBy: string,
    at: string,
    dueAt: string,
    reason: string | null = null,
  ): SpecEvent {
    return {
      type: 'PromotionStageApproved',
      data: { caseId, stage, decidedBy, reason, nextStage, enteredAt: at, dueAt },
      metadata: { actor: decidedBy, agency, occurredAt: at },
    };
  },
  approved(caseId: string, stage: string, decidedBy: string, at: string, reason: string | null = null): SpecEvent {
    return {
      type: 'PromotionApproved',
      data: { caseId, nip: candidate, stage, decidedBy, reason, fromGrade: 'III/b', toGrade: 'III/c', effectiveDate: '2026-04-01' },
      metadata: { actor: decidedBy, agency, occurredAt: at },
    };
  },
  returned(caseId: string, stage: string, decidedBy: string, at: string, reason: string): SpecEvent {
    return {
      type: 'PromotionReturned',
      data: { caseId, stage, decidedBy, reason },
      metadata: { actor: decidedBy, agency, occurredAt: at },
    };
  },
  rejected(caseId: string, stage: string, decidedBy: string, at: string, reason: string): SpecEvent {
    return {
      type: 'PromotionRejected',
      data: { caseId, stage, decidedBy, reason },
      metadata: { actor: decidedBy, agency, occurredAt: at },
    };
  },
  resubmitted(caseId: string, stage: string, at: string, dueAt: string): SpecEvent {
    return {
      type: 'PromotionResubmitted',
      data: { caseId, stage, resubmittedBy: proposer, enteredAt: at, dueAt },
      metadata: { actor: proposer, agency, occurredAt: at },
    };
  },
  withdrawn(caseId: string, stage: string, at: string, reason: string | null): SpecEvent {
    return {
      type: 'PromotionWithdrawn',
      data: { caseId, stage, withdrawnBy: proposer, reason },
      metadata: { actor: proposer, agency, occurredAt: at },
    };
  },
  claimed(caseId: string, stage: string, claimedBy: string, at: string, expiresAt: string): SpecEvent {
    return {
      type: 'PromotionClaimed',
      data: { caseId, stage, claimedBy, expiresAt },
      metadata: { actor: claimedBy, agency, occurredAt: at },
    };
  },
  claimReleased(caseId: string, stage: string, releasedBy: string, at: string): SpecEvent {
    return { type: 'PromotionClaimReleased', data: { caseId, stage, releasedBy }, metadata: { actor: releasedBy, agency, occurredAt: at } };
  },
  slaBreached(caseId: string, stage: string, visit: number, dueAt: string, at: string, heldBy: string | null = null): SpecEvent {
    return {
      type: 'PromotionSlaBreached',
      data: { caseId, stage, visit, dueAt, heldBy },
      metadata: { actor: 'system:sla-clock', agency, occurredAt: at },
    };
  },
};
