import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addSla, addWorkingDays, isWorkingDay, isWorkingInstant, parseSlaDuration, slaState, type AgencyCalendar } from './calendar.js';
import { DomainError } from './errors.js';

const WIB: AgencyCalendar = { timeZone: 'Asia/Jakarta', holidays: [] };
const ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

describe('parseSlaDuration', () => {
  test.each([
    ['P2D', { days: 2, hours: 0, minutes: 0, seconds: 0 }],
    ['PT4H', { days: 0, hours: 4, minutes: 0, seconds: 0 }],
    ['PT2S', { days: 0, hours: 0, minutes: 0, seconds: 2 }],
    ['P1DT2H30M', { days: 1, hours: 2, minutes: 30, seconds: 0 }],
    ['PT90M', { days: 0, hours: 0, minutes: 90, seconds: 0 }],
    ['P0D', { days: 0, hours: 0, minutes: 0, seconds: 0 }],
    ['P10DT1H1M1S', { days: 10, hours: 1, minutes: 1, seconds: 1 }],
  ])('%s parses', (text, expected) => {
    expect(parseSlaDuration(text)).toEqual(expected);
  });

  test.each([
    'P1Y',
    'P1M',
    'P1W',
    'P1Y2D',
    'P',
    'PT',
    'P1DT',
    '2D',
    'p2d',
    'P2.5D',
    'PT1.5H',
    'P-1D',
    'PT4H2D',
    ' P2D',
    'P2D ',
    '',
    'P1D2D',
  ])('%j is rejected', (text) => {
    expect(parseSlaDuration(text)).toBeNull();
  });

  test('non-strings are rejected', () => {
    expect(parseSlaDuration(2)).toBeNull();
    expect(parseSlaDuration(null)).toBeNull();
  });
});

