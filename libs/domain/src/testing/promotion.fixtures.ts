/** The cast, clock and events the promotion specifications share. */
import { DeciderSpec } from '../../../testing/src/decider-spec.js';
import { readFileSync } from 'node:fs';
import { defaultAgencySettings } from '../agency.js';
import type { ActiveDelegation } from '../delegation/delegation.js';
import type { CommandMetadata } from '../decider.js';
import type { EmployeeState, RegisteredEmployee } from '../employee/employee.state.js';
import { evaluateKp } from '../kp/kp-rules.js';
import { parseReferenceData } from '../reference/reference.js';
import type {
  Post,
  PromotionDocumentUploaded,
  PromotionDocumentsReviewed,
  PromotionClaimed,
  PromotionEvent,
  PromotionProposed,
  PromotionResubmitted,
  PromotionReturned,
  PromotionStageApproved,
  Role,
  StageId,
} from '../events.js';
import {
  promotionDecider,
  type ClaimPromotion,
  type DecidePromotion,
  type MarkSlaBreached,
  type PromotionCase,
  type PromotionState,
  type ProposePromotion,
  type ReleaseClaim,
  type ResubmitPromotion,
  type WithdrawPromotion,
} from '../promotion/promotion.decider.js';

// ---------------------------------------------------------------------------------------------
// Cast and clock

export const AGENCY = 'pemkot-langsa';
export const CANDIDATE = '198507122010011001';
export const HR = '197803152005012002'; // proposer
export const VERIFIER = '198001012006041001';
export const VERIFIER_2 = '198102022006042002';
export const COMMITTEE = '197501012000031001';
export const PPK = '196512311990031004';
export const BKN = '197704042003121003';
export const CASE = 'case-7f3a';

export const PROPOSED_AT = '2026-03-02T03:00:00.000Z'; // Monday 10:00 WIB
export const VERIFICATION_DUE = '2026-03-04T03:00:00.000Z'; // + 2 working days
export const T_VERIFIED = '2026-03-03T02:00:00.000Z'; // Tuesday 09:00 WIB
export const COMMITTEE_DUE = '2026-03-10T02:00:00.000Z'; // + 5 working days
export const T_COMMITTEE = '2026-03-05T04:00:00.000Z'; // Thursday 11:00 WIB
const APPROVAL_DUE = '2026-03-10T04:00:00.000Z'; // + 3 working days
export const T_FINAL = '2026-03-09T01:00:00.000Z';
export const APPROVAL_DUE_NO_COMMITTEE = '2026-03-06T02:00:00.000Z'; // T_VERIFIED + 3 working days
export const T_APPROVED = '2026-03-05T03:00:00.000Z'; // Thursday 10:00 WIB
export const BKN_DUE = '2026-03-09T03:00:00.000Z'; // + 2 working days
export const T_PERTEK = '2026-03-06T04:00:00.000Z'; // Friday 11:00 WIB
export const DECREE_DUE = '2026-03-13T04:00:00.000Z'; // + 5 working days
export const T_DECREE = '2026-03-09T03:00:00.000Z'; // Monday 10:00 WIB

/** The national reference data as shipped, read the way the config loader reads it. */
export const reference = parseReferenceData(
  JSON.parse(readFileSync(new URL('../../../../reference/national-2026.1.json', import.meta.url), 'utf8')),
);

export const as = (actor: string, roles: Role[], now: string, agency = AGENCY): CommandMetadata => ({ actor, roles, agency, now });
export const spec = DeciderSpec.for(promotionDecider);

// ---------------------------------------------------------------------------------------------
// Facts about the candidate

const PELAKSANA: Post = { type: 'PELAKSANA', title: 'Pengadministrasi Umum', eselon: null, jenjang: null, since: '2019-03-01' };

