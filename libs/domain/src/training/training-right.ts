/**
 * The yearly training right (DOMAIN.md §Training): every civil servant is owed 20 JP of competency
 * development per calendar year. One definition, used by the KP advisory rule, the career view,
 * the training dashboard and the nomination worklist, so they never disagree.
 */
import { yearOf } from '../dates.js';

/** Every PNS's yearly right to competency development, in JP. */
export const TRAINING_HOURS_PER_YEAR = 20;

export interface CompletedTraining {
  hours: number;
  /** `YYYY-MM-DD`, a local date of the agency. */
  completedOn: string;
}

/** The calendar year as inclusive local dates, for queries that filter by completion date. */
export function trainingYearWindow(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** JP completed within the calendar year `year`. */
export function jpInYear(trainings: readonly CompletedTraining[], year: number): number {
  return trainings.filter((t) => yearOf(t.completedOn) === year).reduce((sum, t) => sum + t.hours, 0);
}

/** True while the year's JP fall short of the right. */
export function belowTrainingRight(jp: number): boolean {
  return jp < TRAINING_HOURS_PER_YEAR;
}

/** JP still owed for the year (0 once the right is met). */
export function jpMissing(jp: number): number {
  return Math.max(0, TRAINING_HOURS_PER_YEAR - jp);
}
