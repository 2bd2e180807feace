import { NATIONAL_STAGES, type DocumentType, type PromotionProposed, type StageDefinition, type StageId } from '#domain';
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
  bkn: '197712122003121007',
} as const;

/** The national pipeline with the committee (as a STRUCTURAL case runs it under the defaults). */
export const PROMOTION_STAGES: StageDefinition[] = NATIONAL_STAGES.map(({ id, role, sla }) => ({ id, role, sla }));

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
        eligible: true,
        rules: [{ rule: 'GRADE_STEP', passed: true, blocking: true, detail: 'III/c is one step above III/b' }],
        referenceVersion: '2026.1',
        configVersion: 0,
        timeZone: 'Asia/Jakarta',
        holidays: [],
        stages: PROMOTION_STAGES,
        documents: [
          { type: 'LAST_GRADE_DECREE', derived: false },
          { type: 'APPRAISALS', derived: true },
        ],
        authority: 'PPK',
        signatory: { name: 'Kepala Daerah', title: 'Pejabat Pembina Kepegawaian' },
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
    stage: StageId,
    nextStage: StageId,
    decidedBy: string,
    at: string,
    dueAt: string,
    reason: string | null = null,
  ): SpecEvent {
    // BKN's approval carries its pertek.
    const pertek = stage === 'bkn' ? { pertek: { number: 'AC-11-KP-0042/2026', date: at.slice(0, 10) } } : {};
    return {
      type: 'PromotionStageApproved',
      data: { caseId, stage, decidedBy, reason, nextStage, enteredAt: at, dueAt, ...pertek },
      metadata: { actor: decidedBy, agency, occurredAt: at },
    };
  },
  approved(caseId: string, stage: StageId, decidedBy: string, at: string, reason: string | null = null): SpecEvent {
    return {
      type: 'PromotionApproved',
      data: {
        caseId,
        nip: candidate,
        stage,
        decidedBy,
        reason,
        fromGrade: 'III/b',
        toGrade: 'III/c',
        effectiveDate: '2026-04-01',
        decree: {
          number: '823.3/114/BKPSDM/2026',
          date: at.slice(0, 10),
          authority: 'PPK',
          signatory: { name: 'Kepala Daerah', title: 'Pejabat Pembina Kepegawaian' },
        },
      },
      metadata: { actor: decidedBy, agency, occurredAt: at },
    };
  },
  returned(caseId: string, stage: StageId, decidedBy: string, at: string, reason: string): SpecEvent {
    return {
      type: 'PromotionReturned',
      data: { caseId, stage, decidedBy, reason },
      metadata: { actor: decidedBy, agency, occurredAt: at },
    };
  },
  rejected(caseId: string, stage: StageId, decidedBy: string, at: string, reason: string): SpecEvent {
    return {
      type: 'PromotionRejected',
      data: { caseId, stage, decidedBy, reason },
      metadata: { actor: decidedBy, agency, occurredAt: at },
    };
  },
  resubmitted(caseId: string, stage: StageId, at: string, dueAt: string): SpecEvent {
    return {
      type: 'PromotionResubmitted',
      data: { caseId, stage, resubmittedBy: proposer, enteredAt: at, dueAt },
      metadata: { actor: proposer, agency, occurredAt: at },
    };
  },
  withdrawn(caseId: string, stage: StageId, at: string, reason: string | null): SpecEvent {
    return {
      type: 'PromotionWithdrawn',
      data: { caseId, stage, withdrawnBy: proposer, reason },
      metadata: { actor: proposer, agency, occurredAt: at },
    };
  },
  claimed(caseId: string, stage: StageId, claimedBy: string, at: string, expiresAt: string): SpecEvent {
    return {
      type: 'PromotionClaimed',
      data: { caseId, stage, claimedBy, expiresAt },
      metadata: { actor: claimedBy, agency, occurredAt: at },
    };
  },
  claimReleased(caseId: string, stage: StageId, releasedBy: string, at: string): SpecEvent {
    return { type: 'PromotionClaimReleased', data: { caseId, stage, releasedBy }, metadata: { actor: releasedBy, agency, occurredAt: at } };
  },
  documentUploaded(caseId: string, documentId: string, at: string, type: DocumentType = 'LAST_GRADE_DECREE'): SpecEvent {
    return {
      type: 'PromotionDocumentUploaded',
      data: {
        caseId,
        documentId,
        type,
        sha256: 'a'.repeat(64),
        size: 400,
        mediaType: 'application/pdf',
        name: 'sk-pangkat.pdf',
        uploadedBy: proposer,
      },
      metadata: { actor: proposer, agency, occurredAt: at },
    };
  },
  documentsReviewed(
    caseId: string,
    reviewedBy: string,
    at: string,
    verdicts: { documentId: string; verdict: 'OK' | 'DEFICIENT'; note?: string }[],
  ): SpecEvent {
    return {
      type: 'PromotionDocumentsReviewed',
      data: {
        caseId,
        stage: 'verification',
        reviewedBy,
        verdicts: verdicts.map((v) => ({ documentId: v.documentId, type: 'LAST_GRADE_DECREE', verdict: v.verdict, note: v.note ?? null })),
      },
      metadata: { actor: reviewedBy, agency, occurredAt: at },
    };
  },
  conflictDeclared(caseId: string, declaredBy: string, at: string, reason = 'Kandidat adalah kerabat saya'): SpecEvent {
    return {
      type: 'PromotionConflictDeclared',
      data: { caseId, declaredBy, reason },
      metadata: { actor: declaredBy, agency, occurredAt: at },
    };
  },
  slaBreached(caseId: string, stage: StageId, visit: number, dueAt: string, at: string, heldBy: string | null = null): SpecEvent {
    return {
      type: 'PromotionSlaBreached',
      data: { caseId, stage, visit, dueAt, heldBy },
      metadata: { actor: 'system:sla-clock', agency, occurredAt: at },
    };
  },
};
