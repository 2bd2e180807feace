/**
 * The national KP rules (DOMAIN.md §Promotion (KP): merit eligibility), evaluated per kind on the
 * facts of the employee record and the reference data in force. Pure: the same input and
 * reference give the same outcomes, so a replay agrees with what the proposal recorded.
 */
import { PREDICATES } from '../appraisal.js';
import { belowTrainingRight, jpInYear, TRAINING_HOURS_PER_YEAR, type CompletedTraining } from '../training/training-right.js';
import { addYearsToDate, yearOf, yearsAndMonthsBetween } from '../dates.js';
import type { MeritRuleId, PositionType, Post, Predicate, PromotionKind, RuleOutcome } from '../events.js';
import { gradeIndex, nextGrade, type Grade } from '../grade.js';
import type { EducationRecord, EmployeeRecord, ExaminationRecord, SanctionRecord } from '../employee/employee.state.js';
import {
  entryGrade,
  eselonRange,
  highestEducation,
  isGradeInRange,
  jenjangRange,
  regularCeiling,
  serviceExamCrossings,
  serviceExamFor,
} from '../reference/reference.js';
import type { EducationLevel, ReferenceData } from '../reference/reference-data.js';
import { creditPointsSinceLastPromotion, finalPredicates, roundCreditPoints } from './credit-points.js';

export interface KpInput {
  kind: PromotionKind;
  /** The grade in force on the proposal date and its TMT (registration plus decreed promotions). */
  currentGrade: Grade;
  gradeSince: string;
  toGrade: Grade;
  /** The TMT asked for. */
  effectiveDate: string;
  /** The local date (agency zone) of the proposal. */
  proposedOn: string;
  employee: Pick<
    EmployeeRecord,
    'education' | 'educationHistory' | 'post' | 'postHistory' | 'sanctions' | 'examinations' | 'serviceExams' | 'creditPointStatements'
  >;
  /** Final predikat per annual appraisal period (after any keberatan). */
  appraisals: readonly { period: number; predicate: Predicate }[];
  trainings: readonly CompletedTraining[];
}

type Params = NonNullable<RuleOutcome['params']>;

/** The rules in DOMAIN.md's order, each with the kinds it applies to. */
const APPLIES_TO: readonly [MeritRuleId, readonly PromotionKind[]][] = [
  ['GRADE_STEP', ['REGULAR', 'STRUCTURAL', 'FUNCTIONAL', 'OUTSTANDING']],
  ['POST_TYPE', ['REGULAR', 'STRUCTURAL', 'FUNCTIONAL', 'DIPLOMA_ADJUSTMENT', 'OUTSTANDING']],
  ['GRADE_CEILING', ['REGULAR', 'DIPLOMA_ADJUSTMENT']],
  ['POST_RANGE', ['STRUCTURAL', 'FUNCTIONAL']],
  ['TIME_IN_GRADE', ['REGULAR', 'STRUCTURAL', 'FUNCTIONAL', 'DIPLOMA_ADJUSTMENT', 'OUTSTANDING']],
  ['TIME_IN_POST', ['STRUCTURAL']],
  ['APPRAISALS', ['REGULAR', 'STRUCTURAL', 'FUNCTIONAL', 'DIPLOMA_ADJUSTMENT', 'OUTSTANDING']],
  ['SERVICE_EXAM', ['REGULAR', 'STRUCTURAL']],
  ['CREDIT_POINTS', ['FUNCTIONAL']],
  ['EDUCATION', ['DIPLOMA_ADJUSTMENT']],
  ['NO_ACTIVE_SANCTION', ['REGULAR', 'STRUCTURAL', 'FUNCTIONAL', 'DIPLOMA_ADJUSTMENT', 'OUTSTANDING']],
  ['TRAINING_HOURS', ['REGULAR', 'STRUCTURAL', 'FUNCTIONAL', 'DIPLOMA_ADJUSTMENT', 'OUTSTANDING']],
];

/** Every rule id in evaluation order. */
export const KP_RULES: readonly MeritRuleId[] = APPLIES_TO.map(([rule]) => rule);

/** The rules evaluated for a KP kind, in order. */
export function kpRulesFor(kind: PromotionKind): MeritRuleId[] {
  return APPLIES_TO.filter(([, kinds]) => kinds.includes(kind)).map(([rule]) => rule);
}

