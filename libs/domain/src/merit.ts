import { addMonthsToDate, addYearsToDate, yearOf, yearsAndMonthsBetween } from './dates.js';
import type { MeritPolicy, MeritRuleId, Predicate, PromotionKind, RuleOutcome } from './events.js';
import { nextGrade, type Grade } from './grade.js';

export const MERIT_RULES: readonly MeritRuleId[] = ['GRADE_STEP', 'TIME_IN_GRADE', 'APPRAISALS', 'TRAINING_HOURS', 'NO_ACTIVE_SANCTION'];

export interface MeritInput {
  kind: PromotionKind;
  currentGrade: Grade;
  /** TMT of the current grade, `YYYY-MM-DD`. */
  gradeSince: string;
  toGrade: Grade;
  effectiveDate: string;
  /** The local date (agency zone) on which the proposal is made. */
  proposedOn: string;
  appraisals: readonly { period: number; predicate: Predicate }[];
  trainings: readonly { hours: number; completedOn: string }[];
  sanctions: readonly { from: string; until: string; level?: string }[];
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

function gradeStep(input: MeritInput): RuleOutcome {
  const next = nextGrade(input.currentGrade);
  if (next === null) {
    return { rule: 'GRADE_STEP', passed: false, detail: `${input.currentGrade} is the highest grade; there is no grade above it` };
  }
  if (input.toGrade === next) {
    return { rule: 'GRADE_STEP', passed: true, detail: `${input.toGrade} is one step above ${input.currentGrade}` };
  }
  return {
    rule: 'GRADE_STEP',
    passed: false,
    detail: `${input.toGrade} is not one step above ${input.currentGrade}; the next grade is ${next}`,
  };
}

function timeInGrade(input: MeritInput, policy: MeritPolicy): RuleOutcome {
  const required = input.kind === 'SELECTION' ? policy.selectionYearsInGrade : policy.regularYearsInGrade;
  const { years, months } = yearsAndMonthsBetween(input.gradeSince, input.effectiveDate);
  const passed = addYearsToDate(input.gradeSince, required) <= input.effectiveDate;
  return {
    rule: 'TIME_IN_GRADE',
    passed,
    detail:
      `${plural(years, 'year')} ${plural(months, 'month')} in ${input.currentGrade} since ${input.gradeSince} ` +
      `by the effective date ${input.effectiveDate}; policy requires ${plural(required, 'year')} for a ${input.kind} promotion`,
  };
}

function appraisals(input: MeritInput, policy: MeritPolicy): RuleOutcome {
  const proposalYear = yearOf(input.proposedOn);
  const periods = Array.from({ length: policy.appraisalYears }, (_, i) => proposalYear - policy.appraisalYears + i);
  const accepted = policy.minimumPredicates.join(' or ');
  if (periods.length === 0) {
    return { rule: 'APPRAISALS', passed: true, detail: 'policy requires no appraisals' };
  }
  let passed = true;
  const parts = periods.map((period) => {
    // One appraisal per period is enforced upstream; should two exist, the last recorded counts.
    const found = input.appraisals.filter((a) => a.period === period).at(-1);
    if (!found) {
      passed = false;
      return `${period}: missing`;
    }
    if (!policy.minimumPredicates.includes(found.predicate)) passed = false;
    return `${period}: ${found.predicate}`;
  });
  const span = periods.length === 1 ? `${periods[0]}` : `${periods[0]}–${periods[periods.length - 1]}`;
  return { rule: 'APPRAISALS', passed, detail: `${parts.join(', ')}; policy requires ${accepted} in each of ${span}` };
}

function trainingHours(input: MeritInput, policy: MeritPolicy): RuleOutcome {
  const from = addMonthsToDate(input.proposedOn, -policy.trainingWindowMonths);
  const hours = input.trainings
    .filter((t) => t.completedOn >= from && t.completedOn <= input.proposedOn)
    .reduce((sum, t) => sum + t.hours, 0);
  return {
    rule: 'TRAINING_HOURS',
    passed: hours >= policy.trainingHours,
    detail: `${hours} JP of training completed from ${from} to ${input.proposedOn}; policy requires ${policy.trainingHours} JP in ${plural(policy.trainingWindowMonths, 'month')}`,
  };
}

function noActiveSanction(input: MeritInput): RuleOutcome {
  const active = input.sanctions.filter((s) => s.from <= input.proposedOn && input.proposedOn <= s.until);
  if (active.length === 0) {
    return { rule: 'NO_ACTIVE_SANCTION', passed: true, detail: `no disciplinary sanction active on ${input.proposedOn}` };
  }
  const list = active.map((s) => `${s.level ? `${s.level} ` : ''}sanction from ${s.from} until ${s.until}`).join(', ');
  return { rule: 'NO_ACTIVE_SANCTION', passed: false, detail: `${list} active on ${input.proposedOn}` };
}

/** Every merit rule's outcome, in the fixed order of MERIT_RULES. */
export function evaluateMerit(input: MeritInput, policy: MeritPolicy): RuleOutcome[] {
  return [gradeStep(input), timeInGrade(input, policy), appraisals(input, policy), trainingHours(input, policy), noActiveSanction(input)];
}

export const isEligible = (rules: readonly RuleOutcome[]): boolean => rules.every((r) => r.passed);