/** The candidate as a literal record, so these specs do not depend on the employee decider. */
export const candidate: RegisteredEmployee = {
  exists: true,
  nip: CANDIDATE,
  name: 'Cut Nyak Meutia',
  agencyId: AGENCY,
  unitId: 'dinas-kesehatan',
  grade: 'III/b',
  gradeSince: '2021-01-01',
  education: 'S1',
  educationHistory: [],
  post: PELAKSANA,
  superiorNip: null,
  postHistory: [{ unitId: 'dinas-kesehatan', post: PELAKSANA, superiorNip: null, since: '2019-03-01', reason: 'REGISTRATION' }],
  transfers: [],
  creditPointStatements: [],
  serviceExams: [],
  sanctions: [],
  examinations: [],
};
const employee: EmployeeState = candidate;
/** The candidate with changes (a grade, an education, a sanction…). */
export const candidateWith = (overrides: Partial<RegisteredEmployee>): RegisteredEmployee => ({ ...candidate, ...overrides });
const appraisals = [
  { period: 2024, predicate: 'BAIK' as const },
  { period: 2025, predicate: 'SANGAT_BAIK' as const },
];
const trainings = [{ hours: 24, completedOn: '2026-02-20' }];
export const agency = defaultAgencySettings(AGENCY);

export type ProposeOverrides = Partial<ProposePromotion['data']>;
export const propose = (
  data: ProposeOverrides = {},
  context: Partial<ProposePromotion['context']> = {},
  metadata = as(HR, ['hr'], PROPOSED_AT),
): ProposePromotion => ({
  type: 'ProposePromotion',
  data: {
    caseId: CASE,
    nip: CANDIDATE,
    kind: 'REGULAR',
    toGrade: 'III/c',
    effectiveDate: '2026-04-01',
    justification: 'Four years of consistent performance in health policy analysis',
    ...data,
  },
  metadata,
  context: { employee, appraisals, trainings, agency, reference, ...context },
});

export const rulesPassed = evaluateKp(
  {
    kind: 'REGULAR',
    currentGrade: 'III/b',
    gradeSince: '2021-01-01',
    toGrade: 'III/c',
    effectiveDate: '2026-04-01',
    proposedOn: '2026-03-02',
    employee: candidate,
    appraisals,
    trainings,
  },
  reference,
);

export const proposed: PromotionProposed = {
  type: 'PromotionProposed',
  data: {
    caseId: CASE,
    nip: CANDIDATE,
    name: 'Cut Nyak Meutia',
    unitId: 'dinas-kesehatan',
    agencyId: AGENCY,
    kind: 'REGULAR',
    fromGrade: 'III/b',
    toGrade: 'III/c',
    effectiveDate: '2026-04-01',
    justification: 'Four years of consistent performance in health policy analysis',
    eligible: true,
    rules: rulesPassed,
    referenceVersion: reference.version,
    configVersion: 0,
    timeZone: 'Asia/Jakarta',
    holidays: [],
    stages: [
      { id: 'verification', role: 'verifier', sla: 'P2D' },
      { id: 'committee', role: 'committee', sla: 'P5D' },
      { id: 'approval', role: 'ppk', sla: 'P3D' },
      { id: 'bkn', role: 'bkn', sla: 'P2D' },
      { id: 'decree', role: 'ppk', sla: 'P5D' },
    ],
    documents: [
      { type: 'LAST_GRADE_DECREE', derived: false },
      { type: 'APPRAISALS', derived: true },
    ],
    authority: 'PPK',
    signatory: { name: 'Kepala Daerah', title: 'Pejabat Pembina Kepegawaian' },
    proposer: HR,
    stage: 'verification',
    enteredAt: PROPOSED_AT,
    dueAt: VERIFICATION_DUE,
  },
};

// ---------------------------------------------------------------------------------------------
// Events and commands of the pipeline

