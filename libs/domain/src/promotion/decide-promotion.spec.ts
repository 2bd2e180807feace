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
  T_COMMITTEE,
  T_FINAL,
  APPROVAL_DUE_NO_COMMITTEE,
  T_APPROVED,
  BKN,
  BKN_DUE,
  T_PERTEK,
  DECREE_DUE,
  T_DECREE,
  PERTEK,
  approvedAt,
  atBkn,
  atDecree,
  berkasOk,
  givePertek,
  issueDecree,
  ppkApproved,
  pertekGiven,
  reviewedOk,
  uploaded,
  verifiedToApproval,
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

/** The five-stage pipeline (a case the committee weighs), its berkas uploaded and found OK. */
const ready: PromotionEvent[] = [proposed, uploaded(), reviewedOk()];

describe('DecidePromotion', () => {
  describe('approvals move the case through the national pipeline', () => {
    test('APPROVE at verification moves to committee with a new deadline', () => {
      spec.given(ready).when(approve(asVerifier())).then([verified]);
    });

    test('APPROVE at committee moves to approval', () => {
      spec
        .given([...ready, verified])
        .when(approve(asCommittee()))
        .then([committeeApproved]);
    });

    test('APPROVE at approval sends the file to BKN', () => {
      spec
        .given([...ready, verified, committeeApproved])
        .when(approve(asPpk()))
        .then([approvedAt('approval', 'bkn', PPK, T_FINAL, '2026-03-11T01:00:00.000Z')]);
    });

    test('without a committee, verification moves straight to approval', () => {
      spec.given(berkasOk).when(approve(asVerifier())).then([verifiedToApproval]);
    });

    test('the decree at the end of the pipeline approves the promotion', () => {
      spec.given(atDecree).when(issueDecree()).then([approved]);
    });

    test('an approval may carry a reason', () => {
      spec
        .given(ready)
        .when(approve(asVerifier(), { reason: 'File complete' }))
        .thenEvents(([event]) => {
          expect((event as PromotionStageApproved).data.reason).toBe('File complete');
        });
    });

    test('the state after the decree is closed, with every visit, decider, the pertek and the decree', () => {
      const state = stateAfter([...atDecree, approved]);
      expect(state).toMatchObject({ status: 'APPROVED', stage: null, version: 7, pertek: PERTEK, decree: approved.data.decree });
      expect(state.deciders).toEqual({ verification: VERIFIER, approval: PPK, bkn: BKN, decree: PPK });
      const visit = (stage: string, enteredAt: string, dueAt: string, leftAt: string | null, decidedBy: string) => ({
        stage,
        visit: 1,
        enteredAt,
        dueAt,
        leftAt,
        decidedBy,
        onBehalfOf: null,
        decision: 'APPROVE',
        breached: false,
      });
      expect(state.visits).toEqual([
        visit('verification', PROPOSED_AT, VERIFICATION_DUE, T_VERIFIED, VERIFIER),
        visit('approval', T_VERIFIED, APPROVAL_DUE_NO_COMMITTEE, T_APPROVED, PPK),
        visit('bkn', T_APPROVED, BKN_DUE, T_PERTEK, BKN),
        // A bare closing event has no occurredAt: the decree visit's end is unknown until replayed from the store.
        visit('decree', T_PERTEK, DECREE_DUE, null, PPK),
      ]);
    });

    test('leftAt of a closing event comes from its metadata when replayed from the store', () => {
      const withMeta = { ...approved, metadata: { occurredAt: T_DECREE } };
      const state = [...atDecree, withMeta].reduce<PromotionState>(
        (s, e) => promotionDecider.evolve(s, e),
        promotionDecider.initialState(),
      ) as PromotionCase;
      expect(state.visits.at(-1)?.leftAt).toBe(T_DECREE);
    });

    test("the next deadline uses the case's stored calendar", () => {
      const withHoliday: PromotionProposed = { ...proposed, data: { ...proposed.data, holidays: ['2026-03-04'] } };
      spec
        .given([withHoliday, uploaded(), reviewedOk()])
        .when(approve(asVerifier()))
        .thenEvents(([event]) => {
          // Tue 09:00 WIB + 5 working days skipping Wednesday's holiday → Wednesday 11 March.
          expect((event as PromotionStageApproved).data.dueAt).toBe('2026-03-11T02:00:00.000Z');
        });
    });
  });

  test('RETURN sends the case back to the proposer; the stage stays', () => {
    spec
      .given([...ready, verified])
      .when(decideCmd('RETURN', asCommittee(), { reason: 'Attach the 2025 SKP' }))
      .then([returnedAt('committee', COMMITTEE)]);
    const state = stateAfter([...ready, verified, returnedAt('committee', COMMITTEE)]);
    expect(state).toMatchObject({ status: 'RETURNED', stage: 'committee', deciders: { verification: VERIFIER, committee: COMMITTEE } });
    expect(state.visits[1]).toMatchObject({ decision: 'RETURN', decidedBy: COMMITTEE });
  });

  test('REJECT closes the case', () => {
    spec
      .given(ready)
      .when(decideCmd('REJECT', asVerifier(), { reason: 'Forged certificate' }))
      .then([rejected]);
    expect(stateAfter([...ready, rejected])).toMatchObject({ status: 'REJECTED', stage: null });
  });

  describe('body shape (400) comes first', () => {
    test.each(['RETURN', 'REJECT'] as const)('%s without a reason is VALIDATION_FAILED', (decision) => {
      spec.given(ready).when(decideCmd(decision, asVerifier())).thenThrows('VALIDATION_FAILED', 'PROMOTION.REASON_REQUIRED');
      spec
        .given(ready)
        .when(decideCmd(decision, asVerifier(), { reason: '  ' }))
        .thenThrows('VALIDATION_FAILED', 'PROMOTION.REASON_REQUIRED');
    });

    test('a missing reason is reported even on a closed case', () => {
      spec
        .given([...ready, rejected])
        .when(decideCmd('REJECT', asVerifier()))
        .thenThrows('VALIDATION_FAILED');
    });

    test('an unknown decision or a bad expectedVersion is VALIDATION_FAILED', () => {
      spec
        .given(ready)
        .when(decideCmd('MAYBE' as never, asVerifier()))
        .thenThrows('VALIDATION_FAILED');
      spec
        .given(ready)
        .when(approve(asVerifier(), { expectedVersion: -1 }))
        .thenThrows('VALIDATION_FAILED');
    });
  });

  test('an unknown case is NOT_FOUND', () => {
    spec.when(approve(asVerifier(), { caseId: 'nope' })).thenThrows({ code: 'NOT_FOUND', reason: 'PROMOTION.NOT_FOUND', message: /nope/ });
  });

  test("another agency's case is NOT_FOUND", () => {
    spec
      .given(ready)
      .when(approve(as(VERIFIER, ['verifier'], T_VERIFIED, 'pemkot-semarang')))
      .thenThrows('NOT_FOUND');
  });

  describe('closed or not decidable: CONFLICT', () => {
    test.each([
      ['approved', [...ready, verified, committeeApproved, ppkApproved, pertekGiven, approved]],
      ['rejected', [...ready, rejected]],
      ['withdrawn', [...ready, withdrawn]],
    ] as [string, PromotionEvent[]][])('a %s case', (_label, history) => {
      spec.given(history).when(approve(asPpk())).thenThrows('CONFLICT', 'PROMOTION.CLOSED');
    });

    test('a returned case waits on the proposer', () => {
      spec
        .given([...ready, returnedAt('verification', VERIFIER)])
        .when(approve(asVerifier()))
        .thenThrows('CONFLICT', 'PROMOTION.NOT_AT_STAGE');
    });

    test('CONFLICT for a closed case outranks FORBIDDEN', () => {
      spec
        .given([...ready, rejected])
        .when(approve(as(VERIFIER, ['employee'], T_VERIFIED)))
        .thenThrows('CONFLICT');
    });
  });

  describe("the current stage's role: FORBIDDEN", () => {
    test('a committee member cannot decide verification (wrong stage)', () => {
      spec
        .given(ready)
        .when(approve(as(COMMITTEE, ['committee'], T_VERIFIED)))
        .thenThrows('FORBIDDEN', 'PROMOTION.ROLE_REQUIRED');
    });

    test('a verifier cannot decide after the case moved on to committee (the race loser re-reads)', () => {
      spec
        .given([...ready, verified])
        .when(approve(as(VERIFIER_2, ['verifier'], T_COMMITTEE)))
        .thenThrows('FORBIDDEN');
    });

    test('FORBIDDEN outranks SOD_VIOLATION', () => {
      spec
        .given(ready)
        .when(approve(as(HR, ['hr'], T_VERIFIED)))
        .thenThrows('FORBIDDEN');
    });
  });

  describe('separation of duties: SOD_VIOLATION', () => {
    test('the candidate may not decide their own case', () => {
      spec
        .given(ready)
        .when(approve(as(CANDIDATE, ['verifier'], T_VERIFIED)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_CANDIDATE');
    });

    test('the proposer may not decide the case', () => {
      spec
        .given(ready)
        .when(approve(as(HR, ['hr', 'verifier'], T_VERIFIED)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_PROPOSER');
    });

    test('nobody decides two stages of the same case', () => {
      spec
        .given([...ready, verified])
        .when(approve(as(VERIFIER, ['verifier', 'committee'], T_COMMITTEE)))
        .thenThrows({ code: 'SOD_VIOLATION', reason: 'PROMOTION.SOD_TWO_STAGES', message: /verification/ });
    });

    test('returning a stage counts as deciding it, even after someone else approved it later', () => {
      const history = [
        ...ready,
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
        ...ready,
        returnedAt('verification', VERIFIER),
        resubmitted('verification', '2026-03-02T08:00:00.000Z', '2026-03-04T08:00:00.000Z'),
      ];
      spec
        .given(history)
        .when(approve(asVerifier()))
        .thenEvents(([event]) => expect(event.type).toBe('PromotionStageApproved'));
    });

    test('nobody decides two of verification, committee and approval', () => {
      const atApprovalWithCommittee = [...ready, verified, committeeApproved];
      spec
        .given(atApprovalWithCommittee)
        .when(approve(as(VERIFIER, ['ppk'], T_FINAL)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
      spec
        .given(atApprovalWithCommittee)
        .when(approve(as(COMMITTEE, ['ppk'], T_FINAL)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
    });

    test('nobody who decided verification or committee decides bkn or the decree', () => {
      spec
        .given(atBkn)
        .when(givePertek(as(VERIFIER, ['bkn'], T_PERTEK)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
      spec
        .given(atDecree)
        .when(issueDecree(as(VERIFIER, ['ppk'], T_DECREE)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
      const committeeAtBkn = [
        ...ready,
        verified,
        committeeApproved,
        approvedAt('approval', 'bkn', PPK, T_FINAL, '2026-03-11T01:00:00.000Z'),
      ];
      spec
        .given(committeeAtBkn)
        .when(givePertek(as(COMMITTEE, ['bkn'], '2026-03-10T01:00:00.000Z'), { pertekDate: '2026-03-10' }))
        .thenThrows('SOD_VIOLATION');
    });

    test('the PPK who approved the proposal signs its decree: that pair is allowed', () => {
      expect(stateAfter(atDecree).deciders.approval).toBe(PPK);
      spec
        .given(atDecree)
        .when(issueDecree(asPpk(T_DECREE)))
        .thenEvents(([event]) => expect(event.type).toBe('PromotionApproved'));
    });

    test('the PPK who approved may not also give the pertek', () => {
      spec
        .given(atBkn)
        .when(givePertek(as(PPK, ['ppk', 'bkn'], T_PERTEK)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
    });

    test('SOD_VIOLATION outranks a claim by another', () => {
      spec
        .given([...ready, claimed(VERIFIER_2, 'verification', '2026-03-03T04:00:00.000Z')])
        .when(approve(as(HR, ['verifier'], T_VERIFIED)))
        .thenThrows('SOD_VIOLATION');
    });
  });

  describe('claims', () => {
    test('a live claim by someone else is a CONFLICT', () => {
      spec
        .given([...ready, claimed(VERIFIER_2, 'verification', '2026-03-03T03:00:00.000Z')])
        .when(approve(asVerifier('2026-03-03T02:59:59.999Z')))
        .thenThrows({ code: 'CONFLICT', reason: 'PROMOTION.CLAIMED_BY_OTHER', message: new RegExp(VERIFIER_2) });
    });

    test('an expired claim by someone else does not block', () => {
      spec
        .given([...ready, claimed(VERIFIER_2, 'verification', '2026-03-03T02:00:00.000Z')])
        .when(approve(asVerifier('2026-03-03T02:00:00.000Z')))
        .thenEvents(([event]) => expect(event.type).toBe('PromotionStageApproved'));
    });

    test('the holder decides, and the claim ends with the stage', () => {
      spec
        .given([...ready, claimed(VERIFIER, 'verification', '2026-03-03T03:00:00.000Z')])
        .when(approve(asVerifier()))
        .thenState((state) => expect((state as PromotionCase).claim).toBeNull());
    });

    test('a claim by another outranks a stale version', () => {
      spec
        .given([...ready, claimed(VERIFIER_2, 'verification', '2026-03-03T03:00:00.000Z')])
        .when(approve(asVerifier(), { expectedVersion: 3 }))
        .thenThrows('CONFLICT');
    });
  });

  describe('expectedVersion', () => {
    test('a stale version is a CONCURRENCY_CONFLICT', () => {
      spec
        .given([...ready, verified])
        .when(approve(asCommittee(), { expectedVersion: 3 }))
        .thenThrows('CONCURRENCY_CONFLICT', 'PROMOTION.STALE_VERSION');
    });

    test('the current version passes', () => {
      spec
        .given([...ready, verified])
        .when(approve(asCommittee(), { expectedVersion: 4 }))
        .then([committeeApproved]);
    });

    test('claims and breaches advance the version', () => {
      const breach: PromotionSlaBreached = {
        type: 'PromotionSlaBreached',
        data: { caseId: CASE, stage: 'verification', visit: 1, dueAt: VERIFICATION_DUE, heldBy: null },
      };
      const history = [...ready, claimed(VERIFIER, 'verification', '2026-03-04T05:00:00.000Z'), breach];
      const late = '2026-03-04T04:00:00.000Z';
      spec
        .given(history)
        .when(approve(asVerifier(late), { expectedVersion: 4 }))
        .thenThrows('CONCURRENCY_CONFLICT');
      spec
        .given(history)
        .when(approve(asVerifier(late), { expectedVersion: 5 }))
        .thenEvents((events) => expect(events).toHaveLength(1));
    });
  });
});
