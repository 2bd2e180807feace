import type { DomainEvent, EventMetadata, StageId } from '../events.js';
import type { StageDecision, StageVisit } from './promotion.state.js';

/**
 * The stage-visit lifecycle, the one definition evolve and every read model follow: a proposal,
 * a stage approval or a resubmission opens a visit; a decision or a withdrawal closes the open
 * one; the SLA clock marks the visit it names (stage and per-stage visit number) breached.
 */

/** Any event, bare or as stored; only promotion events change visits. */
export type VisitEvent = DomainEvent & { metadata?: Partial<EventMetadata> };

export function openVisit(visits: readonly StageVisit[], stage: StageId, enteredAt: string, dueAt: string): StageVisit[] {
  const visit = visits.filter((v) => v.stage === stage).length + 1;
  return [...visits, { stage, visit, enteredAt, dueAt, leftAt: null, decidedBy: null, onBehalfOf: null, decision: null, breached: false }];
}

/** Closes the last visit if it is still open; an already closed one stays as it was. */
export function closeCurrentVisit(
  visits: readonly StageVisit[],
  leftAt: string | null,
  decidedBy: string | null,
  decision: StageDecision | null,
  onBehalfOf: string | null = null,
): StageVisit[] {
  const last = visits.at(-1);
  if (!last || isVisitClosed(last)) return [...visits];
  return [...visits.slice(0, -1), { ...last, leftAt, decidedBy, decision, onBehalfOf }];
}

export function markVisitBreached(visits: readonly StageVisit[], stage: StageId, visit: number): StageVisit[] {
  return visits.map((v) => (v.stage === stage && v.visit === visit ? { ...v, breached: true } : v));
}

/**
 * The visits after `event`. Unchanged visits keep their identity, so a read model can tell the
 * rows to write by reference. A proposal starts the list; on a case that already has visits it
 * changes nothing.
 */
export function nextVisits(visits: readonly StageVisit[], event: VisitEvent): StageVisit[] {
  const occurredAt = event.metadata?.occurredAt ?? null;
  switch (event.type) {
    case 'PromotionProposed':
      return visits.length === 0 ? openVisit([], event.data.stage, event.data.enteredAt, event.data.dueAt) : [...visits];
    case 'PromotionStageApproved': {
      const d = event.data;
      return openVisit(
        closeCurrentVisit(visits, d.enteredAt, d.decidedBy, 'APPROVE', d.onBehalfOf ?? null),
        d.nextStage,
        d.enteredAt,
        d.dueAt,
      );
    }
    case 'PromotionApproved':
      return closeCurrentVisit(visits, occurredAt, event.data.decidedBy, 'APPROVE');
    case 'PromotionReturned':
      return closeCurrentVisit(visits, occurredAt, event.data.decidedBy, 'RETURN', event.data.onBehalfOf ?? null);
    case 'PromotionRejected':
      return closeCurrentVisit(visits, occurredAt, event.data.decidedBy, 'REJECT', event.data.onBehalfOf ?? null);
    case 'PromotionResubmitted':
      return openVisit(visits, event.data.stage, event.data.enteredAt, event.data.dueAt);
    // A returned case's visit is already closed; an open one ends here, undecided.
    case 'PromotionWithdrawn':
      return closeCurrentVisit(visits, occurredAt, null, null);
    case 'PromotionSlaBreached':
      return markVisitBreached(visits, event.data.stage, event.data.visit);
    default:
      return [...visits];
  }
}

/** How a visit ended, as read models show it: the stage's decision, or WITHDRAWN when it closed undecided. */
export type VisitOutcome = StageDecision | 'WITHDRAWN';

export function isVisitClosed(visit: StageVisit): boolean {
  return visit.leftAt !== null || visit.decision !== null;
}

/** Null while the visit is open. */
export function visitOutcome(visit: StageVisit): VisitOutcome | null {
  return visit.decision ?? (isVisitClosed(visit) ? 'WITHDRAWN' : null);
}

/** What the event that closes a visit records beyond the decider's state: who closed it (the withdrawing proposer too), and why. */
export interface VisitClosing {
  closedBy: string;
  reason: string | null;
}

export function visitClosing(event: VisitEvent): VisitClosing | null {
  switch (event.type) {
    case 'PromotionStageApproved':
    case 'PromotionApproved':
    case 'PromotionReturned':
    case 'PromotionRejected':
      return { closedBy: event.data.decidedBy, reason: event.data.reason };
    case 'PromotionWithdrawn':
      return { closedBy: event.data.withdrawnBy, reason: event.data.reason };
    default:
      return null;
  }
}

/** Indexes of the visits open in `before` and closed in `after`: the ones the event ended. */
export function closedVisits(before: readonly StageVisit[], after: readonly StageVisit[]): number[] {
  const closed: number[] = [];
  after.forEach((visit, i) => {
    const was = before[i];
    if (was && !isVisitClosed(was) && isVisitClosed(visit)) closed.push(i);
  });
  return closed;
}

/** Indexes of the visits `nextVisits` added or changed (unchanged ones keep their identity). */
export function changedVisits(before: readonly StageVisit[], after: readonly StageVisit[]): number[] {
  const changed: number[] = [];
  after.forEach((visit, i) => {
    if (before[i] !== visit) changed.push(i);
  });
  return changed;
}
