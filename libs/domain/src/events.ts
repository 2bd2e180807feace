/**
 * Every fact Jenjang records. Payload shapes live here and nowhere else; the event store,
 * the transport and every projection read them through these types.
 *
 * Dates are `YYYY-MM-DD` strings, instants ISO 8601 UTC strings, so events serialise
 * to the same canonical JSON on every machine.
 */
import type { Grade } from './grade.js';
import type { DocumentType, EducationLevel, Eselon, Jenjang, OrganisationRating, PromotionKind } from './reference/reference-data.js';

export type { DocumentType, EducationLevel, Eselon, Jenjang, PromotionKind } from './reference/reference-data.js';

export type Role =
  'employee' | 'hr' | 'evaluator' | 'verifier' | 'committee' | 'ppk' | 'bkn' | 'assessor' | 'mediator' | 'auditor' | 'admin';
export const ROLES: readonly Role[] = [
  'employee',
  'hr',
  'evaluator',
  'verifier',
  'committee',
  'ppk',
  'bkn',
  'assessor',
  'mediator',
  'auditor',
  'admin',
];

export type PositionType = 'JPT' | 'ADMINISTRATOR' | 'PENGAWAS' | 'PELAKSANA' | 'FUNGSIONAL';
export type Rating = 'ABOVE' | 'AS_EXPECTED' | 'BELOW';
export type Predicate = 'SANGAT_BAIK' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG' | 'SANGAT_KURANG';
export type CompetencyKind = 'TECHNICAL' | 'MANAGERIAL' | 'SOCIOCULTURAL';
/** How a training was delivered (TrainingCompleted v2); `UNKNOWN` for records that never said. */
export type DeliveryMode = 'CLASSROOM' | 'ONLINE' | 'BLENDED' | 'UNKNOWN';
export type SanctionLevel = 'LIGHT' | 'MODERATE' | 'SEVERE';
/** PP 94/2021; `UNSPECIFIED` for sanctions recorded before the type was asked (schema v1). */
export type SanctionType =
  | 'ORAL_REPRIMAND'
  | 'WRITTEN_REPRIMAND'
  | 'WRITTEN_STATEMENT_OF_DISSATISFACTION'
  | 'ALLOWANCE_CUT_6M'
  | 'ALLOWANCE_CUT_9M'
  | 'ALLOWANCE_CUT_12M'
  | 'DEMOTION_12M'
  | 'REMOVAL_FROM_POST_12M'
  | 'DISCHARGE'
  | 'UNSPECIFIED';
export type MeritRuleId =
  | 'GRADE_STEP'
  | 'POST_TYPE'
  | 'GRADE_CEILING'
  | 'POST_RANGE'
  | 'TIME_IN_GRADE'
  | 'TIME_IN_POST'
  | 'APPRAISALS'
  | 'SERVICE_EXAM'
  | 'CREDIT_POINTS'
  | 'EDUCATION'
  | 'NO_ACTIVE_SANCTION'
  | 'TRAINING_HOURS';

/** One rule's outcome: `detail` is English for logs; `code` and `params` let a console word it in any language. */
export interface RuleOutcome {
  rule: MeritRuleId;
  passed: boolean;
  /** False for advisory rules (TRAINING_HOURS): recorded, never refusing. */
  blocking: boolean;
  detail: string;
  /** Stable outcome code, e.g. `TIME_IN_GRADE.SHORT`. */
  code?: string;
  params?: Record<string, string | number | boolean | null>;
}

/** A post (jabatan) as the employee record holds it. */
export interface Post {
  type: PositionType;
  title: string;
  /** For JPT, ADMINISTRATOR and PENGAWAS. */
  eselon: Eselon | null;
  /** For FUNGSIONAL. */
  jenjang: Jenjang | null;
  /** TMT of the post. */
  since: string;
}

export type PostChangeReason = 'ROTATION' | 'PROMOTION' | 'DEMOTION' | 'JENJANG' | 'SANCTION' | 'OTHER';

/** A stage of the national pipeline: who decides it and how long they have (ISO 8601 duration). */
export type StageId = 'verification' | 'committee' | 'approval' | 'bkn' | 'decree';
export interface StageDefinition {
  id: StageId;
  role: Role;
  sla: string;
}

