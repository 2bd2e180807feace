import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { formatNip, isValidNip, parseNip } from './nip.js';

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Valid NIPs, built from their parts. */
const validNip = fc
  .record({
    birthYear: fc.integer({ min: 1900, max: 2010 }),
    birthMonth: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    ageAtAppointment: fc.integer({ min: 15, max: 60 }),
    appointmentMonth: fc.integer({ min: 1, max: 12 }),
    sex: fc.constantFrom(1 as const, 2 as const),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map((p) => {
    const birthDay = 1 + Math.floor(p.dayFraction * daysIn(p.birthYear, p.birthMonth));
    const parts = {
      birthDate: `${p.birthYear}-${pad(p.birthMonth, 2)}-${pad(birthDay, 2)}`,
      appointment: `${p.birthYear + p.ageAtAppointment}-${pad(p.appointmentMonth, 2)}`,
      sex: p.sex,
      sequence: pad(p.sequence, 3),
    };
    return { parts, nip: formatNip(parts) };
  });

describe('NIP', () => {
  test('parses a real NIP into its parts', () => {
    expect(parseNip('198507122010011001')).toEqual({ birthDate: '1985-07-12', appointment: '2010-01', sex: 1, sequence: '001' });
    expect(parseNip('199002282015032002')).toEqual({ birthDate: '1990-02-28', appointment: '2015-03', sex: 2, sequence: '002' });
  });

  test.each([
    ['too short', '19850712201001100'],
    ['too long', '1985071220100110011'],
    ['letters', '19850712201001100A'],
    ['spaces', '198507122010011 01'],
    ['Feb 30 birth date', '198502302010011001'],
    ['Feb 29 outside a leap year', '198502292010011001'],
    ['month 13 birth date', '198513122010011001'],
    ['day 00', '198507002010011001'],
    ['appointment month 00', '198507122010001001'],
    ['appointment month 13', '198507122010131001'],
    ['sex 0', '198507122010010001'],
    ['sex 3', '198507122010013001'],
    ['appointed at 14', '198507121999011001'],
    ['appointed before birth', '198507121980011001'],
    ['birth year before 1900', '189907121950011001'],
  ])('rejects %s', (_label, nip) => {
    expect(parseNip(nip)).toBeNull();
    expect(isValidNip(nip)).toBe(false);
  });

  test('accepts a leap-day birth and appointment exactly 15 years later', () => {
    expect(parseNip('198802292003061001')?.birthDate).toBe('1988-02-29');
    expect(isValidNip('198507122000011001')).toBe(true);
  });

  test('rejects non-strings', () => {
    // eslint-disable-next-line no-loss-of-precision -- a NIP sent as a JSON number loses digits, which is the point
    for (const value of [undefined, null, 198507122010011001, {}, ['198507122010011001']]) expect(parseNip(value)).toBeNull();
  });

  test('property: generated valid NIPs parse to their parts and format back', () => {
    fc.assert(
      fc.property(validNip, ({ parts, nip }) => {
        expect(nip).toMatch(/^\d{18}$/);
        const parsed = parseNip(nip);
        expect(parsed).toEqual(parts);
        expect(formatNip(parsed!)).toBe(nip);
      }),
      { numRuns: 500 },
    );
  });

  test('property: replacing any character with a non-digit is rejected', () => {
    const nonDigit = fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[0-9]/.test(c));
    fc.assert(
      fc.property(validNip, fc.integer({ min: 0, max: 17 }), nonDigit, ({ nip }, index, c) => {
        const broken = nip.slice(0, index) + c + nip.slice(index + 1);
        expect(parseNip(broken)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  test('property: digit strings of any other length are rejected', () => {
    const digits = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 40 }).map((ds) => ds.join(''));
    fc.assert(
      fc.property(
        digits.filter((s) => s.length !== 18),
        (s) => {
          expect(parseNip(s)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });

  test('property: dropping or adding a digit to a valid NIP is rejected', () => {
    fc.assert(
      fc.property(validNip, fc.integer({ min: 0, max: 9 }), ({ nip }, d) => {
        expect(parseNip(nip.slice(1))).toBeNull();
        expect(parseNip(nip + d)).toBeNull();
      }),
    );
  });
});
