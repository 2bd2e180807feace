import { DateTime } from 'luxon';
import { instantMillis, toInstant } from './dates.js';
import { DomainError } from './errors.js';

/**
 * The SLA clock. A stage SLA is an ISO 8601 duration whose day part counts working days of the
 * agency's calendar (Monday–Friday minus its holidays, in its time zone) and whose time part
 * counts elapsed time.
 */
export interface SlaDuration {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export interface AgencyCalendar {
  timeZone: string;
  /** Local dates `YYYY-MM-DD` that are not working days. */
  holidays: readonly string[];
}

export type SlaState = 'ON_TRACK' | 'AT_RISK' | 'BREACHED';

/** Share of the allowed time after which a visit counts as AT_RISK. */
export const AT_RISK_THRESHOLD = 0.75;

// Days and time parts only: years, months and weeks have no fixed working-day meaning.
const SLA_PATTERN = /^P(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?$/;

/** `P2D`, `PT4H`, `PT2S`, `P1DT2H30M` → parts; null for anything else (`P1W`, `P1Y`, `PT`, `P1.5D`, …). */
export function parseSlaDuration(text: unknown): SlaDuration | null {
  if (typeof text !== 'string') return null;
  const match = SLA_PATTERN.exec(text);
  if (!match) return null;
  const [, days, hours, minutes, seconds] = match;
  if (days === undefined && hours === undefined && minutes === undefined && seconds === undefined) return null;
  if (text.includes('T') && hours === undefined && minutes === undefined && seconds === undefined) return null;
  return { days: Number(days ?? 0), hours: Number(hours ?? 0), minutes: Number(minutes ?? 0), seconds: Number(seconds ?? 0) };
}

export function slaElapsedMillis(duration: SlaDuration): number {
  return ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
}

export function isZeroSla(duration: SlaDuration): boolean {
  return duration.days === 0 && slaElapsedMillis(duration) === 0;
}

function requireSla(sla: string): SlaDuration {
  const duration = parseSlaDuration(sla);
  if (!duration) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `SLA ${JSON.stringify(sla)} is not a duration of days, hours, minutes and seconds such as P2D or PT4H`,
      {
        reason: 'CALENDAR.INVALID_SLA',
        details: [{ field: 'sla', message: 'must be an ISO 8601 duration of days and/or hours, minutes, seconds' }],
      },
    );
  }
  return duration;
}

function localStart(instant: string, timeZone: string): DateTime {
  const local = DateTime.fromMillis(instantMillis(instant), { zone: timeZone });
  if (!local.isValid) {
    throw new DomainError('VALIDATION_FAILED', `Unknown time zone ${JSON.stringify(timeZone)}`, { reason: 'CALENDAR.INVALID_ZONE' });
  }
  return local;
}

function isWorkingLocalDay(local: DateTime, holidays: ReadonlySet<string>): boolean {
  return local.weekday <= 5 && !holidays.has(local.toISODate() as string);
}

/** Whether a local date `YYYY-MM-DD` is a working day of the calendar. */
export function isWorkingDay(date: string, calendar: AgencyCalendar): boolean {
  return isWorkingLocalDay(DateTime.fromISO(date, { zone: 'utc' }), new Set(calendar.holidays));
}

/** Whether the instant falls on a working day in the calendar's zone. */
export function isWorkingInstant(instant: string, calendar: AgencyCalendar): boolean {
  return isWorkingLocalDay(localStart(instant, calendar.timeZone), new Set(calendar.holidays));
}

function plusWorkingDays(start: DateTime, days: number, holidays: ReadonlySet<string>): DateTime {
  if (days === 0) return start;
  let cursor = start;
  if (!isWorkingLocalDay(cursor, holidays)) {
    // Entered on a day off: the clock starts at 00:00 of the next working day.
    cursor = cursor.startOf('day');
    do cursor = cursor.plus({ days: 1 });
    while (!isWorkingLocalDay(cursor, holidays));
  }
  let remaining = days;
  while (remaining > 0) {
    cursor = cursor.plus({ days: 1 }); // calendar day: keeps the local time of day
    if (isWorkingLocalDay(cursor, holidays)) remaining -= 1;
  }
  return cursor;
}

/**
 * The instant n working days after `instant`, at the same local time of day; from a day off,
 * counted from 00:00 of the next working day. Zero days returns the instant itself.
 */
export function addWorkingDays(instant: string, days: number, calendar: AgencyCalendar): string {
  if (!Number.isInteger(days) || days < 0) {
    throw new DomainError('VALIDATION_FAILED', `Working days must be a non-negative integer, got ${days}`, {
      reason: 'CALENDAR.INVALID_DAYS',
    });
  }
  const start = localStart(instant, calendar.timeZone);
  return toInstant(plusWorkingDays(start, days, new Set(calendar.holidays)).toMillis());
}

/**
 * dueAt = enteredAt + SLA: first the working days (see addWorkingDays), then hours, minutes and
 * seconds as elapsed time. An SLA without a day part (PT4H) is pure elapsed time, even on a day off.
 */
export function addSla(enteredAt: string, sla: string, calendar: AgencyCalendar): string {
  const duration = requireSla(sla);
  const start = localStart(enteredAt, calendar.timeZone);
  const afterDays = plusWorkingDays(start, duration.days, new Set(calendar.holidays));
  return toInstant(afterDays.toMillis() + slaElapsedMillis(duration));
}

/** BREACHED after dueAt; AT_RISK once 75 % of the allowed time has elapsed; ON_TRACK before. */
export function slaState(enteredAt: string, dueAt: string, now: string): SlaState {
  const start = instantMillis(enteredAt, 'enteredAt');
  const due = instantMillis(dueAt, 'dueAt');
  const at = instantMillis(now, 'now');
  if (at > due) return 'BREACHED';
  if (at - start >= AT_RISK_THRESHOLD * (due - start)) return 'AT_RISK';
  return 'ON_TRACK';
}
