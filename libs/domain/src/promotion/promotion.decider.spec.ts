import { describe, expect, test } from '@jest/globals';
import { DeciderSpec } from '../../../testing/src/decider-spec.js';
import { defaultAgencySettings, type AgencySettings } from '../agency.js';
import type { CommandMetadata } from '../decider.js';
import { employeeDecider, type EmployeeState } from '../employee/employee.decider.js';
import type {
  DisciplinarySanctionImposed,
  EmployeeRegistered,
  PromotionClaimed,
  PromotionEvent,
  PromotionProposed,
  PromotionResubmitted,
  PromotionReturned,
  PromotionSlaBreached,
  PromotionStageApproved,
  Role,
} from '../events.js';
import { evaluateMerit } from '../merit.js';
import {
  canDecide,
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
} from './promotion.decider.js';

// ---------------------------------------------------------------------------------------------
// Cast and clock

const AGENCY = 'pemkot-langsa';
const CANDIDATE = '198507122010011001';
const HR = '197803152005012002'; // proposer
const VERIFIER = '198001012006041001';
const VERIFIER_2 = '198102022006042002';
const COMMITTEE = '197501012000031001';
const PPK = '196512311990031004';
const CASE = 'case-7f3a';

const PROPOSED_AT = '2026-03-02T03:00:00.000Z'; // Monday 10:00 WIB
const VERIFICATION_DUE = '2026-03-04T03:00:00.000Z'; // + 2 working days
const T_VERIFIED = '2026-03-03T02:00:00.000Z'; // Tuesday 09:00 WIB
const COMMITTEE_DUE = '2026-03-10T02:00:00.000Z'; // + 5 working days
const T_COMMITTEE = '2026-03-05T04:00:00.000Z'; // Thursday 11:00 WIB
const APPROVAL_DUE = '2026-03-10T04:00:00.000Z'; // + 3 working days
const T_FINAL = '2026-03-09T01:00:00.000Z';

const as = (actor: string, roles: Role[], now: string, agency = AGENCY): CommandMetadata => ({ actor, roles, agency, now });
const spec = DeciderSpec.for(promotionDecider);

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
    positionTitle: 'Analis Kebijakan',
    positionType: 'FUNGSIONAL',
  },
};
const employee: EmployeeState = employeeDecider.evolve(employeeDecider.initialState(), registered);
const appraisals = [
  { period: 2024, predicate: 'BAIK' as const },
  { period: 2025, predicate: 'SANGAT_BAIK' as const },
];
const trainings = [{ hours: 24, completedOn: '2026-02-20' }];
const agency = defaultAgencySettings(AGENCY);

