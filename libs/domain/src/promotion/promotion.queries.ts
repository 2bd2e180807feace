import { slaState, type SlaState } from '../calendar.js';
import { instantMillis } from '../dates.js';
import { actingCapacity, type ActiveDelegation } from '../delegation/delegation.js';
import type { CommandMetadata } from '../decider.js';
import { sodViolation, type DomainError } from '../errors.js';
import type { DecreeAuthority, Role, StageDefinition, StageId } from '../events.js';
import {
  OPEN_STATUSES,
  type PromotionCase,
  type PromotionClaim,
  type PromotionState,
  type PromotionStatus,
  type StageVisit,
} from './promotion.state.js';

// Queries over the state, shared by decide and by the read side (case views, queues, audit).

export function isOpen(state: PromotionState): boolean {
  return state.exists && OPEN_STATUSES.includes(state.status);
}

export function currentVisit(state: PromotionState): StageVisit | null {
  return state.exists ? (state.visits.at(-1) ?? null) : null;
}

export function currentStageDefinition(state: PromotionState): StageDefinition | null {
  if (!state.exists || state.stage === null) return null;
  return state.stages.find((s) => s.id === state.stage) ?? null;
}

/** The role that decides `stage` in the case's pipeline, if it has that stage. */
export function stageRole(stages: readonly StageDefinition[], stage: string | null): Role | null {
  if (stage === null) return null;
  return stages.find((s) => s.id === stage)?.role ?? null;
}

/** A claim holds until it expires: at `expiresAt` it is over. */
export function isClaimLive(claim: PromotionClaim | null, now: string): claim is PromotionClaim {
  return claim !== null && instantMillis(claim.expiresAt) > instantMillis(now);
}

/** The claim if it is still live at `now`. */
export function liveClaim(state: PromotionState, now: string): PromotionClaim | null {
  if (!state.exists || !state.claim) return null;
  return isClaimLive(state.claim, now) ? state.claim : null;
}

/** Who the file waits on; `waitingOn` names an office outside the agency when the file is with it. */
export interface FileHolder {
  role: string;
  claimedBy: string | null;
  /** At `bkn`: BKN's regional office. At `decree` for IV/c and above: the State Secretariat, preparing the Keppres. */
  waitingOn?: 'BKN' | 'STATE_SECRETARIAT';
}

/** What `heldBy` needs of a case: the state has it, and so does a read model's row. */
export interface HoldingFacts {
  status: PromotionStatus;
  /** The role of the current stage (null when the case is at none). */
  stageRole: string | null;
  proposer: string;
  claim: PromotionClaim | null;
  /** The current stage and who decrees the case (omitted: no outside office is named). */
  stage?: string | null;
  authority?: DecreeAuthority;
}

/** Who the file waits on: the stage's role (and a live claimant), or the proposer (hr) once returned. */
export function heldBy(facts: HoldingFacts, now: string): FileHolder | null {
  if (facts.status === 'IN_PROGRESS' && facts.stageRole) {
    const waitingOn =
      facts.stage === 'bkn' ? 'BKN' : facts.stage === 'decree' && facts.authority === 'PRESIDENT' ? 'STATE_SECRETARIAT' : undefined;
    return { role: facts.stageRole, claimedBy: isClaimLive(facts.claim, now) ? facts.claim.by : null, ...(waitingOn ? { waitingOn } : {}) };
  }
  if (facts.status === 'RETURNED') return { role: 'hr', claimedBy: facts.proposer };
  return null;
}

/** `heldBy` over the decider's state. */
export function whoHoldsTheFile(state: PromotionState, now: string): FileHolder | null {
  if (!state.exists) return null;
  return heldBy(
    {
      status: state.status,
      stageRole: stageRole(state.stages, state.stage),
      proposer: state.proposer,
      claim: state.claim,
      stage: state.stage,
      authority: state.authority,
    },
    now,
  );
}

/** The timing of a visit a read model shows. */
export type VisitTiming = Pick<StageVisit, 'enteredAt' | 'dueAt' | 'leftAt' | 'breached'>;

