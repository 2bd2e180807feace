import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { slaState } from './calendar.js';
import { instantMillis, isIsoDate, isIsoInstant, localDate } from './dates.js';

/*
 * The date checks run on every command and every queue row, so they are plain arithmetic and a
 * cached Intl formatter. luxon, which they replaced, stays here as the oracle: over generated
 * inputs, in range and out, the new functions give luxon's answers.
 */

const ORIGINAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

const oracle = {
  isIsoDate(value: string): boolean {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    return year >= 1900 && DateTime.utc(year, month, day).isValid && day >= 1 && month >= 1;
  },
  isIsoInstant(value: string): boolean {
    return ORIGINAL_INSTANT.test(value) && DateTime.fromISO(value, { setZone: true }).isValid;
  },
  instantMillis(value: string): number {
    return DateTime.fromISO(value, { setZone: true }).toMillis();
  },
  localDate(instant: string, timeZone: string): string | null {
    const local = DateTime.fromMillis(oracle.instantMillis(instant), { zone: timeZone });
    return local.isValid ? (local.toISODate() as string) : null;
  },
  slaState(enteredAt: string, dueAt: string, now: string): string {
    const [start, due, at] = [enteredAt, dueAt, now].map((i) => oracle.instantMillis(i));
    if (at > due) return 'BREACHED';
    if (at - start >= 0.75 * (due - start)) return 'AT_RISK';
    return 'ON_TRACK';
  },
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const digits = (min: number, max: number, width: number) => fc.integer({ min, max }).map((n) => pad(n, width));

const LEAP_EDGES = ['2000-02-29', '1900-02-29', '2100-02-29', '2400-02-29', '2024-02-29', '2023-02-29', '2026-04-31', '2026-12-31'];

const dateText = fc.oneof(
  fc.constantFrom(...LEAP_EDGES),
  fc
    .tuple(
      fc.oneof(digits(1890, 2110, 4), digits(0, 9999, 4)),
      fc.oneof(digits(1, 12, 2), digits(0, 99, 2)),
      fc.oneof(digits(1, 31, 2), digits(0, 99, 2)),
    )
    .map(([y, m, d]) => `${y}-${m}-${d}`),
);

const offsetText = fc.oneof(
  fc.constant('Z'),
  fc
    .tuple(
      fc.constantFrom('+', '-'),
      fc.oneof(digits(0, 14, 2), digits(0, 99, 2)),
      fc.constantFrom(':', ''),
      fc.oneof(digits(0, 59, 2), digits(0, 99, 2)),
    )
    .map(([sign, h, colon, m]) => `${sign}${h}${colon}${m}`),
);

const instantText = fc.oneof(
  fc
    .tuple(fc.constantFrom(...LEAP_EDGES), fc.constantFrom('T00:00Z', 'T24:00Z', 'T24:00:00.000+07:00', 'T23:59:59.9999-00:30'))
    .map(([d, t]) => d + t),
  fc
    .tuple(
      fc.oneof(digits(1900, 2100, 4), digits(0, 9999, 4)),
      fc.oneof(digits(1, 12, 2), digits(0, 13, 2)),
      fc.oneof(digits(1, 28, 2), digits(0, 32, 2)),
      fc.oneof(digits(0, 23, 2), digits(0, 25, 2)),
      fc.oneof(digits(0, 59, 2), digits(0, 61, 2)),
      fc.option(fc.tuple(fc.oneof(digits(0, 59, 2), digits(0, 61, 2)), fc.option(fc.stringMatching(/^\d{1,9}$/)))),
      offsetText,
    )
    .map(([y, mo, d, h, mi, rest, offset]) => {
      const seconds = rest ? `:${rest[0]}${rest[1] !== null ? `.${rest[1]}` : ''}` : '';
      return `${y}-${mo}-${d}T${h}:${mi}${seconds}${offset}`;
    }),
);

/** Valid instants spread over 1900-2100, written with a random offset. */
const validInstant = fc
  .tuple(fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: -14 * 60, max: 14 * 60 }))
  .map(([millis, offsetMinutes]) => {
    const shifted = new Date(millis + offsetMinutes * 60_000).toISOString().slice(0, 23);
    if (offsetMinutes === 0) return `${shifted}Z`;
    const abs = Math.abs(offsetMinutes);
    return `${shifted}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
  });

const ZONES = [
  'Asia/Jakarta',
  'Asia/Makassar',
  'Asia/Jayapura',
  'asia/jakarta',
  'UTC',
  'utc',
  'UTC+7',
  'Etc/GMT+12',
  'Pacific/Kiritimati',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Europe/London',
  'Mars/Olympus',
];

const RUNS = { numRuns: 1000 };

describe('the date checks agree with luxon', () => {
  test('isIsoDate', () => {
    fc.assert(
      fc.property(fc.oneof(dateText, fc.string()), (text) => expect(isIsoDate(text)).toBe(oracle.isIsoDate(text))),
      RUNS,
    );
  });

  test('isIsoInstant and instantMillis', () => {
    fc.assert(
      fc.property(fc.oneof(instantText, validInstant, fc.string()), (text) => {
        const valid = oracle.isIsoInstant(text);
        expect(isIsoInstant(text)).toBe(valid);
        if (valid) expect(instantMillis(text)).toBe(oracle.instantMillis(text));
        else expect(() => instantMillis(text)).toThrow();
      }),
      RUNS,
    );
  });

  test('localDate, per zone (an unknown zone throws for both)', () => {
    fc.assert(
      fc.property(validInstant, fc.constantFrom(...ZONES), (instant, zone) => {
        const expected = oracle.localDate(instant, zone);
        if (expected === null) expect(() => localDate(instant, zone)).toThrow();
        else expect(localDate(instant, zone)).toBe(expected);
      }),
      RUNS,
    );
  });

  test('localDate for the extreme instants the format allows', () => {
    for (const instant of ['0000-01-01T00:00Z', '0000-01-01T00:00+99:99', '0999-12-31T23:59:59.999Z', '9999-12-31T23:59-99:99']) {
      for (const zone of ['Asia/Jakarta', 'UTC', 'Etc/GMT+12']) expect(localDate(instant, zone)).toBe(oracle.localDate(instant, zone));
    }
  });

  test('slaState', () => {
    fc.assert(
      fc.property(validInstant, validInstant, validInstant, (enteredAt, dueAt, now) =>
        expect(slaState(enteredAt, dueAt, now)).toBe(oracle.slaState(enteredAt, dueAt, now)),
      ),
      RUNS,
    );
  });
});
