import { DateTime } from 'luxon';
import { DomainError } from './errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must name its offset: a bare local time would be ambiguous across agencies.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-]\d{2}):?(\d{2}))$/;

/** Civil-service records start well after this; year 0000 and the like are typos, not history. */
export const EARLIEST_YEAR = 1900;

// Plain arithmetic instead of luxon on these hot paths (every command checks dates; queue rows
// parse instants): the same answers, held to luxon by a property test in dates.spec.ts.

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

/** A real calendar date written `YYYY-MM-DD`, from 1900 on. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= EARLIEST_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Epoch milliseconds of an instant in ISO_INSTANT's form, or NaN when a field is out of range. */
function parseInstant(value: string): number {
  const match = ISO_INSTANT.exec(value);
  if (!match) return NaN;
  const [year, month, day, hour, minute] = [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5])];
  const second = match[6] === undefined ? 0 : Number(match[6]);
  // Milliseconds as luxon reads a fraction: truncated, not rounded.
  const millisecond = match[7] === undefined ? 0 : Math.floor(parseFloat(`0.${match[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (minute > 59 || second > 59 || (hour > 23 && !(hour === 24 && minute === 0 && second === 0 && millisecond === 0))) return NaN;
  let offsetMinutes = 0;
  if (match[8] === undefined) {
    const offsetHours = Number(match[9]);
    const sign = match[9].startsWith('-') ? -1 : 1;
    offsetMinutes = offsetHours * 60 + sign * Number(match[10]);
  }
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millisecond;
}

/** An ISO 8601 instant with an explicit offset (`Z` or `+07:00`). */
export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(parseInstant(value));
}

export function instantMillis(instant: string, field = 'instant'): number {
  const millis = typeof instant === 'string' ? parseInstant(instant) : NaN;
  if (Number.isNaN(millis)) {
    throw new DomainError('VALIDATION_FAILED', `${field} must be an ISO 8601 instant with an offset, got ${JSON.stringify(instant)}`, {
      reason: 'TIME.INVALID_INSTANT',
      details: [{ field, message: 'must be an ISO 8601 instant with an offset' }],
    });
  }
  return millis;
}

/** Canonical form of an instant: UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
export function toInstant(millis: number): string {
  return new Date(millis).toISOString();
}

export function isValidTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.length > 0 && DateTime.now().setZone(zone).isValid;
}

type LocalDateOf = (millis: number) => string | null;

const localDateFormats = new Map<string, LocalDateOf>();
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Names luxon reads itself rather than as IANA zones: `local`, `utc`, `UTC+7`, ...
const LUXON_ZONE_NAMES = /^(?:default|local|system|utc|gmt|utc[+-].*)$/i;

function luxonLocalDate(timeZone: string): LocalDateOf {
  return (millis) => {
    const local = DateTime.fromMillis(millis, { zone: timeZone });
    return local.isValid ? (local.toISODate() as string) : null;
  };
}

/** One formatter per zone (building one costs far more than using it). en-CA writes `YYYY-MM-DD`. */
function localDateOf(timeZone: string): LocalDateOf {
  let format = localDateFormats.get(timeZone);
  if (format) return format;
  if (LUXON_ZONE_NAMES.test(timeZone)) format = luxonLocalDate(timeZone);
  else {
    let formatter: Intl.DateTimeFormat | null = null;
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      formatter = null; // not a zone Intl knows: luxon does not know it either
    }
    const fallback = luxonLocalDate(timeZone);
    format = formatter
      ? (millis) => {
          const date = (formatter as Intl.DateTimeFormat).format(millis);
          return LOCAL_DATE.test(date) ? date : fallback(millis); // years outside 1000-9999, eras
        }
      : () => null;
  }
  if (localDateFormats.size >= 256) localDateFormats.clear();
  localDateFormats.set(timeZone, format);
  return format;
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in a time zone: "today" for an agency. */
export function localDate(instant: string, timeZone: string): string {
  const millis = instantMillis(instant);
  const date = localDateOf(timeZone)(millis);
  if (date === null) {
    throw new DomainError('VALIDATION_FAILED', `Unknown time zone ${JSON.stringify(timeZone)}`, { reason: 'TIME.INVALID_ZONE' });
  }
  return date;
}

/** Shifts a `YYYY-MM-DD` date by whole months, clamping to the month's last day (03-31 − 1 month = 02-28). */
export function addMonthsToDate(date: string, months: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ months }).toISODate() as string;
}

export function addDaysToDate(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as string;
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
