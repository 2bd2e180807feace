import { describe, expect, test } from '@jest/globals';
import type { PromotionEvent, PromotionReturned } from '../events.js';
import { canDecide, type DecidePromotion } from './promotion.decider.js';
import {
  ACTING,
  AGENCY,
  as,
  atApproval,
  CANDIDATE,
  CASE,
  claimCmd,
  decideCmd,
  delegation,
  DOCUMENT,
  HR,
  PPK,
  propose,
  PROPOSED_AT,
  reviewedOk,
  spec,
  stateAfter,
  T_APPROVED,
  T_VERIFIED,
  uploaded,
  VERIFIER,
  VERIFIER_2,
  verifiedToApproval,
  withoutCommittee,
} from '../testing/promotion.fixtures.js';
import type { ActiveDelegation } from '../delegation/delegation.js';

const withFile: PromotionEvent[] = [withoutCommittee, uploaded()];
const asActing = (now = T_VERIFIED) => as(ACTING, ['employee'], now);
const acting = (command: DecidePromotion, ...delegations: ActiveDelegation[]): DecidePromotion => ({
  ...command,
  context: { delegations },
});
const approveVerification = (...delegations: ActiveDelegation[]) =>
  acting(decideCmd('APPROVE', asActing(), { documents: [{ documentId: DOCUMENT, verdict: 'OK' }] }), ...delegations);

