import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { MeritRuleId, PositionType, Post, PromotionKind, RuleOutcome } from '../events.js';
import type { EducationRecord, ExaminationRecord, PostRecord, SanctionRecord } from '../employee/employee.state.js';
import { parseReferenceData } from '../reference/reference.js';
import { activeSanctionOn, evaluateKp, isEligible, kpRulesFor, needsServiceExam, type KpInput } from './kp-rules.js';

const REF = parseReferenceData(JSON.parse(readFileSync(new URL('../../../../reference/national-2026.1.json', import.meta.url), 'utf8')));

const PROPOSED_ON = '2026-12-01';
const TMT = '2027-01-01';

const pelaksana = (since = '2015-01-01'): Post => ({
  type: 'PELAKSANA',
  title: 'Pengadministrasi Umum',
  eselon: null,
  jenjang: null,
  since,
});
const pengawas = (since: string, title = 'Kepala Seksi Umum'): Post => ({ type: 'PENGAWAS', title, eselon: 'IV.a', jenjang: null, since });
const ahliPertama = (since = '2020-01-01'): Post => ({
  type: 'FUNGSIONAL',
  title: 'Analis SDM Aparatur Ahli Pertama',
  eselon: null,
  jenjang: 'AHLI_PERTAMA',
  since,
});
const history = (...posts: Post[]): PostRecord[] =>
  posts.map((post, i) => ({ unitId: 'dinkes', post, superiorNip: null, since: post.since, reason: i === 0 ? 'REGISTRATION' : 'ROTATION' }));
const diploma = (level: EducationRecord['level'], permit = true): EducationRecord => ({
  level,
  institution: 'Universitas Samudra',
  graduatedOn: '2025-08-30',
  studyPermit: permit ? { number: 'IB/800/2022', date: '2022-01-10' } : null,
});

function employee(posts: Post[], overrides: Partial<KpInput['employee']> = {}): KpInput['employee'] {
  return {
    education: 'S1',
    educationHistory: [],
    post: posts[posts.length - 1],
    postHistory: history(...posts),
    sanctions: [],
    examinations: [],
    serviceExams: [],
    creditPointStatements: [],
    ...overrides,
  };
}

const common = {
  effectiveDate: TMT,
  proposedOn: PROPOSED_ON,
  appraisals: [
    { period: 2024, predicate: 'BAIK' as const },
    { period: 2025, predicate: 'SANGAT_BAIK' as const },
  ],
  trainings: [
    { hours: 12, completedOn: '2025-03-01' },
    { hours: 8, completedOn: '2025-11-20' },
  ],
};

/** One eligible case per kind, each exactly on its time boundaries. */
const ELIGIBLE: Record<PromotionKind, KpInput> = {
  REGULAR: {
    ...common,
    kind: 'REGULAR',
    currentGrade: 'III/b',
    gradeSince: '2023-01-01',
    toGrade: 'III/c',
    employee: employee([pelaksana()]),
  },
  STRUCTURAL: {
    ...common,
    kind: 'STRUCTURAL',
    currentGrade: 'III/b',
    gradeSince: '2026-01-01',
    toGrade: 'III/c',
    employee: employee([pelaksana(), pengawas('2026-01-01')]),
  },
  FUNCTIONAL: {
    ...common,
    kind: 'FUNCTIONAL',
    currentGrade: 'III/a',
    gradeSince: '2025-01-01',
    toGrade: 'III/b',
    employee: employee([ahliPertama()], { creditPointStatements: [{ pakNumber: 'PAK/01/2026', statedOn: '2026-01-20', points: 50 }] }),
  },
  DIPLOMA_ADJUSTMENT: {
    ...common,
    kind: 'DIPLOMA_ADJUSTMENT',
    currentGrade: 'II/c',
    gradeSince: '2026-01-01',
    toGrade: 'III/a',
    employee: employee([pelaksana()], { education: 'S1', educationHistory: [diploma('D3', false), diploma('S1')] }),
  },
  OUTSTANDING: {
    ...common,
    kind: 'OUTSTANDING',
    currentGrade: 'III/c',
    gradeSince: '2026-01-01',
    toGrade: 'III/d',
    employee: employee([pelaksana()]),
  },
};
const KINDS = Object.keys(ELIGIBLE) as PromotionKind[];

