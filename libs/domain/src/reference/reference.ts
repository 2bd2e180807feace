/**
 * Validation of and lookups in the national reference data (DOMAIN.md §National reference data).
 * Pure: every function takes the document; none keeps one.
 */
import { PREDICATES } from '../appraisal.js';
import { isIsoDate } from '../dates.js';
import type { BerkasRequirement, DecreeAuthority, Predicate } from '../events.js';
import { GRADES, gradeIndex, isGrade, type Grade } from '../grade.js';
import {
  DOCUMENT_TYPES,
  EDUCATION_LEVELS,
  ESELONS,
  JENJANGS,
  ORGANISATION_RATINGS,
  PROMOTION_KINDS,
  type Dated,
  type DocumentType,
  type EducationLevel,
  type Eselon,
  type GradeRange,
  type Jenjang,
  type KpPeriodTable,
  type PromotionKind,
  type ReferenceData,
} from './reference-data.js';

const VERSION = /^\d+(\.\d+)*$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Multiples of 0.25 keep credit-point arithmetic exact (see kp/credit-points.ts). */
function isQuarterMultiple(value: number): boolean {
  return Number.isFinite(value) && Number.isInteger(value * 4);
}

/** Collects every problem of a document instead of stopping at the first. */
class Problems {
  readonly list: string[] = [];

  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }

  object(value: unknown, path: string): Json | null {
    if (isObject(value)) return value;
    this.add(path, 'must be an object');
    return null;
  }

  array(value: unknown, path: string): unknown[] | null {
    if (Array.isArray(value)) return value;
    this.add(path, 'must be an array');
    return null;
  }

  date(value: unknown, path: string): value is string {
    if (isIsoDate(value)) return true;
    this.add(path, `must be a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
    return false;
  }

  grade(value: unknown, path: string): value is Grade {
    if (isGrade(value)) return true;
    this.add(path, `must be a grade (${GRADES[0]} … ${GRADES[GRADES.length - 1]}), got ${JSON.stringify(value)}`);
    return false;
  }

  text(value: unknown, path: string): void {
    if (typeof value !== 'string' || value.trim() === '') this.add(path, 'must be a non-empty string');
  }

  dated(value: Json, path: string): void {
    this.date(value.validFrom, `${path}.validFrom`);
  }

  /** An object with exactly `keys`, each value checked by `check`. */
  keyed(value: unknown, keys: readonly string[], path: string, check: (entry: unknown, entryPath: string) => void): void {
    const table = this.object(value, path);
    if (!table) return;
    for (const key of keys) {
      if (!(key in table)) this.add(path, `is missing ${key}`);
      else check(table[key], `${path}.${key}`);
    }
    for (const key of Object.keys(table)) {
      if (!keys.includes(key)) this.add(path, `has unknown key ${key}`);
    }
  }

  range(value: unknown, path: string): void {
    const range = this.object(value, path);
    if (!range) return;
    const from = this.grade(range.from, `${path}.from`);
    const to = this.grade(range.to, `${path}.to`);
    if (from && to && gradeIndex(range.from as Grade) > gradeIndex(range.to as Grade)) {
      this.add(path, `runs backwards: from ${String(range.from)} is above to ${String(range.to)}`);
    }
  }

  documents(value: unknown, path: string): void {
    const list = this.array(value, path);
    if (!list) return;
    list.forEach((type, i) => {
      if (!DOCUMENT_TYPES.includes(type as DocumentType)) this.add(`${path}[${i}]`, `is not a document type: ${JSON.stringify(type)}`);
    });
    if (new Set(list).size !== list.length) this.add(path, 'lists a document type twice');
  }
}

function checkKpPeriods(value: unknown, p: Problems): void {
  const rows = p.array(value, 'kpPeriods');
  if (!rows) return;
  if (rows.length === 0) p.add('kpPeriods', 'must have at least one row');
  let previous: string | null = null;
  rows.forEach((raw, i) => {
    const path = `kpPeriods[${i}]`;
    const row = p.object(raw, path);
    if (!row) return;
    if (p.date(row.validFrom, `${path}.validFrom`)) {
      if (previous !== null && row.validFrom <= previous) p.add(`${path}.validFrom`, `must come after the previous row's ${previous}`);
      previous = row.validFrom;
    }
    const months = p.array(row.months, `${path}.months`);
    if (months) {
      if (months.length === 0) p.add(`${path}.months`, 'must list at least one month');
      months.forEach((month, j) => {
        if (!Number.isInteger(month) || (month as number) < 1 || (month as number) > 12) {
          p.add(`${path}.months[${j}]`, `must be a month 1–12, got ${JSON.stringify(month)}`);
        }
      });
      if (new Set(months).size !== months.length) p.add(`${path}.months`, 'lists a month twice');
    }
    p.text(row.source, `${path}.source`);
  });
}

