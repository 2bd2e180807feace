import type { EducationLevel, Post, PostChangeReason, SanctionLevel, SanctionType } from '../events.js';
import type { Grade } from '../grade.js';

export interface EducationRecord {
  level: EducationLevel;
  institution: string | null;
  graduatedOn: string | null;
  studyPermit: { number: string; date: string } | null;
}

export interface PostRecord {
  unitId: string;
  post: Post;
  superiorNip: string | null;
  since: string;
  reason: PostChangeReason | 'REGISTRATION';
}

export interface SanctionRecord {
  sanctionId: string;
  level: SanctionLevel;
  type: SanctionType;
  reason: string;
  decreeNumber: string | null;
  decreeDate: string | null;
  from: string;
  /** Last day served; null when the sanction has no term (light) or is permanent (discharge). */
  until: string | null;
  annulment: { decreeNumber: string; decreeDate: string; reason: string } | null;
}

export interface ExaminationRecord {
  examinationId: string;
  openedOn: string;
  reason: string;
  closedOn: string | null;
  outcome: string | null;
}

export interface CreditPointStatement {
  pakNumber: string;
  statedOn: string;
  points: number;
}

export interface ServiceExamRecord {
  level: 1 | 2;
  passedOn: string;
  certificateNo: string;
}

export interface TransferRecord {
  fromAgency: string;
  toAgency: string;
  since: string;
}

/** The facts of an employee's own stream. */
export interface EmployeeRecord {
  nip: string;
  name: string;
  /** The agency the employee belongs to now (after any transfer). */
  agencyId: string;
  unitId: string;
  /** The grade given at registration; approvals from promotion streams come on top (see gradeInForce). */
  grade: Grade;
  gradeSince: string;
  /** Highest level recorded (registration or EducationRecorded); null when never recorded. */
  education: EducationLevel | null;
  educationHistory: EducationRecord[];
  post: Post;
  superiorNip: string | null;
  /** Every post held, registration first. */
  postHistory: PostRecord[];
  transfers: TransferRecord[];
  creditPointStatements: CreditPointStatement[];
  serviceExams: ServiceExamRecord[];
  sanctions: SanctionRecord[];
  examinations: ExaminationRecord[];
}

export type RegisteredEmployee = { exists: true } & EmployeeRecord;

export interface UnregisteredEmployee {
  exists: false;
  nip: string;
}

/** State of the `employee-{nip}` stream. Narrow on `exists` to read the registered fields. */
export type EmployeeState = UnregisteredEmployee | RegisteredEmployee;
