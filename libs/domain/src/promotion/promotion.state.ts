import type { AgencyCalendar } from '../calendar.js';
import type { WithOptionalMetadata } from '../decider.js';
import type {
  BerkasRequirement,
  DecreeAuthority,
  Decree,
  DocumentType,
  DocumentVerdict,
  PromotionDocumentUploaded,
  PromotionEvent,
  PromotionKind,
  RuleOutcome,
  Signatory,
  StageDefinition,
  StageId,
} from '../events.js';
import type { Grade } from '../grade.js';

export { PROMOTION_KINDS } from '../reference/reference-data.js';
export const STAGE_DECISIONS = ['APPROVE', 'RETURN', 'REJECT'] as const;
export type StageDecision = (typeof STAGE_DECISIONS)[number];
export type PromotionStatus = 'IN_PROGRESS' | 'RETURNED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
export const CLAIM_DURATION_MS = 2 * 60 * 60 * 1000;

export interface StageVisit {
  stage: StageId;
  /** 1 for the first visit of this stage, 2 after a resubmission re-enters it, … */
  visit: number;
  enteredAt: string;
  dueAt: string;
  /** When the visit ended; null while open, or when the closing event was replayed without metadata. */
  leftAt: string | null;
  decidedBy: string | null;
  /** The delegator, when an acting official decided the visit. */
  onBehalfOf: string | null;
  decision: StageDecision | null;
  breached: boolean;
}

export interface PromotionClaim {
  by: string;
  expiresAt: string;
}

/** A file of the berkas as the case holds it, with the verifier's last verdict on it. */
export interface BerkasFile extends Omit<PromotionDocumentUploaded['data'], 'caseId'> {
  verdict: DocumentVerdict | null;
  note: string | null;
}

/** One document type of the berkas: what it needs, the current file and every file uploaded for it. */
export interface BerkasEntry extends BerkasRequirement {
  /** The file in force for the type (the last uploaded); null when none yet or derived. */
  current: BerkasFile | null;
  /** Every upload of the type, first first (a replaced file stays in the history). */
  files: BerkasFile[];
}

export interface ReturnRecord {
  stage: StageId;
  reason: string;
  deficientDocuments: DocumentType[];
}

export interface PromotionCase {
  exists: true;
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
  proposer: string;
  /** The delegator, when an acting hr official proposed the case. */
  proposerOnBehalfOf: string | null;
  status: PromotionStatus;
  /** The current stage; while RETURNED, the stage that returned it; null once closed. */
  stage: StageId | null;
  stages: StageDefinition[];
  berkas: BerkasEntry[];
  /** Set by a return; `berkasChanged` once a file was uploaded after it. */
  lastReturn: ReturnRecord | null;
  berkasChanged: boolean;
  pertek: { number: string; date: string } | null;
  decree: Decree | null;
  authority: DecreeAuthority;
  signatory: Signatory;
  /** NIPs of approvers who declared a conflict of interest on the case. */
  conflicts: string[];
  calendar: AgencyCalendar;
  visits: StageVisit[];
  /** The last decider of each stage. */
  deciders: Record<string, string>;
  claim: PromotionClaim | null;
  /** Number of events in the stream, claims and breaches included. */
  version: number;
  eligible: boolean;
  rules: RuleOutcome[];
  referenceVersion: string;
  configVersion: number;
}

export interface NoPromotionCase {
  exists: false;
  version: 0;
}

/** State of the `promotion-{caseId}` stream. Narrow on `exists`. */
export type PromotionState = NoPromotionCase | PromotionCase;

export const OPEN_STATUSES: readonly PromotionStatus[] = ['IN_PROGRESS', 'RETURNED'];

export const initialState = (): PromotionState => ({ exists: false, version: 0 });

export const PROMOTION_EVENT_TYPES: readonly PromotionEvent['type'][] = [
  'PromotionProposed',
  'PromotionDocumentUploaded',
  'PromotionDocumentsReviewed',
  'PromotionStageApproved',
  'PromotionApproved',
  'PromotionReturned',
  'PromotionRejected',
  'PromotionResubmitted',
  'PromotionWithdrawn',
  'PromotionClaimed',
  'PromotionClaimReleased',
  'PromotionConflictDeclared',
  'PromotionSlaBreached',
];

/**
 * A promotion event as evolve folds it: bare (as decide returns it) or as the store recorded it
 * (a `StoredEvent`), whose `metadata.occurredAt` dates the closing of a visit.
 */
export type PromotionFoldEvent = WithOptionalMetadata<PromotionEvent>;

/** Narrows any event (a `StoredEvent` included) to the promotion stream's events. */
export function isPromotionEvent<E extends { type: string }>(event: E): event is Extract<E, { type: PromotionEvent['type'] }> {
  return (PROMOTION_EVENT_TYPES as readonly string[]).includes(event.type);
}
