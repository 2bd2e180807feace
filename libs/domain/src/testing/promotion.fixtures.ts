/** The cast, clock and events the promotion specifications share. */
import { DeciderSpec } from '../../../testing/src/decider-spec.js';
import { defaultAgencySettings } from '../agency.js';
import type { CommandMetadata } from '../decider.js';
import { employeeDecider, type EmployeeState } from '../employee/employee.decider.js';
import type {
  EmployeeRegistered,
  PromotionClaimed,
  PromotionEvent,
  PromotionProposed,
  PromotionResubmitted,
  PromotionReturned,
  PromotionStageApproved,
  Role,
} from '../events.js';
import { evaluateMerit } from '../merit.js';
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
export const CASE = 'case-7f3a';

export const PROPOSED_AT = '2026-03-02T03:00:00.000Z'; // Monday 10:00 WIB
export const VERIFICATION_DUE = '2026-03-04T03:00:00.000Z'; // + 2 working days
export const T_VERIFIED = '2026-03-03T02:00:00.000Z'; // Tuesday 09:00 WIB
export const COMMITTEE_DUE = '2026-03-10T02:00:00.000Z'; // + 5 working days
export const T_COMMITTEE = '2026-03-05T04:00:00.000Z'; // Thursday 11:00 WIB
export const APPROVAL_DUE = '2026-03-10T04:00:00.000Z'; // + 3 working days
export const T_FINAL = '2026-03-09T01:00:00.000Z';

export const as = (actor: string, roles: Role[], now: string, agency = AGENCY): CommandMetadata => ({ actor, roles, agency, now });
export const spec = DeciderSpec.for(promotionDecider);

// ---------------------------------------------------------------------------------------------
// Facts about the candidate

const registered: EmployeeRegistered = {
  type: 'EmployeeRegistered',
  data: {
    nip: CANDIDATE,
    name: 'Cut Nyak Meutia',
    agencyId: AGENCY,
    unitId: 'dinas-kesehatan',
    grade: 'III/b',
    gradeSince: '2021-01-01',
    education: 'S1',
    post: { type: 'FUNGSIONAL', title: 'Analis Kebijakan', eselon: null, jenjang: 'AHLI_PERTAMA', since: '2021-01-01' },
    superiorNip: null,
  },
};
export const employee: EmployeeState = employeeDecider.evolve(employeeDecider.initialState(), registered);
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
  context: { employee, appraisals, trainings, agency, ...context },
});

export const rulesPassed = evaluateMerit(
  {
    kind: 'REGULAR',
    currentGrade: 'III/b',
    gradeSince: '2021-01-01',
    toGrade: 'III/c',
    effectiveDate: '2026-04-01',
    proposedOn: '2026-03-02',
    appraisals,
    trainings,
    sanctions: [],
  },
  agency.meritPolicy,
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
    exceptionJustification: null,
    eligible: true,
    exception: false,
    rules: rulesPassed,
    policyVersion: 1,
    configVersion: 0,
    timeZone: 'Asia/Jakarta',
    holidays: [],
    stages: [
      { id: 'verification', role: 'verifier', sla: 'P2D' },
      { id: 'committee', role: 'committee', sla: 'P5D' },
      { id: 'approval', role: 'ppk', sla: 'P3D' },
    ],
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
export const returnedAt = (stage: string, by: string): PromotionReturned => ({
  type: 'PromotionReturned',
  data: { caseId: CASE, stage, decidedBy: by, reason: 'Attach the 2025 SKP' },
});
export const resubmitted = (stage: string, enteredAt: string, dueAt: string): PromotionResubmitted => ({
  type: 'PromotionResubmitted',
  data: { caseId: CASE, stage, resubmittedBy: HR, enteredAt, dueAt },
});
export const claimed = (by: string, stage: string, expiresAt: string): PromotionClaimed => ({
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

export const approved = {
  type: 'PromotionApproved' as const,
  data: {
    caseId: CASE,
    nip: CANDIDATE,
    stage: 'approval',
    decidedBy: PPK,
    reason: null,
    fromGrade: 'III/b' as const,
    toGrade: 'III/c' as const,
    effectiveDate: '2026-04-01',
  },
};
export const rejected = {
  type: 'PromotionRejected' as const,
  data: { caseId: CASE, stage: 'verification', decidedBy: VERIFIER, reason: 'Forged certificate' },
};
export const withdrawn = {
  type: 'PromotionWithdrawn' as const,
  data: { caseId: CASE, stage: 'verification', withdrawnBy: HR, reason: null },
};

export const stateAfter = (events: PromotionEvent[]): PromotionCase => {
  const state = events.reduce<PromotionState>((s, e) => promotionDecider.evolve(s, e), promotionDecider.initialState());
  if (!state.exists) throw new Error('no case');
  return state;
};
