/**
 * Every fact Jenjang records. Payload shapes live here and nowhere else; the event store,
 * the transport and every projection read them through these types.
 *
 * Dates are `YYYY-MM-DD` strings, instants ISO 8601 UTC strings, so events serialise
 * to the same canonical JSON on every machine.
 */
import type { Grade } from './grade.js';

export type Role = 'employee' | 'hr' | 'evaluator' | 'verifier' | 'committee' | 'ppk' | 'auditor' | 'admin';
export const ROLES: readonly Role[] = ['employee', 'hr', 'evaluator', 'verifier', 'committee', 'ppk', 'auditor', 'admin'];

export type PositionType = 'JPT' | 'ADMINISTRATOR' | 'PENGAWAS' | 'PELAKSANA' | 'FUNGSIONAL';
export type Rating = 'ABOVE' | 'AS_EXPECTED' | 'BELOW';
export type Predicate = 'SANGAT_BAIK' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG' | 'SANGAT_KURANG';
export type CompetencyKind = 'TECHNICAL' | 'MANAGERIAL' | 'SOCIOCULTURAL';
/** How a training was delivered (TrainingCompleted v2); `UNKNOWN` for records that never said. */
export type DeliveryMode = 'CLASSROOM' | 'ONLINE' | 'BLENDED' | 'UNKNOWN';
export type SanctionLevel = 'LIGHT' | 'MODERATE' | 'SEVERE';
export type PromotionKind = 'REGULAR' | 'SELECTION';
export type MeritRuleId = 'GRADE_STEP' | 'TIME_IN_GRADE' | 'APPRAISALS' | 'TRAINING_HOURS' | 'NO_ACTIVE_SANCTION';

export interface RuleOutcome {
  rule: MeritRuleId;
  passed: boolean;
  detail: string;
}

/** A stage of an agency's pipeline: who decides it and how long they have (ISO 8601 duration). */
export interface StageDefinition {
  id: string;
  role: Role;
  sla: string;
}

export interface MeritPolicy {
  version: number;
  regularYearsInGrade: number;
  selectionYearsInGrade: number;
  minimumPredicates: Predicate[];
  appraisalYears: number;
  trainingHours: number;
  trainingWindowMonths: number;
}

export interface EventMetadata {
  /** NIP of the actor, taken from the verified token. */
  actor: string;
  agency: string;
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
}

interface Event<TType extends string, TData> {
  type: TType;
  data: TData;
}

export type EmployeeRegistered = Event<
  'EmployeeRegistered',
  {
    nip: string;
    name: string;
    agencyId: string;
    unitId: string;
    grade: Grade;
    gradeSince: string;
    positionTitle: string;
    positionType: PositionType;
  }
>;

export type DisciplinarySanctionImposed = Event<
  'DisciplinarySanctionImposed',
  { sanctionId: string; nip: string; level: SanctionLevel; reason: string; from: string; until: string }
>;

export type AppraisalSubmitted = Event<
  'AppraisalSubmitted',
  {
    appraisalId: string;
    nip: string;
    unitId: string;
    period: number;
    results: Rating;
    behaviour: Rating;
    predicate: Predicate;
    notes: string | null;
    appraiser: string;
  }
>;

/** Schema v2 added `deliveryMode`; v1 records are upcast on read to `UNKNOWN` (see upcasters.ts). */
export type TrainingCompleted = Event<
  'TrainingCompleted',
  {
    trainingId: string;
    nip: string;
    unitId: string;
    title: string;
    hours: number;
    kind: CompetencyKind;
    provider: string;
    completedOn: string;
    certificateNo: string;
    deliveryMode: DeliveryMode;
  }
>;

export type AgencyConfigured = Event<
  'AgencyConfigured',
  {
    agencyId: string;
    name: string;
    timeZone: string;
    holidays: string[];
    stages: StageDefinition[];
    meritPolicy: MeritPolicy;
  }
>;