function rule(input: KpInput, id: MeritRuleId): RuleOutcome {
  const found = evaluateKp(input, REF).find((r) => r.rule === id);
  if (!found) throw new Error(`${id} was not evaluated for ${input.kind}`);
  return found;
}
const withEmployee = (input: KpInput, overrides: Partial<KpInput['employee']>): KpInput => ({
  ...input,
  employee: { ...input.employee, ...overrides },
});

describe('evaluateKp: which rules, in which order', () => {
  test.each<[PromotionKind, MeritRuleId[]]>([
    [
      'REGULAR',
      ['GRADE_STEP', 'POST_TYPE', 'GRADE_CEILING', 'TIME_IN_GRADE', 'APPRAISALS', 'SERVICE_EXAM', 'NO_ACTIVE_SANCTION', 'TRAINING_HOURS'],
    ],
    [
      'STRUCTURAL',
      [
        'GRADE_STEP',
        'POST_TYPE',
        'POST_RANGE',
        'TIME_IN_GRADE',
        'TIME_IN_POST',
        'APPRAISALS',
        'SERVICE_EXAM',
        'NO_ACTIVE_SANCTION',
        'TRAINING_HOURS',
      ],
    ],
    [
      'FUNCTIONAL',
      ['GRADE_STEP', 'POST_TYPE', 'POST_RANGE', 'TIME_IN_GRADE', 'APPRAISALS', 'CREDIT_POINTS', 'NO_ACTIVE_SANCTION', 'TRAINING_HOURS'],
    ],
    [
      'DIPLOMA_ADJUSTMENT',
      ['POST_TYPE', 'GRADE_CEILING', 'TIME_IN_GRADE', 'APPRAISALS', 'EDUCATION', 'NO_ACTIVE_SANCTION', 'TRAINING_HOURS'],
    ],
    ['OUTSTANDING', ['GRADE_STEP', 'POST_TYPE', 'TIME_IN_GRADE', 'APPRAISALS', 'NO_ACTIVE_SANCTION', 'TRAINING_HOURS']],
  ])('%s evaluates %j', (kind, rules) => {
    expect(kpRulesFor(kind)).toEqual(rules);
    expect(evaluateKp(ELIGIBLE[kind], REF).map((r) => r.rule)).toEqual(rules);
  });

  test.each(KINDS)('the %s fixture passes every rule; each outcome has a code, params and English detail', (kind) => {
    const rules = evaluateKp(ELIGIBLE[kind], REF);
    expect(rules.filter((r) => !r.passed)).toEqual([]);
    expect(isEligible(rules)).toBe(true);
    for (const r of rules) {
      expect(r.code).toMatch(new RegExp(`^${r.rule}\\.[A-Z_]+$`));
      expect(r.params).toBeDefined();
      expect(r.detail.length).toBeGreaterThan(10);
      expect(r.blocking).toBe(r.rule !== 'TRAINING_HOURS');
    }
  });

  test('a replay gives the same outcomes', () => {
    for (const kind of KINDS) expect(evaluateKp(structuredClone(ELIGIBLE[kind]), REF)).toEqual(evaluateKp(ELIGIBLE[kind], REF));
  });
});

describe('GRADE_STEP', () => {
  test.each(KINDS.filter((k) => k !== 'DIPLOMA_ADJUSTMENT'))('%s: one step passes, two steps, the same grade and IV/e fail', (kind) => {
    const input = ELIGIBLE[kind];
    expect(rule(input, 'GRADE_STEP')).toMatchObject({ passed: true, code: 'GRADE_STEP.MET' });
    expect(rule({ ...input, toGrade: 'III/d', currentGrade: 'III/b' }, 'GRADE_STEP')).toMatchObject({
      passed: false,
      code: 'GRADE_STEP.NOT_NEXT',
      params: { currentGrade: 'III/b', toGrade: 'III/d', nextGrade: 'III/c' },
    });
    expect(rule({ ...input, toGrade: input.currentGrade }, 'GRADE_STEP').passed).toBe(false);
    expect(rule({ ...input, currentGrade: 'IV/e', toGrade: 'IV/e' }, 'GRADE_STEP').code).toBe('GRADE_STEP.AT_TOP');
  });

  test('crossing the golongan boundary III/d → IV/a is one step', () => {
    expect(rule({ ...ELIGIBLE.REGULAR, currentGrade: 'III/d', toGrade: 'IV/a' }, 'GRADE_STEP').passed).toBe(true);
  });
});