export const verified: PromotionStageApproved = {
  type: 'PromotionStageApproved',
  data: {
    caseId: CASE,
    stage: 'verification',
    decidedBy: VERIFIER,
    reason: null,
    nextStage: 'committee',
    enteredAt: T_VERIFIED,
    dueAt: COMMITTEE_DUE,
  },
};
export const committeeApproved: PromotionStageApproved = {
  type: 'PromotionStageApproved',
  data: {
    caseId: CASE,
    stage: 'committee',
    decidedBy: COMMITTEE,
    reason: null,
    nextStage: 'approval',
    enteredAt: T_COMMITTEE,
    dueAt: APPROVAL_DUE,
  },
};
/** The pipeline of a case without the committee stage (a REGULAR case under the defaults). */
export const withoutCommittee: PromotionProposed = {
  ...proposed,
  data: { ...proposed.data, stages: proposed.data.stages.filter((s) => s.id !== 'committee') },
};

export const DOCUMENT = 'doc-sk-iii-b';
export const SHA = 'a'.repeat(64);
export const uploaded = (documentId = DOCUMENT, sha256 = SHA): PromotionDocumentUploaded => ({
  type: 'PromotionDocumentUploaded',
  data: {
    caseId: CASE,
    documentId,
    type: 'LAST_GRADE_DECREE',
    sha256,
    size: 48_213,
    mediaType: 'application/pdf',
    name: 'SK III-b.pdf',
    uploadedBy: HR,
  },
});
export const approvedAt = (stage: StageId, nextStage: StageId, by: string, enteredAt: string, dueAt: string): PromotionStageApproved => ({
  type: 'PromotionStageApproved',
  data: { caseId: CASE, stage, decidedBy: by, reason: null, nextStage, enteredAt, dueAt },
});
export const PERTEK = { number: 'AR-13.03/KP/2026/0142', date: '2026-03-06' };
export const pertekGiven: PromotionStageApproved = {
  ...approvedAt('bkn', 'decree', BKN, T_PERTEK, DECREE_DUE),
  data: { ...approvedAt('bkn', 'decree', BKN, T_PERTEK, DECREE_DUE).data, pertek: PERTEK },
};

export const returnedAt = (stage: StageId, by: string): PromotionReturned => ({
  type: 'PromotionReturned',
  data: { caseId: CASE, stage, decidedBy: by, reason: 'Attach the 2025 SKP' },
});
export const resubmitted = (stage: StageId, enteredAt: string, dueAt: string): PromotionResubmitted => ({
  type: 'PromotionResubmitted',
  data: { caseId: CASE, stage, resubmittedBy: HR, enteredAt, dueAt },
});
export const claimed = (by: string, stage: StageId, expiresAt: string): PromotionClaimed => ({
  type: 'PromotionClaimed',
  data: { caseId: CASE, stage, claimedBy: by, expiresAt },
});

export const decideCmd = (
  decision: DecidePromotion['data']['decision'],
  metadata: CommandMetadata,
  extra: Partial<DecidePromotion['data']> = {},
): DecidePromotion => ({
  type: 'DecidePromotion',
  data: { decision, ...extra },
  metadata,
});
export const approve = (metadata: CommandMetadata, extra: Partial<DecidePromotion['data']> = {}) => decideCmd('APPROVE', metadata, extra);
export const claimCmd = (metadata: CommandMetadata, data: ClaimPromotion['data'] = {}): ClaimPromotion => ({
  type: 'ClaimPromotion',
  data,
  metadata,
});
export const releaseCmd = (metadata: CommandMetadata): ReleaseClaim => ({ type: 'ReleaseClaim', data: {}, metadata });
export const resubmitCmd = (metadata: CommandMetadata, data: ResubmitPromotion['data'] = {}): ResubmitPromotion => ({
  type: 'ResubmitPromotion',
  data,
  metadata,
});
export const withdrawCmd = (metadata: CommandMetadata, data: WithdrawPromotion['data'] = {}): WithdrawPromotion => ({
  type: 'WithdrawPromotion',
  data,
  metadata,
});
export const tick = (now: string): MarkSlaBreached => ({ type: 'MarkSlaBreached', data: {}, metadata: as('system', [], now) });

