/**
 * National reference data (DOMAIN.md §National reference data): the rules that are national are
 * data, one versioned, effective-dated document shipped in `reference/` and loaded at boot.
 * Agencies cannot change it; a correction is a new version, and every case records the version it
 * was decided under. This module holds its shape, its validation and the lookups the rules use:
 * pure functions over a document passed in, never a global.
 */
import type { Grade } from '../grade.js';

export type EducationLevel = 'SD' | 'SMP' | 'SLTA' | 'D1' | 'D2' | 'D3' | 'D4' | 'S1' | 'S2' | 'S3';
export const EDUCATION_LEVELS: readonly EducationLevel[] = ['SD', 'SMP', 'SLTA', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'];

export type Eselon = 'I.a' | 'I.b' | 'II.a' | 'II.b' | 'III.a' | 'III.b' | 'IV.a' | 'IV.b';
export const ESELONS: readonly Eselon[] = ['I.a', 'I.b', 'II.a', 'II.b', 'III.a', 'III.b', 'IV.a', 'IV.b'];

export type Jenjang = 'PEMULA' | 'TERAMPIL' | 'MAHIR' | 'PENYELIA' | 'AHLI_PERTAMA' | 'AHLI_MUDA' | 'AHLI_MADYA' | 'AHLI_UTAMA';
export const JENJANGS: readonly Jenjang[] = [
  'PEMULA',
  'TERAMPIL',
  'MAHIR',
  'PENYELIA',
  'AHLI_PERTAMA',
  'AHLI_MUDA',
  'AHLI_MADYA',
  'AHLI_UTAMA',
];

export type PromotionKind = 'REGULAR' | 'STRUCTURAL' | 'FUNCTIONAL' | 'DIPLOMA_ADJUSTMENT' | 'OUTSTANDING';
export const PROMOTION_KINDS: readonly PromotionKind[] = ['REGULAR', 'STRUCTURAL', 'FUNCTIONAL', 'DIPLOMA_ADJUSTMENT', 'OUTSTANDING'];

export type DocumentType =
  | 'LAST_GRADE_DECREE'
  | 'APPRAISALS'
  | 'POST_DECREE'
  | 'INSTALLATION_RECORD'
  | 'FUNCTIONAL_POST_DECREE'
  | 'CREDIT_POINTS'
  | 'DIPLOMA'
  | 'TRANSCRIPT'
  | 'STUDY_PERMIT'
  | 'ADJUSTMENT_EXAM_CERTIFICATE'
  | 'AWARD_DECREE'
  | 'SERVICE_EXAM_CERTIFICATE';
export const DOCUMENT_TYPES: readonly DocumentType[] = [
  'LAST_GRADE_DECREE',
  'APPRAISALS',
  'POST_DECREE',
  'INSTALLATION_RECORD',
  'FUNCTIONAL_POST_DECREE',
  'CREDIT_POINTS',
  'DIPLOMA',
  'TRANSCRIPT',
  'STUDY_PERMIT',
  'ADJUSTMENT_EXAM_CERTIFICATE',
  'AWARD_DECREE',
  'SERVICE_EXAM_CERTIFICATE',
];

export type OrganisationRating = 'ISTIMEWA' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG' | 'SANGAT_KURANG';
export const ORGANISATION_RATINGS: readonly OrganisationRating[] = ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'];

/** A table row in force from `validFrom` (inclusive) until the next row's `validFrom`. */
export interface Dated {
  validFrom: string;
}

export interface KpPeriodTable extends Dated {
  /** Months (1–12) whose first day is a KP date while this row is in force. */
  months: number[];
  source: string;
}

export interface GradeRange {
  from: Grade;
  to: Grade;
}

export interface DistributionBound {
  predicates: string[];
  /** Share of the unit's employees with a final predikat, 0–1; absent when not bounded that way. */
  minShare?: number;
  maxShare?: number;
  /** At least this many employees with one of `predicates`. */
  minCount?: number;
}

export interface ReferenceData {
  /** e.g. `2026.1`: a correction is a new version. */
  version: string;
  publishedOn: string;
  kpPeriods: KpPeriodTable[];
  /** National holidays and cuti bersama by year (SKB 3 Menteri). */
  holidays: Record<string, string[]>;
  rankNames: Record<Grade, string>;
  education: Dated & {
    levels: EducationLevel[];
    entryGrade: Record<EducationLevel, Grade>;
    regularCeiling: Record<EducationLevel, Grade>;
  };
  serviceExams: Dated & {
    /** Crossing `from` → `to` needs the exam of `level` unless the education is `exemptFrom` or higher. */
    crossings: { from: Grade; to: Grade; level: 1 | 2; exemptFrom: EducationLevel }[];
  };
  eselonRanges: Dated & { ranges: Record<Eselon, GradeRange> };
  jenjangRanges: Dated & { ranges: Record<Jenjang, GradeRange> };
  creditPoints: Dated & {
    /** The first appraisal year whose final predikat accrues credit points (PermenPANRB 1/2023). */
    accrualFromYear: number;
    annualCoefficient: Record<Jenjang, number>;
    /** Share of the coefficient by final predikat, 0–1.5. */
    predicateShare: Record<string, number>;
    /** Credit points needed for one grade step. */
    target: Record<Jenjang, number>;
  };
  decreeAuthority: Dated & {
    /** Targets up to and including this grade are decreed by the PPK; above it, by the President. */
    ppkUpTo: Grade;
  };
  distribution: Dated & { bounds: Record<OrganisationRating, DistributionBound[]> };
  documents: Dated & {
    all: DocumentType[];
    byKind: Record<PromotionKind, DocumentType[]>;
    serviceExam: DocumentType[];
    /** Documents Jenjang already holds the facts of: shown, never uploaded. */
    derived: DocumentType[];
  };
}