export type PromotionProposed = Event<
  'PromotionProposed',
  {
    caseId: string;
    nip: string;
    name: string;
    unitId: string;
    agencyId: string;
    kind: PromotionKind;
    fromGrade: Grade;
    toGrade: Grade;
    effectiveDate: string;
    justification: string;
    exceptionJustification: string | null;
    eligible: boolean;
    exception: boolean;
    rules: RuleOutcome[];
    policyVersion: number;
    /** Version of the agency configuration the case runs under (0 = built-in defaults). */
    configVersion: number;
    timeZone: string;
    holidays: string[];
    stages: StageDefinition[];
    proposer: string;
    stage: string;
    enteredAt: string;
    dueAt: string;
  }
>;

/** A non-final stage approved: the case moves to `nextStage`. */
export type PromotionStageApproved = Event<
  'PromotionStageApproved',
  { caseId: string; stage: string; decidedBy: string; reason: string | null; nextStage: string; enteredAt: string; dueAt: string }
>;

/** The last stage approved: the grade changes from `effectiveDate`. */
export type PromotionApproved = Event<
  'PromotionApproved',
  {
    caseId: string;
    nip: string;
    stage: string;
    decidedBy: string;
    reason: string | null;
    fromGrade: Grade;
    toGrade: Grade;
    effectiveDate: string;
  }
>;

export type PromotionReturned = Event<'PromotionReturned', { caseId: string; stage: string; decidedBy: string; reason: string }>;

export type PromotionRejected = Event<'PromotionRejected', { caseId: string; stage: string; decidedBy: string; reason: string }>;

/** The proposer sends a returned case back to the stage that returned it: a new stage visit. */
export type PromotionResubmitted = Event<
  'PromotionResubmitted',
  { caseId: string; stage: string; resubmittedBy: string; enteredAt: string; dueAt: string }
>;

export type PromotionWithdrawn = Event<'PromotionWithdrawn', { caseId: string; stage: string; withdrawnBy: string; reason: string | null }>;

export type PromotionClaimed = Event<'PromotionClaimed', { caseId: string; stage: string; claimedBy: string; expiresAt: string }>;

export type PromotionClaimReleased = Event<'PromotionClaimReleased', { caseId: string; stage: string; releasedBy: string }>;

/** The deadline of one stage visit passed; appended once per visit by the SLA clock. */
export type PromotionSlaBreached = Event<
  'PromotionSlaBreached',
  { caseId: string; stage: string; visit: number; dueAt: string; heldBy: string | null }
>;

export type EmployeeEvent = EmployeeRegistered | DisciplinarySanctionImposed;
export type PromotionEvent =
  | PromotionProposed
  | PromotionStageApproved
  | PromotionApproved
  | PromotionReturned
  | PromotionRejected
  | PromotionResubmitted
  | PromotionWithdrawn
  | PromotionClaimed
  | PromotionClaimReleased
  | PromotionSlaBreached;

export type DomainEvent = EmployeeEvent | AppraisalSubmitted | TrainingCompleted | AgencyConfigured | PromotionEvent;

export type EventType = DomainEvent['type'];

/** Current schema version of each event type; older versions are upcast on read. */
export const EVENT_SCHEMA_VERSIONS: Record<EventType, number> = {
  EmployeeRegistered: 1,
  DisciplinarySanctionImposed: 1,
  AppraisalSubmitted: 1,
  TrainingCompleted: 2,
  AgencyConfigured: 1,
  PromotionProposed: 1,
  PromotionStageApproved: 1,
  PromotionApproved: 1,
  PromotionReturned: 1,
  PromotionRejected: 1,
  PromotionResubmitted: 1,
  PromotionWithdrawn: 1,
  PromotionClaimed: 1,
  PromotionClaimReleased: 1,
  PromotionSlaBreached: 1,
};

export const streamIds = {
  employee: (nip: string) => `employee-${nip}`,
  appraisal: (appraisalId: string) => `appraisal-${appraisalId}`,
  training: (trainingId: string) => `training-${trainingId}`,
  promotion: (caseId: string) => `promotion-${caseId}`,
  agency: (agencyId: string) => `agency-${agencyId}`,
} as const;