/** A document type of a case's berkas; `derived` ones Jenjang already holds (shown, never uploaded). */
export interface BerkasRequirement {
  type: DocumentType;
  derived: boolean;
}

export type DecreeAuthority = 'PPK' | 'PRESIDENT';

export interface Signatory {
  name: string;
  title: string;
}

export interface EventMetadata {
  /** NIP of the actor, taken from the verified token. */
  actor: string;
  agency: string;
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
  /** An acting official's (Plt/Plh) delegator, when the actor acted under a delegation. */
  onBehalfOf?: string;
}

interface Event<TType extends string, TData> {
  type: TType;
  data: TData;
}

/** Schema v2 added education, the post as a whole and the direct superior (v1 upcast: unknown education, no superior). */
export type EmployeeRegistered = Event<
  'EmployeeRegistered',
  {
    nip: string;
    name: string;
    agencyId: string;
    unitId: string;
    grade: Grade;
    gradeSince: string;
    /** Null only for records registered before education was asked (schema v1). */
    education: EducationLevel | null;
    post: Post;
    superiorNip: string | null;
  }
>;

export type EducationRecorded = Event<
  'EducationRecorded',
  {
    nip: string;
    level: EducationLevel;
    institution: string;
    graduatedOn: string;
    /** The permit to study (izin belajar) the diploma was earned under, when it was. */
    studyPermit: { number: string; date: string } | null;
  }
>;

/** A new post, unit and superior from `since`: rotation, promotion into a post, demotion, a jenjang step. */
export type PostChanged = Event<
  'PostChanged',
  { nip: string; unitId: string; post: Post; superiorNip: string | null; since: string; reason: PostChangeReason }
>;

/** The employee moves to another agency from `since`; their stream (and history) goes with them. */
export type EmployeeTransferred = Event<'EmployeeTransferred', { nip: string; fromAgency: string; toAgency: string; since: string }>;

/** A PAK: the credit points counting toward the next grade as of `statedOn`. */
export type CreditPointsStated = Event<'CreditPointsStated', { nip: string; pakNumber: string; statedOn: string; points: number }>;

export type ServiceExamPassed = Event<'ServiceExamPassed', { nip: string; level: 1 | 2; passedOn: string; certificateNo: string }>;

/** Schema v2 added the type, the decree and an open-ended term (v1 upcast: UNSPECIFIED, no decree). */
export type DisciplinarySanctionImposed = Event<
  'DisciplinarySanctionImposed',
  {
    sanctionId: string;
    nip: string;
    level: SanctionLevel;
    type: SanctionType;
    reason: string;
    decreeNumber: string | null;
    decreeDate: string | null;
    from: string;
    /** Last day served; null for sanctions without a term (light ones) and for discharge (permanent). */
    until: string | null;
  }
>;

export type SanctionAnnulled = Event<
  'SanctionAnnulled',
  { sanctionId: string; nip: string; decreeNumber: string; decreeDate: string; reason: string }
>;

export type DisciplinaryExaminationOpened = Event<
  'DisciplinaryExaminationOpened',
  { examinationId: string; nip: string; openedOn: string; reason: string }
>;

export type DisciplinaryExaminationClosed = Event<
  'DisciplinaryExaminationClosed',
  { examinationId: string; nip: string; closedOn: string; outcome: string }
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

export interface AgencyUnit {
  id: string;
  name: string;
  parentId: string | null;
}

/** Schema v2: stages are a patch over the national pipeline, no merit policy; units, signatory, keberatan SLA. */
export type AgencyConfigured = Event<
  'AgencyConfigured',
  {
    agencyId: string;
    name: string;
    timeZone: string;
    /** The agency's own days off; national holidays come from the reference data. */
    holidays: string[];
    /** The whole pipeline as configured: every stage with its SLA; `committee` with the kinds it runs for. */
    stages: { id: StageId; sla: string; requiredFor?: PromotionKind[] }[];
    units: AgencyUnit[];
    signatory: Signatory;
    objectionSla: string;
  }
>;

