import { DateTime } from 'luxon';
import { parseSlaDuration, slaElapsedMillis } from '#domain';
import type { Random } from './random.js';

const OFFICE_OPENS = 8;
const OFFICE_CLOSES = 16;
const DAY = 86_400_000;

/**
 * Office hours of an agency (Monday–Friday 08:00–16:00 local, minus holidays): when people act.
 * Indonesian zones (WIB, WITA, WIT) keep one UTC offset all year, so local time is plain
 * arithmetic here: the plan walks thousands of instants and luxon's zone lookups would dominate.
 */
export class OfficeCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly offset: number;

  constructor(
    readonly timeZone: string,
    readonly holidayList: readonly string[],
  ) {
    this.holidays = new Set(holidayList);
    const january = DateTime.fromObject({ year: 2026, month: 1, day: 15 }, { zone: timeZone });
    const july = DateTime.fromObject({ year: 2026, month: 7, day: 15 }, { zone: timeZone });
    if (!january.isValid || january.offset !== july.offset) throw new Error(`${timeZone} is not a fixed-offset zone`);
    this.offset = january.offset * 60_000;
  }

  /** Local calendar date `YYYY-MM-DD` of an instant. */
  date(ms: number): string {
    return new Date(ms + this.offset).toISOString().slice(0, 10);
  }

  /** The instant of local midnight starting the local date of `ms`. */
  private midnight(ms: number): number {
    return Math.floor((ms + this.offset) / DAY) * DAY - this.offset;
  }

  private hour(ms: number): number {
    return new Date(ms + this.offset).getUTCHours();
  }

  isWorkingDay(ms: number): boolean {
    const weekday = new Date(ms + this.offset).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(this.date(ms));
  }

  /** `ms` if it falls in office hours, else the next working morning (a little after opening). */
  snap(instant: number, random: Random): number {
    const ms = Math.round(instant);
    const hour = this.hour(ms);
    if (this.isWorkingDay(ms) && hour >= OFFICE_OPENS && hour < OFFICE_CLOSES) return ms;
    let day = this.midnight(ms);
    if (!(this.isWorkingDay(ms) && hour < OFFICE_OPENS)) {
      do day += DAY;
      while (!this.isWorkingDay(day));
    }
    return day + OFFICE_OPENS * 3_600_000 + random.int(0, 150) * 60_000 + random.int(0, 59) * 1000;
  }

  /** A random office moment on the local date, or on the next working day if it is a day off. */
  momentOn(date: string, random: Random): number {
    let day = Date.parse(`${date}T00:00:00Z`) - this.offset;
    while (!this.isWorkingDay(day)) day += DAY;
    return day + OFFICE_OPENS * 3_600_000 + random.int(0, (OFFICE_CLOSES - OFFICE_OPENS) * 60 - 1) * 60_000 + random.int(0, 59) * 1000;
  }

  /** The n-th working day after the local date of `ms` (n ≥ 1), at a random office moment. */
  workingDaysLater(ms: number, n: number, random: Random): number {
    let day = this.midnight(ms);
    let left = n;
    while (left > 0) {
      day += DAY;
      if (this.isWorkingDay(day)) left -= 1;
    }
    return this.momentOn(this.date(day), random);
  }

  /** The deadline of docs/domain.md §SLA calendar arithmetic (the domain's `addSla`, here in plain arithmetic; the plan checks they agree). */
  due(enteredAt: number, sla: string): number {
    const duration = parseSlaDuration(sla);
    if (!duration) throw new Error(`bad SLA ${sla}`);
    let cursor = enteredAt;
    if (duration.days > 0) {
      if (!this.isWorkingDay(cursor)) {
        cursor = this.midnight(cursor);
        do cursor += DAY;
        while (!this.isWorkingDay(cursor));
      }
      for (let left = duration.days; left > 0;) {
        cursor += DAY;
        if (this.isWorkingDay(cursor)) left -= 1;
      }
    }
    return cursor + slaElapsedMillis(duration);
  }
}
