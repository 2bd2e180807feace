import { describe, expect, test } from '@jest/globals';
import type { PromotionCase } from './promotion.decider.js';
import {
  CANDIDATE,
  HR,
  VERIFIER,
  COMMITTEE,
  CASE,
  T_VERIFIED,
  T_COMMITTEE,
  T_FINAL,
  as,
  spec,
  proposed,
  verified,
  committeeApproved,
  returnedAt,
  claimed,
  approve,
  withdrawCmd,
  asVerifier,
  approved,
  withdrawn,
} from '../testing/promotion.fixtures.js';

describe('WithdrawPromotion', () => {
  test('the proposer withdraws a case in progress', () => {
    spec
      .given([proposed])
      .when(withdrawCmd(as(HR, ['hr'], T_VERIFIED)))
      .then([withdrawn]);
    spec
      .given([proposed, claimed(VERIFIER, 'verification', '2026-03-03T03:00:00.000Z')])
      .when(withdrawCmd(as(HR, ['hr'], T_VERIFIED), { reason: 'Candidate transferred to Kota Medan' }))
      .thenState((state) => {
        expect(state).toMatchObject({ status: 'WITHDRAWN', stage: null, claim: null, version: 3 });
        expect((state as PromotionCase).visits[0]).toMatchObject({ decision: null, decidedBy: null });
      });
  });

  test('the proposer withdraws a returned case', () => {
    spec
      .given([proposed, verified, returnedAt('committee', COMMITTEE)])
      .when(withdrawCmd(as(HR, ['hr'], T_COMMITTEE)))
      .then([{ type: 'PromotionWithdrawn', data: { caseId: CASE, stage: 'committee', withdrawnBy: HR, reason: null } }]);
  });

  test('only the proposer: FORBIDDEN', () => {
    spec
      .given([proposed])
      .when(withdrawCmd(as(CANDIDATE, ['hr'], T_VERIFIED)))
      .thenThrows('FORBIDDEN', 'PROMOTION.PROPOSER_ONLY');
  });

  test('a closed case cannot be withdrawn: CONFLICT', () => {
    spec
      .given([proposed, withdrawn])
      .when(withdrawCmd(as(HR, ['hr'], T_VERIFIED)))
      .thenThrows('CONFLICT', 'PROMOTION.CLOSED');
    spec
      .given([proposed, verified, committeeApproved, approved])
      .when(withdrawCmd(as(HR, ['hr'], T_FINAL)))
      .thenThrows('CONFLICT');
  });

  test('a withdrawn case can no longer be decided', () => {
    spec.given([proposed, withdrawn]).when(approve(asVerifier())).thenThrows('CONFLICT', 'PROMOTION.CLOSED');
  });
});

// =============================================================================================