function checkHolidays(value: unknown, p: Problems): void {
  const byYear = p.object(value, 'holidays');
  if (!byYear) return;
  for (const [year, raw] of Object.entries(byYear)) {
    const path = `holidays.${year}`;
    if (!/^\d{4}$/.test(year)) p.add(path, 'must be keyed by a four-digit year');
    const days = p.array(raw, path);
    if (!days) continue;
    days.forEach((day, i) => {
      if (p.date(day, `${path}[${i}]`) && day.slice(0, 4) !== year) p.add(`${path}[${i}]`, `${day} is not in ${year}`);
    });
    if (new Set(days).size !== days.length) p.add(path, 'lists a day twice');
  }
}

function checkEducation(value: unknown, p: Problems): void {
  const education = p.object(value, 'education');
  if (!education) return;
  p.dated(education, 'education');
  const levels = p.array(education.levels, 'education.levels');
  if (levels) {
    for (const level of EDUCATION_LEVELS) if (!levels.includes(level)) p.add('education.levels', `is missing ${level}`);
    for (const level of levels) {
      if (!EDUCATION_LEVELS.includes(level as EducationLevel)) p.add('education.levels', `has unknown level ${JSON.stringify(level)}`);
    }
  }
  p.keyed(education.entryGrade, EDUCATION_LEVELS, 'education.entryGrade', (grade, path) => p.grade(grade, path));
  p.keyed(education.regularCeiling, EDUCATION_LEVELS, 'education.regularCeiling', (grade, path) => p.grade(grade, path));
  if (isObject(education.entryGrade) && isObject(education.regularCeiling)) {
    for (const level of EDUCATION_LEVELS) {
      const entry = education.entryGrade[level];
      const ceiling = education.regularCeiling[level];
      if (isGrade(entry) && isGrade(ceiling) && gradeIndex(entry) > gradeIndex(ceiling)) {
        p.add(`education.${level}`, `entry grade ${entry} is above the reguler ceiling ${ceiling}`);
      }
    }
  }
}

function checkServiceExams(value: unknown, p: Problems): void {
  const exams = p.object(value, 'serviceExams');
  if (!exams) return;
  p.dated(exams, 'serviceExams');
  const crossings = p.array(exams.crossings, 'serviceExams.crossings');
  crossings?.forEach((raw, i) => {
    const path = `serviceExams.crossings[${i}]`;
    const crossing = p.object(raw, path);
    if (!crossing) return;
    const from = p.grade(crossing.from, `${path}.from`);
    const to = p.grade(crossing.to, `${path}.to`);
    if (from && to && gradeIndex(crossing.from as Grade) >= gradeIndex(crossing.to as Grade)) {
      p.add(path, `must cross upwards, got ${String(crossing.from)} → ${String(crossing.to)}`);
    }
    if (crossing.level !== 1 && crossing.level !== 2) p.add(`${path}.level`, `must be 1 or 2, got ${JSON.stringify(crossing.level)}`);
    if (!EDUCATION_LEVELS.includes(crossing.exemptFrom as EducationLevel)) {
      p.add(`${path}.exemptFrom`, `must be an education level, got ${JSON.stringify(crossing.exemptFrom)}`);
    }
  });
}

