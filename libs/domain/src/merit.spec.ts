import { describe, expect, test } from '@jest/globals';
import { DEFAULT_MERIT_POLICY } from './agency.js';
import { evaluateMerit, isEligible, MERIT_RULES, type MeritInput } from './merit.js';
import type { MeritRuleId } from './events.js';

const eligible: MeritInput = {
  kind: 'REGULAR',
  currentGrade: 'III/b',
  gradeSince: '2021-01-01',
  toGrade: 'III/c',
  effectiveDate: '2025-04-01',
  proposedOn: '2025-03-15',
  appraisals: [
    { period: 2023, predicate: 'BAIK' },
    { period: 2024, predicate: 'SANGAT_BAIK' },
  ],
  trainings: [
    { hours: 12, completedOn: '2024-06-01' },
    { hours: 8, completedOn: '2025-03-15' },
  ],
  sanctions: [],
};

const outcome = (input: Partial<MeritInput>, rule: MeritRuleId, policy = DEFAULT_MERIT_POLICY) =>
  evaluateMerit({ ...eligible, ...input }, policy).find((r) => r.rule === rule)!;

describe('evaluateMerit', () => {
  test('an eligible candidate passes all five rules, reported in the fixed order', () => {
    const rules = evaluateMerit(eligible, DEFAULT_MERIT_POLICY);
    expect(rules.map((r) => r.rule)).toEqual([...MERIT_RULES]);
    expect(rules.map((r) => r.rule)).toEqual(['GRADE_STEP', 'TIME_IN_GRADE', 'APPRAISALS', 'TRAINING_HOURS', 'NO_ACTIVE_SANCTION']);
    expect(rules.every((r) => r.passed)).toBe(true);
    expect(isEligible(rules)).toBe(true);
    expect(rules).toEqual([
      { rule: 'GRADE_STEP', passed: true, detail: 'III/c is one step above III/b' },
      {
        rule: 'TIME_IN_GRADE',
        passed: true,
        detail:
          '4 years 3 months in III/b since 2021-01-01 by the effective date 2025-04-01; policy requires 4 years for a REGULAR promotion',
      },
      {
        rule: 'APPRAISALS',
        passed: true,
        detail: '2023: BAIK, 2024: SANGAT_BAIK; policy requires BAIK or SANGAT_BAIK in each of 2023–2024',
      },
      {
        rule: 'TRAINING_HOURS',
        passed: true,
        detail: '20 JP of training completed from 2024-03-15 to 2025-03-15; policy requires 20 JP in 12 months',
      },
      { rule: 'NO_ACTIVE_SANCTION', passed: true, detail: 'no disciplinary sanction active on 2025-03-15' },
    ]);
  });

  describe('GRADE_STEP', () => {
    test('passes across the golongan boundary III/d → IV/a', () => {
      expect(outcome({ currentGrade: 'III/d', toGrade: 'IV/a' }, 'GRADE_STEP').passed).toBe(true);
    });
    test('fails when skipping a grade', () => {
      expect(outcome({ toGrade: 'III/d' }, 'GRADE_STEP')).toEqual({
        rule: 'GRADE_STEP',
        passed: false,
        detail: 'III/d is not one step above III/b; the next grade is III/c',
      });
    });
    test('fails for the same or a lower grade', () => {
      expect(outcome({ toGrade: 'III/b' }, 'GRADE_STEP').passed).toBe(false);
      expect(outcome({ toGrade: 'III/a' }, 'GRADE_STEP').passed).toBe(false);
    });
    test('fails at IV/e, which has no grade above', () => {
      const r = outcome({ currentGrade: 'IV/e', toGrade: 'IV/e' }, 'GRADE_STEP');
      expect(r.passed).toBe(false);
      expect(r.detail).toBe('IV/e is the highest grade; there is no grade above it');
    });
  });

  describe('TIME_IN_GRADE', () => {
    test('passes at exactly 4 years on the effective date', () => {
      const r = outcome({ gradeSince: '2021-04-01' }, 'TIME_IN_GRADE');
      expect(r.passed).toBe(true);
      expect(r.detail).toMatch(/^4 years 0 months in III\/b since 2021-04-01/);
    });
    test('fails one day short of 4 years', () => {
      const r = outcome({ gradeSince: '2021-04-02' }, 'TIME_IN_GRADE');
      expect(r.passed).toBe(false);
      expect(r.detail).toBe(
        '3 years 11 months in III/b since 2021-04-02 by the effective date 2025-04-01; policy requires 4 years for a REGULAR promotion',
      );
    });
    test('SELECTION needs 1 year: passes with 1 year, fails with 11 months', () => {
      expect(outcome({ kind: 'SELECTION', gradeSince: '2024-04-01' }, 'TIME_IN_GRADE').passed).toBe(true);
      const r = outcome({ kind: 'SELECTION', gradeSince: '2024-05-01' }, 'TIME_IN_GRADE');
      expect(r.passed).toBe(false);
      expect(r.detail).toBe(
        '0 years 11 months in III/b since 2024-05-01 by the effective date 2025-04-01; policy requires 1 year for a SELECTION promotion',
      );
    });
    test('a grade taking effect after the effective date counts as zero time', () => {
      const r = outcome({ gradeSince: '2025-06-01' }, 'TIME_IN_GRADE');
      expect(r.passed).toBe(false);
      expect(r.detail).toMatch(/^0 years 0 months/);
    });
    test('uses the policy in force', () => {
      expect(outcome({ gradeSince: '2023-04-01' }, 'TIME_IN_GRADE', { ...DEFAULT_MERIT_POLICY, regularYearsInGrade: 2 }).passed).toBe(true);
    });
  });

  describe('APPRAISALS', () => {
    test('a missing year fails', () => {
      const r = outcome({ appraisals: [{ period: 2024, predicate: 'BAIK' }] }, 'APPRAISALS');
      expect(r.passed).toBe(false);
      expect(r.detail).toBe('2023: missing, 2024: BAIK; policy requires BAIK or SANGAT_BAIK in each of 2023–2024');
    });
    test.each(['BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const)('a %s year fails', (predicate) => {
      const r = outcome(
        {
          appraisals: [
            { period: 2023, predicate },
            { period: 2024, predicate: 'SANGAT_BAIK' },
          ],
        },
        'APPRAISALS',
      );
      expect(r.passed).toBe(false);
      expect(r.detail).toContain(`2023: ${predicate}`);
    });
    test("appraisals of the proposal's own year or older years do not count", () => {
      const r = outcome(
        {
          appraisals: [
            { period: 2022, predicate: 'SANGAT_BAIK' },
            { period: 2024, predicate: 'BAIK' },
            { period: 2025, predicate: 'BAIK' },
          ],
        },
        'APPRAISALS',
      );
      expect(r.passed).toBe(false);
      expect(r.detail).toContain('2023: missing');
    });
    test("the years are those before the proposal's year, not the effective date's", () => {
      const r = outcome({ proposedOn: '2026-01-10', effectiveDate: '2026-01-01' }, 'APPRAISALS');
      expect(r.passed).toBe(false);
      expect(r.detail).toBe('2024: SANGAT_BAIK, 2025: missing; policy requires BAIK or SANGAT_BAIK in each of 2024–2025');
    });
    test('follows the policy: three years, SANGAT_BAIK only', () => {
      const policy = { ...DEFAULT_MERIT_POLICY, appraisalYears: 3, minimumPredicates: ['SANGAT_BAIK' as const] };
      const r = outcome(
        {
          appraisals: [
            { period: 2022, predicate: 'SANGAT_BAIK' },
            { period: 2023, predicate: 'SANGAT_BAIK' },
            { period: 2024, predicate: 'SANGAT_BAIK' },
          ],
        },
        'APPRAISALS',
        policy,
      );
      expect(r).toEqual({
        rule: 'APPRAISALS',
        passed: true,
        detail: '2022: SANGAT_BAIK, 2023: SANGAT_BAIK, 2024: SANGAT_BAIK; policy requires SANGAT_BAIK in each of 2022–2024',
      });
      expect(outcome({}, 'APPRAISALS', policy).passed).toBe(false);
    });
  });

  describe('TRAINING_HOURS', () => {
    test('19 JP fails', () => {
      const r = outcome({ trainings: [{ hours: 19, completedOn: '2025-01-10' }] }, 'TRAINING_HOURS');
      expect(r.passed).toBe(false);
      expect(r.detail).toBe('19 JP of training completed from 2024-03-15 to 2025-03-15; policy requires 20 JP in 12 months');
    });
    test('the window is inclusive at both ends', () => {
      const trainings = [
        { hours: 10, completedOn: '2024-03-15' },
        { hours: 10, completedOn: '2025-03-15' },
      ];
      expect(outcome({ trainings }, 'TRAINING_HOURS').passed).toBe(true);
    });
    test('training a day before the window, or after the proposal, does not count', () => {
      const trainings = [
        { hours: 10, completedOn: '2024-03-14' },
        { hours: 15, completedOn: '2025-03-01' },
        { hours: 10, completedOn: '2025-03-16' },
      ];
      const r = outcome({ trainings }, 'TRAINING_HOURS');
      expect(r.passed).toBe(false);
      expect(r.detail).toMatch(/^15 JP/);
    });
  });

  describe('NO_ACTIVE_SANCTION', () => {
    test('a sanction ending on the proposal day is still active', () => {
      const r = outcome({ sanctions: [{ from: '2025-01-01', until: '2025-03-15', level: 'MODERATE' }] }, 'NO_ACTIVE_SANCTION');
      expect(r).toEqual({
        rule: 'NO_ACTIVE_SANCTION',
        passed: false,
        detail: 'MODERATE sanction from 2025-01-01 until 2025-03-15 active on 2025-03-15',
      });
    });
    test('a sanction starting on the proposal day is active', () => {
      expect(outcome({ sanctions: [{ from: '2025-03-15', until: '2026-03-14' }] }, 'NO_ACTIVE_SANCTION').passed).toBe(false);
    });
    test('an ended or future sanction does not fail the rule', () => {
      const sanctions = [
        { from: '2024-01-01', until: '2025-03-14' },
        { from: '2025-03-16', until: '2025-12-31' },
      ];
      expect(outcome({ sanctions }, 'NO_ACTIVE_SANCTION').passed).toBe(true);
    });
  });

  test('several failures are all reported', () => {
    const rules = evaluateMerit({ ...eligible, toGrade: 'IV/a', trainings: [], appraisals: [] }, DEFAULT_MERIT_POLICY);
    expect(rules.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['GRADE_STEP', 'APPRAISALS', 'TRAINING_HOURS']);
    expect(isEligible(rules)).toBe(false);
  });
});
