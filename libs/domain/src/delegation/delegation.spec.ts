import { describe, expect, test } from '@jest/globals';
import { DeciderSpec } from '../../../testing/src/decider-spec.js';
import type { EmployeeState } from '../employee/employee.state.js';
import type { DelegationGranted } from '../events.js';
import { candidateWith } from '../testing/promotion.fixtures.js';
import {
  actingCapacity,
  delegationDecider,
  delegationInForce,
  delegationsOf,
  type ActiveDelegation,
  type GrantDelegation,
  type RevokeDelegation,
} from './delegation.js';

const AGENCY = 'pemkot-langsa';
const ADMIN = '197001011995031001';
const DELEGATE = '199001012015031001';
const DELEGATOR = '196512311990031004';
const NOW = '2026-03-02T03:00:00.000Z'; // 10:00 WIB
const metadata = { actor: ADMIN, roles: ['admin' as const], agency: AGENCY, now: NOW };
const spec = DeciderSpec.for(delegationDecider);

const person = (nip: string, agencyId = AGENCY): EmployeeState => candidateWith({ nip, agencyId, name: `Employee ${nip.slice(-3)}` });

const grant = (data: Partial<GrantDelegation['data']> = {}, context: Partial<GrantDelegation['context']> = {}): GrantDelegation => ({
  type: 'GrantDelegation',
  data: {
    delegationId: 'del-1',
    delegateNip: DELEGATE,
    role: 'ppk',
    onBehalfOf: DELEGATOR,
    from: '2026-03-02',
    until: '2026-03-20',
    reason: 'Wali Kota on official travel (Plh)',
    ...data,
  },
  metadata,
  context: { delegate: person(DELEGATE), delegator: person(DELEGATOR), timeZone: 'Asia/Jakarta', ...context },
});
const revoke = (delegationId = 'del-1', agency = AGENCY): RevokeDelegation => ({
  type: 'RevokeDelegation',
  data: { delegationId },
  metadata: { ...metadata, agency },
});

const granted = (data: Partial<DelegationGranted['data']> = {}): DelegationGranted => ({
  type: 'DelegationGranted',
  data: {
    delegationId: 'del-1',
    agencyId: AGENCY,
    nip: DELEGATE,
    role: 'ppk',
    onBehalfOf: DELEGATOR,
    from: '2026-03-02',
    until: '2026-03-20',
    reason: 'Wali Kota on official travel (Plh)',
    ...data,
  },
});
const revoked = { type: 'DelegationRevoked' as const, data: { delegationId: 'del-1', nip: DELEGATE, revokedBy: ADMIN } };