describe('POST_TYPE', () => {
  const jpt: Post = { type: 'JPT', title: 'Kepala Dinas', eselon: 'II.b', jenjang: null, since: '2020-01-01' };
  const admin: Post = { type: 'ADMINISTRATOR', title: 'Sekretaris', eselon: 'III.a', jenjang: null, since: '2020-01-01' };
  const POSTS: Record<PositionType, Post> = {
    JPT: jpt,
    ADMINISTRATOR: admin,
    PENGAWAS: pengawas('2020-01-01'),
    PELAKSANA: pelaksana(),
    FUNGSIONAL: ahliPertama(),
  };
  test.each<[PromotionKind, PositionType, boolean]>([
    ['REGULAR', 'PELAKSANA', true],
    ['REGULAR', 'PENGAWAS', false],
    ['REGULAR', 'FUNGSIONAL', false],
    ['STRUCTURAL', 'JPT', true],
    ['STRUCTURAL', 'ADMINISTRATOR', true],
    ['STRUCTURAL', 'PENGAWAS', true],
    ['STRUCTURAL', 'PELAKSANA', false],
    ['STRUCTURAL', 'FUNGSIONAL', false],
    ['FUNCTIONAL', 'FUNGSIONAL', true],
    ['FUNCTIONAL', 'PELAKSANA', false],
    ['FUNCTIONAL', 'ADMINISTRATOR', false],
    ['DIPLOMA_ADJUSTMENT', 'FUNGSIONAL', true],
    ['DIPLOMA_ADJUSTMENT', 'JPT', true],
    ['OUTSTANDING', 'ADMINISTRATOR', true],
    ['OUTSTANDING', 'PELAKSANA', true],
  ])('%s with a %s post: passes %s', (kind, type, passed) => {
    const post = POSTS[type];
    const outcome = rule(withEmployee(ELIGIBLE[kind], { post, postHistory: history(post) }), 'POST_TYPE');
    expect(outcome.passed).toBe(passed);
    expect(outcome.params?.positionType).toBe(type);
    if (!passed) expect(outcome.code).toBe('POST_TYPE.MISMATCH');
  });

  test('the post in force on the proposal date counts, not one taking effect later', () => {
    const input = withEmployee(ELIGIBLE.REGULAR, {
      post: pengawas('2027-02-01'),
      postHistory: history(pelaksana(), pengawas('2027-02-01')),
    });
    expect(rule(input, 'POST_TYPE').passed).toBe(true);
  });
});

describe('GRADE_CEILING', () => {
  test.each<PromotionKind>(['REGULAR', 'DIPLOMA_ADJUSTMENT'])('%s: a target at the ceiling passes, one above fails', (kind) => {
    const atCeiling = withEmployee(
      { ...ELIGIBLE[kind], currentGrade: 'III/c', toGrade: 'III/d' },
      { education: 'S1', educationHistory: [] },
    );
    expect(rule(atCeiling, 'GRADE_CEILING')).toMatchObject({
      passed: true,
      code: 'GRADE_CEILING.MET',
      params: { ceiling: 'III/d', education: 'S1' },
    });
    const above = { ...atCeiling, currentGrade: 'III/d' as const, toGrade: 'IV/a' as const };
    expect(rule(above, 'GRADE_CEILING')).toMatchObject({ passed: false, code: 'GRADE_CEILING.ABOVE_CEILING' });
  });

  test('SLTA stops at III/b; the highest recorded education counts', () => {
    const slta = withEmployee({ ...ELIGIBLE.REGULAR, currentGrade: 'III/a', toGrade: 'III/b' }, { education: 'SLTA' });
    expect(rule(slta, 'GRADE_CEILING').passed).toBe(true);
    expect(rule({ ...slta, currentGrade: 'III/b', toGrade: 'III/c' }, 'GRADE_CEILING').passed).toBe(false);
    const later = withEmployee({ ...slta, currentGrade: 'III/b', toGrade: 'III/c' }, { educationHistory: [diploma('S1')] });
    expect(rule(later, 'GRADE_CEILING').passed).toBe(true);
  });

  test('no education on record fails', () => {
    expect(rule(withEmployee(ELIGIBLE.REGULAR, { education: null }), 'GRADE_CEILING')).toMatchObject({
      passed: false,
      code: 'GRADE_CEILING.NO_EDUCATION',
    });
  });
});

