import { describe, expect, test } from '@jest/globals';
import { canDecide } from './promotion.decider.js';
import { AGENCY, CANDIDATE, HR, VERIFIER, COMMITTEE, proposed, verified, rejected, stateAfter } from '../testing/promotion.fixtures.js';

describe('canDecide (approver queues)', () => {
  const state = stateAfter([proposed, verified]);
  test('holders of the stage role, minus separation-of-duties breaches, in the same agency', () => {
    expect(canDecide(state, { actor: COMMITTEE, roles: ['committee'], agency: AGENCY })).toBe(true);
    expect(canDecide(state, { actor: COMMITTEE, roles: ['committee'], agency: 'pemkot-medan' })).toBe(false);
    expect(canDecide(state, { actor: COMMITTEE, roles: ['verifier'], agency: AGENCY })).toBe(false);
    expect(canDecide(state, { actor: VERIFIER, roles: ['committee'], agency: AGENCY })).toBe(false);
    expect(canDecide(state, { actor: HR, roles: ['committee'], agency: AGENCY })).toBe(false);
    expect(canDecide(state, { actor: CANDIDATE, roles: ['committee'], agency: AGENCY })).toBe(false);
    expect(canDecide(stateAfter([proposed, rejected]), { actor: VERIFIER, roles: ['verifier'], agency: AGENCY })).toBe(false);
  });
});