type ProposeOverrides = Partial<ProposePromotion['data']>;
const propose = (
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

const rulesPassed = evaluateMerit(
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

const proposed: PromotionProposed = {
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

const verified: PromotionStageApproved = {
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
const committeeApproved: PromotionStageApproved = {
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
const returnedAt = (stage: string, by: string): PromotionReturned => ({
  type: 'PromotionReturned',
  data: { caseId: CASE, stage, decidedBy: by, reason: 'Attach the 2025 SKP' },
});
const resubmitted = (stage: string, enteredAt: string, dueAt: string): PromotionResubmitted => ({
  type: 'PromotionResubmitted',
  data: { caseId: CASE, stage, resubmittedBy: HR, enteredAt, dueAt },
});
const claimed = (by: string, stage: string, expiresAt: string): PromotionClaimed => ({
  type: 'PromotionClaimed',
  data: { caseId: CASE, stage, claimedBy: by, expiresAt },
});

const decideCmd = (
  decision: DecidePromotion['data']['decision'],
  metadata: CommandMetadata,
  extra: Partial<DecidePromotion['data']> = {},
): DecidePromotion => ({
  type: 'DecidePromotion',
  data: { decision, ...extra },
  metadata,
});
const approve = (metadata: CommandMetadata, extra: Partial<DecidePromotion['data']> = {}) => decideCmd('APPROVE', metadata, extra);
const claimCmd = (metadata: CommandMetadata, data: ClaimPromotion['data'] = {}): ClaimPromotion => ({
  type: 'ClaimPromotion',
  data,
  metadata,
});
const releaseCmd = (metadata: CommandMetadata): ReleaseClaim => ({ type: 'ReleaseClaim', data: {}, metadata });
const resubmitCmd = (metadata: CommandMetadata, data: ResubmitPromotion['data'] = {}): ResubmitPromotion => ({
  type: 'ResubmitPromotion',
  data,
  metadata,
});
const withdrawCmd = (metadata: CommandMetadata, data: WithdrawPromotion['data'] = {}): WithdrawPromotion => ({
  type: 'WithdrawPromotion',
  data,
  metadata,
});
const tick = (now: string): MarkSlaBreached => ({ type: 'MarkSlaBreached', data: {}, metadata: as('system', [], now) });

const asVerifier = (now = T_VERIFIED) => as(VERIFIER, ['verifier'], now);
const asCommittee = (now = T_COMMITTEE) => as(COMMITTEE, ['committee'], now);
const asPpk = (now = T_FINAL) => as(PPK, ['ppk'], now);

const approved = {
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
const rejected = {
  type: 'PromotionRejected' as const,
  data: { caseId: CASE, stage: 'verification', decidedBy: VERIFIER, reason: 'Forged certificate' },
};
const withdrawn = { type: 'PromotionWithdrawn' as const, data: { caseId: CASE, stage: 'verification', withdrawnBy: HR, reason: null } };

const stateAfter = (events: PromotionEvent[]): PromotionCase => {
  const state = events.reduce<PromotionState>((s, e) => promotionDecider.evolve(s, e), promotionDecider.initialState());
  if (!state.exists) throw new Error('no case');
  return state;
};

// =============================================================================================

describe('ProposePromotion', () => {
  test('an eligible proposal enters the first stage with its deadline and every rule recorded', () => {
    spec.when(propose()).then([proposed]);
  });

  test('evolve opens the case at the first stage, version 1', () => {
    spec.when(propose()).thenState((state) => {
      expect(state).toEqual({
        exists: true,
        caseId: CASE,
        nip: CANDIDATE,
        name: 'Cut Nyak Meutia',
        unitId: 'dinas-kesehatan',
        agencyId: AGENCY,
        kind: 'REGULAR',
        fromGrade: 'III/b',
        toGrade: 'III/c',
        effectiveDate: '2026-04-01',
        justification: proposed.data.justification,
        exceptionJustification: null,
        proposer: HR,
        status: 'IN_PROGRESS',
        stage: 'verification',
        stages: proposed.data.stages,
        calendar: { timeZone: 'Asia/Jakarta', holidays: [] },
        visits: [
          {
            stage: 'verification',
            visit: 1,
            enteredAt: PROPOSED_AT,
            dueAt: VERIFICATION_DUE,
            leftAt: null,
            decidedBy: null,
            decision: null,
            breached: false,
          },
        ],
        deciders: {},
        claim: null,
        version: 1,
        eligible: true,
        exception: false,
        rules: rulesPassed,
        policyVersion: 1,
        configVersion: 0,
      });
    });
  });

  test('a failing rule without an exception justification is NOT_ELIGIBLE with every rule in details', () => {
    const error = spec.when(propose({}, { trainings: [] })).thenThrows('NOT_ELIGIBLE', 'PROMOTION.NOT_ELIGIBLE');
    const rules = (error.details as { rules: { rule: string; passed: boolean }[] }).rules;
    expect(rules.map((r) => r.rule)).toEqual(['GRADE_STEP', 'TIME_IN_GRADE', 'APPRAISALS', 'TRAINING_HOURS', 'NO_ACTIVE_SANCTION']);
    expect(rules.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['TRAINING_HOURS']);
    expect(error.message).toMatch(/TRAINING_HOURS/);
  });

  const sanctioned = employeeDecider.evolve(employee, {
    type: 'DisciplinarySanctionImposed',
    data: { sanctionId: 's-1', nip: CANDIDATE, level: 'LIGHT', reason: 'Late reports', from: '2026-01-01', until: '2026-06-30' },
  } satisfies DisciplinarySanctionImposed);

  test.each([
    ['GRADE_STEP', propose({ toGrade: 'III/d' })],
    ['TIME_IN_GRADE', propose({}, { employee: { ...employee, gradeSince: '2023-01-01' } as EmployeeState })],
    ['APPRAISALS', propose({}, { appraisals: [{ period: 2025, predicate: 'BAIK' }] })],
    ['TRAINING_HOURS', propose({}, { trainings: [{ hours: 19, completedOn: '2026-01-05' }] })],
    ['NO_ACTIVE_SANCTION', propose({}, { employee: sanctioned })],
  ])('failing %s alone is NOT_ELIGIBLE', (rule, command) => {
    const error = spec.when(command).thenThrows('NOT_ELIGIBLE');
    const rules = (error.details as { rules: { rule: string; passed: boolean }[] }).rules;
    expect(rules.filter((r) => !r.passed).map((r) => r.rule)).toEqual([rule]);
  });

  test('with an exception justification a failing proposal is recorded as an exception', () => {
    spec
      .when(propose({ exceptionJustification: 'Training budget frozen in 2025; JP to be completed in Q2' }, { trainings: [] }))
      .thenEvents(([event]) => {
        expect(event.type).toBe('PromotionProposed');
        const data = (event as PromotionProposed).data;
        expect(data.eligible).toBe(false);
        expect(data.exception).toBe(true);
        expect(data.exceptionJustification).toBe('Training budget frozen in 2025; JP to be completed in Q2');
        expect(data.rules.find((r) => r.rule === 'TRAINING_HOURS')?.passed).toBe(false);
        expect(data.stage).toBe('verification');
      });
  });

  test('an eligible proposal with an exception justification is not an exception', () => {
    spec.when(propose({ exceptionJustification: 'Just in case' })).thenEvents(([event]) => {
      expect((event as PromotionProposed).data).toMatchObject({ eligible: true, exception: false, exceptionJustification: 'Just in case' });
    });
  });

  test('nobody proposes their own promotion: SOD_VIOLATION', () => {
    spec.when(propose({}, {}, as(CANDIDATE, ['hr'], PROPOSED_AT))).thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_SELF_PROPOSAL');
  });

  test('an unregistered candidate is NOT_FOUND', () => {
    spec.when(propose({}, { employee: employeeDecider.initialState() })).thenThrows('NOT_FOUND', 'PROMOTION.CANDIDATE_NOT_FOUND');
  });

  test('a candidate of another agency is NOT_FOUND', () => {
    spec.when(propose({}, {}, as(HR, ['hr'], PROPOSED_AT, 'pemkot-medan'))).thenThrows('NOT_FOUND', 'PROMOTION.CANDIDATE_NOT_FOUND');
  });

  test.each([
    ['not the first of a month', '2026-04-15', 'PROMOTION.EFFECTIVE_DATE_NOT_FIRST_OF_MONTH'],
    ['more than 12 months ahead', '2027-04-01', 'PROMOTION.EFFECTIVE_DATE_OUT_OF_RANGE'],
    ['more than 12 months back', '2025-03-01', 'PROMOTION.EFFECTIVE_DATE_OUT_OF_RANGE'],
    ['not a date', '2026-13-01', 'PROMOTION.INVALID_INPUT'],
  ])('an effective date %s is VALIDATION_FAILED', (_label, effectiveDate, reason) => {
    const error = spec.when(propose({ effectiveDate })).thenThrows('VALIDATION_FAILED', reason);
    expect(error.details).toEqual([expect.objectContaining({ field: 'effectiveDate' })]);
  });

  test('effective dates at the edges of the 12-month window are accepted', () => {
    const exception = { exceptionJustification: 'Backdated TMT per BKN letter' };
    spec.when(propose({ effectiveDate: '2025-04-01', ...exception })).thenEvents((events) => expect(events).toHaveLength(1));
    spec.when(propose({ effectiveDate: '2027-03-01' })).thenEvents((events) => expect(events).toHaveLength(1));
  });

  test.each([
    ['kind', { kind: 'SPECIAL' as never }],
    ['toGrade', { toGrade: 'V/a' as never }],
    ['justification', { justification: '   ' }],
    ['exceptionJustification', { exceptionJustification: '' }],
    ['nip', { nip: '1985' }],
  ])('an invalid %s is VALIDATION_FAILED', (field, data) => {
    const error = spec.when(propose(data as ProposeOverrides)).thenThrows('VALIDATION_FAILED');
    expect(error.details).toEqual([expect.objectContaining({ field })]);
  });

  test('validation comes before NOT_FOUND and SOD', () => {
    spec
      .when(propose({ effectiveDate: '2026-04-02' }, { employee: employeeDecider.initialState() }, as(CANDIDATE, ['hr'], PROPOSED_AT)))
      .thenThrows('VALIDATION_FAILED');
  });

  test('a case id already used is a CONFLICT', () => {
    spec.given([proposed]).when(propose()).thenThrows('CONFLICT', 'PROMOTION.ALREADY_PROPOSED');
  });

  test('a second open case for the same employee is a CONFLICT', () => {
    spec.when(propose({ caseId: 'case-2' }, { openCaseId: CASE })).thenThrows('CONFLICT', 'PROMOTION.OPEN_CASE_EXISTS');
  });

  test('an approved promotion not yet in force is a CONFLICT', () => {
    spec
      .when(propose({}, { approvals: [{ nip: CANDIDATE, toGrade: 'III/c', effectiveDate: '2026-04-01' }] }))
      .thenThrows('CONFLICT', 'PROMOTION.PENDING_GRADE');
  });

  test('the grade in force (after approvals) is the fromGrade and the TMT for time in grade', () => {
    spec
      .when(
        propose(
          { toGrade: 'III/d', exceptionJustification: 'Acceleration for outstanding service' },
          { approvals: [{ nip: CANDIDATE, toGrade: 'III/c', effectiveDate: '2025-01-01' }] },
        ),
      )
      .thenEvents(([event]) => {
        const data = (event as PromotionProposed).data;
        expect(data.fromGrade).toBe('III/c');
        expect(data.rules.find((r) => r.rule === 'GRADE_STEP')?.passed).toBe(true);
        expect(data.rules.find((r) => r.rule === 'TIME_IN_GRADE')).toMatchObject({
          passed: false,
          detail: expect.stringMatching(/^1 year 3 months in III\/c since 2025-01-01/),
        });
      });
  });

  test("the agency's pipeline, calendar, policy and config versions are snapshotted into the case", () => {
    const custom: AgencySettings = {
      ...agency,
      timeZone: 'Asia/Jayapura',
      holidays: ['2026-03-03'],
      stages: [
        { id: 'review', role: 'verifier', sla: 'P1DT4H' },
        { id: 'sign', role: 'ppk', sla: 'PT2S' },
      ],
      meritPolicy: { ...agency.meritPolicy, version: 3 },
      configVersion: 2,
    };
    spec.when(propose({}, { agency: custom })).thenEvents(([event]) => {
      expect((event as PromotionProposed).data).toMatchObject({
        timeZone: 'Asia/Jayapura',
        holidays: ['2026-03-03'],
        stages: custom.stages,
        policyVersion: 3,
        configVersion: 2,
        stage: 'review',
        enteredAt: PROPOSED_AT,
        // Monday 12:00 WIT; Tuesday is a holiday → Wednesday 12:00 WIT + 4 h = 16:00 WIT.
        dueAt: '2026-03-04T07:00:00.000Z',
      });
    });
  });
});

// =============================================================================================

describe('DecidePromotion', () => {
  describe('approvals move the case through the pipeline', () => {
    test('APPROVE at verification moves to committee with a new deadline', () => {
      spec.given([proposed]).when(approve(asVerifier())).then([verified]);
    });

    test('APPROVE at committee moves to approval', () => {
      spec.given([proposed, verified]).when(approve(asCommittee())).then([committeeApproved]);
    });

    test('APPROVE at the last stage approves the promotion', () => {
      spec.given([proposed, verified, committeeApproved]).when(approve(asPpk())).then([approved]);
    });

    test('an approval may carry a reason', () => {
      spec
        .given([proposed])
        .when(approve(asVerifier(), { reason: 'File complete' }))
        .thenEvents(([event]) => {
          expect((event as PromotionStageApproved).data.reason).toBe('File complete');
        });
    });

    test('the state after approval is closed, with every visit and decider', () => {
      const state = stateAfter([proposed, verified, committeeApproved, approved]);
      expect(state.status).toBe('APPROVED');
      expect(state.stage).toBeNull();
      expect(state.version).toBe(4);
      expect(state.deciders).toEqual({ verification: VERIFIER, committee: COMMITTEE, approval: PPK });
      expect(state.visits).toEqual([
        {
          stage: 'verification',
          visit: 1,
          enteredAt: PROPOSED_AT,
          dueAt: VERIFICATION_DUE,
          leftAt: T_VERIFIED,
          decidedBy: VERIFIER,
          decision: 'APPROVE',
          breached: false,
        },
        {
          stage: 'committee',
          visit: 1,
          enteredAt: T_VERIFIED,
          dueAt: COMMITTEE_DUE,
          leftAt: T_COMMITTEE,
          decidedBy: COMMITTEE,
          decision: 'APPROVE',
          breached: false,
        },
        {
          stage: 'approval',
          visit: 1,
          enteredAt: T_COMMITTEE,
          dueAt: APPROVAL_DUE,
          leftAt: null,
          decidedBy: PPK,
          decision: 'APPROVE',
          breached: false,
        },
      ]);
    });

    test('leftAt of a closing event comes from its metadata when replayed from the store', () => {
      const withMeta = { ...approved, metadata: { occurredAt: T_FINAL } };
      const state = [proposed, verified, committeeApproved, withMeta].reduce<PromotionState>(
        (s, e) => promotionDecider.evolve(s, e),
        promotionDecider.initialState(),
      ) as PromotionCase;
      expect(state.visits[2].leftAt).toBe(T_FINAL);
    });

    test("the next deadline uses the case's stored calendar", () => {
      const withHoliday: PromotionProposed = { ...proposed, data: { ...proposed.data, holidays: ['2026-03-04'] } };
      spec
        .given([withHoliday])
        .when(approve(asVerifier()))
        .thenEvents(([event]) => {
          // Tue 09:00 WIB + 5 working days skipping Wednesday's holiday → Wednesday 11 March.
          expect((event as PromotionStageApproved).data.dueAt).toBe('2026-03-11T02:00:00.000Z');
        });
    });
  });

  test('RETURN sends the case back to the proposer; the stage stays', () => {
    spec
      .given([proposed, verified])
      .when(decideCmd('RETURN', asCommittee(), { reason: 'Attach the 2025 SKP' }))
      .then([returnedAt('committee', COMMITTEE)]);
    const state = stateAfter([proposed, verified, returnedAt('committee', COMMITTEE)]);
    expect(state).toMatchObject({ status: 'RETURNED', stage: 'committee', deciders: { verification: VERIFIER, committee: COMMITTEE } });
    expect(state.visits[1]).toMatchObject({ decision: 'RETURN', decidedBy: COMMITTEE });
  });

  test('REJECT closes the case', () => {
    spec
      .given([proposed])
      .when(decideCmd('REJECT', asVerifier(), { reason: 'Forged certificate' }))
      .then([rejected]);
    expect(stateAfter([proposed, rejected])).toMatchObject({ status: 'REJECTED', stage: null });
  });

  describe('body shape (400) comes first', () => {
    test.each(['RETURN', 'REJECT'] as const)('%s without a reason is VALIDATION_FAILED', (decision) => {
      spec.given([proposed]).when(decideCmd(decision, asVerifier())).thenThrows('VALIDATION_FAILED', 'PROMOTION.REASON_REQUIRED');
      spec
        .given([proposed])
        .when(decideCmd(decision, asVerifier(), { reason: '  ' }))
        .thenThrows('VALIDATION_FAILED', 'PROMOTION.REASON_REQUIRED');
    });

    test('a missing reason is reported even on a closed case', () => {
      spec.given([proposed, rejected]).when(decideCmd('REJECT', asVerifier())).thenThrows('VALIDATION_FAILED');
    });

    test('an unknown decision or a bad expectedVersion is VALIDATION_FAILED', () => {
      spec
        .given([proposed])
        .when(decideCmd('MAYBE' as never, asVerifier()))
        .thenThrows('VALIDATION_FAILED');
      spec
        .given([proposed])
        .when(approve(asVerifier(), { expectedVersion: -1 }))
        .thenThrows('VALIDATION_FAILED');
    });
  });

  test('an unknown case is NOT_FOUND', () => {
    spec.when(approve(asVerifier(), { caseId: 'nope' })).thenThrows({ code: 'NOT_FOUND', reason: 'PROMOTION.NOT_FOUND', message: /nope/ });
  });

  test("another agency's case is NOT_FOUND", () => {
    spec
      .given([proposed])
      .when(approve(as(VERIFIER, ['verifier'], T_VERIFIED, 'pemkot-semarang')))
      .thenThrows('NOT_FOUND');
  });

  describe('closed or not decidable: CONFLICT', () => {
    test.each([
      ['approved', [proposed, verified, committeeApproved, approved]],
      ['rejected', [proposed, rejected]],
      ['withdrawn', [proposed, withdrawn]],
    ] as [string, PromotionEvent[]][])('a %s case', (_label, history) => {
      spec.given(history).when(approve(asPpk())).thenThrows('CONFLICT', 'PROMOTION.CLOSED');
    });

    test('a returned case waits on the proposer', () => {
      spec
        .given([proposed, returnedAt('verification', VERIFIER)])
        .when(approve(asVerifier()))
        .thenThrows('CONFLICT', 'PROMOTION.NOT_AT_STAGE');
    });

    test('CONFLICT for a closed case outranks FORBIDDEN', () => {
      spec
        .given([proposed, rejected])
        .when(approve(as(VERIFIER, ['employee'], T_VERIFIED)))
        .thenThrows('CONFLICT');
    });
  });

  describe("the current stage's role: FORBIDDEN", () => {
    test('a committee member cannot decide verification (wrong stage)', () => {
      spec
        .given([proposed])
        .when(approve(as(COMMITTEE, ['committee'], T_VERIFIED)))
        .thenThrows('FORBIDDEN', 'PROMOTION.ROLE_REQUIRED');
    });

    test('a verifier cannot decide after the case moved on to committee (the race loser re-reads)', () => {
      spec
        .given([proposed, verified])
        .when(approve(as(VERIFIER_2, ['verifier'], T_COMMITTEE)))
        .thenThrows('FORBIDDEN');
    });

    test('FORBIDDEN outranks SOD_VIOLATION', () => {
      spec
        .given([proposed])
        .when(approve(as(HR, ['hr'], T_VERIFIED)))
        .thenThrows('FORBIDDEN');
    });
  });

  describe('separation of duties: SOD_VIOLATION', () => {
    test('the candidate may not decide their own case', () => {
      spec
        .given([proposed])
        .when(approve(as(CANDIDATE, ['verifier'], T_VERIFIED)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_CANDIDATE');
    });

    test('the proposer may not decide the case', () => {
      spec
        .given([proposed])
        .when(approve(as(HR, ['hr', 'verifier'], T_VERIFIED)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_PROPOSER');
    });

    test('nobody decides two stages of the same case', () => {
      spec
        .given([proposed, verified])
        .when(approve(as(VERIFIER, ['verifier', 'committee'], T_COMMITTEE)))
        .thenThrows({ code: 'SOD_VIOLATION', reason: 'PROMOTION.SOD_TWO_STAGES', message: /verification/ });
    });

    test('returning a stage counts as deciding it, even after someone else approved it later', () => {
      const history = [
        proposed,
        returnedAt('verification', VERIFIER),
        resubmitted('verification', '2026-03-02T08:00:00.000Z', '2026-03-04T08:00:00.000Z'),
        { ...verified, data: { ...verified.data, decidedBy: VERIFIER_2 } },
      ];
      spec
        .given(history)
        .when(approve(as(VERIFIER, ['committee'], T_COMMITTEE)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
    });

    test('the same person may decide the same stage again after a resubmission', () => {
      const history = [
        proposed,
        returnedAt('verification', VERIFIER),
        resubmitted('verification', '2026-03-02T08:00:00.000Z', '2026-03-04T08:00:00.000Z'),
      ];
      spec
        .given(history)
        .when(approve(asVerifier()))
        .thenEvents(([event]) => expect(event.type).toBe('PromotionStageApproved'));
    });

    test('SOD_VIOLATION outranks a claim by another', () => {
      spec
        .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T04:00:00.000Z')])
        .when(approve(as(HR, ['verifier'], T_VERIFIED)))
        .thenThrows('SOD_VIOLATION');
    });
  });

  describe('claims', () => {
    test('a live claim by someone else is a CONFLICT', () => {
      spec
        .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T03:00:00.000Z')])
        .when(approve(asVerifier('2026-03-03T02:59:59.999Z')))
        .thenThrows({ code: 'CONFLICT', reason: 'PROMOTION.CLAIMED_BY_OTHER', message: new RegExp(VERIFIER_2) });
    });

    test('an expired claim by someone else does not block', () => {
      spec
        .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T02:00:00.000Z')])
        .when(approve(asVerifier('2026-03-03T02:00:00.000Z')))
        .thenEvents(([event]) => expect(event.type).toBe('PromotionStageApproved'));
    });

    test('the holder decides, and the claim ends with the stage', () => {
      spec
        .given([proposed, claimed(VERIFIER, 'verification', '2026-03-03T03:00:00.000Z')])
        .when(approve(asVerifier()))
        .thenState((state) => expect((state as PromotionCase).claim).toBeNull());
    });

    test('a claim by another outranks a stale version', () => {
      spec
        .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T03:00:00.000Z')])
        .when(approve(asVerifier(), { expectedVersion: 1 }))
        .thenThrows('CONFLICT');
    });
  });

  describe('expectedVersion', () => {
    test('a stale version is a CONCURRENCY_CONFLICT', () => {
      spec
        .given([proposed, verified])
        .when(approve(asCommittee(), { expectedVersion: 1 }))
        .thenThrows('CONCURRENCY_CONFLICT', 'PROMOTION.STALE_VERSION');
    });

    test('the current version passes', () => {
      spec
        .given([proposed, verified])
        .when(approve(asCommittee(), { expectedVersion: 2 }))
        .then([committeeApproved]);
    });

    test('claims and breaches advance the version', () => {
      const breach: PromotionSlaBreached = {
        type: 'PromotionSlaBreached',
        data: { caseId: CASE, stage: 'verification', visit: 1, dueAt: VERIFICATION_DUE, heldBy: null },
      };
      const history = [proposed, claimed(VERIFIER, 'verification', '2026-03-04T05:00:00.000Z'), breach];
      const late = '2026-03-04T04:00:00.000Z';
      spec
        .given(history)
        .when(approve(asVerifier(late), { expectedVersion: 2 }))
        .thenThrows('CONCURRENCY_CONFLICT');
      spec
        .given(history)
        .when(approve(asVerifier(late), { expectedVersion: 3 }))
        .thenEvents((events) => expect(events).toHaveLength(1));
    });
  });
});

// =============================================================================================

describe('ClaimPromotion', () => {
  test('a holder of the stage role claims the case for 2 hours', () => {
    spec
      .given([proposed])
      .when(claimCmd(asVerifier()))
      .then([claimed(VERIFIER, 'verification', '2026-03-03T04:00:00.000Z')]);
    spec
      .given([proposed])
      .when(claimCmd(asVerifier()))
      .thenState((state) =>
        expect(state as PromotionCase).toMatchObject({ claim: { by: VERIFIER, expiresAt: '2026-03-03T04:00:00.000Z' }, version: 2 }),
      );
  });

  test('claiming someone else’s live claim is a CONFLICT', () => {
    spec
      .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T04:00:00.000Z')])
      .when(claimCmd(asVerifier()))
      .thenThrows('CONFLICT', 'PROMOTION.CLAIMED_BY_OTHER');
  });

  test('an expired claim can be taken over', () => {
    spec
      .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T01:59:59.000Z')])
      .when(claimCmd(asVerifier()))
      .then([claimed(VERIFIER, 'verification', '2026-03-03T04:00:00.000Z')]);
  });

  test('the holder claiming again renews the claim', () => {
    spec
      .given([proposed, claimed(VERIFIER, 'verification', '2026-03-03T03:00:00.000Z')])
      .when(claimCmd(asVerifier()))
      .then([claimed(VERIFIER, 'verification', '2026-03-03T04:00:00.000Z')]);
  });

  test("without the stage's role: FORBIDDEN", () => {
    spec.given([proposed]).when(claimCmd(asCommittee())).thenThrows('FORBIDDEN', 'PROMOTION.ROLE_REQUIRED');
  });

  test('separation of duties applies to claims', () => {
    spec
      .given([proposed])
      .when(claimCmd(as(CANDIDATE, ['verifier'], T_VERIFIED)))
      .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_CANDIDATE');
    spec
      .given([proposed])
      .when(claimCmd(as(HR, ['verifier'], T_VERIFIED)))
      .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_PROPOSER');
    spec
      .given([proposed, verified])
      .when(claimCmd(as(VERIFIER, ['committee'], T_COMMITTEE)))
      .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
  });

  test('a closed or returned case cannot be claimed', () => {
    spec.given([proposed, rejected]).when(claimCmd(asVerifier())).thenThrows('CONFLICT', 'PROMOTION.CLOSED');
    spec
      .given([proposed, returnedAt('verification', VERIFIER)])
      .when(claimCmd(asVerifier()))
      .thenThrows('CONFLICT', 'PROMOTION.NOT_AT_STAGE');
  });

  test('an unknown case is NOT_FOUND', () => {
    spec.when(claimCmd(asVerifier())).thenThrows('NOT_FOUND');
  });

  test('a stale expectedVersion is a CONCURRENCY_CONFLICT', () => {
    spec
      .given([proposed])
      .when(claimCmd(asVerifier(), { expectedVersion: 0 }))
      .thenThrows('CONCURRENCY_CONFLICT');
  });
});

describe('ReleaseClaim', () => {
  const held = claimed(VERIFIER, 'verification', '2026-03-03T04:00:00.000Z');

  test('the holder releases the claim', () => {
    spec
      .given([proposed, held])
      .when(releaseCmd(asVerifier()))
      .then([{ type: 'PromotionClaimReleased', data: { caseId: CASE, stage: 'verification', releasedBy: VERIFIER } }]);
    spec
      .given([proposed, held])
      .when(releaseCmd(asVerifier()))
      .thenState((state) => expect(state).toMatchObject({ claim: null, version: 3 }));
  });

  test('anyone else is FORBIDDEN', () => {
    spec
      .given([proposed, held])
      .when(releaseCmd(as(VERIFIER_2, ['verifier'], T_VERIFIED)))
      .thenThrows('FORBIDDEN', 'PROMOTION.NOT_CLAIM_HOLDER');
  });

  test('releasing an unclaimed case is a CONFLICT', () => {
    spec.given([proposed]).when(releaseCmd(asVerifier())).thenThrows('CONFLICT', 'PROMOTION.NOT_CLAIMED');
  });

  test('a released claim no longer blocks others', () => {
    const released = { type: 'PromotionClaimReleased' as const, data: { caseId: CASE, stage: 'verification', releasedBy: VERIFIER } };
    spec
      .given([proposed, held, released])
      .when(claimCmd(as(VERIFIER_2, ['verifier'], T_VERIFIED)))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  test('on a closed case: CONFLICT', () => {
    spec.given([proposed, held, rejected]).when(releaseCmd(asVerifier())).thenThrows('CONFLICT', 'PROMOTION.CLOSED');
  });
});

// =============================================================================================

describe('ResubmitPromotion', () => {
  const T_RETURNED = '2026-03-06T03:00:00.000Z'; // Friday 10:00 WIB
  const T_RESUBMIT = '2026-03-09T01:00:00.000Z'; // Monday 08:00 WIB
  const history = [proposed, verified, { ...returnedAt('committee', COMMITTEE), metadata: { occurredAt: T_RETURNED } }] as PromotionEvent[];

  test('re-enters the stage that returned it with a new deadline', () => {
    spec
      .given(history)
      .when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT)))
      .then([resubmitted('committee', T_RESUBMIT, '2026-03-16T01:00:00.000Z')]);
  });

  test('opens a new visit of that stage', () => {
    spec
      .given(history)
      .when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT)))
      .thenState((state) => {
        const c = state as PromotionCase;
        expect(c.status).toBe('IN_PROGRESS');
        expect(c.stage).toBe('committee');
        expect(c.version).toBe(4);
        expect(c.visits.map((v) => [v.stage, v.visit, v.decision, v.leftAt])).toEqual([
          ['verification', 1, 'APPROVE', T_VERIFIED],
          ['committee', 1, 'RETURN', T_RETURNED],
          ['committee', 2, null, null],
        ]);
        expect(c.visits[2]).toMatchObject({ enteredAt: T_RESUBMIT, dueAt: '2026-03-16T01:00:00.000Z', breached: false });
      });
  });

  test('the returning stage decides it again after resubmission', () => {
    spec
      .given([...history, resubmitted('committee', T_RESUBMIT, '2026-03-16T01:00:00.000Z')])
      .when(approve(asCommittee('2026-03-10T01:00:00.000Z')))
      .thenEvents(([event]) =>
        expect(event).toMatchObject({ type: 'PromotionStageApproved', data: { stage: 'committee', nextStage: 'approval' } }),
      );
  });

  test('only the proposer may resubmit: FORBIDDEN', () => {
    spec
      .given(history)
      .when(resubmitCmd(as(VERIFIER_2, ['hr'], T_RESUBMIT)))
      .thenThrows('FORBIDDEN', 'PROMOTION.PROPOSER_ONLY');
  });

  test('a case in progress cannot be resubmitted: CONFLICT', () => {
    spec
      .given([proposed])
      .when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT)))
      .thenThrows('CONFLICT', 'PROMOTION.NOT_RETURNED');
  });

  test('a closed case cannot be resubmitted: CONFLICT, before FORBIDDEN', () => {
    spec
      .given([proposed, rejected])
      .when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT)))
      .thenThrows('CONFLICT', 'PROMOTION.CLOSED');
    spec
      .given([proposed, rejected])
      .when(resubmitCmd(as(VERIFIER, ['hr'], T_RESUBMIT)))
      .thenThrows('CONFLICT');
  });

  test('an unknown case is NOT_FOUND', () => {
    spec.when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT))).thenThrows('NOT_FOUND');
  });

  test('a stale expectedVersion is a CONCURRENCY_CONFLICT', () => {
    spec
      .given(history)
      .when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT), { expectedVersion: 2 }))
      .thenThrows('CONCURRENCY_CONFLICT');
  });
});