function checkRanges(value: unknown, keys: readonly string[], path: string, p: Problems): void {
  const table = p.object(value, path);
  if (!table) return;
  p.dated(table, path);
  p.keyed(table.ranges, keys, `${path}.ranges`, (range, rangePath) => p.range(range, rangePath));
}

function checkCreditPoints(value: unknown, p: Problems): void {
  const credit = p.object(value, 'creditPoints');
  if (!credit) return;
  p.dated(credit, 'creditPoints');
  const year = credit.accrualFromYear;
  if (!Number.isInteger(year) || (year as number) < 1900) p.add('creditPoints.accrualFromYear', 'must be a year from 1900 on');
  const quarterMultiple = (entry: unknown, path: string, min: number, max: number) => {
    if (typeof entry !== 'number' || !isQuarterMultiple(entry) || entry < min || entry > max) {
      p.add(path, `must be a multiple of 0.25 from ${min} to ${max}, got ${JSON.stringify(entry)}`);
    }
  };
  p.keyed(credit.annualCoefficient, JENJANGS, 'creditPoints.annualCoefficient', (entry, path) => quarterMultiple(entry, path, 0.25, 1000));
  p.keyed(credit.target, JENJANGS, 'creditPoints.target', (entry, path) => quarterMultiple(entry, path, 0.25, 10000));
  p.keyed(credit.predicateShare, PREDICATES, 'creditPoints.predicateShare', (entry, path) => quarterMultiple(entry, path, 0, 1.5));
  if (isObject(credit.predicateShare)) {
    // Best first: a better predikat never earns less.
    const shares = PREDICATES.map((predicate) => (credit.predicateShare as Json)[predicate]);
    for (let i = 1; i < shares.length; i++) {
      const [better, worse] = [shares[i - 1], shares[i]];
      if (typeof better === 'number' && typeof worse === 'number' && worse > better) {
        p.add('creditPoints.predicateShare', `${PREDICATES[i]} earns more than ${PREDICATES[i - 1]}`);
      }
    }
  }
}

function checkDistribution(value: unknown, p: Problems): void {
  const distribution = p.object(value, 'distribution');
  if (!distribution) return;
  p.dated(distribution, 'distribution');
  p.keyed(distribution.bounds, ORGANISATION_RATINGS, 'distribution.bounds', (raw, path) => {
    p.array(raw, path)?.forEach((rawBound, i) => {
      const boundPath = `${path}[${i}]`;
      const bound = p.object(rawBound, boundPath);
      if (!bound) return;
      const predicates = p.array(bound.predicates, `${boundPath}.predicates`);
      if (predicates && (predicates.length === 0 || predicates.some((x) => !PREDICATES.includes(x as Predicate)))) {
        p.add(`${boundPath}.predicates`, `must list predicates among ${PREDICATES.join(', ')}`);
      }
      for (const key of ['minShare', 'maxShare'] as const) {
        const share = bound[key];
        if (share !== undefined && (typeof share !== 'number' || !(share >= 0 && share <= 1))) {
          p.add(`${boundPath}.${key}`, `must be a share from 0 to 1, got ${JSON.stringify(share)}`);
        }
      }
      if (bound.minCount !== undefined && (!Number.isInteger(bound.minCount) || (bound.minCount as number) < 1)) {
        p.add(`${boundPath}.minCount`, 'must be a positive integer');
      }
      if (bound.minShare === undefined && bound.maxShare === undefined && bound.minCount === undefined) {
        p.add(boundPath, 'must set minShare, maxShare or minCount');
      }
      if (typeof bound.minShare === 'number' && typeof bound.maxShare === 'number' && bound.minShare > bound.maxShare) {
        p.add(boundPath, 'has minShare above maxShare');
      }
    });
  });
}