/** A unit's organisation rating for a year, set by the PPK (or admin); a later one for the same year replaces it. */
export type UnitRatingRecorded = Event<
  'UnitRatingRecorded',
  {
    agencyId: string;
    unitId: string;
    year: number;
    rating: OrganisationRating;
  }
>;

/** Schema v2: the KP kind, every rule with `blocking`, the reference version, the berkas and the decree authority. */
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
    eligible: boolean;
    rules: RuleOutcome[];
    referenceVersion: string;
    /** Version of the agency configuration the case runs under (0 = built-in defaults). */
    configVersion: number;
    timeZone: string;
    /** National and agency days off the case's SLA clock skips. */
    holidays: string[];
    /** The stages this case runs through, in order. */
    stages: StageDefinition[];
    documents: BerkasRequirement[];
    authority: DecreeAuthority;
    signatory: Signatory;
    proposer: string;
    /** When an acting hr official proposed: whose office they held (separation of duties counts them too). */
    onBehalfOf?: string;
    stage: StageId;
    enteredAt: string;
    dueAt: string;
  }
>;

/** A file of the berkas, stored by content: the ledger covers its hash. */
export type PromotionDocumentUploaded = Event<
  'PromotionDocumentUploaded',
  {
    caseId: string;
    documentId: string;
    type: DocumentType;
    sha256: string;
    size: number;
    mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
    name: string;
    uploadedBy: string;
  }
>;

export type DocumentVerdict = 'OK' | 'DEFICIENT';

/** The verifier's verdicts on files of the berkas, given with a decision at `verification`. */
export type PromotionDocumentsReviewed = Event<
  'PromotionDocumentsReviewed',
  {
    caseId: string;
    stage: StageId;
    reviewedBy: string;
    onBehalfOf?: string;
    verdicts: { documentId: string; type: DocumentType; verdict: DocumentVerdict; note: string | null }[];
  }
>;

/** A non-final stage approved: the case moves to `nextStage`. At `bkn` it carries BKN's pertek. */
export type PromotionStageApproved = Event<
  'PromotionStageApproved',
  {
    caseId: string;
    stage: StageId;
    decidedBy: string;
    /** The delegator, when an acting official decided. */
    onBehalfOf?: string;
    reason: string | null;
    nextStage: StageId;
    enteredAt: string;
    dueAt: string;
    pertek?: { number: string; date: string };
  }
>;

export interface Decree {
  number: string;
  date: string;
  authority: DecreeAuthority;
  signatory: Signatory;
}

/** The decree issued: the grade changes from `effectiveDate`. Schema v2 carries the decree. */
export type PromotionApproved = Event<
  'PromotionApproved',
  {
    caseId: string;
    nip: string;
    stage: StageId;
    decidedBy: string;
    reason: string | null;
    fromGrade: Grade;
    toGrade: Grade;
    effectiveDate: string;
    decree: Decree | null;
  }
>;

/** Back to the proposer; `deficientDocuments` lists the types of the berkas found wanting. */
export type PromotionReturned = Event<
  'PromotionReturned',
  { caseId: string; stage: StageId; decidedBy: string; onBehalfOf?: string; reason: string; deficientDocuments?: DocumentType[] }
>;

export type PromotionRejected = Event<
  'PromotionRejected',
  { caseId: string; stage: StageId; decidedBy: string; onBehalfOf?: string; reason: string }
>;

/** The proposer sends a returned case back: to the stage that returned it, or to `verification` when the berkas changed. */
export type PromotionResubmitted = Event<
  'PromotionResubmitted',
  { caseId: string; stage: StageId; resubmittedBy: string; enteredAt: string; dueAt: string }
>;

export type PromotionWithdrawn = Event<
  'PromotionWithdrawn',
  { caseId: string; stage: StageId; withdrawnBy: string; reason: string | null }
>;

export type PromotionClaimed = Event<
  'PromotionClaimed',
  { caseId: string; stage: StageId; claimedBy: string; onBehalfOf?: string; expiresAt: string }
>;

export type PromotionClaimReleased = Event<'PromotionClaimReleased', { caseId: string; stage: StageId; releasedBy: string }>;

