import type { AgencyCalendar } from '../calendar.js';
import type { CommandMetadata } from '../decider.js';
import { concurrencyConflict, conflict, forbidden, notFound } from '../errors.js';
import type { StageDefinition } from '../events.js';
import type { InputCheck } from '../validation.js';
import { localDate } from '../dates.js';
import { actingCapacity, type ActiveDelegation } from '../delegation/delegation.js';
import { currentStageDefinition, delegateMayNotDecide, liveClaim, sodBreach } from './promotion.queries.js';
import type { PromotionCase, PromotionState } from './promotion.state.js';

// Checks the promotion commands share, in the order they apply: input, case, status, role, claim, version.

export function checkExpectedVersion(check: InputCheck, expectedVersion: unknown): void {
  if (expectedVersion === undefined || expectedVersion === null) return;
  check.require(
    typeof expectedVersion === 'number' && Number.isInteger(expectedVersion) && expectedVersion >= 0,
    'expectedVersion',
    'must be a non-negative integer',
  );
}

export function requireCase(state: PromotionState, metadata: CommandMetadata, caseId?: string): PromotionCase {
  if (!state.exists || state.agencyId !== metadata.agency) {
    throw notFound('PROMOTION.NOT_FOUND', caseId ? `Promotion case ${caseId} not found` : 'Promotion case not found');
  }
  return state;
}

export function requireInProgress(state: PromotionCase, action: string): void {
  if (state.status === 'IN_PROGRESS') return;
  if (state.status === 'RETURNED') {
    throw conflict(
      'PROMOTION.NOT_AT_STAGE',
      `Cannot ${action}: case ${state.caseId} was returned and waits for the proposer to resubmit it`,
    );
  }
  throw conflict('PROMOTION.CLOSED', `Cannot ${action}: case ${state.caseId} is closed (${state.status})`);
}

/** The stage and the capacity the actor acts in: their own role, or a delegation (Plt/Plh) on someone's behalf. */
export interface StageActor {
  stage: StageDefinition;
  onBehalfOf: string | null;
}

function requireStageRole(
  state: PromotionCase,
  metadata: CommandMetadata,
  action: string,
  delegations: readonly ActiveDelegation[],
): StageActor {
  const stage = currentStageDefinition(state);
  if (!stage) throw conflict('PROMOTION.NOT_AT_STAGE', `Cannot ${action}: case ${state.caseId} is at no stage`);
  const capacity = actingCapacity(metadata.roles, delegations, stage.role, localDate(metadata.now, state.calendar.timeZone));
  if (!capacity) {
    throw forbidden('PROMOTION.ROLE_REQUIRED', `Only a ${stage.role} may ${action} at stage ${stage.id}`);
  }
  if (capacity.onBehalfOf !== null && delegateMayNotDecide(state, stage.id)) {
    throw forbidden(
      'PROMOTION.DELEGATE_MAY_NOT_DECREE',
      `An acting official may not ${action} at stage ${stage.id}: a decree changes legal status`,
    );
  }
  return { stage, onBehalfOf: capacity.onBehalfOf };
}

function requireNoOtherClaim(state: PromotionCase, metadata: CommandMetadata, action: string): void {
  const claim = liveClaim(state, metadata.now);
  if (claim && claim.by !== metadata.actor) {
    throw conflict(
      'PROMOTION.CLAIMED_BY_OTHER',
      `Cannot ${action}: case ${state.caseId} is claimed by ${claim.by} until ${claim.expiresAt}`,
    );
  }
}

export function requireVersion(state: PromotionCase, expectedVersion: number | undefined | null): void {
  if (expectedVersion === undefined || expectedVersion === null || expectedVersion === state.version) return;
  throw concurrencyConflict(
    'PROMOTION.STALE_VERSION',
    `Case ${state.caseId} is at version ${state.version}, not the expected ${expectedVersion}; reload it and try again`,
  );
}

export function calendarOf(state: PromotionCase): AgencyCalendar {
  return { timeZone: state.calendar.timeZone, holidays: [...state.calendar.holidays] };
}

/**
 * What deciding or claiming the current stage needs, in the contract's order: in progress (409),
 * the stage's role (403), separation of duties (403), nobody else's claim (409), the version read (409).
 */
export function requireMayActOnStage(
  state: PromotionCase,
  metadata: CommandMetadata,
  expectedVersion: number | undefined | null,
  action: string,
  delegations: readonly ActiveDelegation[] = [],
  roleAction = action,
): StageActor {
  requireInProgress(state, action);
  const acting = requireStageRole(state, metadata, roleAction, delegations);
  const sod = sodBreach(state, metadata.actor, acting.onBehalfOf);
  if (sod) throw sod;
  requireNoOtherClaim(state, metadata, action);
  requireVersion(state, expectedVersion);
  return acting;
}