describe('WithdrawPromotion', () => {
  test('the proposer withdraws a case in progress', () => {
    spec
      .given([proposed])
      .when(withdrawCmd(as(HR, ['hr'], T_VERIFIED)))
      .then([withdrawn]);
    spec
      .given([proposed, claimed(VERIFIER, 'verification', '2026-03-03T03:00:00.000Z')])
      .when(withdrawCmd(as(HR, ['hr'], T_VERIFIED), { reason: 'Candidate transferred to Kota Medan' }))
      .thenState((state) => {
        expect(state).toMatchObject({ status: 'WITHDRAWN', stage: null, claim: null, version: 3 });
        expect((state as PromotionCase).visits[0]).toMatchObject({ decision: null, decidedBy: null });
      });
  });

  test('the proposer withdraws a returned case', () => {
    spec
      .given([proposed, verified, returnedAt('committee', COMMITTEE)])
      .when(withdrawCmd(as(HR, ['hr'], T_COMMITTEE)))
      .then([{ type: 'PromotionWithdrawn', data: { caseId: CASE, stage: 'committee', withdrawnBy: HR, reason: null } }]);
  });

  test('only the proposer: FORBIDDEN', () => {
    spec
      .given([proposed])
      .when(withdrawCmd(as(CANDIDATE, ['hr'], T_VERIFIED)))
      .thenThrows('FORBIDDEN', 'PROMOTION.PROPOSER_ONLY');
  });

  test('a closed case cannot be withdrawn: CONFLICT', () => {
    spec
      .given([proposed, withdrawn])
      .when(withdrawCmd(as(HR, ['hr'], T_VERIFIED)))
      .thenThrows('CONFLICT', 'PROMOTION.CLOSED');
    spec
      .given([proposed, verified, committeeApproved, approved])
      .when(withdrawCmd(as(HR, ['hr'], T_FINAL)))
      .thenThrows('CONFLICT');
  });

  test('a withdrawn case can no longer be decided', () => {
    spec.given([proposed, withdrawn]).when(approve(asVerifier())).thenThrows('CONFLICT', 'PROMOTION.CLOSED');
  });
});

