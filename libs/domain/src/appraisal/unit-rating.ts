import { checkMetadata, type Command, type Decider } from '../decider.js';
import { notFound } from '../errors.js';
import type { Predicate, UnitRatingRecorded } from '../events.js';
import { UNIT_ID_PATTERN } from '../limits.js';
import { ORGANISATION_RATINGS, type DistributionBound, type OrganisationRating } from '../reference/reference-data.js';
import { InputCheck } from '../validation.js';

export const RATING_YEAR_RANGE = { min: 2000, max: 2100 } as const;

// ---------------------------------------------------------------------------------------------
// Decider (stream `unit-ratings-{agencyId}`)

export type RecordUnitRating = Command<'RecordUnitRating', { agencyId: string; unitId: string; year: number; rating: OrganisationRating }>;

export type UnitRatingCommand = RecordUnitRating;
export type UnitRatingEvent = UnitRatingRecorded;
/** The rating in force per unit and year, keyed `{unitId}/{year}`. */
export interface UnitRatingState {
  ratings: Record<string, OrganisationRating>;
}

export const unitRatingKey = (unitId: string, year: number): string => `${unitId}/${year}`;

/**
 * The unit need not be one the agency configured: appraisals carry the employee record's unit,
 * which configuring units never constrained, so a rating must be recordable for any unit id.
 */
function decide(command: UnitRatingCommand, state: UnitRatingState): UnitRatingEvent[] {
  checkMetadata(command.metadata);
  const { data, metadata } = command;
  const check = new InputCheck('UNIT_RATING.INVALID');
  check.require(
    typeof data.unitId === 'string' && UNIT_ID_PATTERN.test(data.unitId),
    'unitId',
    'must be lowercase letters, digits and dashes (at most 64)',
  );
  check.require(
    Number.isInteger(data.year) && data.year >= RATING_YEAR_RANGE.min && data.year <= RATING_YEAR_RANGE.max,
    'year',
    `must be a year between ${RATING_YEAR_RANGE.min} and ${RATING_YEAR_RANGE.max}`,
  );
  check.oneOf(data.rating, ORGANISATION_RATINGS, 'rating');
  check.throwIfAny();
  if (data.agencyId !== metadata.agency) throw notFound('AGENCY.OTHER_AGENCY', `Agency ${data.agencyId} not found`);
  // The same rating again changes nothing: no event.
  if (state.ratings[unitRatingKey(data.unitId, data.year)] === data.rating) return [];
  return [{ type: 'UnitRatingRecorded', data: { agencyId: data.agencyId, unitId: data.unitId, year: data.year, rating: data.rating } }];
}

function evolve(state: UnitRatingState, event: UnitRatingEvent): UnitRatingState {
  switch (event.type) {
    case 'UnitRatingRecorded':
      return { ratings: { ...state.ratings, [unitRatingKey(event.data.unitId, event.data.year)]: event.data.rating } };
    default: {
      const unexpected: never = event.type;
      return unexpected;
    }
  }
}

const initialState = (): UnitRatingState => ({ ratings: {} });

export const unitRatingDecider: Decider<UnitRatingCommand, UnitRatingState, UnitRatingEvent> = { decide, evolve, initialState };

// ---------------------------------------------------------------------------------------------
// The curve

export interface CheckedBound extends DistributionBound {
  /** Employees with one of `predicates`. */
  count: number;
  /** `count` over the unit's employees with a final predikat (0 when there are none), unrounded. */
  share: number;
  broken: boolean;
}

/**
 * Checks a unit's predikat counts (one final predikat per employee) against the bounds of its
 * rating. Shares are compared as they stand, never rounded: `count / total` and the bound are
 * both the nearest double to their exact value, so a share exactly at a bound compares equal.
 * A unit with nobody appraised breaks nothing: there is no distribution yet.
 */
export function curveCheck(bounds: readonly DistributionBound[], counts: Partial<Record<Predicate, number>>): CheckedBound[] {
  const total = Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
  return bounds.map((bound) => {
    const count = bound.predicates.reduce((sum, p) => sum + (counts[p as Predicate] ?? 0), 0);
    const share = total === 0 ? 0 : count / total;
    const broken =
      total > 0 &&
      ((bound.maxShare !== undefined && share > bound.maxShare) ||
        (bound.minShare !== undefined && share < bound.minShare) ||
        (bound.minCount !== undefined && count < bound.minCount));
    return { ...bound, predicates: [...bound.predicates], count, share, broken };
  });
}
