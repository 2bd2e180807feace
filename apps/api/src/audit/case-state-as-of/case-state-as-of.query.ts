import {
  berkasStatus,
  caseSlaState,
  closedVisits,
  evolvePromotion,
  initialPromotionState,
  isPromotionEvent,
  isVisitBreached,
  liveClaim,
  stageRole,
  toStoredEvent,
  visitClosing,
  visitOutcome,
  visitSlaState,
  whoHoldsTheFile,
  type PromotionCase,
  type PromotionState,
  type RecordedEvent,
  type VisitClosing,
} from '#domain';

/**
 * A promotion case as it stood at `at`: the domain's evolve over the events recorded up to it,
 * rendered in the shape of GET /api/promotions/{caseId} with `at` standing for "now".
 * Null when no event of the case was recorded by then.
 */
export function promotionCaseAsOf(events: readonly RecordedEvent[], at: Date) {
  let state: PromotionState = initialPromotionState();
  // Who closed each visit and why: the closing event says it, the decider's state does not keep it.
  const closings = new Map<number, VisitClosing>();
  let proposedAt: string | null = null;
  let closedAt: string | null = null;
  for (const recorded of events) {
    const event = toStoredEvent(recorded);
    if (!isPromotionEvent(event)) continue;
    const before = state.exists ? state.visits : [];
    state = evolvePromotion(state, event);
    if (event.type === 'PromotionProposed') proposedAt = event.metadata.occurredAt;
    if (event.type === 'PromotionApproved' || event.type === 'PromotionRejected' || event.type === 'PromotionWithdrawn') {
      closedAt = event.metadata.occurredAt;
    }
    const closing = visitClosing(event);
    if (state.exists && closing) for (const i of closedVisits(before, state.visits)) closings.set(i, closing);
  }
  if (!state.exists) return null;
  return render(state, closings, proposedAt, closedAt, at, events[events.length - 1]);
}

function render(
  c: PromotionCase,
  closings: Map<number, VisitClosing>,
  proposedAt: string | null,
  closedAt: string | null,
  at: Date,
  last: RecordedEvent,
) {
  const now = at.toISOString();
  const open = c.status === 'IN_PROGRESS';
  const current = c.visits.at(-1) ?? null;
  return {
    caseId: c.caseId,
    nip: c.nip,
    name: c.name,
    unitId: c.unitId,
    kind: c.kind,
    fromGrade: c.fromGrade,
    toGrade: c.toGrade,
    effectiveDate: c.effectiveDate,
    status: c.status,
    stage: c.status === 'IN_PROGRESS' || c.status === 'RETURNED' ? c.stage : null,
    version: c.version,
    eligible: c.eligible,
    justification: c.justification,
    rules: c.rules,
    referenceVersion: c.referenceVersion,
    configVersion: c.configVersion,
    documents: berkasStatus(c.berkas, []),
    ...(c.pertek ? { pertek: c.pertek } : {}),
    ...(c.decree ? { decree: c.decree } : {}),
    authority: c.authority,
    proposer: c.proposer,
    proposedAt,
    closedAt,
    dueAt: open && current ? current.dueAt : null,
    slaState: caseSlaState(c.status, current, now),
    heldBy: whoHoldsTheFile(c, now),
    claimedBy: liveClaim(c, now)?.by ?? null,
    stages: c.visits.map((v, i) => {
      const closing = closings.get(i);
      const decidedBy = v.decidedBy ?? closing?.closedBy ?? null;
      return {
        stage: v.stage,
        role: stageRole(c.stages, v.stage),
        // As the live case view numbers them: the n-th visit of the case (the decider counts per stage).
        visit: i + 1,
        enteredAt: v.enteredAt,
        dueAt: v.dueAt,
        ...(v.leftAt ? { leftAt: v.leftAt } : {}),
        ...(decidedBy ? { decidedBy, decision: visitOutcome(v) } : {}),
        ...(v.onBehalfOf ? { onBehalfOf: v.onBehalfOf } : {}),
        ...(closing?.reason ? { reason: closing.reason } : {}),
        breached: isVisitBreached(v, now),
        slaState: visitSlaState(v, now),
      };
    }),
    asOf: { at: now, globalPosition: last.globalPosition, recordedAt: last.recordedAt },
  };
}