describe('acting officials (Plt/Plh) decide in the delegator’s capacity', () => {
  test('a delegate with a verifier delegation decides verification; both events carry onBehalfOf', () => {
    spec
      .given(withFile)
      .when(approveVerification(delegation('verifier', VERIFIER_2)))
      .then([
        { ...reviewedOk(DOCUMENT, ACTING), data: { ...reviewedOk(DOCUMENT, ACTING).data, onBehalfOf: VERIFIER_2 } },
        { ...verifiedToApproval, data: { ...verifiedToApproval.data, decidedBy: ACTING, onBehalfOf: VERIFIER_2 } },
      ]);
  });

  test('the visit records who decided and on whose behalf', () => {
    spec
      .given(withFile)
      .when(approveVerification(delegation('verifier', VERIFIER_2)))
      .thenState((state) => {
        if (!state.exists) throw new Error('no case');
        expect(state.visits[0]).toMatchObject({ stage: 'verification', decidedBy: ACTING, onBehalfOf: VERIFIER_2, decision: 'APPROVE' });
        expect(state.visits[1]).toMatchObject({ stage: 'approval', decidedBy: null, onBehalfOf: null });
      });
  });

  test('a return by a delegate carries onBehalfOf, and so does its visit', () => {
    spec
      .given(withFile)
      .when(acting(decideCmd('RETURN', asActing(), { reason: 'Illegible' }), delegation('verifier', VERIFIER_2)))
      .thenEvents((events) => {
        expect((events[0] as PromotionReturned).data).toMatchObject({ decidedBy: ACTING, onBehalfOf: VERIFIER_2 });
        expect(stateAfter([...withFile, ...events]).visits[0]).toMatchObject({
          decision: 'RETURN',
          decidedBy: ACTING,
          onBehalfOf: VERIFIER_2,
        });
      });
  });

  test('a delegate of the PPK approves sending the file to BKN', () => {
    spec
      .given([withoutCommittee, uploaded(), reviewedOk(), verifiedToApproval])
      .when(acting(decideCmd('APPROVE', asActing(T_APPROVED)), delegation('ppk', PPK)))
      .thenEvents(([event]) =>
        expect(event).toMatchObject({ type: 'PromotionStageApproved', data: { stage: 'approval', decidedBy: ACTING, onBehalfOf: PPK } }),
      );
  });

  test('a delegate claims the case in the delegator’s capacity', () => {
    spec
      .given(withFile)
      .when({ ...claimCmd(asActing()), context: { delegations: [delegation('verifier', VERIFIER_2)] } })
      .thenEvents(([event]) =>
        expect(event).toMatchObject({ type: 'PromotionClaimed', data: { caseId: CASE, claimedBy: ACTING, onBehalfOf: VERIFIER_2 } }),
      );
  });

  describe('a delegation that does not run today does not count: FORBIDDEN', () => {
    test.each<[string, Partial<ActiveDelegation>]>([
      ['not yet started', { from: '2026-03-04' }],
      ['already ended', { until: '2026-03-02' }],
      ['revoked', { revoked: true }],
    ])('%s', (_label, overrides) => {
      spec
        .given(withFile)
        .when(approveVerification(delegation('verifier', VERIFIER_2, overrides)))
        .thenThrows('FORBIDDEN', 'PROMOTION.ROLE_REQUIRED');
    });

    test('a delegation of another role', () => {
      spec
        .given(withFile)
        .when(approveVerification(delegation('committee', VERIFIER_2)))
        .thenThrows('FORBIDDEN');
    });

    test('its first and last days count (agency zone)', () => {
      spec
        .given(withFile)
        .when(approveVerification(delegation('verifier', VERIFIER_2, { from: '2026-03-03', until: '2026-03-03' })))
        .thenEvents((events) => expect(events).toHaveLength(2));
    });
  });

  describe('separation of duties applies to the delegator too', () => {
    test('a delegate acting for the case’s proposer is refused', () => {
      spec
        .given(withFile)
        .when(approveVerification(delegation('verifier', HR)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_PROPOSER');
    });

    test('a delegate acting for the candidate is refused', () => {
      spec
        .given(withFile)
        .when(approveVerification(delegation('verifier', CANDIDATE)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_CANDIDATE');
    });

    test('a delegate acting for someone who decided an earlier stage is refused', () => {
      spec
        .given(atApproval)
        .when(acting(decideCmd('APPROVE', asActing(T_APPROVED)), delegation('ppk', VERIFIER)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
    });

    test('the delegate who decided verification may not then approve as the PPK’s Plt', () => {
      const actingVerified = [
        ...withFile,
        { ...reviewedOk(DOCUMENT, ACTING), data: { ...reviewedOk(DOCUMENT, ACTING).data, onBehalfOf: VERIFIER_2 } },
        { ...verifiedToApproval, data: { ...verifiedToApproval.data, decidedBy: ACTING, onBehalfOf: VERIFIER_2 } },
      ];
      spec
        .given(actingVerified)
        .when(acting(decideCmd('APPROVE', asActing(T_APPROVED)), delegation('ppk', PPK)))
        .thenThrows('SOD_VIOLATION');
    });

    test('nor may the delegator on whose behalf verification was decided approve it themself', () => {
      const actingVerified = [
        ...withFile,
        { ...reviewedOk(DOCUMENT, ACTING), data: { ...reviewedOk(DOCUMENT, ACTING).data, onBehalfOf: VERIFIER_2 } },
        { ...verifiedToApproval, data: { ...verifiedToApproval.data, decidedBy: ACTING, onBehalfOf: VERIFIER_2 } },
      ];
      spec
        .given(actingVerified)
        .when(decideCmd('APPROVE', as(VERIFIER_2, ['ppk'], T_APPROVED)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
    });
  });

  test('canDecide reads delegations on the given local date', () => {
    const state = stateAfter(withFile);
    const who = { actor: ACTING, roles: ['employee' as const], agency: AGENCY };
    expect(canDecide(state, who, [delegation('verifier', VERIFIER_2)], '2026-03-03')).toBe(true);
    expect(canDecide(state, who, [delegation('verifier', VERIFIER_2)], '2026-04-01')).toBe(false);
    expect(canDecide(state, who, [delegation('verifier', HR)], '2026-03-03')).toBe(false);
    expect(canDecide(state, who, [], '2026-03-03')).toBe(false);
  });
});

describe('an acting hr official proposes in the delegator’s office', () => {
  const actingHr = as(ACTING, ['employee'], PROPOSED_AT);

  test('the proposal records whom they acted for, and the delegator counts as proposer for separation of duties', () => {
    const events = spec.when(propose({}, { delegations: [delegation('hr', HR)] }, actingHr)).thenEvents(([event]) => {
      expect(event).toMatchObject({ type: 'PromotionProposed', data: { proposer: ACTING, onBehalfOf: HR } });
    });
    const state = stateAfter(events as PromotionEvent[]);
    expect(state.proposerOnBehalfOf).toBe(HR);
    expect(
      canDecide(stateAfter([...(events as PromotionEvent[]), uploaded(), reviewedOk()]), {
        actor: HR,
        roles: ['verifier'],
        agency: AGENCY,
      }),
    ).toBe(false);
  });

  test('nobody proposes their own promotion through a delegation either: SOD_VIOLATION', () => {
    spec
      .when(propose({}, { delegations: [delegation('hr', CANDIDATE)] }, actingHr))
      .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_SELF_PROPOSAL');
  });

  test('without hr, by token or by a delegation in force, a proposal is FORBIDDEN', () => {
    spec.when(propose({}, {}, actingHr)).thenThrows('FORBIDDEN', 'PROMOTION.HR_ONLY');
    spec
      .when(propose({}, { delegations: [delegation('hr', HR, { revoked: true })] }, actingHr))
      .thenThrows('FORBIDDEN', 'PROMOTION.HR_ONLY');
  });
});