function checkDocuments(value: unknown, p: Problems): void {
  const documents = p.object(value, 'documents');
  if (!documents) return;
  p.dated(documents, 'documents');
  p.documents(documents.all, 'documents.all');
  p.keyed(documents.byKind, PROMOTION_KINDS, 'documents.byKind', (list, path) => p.documents(list, path));
  p.documents(documents.serviceExam, 'documents.serviceExam');
  p.documents(documents.derived, 'documents.derived');
}

/**
 * Validates a reference document as read from JSON and returns it typed. Throws one Error listing
 * every problem found, so an analyst fixes a broken version in one pass.
 */
export function parseReferenceData(raw: unknown): ReferenceData {
  const p = new Problems();
  const doc = p.object(raw, 'reference');
  if (doc) {
    if (typeof doc.version !== 'string' || !VERSION.test(doc.version)) {
      p.add('version', `must be dotted numbers such as 2026.1, got ${JSON.stringify(doc.version)}`);
    }
    p.date(doc.publishedOn, 'publishedOn');
    checkKpPeriods(doc.kpPeriods, p);
    checkHolidays(doc.holidays, p);
    p.keyed(doc.rankNames, GRADES, 'rankNames', (name, path) => p.text(name, path));
    checkEducation(doc.education, p);
    checkServiceExams(doc.serviceExams, p);
    checkRanges(doc.eselonRanges, ESELONS, 'eselonRanges', p);
    checkRanges(doc.jenjangRanges, JENJANGS, 'jenjangRanges', p);
    checkCreditPoints(doc.creditPoints, p);
    const authority = p.object(doc.decreeAuthority, 'decreeAuthority');
    if (authority) {
      p.dated(authority, 'decreeAuthority');
      p.grade(authority.ppkUpTo, 'decreeAuthority.ppkUpTo');
    }
    checkDistribution(doc.distribution, p);
    checkDocuments(doc.documents, p);
  }
  if (p.list.length > 0) {
    throw new Error(`Invalid national reference data (${p.list.length} problems):\n- ${p.list.join('\n- ')}`);
  }
  return raw as ReferenceData;
}

