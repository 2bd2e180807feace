import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { GRADES } from '../grade.js';
import {
  berkasFor,
  compareReferenceVersions,
  decreeAuthorityFor,
  entryGrade,
  eselonRange,
  highestEducation,
  isKpPeriodDate,
  jenjangRange,
  kpDatesBetween,
  kpMonthsOn,
  nationalHolidays,
  parseReferenceData,
  rankName,
  regularCeiling,
  rowInForce,
  serviceExamFor,
} from './reference.js';

const RAW: unknown = JSON.parse(readFileSync(new URL('../../../../reference/national-2026.1.json', import.meta.url), 'utf8'));
const REF = parseReferenceData(RAW);

// Breaking the document on purpose needs untyped access to it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type BrokenDoc = Record<string, any>;

/** A deep copy of the shipped document with one change. */
function broken(change: (doc: BrokenDoc) => void): unknown {
  const doc = structuredClone(RAW) as BrokenDoc;
  change(doc);
  return doc;
}

function problemsOf(raw: unknown): string {
  try {
    parseReferenceData(raw);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the document to be refused');
}

describe('parseReferenceData', () => {
  test('accepts the shipped national-2026.1.json as it is', () => {
    expect(REF.version).toBe('2026.1');
    expect(REF.kpPeriods).toHaveLength(3);
  });

  test.each<[string, (doc: BrokenDoc) => void, string]>([
    ['a grade that is no grade', (d) => (d.education.entryGrade.S1 = 'III/f'), 'education.entryGrade.S1: must be a grade'],
    ['a missing education level in a table', (d) => delete d.education.regularCeiling.D3, 'education.regularCeiling: is missing D3'],
    [
      'a missing education level in the list',
      (d) => (d.education.levels = d.education.levels.filter((l: string) => l !== 'S3')),
      'education.levels: is missing S3',
    ],
    [
      'a reversed eselon range',
      (d) => (d.eselonRanges.ranges['II.b'] = { from: 'IV/c', to: 'IV/b' }),
      'eselonRanges.ranges.II.b: runs backwards',
    ],
    [
      'a reversed jenjang range',
      (d) => (d.jenjangRanges.ranges.MAHIR = { from: 'III/b', to: 'III/a' }),
      'jenjangRanges.ranges.MAHIR: runs backwards',
    ],
    ['a missing eselon', (d) => delete d.eselonRanges.ranges['IV.b'], 'eselonRanges.ranges: is missing IV.b'],
    ['a missing jenjang', (d) => delete d.creditPoints.target.AHLI_UTAMA, 'creditPoints.target: is missing AHLI_UTAMA'],
    ['month 13', (d) => d.kpPeriods[1].months.push(13), 'kpPeriods[1].months[6]: must be a month 1–12'],
    ['month 0', (d) => (d.kpPeriods[0].months = [0]), 'kpPeriods[0].months[0]: must be a month 1–12'],
    ['a non-ISO date', (d) => (d.kpPeriods[2].validFrom = '2025-10-1'), 'kpPeriods[2].validFrom: must be a YYYY-MM-DD date'],
    ['period rows out of order', (d) => (d.kpPeriods[1].validFrom = '1999-01-01'), 'kpPeriods[1].validFrom: must come after'],
    ['a holiday filed under the wrong year', (d) => d.holidays['2024'].push('2025-03-03'), 'holidays.2024[29]: 2025-03-03 is not in 2024'],
    ['an impossible holiday', (d) => d.holidays['2026'].push('2026-02-30'), 'holidays.2026[24]: must be a YYYY-MM-DD date'],
    [
      'a share above 150 %',
      (d) => (d.creditPoints.predicateShare.SANGAT_BAIK = 1.75),
      'creditPoints.predicateShare.SANGAT_BAIK: must be a multiple of 0.25 from 0 to 1.5',
    ],
    [
      'a share that breaks exact arithmetic',
      (d) => (d.creditPoints.predicateShare.BAIK = 0.9),
      'creditPoints.predicateShare.BAIK: must be a multiple of 0.25',
    ],
    ['a worse predikat earning more', (d) => (d.creditPoints.predicateShare.KURANG = 1), 'KURANG earns more than BUTUH_PERBAIKAN'],
    ['a missing predikat share', (d) => delete d.creditPoints.predicateShare.KURANG, 'creditPoints.predicateShare: is missing KURANG'],
    [
      'a distribution share above 1',
      (d) => (d.distribution.bounds.ISTIMEWA[0].maxShare = 7),
      'distribution.bounds.ISTIMEWA[0].maxShare: must be a share from 0 to 1',
    ],
    ['a missing rating', (d) => delete d.distribution.bounds.KURANG, 'distribution.bounds: is missing KURANG'],
    ['an unknown document type', (d) => d.documents.byKind.REGULAR.push('SELFIE'), 'documents.byKind.REGULAR[0]: is not a document type'],
    ['a missing kind', (d) => delete d.documents.byKind.OUTSTANDING, 'documents.byKind: is missing OUTSTANDING'],
    ['a missing rank name', (d) => delete d.rankNames['IV/e'], 'rankNames: is missing IV/e'],
    [
      'a service exam crossing downwards',
      (d) => (d.serviceExams.crossings[0].to = 'II/c'),
      'serviceExams.crossings[0]: must cross upwards',
    ],
    ['a bad version', (d) => (d.version = 'v2026'), 'version: must be dotted numbers'],
    [
      'entry grade above the ceiling',
      (d) => (d.education.entryGrade.SD = 'II/b'),
      'education.SD: entry grade II/b is above the reguler ceiling II/a',
    ],
  ])('refuses %s', (_, change, expected) => {
    expect(problemsOf(broken(change))).toContain(expected);
  });

  test('lists every problem at once', () => {
    const message = problemsOf(
      broken((d) => {
        d.education.entryGrade.S1 = 'III/f';
        delete d.education.regularCeiling.D3;
        d.eselonRanges.ranges['II.b'] = { from: 'IV/c', to: 'IV/b' };
      }),
    );
    expect(message).toMatch(/^Invalid national reference data \(3 problems\)/);
    expect(message).toContain('III/f');
    expect(message).toContain('D3');
    expect(message).toContain('II.b');
  });

  test('refuses what is not an object', () => {
    expect(problemsOf(null)).toContain('reference: must be an object');
    expect(problemsOf([])).toContain('reference: must be an object');
  });
});

describe('KP periods', () => {
  test('the table in force on a date: 1 April and 1 October until 2023, six a year in 2024 to 2025-09, then every month', () => {
    expect(kpMonthsOn(REF, '2023-12-31')).toEqual([4, 10]);
    expect(kpMonthsOn(REF, '2024-01-01')).toEqual([2, 4, 6, 8, 10, 12]);
    expect(kpMonthsOn(REF, '2025-09-30')).toEqual([2, 4, 6, 8, 10, 12]);
    expect(kpMonthsOn(REF, '2025-10-01')).toHaveLength(12);
    expect(kpMonthsOn(REF, '1999-12-31')).toEqual([]);
  });

  test('a KP date is the 1st of a month of the table in force on that very date', () => {
    expect(isKpPeriodDate(REF, '2023-10-01')).toBe(true);
    expect(isKpPeriodDate(REF, '2023-12-01')).toBe(false);
    expect(isKpPeriodDate(REF, '2024-02-01')).toBe(true);
    expect(isKpPeriodDate(REF, '2024-03-01')).toBe(false);
    expect(isKpPeriodDate(REF, '2025-09-01')).toBe(false);
    expect(isKpPeriodDate(REF, '2025-10-01')).toBe(true);
    expect(isKpPeriodDate(REF, '2025-11-01')).toBe(true);
    expect(isKpPeriodDate(REF, '2025-11-02')).toBe(false);
    expect(isKpPeriodDate(REF, 'not-a-date')).toBe(false);
  });

  test('kpDatesBetween lists the coming TMTs across a change of table, both ends inclusive', () => {
    expect(kpDatesBetween(REF, '2025-06-01', '2025-12-01')).toEqual(['2025-06-01', '2025-08-01', '2025-10-01', '2025-11-01', '2025-12-01']);
    expect(kpDatesBetween(REF, '2023-04-02', '2024-02-01')).toEqual(['2023-10-01', '2024-02-01']);
    expect(kpDatesBetween(REF, '2026-02-01', '2026-01-01')).toEqual([]);
  });

  test('kpDatesBetween agrees with isKpPeriodDate on every day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 * 30 }), fc.integer({ min: 0, max: 800 }), (startDay, span) => {
        const day = (n: number) => new Date(Date.UTC(2022, 0, 1 + n)).toISOString().slice(0, 10);
        const [from, to] = [day(startDay), day(startDay + span)];
        const expected: string[] = [];
        for (let n = startDay; n <= startDay + span; n++) if (isKpPeriodDate(REF, day(n))) expected.push(day(n));
        expect(kpDatesBetween(REF, from, to)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  test('rowInForce takes the latest row from on or before the date, in any order', () => {
    const rows = [
      { validFrom: '2024-01-01', n: 2 },
      { validFrom: '2000-01-01', n: 1 },
    ];
    expect(rowInForce(rows, '2023-12-31')?.n).toBe(1);
    expect(rowInForce(rows, '2024-01-01')?.n).toBe(2);
    expect(rowInForce(rows, '1999-01-01')).toBeNull();
  });
});

describe('lookups', () => {
  test('rank names cover every grade', () => {
    expect(rankName(REF, 'III/a')).toBe('Penata Muda');
    expect(rankName(REF, 'IV/e')).toBe('Pembina Utama');
    for (const grade of GRADES) expect(rankName(REF, grade)).toBeTruthy();
  });

  test('national holidays of several years, sorted and without repeats', () => {
    const days = nationalHolidays(REF, [2026, 2025, 2026, 1990]);
    expect(days).toHaveLength(REF.holidays['2025'].length + REF.holidays['2026'].length);
    expect(days).toEqual([...days].sort());
    expect(days[0]).toBe('2025-01-01');
  });

  test('education tables', () => {
    expect(entryGrade(REF, 'D4')).toBe('III/a');
    expect(entryGrade(REF, 'S2')).toBe('III/b');
    expect(regularCeiling(REF, 'SLTA')).toBe('III/b');
    expect(regularCeiling(REF, 'S3')).toBe('IV/b');
  });

  test('eselon and jenjang ranges', () => {
    expect(eselonRange(REF, 'IV.a')).toEqual({ from: 'III/c', to: 'III/d' });
    expect(jenjangRange(REF, 'AHLI_MADYA')).toEqual({ from: 'IV/a', to: 'IV/c' });
  });

  test('decree authority: the PPK up to IV/b, the President from IV/c', () => {
    expect(decreeAuthorityFor(REF, 'IV/b')).toBe('PPK');
    expect(decreeAuthorityFor(REF, 'II/a')).toBe('PPK');
    expect(decreeAuthorityFor(REF, 'IV/c')).toBe('PRESIDENT');
    expect(decreeAuthorityFor(REF, 'IV/e')).toBe('PRESIDENT');
  });

  test('service exams: level by crossing, exempted by education, none elsewhere', () => {
    expect(serviceExamFor(REF, 'II/d', 'III/a', 'SLTA')).toBe(1);
    expect(serviceExamFor(REF, 'II/d', 'III/a', 'D3')).toBe(1);
    expect(serviceExamFor(REF, 'II/d', 'III/a', 'D4')).toBeNull();
    expect(serviceExamFor(REF, 'II/d', 'III/a', 'S1')).toBeNull();
    expect(serviceExamFor(REF, 'II/d', 'III/a', null)).toBe(1);
    expect(serviceExamFor(REF, 'III/d', 'IV/a', 'S1')).toBe(2);
    expect(serviceExamFor(REF, 'III/d', 'IV/a', 'S2')).toBeNull();
    expect(serviceExamFor(REF, 'III/c', 'III/d', 'SLTA')).toBeNull();
    expect(serviceExamFor(REF, 'II/c', 'III/b', 'D3')).toBe(1);
    expect(serviceExamFor(REF, 'II/c', 'IV/b', 'D3')).toBe(2);
  });

  test('berkas: all kinds, the kind, the service exam, derived ones flagged', () => {
    expect(berkasFor(REF, 'REGULAR', false)).toEqual([
      { type: 'LAST_GRADE_DECREE', derived: false },
      { type: 'APPRAISALS', derived: true },
    ]);
    expect(berkasFor(REF, 'FUNCTIONAL', false)).toEqual([
      { type: 'LAST_GRADE_DECREE', derived: false },
      { type: 'APPRAISALS', derived: true },
      { type: 'FUNCTIONAL_POST_DECREE', derived: false },
      { type: 'CREDIT_POINTS', derived: true },
    ]);
    expect(berkasFor(REF, 'STRUCTURAL', true).map((d) => d.type)).toEqual([
      'LAST_GRADE_DECREE',
      'APPRAISALS',
      'POST_DECREE',
      'INSTALLATION_RECORD',
      'SERVICE_EXAM_CERTIFICATE',
    ]);
    expect(berkasFor(REF, 'DIPLOMA_ADJUSTMENT', false).map((d) => d.type)).toEqual([
      'LAST_GRADE_DECREE',
      'APPRAISALS',
      'DIPLOMA',
      'TRANSCRIPT',
      'STUDY_PERMIT',
      'ADJUSTMENT_EXAM_CERTIFICATE',
    ]);
    expect(berkasFor(REF, 'OUTSTANDING', false).map((d) => d.type)).toEqual(['LAST_GRADE_DECREE', 'APPRAISALS', 'AWARD_DECREE']);
  });

  test('highestEducation', () => {
    expect(highestEducation(['SLTA', 'S1', 'D3'])).toBe('S1');
    expect(highestEducation(['D4', 'S1'])).toBe('S1');
    expect(highestEducation([null, 'SD', undefined])).toBe('SD');
    expect(highestEducation([])).toBeNull();
  });

  test('versions compare numerically per dot part', () => {
    expect(compareReferenceVersions('2026.10', '2026.2')).toBeGreaterThan(0);
    expect(compareReferenceVersions('2026.1', '2026.1.0')).toBe(0);
    expect(compareReferenceVersions('2025.9', '2026.1')).toBeLessThan(0);
  });
});
