/**
 * Credit points (angka kredit) of a functional official since the last KP (DOMAIN.md §Functional
 * posts), for the CREDIT_POINTS rule and the career view.
 *
 * Interpretation of "since the last KP":
 * - the latest PAK stated strictly after the last KP's TMT (`gradeSince`) is the base as of its
 *   date; the appraisal of the PAK's own year and later ones add to it (an annual predikat exists
 *   only after its year, so a PAK stated in a year cannot hold that year's);
 * - without such a PAK, the appraisals of the year of `gradeSince` and later add, from nothing
 *   (the KP was judged before its own year's predikat existed); a carry-over reaches the new step
 *   only through a PAK;
 * - only years from `accrualFromYear` on accrue from a predikat; earlier ones count only through a PAK.
 *
 * Arithmetic is exact: coefficients and shares are multiples of 0.25 (the reference validation
 * holds them to it), so every year adds a whole number of 1/16 points; PAK points may carry three
 * decimals. Everything is summed in integer units of 1/16000 point, the common denominator.
 */
import { yearOf } from '../dates.js';
import type { Predicate } from '../events.js';
import type { CreditPointStatement, EmployeeRecord } from '../employee/employee.state.js';
import { PREDICATES } from '../appraisal.js';
import type { Jenjang, ReferenceData } from '../reference/reference-data.js';

/** Integer units per credit point: a multiple of 16 (quarter × quarter) and of 1000 (three decimals). */
export const CREDIT_POINT_UNITS = 16_000;

export interface CreditPointInput {
  /** TMT of the grade in force: the last KP. */
  gradeSince: string;
  /** Final predikat per annual appraisal period. */
  appraisals: readonly { period: number; predicate: Predicate }[];
  employee: Pick<EmployeeRecord, 'post' | 'postHistory' | 'creditPointStatements'>;
  /** PAKs stated after this date are not yet known (the proposal date); all of them when absent. */
  asOf?: string;
}

export interface CreditPointYear {
  year: number;
  predicate: Predicate;
  /** The jenjang whose coefficient applied; null when the year was served in no functional post. */
  jenjang: Jenjang | null;
  points: number;
}

export interface CreditPointBasis {
  /** The PAK taken as the base, or null when none was stated after the last KP. */
  pak: CreditPointStatement | null;
  /** Appraisal years from this one on add to the base. */
  fromYear: number;
  years: CreditPointYear[];
  /** The jenjang whose target applies: the current post's. */
  jenjang: Jenjang | null;
}

export interface CreditPoints {
  points: number;
  /** Credit points for one grade step at the current jenjang; null outside a functional post. */
  target: number | null;
  /** Exact comparison of points with target; null without a target. */
  reached: boolean | null;
  /** Points still missing (0 when reached); null without a target. */
  shortfall: number | null;
  basis: CreditPointBasis;
}

/** Exact integer units of a number of points (three decimals or a multiple of 1/16). */
export function toCreditPointUnits(points: number): number {
  return Math.round(points * CREDIT_POINT_UNITS);
}

/** Three decimals, for display only: comparisons use the exact units. */
export function roundCreditPoints(points: number): number {
  return Math.round(points * 1000) / 1000;
}

function jenjangAtEndOf(year: number, employee: CreditPointInput['employee']): Jenjang | null {
  const yearEnd = `${year}-12-31`;
  let held: (typeof employee.postHistory)[number] | null = null;
  for (const record of employee.postHistory) {
    if (record.since <= yearEnd && (held === null || record.since >= held.since)) held = record;
  }
  // No record of the post then: the record starts later, so the current jenjang is the best knowledge.
  if (held === null) return employee.post.type === 'FUNGSIONAL' ? employee.post.jenjang : null;
  return held.post.type === 'FUNGSIONAL' ? held.post.jenjang : null;
}

function latestPakAfter(gradeSince: string, statements: readonly CreditPointStatement[], asOf: string | undefined) {
  let latest: CreditPointStatement | null = null;
  for (const pak of statements) {
    if (pak.statedOn <= gradeSince || (asOf !== undefined && pak.statedOn > asOf)) continue;
    if (latest === null || pak.statedOn >= latest.statedOn) latest = pak;
  }
  return latest;
}

/** One final predikat per year; should a year appear twice, the worse one counts (order never matters). */
export function finalPredicates(appraisals: CreditPointInput['appraisals']): Map<number, Predicate> {
  const byYear = new Map<number, Predicate>();
  for (const { period, predicate } of appraisals) {
    const known = byYear.get(period);
    if (known === undefined || PREDICATES.indexOf(predicate) > PREDICATES.indexOf(known)) byYear.set(period, predicate);
  }
  return byYear;
}

export function creditPointsSinceLastPromotion(input: CreditPointInput, ref: ReferenceData): CreditPoints {
  const { accrualFromYear, annualCoefficient, predicateShare, target: targets } = ref.creditPoints;
  const pak = latestPakAfter(input.gradeSince, input.employee.creditPointStatements, input.asOf);
  // An annual predikat exists only once its year has ended: a PAK stated in year Y, or a KP with a
  // TMT in year Y, was judged without Y's predikat, so Y's predikat counts toward the next step.
  const fromYear = Math.max(accrualFromYear, pak ? yearOf(pak.statedOn) : yearOf(input.gradeSince));

  let units = pak ? toCreditPointUnits(pak.points) : 0;
  const years: CreditPointYear[] = [];
  const predicates = finalPredicates(input.appraisals);
  for (const year of [...predicates.keys()].sort((a, b) => a - b)) {
    if (year < fromYear) continue;
    const predicate = predicates.get(year) as Predicate;
    const jenjang = jenjangAtEndOf(year, input.employee);
    // Quarters times quarters: an integer number of 1/16 points.
    const sixteenths = jenjang ? Math.round(annualCoefficient[jenjang] * 4) * Math.round((predicateShare[predicate] ?? 0) * 4) : 0;
    const yearUnits = sixteenths * (CREDIT_POINT_UNITS / 16);
    units += yearUnits;
    years.push({ year, predicate, jenjang, points: yearUnits / CREDIT_POINT_UNITS });
  }

  const jenjang = input.employee.post.type === 'FUNGSIONAL' ? input.employee.post.jenjang : null;
  const target = jenjang ? targets[jenjang] : null;
  const targetUnits = target === null ? null : toCreditPointUnits(target);
  return {
    points: units / CREDIT_POINT_UNITS,
    target,
    reached: targetUnits === null ? null : units >= targetUnits,
    shortfall: targetUnits === null ? null : Math.max(0, targetUnits - units) / CREDIT_POINT_UNITS,
    basis: { pak, fromYear, years, jenjang },
  };
}
