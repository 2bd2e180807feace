import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { addMonthsToDate } from '../dates.js';
import { parseReferenceData, rowInForce } from '../reference/reference.js';
import type { KpPeriodTable, ReferenceData } from '../reference/reference-data.js';
import { allowedEffectiveDates, effectiveDateProblem, effectiveDateWindow } from './tmt.js';

const REF = parseReferenceData(JSON.parse(readFileSync(new URL('../../../../reference/national-2026.1.json', import.meta.url), 'utf8')));

const codeOf = (effectiveDate: string, proposedOn: string, ref: ReferenceData = REF) =>
  effectiveDateProblem(effectiveDate, proposedOn, ref)?.code ?? null;

describe('effectiveDateProblem', () => {
  test('the window: from the 1st of the month after the proposal to 12 months after it', () => {
    expect(effectiveDateWindow('2026-12-01')).toEqual({ earliest: '2027-01-01', latest: '2027-12-01' });
    expect(effectiveDateWindow('2026-01-31')).toEqual({ earliest: '2026-02-01', latest: '2027-01-31' });
    expect(effectiveDateWindow('2024-02-29')).toEqual({ earliest: '2024-03-01', latest: '2025-02-28' });
  });

  test('under the monthly table: the 1st of next month is the earliest, the same month is too early', () => {
    expect(codeOf('2027-01-01', '2026-12-01')).toBeNull();
    expect(codeOf('2027-01-01', '2026-12-31')).toBeNull();
    expect(codeOf('2026-12-01', '2026-12-01')).toBe('PROMOTION.EFFECTIVE_DATE_TOO_EARLY');
    expect(codeOf('2026-11-01', '2026-12-15')).toBe('PROMOTION.EFFECTIVE_DATE_TOO_EARLY');
  });

  test('exactly 12 months ahead is accepted, one KP date more is too late', () => {
    expect(codeOf('2027-12-01', '2026-12-01')).toBeNull();
    expect(codeOf('2028-01-01', '2026-12-01')).toBe('PROMOTION.EFFECTIVE_DATE_TOO_LATE');
    // Proposed mid-month: the 1st twelve months on is inside, the next 1st is not.
    expect(codeOf('2027-12-01', '2026-12-15')).toBeNull();
    expect(codeOf('2027-12-01', '2026-11-30')).toBe('PROMOTION.EFFECTIVE_DATE_TOO_LATE');
  });

  test('a date that is not the 1st of a month is no KP date', () => {
    const problem = effectiveDateProblem('2027-01-15', '2026-12-01', REF);
    expect(problem?.code).toBe('PROMOTION.EFFECTIVE_DATE_NOT_KP_PERIOD');
    expect(problem?.message).toContain('the next KP dates are 2027-01-01, 2027-02-01, 2027-03-01');
    expect(problem?.allowedDates).toEqual(['2027-01-01', '2027-02-01', '2027-03-01']);
    expect(codeOf('2027-02-30', '2026-12-01')).toBe('PROMOTION.EFFECTIVE_DATE_NOT_KP_PERIOD');
    expect(codeOf('soon', '2026-12-01')).toBe('PROMOTION.EFFECTIVE_DATE_NOT_KP_PERIOD');
  });

  test('the table in force on the TMT itself decides: 2025-09-01 is not a KP date, 2025-10-01 is', () => {
    const problem = effectiveDateProblem('2025-09-01', '2025-08-15', REF);
    expect(problem?.code).toBe('PROMOTION.EFFECTIVE_DATE_NOT_KP_PERIOD');
    expect(problem?.message).toBe(
      '2025-09-01 is not a KP period date (on 2025-09-01 the KP dates are the 1st of February, April, June, August, October, December); ' +
        'the next KP dates are 2025-10-01, 2025-11-01, 2025-12-01',
    );
    expect(codeOf('2025-10-01', '2025-08-15')).toBeNull();
    expect(codeOf('2025-08-01', '2025-08-15')).toBe('PROMOTION.EFFECTIVE_DATE_TOO_EARLY');
  });

  test('before 2024 only 1 April and 1 October; from 2024 the even months', () => {
    expect(codeOf('2023-12-01', '2023-11-20')).toBe('PROMOTION.EFFECTIVE_DATE_NOT_KP_PERIOD');
    expect(codeOf('2024-01-01', '2023-11-20')).toBe('PROMOTION.EFFECTIVE_DATE_NOT_KP_PERIOD');
    expect(codeOf('2024-02-01', '2023-11-20')).toBeNull();
    expect(codeOf('2023-10-01', '2023-03-10')).toBeNull();
    expect(allowedEffectiveDates('2023-03-10', REF)).toEqual(['2023-04-01', '2023-10-01', '2024-02-01']);
  });

  test('messages name the allowed dates', () => {
    expect(effectiveDateProblem('2026-12-01', '2026-12-01', REF)?.message).toBe(
      'The TMT 2026-12-01 is too early: it must be from 2027-01-01 to 2027-12-01 for a proposal made on 2026-12-01; ' +
        'the next KP dates are 2027-01-01, 2027-02-01, 2027-03-01',
    );
    expect(effectiveDateProblem('2028-01-01', '2026-12-01', REF)?.message).toBe(
      'The TMT 2028-01-01 is too late: it must be from 2027-01-01 to 2027-12-01 for a proposal made on 2026-12-01; ' +
        'the last KP dates within it are 2027-10-01, 2027-11-01, 2027-12-01',
    );
  });
});