describe('addSla examples', () => {
  test('Monday 10:00 WIB + P2D is Wednesday 10:00 WIB, written in UTC with milliseconds', () => {
    expect(addSla('2026-03-02T10:00:00+07:00', 'P2D', WIB)).toBe('2026-03-04T03:00:00.000Z');
  });

  test('Friday 10:00 + P2D skips the weekend: Tuesday 10:00', () => {
    expect(addSla('2026-03-06T03:00:00Z', 'P2D', WIB)).toBe('2026-03-10T03:00:00.000Z');
  });

  test('entered on Saturday: counted from Monday 00:00, so P2D ends Wednesday 00:00', () => {
    expect(addSla('2026-03-07T03:00:00Z', 'P2D', WIB)).toBe('2026-03-10T17:00:00.000Z');
  });

  test('a holiday is skipped like a weekend day', () => {
    const calendar = { timeZone: 'Asia/Jakarta', holidays: ['2026-03-09'] };
    expect(addSla('2026-03-06T03:00:00Z', 'P2D', calendar)).toBe('2026-03-11T03:00:00.000Z');
  });

  test('entered on a holiday: counted from 00:00 of the next working day', () => {
    const calendar = { timeZone: 'Asia/Jakarta', holidays: ['2026-03-09'] };
    expect(addSla('2026-03-09T03:00:00Z', 'P1D', calendar)).toBe('2026-03-10T17:00:00.000Z');
  });

  test('across the year end with New Year as a holiday', () => {
    const calendar = { timeZone: 'Asia/Jakarta', holidays: ['2026-01-01'] };
    // Wednesday 31 Dec 16:00 WIB → Fri 2 Jan (1), Mon 5 Jan (2) at 16:00 WIB.
    expect(addSla('2025-12-31T09:00:00Z', 'P2D', calendar)).toBe('2026-01-05T09:00:00.000Z');
  });

  test('the agency zone decides which local day an instant falls on', () => {
    const instant = '2026-03-06T16:30:00Z'; // Fri 23:30 WIB, Sat 00:30 WITA, Sat 01:30 WIT
    expect(addSla(instant, 'P1D', { timeZone: 'Asia/Jakarta', holidays: [] })).toBe('2026-03-09T16:30:00.000Z');
    expect(addSla(instant, 'P1D', { timeZone: 'Asia/Makassar', holidays: [] })).toBe('2026-03-09T16:00:00.000Z');
    expect(addSla(instant, 'P1D', { timeZone: 'Asia/Jayapura', holidays: [] })).toBe('2026-03-09T15:00:00.000Z');
  });

  test('hours, minutes and seconds are elapsed time, even on a day off', () => {
    expect(addSla('2026-03-07T03:00:00Z', 'PT4H', WIB)).toBe('2026-03-07T07:00:00.000Z');
    expect(addSla('2026-03-07T03:00:00.250Z', 'PT2S', WIB)).toBe('2026-03-07T03:00:02.250Z');
    expect(addSla('2026-03-06T16:00:00Z', 'PT10H', WIB)).toBe('2026-03-07T02:00:00.000Z');
  });

  test('days first, then elapsed time: Friday 10:00 + P1DT2H30M is Monday 12:30', () => {
    expect(addSla('2026-03-06T03:00:00Z', 'P1DT2H30M', WIB)).toBe('2026-03-09T05:30:00.000Z');
  });

  test('a malformed SLA, instant or zone is a VALIDATION_FAILED domain error', () => {
    expect(() => addSla('2026-03-06T03:00:00Z', 'P1W', WIB)).toThrow(DomainError);
    expect(() => addSla('2026-03-06T03:00:00Z', 'P1W', WIB)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => addSla('2026-03-06 03:00', 'P1D', WIB)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => addSla('2026-03-06T03:00:00Z', 'P1D', { timeZone: 'Mars/Olympus', holidays: [] })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() => addWorkingDays('2026-03-06T03:00:00Z', -1, WIB)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('working days', () => {
  test('isWorkingDay: Monday to Friday minus holidays', () => {
    const calendar = { timeZone: 'Asia/Jakarta', holidays: ['2026-03-04'] };
    expect(isWorkingDay('2026-03-02', calendar)).toBe(true);
    expect(isWorkingDay('2026-03-04', calendar)).toBe(false);
    expect(isWorkingDay('2026-03-07', calendar)).toBe(false);
    expect(isWorkingDay('2026-03-08', calendar)).toBe(false);
  });

  test('isWorkingInstant uses the local day', () => {
    expect(isWorkingInstant('2026-03-06T16:30:00Z', { timeZone: 'Asia/Jakarta', holidays: [] })).toBe(true);
    expect(isWorkingInstant('2026-03-06T16:30:00Z', { timeZone: 'Asia/Jayapura', holidays: [] })).toBe(false);
  });
});

describe('slaState', () => {
  const enteredAt = '2026-03-02T00:00:00.000Z';
  const dueAt = '2026-03-02T00:01:40.000Z'; // 100 s later
  test.each([
    ['2026-03-02T00:00:00.000Z', 'ON_TRACK'],
    ['2026-03-02T00:01:14.999Z', 'ON_TRACK'],
    ['2026-03-02T00:01:15.000Z', 'AT_RISK'],
    ['2026-03-02T00:01:40.000Z', 'AT_RISK'],
    ['2026-03-02T00:01:40.001Z', 'BREACHED'],
    ['2026-04-01T00:00:00.000Z', 'BREACHED'],
  ])('at %s the visit is %s', (now, state) => {
    expect(slaState(enteredAt, dueAt, now)).toBe(state);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const MS_PER_DAY = 86_400_000;
const generalInstant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) });
/** Instants within a few days of a month end (December included), where calendar bugs live. */
const monthEndInstant = fc
  .record({
    year: fc.integer({ min: 2020, max: 2030 }),
    month: fc.integer({ min: 0, max: 11 }),
    offset: fc.integer({ min: -4 * MS_PER_DAY, max: 4 * MS_PER_DAY }),
  })
  .map(({ year, month, offset }) => Date.UTC(year, month + 1, 1) + offset);
const yearEndInstant = fc
  .record({ year: fc.integer({ min: 2020, max: 2030 }), offset: fc.integer({ min: -12 * MS_PER_DAY, max: 6 * MS_PER_DAY }) })
  .map(({ year, offset }) => Date.UTC(year + 1, 0, 1) + offset);

const scenario = fc
  .record({
    millis: fc.oneof(generalInstant, monthEndInstant, yearEndInstant),
    timeZone: fc.constantFrom(...ZONES),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -3, max: 45 }), { maxLength: 20 }),
  })
  .map(({ millis, timeZone, holidayOffsets }) => {
    const local = DateTime.fromMillis(millis, { zone: timeZone });
    const holidays = holidayOffsets.map((d) => local.plus({ days: d }).toISODate() as string);
    // Year-end holidays (New Year, cuti bersama) make the boundary interesting.
    holidays.push(`${local.year + 1}-01-01`, `${local.year}-12-25`, `${local.year}-12-26`);
    return { enteredAt: new Date(millis).toISOString(), calendar: { timeZone, holidays } as AgencyCalendar };
  });

const localOf = (instant: string, zone: string) => DateTime.fromISO(instant, { zone });
const isWorkingLocal = (instant: string, calendar: AgencyCalendar) => {
  const local = localOf(instant, calendar.timeZone);
  return local.weekday <= 5 && !calendar.holidays.includes(local.toISODate() as string);
};

describe('SLA clock properties (WIB, WITA, WIT; weekends, holidays, month and year ends)', () => {
  test('a day-only SLA never ends on a non-working local day', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 25 }), ({ enteredAt, calendar }, days) => {
        const due = addSla(enteredAt, `P${days}D`, calendar);
        expect(isWorkingLocal(due, calendar)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test('adding n then m working days equals adding n + m', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), ({ enteredAt, calendar }, n, m) => {
        const stepwise = addWorkingDays(addWorkingDays(enteredAt, n, calendar), m, calendar);
        expect(stepwise).toBe(addWorkingDays(enteredAt, n + m, calendar));
      }),
      { numRuns: 400 },
    );
  });

  test('the deadline is after enteredAt for any non-zero SLA', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.record({
          days: fc.integer({ min: 0, max: 10 }),
          hours: fc.integer({ min: 0, max: 30 }),
          minutes: fc.integer({ min: 0, max: 90 }),
          seconds: fc.integer({ min: 0, max: 90 }),
        }),
        ({ enteredAt, calendar }, d) => {
          fc.pre(d.days + d.hours + d.minutes + d.seconds > 0);
          const sla = `P${d.days}DT${d.hours}H${d.minutes}M${d.seconds}S`;
          expect(Date.parse(addSla(enteredAt, sla, calendar))).toBeGreaterThan(Date.parse(enteredAt));
        },
      ),
      { numRuns: 400 },
    );
  });

  test('zero working days keeps a working-day instant unchanged', () => {
    fc.assert(
      fc.property(scenario, ({ enteredAt, calendar }) => {
        fc.pre(isWorkingLocal(enteredAt, calendar));
        expect(addWorkingDays(enteredAt, 0, calendar)).toBe(enteredAt);
        expect(addSla(enteredAt, 'P0D', calendar)).toBe(enteredAt);
      }),
      { numRuns: 300 },
    );
  });

  test('from a working day, n working days keep the local time and skip exactly n working days', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 20 }), ({ enteredAt, calendar }, n) => {
        fc.pre(isWorkingLocal(enteredAt, calendar));
        const due = addWorkingDays(enteredAt, n, calendar);
        const start = localOf(enteredAt, calendar.timeZone);
        const end = localOf(due, calendar.timeZone);
        expect(end.toFormat('HH:mm:ss.SSS')).toBe(start.toFormat('HH:mm:ss.SSS'));
        let count = 0;
        for (let d = start.startOf('day').plus({ days: 1 }); d <= end.startOf('day'); d = d.plus({ days: 1 })) {
          if (d.weekday <= 5 && !calendar.holidays.includes(d.toISODate() as string)) count += 1;
        }
        expect(count).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  test('from a day off, n working days end at 00:00 after the first n working days', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 20 }), ({ enteredAt, calendar }, n) => {
        fc.pre(!isWorkingLocal(enteredAt, calendar));
        const end = localOf(addWorkingDays(enteredAt, n, calendar), calendar.timeZone);
        expect(end.toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
        let count = 0;
        for (let d = localOf(enteredAt, calendar.timeZone).startOf('day'); d < end; d = d.plus({ days: 1 })) {
          if (d.weekday <= 5 && !calendar.holidays.includes(d.toISODate() as string)) count += 1;
        }
        expect(count).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  test('slaState moves ON_TRACK → AT_RISK → BREACHED and never back', () => {
    const order = { ON_TRACK: 0, AT_RISK: 1, BREACHED: 2 } as const;
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 0, max: 30 * MS_PER_DAY }), { minLength: 2, maxLength: 6 }),
        ({ enteredAt, calendar }, n, offsets) => {
          const due = addSla(enteredAt, `P${n}D`, calendar);
          const states = [...offsets]
            .sort((a, b) => a - b)
            .map((o) => slaState(enteredAt, due, new Date(Date.parse(enteredAt) + o).toISOString()));
          states.slice(1).forEach((s, i) => expect(order[s]).toBeGreaterThanOrEqual(order[states[i]]));
        },
      ),
    );
  });
});
