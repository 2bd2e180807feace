import { DateTime } from 'luxon';
import { DomainError } from './errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must name its offset: a bare local time would be ambiguous across agencies.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Civil-service records start well after this; year 0000 and the like are typos, not history. */
export const EARLIEST_YEAR = 1900;

/** A real calendar date written `YYYY-MM-DD`, from 1900 on. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= EARLIEST_YEAR && DateTime.utc(year, month, day).isValid && day >= 1 && month >= 1;
}

/** An ISO 8601 instant with an explicit offset (`Z` or `+07:00`). */
export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && DateTime.fromISO(value, { setZone: true }).isValid;
}

export function instantMillis(instant: string, field = 'instant'): number {
  if (!isIsoInstant(instant)) {
    throw new DomainError('VALIDATION_FAILED', `${field} must be an ISO 8601 instant with an offset, got ${JSON.stringify(instant)}`, {
      reason: 'TIME.INVALID_INSTANT',
      details: [{ field, message: 'must be an ISO 8601 instant with an offset' }],
    });
  }
  return DateTime.fromISO(instant, { setZone: true }).toMillis();
}

/** Canonical form of an instant: UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
export function toInstant(millis: number): string {
  return new Date(millis).toISOString();
}

export function isValidTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length > 0 && DateTime.now().setZone(zone).isValid;
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in a time zone: "today" for an agency. */
export function localDate(instant: string, timeZone: string): string {
  const millis = instantMillis(instant);
  const local = DateTime.fromMillis(millis, { zone: timeZone });
  if (!local.isValid) {
    throw new DomainError('VALIDATION_FAILED', `Unknown time zone ${JSON.stringify(timeZone)}`, { reason: 'TIME.INVALID_ZONE' });
  }
  return local.toISODate() as string;
}

/** Shifts a `YYYY-MM-DD` date by whole months, clamping to the month's last day (03-31 − 1 month = 02-28). */
export function addMonthsToDate(date: string, months: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ months }).toISODate() as string;
}

export function addYearsToDate(date: string, years: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ years }).toISODate() as string;
}

/** Whole years and remaining months from `from` to `to` (both `YYYY-MM-DD`); zero when `to` precedes `from`. */
export function yearsAndMonthsBetween(from: string, to: string): { years: number; months: number } {
  if (to <= from) return { years: 0, months: 0 };
  const diff = DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), ['years', 'months', 'days']);
  return { years: Math.floor(diff.years), months: Math.floor(diff.months) };
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