describe('POST_RANGE', () => {
  test('STRUCTURAL: the ends of the eselon range pass, beyond them fails', () => {
    expect(rule(ELIGIBLE.STRUCTURAL, 'POST_RANGE')).toMatchObject({ passed: true, params: { level: 'IV.a', from: 'III/c', to: 'III/d' } });
    expect(rule({ ...ELIGIBLE.STRUCTURAL, currentGrade: 'III/c', toGrade: 'III/d' }, 'POST_RANGE').passed).toBe(true);
    expect(rule({ ...ELIGIBLE.STRUCTURAL, currentGrade: 'III/d', toGrade: 'IV/a' }, 'POST_RANGE')).toMatchObject({
      passed: false,
      code: 'POST_RANGE.OUT_OF_RANGE',
    });
    expect(rule({ ...ELIGIBLE.STRUCTURAL, currentGrade: 'III/a', toGrade: 'III/b' }, 'POST_RANGE').passed).toBe(false);
  });

  test('FUNCTIONAL: the top of the jenjang range passes, above it fails', () => {
    expect(rule(ELIGIBLE.FUNCTIONAL, 'POST_RANGE')).toMatchObject({ passed: true, params: { level: 'AHLI_PERTAMA', to: 'III/b' } });
    expect(rule({ ...ELIGIBLE.FUNCTIONAL, currentGrade: 'III/b', toGrade: 'III/c' }, 'POST_RANGE').passed).toBe(false);
  });

  test('a post without eselon or jenjang fails', () => {
    const input = withEmployee(ELIGIBLE.FUNCTIONAL, { post: pelaksana(), postHistory: history(pelaksana()) });
    expect(rule(input, 'POST_RANGE')).toMatchObject({ passed: false, code: 'POST_RANGE.NO_POST_LEVEL' });
    const structural = withEmployee(ELIGIBLE.STRUCTURAL, { post: pelaksana(), postHistory: history(pelaksana()) });
    expect(rule(structural, 'POST_RANGE').code).toBe('POST_RANGE.NO_POST_LEVEL');
  });
});

describe('TIME_IN_GRADE', () => {
  test.each<[PromotionKind, number]>([
    ['REGULAR', 4],
    ['STRUCTURAL', 1],
    ['FUNCTIONAL', 2],
    ['DIPLOMA_ADJUSTMENT', 1],
    ['OUTSTANDING', 1],
  ])('%s: exactly %i years on the TMT passes, one day short fails', (kind, years) => {
    const input = ELIGIBLE[kind];
    const exact = `${2027 - years}-01-01`;
    expect(rule({ ...input, gradeSince: exact }, 'TIME_IN_GRADE')).toMatchObject({
      passed: true,
      code: 'TIME_IN_GRADE.MET',
      params: { requiredYears: years, gradeSince: exact, eligibleFrom: TMT, effectiveDate: TMT },
    });
    const short = rule({ ...input, gradeSince: `${2027 - years}-01-02` }, 'TIME_IN_GRADE');
    expect(short).toMatchObject({ passed: false, code: 'TIME_IN_GRADE.SHORT', params: { eligibleFrom: '2027-01-02' } });
  });

  test('measured to the TMT, not the proposal date', () => {
    expect(
      rule({ ...ELIGIBLE.REGULAR, gradeSince: '2022-12-15', effectiveDate: '2026-12-01', proposedOn: '2026-11-20' }, 'TIME_IN_GRADE')
        .passed,
    ).toBe(false);
    expect(rule({ ...ELIGIBLE.REGULAR, gradeSince: '2022-12-15' }, 'TIME_IN_GRADE').passed).toBe(true);
  });

  test('STRUCTURAL needs 4 years once the grade is within the eselon range', () => {
    const within = { ...ELIGIBLE.STRUCTURAL, currentGrade: 'III/c' as const, toGrade: 'III/d' as const };
    expect(rule({ ...within, gradeSince: '2023-01-01' }, 'TIME_IN_GRADE')).toMatchObject({
      passed: true,
      params: { requiredYears: 4, belowPostRange: false },
    });
    expect(rule({ ...within, gradeSince: '2023-01-02' }, 'TIME_IN_GRADE').passed).toBe(false);
    expect(rule(ELIGIBLE.STRUCTURAL, 'TIME_IN_GRADE').params).toMatchObject({ requiredYears: 1, belowPostRange: true });
    const twoBelow = { ...ELIGIBLE.STRUCTURAL, currentGrade: 'III/a' as const, toGrade: 'III/b' as const };
    expect(rule(twoBelow, 'TIME_IN_GRADE').params?.requiredYears).toBe(4);
  });
});

