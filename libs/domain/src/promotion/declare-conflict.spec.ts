import { describe, expect, test } from '@jest/globals';
import { canDecide, type DeclareConflict } from './promotion.decider.js';
import {
  ACTING,
  AGENCY,
  approve,
  as,
  asVerifier,
  atApproval,
  berkasOk,
  CASE,
  claimed,
  decideCmd,
  delegation,
  HR,
  PPK,
  rejected,
  returnedAt,
  spec,
  stateAfter,
  T_APPROVED,
  T_VERIFIED,
  VERIFIER,
  VERIFIER_2,
  withdrawn,
} from '../testing/promotion.fixtures.js';

const REASON = 'The candidate is my sister-in-law';
const declare = (metadata = asVerifier(T_VERIFIED), reason = REASON): DeclareConflict => ({
  type: 'DeclareConflict',
  data: { reason },
  metadata,
});
const declaredBy = (by: string) => ({ type: 'PromotionConflictDeclared' as const, data: { caseId: CASE, declaredBy: by, reason: REASON } });

describe('DeclareConflict (conflict of interest)', () => {
  test('an approver declares a conflict of interest: the event records who and why', () => {
    spec
      .given(berkasOk)
      .when(declare())
      .then([declaredBy(VERIFIER)]);
  });

  test('afterwards that approver gets SOD_VIOLATION and leaves the queue', () => {
    const history = [...berkasOk, declaredBy(VERIFIER)];
    spec.given(history).when(approve(asVerifier())).thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_CONFLICT_OF_INTEREST');
    const state = stateAfter(history);
    expect(state.conflicts).toEqual([VERIFIER]);
    expect(canDecide(state, { actor: VERIFIER, roles: ['verifier'], agency: AGENCY })).toBe(false);
    expect(canDecide(state, { actor: VERIFIER_2, roles: ['verifier'], agency: AGENCY })).toBe(true);
    spec
      .given(history)
      .when(approve(as(VERIFIER_2, ['verifier'], T_VERIFIED)))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  test('a declaration made at an earlier stage binds the declarer at every later one', () => {
    const history = [...berkasOk, declaredBy(PPK), ...atApproval.slice(berkasOk.length)];
    spec
      .given(history)
      .when(decideCmd('APPROVE', as(PPK, ['ppk'], T_APPROVED)))
      .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_CONFLICT_OF_INTEREST');
  });

  test('nor may a delegate act on behalf of someone who declared', () => {
    spec
      .given([...berkasOk, declaredBy(VERIFIER)])
      .when({ ...approve(as(ACTING, ['employee'], T_VERIFIED)), context: { delegations: [delegation('verifier', VERIFIER)] } })
      .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_CONFLICT_OF_INTEREST');
  });

  test('a declaration drops the declarer’s claim; someone else’s claim stays', () => {
    const expiresAt = '2026-03-03T04:00:00.000Z';
    expect(stateAfter([...berkasOk, claimed(VERIFIER, 'verification', expiresAt), declaredBy(VERIFIER)]).claim).toBeNull();
    expect(stateAfter([...berkasOk, claimed(VERIFIER_2, 'verification', expiresAt), declaredBy(VERIFIER)]).claim).toEqual({
      by: VERIFIER_2,
      expiresAt,
    });
  });

  test('a returned case may be declared on', () => {
    spec
      .given([...berkasOk, returnedAt('verification', VERIFIER_2)])
      .when(declare())
      .then([declaredBy(VERIFIER)]);
  });

  test('BKN’s liaison is an approver too', () => {
    spec
      .given(berkasOk)
      .when(declare(as('197704042003121003', ['bkn'], T_VERIFIED)))
      .then([declaredBy('197704042003121003')]);
  });

  test('only approvers declare: FORBIDDEN', () => {
    spec
      .given(berkasOk)
      .when(declare(as(HR, ['hr'], T_VERIFIED)))
      .thenThrows('FORBIDDEN', 'PROMOTION.APPROVER_ONLY');
    spec
      .given(berkasOk)
      .when(declare(as(ACTING, ['employee', 'auditor'], T_VERIFIED)))
      .thenThrows('FORBIDDEN');
  });

  test('on a closed case: CONFLICT (before the role check)', () => {
    spec
      .given([...berkasOk, rejected])
      .when(declare())
      .thenThrows('CONFLICT', 'PROMOTION.CLOSED');
    spec
      .given([...berkasOk, withdrawn])
      .when(declare(as(HR, ['hr'], T_VERIFIED)))
      .thenThrows('CONFLICT', 'PROMOTION.CLOSED');
  });

  test('twice: CONFLICT', () => {
    spec
      .given([...berkasOk, declaredBy(VERIFIER)])
      .when(declare())
      .thenThrows('CONFLICT', 'PROMOTION.CONFLICT_ALREADY_DECLARED');
  });

  test('a reason is required; an unknown or foreign case is NOT_FOUND', () => {
    spec.given(berkasOk).when(declare(asVerifier(), '')).thenThrows('VALIDATION_FAILED');
    spec.when(declare()).thenThrows('NOT_FOUND');
    spec
      .given(berkasOk)
      .when(declare(as(VERIFIER, ['verifier'], T_VERIFIED, 'pemkot-medan')))
      .thenThrows('NOT_FOUND');
  });

  test('the declaration advances the version', () => {
    expect(stateAfter([...berkasOk, declaredBy(VERIFIER)]).version).toBe(berkasOk.length + 1);
  });
});
