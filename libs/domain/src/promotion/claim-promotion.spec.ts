import { describe, expect, test } from '@jest/globals';
import type { PromotionCase } from './promotion.decider.js';
import {
  CANDIDATE,
  HR,
  VERIFIER,
  VERIFIER_2,
  CASE,
  T_VERIFIED,
  T_COMMITTEE,
  as,
  spec,
  proposed,
  verified,
  returnedAt,
  claimed,
  claimCmd,
  releaseCmd,
  asVerifier,
  asCommittee,
  rejected,
} from '../testing/promotion.fixtures.js';

describe('ClaimPromotion', () => {
  test('a holder of the stage role claims the case for 2 hours', () => {
    spec
      .given([proposed])
      .when(claimCmd(asVerifier()))
      .then([claimed(VERIFIER, 'verification', '2026-03-03T04:00:00.000Z')]);
    spec
      .given([proposed])
      .when(claimCmd(asVerifier()))
      .thenState((state) =>
        expect(state as PromotionCase).toMatchObject({ claim: { by: VERIFIER, expiresAt: '2026-03-03T04:00:00.000Z' }, version: 2 }),
      );
  });

  test('claiming someone else’s live claim is a CONFLICT', () => {
    spec
      .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T04:00:00.000Z')])
      .when(claimCmd(asVerifier()))
      .thenThrows('CONFLICT', 'PROMOTION.CLAIMED_BY_OTHER');
  });

  test('an expired claim can be taken over', () => {
    spec
      .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T01:59:59.000Z')])
      .when(claimCmd(asVerifier()))
      .then([claimed(VERIFIER, 'verification', '2026-03-03T04:00:00.000Z')]);
  });

  test('the holder claiming again renews the claim', () => {
    spec
      .given([proposed, claimed(VERIFIER, 'verification', '2026-03-03T03:00:00.000Z')])
      .when(claimCmd(asVerifier()))
      .then([claimed(VERIFIER, 'verification', '2026-03-03T04:00:00.000Z')]);
  });

  test("without the stage's role: FORBIDDEN", () => {
    spec.given([proposed]).when(claimCmd(asCommittee())).thenThrows('FORBIDDEN', 'PROMOTION.ROLE_REQUIRED');
  });

  test('separation of duties applies to claims', () => {
    spec
      .given([proposed])
      .when(claimCmd(as(CANDIDATE, ['verifier'], T_VERIFIED)))
      .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_CANDIDATE');
    spec
      .given([proposed])
      .when(claimCmd(as(HR, ['verifier'], T_VERIFIED)))
      .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_PROPOSER');
    spec
      .given([proposed, verified])
      .when(claimCmd(as(VERIFIER, ['committee'], T_COMMITTEE)))
      .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
  });

  test('a closed or returned case cannot be claimed', () => {
    spec.given([proposed, rejected]).when(claimCmd(asVerifier())).thenThrows('CONFLICT', 'PROMOTION.CLOSED');
    spec
      .given([proposed, returnedAt('verification', VERIFIER)])
      .when(claimCmd(asVerifier()))
      .thenThrows('CONFLICT', 'PROMOTION.NOT_AT_STAGE');
  });

  test('an unknown case is NOT_FOUND', () => {
    spec.when(claimCmd(asVerifier())).thenThrows('NOT_FOUND');
  });

  test('a stale expectedVersion is a CONCURRENCY_CONFLICT', () => {
    spec
      .given([proposed])
      .when(claimCmd(asVerifier(), { expectedVersion: 0 }))
      .thenThrows('CONCURRENCY_CONFLICT');
  });
});

describe('ReleaseClaim', () => {
  const held = claimed(VERIFIER, 'verification', '2026-03-03T04:00:00.000Z');

  test('the holder releases the claim', () => {
    spec
      .given([proposed, held])
      .when(releaseCmd(asVerifier()))
      .then([{ type: 'PromotionClaimReleased', data: { caseId: CASE, stage: 'verification', releasedBy: VERIFIER } }]);
    spec
      .given([proposed, held])
      .when(releaseCmd(asVerifier()))
      .thenState((state) => expect(state).toMatchObject({ claim: null, version: 3 }));
  });

  test('anyone else is FORBIDDEN', () => {
    spec
      .given([proposed, held])
      .when(releaseCmd(as(VERIFIER_2, ['verifier'], T_VERIFIED)))
      .thenThrows('FORBIDDEN', 'PROMOTION.NOT_CLAIM_HOLDER');
  });

  test('releasing an unclaimed case is a CONFLICT', () => {
    spec.given([proposed]).when(releaseCmd(asVerifier())).thenThrows('CONFLICT', 'PROMOTION.NOT_CLAIMED');
  });

  test('a released claim no longer blocks others', () => {
    const released = {
      type: 'PromotionClaimReleased' as const,
      data: { caseId: CASE, stage: 'verification' as const, releasedBy: VERIFIER },
    };
    spec
      .given([proposed, held, released])
      .when(claimCmd(as(VERIFIER_2, ['verifier'], T_VERIFIED)))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  test('on a closed case: CONFLICT', () => {
    spec.given([proposed, held, rejected]).when(releaseCmd(asVerifier())).thenThrows('CONFLICT', 'PROMOTION.CLOSED');
  });
});

// =============================================================================================