describe('TIME_IN_POST (STRUCTURAL)', () => {
  test('exactly one year since installation on the TMT passes, one day short fails', () => {
    expect(rule(ELIGIBLE.STRUCTURAL, 'TIME_IN_POST')).toMatchObject({
      passed: true,
      code: 'TIME_IN_POST.MET',
      params: { installedOn: '2026-01-01' },
    });
    const short = withEmployee(ELIGIBLE.STRUCTURAL, {
      post: pengawas('2026-01-02'),
      postHistory: history(pelaksana(), pengawas('2026-01-02')),
    });
    expect(rule(short, 'TIME_IN_POST')).toMatchObject({
      passed: false,
      code: 'TIME_IN_POST.SHORT',
      params: { eligibleFrom: '2027-01-02' },
    });
  });

  test('a rotation between posts of the same type keeps the clock; a change of type restarts it', () => {
    const rotated = [pelaksana(), pengawas('2025-06-01'), pengawas('2026-09-01', 'Kepala Seksi Data')];
    expect(rule(withEmployee(ELIGIBLE.STRUCTURAL, { post: rotated[2], postHistory: history(...rotated) }), 'TIME_IN_POST')).toMatchObject({
      passed: true,
      params: { installedOn: '2025-06-01' },
    });
    const admin: Post = { type: 'ADMINISTRATOR', title: 'Sekretaris', eselon: 'III.b', jenjang: null, since: '2026-09-01' };
    const changed = [pelaksana(), pengawas('2025-06-01'), admin];
    expect(rule(withEmployee(ELIGIBLE.STRUCTURAL, { post: admin, postHistory: history(...changed) }), 'TIME_IN_POST')).toMatchObject({
      passed: false,
      params: { installedOn: '2026-09-01' },
    });
  });

  test('without a structural post it fails', () => {
    const input = withEmployee(ELIGIBLE.STRUCTURAL, { post: pelaksana(), postHistory: history(pelaksana()) });
    expect(rule(input, 'TIME_IN_POST')).toMatchObject({ passed: false, code: 'TIME_IN_POST.NOT_STRUCTURAL' });
  });
});

describe('APPRAISALS', () => {
  test.each(KINDS.filter((k) => k !== 'OUTSTANDING'))(
    '%s: BAIK in each of the two years before passes; BUTUH_PERBAIKAN or a gap fails',
    (kind) => {
      const input = ELIGIBLE[kind];
      const both = (first: 'BAIK' | 'SANGAT_BAIK' | 'BUTUH_PERBAIKAN') => ({
        ...input,
        appraisals: [
          { period: 2024, predicate: first },
          { period: 2025, predicate: 'BAIK' as const },
        ],
      });
      expect(rule(both('BAIK'), 'APPRAISALS')).toMatchObject({
        passed: true,
        code: 'APPRAISALS.MET',
        params: { years: '2024,2025', predicate2024: 'BAIK' },
      });
      expect(rule(both('BUTUH_PERBAIKAN'), 'APPRAISALS')).toMatchObject({
        passed: false,
        code: 'APPRAISALS.BELOW',
        params: { below: '2024' },
      });
      const gap = {
        ...input,
        appraisals: [
          { period: 2025, predicate: 'SANGAT_BAIK' as const },
          { period: 2023, predicate: 'BAIK' as const },
        ],
      };
      expect(rule(gap, 'APPRAISALS')).toMatchObject({
        passed: false,
        code: 'APPRAISALS.MISSING',
        params: { missing: '2024', predicate2024: null },
      });
    },
  );

  test('OUTSTANDING: SANGAT_BAIK in the year before passes, BAIK fails, none fails', () => {
    expect(rule(ELIGIBLE.OUTSTANDING, 'APPRAISALS')).toMatchObject({ passed: true, params: { minimum: 'SANGAT_BAIK', years: '2025' } });
    expect(rule({ ...ELIGIBLE.OUTSTANDING, appraisals: [{ period: 2025, predicate: 'BAIK' }] }, 'APPRAISALS').code).toBe(
      'APPRAISALS.BELOW',
    );
    expect(rule({ ...ELIGIBLE.OUTSTANDING, appraisals: [{ period: 2024, predicate: 'SANGAT_BAIK' }] }, 'APPRAISALS').code).toBe(
      'APPRAISALS.MISSING',
    );
  });

  test('the years follow the proposal’s year, not the TMT’s', () => {
    const input = { ...ELIGIBLE.REGULAR, proposedOn: '2027-01-05', effectiveDate: '2027-02-01' };
    expect(rule(input, 'APPRAISALS')).toMatchObject({ passed: false, params: { years: '2025,2026', missing: '2026' } });
  });
});