/** Breached once the SLA clock recorded it, or when the visit ran past its deadline (until `now` while open). */
export function isVisitBreached(visit: VisitTiming, now: string): boolean {
  return visit.breached || instantMillis(visit.leftAt ?? now) > instantMillis(visit.dueAt);
}

/** A visit's SLA state, measured at its end or, while it is open, at `now`. */
export function visitSlaState(visit: VisitTiming, now: string): SlaState {
  return isVisitBreached(visit, now) ? 'BREACHED' : slaState(visit.enteredAt, visit.dueAt, visit.leftAt ?? now);
}

/** The current stage's SLA state while the case is in progress, else null. */
export function caseSlaState(status: PromotionStatus, current: VisitTiming | null, now: string): SlaState | null {
  return status === 'IN_PROGRESS' && current ? visitSlaState({ ...current, leftAt: null }, now) : null;
}

/** The stages of which one person decides at most one (the PPK who approved also signs the decree: that is their office). */
export const DECISION_PAIRS_ALLOWED: readonly [StageId, StageId][] = [['approval', 'decree']];

const mayDecideBoth = (a: string, b: string): boolean =>
  a === b || DECISION_PAIRS_ALLOWED.some(([x, y]) => (x === a && y === b) || (x === b && y === a));

/**
 * The separation-of-duties rule `actor` (acting on behalf of `onBehalfOf`, if a delegate) would
 * break by deciding the current stage, if any.
 */
export function sodBreach(state: PromotionCase, actor: string, onBehalfOf: string | null = null): DomainError | null {
  const people = onBehalfOf ? [actor, onBehalfOf] : [actor];
  if (people.includes(state.nip)) {
    return sodViolation('PROMOTION.SOD_CANDIDATE', 'Nobody may decide a case in which they are the candidate');
  }
  if (people.includes(state.proposer) || (state.proposerOnBehalfOf !== null && people.includes(state.proposerOnBehalfOf))) {
    return sodViolation('PROMOTION.SOD_PROPOSER', 'Nobody may decide a case they proposed');
  }
  if (people.some((p) => state.conflicts.includes(p))) {
    return sodViolation(
      'PROMOTION.SOD_CONFLICT_OF_INTEREST',
      'A conflict of interest was declared on this case: it is decided by someone else',
    );
  }
  const current = state.stage ?? '';
  // A visit decided by a delegate was decided in the delegator's capacity: it counts for both.
  const decidedByAny = (v: StageVisit) =>
    (v.decidedBy !== null && people.includes(v.decidedBy)) || (v.onBehalfOf !== null && people.includes(v.onBehalfOf));
  const other = state.visits.find((v) => decidedByAny(v) && !mayDecideBoth(v.stage, current));
  if (other) {
    return sodViolation('PROMOTION.SOD_TWO_STAGES', `Nobody may decide two stages of the same case; you decided stage ${other.stage}`);
  }
  return null;
}

/** Whether the actor could decide the case's current stage now (claims aside): what approver queues show. */
export function canDecide(
  state: PromotionState,
  who: Pick<CommandMetadata, 'actor' | 'roles' | 'agency'>,
  delegations: readonly ActiveDelegation[] = [],
  /** The local date on which delegations are looked at. */
  today = '',
): boolean {
  if (!state.exists || state.status !== 'IN_PROGRESS' || state.agencyId !== who.agency) return false;
  const stage = currentStageDefinition(state);
  if (stage === null) return false;
  const capacity = actingCapacity(who.roles, delegations, stage.role, today);
  if (!capacity) return false;
  if (capacity.onBehalfOf !== null && delegateMayNotDecide(state, stage.id)) return false;
  return sodBreach(state, who.actor, capacity.onBehalfOf) === null;
}

/** Stages whose decision changes legal status: a delegate (Plt/Plh) never decides them. */
export const DELEGATE_NEVER_DECIDES: readonly string[] = ['decree'];

/** The decree, and the last stage of a case (where the old pipeline changed the grade without one). */
export function delegateMayNotDecide(state: Pick<PromotionCase, 'stages'>, stage: string): boolean {
  return DELEGATE_NEVER_DECIDES.includes(stage) || state.stages.at(-1)?.id === stage;
}