/** An approver declared a conflict of interest: they may no longer decide the case. */
export type PromotionConflictDeclared = Event<'PromotionConflictDeclared', { caseId: string; declaredBy: string; reason: string }>;

/** The deadline of one stage visit passed; appended once per visit by the SLA clock. */
export type PromotionSlaBreached = Event<
  'PromotionSlaBreached',
  { caseId: string; stage: StageId; visit: number; dueAt: string; heldBy: string | null }
>;

/** A role that may be delegated: a stage role, `hr`, or `superior` (the acting head). */
export type DelegableRole = 'verifier' | 'committee' | 'ppk' | 'bkn' | 'hr' | 'superior';

/** An acting official (Plt/Plh): `nip` is the delegate's, so the delegate's facts find it. */
export type DelegationGranted = Event<
  'DelegationGranted',
  {
    delegationId: string;
    agencyId: string;
    nip: string;
    role: DelegableRole;
    onBehalfOf: string;
    from: string;
    until: string;
    reason: string;
  }
>;

export type DelegationRevoked = Event<'DelegationRevoked', { delegationId: string; nip: string; revokedBy: string }>;

export type EmployeeEvent =
  | EmployeeRegistered
  | EducationRecorded
  | PostChanged
  | EmployeeTransferred
  | CreditPointsStated
  | ServiceExamPassed
  | DisciplinarySanctionImposed
  | SanctionAnnulled
  | DisciplinaryExaminationOpened
  | DisciplinaryExaminationClosed;
export type PromotionEvent =
  | PromotionProposed
  | PromotionDocumentUploaded
  | PromotionDocumentsReviewed
  | PromotionStageApproved
  | PromotionApproved
  | PromotionReturned
  | PromotionRejected
  | PromotionResubmitted
  | PromotionWithdrawn
  | PromotionClaimed
  | PromotionClaimReleased
  | PromotionConflictDeclared
  | PromotionSlaBreached;
export type DelegationEvent = DelegationGranted | DelegationRevoked;

export type DomainEvent =
  EmployeeEvent | AppraisalSubmitted | TrainingCompleted | AgencyConfigured | UnitRatingRecorded | PromotionEvent | DelegationEvent;

export type EventType = DomainEvent['type'];

/** Current schema version of each event type; older versions are upcast on read. */
export const EVENT_SCHEMA_VERSIONS: Record<EventType, number> = {
  EmployeeRegistered: 2,
  EducationRecorded: 1,
  PostChanged: 1,
  EmployeeTransferred: 1,
  CreditPointsStated: 1,
  ServiceExamPassed: 1,
  DisciplinarySanctionImposed: 2,
  SanctionAnnulled: 1,
  DisciplinaryExaminationOpened: 1,
  DisciplinaryExaminationClosed: 1,
  AppraisalSubmitted: 1,
  TrainingCompleted: 2,
  AgencyConfigured: 2,
  UnitRatingRecorded: 1,
  PromotionProposed: 2,
  PromotionDocumentUploaded: 1,
  PromotionDocumentsReviewed: 1,
  PromotionStageApproved: 1,
  PromotionApproved: 2,
  PromotionReturned: 1,
  PromotionRejected: 1,
  PromotionResubmitted: 1,
  PromotionWithdrawn: 1,
  PromotionClaimed: 1,
  PromotionClaimReleased: 1,
  PromotionConflictDeclared: 1,
  PromotionSlaBreached: 1,
  DelegationGranted: 1,
  DelegationRevoked: 1,
};

export const streamIds = {
  employee: (nip: string) => `employee-${nip}`,
  appraisal: (appraisalId: string) => `appraisal-${appraisalId}`,
  training: (trainingId: string) => `training-${trainingId}`,
  promotion: (caseId: string) => `promotion-${caseId}`,
  agency: (agencyId: string) => `agency-${agencyId}`,
  /** Every organisation rating of one agency's units. */
  unitRatings: (agencyId: string) => `unit-ratings-${agencyId}`,
  /** One delegator's delegations of one role. */
  delegations: (onBehalfOf: string, role: string) => `delegations-${onBehalfOf}-${role}`,
} as const;