// =============================================================================================

describe('MarkSlaBreached', () => {
  const breachOf = (stage: string, visit: number, dueAt: string, heldBy: string | null = null): PromotionSlaBreached => ({
    type: 'PromotionSlaBreached',
    data: { caseId: CASE, stage, visit, dueAt, heldBy },
  });

  test('nothing before or exactly at the deadline', () => {
    spec.given([proposed]).when(tick('2026-03-04T02:59:59.999Z')).thenNothing();
    spec.given([proposed]).when(tick(VERIFICATION_DUE)).thenNothing();
  });

  test('once past the deadline, a breach of the current visit', () => {
    spec
      .given([proposed])
      .when(tick('2026-03-04T03:00:00.001Z'))
      .then([breachOf('verification', 1, VERIFICATION_DUE)]);
  });

  test('the breach names who held the file', () => {
    spec
      .given([proposed, claimed(VERIFIER, 'verification', '2026-03-04T04:00:00.000Z')])
      .when(tick('2026-03-04T03:30:00.000Z'))
      .then([breachOf('verification', 1, VERIFICATION_DUE, VERIFIER)]);
  });

  test('exactly once per visit', () => {
    spec
      .given([proposed, breachOf('verification', 1, VERIFICATION_DUE)])
      .when(tick('2026-03-05T00:00:00.000Z'))
      .thenNothing();
    const state = stateAfter([proposed, breachOf('verification', 1, VERIFICATION_DUE)]);
    expect(state.visits[0].breached).toBe(true);
    expect(state.version).toBe(2);
  });

  test('a new stage visit can breach again: after moving on, and after a resubmission', () => {
    const late = '2026-03-11T00:00:00.000Z';
    spec
      .given([proposed, breachOf('verification', 1, VERIFICATION_DUE), verified])
      .when(tick(late))
      .then([breachOf('committee', 1, COMMITTEE_DUE)]);

    const history = [
      proposed,
      breachOf('verification', 1, VERIFICATION_DUE),
      returnedAt('verification', VERIFIER),
      resubmitted('verification', '2026-03-05T03:00:00.000Z', '2026-03-09T03:00:00.000Z'),
    ];
    spec
      .given(history)
      .when(tick('2026-03-09T03:00:01.000Z'))
      .then([breachOf('verification', 2, '2026-03-09T03:00:00.000Z')]);
    spec
      .given([...history, breachOf('verification', 2, '2026-03-09T03:00:00.000Z')])
      .when(tick('2026-03-10T00:00:00.000Z'))
      .thenNothing();
  });

  test('the SLA clock needs only now in its metadata, and a valid one', () => {
    const bare = (now: string): MarkSlaBreached => ({
      type: 'MarkSlaBreached',
      data: {},
      metadata: { actor: '', roles: [], agency: '', now },
    });
    spec
      .given([proposed])
      .when(bare('2026-03-04T03:00:00.001Z'))
      .then([breachOf('verification', 1, VERIFICATION_DUE)]);
    spec.given([proposed]).when(bare('soon')).thenThrows('VALIDATION_FAILED');
  });

  test('nothing for a returned, closed or unknown case', () => {
    const late = '2026-04-01T00:00:00.000Z';
    spec
      .given([proposed, returnedAt('verification', VERIFIER)])
      .when(tick(late))
      .thenNothing();
    spec.given([proposed, rejected]).when(tick(late)).thenNothing();
    spec.given([proposed, withdrawn]).when(tick(late)).thenNothing();
    spec.given([proposed, verified, committeeApproved, approved]).when(tick(late)).thenNothing();
    spec.given([]).when(tick(late)).thenNothing();
  });
});

// =============================================================================================

describe('canDecide (approver queues)', () => {
  const state = stateAfter([proposed, verified]);
  test('holders of the stage role, minus separation-of-duties breaches, in the same agency', () => {
    expect(canDecide(state, { actor: COMMITTEE, roles: ['committee'], agency: AGENCY })).toBe(true);
    expect(canDecide(state, { actor: COMMITTEE, roles: ['committee'], agency: 'pemkot-medan' })).toBe(false);
    expect(canDecide(state, { actor: COMMITTEE, roles: ['verifier'], agency: AGENCY })).toBe(false);
    expect(canDecide(state, { actor: VERIFIER, roles: ['committee'], agency: AGENCY })).toBe(false);
    expect(canDecide(state, { actor: HR, roles: ['committee'], agency: AGENCY })).toBe(false);
    expect(canDecide(state, { actor: CANDIDATE, roles: ['committee'], agency: AGENCY })).toBe(false);
    expect(canDecide(stateAfter([proposed, rejected]), { actor: VERIFIER, roles: ['verifier'], agency: AGENCY })).toBe(false);
  });
});
