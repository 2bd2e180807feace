import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { PREDICATES } from '../appraisal.js';
import type { Post, Predicate } from '../events.js';
import type { CreditPointStatement, PostRecord } from '../employee/employee.state.js';
import { parseReferenceData } from '../reference/reference.js';
import type { Jenjang } from '../reference/reference-data.js';
import { CREDIT_POINT_UNITS, creditPointsSinceLastPromotion, roundCreditPoints, type CreditPointInput } from './credit-points.js';

const REF = parseReferenceData(JSON.parse(readFileSync(new URL('../../../../reference/national-2026.1.json', import.meta.url), 'utf8')));

const functional = (jenjang: Jenjang, since: string): Post => ({ type: 'FUNGSIONAL', title: 'Analis', eselon: null, jenjang, since });
const record = (post: Post): PostRecord => ({ unitId: 'u1', post, superiorNip: null, since: post.since, reason: 'REGISTRATION' });

function input(overrides: {
  gradeSince?: string;
  appraisals?: [number, Predicate][];
  paks?: CreditPointStatement[];
  posts?: Post[];
  asOf?: string;
}): CreditPointInput {
  const posts = overrides.posts ?? [functional('AHLI_PERTAMA', '2020-04-01')];
  return {
    gradeSince: overrides.gradeSince ?? '2022-04-01',
    appraisals: (overrides.appraisals ?? []).map(([period, predicate]) => ({ period, predicate })),
    employee: { post: posts[posts.length - 1], postHistory: posts.map(record), creditPointStatements: overrides.paks ?? [] },
    asOf: overrides.asOf,
  };
}
const pak = (statedOn: string, points: number): CreditPointStatement => ({ pakNumber: `PAK-${statedOn}`, statedOn, points });

