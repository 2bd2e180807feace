import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { instantMillis, localDate, toInstant } from '../dates.js';
import type { ActiveDelegation } from '../delegation/delegation.js';
import { isDomainError } from '../errors.js';
import type { PromotionEvent, Role, StageId } from '../events.js';
import { berkasStatus } from './berkas.js';
import {
  canDecide,
  DECISION_PAIRS_ALLOWED,
  promotionDecider,
  sodBreach,
  type PromotionCommand,
  type PromotionState,
} from './promotion.decider.js';
import {
  ACTING,
  AGENCY,
  as,
  atDecree,
  candidate,
  BKN,
  CANDIDATE,
  COMMITTEE,
  delegation,
  HR,
  PPK,
  PROPOSED_AT,
  proposed,
  rejected,
  reviewedOk,
  stateAfter,
  uploaded,
  verified,
  VERIFIER,
  VERIFIER_2,
} from '../testing/promotion.fixtures.js';

describe('canDecide (approver queues)', () => {
  const state = stateAfter([proposed, uploaded(), reviewedOk(), verified]);

  test('holders of the stage role, minus separation-of-duties breaches, in the same agency', () => {
    expect(canDecide(state, { actor: COMMITTEE, roles: ['committee'], agency: AGENCY })).toBe(true);
    expect(canDecide(state, { actor: COMMITTEE, roles: ['committee'], agency: 'pemkot-medan' })).toBe(false);
    expect(canDecide(state, { actor: COMMITTEE, roles: ['verifier'], agency: AGENCY })).toBe(false);
    expect(canDecide(state, { actor: VERIFIER, roles: ['committee'], agency: AGENCY })).toBe(false);
    expect(canDecide(state, { actor: HR, roles: ['committee'], agency: AGENCY })).toBe(false);
    expect(canDecide(state, { actor: CANDIDATE, roles: ['committee'], agency: AGENCY })).toBe(false);
    expect(canDecide(stateAfter([proposed, rejected]), { actor: VERIFIER, roles: ['verifier'], agency: AGENCY })).toBe(false);
  });

  test('at the decree: the PPK who approved yes, a delegate of a PPK never', () => {
    const decree = stateAfter(atDecree);
    expect(canDecide(decree, { actor: PPK, roles: ['ppk'], agency: AGENCY })).toBe(true);
    expect(
      canDecide(decree, { actor: ACTING, roles: ['employee'], agency: AGENCY }, [delegation('ppk', '196805051992031002')], '2026-03-09'),
    ).toBe(false);
    expect(canDecide(decree, { actor: VERIFIER, roles: ['ppk'], agency: AGENCY })).toBe(false);
  });
});

