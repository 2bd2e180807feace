import { describe, expect, test } from '@jest/globals';
import type { PromotionSlaBreached, StageId } from '../events.js';
import type { MarkSlaBreached } from './promotion.decider.js';
import {
  VERIFIER,
  CASE,
  VERIFICATION_DUE,
  COMMITTEE_DUE,
  spec,
  proposed,
  verified,
  committeeApproved,
  returnedAt,
  resubmitted,
  claimed,
  tick,
  approved,
  rejected,
  withdrawn,
  stateAfter,
} from '../testing/promotion.fixtures.js';

describe('MarkSlaBreached', () => {
  const breachOf = (stage: StageId, visit: number, dueAt: string, heldBy: string | null = null): PromotionSlaBreached => ({
    type: 'PromotionSlaBreached',
    data: { caseId: CASE, stage, visit, dueAt, heldBy },
  });

  test('nothing before or exactly at the deadline', () => {
    spec.given([proposed]).when(tick('2026-03-04T02:59:59.999Z')).thenNothing();
    spec.given([proposed]).when(tick(VERIFICATION_DUE)).thenNothing();
  });

  test('once past the deadline, a breach of the current visit', () => {
    spec
      .given([proposed])
      .when(tick('2026-03-04T03:00:00.001Z'))
      .then([breachOf('verification', 1, VERIFICATION_DUE)]);
  });

  test('the breach names who held the file', () => {
    spec
      .given([proposed, claimed(VERIFIER, 'verification', '2026-03-04T04:00:00.000Z')])
      .when(tick('2026-03-04T03:30:00.000Z'))
      .then([breachOf('verification', 1, VERIFICATION_DUE, VERIFIER)]);
  });

  test('exactly once per visit', () => {
    spec
      .given([proposed, breachOf('verification', 1, VERIFICATION_DUE)])
      .when(tick('2026-03-05T00:00:00.000Z'))
      .thenNothing();
    const state = stateAfter([proposed, breachOf('verification', 1, VERIFICATION_DUE)]);
    expect(state.visits[0].breached).toBe(true);
    expect(state.version).toBe(2);
  });

  test('a new stage visit can breach again: after moving on, and after a resubmission', () => {
    const late = '2026-03-11T00:00:00.000Z';
    spec
      .given([proposed, breachOf('verification', 1, VERIFICATION_DUE), verified])
      .when(tick(late))
      .then([breachOf('committee', 1, COMMITTEE_DUE)]);

    const history = [
      proposed,
      breachOf('verification', 1, VERIFICATION_DUE),
      returnedAt('verification', VERIFIER),
      resubmitted('verification', '2026-03-05T03:00:00.000Z', '2026-03-09T03:00:00.000Z'),
    ];
    spec
      .given(history)
      .when(tick('2026-03-09T03:00:01.000Z'))
      .then([breachOf('verification', 2, '2026-03-09T03:00:00.000Z')]);
    spec
      .given([...history, breachOf('verification', 2, '2026-03-09T03:00:00.000Z')])
      .when(tick('2026-03-10T00:00:00.000Z'))
      .thenNothing();
  });

  test('the SLA clock needs only now in its metadata, and a valid one', () => {
    const bare = (now: string): MarkSlaBreached => ({
      type: 'MarkSlaBreached',
      data: {},
      metadata: { actor: '', roles: [], agency: '', now },
    });
    spec
      .given([proposed])
      .when(bare('2026-03-04T03:00:00.001Z'))
      .then([breachOf('verification', 1, VERIFICATION_DUE)]);
    spec.given([proposed]).when(bare('soon')).thenThrows('VALIDATION_FAILED');
  });

  test('nothing for a returned, closed or unknown case', () => {
    const late = '2026-04-01T00:00:00.000Z';
    spec
      .given([proposed, returnedAt('verification', VERIFIER)])
      .when(tick(late))
      .thenNothing();
    spec.given([proposed, rejected]).when(tick(late)).thenNothing();
    spec.given([proposed, withdrawn]).when(tick(late)).thenNothing();
    spec.given([proposed, verified, committeeApproved, approved]).when(tick(late)).thenNothing();
    spec.given([]).when(tick(late)).thenNothing();
  });
});

// =============================================================================================