/** A random period table: one to four rows, strictly later each, each with a non-empty set of months. */
const periodTables = fc
  .array(
    fc.record({
      day: fc.integer({ min: 0, max: 6 * 365 }),
      months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((rows) => {
    const days = [...new Set(rows.map((r) => r.day))].sort((a, b) => a - b);
    return days.map<KpPeriodTable>((day, i) => ({ validFrom: dayFrom2021(day), months: rows[i].months, source: 'test' }));
  });

function dayFrom2021(n: number): string {
  return new Date(Date.UTC(2021, 0, 1 + n)).toISOString().slice(0, 10);
}

describe('effectiveDateProblem: properties over any period table', () => {
  test('every accepted date is the 1st of a month of the table in force on it, within the window', () => {
    fc.assert(
      fc.property(periodTables, fc.integer({ min: 0, max: 6 * 365 }), fc.integer({ min: -60, max: 500 }), (kpPeriods, proposed, ahead) => {
        const ref = { ...REF, kpPeriods };
        const proposedOn = dayFrom2021(proposed);
        const effectiveDate = dayFrom2021(proposed + ahead);
        if (effectiveDateProblem(effectiveDate, proposedOn, ref) !== null) return;
        expect(effectiveDate.endsWith('-01')).toBe(true);
        expect(rowInForce(kpPeriods, effectiveDate)?.months).toContain(Number(effectiveDate.slice(5, 7)));
        expect(effectiveDate > proposedOn.slice(0, 7)).toBe(true); // after the proposal's month
        expect(effectiveDate <= addMonthsToDate(proposedOn, 12)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('the allowed dates are exactly the accepted first-of-months', () => {
    fc.assert(
      fc.property(periodTables, fc.integer({ min: 0, max: 6 * 365 }), (kpPeriods, proposed) => {
        const ref = { ...REF, kpPeriods };
        const proposedOn = dayFrom2021(proposed);
        const allowed = allowedEffectiveDates(proposedOn, ref);
        for (const date of allowed) expect(effectiveDateProblem(date, proposedOn, ref)).toBeNull();
        const firsts: string[] = [];
        for (let month = -2; month <= 14; month++) firsts.push(`${addMonthsToDate(proposedOn, month).slice(0, 7)}-01`);
        for (const date of firsts) expect(effectiveDateProblem(date, proposedOn, ref) === null).toBe(allowed.includes(date));
      }),
      { numRuns: 200 },
    );
  });
});