const STRUCTURAL_TYPES: readonly PositionType[] = ['JPT', 'ADMINISTRATOR', 'PENGAWAS'];
const POST_TYPES_BY_KIND: Record<PromotionKind, readonly PositionType[] | null> = {
  REGULAR: ['PELAKSANA'],
  STRUCTURAL: STRUCTURAL_TYPES,
  FUNCTIONAL: ['FUNGSIONAL'],
  DIPLOMA_ADJUSTMENT: null,
  OUTSTANDING: null,
};
const TIME_IN_GRADE_YEARS: Record<PromotionKind, number> = {
  REGULAR: 4,
  STRUCTURAL: 4,
  FUNCTIONAL: 2,
  DIPLOMA_ADJUSTMENT: 1,
  OUTSTANDING: 1,
};
/** STRUCTURAL: one year while the grade is one step below the lowest grade of the post's range. */
const STRUCTURAL_BELOW_RANGE_YEARS = 1;
const TIME_IN_POST_YEARS = 1;
export { TRAINING_HOURS_PER_YEAR };

function outcome(rule: MeritRuleId, passed: boolean, code: string, detail: string, params: Params): RuleOutcome {
  return { rule, passed, blocking: rule !== 'TRAINING_HOURS', detail, code: `${rule}.${code}`, params };
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The post in force on `date`: the latest record from on or before it, else the current post. */
function postOn(employee: KpInput['employee'], date: string): Post {
  let found: KpInput['employee']['postHistory'][number] | null = null;
  for (const record of employee.postHistory) {
    if (record.since <= date && (found === null || record.since >= found.since)) found = record;
  }
  return found?.post ?? employee.post;
}

function educationOf(employee: KpInput['employee']): EducationLevel | null {
  return highestEducation([employee.education, ...employee.educationHistory.map((record) => record.level)]);
}

function gradeStep(input: KpInput): RuleOutcome {
  const next = nextGrade(input.currentGrade);
  const params = { currentGrade: input.currentGrade, toGrade: input.toGrade, nextGrade: next };
  if (next === null)
    return outcome('GRADE_STEP', false, 'AT_TOP', `${input.currentGrade} is the highest grade; there is no grade above it`, params);
  if (next !== input.toGrade) {
    return outcome(
      'GRADE_STEP',
      false,
      'NOT_NEXT',
      `${input.toGrade} is not one step above ${input.currentGrade}; the next grade is ${next}`,
      params,
    );
  }
  return outcome('GRADE_STEP', true, 'MET', `${input.toGrade} is one step above ${input.currentGrade}`, params);
}

function postType(input: KpInput): RuleOutcome {
  const post = postOn(input.employee, input.proposedOn);
  const allowed = POST_TYPES_BY_KIND[input.kind];
  const params = { kind: input.kind, positionType: post.type, allowed: allowed?.join(',') ?? null };
  if (allowed === null)
    return outcome('POST_TYPE', true, 'ANY', `a ${input.kind} promotion is open to every post type (${post.type} held)`, params);
  if (!allowed.includes(post.type)) {
    return outcome(
      'POST_TYPE',
      false,
      'MISMATCH',
      `a ${input.kind} promotion is only for ${allowed.join(', ')} posts; the post held is ${post.type}`,
      params,
    );
  }
  return outcome(
    'POST_TYPE',
    true,
    'MET',
    `a ${input.kind} promotion is for ${allowed.join(', ')} posts; the post held is ${post.type}`,
    params,
  );
}

function gradeCeiling(input: KpInput, ref: ReferenceData): RuleOutcome {
  const education = educationOf(input.employee);
  if (education === null) {
    return outcome('GRADE_CEILING', false, 'NO_EDUCATION', 'no education level is recorded, so the reguler ceiling is unknown', {
      toGrade: input.toGrade,
      education: null,
      ceiling: null,
    });
  }
  const ceiling = regularCeiling(ref, education);
  const params = { toGrade: input.toGrade, education, ceiling };
  if (gradeIndex(input.toGrade) > gradeIndex(ceiling)) {
    return outcome(
      'GRADE_CEILING',
      false,
      'ABOVE_CEILING',
      `${input.toGrade} is above ${ceiling}, the reguler ceiling for ${education}`,
      params,
    );
  }
  return outcome('GRADE_CEILING', true, 'MET', `${input.toGrade} is within ${ceiling}, the reguler ceiling for ${education}`, params);
}

function postRange(input: KpInput, ref: ReferenceData): RuleOutcome {
  const post = postOn(input.employee, input.proposedOn);
  const structural = input.kind === 'STRUCTURAL';
  const level = structural ? (STRUCTURAL_TYPES.includes(post.type) ? post.eselon : null) : post.type === 'FUNGSIONAL' ? post.jenjang : null;
  const levelName = structural ? 'eselon' : 'jenjang';
  if (level === null) {
    return outcome(
      'POST_RANGE',
      false,
      'NO_POST_LEVEL',
      `the post held (${post.type}) has no ${levelName}, so its grade range is unknown`,
      {
        toGrade: input.toGrade,
        positionType: post.type,
        level: null,
      },
    );
  }
  const range = structural
    ? eselonRange(ref, post.eselon as NonNullable<Post['eselon']>)
    : jenjangRange(ref, post.jenjang as NonNullable<Post['jenjang']>);
  const params = { toGrade: input.toGrade, level, from: range.from, to: range.to };
  const span = `${range.from}–${range.to}, the range of ${levelName} ${level}`;
  if (!isGradeInRange(input.toGrade, range))
    return outcome('POST_RANGE', false, 'OUT_OF_RANGE', `${input.toGrade} is outside ${span}`, params);
  return outcome('POST_RANGE', true, 'MET', `${input.toGrade} is within ${span}`, params);
}

function requiredYearsInGrade(input: KpInput, ref: ReferenceData): { years: number; belowPostRange: boolean } {
  if (input.kind === 'STRUCTURAL') {
    const post = postOn(input.employee, input.proposedOn);
    if (STRUCTURAL_TYPES.includes(post.type) && post.eselon !== null) {
      const lowest = eselonRange(ref, post.eselon).from;
      if (gradeIndex(input.currentGrade) === gradeIndex(lowest) - 1) return { years: STRUCTURAL_BELOW_RANGE_YEARS, belowPostRange: true };
    }
  }
  return { years: TIME_IN_GRADE_YEARS[input.kind], belowPostRange: false };
}

function timeInGrade(input: KpInput, ref: ReferenceData): RuleOutcome {
  const { years: required, belowPostRange } = requiredYearsInGrade(input, ref);
  const eligibleFrom = addYearsToDate(input.gradeSince, required);
  const held = yearsAndMonthsBetween(input.gradeSince, input.effectiveDate);
  const passed = eligibleFrom <= input.effectiveDate;
  const params = {
    requiredYears: required,
    gradeSince: input.gradeSince,
    effectiveDate: input.effectiveDate,
    eligibleFrom,
    years: held.years,
    months: held.months,
    belowPostRange,
  };
  const why = belowPostRange ? ` (the grade is one step below the post's range)` : '';
  const detail =
    `${plural(held.years, 'year')} ${plural(held.months, 'month')} in ${input.currentGrade} since ${input.gradeSince} by the TMT ` +
    `${input.effectiveDate}; a ${input.kind} promotion needs ${plural(required, 'year')}${why}, reached on ${eligibleFrom}`;
  return outcome('TIME_IN_GRADE', passed, passed ? 'MET' : 'SHORT', detail, params);
}

function timeInPost(input: KpInput): RuleOutcome {
  const records = [...input.employee.postHistory]
    .filter((r) => r.since <= input.proposedOn)
    .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
  const posts = records.length > 0 ? records.map((r) => r.post) : [input.employee.post];
  const current = posts[posts.length - 1];
  if (!STRUCTURAL_TYPES.includes(current.type)) {
    return outcome('TIME_IN_POST', false, 'NOT_STRUCTURAL', `the post held (${current.type}) is not a structural post`, {
      positionType: current.type,
      installedOn: null,
      effectiveDate: input.effectiveDate,
    });
  }
  // Rotations between posts of one type keep the clock: go back to the first post of the unbroken run.
  let first = posts.length - 1;
  while (first > 0 && posts[first - 1].type === current.type) first--;
  const installedOn = records.length > 0 ? records[first].since : current.since;
  const eligibleFrom = addYearsToDate(installedOn, TIME_IN_POST_YEARS);
  const passed = eligibleFrom <= input.effectiveDate;
  const held = yearsAndMonthsBetween(installedOn, input.effectiveDate);
  const detail =
    `${plural(held.years, 'year')} ${plural(held.months, 'month')} in ${current.type} posts since installation on ${installedOn} by the TMT ` +
    `${input.effectiveDate}; a STRUCTURAL promotion needs ${plural(TIME_IN_POST_YEARS, 'year')}, reached on ${eligibleFrom}`;
  return outcome('TIME_IN_POST', passed, passed ? 'MET' : 'SHORT', detail, {
    positionType: current.type,
    installedOn,
    effectiveDate: input.effectiveDate,
    eligibleFrom,
    requiredYears: TIME_IN_POST_YEARS,
  });
}

function appraisals(input: KpInput): RuleOutcome {
  const year = yearOf(input.proposedOn);
  const outstanding = input.kind === 'OUTSTANDING';
  const years = outstanding ? [year - 1] : [year - 2, year - 1];
  const minimum: Predicate = outstanding ? 'SANGAT_BAIK' : 'BAIK';
  const byYear = finalPredicates(input.appraisals);
  const missing = years.filter((y) => !byYear.has(y));
  const below = years.filter((y) => byYear.has(y) && PREDICATES.indexOf(byYear.get(y) as Predicate) > PREDICATES.indexOf(minimum));
  const params: Params = { minimum, years: years.join(','), missing: missing.join(','), below: below.join(',') };
  for (const y of years) params[`predicate${y}`] = byYear.get(y) ?? null;
  const found = years.map((y) => `${y}: ${byYear.get(y) ?? 'none'}`).join(', ');
  const needs = `needs ${outstanding ? 'SANGAT_BAIK' : 'BAIK or SANGAT_BAIK'} in ${years.length === 1 ? years[0] : `each of ${years.join(' and ')}`}`;
  if (missing.length > 0)
    return outcome(
      'APPRAISALS',
      false,
      'MISSING',
      `${found}; no final appraisal for ${missing.join(', ')}; a ${input.kind} promotion ${needs}`,
      params,
    );
  if (below.length > 0) return outcome('APPRAISALS', false, 'BELOW', `${found}; a ${input.kind} promotion ${needs}`, params);
  return outcome('APPRAISALS', true, 'MET', `${found}; a ${input.kind} promotion ${needs}`, params);
}

function serviceExam(input: KpInput, ref: ReferenceData): RuleOutcome {
  const crossings = serviceExamCrossings(ref, input.currentGrade, input.toGrade);
  const education = educationOf(input.employee);
  const base = { fromGrade: input.currentGrade, toGrade: input.toGrade, education };
  if (crossings.length === 0) {
    return outcome('SERVICE_EXAM', true, 'NOT_CROSSING', `${input.currentGrade} → ${input.toGrade} crosses no service-exam boundary`, {
      ...base,
      level: null,
    });
  }
  const level = serviceExamFor(ref, input.currentGrade, input.toGrade, education);
  if (level === null) {
    const exemptFrom = crossings.map((c) => c.exemptFrom).join(',');
    return outcome(
      'SERVICE_EXAM',
      true,
      'EXEMPT',
      `${education} exempts ${input.currentGrade} → ${input.toGrade} from the service exam (exempt from ${exemptFrom})`,
      {
        ...base,
        level: null,
        exemptFrom,
      },
    );
  }
  const exam = input.employee.serviceExams.find((e) => e.level >= level) ?? null;
  if (exam === null) {
    return outcome(
      'SERVICE_EXAM',
      false,
      'MISSING',
      `${input.currentGrade} → ${input.toGrade} needs Ujian Dinas Tingkat ${level}; none is recorded`,
      {
        ...base,
        level,
      },
    );
  }
  return outcome(
    'SERVICE_EXAM',
    true,
    'MET',
    `${input.currentGrade} → ${input.toGrade} needs Ujian Dinas Tingkat ${level}; Tingkat ${exam.level} passed on ${exam.passedOn} (${exam.certificateNo})`,
    { ...base, level, passedLevel: exam.level, passedOn: exam.passedOn, certificateNo: exam.certificateNo },
  );
}

function creditPoints(input: KpInput, ref: ReferenceData): RuleOutcome {
  const result = creditPointsSinceLastPromotion({ ...input, asOf: input.proposedOn }, ref);
  const { basis } = result;
  const params = {
    points: roundCreditPoints(result.points),
    target: result.target,
    shortfall: result.shortfall === null ? null : roundCreditPoints(result.shortfall),
    jenjang: basis.jenjang,
    pakNumber: basis.pak?.pakNumber ?? null,
    pakStatedOn: basis.pak?.statedOn ?? null,
    fromYear: basis.fromYear,
  };
  const source = basis.pak
    ? `PAK ${basis.pak.pakNumber} of ${basis.pak.statedOn} (${basis.pak.points}) plus appraisals from ${basis.fromYear}`
    : `appraisals from ${basis.fromYear}`;
  if (result.target === null) {
    return outcome(
      'CREDIT_POINTS',
      false,
      'NO_JENJANG',
      'the post held is not a functional post with a jenjang, so there is no credit-point target',
      params,
    );
  }
  const detail = `${roundCreditPoints(result.points)} credit points since the last KP (${source}); ${basis.jenjang} needs ${result.target}`;
  return result.reached
    ? outcome('CREDIT_POINTS', true, 'MET', detail, params)
    : outcome('CREDIT_POINTS', false, 'SHORT', `${detail}, ${params.shortfall} short`, params);
}

/** The recorded diplomas; a level known only from registration counts as one without a study permit. */
function educationRecords(employee: KpInput['employee']): Pick<EducationRecord, 'level' | 'studyPermit'>[] {
  const records: Pick<EducationRecord, 'level' | 'studyPermit'>[] = [...employee.educationHistory];
  if (employee.education !== null && !records.some((record) => record.level === employee.education)) {
    records.push({ level: employee.education, studyPermit: null });
  }
  return records;
}

function education(input: KpInput, ref: ReferenceData): RuleOutcome {
  const base = { currentGrade: input.currentGrade, toGrade: input.toGrade };
  if (gradeIndex(input.toGrade) <= gradeIndex(input.currentGrade)) {
    return outcome('EDUCATION', false, 'NOT_ABOVE', `${input.toGrade} is not above the current grade ${input.currentGrade}`, {
      ...base,
      level: null,
    });
  }
  const records = educationRecords(input.employee);
  const matching = records.filter((record) => entryGrade(ref, record.level) === input.toGrade);
  if (matching.length === 0) {
    const recorded = records.map((record) => record.level).join(', ') || 'none';
    return outcome(
      'EDUCATION',
      false,
      'NO_MATCHING_LEVEL',
      `no recorded education level has ${input.toGrade} as its entry grade (recorded: ${recorded})`,
      {
        ...base,
        level: null,
      },
    );
  }
  const permitted = matching.find((record) => record.studyPermit !== null);
  if (!permitted?.studyPermit) {
    return outcome(
      'EDUCATION',
      false,
      'NO_STUDY_PERMIT',
      `${matching[0].level} (entry grade ${input.toGrade}) has no study permit on record`,
      {
        ...base,
        level: matching[0].level,
      },
    );
  }
  return outcome(
    'EDUCATION',
    true,
    'MET',
    `${permitted.level} has entry grade ${input.toGrade}, above ${input.currentGrade}; study permit ${permitted.studyPermit.number} of ${permitted.studyPermit.date}`,
    { ...base, level: permitted.level, studyPermitNumber: permitted.studyPermit.number, studyPermitDate: permitted.studyPermit.date },
  );
}

export interface ActiveDiscipline {
  sanctions: SanctionRecord[];
  examinations: ExaminationRecord[];
}

/**
 * What blocks a promotion on `date`: MODERATE and SEVERE sanctions being served (not annulled,
 * from ≤ date ≤ until; no `until` means no recorded end, which is how discharge is recorded) and
 * examinations opened on or before the date and not closed by it. LIGHT sanctions never block.
 */
export function activeSanctionOn(employee: Pick<EmployeeRecord, 'sanctions' | 'examinations'>, date: string): ActiveDiscipline {
  return {
    sanctions: employee.sanctions.filter(
      (s) => s.annulment === null && s.level !== 'LIGHT' && s.from <= date && (s.until === null || date <= s.until),
    ),
    examinations: employee.examinations.filter((e) => e.openedOn <= date && (e.closedOn === null || e.closedOn > date)),
  };
}

function noActiveSanction(input: KpInput): RuleOutcome {
  const date = input.proposedOn;
  const { sanctions, examinations } = activeSanctionOn(input.employee, date);
  if (sanctions.length > 0) {
    const s = sanctions[0];
    const term = s.until === null ? 'without end' : `until ${s.until}`;
    return outcome(
      'NO_ACTIVE_SANCTION',
      false,
      'SANCTION',
      `a ${s.level} sanction (${s.type}) is being served on ${date}: from ${s.from} ${term}`,
      {
        date,
        sanctionId: s.sanctionId,
        level: s.level,
        type: s.type,
        from: s.from,
        until: s.until,
      },
    );
  }
  if (examinations.length > 0) {
    const e = examinations[0];
    return outcome(
      'NO_ACTIVE_SANCTION',
      false,
      'EXAMINATION',
      `a disciplinary examination opened on ${e.openedOn} is under way on ${date}`,
      {
        date,
        examinationId: e.examinationId,
        openedOn: e.openedOn,
      },
    );
  }
  return outcome('NO_ACTIVE_SANCTION', true, 'MET', `no MODERATE or SEVERE sanction being served and no examination under way on ${date}`, {
    date,
  });
}

function trainingHours(input: KpInput): RuleOutcome {
  const year = yearOf(input.proposedOn) - 1;
  const hours = jpInYear(input.trainings, year);
  const passed = !belowTrainingRight(hours);
  return outcome(
    'TRAINING_HOURS',
    passed,
    passed ? 'MET' : 'SHORT',
    `${hours} JP of training completed in ${year}; every civil servant is owed ${TRAINING_HOURS_PER_YEAR} JP a year (advisory, never blocking)`,
    { year, hours, required: TRAINING_HOURS_PER_YEAR },
  );
}

function evaluateRule(rule: MeritRuleId, input: KpInput, ref: ReferenceData): RuleOutcome {
  switch (rule) {
    case 'GRADE_STEP':
      return gradeStep(input);
    case 'POST_TYPE':
      return postType(input);
    case 'GRADE_CEILING':
      return gradeCeiling(input, ref);
    case 'POST_RANGE':
      return postRange(input, ref);
    case 'TIME_IN_GRADE':
      return timeInGrade(input, ref);
    case 'TIME_IN_POST':
      return timeInPost(input);
    case 'APPRAISALS':
      return appraisals(input);
    case 'SERVICE_EXAM':
      return serviceExam(input, ref);
    case 'CREDIT_POINTS':
      return creditPoints(input, ref);
    case 'EDUCATION':
      return education(input, ref);
    case 'NO_ACTIVE_SANCTION':
      return noActiveSanction(input);
    case 'TRAINING_HOURS':
      return trainingHours(input);
  }
}

/** Every rule that applies to the kind, in DOMAIN.md's order. */
export function evaluateKp(input: KpInput, reference: ReferenceData): RuleOutcome[] {
  return kpRulesFor(input.kind).map((rule) => evaluateRule(rule, input, reference));
}

/** Eligible when every blocking rule passed; advisory ones are recorded only. */
export function isEligible(rules: readonly RuleOutcome[]): boolean {
  // Only an explicit `blocking: false` is advisory: outcomes recorded before the flag existed block.
  return rules.every((rule) => rule.passed || rule.blocking === false);
}

/** Whether the case's berkas needs SERVICE_EXAM_CERTIFICATE: a REGULAR or STRUCTURAL KP across an exam boundary, not exempt. */
export function needsServiceExam(input: Pick<KpInput, 'kind' | 'currentGrade' | 'toGrade' | 'employee'>, ref: ReferenceData): boolean {
  if (input.kind !== 'REGULAR' && input.kind !== 'STRUCTURAL') return false;
  return serviceExamFor(ref, input.currentGrade, input.toGrade, educationOf(input.employee)) !== null;
}