export const asVerifier = (now = T_VERIFIED) => as(VERIFIER, ['verifier'], now);
export const asCommittee = (now = T_COMMITTEE) => as(COMMITTEE, ['committee'], now);
export const asPpk = (now = T_FINAL) => as(PPK, ['ppk'], now);
export const asBkn = (now = T_PERTEK) => as(BKN, ['bkn'], now);

export const approved = {
  type: 'PromotionApproved' as const,
  data: {
    caseId: CASE,
    nip: CANDIDATE,
    stage: 'decree' as const,
    decidedBy: PPK,
    reason: null,
    fromGrade: 'III/b' as const,
    toGrade: 'III/c' as const,
    effectiveDate: '2026-04-01',
    decree: {
      number: '823.3/114/BKPSDM/2026',
      date: '2026-03-09',
      authority: 'PPK' as const,
      signatory: { name: 'Kepala Daerah', title: 'Pejabat Pembina Kepegawaian' },
    },
  },
};
export const rejected = {
  type: 'PromotionRejected' as const,
  data: { caseId: CASE, stage: 'verification' as const, decidedBy: VERIFIER, reason: 'Forged certificate' },
};
export const withdrawn = {
  type: 'PromotionWithdrawn' as const,
  data: { caseId: CASE, stage: 'verification' as const, withdrawnBy: HR, reason: null },
};

export const stateAfter = (events: PromotionEvent[]): PromotionCase => {
  const state = events.reduce<PromotionState>((s, e) => promotionDecider.evolve(s, e), promotionDecider.initialState());
  if (!state.exists) throw new Error('no case');
  return state;
};

// ---------------------------------------------------------------------------------------------
// The national pipeline, step by step (a REGULAR case under the defaults: no committee)

export const reviewedOk = (documentId = DOCUMENT, by = VERIFIER): PromotionDocumentsReviewed => ({
  type: 'PromotionDocumentsReviewed',
  data: {
    caseId: CASE,
    stage: 'verification',
    reviewedBy: by,
    verdicts: [{ documentId, type: 'LAST_GRADE_DECREE', verdict: 'OK', note: null }],
  },
});
export const verifiedToApproval = approvedAt('verification', 'approval', VERIFIER, T_VERIFIED, APPROVAL_DUE_NO_COMMITTEE);
export const ppkApproved = approvedAt('approval', 'bkn', PPK, T_APPROVED, BKN_DUE);
/** The berkas uploaded and found OK. */
export const berkasOk: PromotionEvent[] = [withoutCommittee, uploaded(), reviewedOk()];
export const atApproval: PromotionEvent[] = [...berkasOk, verifiedToApproval];
export const atBkn: PromotionEvent[] = [...atApproval, ppkApproved];
export const atDecree: PromotionEvent[] = [...atBkn, pertekGiven];

export const DECREE = { number: '823.3/114/BKPSDM/2026', date: '2026-03-09' };
export const issueDecree = (
  metadata = asPpk(T_DECREE),
  extra: Partial<DecidePromotion['data']> = {},
  context: DecidePromotion['context'] = { employee: candidate },
): DecidePromotion => ({ ...approve(metadata, { decreeNumber: DECREE.number, decreeDate: DECREE.date, ...extra }), context });
export const givePertek = (metadata = asBkn(), extra: Partial<DecidePromotion['data']> = {}): DecidePromotion =>
  approve(metadata, { pertekNumber: PERTEK.number, pertekDate: PERTEK.date, ...extra });

/** A delegation the actor holds: `role` on behalf of `onBehalfOf`, running through March 2026 unless told. */
export const delegation = (
  role: ActiveDelegation['role'],
  onBehalfOf: string,
  overrides: Partial<ActiveDelegation> = {},
): ActiveDelegation => ({
  delegationId: `del-${role}-${onBehalfOf}`,
  role,
  onBehalfOf,
  from: '2026-03-01',
  until: '2026-03-31',
  revoked: false,
  ...overrides,
});
export const ACTING = '199001012015031001'; // a Plt
