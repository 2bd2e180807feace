import {
  fold,
  promotionDecider,
  slaState,
  type PromotionCase,
  type PromotionEvent,
  type PromotionState,
  type RecordedEvent,
  type WithOptionalMetadata,
} from '#domain';

type Folded = WithOptionalMetadata<PromotionEvent>;

const asDomainEvent = (e: RecordedEvent): Folded => ({ type: e.type, data: e.data, metadata: e.metadata }) as unknown as Folded;

/** What a visit-closing event adds that the decider's state does not keep. */
interface VisitNote {
  reason: string | null;
  withdrawnBy: string | null;
}

/**
 * A promotion case as it stood at `at`: `promotionDecider.evolve` over the events recorded up to
 * it, rendered in the shape of GET /api/promotions/{caseId} with `at` standing for "now".
 * Null when no event of the case was recorded by then.
 */
export function promotionCaseAsOf(events: readonly RecordedEvent[], at: Date) {
  let state: PromotionState = promotionDecider.initialState();
  const notes = new Map<number, VisitNote>();
  let proposedAt: string | null = null;
  let closedAt: string | null = null;
  for (const event of events) {
    const before = state;
    state = fold(promotionDecider, [asDomainEvent(event)], state);
    if (event.type === 'PromotionProposed') proposedAt = event.metadata.occurredAt;
    if (['PromotionApproved', 'PromotionRejected', 'PromotionWithdrawn'].includes(event.type)) closedAt = event.metadata.occurredAt;
    if (before.exists && state.exists) {
      state.visits.forEach((visit, i) => {
        const was = before.visits[i];
        const closedNow = was && was.leftAt === null && was.decision === null && (visit.leftAt !== null || visit.decision !== null);
        if (closedNow) {
          const d = event.data as { reason?: string | null; withdrawnBy?: string };
          notes.set(i, { reason: d.reason ?? null, withdrawnBy: event.type === 'PromotionWithdrawn' ? (d.withdrawnBy ?? null) : null });
        }
      });
    }
  }
  if (!state.exists) return null;
  return render(state, notes, proposedAt, closedAt, at, events[events.length - 1]);
}

function render(
  c: PromotionCase,
  notes: Map<number, VisitNote>,
  proposedAt: string | null,
  closedAt: string | null,
  at: Date,
  last: RecordedEvent,
) {
  const now = at.toISOString();
  const open = c.status === 'IN_PROGRESS';
  const current = c.visits.at(-1) ?? null;
  const stageRole = c.stage ? (c.stages.find((s) => s.id === c.stage)?.role ?? null) : null;
  const claimedBy = c.claim && Date.parse(c.claim.expiresAt) > at.getTime() ? c.claim.by : null;
  const heldBy =
    open && stageRole ? { role: stageRole, claimedBy } : c.status === 'RETURNED' ? { role: 'hr', claimedBy: c.proposer } : null;
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
    exception: c.exception,
    exceptionJustification: c.exceptionJustification,
    justification: c.justification,
    rules: c.rules,
    policyVersion: c.policyVersion,
    configVersion: c.configVersion,
    proposer: c.proposer,
    proposedAt,
    closedAt,
    dueAt: open && current ? current.dueAt : null,
    slaState: open && current ? (current.breached ? 'BREACHED' : slaState(current.enteredAt, current.dueAt, now)) : null,
    heldBy,
    claimedBy,
    stages: c.visits.map((v, i) => {
      const role = c.stages.find((s) => s.id === v.stage)?.role ?? null;
      const note = notes.get(i);
      const withdrawn = note?.withdrawnBy !== null && note?.withdrawnBy !== undefined;
      const until = v.leftAt ?? now;
      const breached = v.breached || Date.parse(until) > Date.parse(v.dueAt);
      const decidedBy = withdrawn ? note?.withdrawnBy : v.decidedBy;
      const decision = withdrawn ? 'WITHDRAWN' : v.decision;
      return {
        stage: v.stage,
        role,
        // As the live case view numbers them: the n-th visit of the case (the decider counts per stage).
        visit: i + 1,
        enteredAt: v.enteredAt,
        dueAt: v.dueAt,
        ...(v.leftAt ? { leftAt: v.leftAt } : {}),
        ...(decidedBy ? { decidedBy, decision } : {}),
        ...(note?.reason ? { reason: note.reason } : {}),
        breached,
        slaState: breached ? 'BREACHED' : slaState(v.enteredAt, v.dueAt, until),
      };
    }),
    asOf: { at: now, globalPosition: last.globalPosition, recordedAt: last.recordedAt },
  };
}