describe('GrantDelegation', () => {
  test('an admin grants a delegation: the event names the delegate, the role, the delegator and the period', () => {
    spec.when(grant()).then([granted()]);
  });

  test.each(['verifier', 'committee', 'ppk', 'bkn', 'hr', 'superior'] as const)('the %s role may be delegated', (role) => {
    spec.when(grant({ role })).then([granted({ role })]);
  });

  test.each(['admin', 'auditor', 'employee'])('the %s role is never delegated', (role) => {
    spec.when(grant({ role: role as never })).thenThrows('VALIDATION_FAILED');
  });

  test('nobody delegates to themselves: VALIDATION_FAILED naming delegateNip', () => {
    spec.when(grant({ delegateNip: DELEGATOR }, { delegate: person(DELEGATOR) })).thenThrows('VALIDATION_FAILED', 'DELEGATION.SELF');
  });

  test('the admin granting it may not make themselves the acting official: SOD_VIOLATION', () => {
    const command = grant();
    spec
      .when({ ...command, metadata: { ...command.metadata, actor: command.data.delegateNip } })
      .thenThrows('SOD_VIOLATION', 'DELEGATION.GRANTS_ITSELF');
  });

  test('an unknown delegate or delegator, or one of another agency, is NOT_FOUND', () => {
    spec.when(grant({}, { delegate: { exists: false, nip: DELEGATE } })).thenThrows('NOT_FOUND', 'DELEGATION.DELEGATE_NOT_FOUND');
    spec.when(grant({}, { delegate: person(DELEGATE, 'pemkot-medan') })).thenThrows('NOT_FOUND', 'DELEGATION.DELEGATE_NOT_FOUND');
    spec.when(grant({}, { delegator: { exists: false, nip: DELEGATOR } })).thenThrows('NOT_FOUND', 'DELEGATION.DELEGATOR_NOT_FOUND');
  });

  describe('two delegations of one role on behalf of one person may not overlap: CONFLICT', () => {
    test.each([
      ['the same period', '2026-03-02', '2026-03-20'],
      ['one that starts on the last day', '2026-03-20', '2026-03-25'],
      ['one that ends on the first day', '2026-03-01', '2026-03-02'],
      ['one inside it', '2026-03-05', '2026-03-06'],
    ])('%s', (_label, from, until) => {
      spec
        .given([granted()])
        .when(grant({ delegationId: 'del-2', delegateNip: '198001012006041001', from, until }, { delegate: person('198001012006041001') }))
        .thenThrows('CONFLICT', 'DELEGATION.OVERLAP');
    });

    test('the day after is fine', () => {
      spec
        .given([granted()])
        .when(grant({ delegationId: 'del-2', from: '2026-03-21', until: '2026-03-31' }))
        .then([granted({ delegationId: 'del-2', from: '2026-03-21', until: '2026-03-31' })]);
    });

    test('a revoked delegation no longer overlaps', () => {
      spec
        .given([granted(), revoked])
        .when(grant({ delegationId: 'del-2' }))
        .then([granted({ delegationId: 'del-2' })]);
    });
  });

  test('a delegation id used before is a CONFLICT', () => {
    spec
      .given([granted()])
      .when(grant({ from: '2026-04-01', until: '2026-04-02' }))
      .thenThrows('CONFLICT', 'DELEGATION.ALREADY_GRANTED');
  });

  describe('VALIDATION_FAILED', () => {
    test.each<[string, Partial<GrantDelegation['data']>, string]>([
      ['a bad delegate NIP', { delegateNip: '1990' }, 'delegateNip'],
      ['a bad delegator NIP', { onBehalfOf: 'x' }, 'onBehalfOf'],
      ['a from that is no date', { from: '2026-02-30' }, 'from'],
      ['until before from', { from: '2026-03-10', until: '2026-03-09' }, 'until'],
      ['until in the past', { from: '2026-02-01', until: '2026-03-01' }, 'until'],
      ['no reason', { reason: '' }, 'reason'],
    ])('%s', (_label, data, field) => {
      const error = spec.when(grant(data)).thenThrows('VALIDATION_FAILED');
      expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    test('until today (agency zone) is fine', () => {
      spec.when(grant({ from: '2026-03-01', until: '2026-03-02' })).thenEvents((events) => expect(events).toHaveLength(1));
    });

    test('shape comes before self-delegation and NOT_FOUND', () => {
      spec
        .when(grant({ delegateNip: DELEGATOR, reason: '' }, { delegate: { exists: false, nip: DELEGATOR } }))
        .thenThrows('VALIDATION_FAILED');
    });
  });
});

describe('RevokeDelegation', () => {
  test('revokes a delegation of the stream', () => {
    spec.given([granted()]).when(revoke()).then([revoked]);
    spec
      .given([granted()])
      .when(revoke())
      .thenState((state) => expect(state.delegations[0].revoked).toBe(true));
  });

  test('twice: CONFLICT', () => {
    spec.given([granted(), revoked]).when(revoke()).thenThrows('CONFLICT', 'DELEGATION.ALREADY_REVOKED');
  });

  test('an unknown delegation, or one of another agency, is NOT_FOUND', () => {
    spec.given([granted()]).when(revoke('del-9')).thenThrows('NOT_FOUND', 'DELEGATION.NOT_FOUND');
    spec.given([granted()]).when(revoke('del-1', 'pemkot-medan')).thenThrows('NOT_FOUND');
  });
});

describe('actingCapacity', () => {
  const ppk: ActiveDelegation = {
    delegationId: 'del-1',
    role: 'ppk',
    onBehalfOf: DELEGATOR,
    from: '2026-03-02',
    until: '2026-03-20',
    revoked: false,
  };

  test('one’s own role comes first: no onBehalfOf', () => {
    expect(actingCapacity(['ppk'], [ppk], 'ppk', '2026-03-05')).toEqual({ onBehalfOf: null });
  });

  test('a delegation running today gives the role on behalf of its delegator, from its first to its last day', () => {
    expect(actingCapacity(['employee'], [ppk], 'ppk', '2026-03-02')).toEqual({ onBehalfOf: DELEGATOR });
    expect(actingCapacity(['employee'], [ppk], 'ppk', '2026-03-20')).toEqual({ onBehalfOf: DELEGATOR });
  });

  test('none before, after, when revoked, or for another role', () => {
    expect(actingCapacity([], [ppk], 'ppk', '2026-03-01')).toBeNull();
    expect(actingCapacity([], [ppk], 'ppk', '2026-03-21')).toBeNull();
    expect(actingCapacity([], [{ ...ppk, revoked: true }], 'ppk', '2026-03-05')).toBeNull();
    expect(actingCapacity([], [ppk], 'verifier', '2026-03-05')).toBeNull();
  });

  test('superior is held only by delegation', () => {
    expect(actingCapacity(['superior' as never], [], 'superior', '2026-03-05')).toBeNull();
    expect(actingCapacity([], [{ ...ppk, role: 'superior' }], 'superior', '2026-03-05')).toEqual({ onBehalfOf: DELEGATOR });
  });

  test('delegationInForce and delegationsOf fold grants and revocations', () => {
    expect(delegationInForce(ppk, '2026-03-10')).toBe(true);
    expect(delegationsOf([granted(), granted({ delegationId: 'del-2', from: '2026-04-01', until: '2026-04-05' }), revoked])).toEqual([
      { ...ppk, revoked: true },
      { ...ppk, delegationId: 'del-2', from: '2026-04-01', until: '2026-04-05' },
    ]);
  });
});
