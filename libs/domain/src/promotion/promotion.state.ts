import type { AgencyCalendar } from '../calendar.js';
import type { WithOptionalMetadata } from '../decider.js';
import type { PromotionEvent, PromotionKind, RuleOutcome, StageDefinition } from '../events.js';
import type { Grade } from '../grade.js';

export const PROMOTION_KINDS: readonly PromotionKind[] = ['REGULAR', 'SELECTION'];
export const STAGE_DECISIONS = ['APPROVE', 'RETURN', 'REJECT'] as const;
export type StageDecision = (typeof STAGE_DECISIONS)[number];
export type PromotionStatus = 'IN_PROGRESS' | 'RETURNED' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
export const CLAIM_DURATION_MS = 2 * 60 * 60 * 1000;
/** How far the effective date (TMT) may lie from the day of the proposal, either way. */
export const EFFECTIVE_DATE_WINDOW_MONTHS = 12;

export interface StageVisit {
  stage: string;
  /** 1 for the first visit of this stage, 2 after a resubmission re-enters it, … */
  visit: number;
  enteredAt: string;
  dueAt: string;
  /** When the visit ended; null while open, or when the closing event was replayed without metadata. */
  leftAt: string | null;
  decidedBy: string | null;
  decision: StageDecision | null;
  breached: boolean;
}

export interface PromotionClaim {
  by: string;
  expiresAt: string;
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
  exceptionJustification: string | null;
  proposer: string;
  status: PromotionStatus;
  /** The current stage; while RETURNED, the stage that returned it; null once closed. */
  stage: string | null;
  stages: StageDefinition[];
  calendar: AgencyCalendar;
  visits: StageVisit[];
  /** The last decider of each stage. */
  deciders: Record<string, string>;
  claim: PromotionClaim | null;
  /** Number of events in the stream, claims and breaches included. */
  version: number;
  eligible: boolean;
  exception: boolean;
  rules: RuleOutcome[];
  policyVersion: number;
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
  'PromotionStageApproved',
  'PromotionApproved',
  'PromotionReturned',
  'PromotionRejected',
  'PromotionResubmitted',
  'PromotionWithdrawn',
  'PromotionClaimed',
  'PromotionClaimReleased',
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
