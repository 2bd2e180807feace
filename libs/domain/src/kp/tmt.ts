/**
 * The TMT (effective date) a KP proposal may ask for (DOMAIN.md §Promotion (KP)): a KP period date
 * of the table in force on that date, from the first day of the month after the proposal, at most
 * 12 months after it.
 */
import { addMonthsToDate, isIsoDate } from '../dates.js';
import { isKpPeriodDate, kpDatesBetween, kpMonthsOn } from '../reference/reference.js';
import type { ReferenceData } from '../reference/reference-data.js';

export interface EffectiveDateProblem {
  code: 'PROMOTION.EFFECTIVE_DATE_NOT_KP_PERIOD' | 'PROMOTION.EFFECTIVE_DATE_TOO_EARLY' | 'PROMOTION.EFFECTIVE_DATE_TOO_LATE';
  message: string;
  /** The first KP dates the proposal could take instead, oldest first. */
  allowedDates: string[];
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const SHOWN_DATES = 3;

/** The window of TMTs open to a proposal made on `proposedOn`. */
export function effectiveDateWindow(proposedOn: string): { earliest: string; latest: string } {
  const [year, month] = [Number(proposedOn.slice(0, 4)), Number(proposedOn.slice(5, 7))];
  const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
  const earliest = `${String(nextYear).padStart(4, '0')}-${String(nextMonth).padStart(2, '0')}-01`;
  return { earliest, latest: addMonthsToDate(proposedOn, 12) };
}

/** Every KP date a proposal made on `proposedOn` may take, oldest first. */
export function allowedEffectiveDates(proposedOn: string, ref: ReferenceData): string[] {
  const { earliest, latest } = effectiveDateWindow(proposedOn);
  return kpDatesBetween(ref, earliest, latest);
}

function periodsOn(ref: ReferenceData, date: string): string {
  const months = kpMonthsOn(ref, date);
  if (months.length === 0) return `no KP period table is in force on ${date}`;
  if (months.length === 12) return `on ${date} every month's 1st is a KP date`;
  return `on ${date} the KP dates are the 1st of ${months.map((m) => MONTH_NAMES[m - 1]).join(', ')}`;
}

function nextDates(allowed: readonly string[]): string {
  return allowed.length === 0 ? 'no KP date falls within the window' : `the next KP dates are ${allowed.slice(0, SHOWN_DATES).join(', ')}`;
}

/** Null when `effectiveDate` is a TMT a proposal made on `proposedOn` may ask for; else why not. */
export function effectiveDateProblem(effectiveDate: string, proposedOn: string, ref: ReferenceData): EffectiveDateProblem | null {
  const { earliest, latest } = effectiveDateWindow(proposedOn);
  const allowed = kpDatesBetween(ref, earliest, latest);
  const window = `from ${earliest} to ${latest} for a proposal made on ${proposedOn}`;
  if (!isKpPeriodDate(ref, effectiveDate)) {
    return {
      code: 'PROMOTION.EFFECTIVE_DATE_NOT_KP_PERIOD',
      message: `${effectiveDate} is not a KP period date (${isIsoDate(effectiveDate) ? periodsOn(ref, effectiveDate) : 'not a date'}); ${nextDates(allowed)}`,
      allowedDates: allowed.slice(0, SHOWN_DATES),
    };
  }
  if (effectiveDate < earliest) {
    return {
      code: 'PROMOTION.EFFECTIVE_DATE_TOO_EARLY',
      message: `The TMT ${effectiveDate} is too early: it must be ${window}; ${nextDates(allowed)}`,
      allowedDates: allowed.slice(0, SHOWN_DATES),
    };
  }
  if (effectiveDate > latest) {
    const last = allowed.slice(-SHOWN_DATES);
    return {
      code: 'PROMOTION.EFFECTIVE_DATE_TOO_LATE',
      message: `The TMT ${effectiveDate} is too late: it must be ${window}; the last KP dates within it are ${last.join(', ') || 'none'}`,
      allowedDates: last,
    };
  }
  return null;
}
