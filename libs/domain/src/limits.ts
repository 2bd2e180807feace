/**
 * Every input limit, declared once: the HTTP DTOs and the deciders both read these, so the API
 * refuses exactly what the domain would.
 */
export const TEXT_LIMITS = {
  /** A person's or an agency's name. */
  name: 200,
  positionTitle: 200,
  /** Ids Jenjang generates (UUIDs) or callers name (agency, case, stage). */
  id: 100,
  trainingTitle: 300,
  trainingProvider: 300,
  certificateNo: 100,
  /** Why a sanction was imposed. */
  sanctionReason: 1000,
  /** A decree's (SK's), a pertek's or a PAK's number. */
  decreeNumber: 100,
  /** A school's or university's name. */
  institution: 300,
  /** A proposal's justification, a decision's or a withdrawal's reason, appraisal notes. */
  justification: 4000,
  reason: 4000,
  notes: 4000,
} as const;

/** A unit (OPD) id: lowercase letters, digits and dashes, at most 64 characters. */
export const UNIT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** An agency id, as tokens and routes carry it. */
export const AGENCY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
/** A case or other generated id in a route. */
export const CASE_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export const NUMBER_LIMITS = {
  /** Appraisal periods and dashboard years. */
  firstYear: 2000,
  lastYear: 2100,
  /** JP of one training. */
  minTrainingHours: 1,
  maxTrainingHours: 200,
  /** An agency's own days off, and its pipeline stages. */
  maxHolidays: 400,
  maxStages: 20,
  /** Verdicts in one verification decision (one per document type at most). */
  maxVerdicts: 50,
  /** Units (OPD) an agency configures. */
  maxUnits: 500,
  /** An SLA, its working days plus elapsed time counted as days. */
  maxSlaDays: 366,
  /** Credit points one PAK states, and how many decimals it may carry. */
  maxCreditPoints: 10000,
  creditPointDecimals: 3,
} as const;

export const AUTH_LIMITS = {
  /** The longest a token may be valid (exp − iat, or exp − now without iat): a working day and then some. */
  maxTokenLifetimeSeconds: 24 * 3600,
} as const;

/** An uploaded file of a berkas (DOMAIN.md §Promotion: PDF, JPEG or PNG, up to 5 MiB). */
export const DOCUMENT_LIMITS = {
  /** 5 MiB exactly is accepted; one byte more is 413. */
  maxBytes: 5 * 1024 * 1024,
  /** A file name, as the uploader gave it. */
  nameMaxLength: 200,
  /** Uploads one case may hold, replaced ones included. */
  maxFilesPerCase: 100,
} as const;