/** Orders reference versions numerically per dot part: 2026.2 < 2026.10. */
export function compareReferenceVersions(a: string, b: string): number {
  const [left, right] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The row of an effective-dated table in force on `date`: the latest `validFrom` on or before it. */
export function rowInForce<T extends Dated>(rows: readonly T[], date: string): T | null {
  let found: T | null = null;
  for (const row of rows) {
    if (row.validFrom <= date && (found === null || row.validFrom > found.validFrom)) found = row;
  }
  return found;
}

export function kpPeriodTableOn(ref: ReferenceData, date: string): KpPeriodTable | null {
  return rowInForce(ref.kpPeriods, date);
}

/** The months whose 1st is a KP date under the table in force on `date` (none before the first table). */
export function kpMonthsOn(ref: ReferenceData, date: string): number[] {
  return [...(kpPeriodTableOn(ref, date)?.months ?? [])].sort((a, b) => a - b);
}

/** A TMT: the 1st of a month listed by the KP period table in force on that very date. */
export function isKpPeriodDate(ref: ReferenceData, date: string): boolean {
  return isIsoDate(date) && date.endsWith('-01') && kpMonthsOn(ref, date).includes(Number(date.slice(5, 7)));
}

function firstOfMonth(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** The KP dates from `from` to `to`, both inclusive, oldest first: the coming TMTs for a UI. */
export function kpDatesBetween(ref: ReferenceData, from: string, to: string): string[] {
  const dates: string[] = [];
  if (!isIsoDate(from) || !isIsoDate(to)) return dates;
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  for (let date = firstOfMonth(year, month); date <= to; date = firstOfMonth(year, month)) {
    if (date >= from && isKpPeriodDate(ref, date)) dates.push(date);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return dates;
}

export function rankName(ref: ReferenceData, grade: Grade): string {
  return ref.rankNames[grade];
}

/** National holidays and cuti bersama of the given years, sorted and without repeats. */
export function nationalHolidays(ref: ReferenceData, years: Iterable<number | string>): string[] {
  const days = new Set<string>();
  for (const year of years) for (const day of ref.holidays[String(year)] ?? []) days.add(day);
  return [...days].sort();
}

export function entryGrade(ref: ReferenceData, level: EducationLevel): Grade {
  return ref.education.entryGrade[level];
}

export function regularCeiling(ref: ReferenceData, level: EducationLevel): Grade {
  return ref.education.regularCeiling[level];
}

export function eselonRange(ref: ReferenceData, eselon: Eselon): GradeRange {
  return ref.eselonRanges.ranges[eselon];
}

export function jenjangRange(ref: ReferenceData, jenjang: Jenjang): GradeRange {
  return ref.jenjangRanges.ranges[jenjang];
}

export function isGradeInRange(grade: Grade, range: GradeRange): boolean {
  return gradeIndex(range.from) <= gradeIndex(grade) && gradeIndex(grade) <= gradeIndex(range.to);
}

/** Up to `ppkUpTo` the PPK signs the SK; above it a presidential decree (Keppres) is needed. */
export function decreeAuthorityFor(ref: ReferenceData, toGrade: Grade): DecreeAuthority {
  return gradeIndex(toGrade) <= gradeIndex(ref.decreeAuthority.ppkUpTo) ? 'PPK' : 'PRESIDENT';
}

/** Education levels lowest first; D4 sits just below S1 and is exempt wherever S1 is (`exemptFrom: D4`). */
export function educationRank(level: EducationLevel): number {
  return EDUCATION_LEVELS.indexOf(level);
}

/** The highest of the levels, or null for none. */
export function highestEducation(levels: Iterable<EducationLevel | null | undefined>): EducationLevel | null {
  let highest: EducationLevel | null = null;
  for (const level of levels) {
    if (level && (highest === null || educationRank(level) > educationRank(highest))) highest = level;
  }
  return highest;
}

export type ServiceExamCrossing = ReferenceData['serviceExams']['crossings'][number];

/** The service-exam crossings a promotion `from` → `to` passes (a multi-step jump may pass several). */
export function serviceExamCrossings(ref: ReferenceData, from: Grade, to: Grade): ServiceExamCrossing[] {
  return ref.serviceExams.crossings.filter(
    (crossing) => gradeIndex(from) <= gradeIndex(crossing.from) && gradeIndex(crossing.to) <= gradeIndex(to),
  );
}

/**
 * The service exam level a promotion needs, or null when it crosses no boundary or the education
 * exempts it. Unknown education exempts nothing: the exam is asked for until a diploma is recorded.
 */
export function serviceExamFor(ref: ReferenceData, from: Grade, to: Grade, education: EducationLevel | null): 1 | 2 | null {
  let level: 1 | 2 | null = null;
  for (const crossing of serviceExamCrossings(ref, from, to)) {
    const exempt = education !== null && educationRank(education) >= educationRank(crossing.exemptFrom);
    if (!exempt && (level === null || crossing.level > level)) level = crossing.level;
  }
  return level;
}

/** The berkas of a KP kind: every kind's documents, the kind's own, and the service exam's when needed. */
export function berkasFor(ref: ReferenceData, kind: PromotionKind, needsServiceExam: boolean): BerkasRequirement[] {
  const { documents } = ref;
  const types = [...documents.all, ...documents.byKind[kind], ...(needsServiceExam ? documents.serviceExam : [])];
  return [...new Set(types)].map((type) => ({ type, derived: documents.derived.includes(type) }));
}
