import { describe, expect, test } from '@jest/globals';
import type { PromotionEvent } from '../events.js';
import type { PromotionCase } from './promotion.decider.js';
import {
  HR,
  VERIFIER,
  VERIFIER_2,
  COMMITTEE,
  T_VERIFIED,
  as,
  spec,
  proposed,
  verified,
  resubmitted,
  approve,
  resubmitCmd,
  asCommittee,
  rejected,
  returnedAt,
  asVerifier,
  atApproval,
  atBkn,
  BKN,
  PPK,
  stateAfter,
  uploaded,
} from '../testing/promotion.fixtures.js';

describe('ResubmitPromotion', () => {
  const T_RETURNED = '2026-03-06T03:00:00.000Z'; // Friday 10:00 WIB
  const T_RESUBMIT = '2026-03-09T01:00:00.000Z'; // Monday 08:00 WIB
  const history = [proposed, verified, { ...returnedAt('committee', COMMITTEE), metadata: { occurredAt: T_RETURNED } }] as PromotionEvent[];

  test('re-enters the stage that returned it with a new deadline', () => {
    spec
      .given(history)
      .when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT)))
      .then([resubmitted('committee', T_RESUBMIT, '2026-03-16T01:00:00.000Z')]);
  });

  test('opens a new visit of that stage', () => {
    spec
      .given(history)
      .when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT)))
      .thenState((state) => {
        const c = state as PromotionCase;
        expect(c.status).toBe('IN_PROGRESS');
        expect(c.stage).toBe('committee');
        expect(c.version).toBe(4);
        expect(c.visits.map((v) => [v.stage, v.visit, v.decision, v.leftAt])).toEqual([
          ['verification', 1, 'APPROVE', T_VERIFIED],
          ['committee', 1, 'RETURN', T_RETURNED],
          ['committee', 2, null, null],
        ]);
        expect(c.visits[2]).toMatchObject({ enteredAt: T_RESUBMIT, dueAt: '2026-03-16T01:00:00.000Z', breached: false });
      });
  });

  test('the returning stage decides it again after resubmission', () => {
    spec
      .given([...history, resubmitted('committee', T_RESUBMIT, '2026-03-16T01:00:00.000Z')])
      .when(approve(asCommittee('2026-03-10T01:00:00.000Z')))
      .thenEvents(([event]) =>
        expect(event).toMatchObject({ type: 'PromotionStageApproved', data: { stage: 'committee', nextStage: 'approval' } }),
      );
  });

  test('only the proposer may resubmit: FORBIDDEN', () => {
    spec
      .given(history)
      .when(resubmitCmd(as(VERIFIER_2, ['hr'], T_RESUBMIT)))
      .thenThrows('FORBIDDEN', 'PROMOTION.PROPOSER_ONLY');
  });

  test('a case in progress cannot be resubmitted: CONFLICT', () => {
    spec
      .given([proposed])
      .when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT)))
      .thenThrows('CONFLICT', 'PROMOTION.NOT_RETURNED');
  });

  test('a closed case cannot be resubmitted: CONFLICT, before FORBIDDEN', () => {
    spec
      .given([proposed, rejected])
      .when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT)))
      .thenThrows('CONFLICT', 'PROMOTION.CLOSED');
    spec
      .given([proposed, rejected])
      .when(resubmitCmd(as(VERIFIER, ['hr'], T_RESUBMIT)))
      .thenThrows('CONFLICT');
  });

  test('an unknown case is NOT_FOUND', () => {
    spec.when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT))).thenThrows('NOT_FOUND');
  });

  test('a stale expectedVersion is a CONCURRENCY_CONFLICT', () => {
    spec
      .given(history)
      .when(resubmitCmd(as(HR, ['hr'], T_RESUBMIT), { expectedVersion: 2 }))
      .thenThrows('CONCURRENCY_CONFLICT');
  });
});

describe('ResubmitPromotion after a return from a later stage', () => {
  const T_RESUBMIT = '2026-03-10T02:00:00.000Z'; // Tuesday 09:00 WIB
  const asProposer = as(HR, ['hr'], T_RESUBMIT);
  const newFile = uploaded('doc-sk-iii-b-2', 'b'.repeat(64));
  const returnedByBkn = [...atBkn, returnedAt('bkn', BKN)];
  const returnedByPpk = [...atApproval, returnedAt('approval', PPK)];

  test('an unchanged berkas goes back to the stage that returned it: BKN', () => {
    spec
      .given(returnedByBkn)
      .when(resubmitCmd(asProposer))
      .then([resubmitted('bkn', T_RESUBMIT, '2026-03-12T02:00:00.000Z')]); // bkn: 2 working days
  });

  test('an unchanged berkas goes back to approval when the PPK returned it', () => {
    spec
      .given(returnedByPpk)
      .when(resubmitCmd(asProposer))
      .then([resubmitted('approval', T_RESUBMIT, '2026-03-13T02:00:00.000Z')]); // approval: 3 working days
  });

  test('a berkas changed after BKN returned it goes back through verification, with its SLA', () => {
    expect(stateAfter([...returnedByBkn, newFile]).berkasChanged).toBe(true);
    spec
      .given([...returnedByBkn, newFile])
      .when(resubmitCmd(asProposer))
      .then([resubmitted('verification', T_RESUBMIT, '2026-03-12T02:00:00.000Z')]);
  });

  test('a berkas changed after the PPK returned it goes back through verification too', () => {
    spec
      .given([...returnedByPpk, newFile])
      .when(resubmitCmd(asProposer))
      .thenEvents(([event]) => expect(event).toMatchObject({ type: 'PromotionResubmitted', data: { stage: 'verification' } }));
  });

  test('back at verification, the new file needs its verdict, and the same verifier may decide again', () => {
    const history = [...returnedByBkn, newFile, resubmitted('verification', T_RESUBMIT, '2026-03-12T02:00:00.000Z')];
    const later = '2026-03-10T05:00:00.000Z';
    spec
      .given(history)
      .when(approve(asVerifier(later)))
      .thenThrows('BERKAS_INCOMPLETE');
    spec
      .given(history)
      .when(approve(asVerifier(later), { documents: [{ documentId: 'doc-sk-iii-b-2', verdict: 'OK' }] }))
      .thenEvents((events) =>
        expect(events[1]).toMatchObject({ type: 'PromotionStageApproved', data: { stage: 'verification', nextStage: 'approval' } }),
      );
  });

  test('the resubmission clears the return and the change flag', () => {
    const state = stateAfter([...returnedByBkn, newFile, resubmitted('verification', T_RESUBMIT, '2026-03-12T02:00:00.000Z')]);
    expect(state).toMatchObject({ status: 'IN_PROGRESS', stage: 'verification', lastReturn: null, berkasChanged: false });
    expect(state.visits.map((v) => [v.stage, v.visit])).toEqual([
      ['verification', 1],
      ['approval', 1],
      ['bkn', 1],
      ['verification', 2],
    ]);
  });
});
