import type { Predicate, Rating } from './events.js';

export const RATINGS: readonly Rating[] = ['ABOVE', 'AS_EXPECTED', 'BELOW'];
export const PREDICATES: readonly Predicate[] = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'];

// PermenPANRB 6/2022: rows are work results, columns work behaviour.
const PREDICATE_TABLE: Record<Rating, Record<Rating, Predicate>> = {
  ABOVE: { ABOVE: 'SANGAT_BAIK', AS_EXPECTED: 'BAIK', BELOW: 'KURANG' },
  AS_EXPECTED: { ABOVE: 'BAIK', AS_EXPECTED: 'BAIK', BELOW: 'KURANG' },
  BELOW: { ABOVE: 'BUTUH_PERBAIKAN', AS_EXPECTED: 'BUTUH_PERBAIKAN', BELOW: 'SANGAT_KURANG' },
};

/** The predikat of an appraisal, derived from its two ratings; the client never sends it. */
export function predicateFor(results: Rating, behaviour: Rating): Predicate {
  return PREDICATE_TABLE[results][behaviour];
}