describe('SERVICE_EXAM', () => {
  const crossing = { ...ELIGIBLE.REGULAR, currentGrade: 'II/d' as const, toGrade: 'III/a' as const };
  test('not crossing an exam boundary passes', () => {
    expect(rule(ELIGIBLE.REGULAR, 'SERVICE_EXAM')).toMatchObject({ passed: true, code: 'SERVICE_EXAM.NOT_CROSSING' });
  });

  test('II/d → III/a with SLTA needs Tingkat I: missing fails, Tingkat I or II passes', () => {
    const slta = withEmployee(crossing, { education: 'SLTA' });
    expect(rule(slta, 'SERVICE_EXAM')).toMatchObject({ passed: false, code: 'SERVICE_EXAM.MISSING', params: { level: 1 } });
    expect(needsServiceExam(slta, REF)).toBe(true);
    const tingkat1 = withEmployee(slta, { serviceExams: [{ level: 1, passedOn: '2024-05-01', certificateNo: 'UD-1' }] });
    expect(rule(tingkat1, 'SERVICE_EXAM')).toMatchObject({ passed: true, code: 'SERVICE_EXAM.MET' });
    const tingkat2 = withEmployee(slta, { serviceExams: [{ level: 2, passedOn: '2024-05-01', certificateNo: 'UD-2' }] });
    expect(rule(tingkat2, 'SERVICE_EXAM').passed).toBe(true);
  });

  test('D4 and above exempt II/d → III/a; S2 exempts III/d → IV/a, S1 does not', () => {
    expect(rule(withEmployee(crossing, { education: 'D4' }), 'SERVICE_EXAM')).toMatchObject({ passed: true, code: 'SERVICE_EXAM.EXEMPT' });
    expect(needsServiceExam(withEmployee(crossing, { education: 'D4' }), REF)).toBe(false);
    const structural = withEmployee(
      { ...ELIGIBLE.STRUCTURAL, currentGrade: 'III/d', toGrade: 'IV/a' },
      { post: { ...pengawas('2020-01-01'), type: 'ADMINISTRATOR', eselon: 'III.b' } },
    );
    expect(rule(structural, 'SERVICE_EXAM')).toMatchObject({ passed: false, params: { level: 2 } });
    expect(
      rule(withEmployee(structural, { serviceExams: [{ level: 1, passedOn: '2020-01-01', certificateNo: 'UD-1' }] }), 'SERVICE_EXAM')
        .passed,
    ).toBe(false);
    expect(rule(withEmployee(structural, { education: 'S2' }), 'SERVICE_EXAM').code).toBe('SERVICE_EXAM.EXEMPT');
  });

  test('only REGULAR and STRUCTURAL need it', () => {
    expect(
      needsServiceExam(
        {
          ...ELIGIBLE.OUTSTANDING,
          currentGrade: 'II/d',
          toGrade: 'III/a',
          employee: { ...ELIGIBLE.OUTSTANDING.employee, education: 'SLTA' },
        },
        REF,
      ),
    ).toBe(false);
  });
});

