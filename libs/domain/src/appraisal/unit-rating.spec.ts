import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DeciderSpec } from '../../../testing/src/decider-spec.js';
import type { UnitRatingRecorded } from '../events.js';
import { parseReferenceData } from '../reference/reference.js';
import { curveCheck, unitRatingDecider, type RecordUnitRating } from './unit-rating.js';

const REF = parseReferenceData(JSON.parse(readFileSync(new URL('../../../../reference/national-2026.1.json', import.meta.url), 'utf8')));
const bounds = REF.distribution.bounds;

const metadata = { actor: '196512311990031004', roles: ['ppk' as const], agency: 'pemkot-langsa', now: '2026-03-02T03:00:00.000Z' };
const spec = DeciderSpec.for(unitRatingDecider);
const record = (data: Partial<RecordUnitRating['data']> = {}): RecordUnitRating => ({
  type: 'RecordUnitRating',
  data: { agencyId: 'pemkot-langsa', unitId: 'dinas-kesehatan', year: 2025, rating: 'BAIK', ...data },
  metadata,
});
const recorded = (data: Partial<UnitRatingRecorded['data']> = {}): UnitRatingRecorded => ({
  type: 'UnitRatingRecorded',
  data: { agencyId: 'pemkot-langsa', unitId: 'dinas-kesehatan', year: 2025, rating: 'BAIK', ...data },
});

describe('recording a unit rating', () => {
  test('records the rating of a unit for a year', () => {
    spec.given([]).when(record()).then([recorded()]);
  });

  test('a new rating for the same year replaces the old one', () => {
    spec
      .given([recorded()])
      .when(record({ rating: 'ISTIMEWA' }))
      .thenState((s) => expect(s.ratings['dinas-kesehatan/2025']).toBe('ISTIMEWA'));
  });

  test('the same rating again records nothing', () => {
    spec.given([recorded()]).when(record()).thenNothing();
  });

  test.each([
    [{ rating: 'BAGUS' as never }, 'rating'],
    [{ year: 1999 }, 'year'],
    [{ year: 2101 }, 'year'],
    [{ year: 2025.5 }, 'year'],
    [{ unitId: 'Dinas Kesehatan' }, 'unitId'],
  ])('refuses %j', (data, field) => {
    const error = spec.given([]).when(record(data)).thenThrows('VALIDATION_FAILED', 'UNIT_RATING.INVALID');
    expect(error.details).toEqual([expect.objectContaining({ field })]);
  });

  test("another agency's unit is not found", () => {
    spec
      .given([])
      .when(record({ agencyId: 'pemkab-aceh-timur' }))
      .thenThrows('NOT_FOUND', 'AGENCY.OTHER_AGENCY');
  });
});

describe('curveCheck', () => {
  const brokenOf = (checked: ReturnType<typeof curveCheck>) => checked.filter((b) => b.broken).map((b) => b.predicates);

  test('BAIK at exactly 70 % is within ≤ 70 %; no BUTUH_PERBAIKAN or KURANG breaks "at least one"', () => {
    const checked = curveCheck(bounds.BAIK, { BAIK: 7, SANGAT_BAIK: 3 });
    expect(checked).toEqual([
      { predicates: ['BAIK'], maxShare: 0.7, count: 7, share: 0.7, broken: false },
      { predicates: ['BUTUH_PERBAIKAN', 'KURANG'], minCount: 1, count: 0, share: 0, broken: true },
    ]);
  });

  test('one BUTUH_PERBAIKAN, or one KURANG, meets "at least one"', () => {
    expect(brokenOf(curveCheck(bounds.BAIK, { BAIK: 7, SANGAT_BAIK: 2, BUTUH_PERBAIKAN: 1 }))).toEqual([]);
    expect(brokenOf(curveCheck(bounds.BAIK, { BAIK: 7, SANGAT_BAIK: 2, KURANG: 1 }))).toEqual([]);
  });

  test('just above 70 % breaks ≤ 70 %', () => {
    expect(brokenOf(curveCheck(bounds.BAIK, { BAIK: 8, KURANG: 2 }))).toEqual([['BAIK']]);
    expect(brokenOf(curveCheck(bounds.ISTIMEWA, { SANGAT_BAIK: 701, BAIK: 299 }))).toEqual([['SANGAT_BAIK']]);
    expect(brokenOf(curveCheck(bounds.ISTIMEWA, { SANGAT_BAIK: 700, BAIK: 300 }))).toEqual([]);
  });

  test('exactly 60 % meets ≥ 60 %; just under breaks it', () => {
    expect(brokenOf(curveCheck(bounds.BUTUH_PERBAIKAN, { BUTUH_PERBAIKAN: 6, BAIK: 3, SANGAT_BAIK: 1 }))).toEqual([]);
    expect(brokenOf(curveCheck(bounds.BUTUH_PERBAIKAN, { BUTUH_PERBAIKAN: 599, BAIK: 401 }))).toEqual([['BUTUH_PERBAIKAN']]);
  });

  test('exactly 10 % meets both ≥ 10 % and ≤ 10 %', () => {
    expect(brokenOf(curveCheck(bounds.KURANG, { KURANG: 6, BUTUH_PERBAIKAN: 1, SANGAT_BAIK: 1, BAIK: 2 }))).toEqual([]);
    expect(brokenOf(curveCheck(bounds.KURANG, { KURANG: 18, BUTUH_PERBAIKAN: 3, SANGAT_BAIK: 3, BAIK: 6 }))).toEqual([]);
  });

  test('SANGAT_KURANG: no SANGAT_BAIK is met by 0 and broken by 1', () => {
    expect(brokenOf(curveCheck(bounds.SANGAT_KURANG, { SANGAT_KURANG: 6, KURANG: 1, BUTUH_PERBAIKAN: 1, BAIK: 2 }))).toEqual([]);
    expect(
      brokenOf(curveCheck(bounds.SANGAT_KURANG, { SANGAT_KURANG: 6, KURANG: 1, BUTUH_PERBAIKAN: 1, BAIK: 1, SANGAT_BAIK: 1 })),
    ).toEqual([['SANGAT_BAIK']]);
  });

  test('a share is never rounded', () => {
    const [baik] = curveCheck(bounds.BAIK, { BAIK: 2, KURANG: 1 });
    expect(baik.share).toBe(2 / 3);
    expect(baik.broken).toBe(false);
  });

  test('a unit with nobody appraised breaks nothing', () => {
    expect(brokenOf(curveCheck(bounds.BAIK, {}))).toEqual([]);
  });
});
