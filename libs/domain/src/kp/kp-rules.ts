/**
 * The national KP rules (DOMAIN.md §Promotion (KP): merit eligibility), evaluated per kind on the
 * facts of the employee record and the reference data in force. Pure: the same input and
 * reference give the same outcomes, so a replay agrees with what the proposal recorded.
 */
import type { BerkasRequirement, DecreeAuthority, Predicate, PromotionKind, RuleOutcome } from '../events.js';
import type { Grade } from '../grade.js';
import type { EmployeeRecord } from '../employee/employee.state.js';
import type { ReferenceData } from '../reference/reference-data.js';

export interface KpInput {
  kind: PromotionKind;
  /** The grade in force on the proposal date and its TMT (registration plus decreed promotions). */
  currentGrade: Grade;
  gradeSince: string;
  toGrade: Grade;
  /** The TMT asked for. */
  effectiveDate: string;
  /** The local date (agency zone) of the proposal. */
  proposedOn: string;
  employee: Pick<
    EmployeeRecord,
    'education' | 'educationHistory' | 'post' | 'postHistory' | 'sanctions' | 'examinations' | 'serviceExams' | 'creditPointStatements'
  >;
  /** Final predikat per annual appraisal period (after any keberatan). */
  appraisals: readonly { period: number; predicate: Predicate }[];
  trainings: readonly { hours: number; completedOn: string }[];
}

export declare function evaluateKp(input: KpInput, reference: ReferenceData): RuleOutcome[];