describe('creditPointsSinceLastPromotion', () => {
  test('each final annual predikat adds coefficient × share; the target is the current jenjang’s', () => {
    const result = creditPointsSinceLastPromotion(
      input({
        gradeSince: '2022-04-01',
        appraisals: [
          [2023, 'BAIK'],
          [2024, 'SANGAT_BAIK'],
          [2025, 'KURANG'],
        ],
      }),
      REF,
    );
    expect(result.points).toBe(12.5 + 18.75 + 6.25);
    expect(result.target).toBe(50);
    expect(result.reached).toBe(false);
    expect(result.shortfall).toBe(12.5);
    expect(result.basis.years.map((y) => y.points)).toEqual([12.5, 18.75, 6.25]);
  });

  test('years before 2023 accrue nothing from a predikat', () => {
    const result = creditPointsSinceLastPromotion(
      input({
        gradeSince: '2020-04-01',
        appraisals: [
          [2021, 'SANGAT_BAIK'],
          [2022, 'SANGAT_BAIK'],
          [2023, 'BAIK'],
        ],
      }),
      REF,
    );
    expect(result.points).toBe(12.5);
    expect(result.basis.fromYear).toBe(2023);
  });

  test('without a PAK, the year of the last KP counts (its predikat came after the KP was judged); earlier years do not', () => {
    const result = creditPointsSinceLastPromotion(
      input({
        gradeSince: '2024-04-01',
        appraisals: [
          [2023, 'SANGAT_BAIK'],
          [2024, 'SANGAT_BAIK'],
          [2025, 'BAIK'],
        ],
      }),
      REF,
    );
    expect(result.points).toBe(18.75 + 12.5);
    expect(result.basis).toMatchObject({ pak: null, fromYear: 2024 });
  });

  test('the latest PAK after the last KP is the base; its own year and the years after it add', () => {
    const paks = [pak('2023-03-01', 99), pak('2024-01-15', 20.125), pak('2023-06-30', 5)];
    const result = creditPointsSinceLastPromotion(
      input({
        gradeSince: '2023-01-01',
        paks,
        appraisals: [
          [2023, 'SANGAT_BAIK'],
          [2024, 'SANGAT_BAIK'],
          [2025, 'BAIK'],
        ],
      }),
      REF,
    );
    expect(result.basis.pak?.statedOn).toBe('2024-01-15');
    expect(result.basis.fromYear).toBe(2024);
    expect(result.points).toBe(20.125 + 18.75 + 12.5);
  });

  test('a PAK on or before the last KP’s TMT, or after the proposal date, is not the base', () => {
    const base = { gradeSince: '2023-04-01', appraisals: [[2024, 'BAIK']] as [number, Predicate][] };
    expect(creditPointsSinceLastPromotion(input({ ...base, paks: [pak('2023-04-01', 40)] }), REF).points).toBe(12.5);
    expect(creditPointsSinceLastPromotion(input({ ...base, paks: [pak('2022-12-01', 40)] }), REF).points).toBe(12.5);
    expect(creditPointsSinceLastPromotion(input({ ...base, paks: [pak('2023-04-02', 40)] }), REF).points).toBe(40 + 12.5);
    expect(creditPointsSinceLastPromotion(input({ ...base, paks: [pak('2026-03-01', 40)], asOf: '2026-02-01' }), REF).points).toBe(12.5);
  });

  test('one 0.25 step short fails, exactly on target reaches it (a carried-over PAK of 12.25 or 12.5)', () => {
    const appraisals: [number, Predicate][] = [
      [2023, 'BAIK'],
      [2024, 'BAIK'],
      [2025, 'BAIK'],
    ];
    const short = creditPointsSinceLastPromotion(input({ gradeSince: '2021-10-01', paks: [pak('2022-06-01', 12.25)], appraisals }), REF);
    expect(short).toMatchObject({ points: 49.75, target: 50, reached: false, shortfall: 0.25 });
    const exact = creditPointsSinceLastPromotion(input({ gradeSince: '2021-10-01', paks: [pak('2022-06-01', 12.5)], appraisals }), REF);
    expect(exact).toMatchObject({ points: 50, reached: true, shortfall: 0 });
  });

  test('three-decimal PAK points are compared exactly: 0.001 short fails', () => {
    const appraisals: [number, Predicate][] = [
      [2023, 'BAIK'],
      [2024, 'BAIK'],
      [2025, 'BAIK'],
    ];
    const result = creditPointsSinceLastPromotion(input({ gradeSince: '2021-10-01', paks: [pak('2022-06-01', 12.499)], appraisals }), REF);
    expect(result.reached).toBe(false);
    expect(roundCreditPoints(result.points)).toBe(49.999);
  });

  test('the coefficient is the jenjang held at the end of each year; the target the current one', () => {
    const posts = [functional('AHLI_PERTAMA', '2020-01-01'), functional('AHLI_MUDA', '2025-03-01')];
    const result = creditPointsSinceLastPromotion(
      input({
        gradeSince: '2022-04-01',
        posts,
        appraisals: [
          [2024, 'BAIK'],
          [2025, 'BAIK'],
        ],
      }),
      REF,
    );
    expect(result.basis.years.map((y) => [y.year, y.jenjang, y.points])).toEqual([
      [2024, 'AHLI_PERTAMA', 12.5],
      [2025, 'AHLI_MUDA', 25],
    ]);
    expect(result.target).toBe(100);
  });

  test('a year before the recorded posts falls back to the current jenjang; a year in a non-functional post accrues nothing', () => {
    const late = creditPointsSinceLastPromotion(input({ posts: [functional('MAHIR', '2025-06-01')], appraisals: [[2023, 'BAIK']] }), REF);
    expect(late.basis.years[0]).toMatchObject({ jenjang: 'MAHIR', points: 12.5 });
    const pelaksana: Post = { type: 'PELAKSANA', title: 'Staf', eselon: null, jenjang: null, since: '2020-01-01' };
    const moved = creditPointsSinceLastPromotion(
      input({
        posts: [pelaksana, functional('MAHIR', '2024-02-01')],
        appraisals: [
          [2023, 'SANGAT_BAIK'],
          [2024, 'BAIK'],
        ],
      }),
      REF,
    );
    expect(moved.points).toBe(12.5);
  });

  test('outside a functional post there is no target', () => {
    const pelaksana: Post = { type: 'PELAKSANA', title: 'Staf', eselon: null, jenjang: null, since: '2020-01-01' };
    expect(creditPointsSinceLastPromotion(input({ posts: [pelaksana], appraisals: [[2024, 'BAIK']] }), REF)).toMatchObject({
      points: 0,
      target: null,
      reached: null,
      shortfall: null,
    });
  });
});

