import { isIsoDate } from './dates.js';

/**
 * NIP (Nomor Induk Pegawai): 18 digits = birth date YYYYMMDD, appointment (CPNS TMT) YYYYMM,
 * sex 1 (male) / 2 (female), 3-digit sequence.
 *
 * Checks beyond the layout, chosen to reject typos without rejecting real numbers:
 * - the birth date is a real calendar date with a year from 1900;
 * - the appointment month is 01–12;
 * - the appointment year is at least the birth year + 15 (nobody is appointed as a child);
 * - the sequence is any three digits (the issuing rules for it are not public).
 */
export interface NipParts {
  birthDate: string;
  appointment: string;
  sex: 1 | 2;
  sequence: string;
}

export const MIN_BIRTH_YEAR = 1900;
export const MIN_AGE_AT_APPOINTMENT = 15;

const NIP_LAYOUT = /^(\d{4})(\d{2})(\d{2})(\d{4})(\d{2})([12])(\d{3})$/;

export function parseNip(nip: unknown): NipParts | null {
  if (typeof nip !== 'string') return null;
  const match = NIP_LAYOUT.exec(nip);
  if (!match) return null;
  const [, birthYear, birthMonth, birthDay, appointmentYear, appointmentMonth, sex, sequence] = match;
  const birthDate = `${birthYear}-${birthMonth}-${birthDay}`;
  if (Number(birthYear) < MIN_BIRTH_YEAR || !isIsoDate(birthDate)) return null;
  const month = Number(appointmentMonth);
  if (month < 1 || month > 12) return null;
  if (Number(appointmentYear) < Number(birthYear) + MIN_AGE_AT_APPOINTMENT) return null;
  return { birthDate, appointment: `${appointmentYear}-${appointmentMonth}`, sex: sex === '1' ? 1 : 2, sequence };
}

export function isValidNip(nip: unknown): nip is string {
  return parseNip(nip) !== null;
}

/** The inverse of parseNip. */
export function formatNip(parts: NipParts): string {
  return `${parts.birthDate.replaceAll('-', '')}${parts.appointment.replace('-', '')}${parts.sex}${parts.sequence}`;
}
