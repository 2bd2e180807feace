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