const JENJANGS_SAMPLE: Jenjang[] = ['PEMULA', 'TERAMPIL', 'MAHIR', 'PENYELIA', 'AHLI_PERTAMA', 'AHLI_MUDA', 'AHLI_MADYA', 'AHLI_UTAMA'];
const years = fc.uniqueArray(fc.record({ year: fc.integer({ min: 2018, max: 2032 }), predicate: fc.constantFrom(...PREDICATES) }), {
  selector: (a) => a.year,
  maxLength: 12,
});
const gradeSinces = fc.integer({ min: 2018, max: 2030 }).map((y) => `${y}-04-01`);
const jenjangs = fc.constantFrom(...JENJANGS_SAMPLE);
const paks = fc.option(fc.record({ year: fc.integer({ min: 2018, max: 2032 }), thousandths: fc.integer({ min: 0, max: 300_000 }) }), {
  nil: null,
});

function build(
  gradeSince: string,
  jenjang: Jenjang,
  appraisals: { year: number; predicate: Predicate }[],
  p: { year: number; thousandths: number } | null,
) {
  return input({
    gradeSince,
    posts: [functional(jenjang, '2015-01-01')],
    appraisals: appraisals.map(({ year, predicate }) => [year, predicate]),
    paks: p ? [pak(`${p.year}-07-01`, p.thousandths / 1000)] : [],
  });
}

describe('creditPointsSinceLastPromotion: properties', () => {
  test('the order of appraisals does not matter', () => {
    fc.assert(
      fc.property(gradeSinces, jenjangs, years, paks, fc.integer(), (gradeSince, jenjang, appraisals, p, seed) => {
        const shuffled = [...appraisals].sort((a, b) => ((a.year * 7919 + seed) % 13) - ((b.year * 7919 + seed) % 13));
        expect(creditPointsSinceLastPromotion(build(gradeSince, jenjang, shuffled, p), REF).points).toBe(
          creditPointsSinceLastPromotion(build(gradeSince, jenjang, [...appraisals].reverse(), p), REF).points,
        );
      }),
    );
  });

  test('adding a year never lowers the points', () => {
    fc.assert(
      fc.property(
        gradeSinces,
        jenjangs,
        years,
        paks,
        fc.integer({ min: 2018, max: 2032 }),
        fc.constantFrom(...PREDICATES),
        (gradeSince, jenjang, appraisals, p, year, predicate) => {
          fc.pre(!appraisals.some((a) => a.year === year));
          const before = creditPointsSinceLastPromotion(build(gradeSince, jenjang, appraisals, p), REF).points;
          const after = creditPointsSinceLastPromotion(build(gradeSince, jenjang, [...appraisals, { year, predicate }], p), REF).points;
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  test('a PAK after the last KP is the base: its points plus exactly its year and later ones from 2023 on', () => {
    fc.assert(
      fc.property(gradeSinces, jenjangs, years, paks, (gradeSince, jenjang, appraisals, p) => {
        const result = creditPointsSinceLastPromotion(build(gradeSince, jenjang, appraisals, p), REF);
        const base = p !== null && `${p.year}-07-01` > gradeSince ? p : null;
        const fromYear = Math.max(2023, base ? base.year : Number(gradeSince.slice(0, 4)));
        // Integer sixteenths of a point, and thousandths for the PAK: an exact rational oracle.
        const sixteenths = appraisals
          .filter((a) => a.year >= fromYear)
          .reduce((sum, a) => sum + REF.creditPoints.annualCoefficient[jenjang] * 4 * REF.creditPoints.predicateShare[a.predicate] * 4, 0);
        const expectedUnits = (base ? base.thousandths * 16 : 0) + sixteenths * 1000;
        expect(Math.round(result.points * CREDIT_POINT_UNITS)).toBe(expectedUnits);
        expect(result.reached).toBe(expectedUnits >= REF.creditPoints.target[jenjang] * CREDIT_POINT_UNITS);
        expect(result.basis.pak?.points ?? null).toBe(base ? base.thousandths / 1000 : null);
      }),
    );
  });

  test('appraisals of the years before the PAK’s change nothing', () => {
    fc.assert(
      fc.property(
        jenjangs,
        years,
        fc.integer({ min: 2023, max: 2030 }),
        fc.integer({ min: 0, max: 100_000 }),
        (jenjang, appraisals, pakYear, thousandths) => {
          const p = { year: pakYear, thousandths };
          const later = appraisals.filter((a) => a.year >= pakYear);
          expect(creditPointsSinceLastPromotion(build('2018-04-01', jenjang, appraisals, p), REF).points).toBe(
            creditPointsSinceLastPromotion(build('2018-04-01', jenjang, later, p), REF).points,
          );
        },
      ),
    );
  });
});
