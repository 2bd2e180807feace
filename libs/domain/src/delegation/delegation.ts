import { TEXT_LIMITS } from '../limits.js';
import { isIsoDate, localDate } from '../dates.js';
import { checkMetadata, type Command, type Decider } from '../decider.js';
import { conflict, notFound, sodViolation } from '../errors.js';
import type { DelegableRole, DelegationEvent, DelegationGranted, Role } from '../events.js';
import { employeeInAgency } from '../employee/employee.queries.js';
import type { EmployeeState } from '../employee/employee.state.js';
import { isValidNip } from '../nip.js';
import { InputCheck } from '../validation.js';

/**
 * Acting officials (Plt/Plh, DOMAIN.md §Acting officials). A delegation lets its delegate act with
 * one role on behalf of the delegator, from a date until a date (inclusive, agency zone). `admin`
 * and `auditor` are never delegated; acts that change legal status (a decree, a keberatan
 * decision) are never done by a delegate.
 */
export const DELEGABLE_ROLES: readonly DelegableRole[] = ['verifier', 'committee', 'ppk', 'bkn', 'hr', 'superior'];

export interface DelegationRecord {
  delegationId: string;
  agencyId: string;
  delegateNip: string;
  role: DelegableRole;
  onBehalfOf: string;
  from: string;
  until: string;
  reason: string;
  revoked: boolean;
}

/**
 * State of one delegator's stream for one role (`delegations-{onBehalfOf}-{role}`): every grant
 * of the role on their behalf, so the no-overlap rule is decided on one stream, race-free.
 */
export interface DelegationState {
  delegations: DelegationRecord[];
}

/** A delegation's bare facts, as commands receive them for the actor. */
export type ActiveDelegation = Pick<DelegationRecord, 'delegationId' | 'role' | 'onBehalfOf' | 'from' | 'until' | 'revoked'>;

/** In force on `today` (a local date): not revoked, from ≤ today ≤ until. */
export function delegationInForce(d: Pick<ActiveDelegation, 'from' | 'until' | 'revoked'>, today: string): boolean {
  return !d.revoked && d.from <= today && today <= d.until;
}

/** How the actor holds `role` today: as their own (onBehalfOf null), under a delegation, or not at all (null). */
export function actingCapacity(
  roles: readonly Role[],
  delegations: readonly ActiveDelegation[],
  role: Role | 'superior',
  today: string,
): { onBehalfOf: string | null } | null {
  if (role !== 'superior' && roles.includes(role)) return { onBehalfOf: null };
  const delegation = delegations.find((d) => d.role === role && delegationInForce(d, today));
  return delegation ? { onBehalfOf: delegation.onBehalfOf } : null;
}

export type GrantDelegation = Command<
  'GrantDelegation',
  { delegationId: string; delegateNip: string; role: DelegableRole; onBehalfOf: string; from: string; until: string; reason: string }
> & {
  context: {
    delegate: EmployeeState;
    delegator: EmployeeState;
    timeZone: string;
  };
};

export type RevokeDelegation = Command<'RevokeDelegation', { delegationId: string }>;
export type DelegationCommand = GrantDelegation | RevokeDelegation;

const initialState = (): DelegationState => ({ delegations: [] });