describe('CREDIT_POINTS (FUNCTIONAL)', () => {
  const withPak = (points: number) =>
    withEmployee(ELIGIBLE.FUNCTIONAL, { creditPointStatements: [{ pakNumber: 'PAK/01/2026', statedOn: '2026-01-20', points }] });
  test('exactly the target passes; 0.25 short fails', () => {
    expect(rule(withPak(50), 'CREDIT_POINTS')).toMatchObject({
      passed: true,
      code: 'CREDIT_POINTS.MET',
      params: { points: 50, target: 50, jenjang: 'AHLI_PERTAMA' },
    });
    expect(rule(withPak(49.75), 'CREDIT_POINTS')).toMatchObject({
      passed: false,
      code: 'CREDIT_POINTS.SHORT',
      params: { points: 49.75, shortfall: 0.25 },
    });
  });

  test('from appraisals alone: 18.75 + 18.75 + 12.5 reaches 50, one BAIK less SANGAT_BAIK does not', () => {
    const input = {
      ...ELIGIBLE.FUNCTIONAL,
      gradeSince: '2022-10-01',
      employee: { ...ELIGIBLE.FUNCTIONAL.employee, creditPointStatements: [] },
      appraisals: [
        { period: 2023, predicate: 'SANGAT_BAIK' as const },
        { period: 2024, predicate: 'SANGAT_BAIK' as const },
        { period: 2025, predicate: 'BAIK' as const },
      ],
    };
    expect(rule(input, 'CREDIT_POINTS').passed).toBe(true);
    const fewer = {
      ...input,
      appraisals: [...input.appraisals.slice(0, 1), { period: 2024, predicate: 'BAIK' as const }, input.appraisals[2]],
    };
    expect(rule(fewer, 'CREDIT_POINTS')).toMatchObject({ passed: false, params: { points: 43.75 } });
  });

  test('outside a functional post there is no target and it fails', () => {
    expect(rule(withEmployee(ELIGIBLE.FUNCTIONAL, { post: pelaksana(), postHistory: history(pelaksana()) }), 'CREDIT_POINTS').code).toBe(
      'CREDIT_POINTS.NO_JENJANG',
    );
  });
});

describe('EDUCATION (DIPLOMA_ADJUSTMENT)', () => {
  const input = ELIGIBLE.DIPLOMA_ADJUSTMENT;
  test('a diploma whose entry grade is the target, with a study permit, passes', () => {
    expect(rule(input, 'EDUCATION')).toMatchObject({
      passed: true,
      code: 'EDUCATION.MET',
      params: { level: 'S1', studyPermitNumber: 'IB/800/2022' },
    });
    expect(rule(withEmployee(input, { educationHistory: [diploma('D4')] }), 'EDUCATION').passed).toBe(true);
  });

  test('without a study permit it fails', () => {
    expect(rule(withEmployee(input, { educationHistory: [diploma('S1', false)] }), 'EDUCATION')).toMatchObject({
      passed: false,
      code: 'EDUCATION.NO_STUDY_PERMIT',
    });
    // Known only from registration: no permit on record.
    expect(rule(withEmployee(input, { education: 'S1', educationHistory: [] }), 'EDUCATION').code).toBe('EDUCATION.NO_STUDY_PERMIT');
  });

  test('a target that is no diploma’s entry grade fails; so does one not above the current grade', () => {
    expect(rule({ ...input, toGrade: 'III/b' }, 'EDUCATION')).toMatchObject({ passed: false, code: 'EDUCATION.NO_MATCHING_LEVEL' });
    expect(rule({ ...input, currentGrade: 'III/a' }, 'EDUCATION')).toMatchObject({ passed: false, code: 'EDUCATION.NOT_ABOVE' });
    expect(rule({ ...input, currentGrade: 'III/b' }, 'EDUCATION').code).toBe('EDUCATION.NOT_ABOVE');
  });
});