describe('sodBreach', () => {
  test('names the rule broken, or null', () => {
    const state = stateAfter([proposed, uploaded(), reviewedOk(), verified]);
    expect(sodBreach(state, COMMITTEE)).toBeNull();
    expect(sodBreach(state, VERIFIER)?.reason).toBe('PROMOTION.SOD_TWO_STAGES');
    expect(sodBreach(state, ACTING, HR)?.reason).toBe('PROMOTION.SOD_PROPOSER');
    expect(sodBreach(state, ACTING, CANDIDATE)?.reason).toBe('PROMOTION.SOD_CANDIDATE');
    expect(sodBreach(state, ACTING, VERIFIER)?.reason).toBe('PROMOTION.SOD_TWO_STAGES');
  });

  test('the only pair of stages one person may decide is approval and decree', () => {
    expect(DECISION_PAIRS_ALLOWED).toEqual([['approval', 'decree']]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random histories: random actors with random roles and delegations issue
// random commands; whatever the decider accepts is the history.

const PPK_2 = '196805051992031002';
const PEOPLE = [VERIFIER, VERIFIER_2, COMMITTEE, PPK, PPK_2, BKN, HR, CANDIDATE, ACTING] as const;
const ROLES: Role[] = ['verifier', 'committee', 'ppk', 'bkn', 'hr'];
const DELEGATED: ActiveDelegation['role'][] = ['verifier', 'committee', 'ppk', 'bkn'];

const KINDS = ['decide', 'decide', 'decide', 'upload', 'resubmit', 'declare', 'claim'] as const;
const stepOf = (kinds: readonly (typeof KINDS)[number][]) =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    actor: fc.constantFrom(...PEOPLE),
    // Few roles each, so that delegations get used; delegators are mostly approvers, so that their capacity matters.
    roles: fc.subarray(ROLES, { maxLength: 2 }),
    delegation: fc.option(
      fc.record({ role: fc.constantFrom(...DELEGATED), onBehalfOf: fc.constantFrom(VERIFIER, VERIFIER_2, PPK, BKN, HR) }),
      { nil: null },
    ),
    decision: fc.constantFrom('APPROVE', 'APPROVE', 'APPROVE', 'APPROVE', 'APPROVE', 'RETURN', 'REJECT'),
    verdict: fc.constantFrom('OK', 'OK', 'DEFICIENT', null),
    minutes: fc.integer({ min: 1, max: 900 }),
  });
const step = stepOf(KINDS);
/** Decisions (and resubmissions after a return) only: histories that go deep into the pipeline. */
const decision = stepOf(['decide', 'decide', 'decide', 'resubmit']);
const history = fc.oneof(fc.array(step, { maxLength: 40 }), fc.array(decision, { minLength: 10, maxLength: 40 }));
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function commandFor(s: Step, state: PromotionState, now: string, n: number): PromotionCommand {
  const metadata = as(s.actor, s.roles, now);
  const delegations = s.delegation ? [delegation(s.delegation.role, s.delegation.onBehalfOf, { until: '2026-12-31' })] : [];
  const today = localDate(now, 'Asia/Jakarta');
  switch (s.kind) {
    case 'upload':
      return {
        type: 'UploadPromotionDocument',
        data: { ...uploaded(`doc-${n}`, n.toString(16).padStart(64, '0')).data },
        metadata: as(HR, ['hr'], now),
      };
    case 'resubmit':
      return { type: 'ResubmitPromotion', data: {}, metadata: as(HR, ['hr'], now) };
    case 'declare':
      return { type: 'DeclareConflict', data: { reason: 'Related to the candidate' }, metadata, context: { delegations } };
    case 'claim':
      return { type: 'ClaimPromotion', data: {}, metadata, context: { delegations } };
    default: {
      // Verdicts only where they are given (elsewhere they are a 400 that would stall the history).
      const current =
        state.exists && state.stage === 'verification' ? state.berkas.find((e) => e.type === 'LAST_GRADE_DECREE')?.current : null;
      return {
        type: 'DecidePromotion',
        data: {
          decision: s.decision as 'APPROVE' | 'RETURN' | 'REJECT',
          reason: s.decision === 'APPROVE' ? null : 'Reasons of the stage',
          ...(s.verdict && current ? { documents: [{ documentId: current.documentId, verdict: s.verdict as 'OK' | 'DEFICIENT' }] } : {}),
          pertekNumber: `PERTEK-${n}`,
          pertekDate: today,
          decreeNumber: `SK-${n}`,
          decreeDate: today,
        },
        metadata,
        // As the application passes it: the candidate's record, for the decree's sanction check.
        context: { delegations, employee: candidate },
      };
    }
  }
}

interface Accepted {
  command: PromotionCommand;
  events: PromotionEvent[];
}

/** The committee pipeline with its file uploaded and found OK: decisions can go all the way from the first step. */
const START: PromotionEvent[] = [proposed, uploaded(), reviewedOk()];

/** Runs the steps from a fresh proposal; returns what was accepted and the states after each acceptance. */
function run(steps: Step[]): { accepted: Accepted[]; states: PromotionState[] } {
  let state = stateAfter(START) as PromotionState;
  let t = instantMillis(PROPOSED_AT);
  const accepted: Accepted[] = [];
  const states: PromotionState[] = [state];
  steps.forEach((s, n) => {
    t += s.minutes * 60_000;
    const command = commandFor(s, state, toInstant(t), n);
    let events: PromotionEvent[];
    try {
      events = promotionDecider.decide(command, state);
    } catch (error) {
      // A refusal is a domain error, never a crash.
      if (!isDomainError(error)) throw error;
      return;
    }
    const before = state;
    state = events.reduce((acc, e) => promotionDecider.evolve(acc, e), state);
    // The berkas decide judged on is the berkas the fold holds.
    const reviewed = events.find((e) => e.type === 'PromotionDocumentsReviewed');
    if (reviewed && before.exists && state.exists) {
      expect(berkasStatus(state.berkas, [])).toEqual(berkasStatus(before.berkas, reviewed.data.verdicts));
    }
    accepted.push({ command, events });
    states.push(state);
  });
  return { accepted, states };
}

const GATE: StageId[] = ['verification', 'committee', 'approval'];

describe('properties of random histories', () => {
  test('replaying the accepted commands on the folded history decides the same events, without an error', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { accepted, states } = run(steps);
        let state = stateAfter(START) as PromotionState;
        accepted.forEach(({ command, events }, i) => {
          expect(promotionDecider.decide(command, state)).toEqual(events);
          state = events.reduce((acc, e) => promotionDecider.evolve(acc, e), state);
          expect(state).toEqual(states[i + 1]);
        });
        // Every event counts toward the version.
        expect(state.version).toBe(START.length + accepted.reduce((n, a) => n + a.events.length, 0));
      }),
      { numRuns: 150 },
    );
  });

  test('separation of duties holds on every accepted history', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { states } = run(steps);
        const last = states.at(-1);
        if (!last?.exists) return;
        const decided = new Map<string, Set<StageId>>();
        for (const visit of last.visits) {
          if (visit.decidedBy === null) continue;
          for (const person of [visit.decidedBy, visit.onBehalfOf]) {
            if (person === null) continue;
            expect([CANDIDATE, HR]).not.toContain(person);
            decided.set(person, (decided.get(person) ?? new Set()).add(visit.stage));
          }
          // Nobody decides a decree as somebody's delegate.
          if (visit.stage === 'decree') expect(visit.onBehalfOf).toBeNull();
        }
        for (const stages of decided.values()) {
          // At most one of verification, committee, approval per person…
          expect(GATE.filter((g) => stages.has(g)).length).toBeLessThanOrEqual(1);
          // …and whoever decided verification or committee decided neither bkn nor decree.
          if (stages.has('verification') || stages.has('committee')) {
            expect(stages.has('bkn') || stages.has('decree')).toBe(false);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  test('nobody decides a stage after declaring a conflict of interest on the case', () => {
    fc.assert(
      fc.property(history, (steps) => {
        const { accepted } = run(steps);
        const declared = new Set<string>();
        for (const { events } of accepted) {
          for (const e of events) {
            if (e.type === 'PromotionConflictDeclared') declared.add(e.data.declaredBy);
            if ('decidedBy' in e.data) {
              expect(declared.has(e.data.decidedBy)).toBe(false);
              const onBehalfOf = (e.data as { onBehalfOf?: string }).onBehalfOf;
              if (onBehalfOf) expect(declared.has(onBehalfOf)).toBe(false);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the random histories reach every stage', () => {
  test('a fixed sample gets past BKN to a decree, and through returns, rejections and conflicts', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(history, (steps) => {
        for (const { events } of run(steps).accepted) {
          for (const e of events) seen.add(e.type === 'PromotionStageApproved' ? `${e.type}:${e.data.stage}` : e.type);
        }
      }),
      { numRuns: 300, seed: 20260302 },
    );
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'PromotionApproved',
        'PromotionConflictDeclared',
        'PromotionDocumentsReviewed',
        'PromotionRejected',
        'PromotionResubmitted',
        'PromotionReturned',
        'PromotionStageApproved:approval',
        'PromotionStageApproved:bkn',
        'PromotionStageApproved:committee',
        'PromotionStageApproved:verification',
      ]),
    );
  });
});