function grant(command: GrantDelegation, state: DelegationState): DelegationEvent[] {
  const { data, metadata, context } = command;
  const check = new InputCheck('DELEGATION.INVALID_INPUT');
  check.require(isValidNip(data.delegateNip), 'delegateNip', 'must be a valid 18-digit NIP');
  check.require(isValidNip(data.onBehalfOf), 'onBehalfOf', 'must be a valid 18-digit NIP');
  check.oneOf(data.role, DELEGABLE_ROLES, 'role');
  const fromOk = check.require(isIsoDate(data.from), 'from', 'must be a date YYYY-MM-DD');
  const untilOk = check.require(isIsoDate(data.until), 'until', 'must be a date YYYY-MM-DD');
  if (fromOk && untilOk) check.require(data.from <= data.until, 'until', 'must not be before from', 'DELEGATION.PERIOD_REVERSED');
  if (untilOk) {
    const today = localDate(metadata.now, context.timeZone);
    check.require(data.until >= today, 'until', `must not be in the past (today is ${today})`, 'DELEGATION.IN_THE_PAST');
  }
  check.text(data.reason, 'reason', TEXT_LIMITS.reason);
  check.require(
    data.delegateNip !== data.onBehalfOf,
    'delegateNip',
    'must not be the person delegating: nobody delegates to themselves',
    'DELEGATION.SELF',
  );
  check.throwIfAny();

  // The admin who grants acting offices never grants one to themselves (admin is never delegated).
  if (data.delegateNip === metadata.actor) {
    throw sodViolation('DELEGATION.GRANTS_ITSELF', 'An admin may not make themselves an acting official');
  }
  if (!employeeInAgency(context.delegate, data.delegateNip, metadata.agency)) {
    throw notFound('DELEGATION.DELEGATE_NOT_FOUND', `Employee ${data.delegateNip} not found`);
  }
  if (!employeeInAgency(context.delegator, data.onBehalfOf, metadata.agency)) {
    throw notFound('DELEGATION.DELEGATOR_NOT_FOUND', `Employee ${data.onBehalfOf} not found`);
  }
  if (state.delegations.some((d) => d.delegationId === data.delegationId)) {
    throw conflict('DELEGATION.ALREADY_GRANTED', `Delegation ${data.delegationId} already exists`);
  }
  const overlap = state.delegations.find((d) => !d.revoked && d.from <= data.until && data.from <= d.until);
  if (overlap) {
    throw conflict(
      'DELEGATION.OVERLAP',
      `A ${data.role} delegation on behalf of ${data.onBehalfOf} already runs from ${overlap.from} until ${overlap.until}`,
    );
  }
  const granted: DelegationGranted = {
    type: 'DelegationGranted',
    data: {
      delegationId: data.delegationId,
      agencyId: metadata.agency,
      nip: data.delegateNip,
      role: data.role,
      onBehalfOf: data.onBehalfOf,
      from: data.from,
      until: data.until,
      reason: data.reason,
    },
  };
  return [granted];
}

function revoke(command: RevokeDelegation, state: DelegationState): DelegationEvent[] {
  const { data, metadata } = command;
  const found = state.delegations.find((d) => d.delegationId === data.delegationId && d.agencyId === metadata.agency);
  if (!found) throw notFound('DELEGATION.NOT_FOUND', `Delegation ${data.delegationId} not found`);
  if (found.revoked) throw conflict('DELEGATION.ALREADY_REVOKED', `Delegation ${data.delegationId} is already revoked`);
  return [{ type: 'DelegationRevoked', data: { delegationId: found.delegationId, nip: found.delegateNip, revokedBy: metadata.actor } }];
}

function decide(command: DelegationCommand, state: DelegationState): DelegationEvent[] {
  checkMetadata(command.metadata);
  switch (command.type) {
    case 'GrantDelegation':
      return grant(command, state);
    case 'RevokeDelegation':
      return revoke(command, state);
    default: {
      const unexpected: never = command;
      throw new Error(`Unknown delegation command ${JSON.stringify(unexpected)}`);
    }
  }
}

function evolve(state: DelegationState, event: DelegationEvent): DelegationState {
  switch (event.type) {
    case 'DelegationGranted': {
      const { nip, ...d } = event.data;
      return { delegations: [...state.delegations, { ...d, delegateNip: nip, revoked: false }] };
    }
    case 'DelegationRevoked':
      return {
        delegations: state.delegations.map((d) => (d.delegationId === event.data.delegationId ? { ...d, revoked: true } : d)),
      };
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

export const delegationDecider: Decider<DelegationCommand, DelegationState, DelegationEvent> = { decide, evolve, initialState };

export const DELEGATION_EVENT_TYPES: readonly DelegationEvent['type'][] = ['DelegationGranted', 'DelegationRevoked'];

export function isDelegationEvent<E extends { type: string }>(event: E): event is Extract<E, { type: DelegationEvent['type'] }> {
  return (DELEGATION_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** Folds the DelegationGranted/Revoked events of one person into their delegations. */
export function delegationsOf(events: readonly DelegationEvent[]): ActiveDelegation[] {
  const byId = new Map<string, ActiveDelegation>();
  for (const e of events) {
    if (e.type === 'DelegationGranted') {
      const d = e.data;
      byId.set(d.delegationId, {
        delegationId: d.delegationId,
        role: d.role,
        onBehalfOf: d.onBehalfOf,
        from: d.from,
        until: d.until,
        revoked: false,
      });
    } else {
      const d = byId.get(e.data.delegationId);
      if (d) byId.set(d.delegationId, { ...d, revoked: true });
    }
  }
  return [...byId.values()];
}
