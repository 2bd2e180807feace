import type { PromotionDocumentsReviewed, PromotionDocumentUploaded } from '../events.js';
import type { BerkasEntry, PromotionCase, PromotionFoldEvent, PromotionState } from './promotion.state.js';
import { nextVisits } from './stage-visits.js';

function withUpload(berkas: readonly BerkasEntry[], d: PromotionDocumentUploaded['data']): BerkasEntry[] {
  const { caseId: _caseId, ...file } = d;
  const uploaded = { ...file, verdict: null, note: null };
  return berkas.map((entry) => (entry.type === d.type ? { ...entry, current: uploaded, files: [...entry.files, uploaded] } : entry));
}

function withVerdicts(berkas: readonly BerkasEntry[], d: PromotionDocumentsReviewed['data']): BerkasEntry[] {
  const byId = new Map(d.verdicts.map((v) => [v.documentId, v]));
  return berkas.map((entry) => {
    const files = entry.files.map((f) => {
      const v = byId.get(f.documentId);
      return v ? { ...f, verdict: v.verdict, note: v.note } : f;
    });
    const current = entry.current ? (files.find((f) => f.documentId === entry.current?.documentId) ?? entry.current) : null;
    return { ...entry, files, current };
  });
}

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
      proposer: d.proposer,
      proposerOnBehalfOf: d.onBehalfOf ?? null,
      status: 'IN_PROGRESS',
      stage: d.stage,
      stages: d.stages.map((s) => ({ ...s })),
      berkas: d.documents.map((r) => ({ type: r.type, derived: r.derived, current: null, files: [] })),
      lastReturn: null,
      berkasChanged: false,
      pertek: null,
      decree: null,
      authority: d.authority,
      signatory: { ...d.signatory },
      conflicts: [],
      calendar: { timeZone: d.timeZone, holidays: [...d.holidays] },
      visits: nextVisits([], event),
      deciders: {},
      claim: null,
      version: state.version + 1,
      eligible: d.eligible,
      rules: d.rules.map((r) => ({ ...r })),
      referenceVersion: d.referenceVersion,
      configVersion: d.configVersion,
    };
  }
  // Any later event on a stream without a proposal is corrupt input; count it and change nothing else.
  if (!state.exists) return state;
  const s: PromotionCase = { ...state, version: state.version + 1, visits: nextVisits(state.visits, event) };
  switch (event.type) {
    case 'PromotionDocumentUploaded':
      return { ...s, berkas: withUpload(s.berkas, event.data), berkasChanged: s.lastReturn !== null };
    case 'PromotionDocumentsReviewed':
      return { ...s, berkas: withVerdicts(s.berkas, event.data) };
    case 'PromotionStageApproved': {
      const d = event.data;
      return {
        ...s,
        stage: d.nextStage,
        deciders: { ...s.deciders, [d.stage]: d.decidedBy },
        claim: null,
        pertek: d.pertek ? { ...d.pertek } : s.pertek,
      };
    }
    case 'PromotionApproved':
      return {
        ...s,
        status: 'APPROVED',
        stage: null,
        deciders: { ...s.deciders, [event.data.stage]: event.data.decidedBy },
        claim: null,
        decree: event.data.decree ? { ...event.data.decree, signatory: { ...event.data.decree.signatory } } : null,
      };
    case 'PromotionReturned':
      return {
        ...s,
        status: 'RETURNED',
        stage: event.data.stage,
        deciders: { ...s.deciders, [event.data.stage]: event.data.decidedBy },
        claim: null,
        lastReturn: { stage: event.data.stage, reason: event.data.reason, deficientDocuments: [...(event.data.deficientDocuments ?? [])] },
        berkasChanged: false,
      };
    case 'PromotionRejected':
      return { ...s, status: 'REJECTED', stage: null, deciders: { ...s.deciders, [event.data.stage]: event.data.decidedBy }, claim: null };
    case 'PromotionResubmitted':
      return { ...s, status: 'IN_PROGRESS', stage: event.data.stage, claim: null, lastReturn: null, berkasChanged: false };
    case 'PromotionWithdrawn':
      return { ...s, status: 'WITHDRAWN', stage: null, claim: null };
    case 'PromotionClaimed':
      return { ...s, claim: { by: event.data.claimedBy, expiresAt: event.data.expiresAt } };
    case 'PromotionClaimReleased':
      return { ...s, claim: null };
    case 'PromotionConflictDeclared':
      return {
        ...s,
        conflicts: s.conflicts.includes(event.data.declaredBy) ? s.conflicts : [...s.conflicts, event.data.declaredBy],
        claim: s.claim?.by === event.data.declaredBy ? null : s.claim,
      };
    case 'PromotionSlaBreached':
      return s;
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}