describe('NO_ACTIVE_SANCTION', () => {
  const sanction = (overrides: Partial<SanctionRecord>): SanctionRecord => ({
    sanctionId: 's1',
    level: 'MODERATE',
    type: 'ALLOWANCE_CUT_6M',
    reason: 'absence',
    decreeNumber: '800/1/2026',
    decreeDate: '2026-05-30',
    from: '2026-06-01',
    until: '2026-11-30',
    annulment: null,
    ...overrides,
  });
  const examination = (overrides: Partial<ExaminationRecord>): ExaminationRecord => ({
    examinationId: 'x1',
    openedOn: '2026-10-01',
    reason: 'complaint',
    closedOn: null,
    outcome: null,
    ...overrides,
  });

  test.each(KINDS)('%s: a sanction ending the day before passes, one ending on the date fails', (kind) => {
    expect(rule(withEmployee(ELIGIBLE[kind], { sanctions: [sanction({})] }), 'NO_ACTIVE_SANCTION').passed).toBe(true);
    expect(rule(withEmployee(ELIGIBLE[kind], { sanctions: [sanction({ until: PROPOSED_ON })] }), 'NO_ACTIVE_SANCTION')).toMatchObject({
      passed: false,
      code: 'NO_ACTIVE_SANCTION.SANCTION',
      params: { sanctionId: 's1', level: 'MODERATE', until: PROPOSED_ON },
    });
  });

  test.each<[string, Partial<SanctionRecord>, boolean]>([
    ['starting the day after', { from: '2026-12-02', until: '2027-11-30' }, true],
    ['starting on the date', { from: PROPOSED_ON, until: '2027-11-30' }, false],
    ['annulled', { until: '2027-05-31', annulment: { decreeNumber: 'PTUN/1', decreeDate: '2026-10-01', reason: 'overturned' } }, true],
    ['LIGHT', { level: 'LIGHT', type: 'WRITTEN_REPRIMAND', until: null }, true],
    ['SEVERE demotion being served', { level: 'SEVERE', type: 'DEMOTION_12M', until: '2027-05-31' }, false],
    ['SEVERE discharge (permanent)', { level: 'SEVERE', type: 'DISCHARGE', until: null }, false],
  ])('a sanction %s: passes %s', (_, overrides, passed) => {
    expect(rule(withEmployee(ELIGIBLE.REGULAR, { sanctions: [sanction(overrides)] }), 'NO_ACTIVE_SANCTION').passed).toBe(passed);
  });

  test.each<[string, Partial<ExaminationRecord>, boolean]>([
    ['closed the day before', { closedOn: '2026-11-30' }, true],
    ['closed on the date', { closedOn: PROPOSED_ON }, true],
    ['closed the day after', { closedOn: '2026-12-02' }, false],
    ['still open', {}, false],
    ['opened on the date', { openedOn: PROPOSED_ON }, false],
    ['opened the day after', { openedOn: '2026-12-02' }, true],
  ])('an examination %s: passes %s', (_, overrides, passed) => {
    const outcome = rule(withEmployee(ELIGIBLE.REGULAR, { examinations: [examination(overrides)] }), 'NO_ACTIVE_SANCTION');
    expect(outcome.passed).toBe(passed);
    if (!passed) expect(outcome.code).toBe('NO_ACTIVE_SANCTION.EXAMINATION');
  });

  test('activeSanctionOn returns what blocks on a date (used again for the decree)', () => {
    const record = {
      sanctions: [sanction({}), sanction({ sanctionId: 's2', from: '2027-01-01', until: '2027-06-30' })],
      examinations: [examination({ closedOn: '2027-01-10' })],
    };
    expect(activeSanctionOn(record, '2026-11-30').sanctions.map((s) => s.sanctionId)).toEqual(['s1']);
    expect(activeSanctionOn(record, '2027-01-05')).toMatchObject({
      sanctions: [{ sanctionId: 's2' }],
      examinations: [{ examinationId: 'x1' }],
    });
    expect(activeSanctionOn(record, '2027-07-01')).toEqual({ sanctions: [], examinations: [] });
  });
});

describe('TRAINING_HOURS (advisory)', () => {
  test.each(KINDS)('%s: 20 JP in the previous year passes; 19 fails without blocking', (kind) => {
    expect(rule(ELIGIBLE[kind], 'TRAINING_HOURS')).toMatchObject({ passed: true, blocking: false, params: { year: 2025, hours: 20 } });
    const short = {
      ...ELIGIBLE[kind],
      trainings: [
        { hours: 19, completedOn: '2025-06-01' },
        { hours: 40, completedOn: '2026-02-01' },
      ],
    };
    const rules = evaluateKp(short, REF);
    expect(rules.find((r) => r.rule === 'TRAINING_HOURS')).toMatchObject({ passed: false, blocking: false, code: 'TRAINING_HOURS.SHORT' });
    expect(isEligible(rules)).toBe(true);
  });
});

describe('isEligible', () => {
  test('any failed blocking rule makes the case ineligible', () => {
    const rules = evaluateKp({ ...ELIGIBLE.REGULAR, gradeSince: '2023-01-02' }, REF);
    expect(isEligible(rules)).toBe(false);
    expect(rules.filter((r) => !r.passed).map((r) => r.rule)).toEqual(['TIME_IN_GRADE']);
  });
});

describe('isEligible on outcomes without the blocking flag', () => {
  test('a failed outcome recorded before `blocking` existed still blocks', () => {
    const legacy = { rule: 'TIME_IN_GRADE', passed: false, detail: 'short' } as unknown as RuleOutcome;
    expect(isEligible([legacy])).toBe(false);
  });
});
