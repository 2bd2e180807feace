import { describe, expect, test } from '@jest/globals';
import type { PromotionEvent, PromotionProposed, PromotionSlaBreached, PromotionStageApproved } from '../events.js';
import { promotionDecider, type PromotionCase, type PromotionState } from './promotion.decider.js';
import {
  CANDIDATE,
  HR,
  VERIFIER,
  VERIFIER_2,
  COMMITTEE,
  PPK,
  CASE,
  PROPOSED_AT,
  VERIFICATION_DUE,
  T_VERIFIED,
  COMMITTEE_DUE,
  T_COMMITTEE,
  APPROVAL_DUE,
  T_FINAL,
  as,
  spec,
  proposed,
  verified,
  committeeApproved,
  returnedAt,
  resubmitted,
  claimed,
  decideCmd,
  approve,
  asVerifier,
  asCommittee,
  asPpk,
  approved,
  rejected,
  withdrawn,
  stateAfter,
} from '../testing/promotion.fixtures.js';

describe('DecidePromotion', () => {
  describe('approvals move the case through the pipeline', () => {
    test('APPROVE at verification moves to committee with a new deadline', () => {
      spec.given([proposed]).when(approve(asVerifier())).then([verified]);
    });

    test('APPROVE at committee moves to approval', () => {
      spec.given([proposed, verified]).when(approve(asCommittee())).then([committeeApproved]);
    });

    test('APPROVE at the last stage approves the promotion', () => {
      spec.given([proposed, verified, committeeApproved]).when(approve(asPpk())).then([approved]);
    });

    test('an approval may carry a reason', () => {
      spec
        .given([proposed])
        .when(approve(asVerifier(), { reason: 'File complete' }))
        .thenEvents(([event]) => {
          expect((event as PromotionStageApproved).data.reason).toBe('File complete');
        });
    });

    test('the state after approval is closed, with every visit and decider', () => {
      const state = stateAfter([proposed, verified, committeeApproved, approved]);
      expect(state.status).toBe('APPROVED');
      expect(state.stage).toBeNull();
      expect(state.version).toBe(4);
      expect(state.deciders).toEqual({ verification: VERIFIER, committee: COMMITTEE, approval: PPK });
      expect(state.visits).toEqual([
        {
          stage: 'verification',
          visit: 1,
          enteredAt: PROPOSED_AT,
          dueAt: VERIFICATION_DUE,
          leftAt: T_VERIFIED,
          decidedBy: VERIFIER,
          decision: 'APPROVE',
          breached: false,
        },
        {
          stage: 'committee',
          visit: 1,
          enteredAt: T_VERIFIED,
          dueAt: COMMITTEE_DUE,
          leftAt: T_COMMITTEE,
          decidedBy: COMMITTEE,
          decision: 'APPROVE',
          breached: false,
        },
        {
          stage: 'approval',
          visit: 1,
          enteredAt: T_COMMITTEE,
          dueAt: APPROVAL_DUE,
          leftAt: null,
          decidedBy: PPK,
          decision: 'APPROVE',
          breached: false,
        },
      ]);
    });

    test('leftAt of a closing event comes from its metadata when replayed from the store', () => {
      const withMeta = { ...approved, metadata: { occurredAt: T_FINAL } };
      const state = [proposed, verified, committeeApproved, withMeta].reduce<PromotionState>(
        (s, e) => promotionDecider.evolve(s, e),
        promotionDecider.initialState(),
      ) as PromotionCase;
      expect(state.visits[2].leftAt).toBe(T_FINAL);
    });

    test("the next deadline uses the case's stored calendar", () => {
      const withHoliday: PromotionProposed = { ...proposed, data: { ...proposed.data, holidays: ['2026-03-04'] } };
      spec
        .given([withHoliday])
        .when(approve(asVerifier()))
        .thenEvents(([event]) => {
          // Tue 09:00 WIB + 5 working days skipping Wednesday's holiday → Wednesday 11 March.
          expect((event as PromotionStageApproved).data.dueAt).toBe('2026-03-11T02:00:00.000Z');
        });
    });
  });

  test('RETURN sends the case back to the proposer; the stage stays', () => {
    spec
      .given([proposed, verified])
      .when(decideCmd('RETURN', asCommittee(), { reason: 'Attach the 2025 SKP' }))
      .then([returnedAt('committee', COMMITTEE)]);
    const state = stateAfter([proposed, verified, returnedAt('committee', COMMITTEE)]);
    expect(state).toMatchObject({ status: 'RETURNED', stage: 'committee', deciders: { verification: VERIFIER, committee: COMMITTEE } });
    expect(state.visits[1]).toMatchObject({ decision: 'RETURN', decidedBy: COMMITTEE });
  });

  test('REJECT closes the case', () => {
    spec
      .given([proposed])
      .when(decideCmd('REJECT', asVerifier(), { reason: 'Forged certificate' }))
      .then([rejected]);
    expect(stateAfter([proposed, rejected])).toMatchObject({ status: 'REJECTED', stage: null });
  });

  describe('body shape (400) comes first', () => {
    test.each(['RETURN', 'REJECT'] as const)('%s without a reason is VALIDATION_FAILED', (decision) => {
      spec.given([proposed]).when(decideCmd(decision, asVerifier())).thenThrows('VALIDATION_FAILED', 'PROMOTION.REASON_REQUIRED');
      spec
        .given([proposed])
        .when(decideCmd(decision, asVerifier(), { reason: '  ' }))
        .thenThrows('VALIDATION_FAILED', 'PROMOTION.REASON_REQUIRED');
    });

    test('a missing reason is reported even on a closed case', () => {
      spec.given([proposed, rejected]).when(decideCmd('REJECT', asVerifier())).thenThrows('VALIDATION_FAILED');
    });

    test('an unknown decision or a bad expectedVersion is VALIDATION_FAILED', () => {
      spec
        .given([proposed])
        .when(decideCmd('MAYBE' as never, asVerifier()))
        .thenThrows('VALIDATION_FAILED');
      spec
        .given([proposed])
        .when(approve(asVerifier(), { expectedVersion: -1 }))
        .thenThrows('VALIDATION_FAILED');
    });
  });

  test('an unknown case is NOT_FOUND', () => {
    spec.when(approve(asVerifier(), { caseId: 'nope' })).thenThrows({ code: 'NOT_FOUND', reason: 'PROMOTION.NOT_FOUND', message: /nope/ });
  });

  test("another agency's case is NOT_FOUND", () => {
    spec
      .given([proposed])
      .when(approve(as(VERIFIER, ['verifier'], T_VERIFIED, 'pemkot-semarang')))
      .thenThrows('NOT_FOUND');
  });

  describe('closed or not decidable: CONFLICT', () => {
    test.each([
      ['approved', [proposed, verified, committeeApproved, approved]],
      ['rejected', [proposed, rejected]],
      ['withdrawn', [proposed, withdrawn]],
    ] as [string, PromotionEvent[]][])('a %s case', (_label, history) => {
      spec.given(history).when(approve(asPpk())).thenThrows('CONFLICT', 'PROMOTION.CLOSED');
    });

    test('a returned case waits on the proposer', () => {
      spec
        .given([proposed, returnedAt('verification', VERIFIER)])
        .when(approve(asVerifier()))
        .thenThrows('CONFLICT', 'PROMOTION.NOT_AT_STAGE');
    });

    test('CONFLICT for a closed case outranks FORBIDDEN', () => {
      spec
        .given([proposed, rejected])
        .when(approve(as(VERIFIER, ['employee'], T_VERIFIED)))
        .thenThrows('CONFLICT');
    });
  });

  describe("the current stage's role: FORBIDDEN", () => {
    test('a committee member cannot decide verification (wrong stage)', () => {
      spec
        .given([proposed])
        .when(approve(as(COMMITTEE, ['committee'], T_VERIFIED)))
        .thenThrows('FORBIDDEN', 'PROMOTION.ROLE_REQUIRED');
    });

    test('a verifier cannot decide after the case moved on to committee (the race loser re-reads)', () => {
      spec
        .given([proposed, verified])
        .when(approve(as(VERIFIER_2, ['verifier'], T_COMMITTEE)))
        .thenThrows('FORBIDDEN');
    });

    test('FORBIDDEN outranks SOD_VIOLATION', () => {
      spec
        .given([proposed])
        .when(approve(as(HR, ['hr'], T_VERIFIED)))
        .thenThrows('FORBIDDEN');
    });
  });

  describe('separation of duties: SOD_VIOLATION', () => {
    test('the candidate may not decide their own case', () => {
      spec
        .given([proposed])
        .when(approve(as(CANDIDATE, ['verifier'], T_VERIFIED)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_CANDIDATE');
    });

    test('the proposer may not decide the case', () => {
      spec
        .given([proposed])
        .when(approve(as(HR, ['hr', 'verifier'], T_VERIFIED)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_PROPOSER');
    });

    test('nobody decides two stages of the same case', () => {
      spec
        .given([proposed, verified])
        .when(approve(as(VERIFIER, ['verifier', 'committee'], T_COMMITTEE)))
        .thenThrows({ code: 'SOD_VIOLATION', reason: 'PROMOTION.SOD_TWO_STAGES', message: /verification/ });
    });

    test('returning a stage counts as deciding it, even after someone else approved it later', () => {
      const history = [
        proposed,
        returnedAt('verification', VERIFIER),
        resubmitted('verification', '2026-03-02T08:00:00.000Z', '2026-03-04T08:00:00.000Z'),
        { ...verified, data: { ...verified.data, decidedBy: VERIFIER_2 } },
      ];
      spec
        .given(history)
        .when(approve(as(VERIFIER, ['committee'], T_COMMITTEE)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
    });

    test('the same person may decide the same stage again after a resubmission', () => {
      const history = [
        proposed,
        returnedAt('verification', VERIFIER),
        resubmitted('verification', '2026-03-02T08:00:00.000Z', '2026-03-04T08:00:00.000Z'),
      ];
      spec
        .given(history)
        .when(approve(asVerifier()))
        .thenEvents(([event]) => expect(event.type).toBe('PromotionStageApproved'));
    });

    test('SOD_VIOLATION outranks a claim by another', () => {
      spec
        .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T04:00:00.000Z')])
        .when(approve(as(HR, ['verifier'], T_VERIFIED)))
        .thenThrows('SOD_VIOLATION');
    });
  });

  describe('claims', () => {
    test('a live claim by someone else is a CONFLICT', () => {
      spec
        .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T03:00:00.000Z')])
        .when(approve(asVerifier('2026-03-03T02:59:59.999Z')))
        .thenThrows({ code: 'CONFLICT', reason: 'PROMOTION.CLAIMED_BY_OTHER', message: new RegExp(VERIFIER_2) });
    });

    test('an expired claim by someone else does not block', () => {
      spec
        .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T02:00:00.000Z')])
        .when(approve(asVerifier('2026-03-03T02:00:00.000Z')))
        .thenEvents(([event]) => expect(event.type).toBe('PromotionStageApproved'));
    });

    test('the holder decides, and the claim ends with the stage', () => {
      spec
        .given([proposed, claimed(VERIFIER, 'verification', '2026-03-03T03:00:00.000Z')])
        .when(approve(asVerifier()))
        .thenState((state) => expect((state as PromotionCase).claim).toBeNull());
    });

    test('a claim by another outranks a stale version', () => {
      spec
        .given([proposed, claimed(VERIFIER_2, 'verification', '2026-03-03T03:00:00.000Z')])
        .when(approve(asVerifier(), { expectedVersion: 1 }))
        .thenThrows('CONFLICT');
    });
  });

  describe('expectedVersion', () => {
    test('a stale version is a CONCURRENCY_CONFLICT', () => {
      spec
        .given([proposed, verified])
        .when(approve(asCommittee(), { expectedVersion: 1 }))
        .thenThrows('CONCURRENCY_CONFLICT', 'PROMOTION.STALE_VERSION');
    });

    test('the current version passes', () => {
      spec
        .given([proposed, verified])
        .when(approve(asCommittee(), { expectedVersion: 2 }))
        .then([committeeApproved]);
    });

    test('claims and breaches advance the version', () => {
      const breach: PromotionSlaBreached = {
        type: 'PromotionSlaBreached',
        data: { caseId: CASE, stage: 'verification', visit: 1, dueAt: VERIFICATION_DUE, heldBy: null },
      };
      const history = [proposed, claimed(VERIFIER, 'verification', '2026-03-04T05:00:00.000Z'), breach];
      const late = '2026-03-04T04:00:00.000Z';
      spec
        .given(history)
        .when(approve(asVerifier(late), { expectedVersion: 2 }))
        .thenThrows('CONCURRENCY_CONFLICT');
      spec
        .given(history)
        .when(approve(asVerifier(late), { expectedVersion: 3 }))
        .thenEvents((events) => expect(events).toHaveLength(1));
    });
  });
});

// =============================================================================================
