// The national reference data (GET /api/reference), read once: grades, rank names, KP period dates.
import { api } from './api.js';
import { todayInZone } from './format.js';

let cached = null;
export function loadReference() {
  cached ??= api('/api/reference').catch((error) => {
    cached = null;
    throw error;
  });
  return cached;
}

/** Grades in order, `I/a` … `IV/e`, as the rank-name table lists them. */
export function gradesOf(reference) {
  return Object.keys(reference?.rankNames ?? {});
}

export function rankName(reference, grade) {
  return reference?.rankNames?.[grade] ?? '';
}

function monthsInForce(reference, isoDate) {
  const rows = [...(reference?.kpPeriods ?? [])].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  let months = [];
  for (const row of rows) if (row.validFrom <= isoDate) months = row.months;
  return months;
}

/**
 * The coming KP dates a proposal made today may ask for: the 1st of a KP month, from the month
 * after today (agency zone) to 12 months ahead.
 */
export function comingKpDates(reference, today = todayInZone()) {
  const [y, m] = today.split('-').map(Number);
  const limit = `${y + 1}-${String(m).padStart(2, '0')}-${today.slice(8, 10)}`;
  const dates = [];
  for (let i = 1; i <= 12; i++) {
    const month = ((m - 1 + i) % 12) + 1;
    const year = y + Math.floor((m - 1 + i) / 12);
    const iso = `${year}-${String(month).padStart(2, '0')}-01`;
    if (iso <= limit && monthsInForce(reference, iso).includes(month)) dates.push(iso);
  }
  return dates;
}

export const POSITION_TYPES = ['JPT', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL'];
export const STRUCTURAL_TYPES = ['JPT', 'ADMINISTRATOR', 'PENGAWAS'];
export const KP_KINDS = ['REGULAR', 'STRUCTURAL', 'FUNCTIONAL', 'DIPLOMA_ADJUSTMENT', 'OUTSTANDING'];
export const eselonsOf = (reference) => Object.keys(reference?.eselonRanges?.ranges ?? {});
export const jenjangsOf = (reference) => Object.keys(reference?.jenjangRanges?.ranges ?? {});
export const educationLevelsOf = (reference) => reference?.education?.levels ?? [];
