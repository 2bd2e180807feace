import { describe, expect, test } from '@jest/globals';
import type { AgencySettings } from '../agency.js';
import { employeeDecider, type EmployeeState } from '../employee/employee.decider.js';
import type { DisciplinarySanctionImposed, PromotionProposed } from '../events.js';
import {
  AGENCY,
  CANDIDATE,
  HR,
  CASE,
  PROPOSED_AT,
  VERIFICATION_DUE,
  as,
  spec,
  employee,
  agency,
  propose,
  rulesPassed,
  proposed,
  type ProposeOverrides,
} from '../testing/promotion.fixtures.js';

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
