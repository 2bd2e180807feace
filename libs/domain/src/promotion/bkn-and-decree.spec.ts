import { describe, expect, test } from '@jest/globals';
import type { PromotionApproved, PromotionProposed, PromotionReturned, PromotionStageApproved } from '../events.js';
import type { ExaminationRecord, SanctionRecord } from '../employee/employee.state.js';
import {
  as,
  asBkn,
  asPpk,
  atBkn,
  atDecree,
  approved,
  BKN,
  BKN_DUE,
  candidateWith,
  CASE,
  decideCmd,
  DECREE,
  delegation,
  givePertek,
  HR,
  issueDecree,
  PERTEK,
  pertekGiven,
  PPK,
  spec,
  stateAfter,
  T_APPROVED,
  T_DECREE,
  T_PERTEK,
  tick,
  VERIFIER,
  withoutCommittee,
  ACTING,
  approve,
  claimCmd,
  withdrawCmd,
} from '../testing/promotion.fixtures.js';

const PPK_2 = '196805051992031002';

const sanction = (overrides: Partial<SanctionRecord> = {}): SanctionRecord => ({
  sanctionId: 'sanction-1',
  level: 'MODERATE',
  type: 'ALLOWANCE_CUT_6M',
  reason: 'Unexcused absence',
  decreeNumber: '800/31/BKPSDM/2026',
  decreeDate: '2026-03-07',
  from: '2026-03-07',
  until: '2026-09-06',
  annulment: null,
  ...overrides,
});
const examination = (overrides: Partial<ExaminationRecord> = {}): ExaminationRecord => ({
  examinationId: 'exam-1',
  openedOn: '2026-03-08',
  reason: 'Report of misuse of office',
  closedOn: null,
  outcome: null,
  ...overrides,
});

describe('the bkn stage: BKN’s pertek', () => {
  test('APPROVE with the pertek number and date moves the case to decree, carrying the pertek', () => {
    spec.given(atBkn).when(givePertek()).then([pertekGiven]);
  });

  test('the pertek number is trimmed and recorded on the state', () => {
    spec
      .given(atBkn)
      .when(givePertek(asBkn(), { pertekNumber: `  ${PERTEK.number} ` }))
      .thenState((state) => expect(state.exists && state.pertek).toEqual(PERTEK));
  });

  test.each([
    ['pertekNumber', { pertekNumber: undefined }],
    ['pertekDate', { pertekDate: undefined }],
  ])('APPROVE without %s is VALIDATION_FAILED', (field, extra) => {
    const error = spec.given(atBkn).when(givePertek(asBkn(), extra)).thenThrows('VALIDATION_FAILED', 'PROMOTION.PERTEK_REQUIRED');
    expect(error.details).toEqual([expect.objectContaining({ field })]);
  });

  test('a blank pertek number is refused with the body', () => {
    spec
      .given(atBkn)
      .when(givePertek(asBkn(), { pertekNumber: '   ' }))
      .thenThrows('VALIDATION_FAILED');
  });

  test('a pertek dated after today (agency zone) is VALIDATION_FAILED; today is fine', () => {
    spec
      .given(atBkn)
      .when(givePertek(asBkn(), { pertekDate: '2026-03-07' }))
      .thenThrows('VALIDATION_FAILED', 'PROMOTION.DATE_IN_FUTURE');
    spec
      .given(atBkn)
      .when(givePertek(asBkn(), { pertekDate: '2026-03-06' }))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  test('a malformed pertek date is a body-shape error, before anything else', () => {
    spec
      .given(atBkn)
      .when(givePertek(as(PPK, ['ppk'], T_PERTEK), { pertekDate: '06-03-2026' }))
      .thenThrows('VALIDATION_FAILED', 'PROMOTION.INVALID_DECISION');
  });

  describe('the missing pertek is reported after the role and separation of duties', () => {
    test('someone without the bkn role: FORBIDDEN', () => {
      spec
        .given(atBkn)
        .when(decideCmd('APPROVE', as(PPK_2, ['ppk'], T_PERTEK)))
        .thenThrows('FORBIDDEN', 'PROMOTION.ROLE_REQUIRED');
    });

    test('the proposer holding the bkn role: SOD_VIOLATION', () => {
      spec
        .given(atBkn)
        .when(decideCmd('APPROVE', as(HR, ['hr', 'bkn'], T_PERTEK)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_PROPOSER');
    });

    test('the verifier holding the bkn role: SOD_VIOLATION', () => {
      spec
        .given(atBkn)
        .when(decideCmd('APPROVE', as(VERIFIER, ['bkn'], T_PERTEK)))
        .thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_TWO_STAGES');
    });

    test('the BKN liaison: VALIDATION_FAILED', () => {
      spec.given(atBkn).when(decideCmd('APPROVE', asBkn())).thenThrows('VALIDATION_FAILED');
    });
  });

  test("RETURN (berkas incomplete) carries BKN's reason and waits on the proposer", () => {
    const reason = 'SKP 2024 tidak dilegalisir';
    spec
      .given(atBkn)
      .when(decideCmd('RETURN', asBkn(), { reason }))
      .thenEvents((events) => {
        expect(events).toEqual([{ type: 'PromotionReturned', data: { caseId: CASE, stage: 'bkn', decidedBy: BKN, reason } }]);
        expect(stateAfter([...atBkn, ...(events as PromotionReturned[])])).toMatchObject({
          status: 'RETURNED',
          stage: 'bkn',
          pertek: null,
        });
      });
  });

  test("REJECT (not eligible) carries BKN's reason and closes the case", () => {
    spec
      .given(atBkn)
      .when(decideCmd('REJECT', asBkn(), { reason: 'Masa kerja golongan belum memenuhi' }))
      .thenState((state) => expect(state).toMatchObject({ status: 'REJECTED', stage: null, deciders: { bkn: BKN } }));
  });

  test('the bkn visit runs on its own SLA: 2 working days, and breaches like any other', () => {
    const visit = stateAfter(atBkn).visits.at(-1);
    expect(visit).toMatchObject({ stage: 'bkn', visit: 1, enteredAt: T_APPROVED, dueAt: BKN_DUE, leftAt: null });
    spec.given(atBkn).when(tick(BKN_DUE)).thenNothing();
    spec
      .given(atBkn)
      .when(tick('2026-03-09T03:00:00.001Z'))
      .then([{ type: 'PromotionSlaBreached', data: { caseId: CASE, stage: 'bkn', visit: 1, dueAt: BKN_DUE, heldBy: null } }]);
  });

  test('the agency’s bkn SLA is the one snapshotted into the case', () => {
    const slowBkn: PromotionProposed = {
      ...withoutCommittee,
      data: { ...withoutCommittee.data, stages: withoutCommittee.data.stages.map((s) => (s.id === 'bkn' ? { ...s, sla: 'P4D' } : s)) },
    };
    spec
      .given([slowBkn, ...atBkn.slice(1, -1)])
      .when(approve(asPpk(T_APPROVED)))
      .thenEvents(([event]) => expect((event as PromotionStageApproved).data.dueAt).toBe('2026-03-11T03:00:00.000Z'));
  });
});

describe('the decree stage: the SK', () => {
  test('APPROVE with the decree number and date emits PromotionApproved with the decree and the agency’s signatory', () => {
    spec.given(atDecree).when(issueDecree()).then([approved]);
  });

  test('the decree and the target grade land on the state', () => {
    spec
      .given(atDecree)
      .when(issueDecree())
      .thenState((state) =>
        expect(state).toMatchObject({ status: 'APPROVED', stage: null, decree: { ...DECREE, authority: 'PPK' }, toGrade: 'III/c' }),
      );
  });

  test('for a target of IV/c the decree records the presidential authority and the President, not the agency’s PPK', () => {
    const presidential: PromotionProposed = {
      ...withoutCommittee,
      data: {
        ...withoutCommittee.data,
        fromGrade: 'IV/b',
        toGrade: 'IV/c',
        authority: 'PRESIDENT',
      },
    };
    spec
      .given([presidential, ...atDecree.slice(1)])
      .when(issueDecree(asPpk(T_DECREE), { decreeNumber: 'KEPPRES 12/K/2026' }))
      .thenEvents(([event]) => {
        expect((event as PromotionApproved).data).toMatchObject({
          fromGrade: 'IV/b',
          toGrade: 'IV/c',
          decree: {
            number: 'KEPPRES 12/K/2026',
            date: DECREE.date,
            authority: 'PRESIDENT',
            signatory: { name: 'Presiden Republik Indonesia', title: 'Presiden' },
          },
        });
      });
  });

  test.each([
    ['decreeNumber', { decreeNumber: undefined }],
    ['decreeDate', { decreeDate: undefined }],
  ])('APPROVE without %s is VALIDATION_FAILED', (field, extra) => {
    const error = spec
      .given(atDecree)
      .when(issueDecree(asPpk(T_DECREE), extra))
      .thenThrows('VALIDATION_FAILED', 'PROMOTION.DECREE_REQUIRED');
    expect(error.details).toEqual([expect.objectContaining({ field })]);
  });

  test("a decree dated before BKN's pertek is VALIDATION_FAILED; on the pertek's day it is fine", () => {
    spec
      .given(atDecree)
      .when(issueDecree(asPpk(T_DECREE), { decreeDate: '2026-03-05' }))
      .thenThrows('VALIDATION_FAILED', 'PROMOTION.DECREE_BEFORE_PERTEK');
    spec
      .given(atDecree)
      .when(issueDecree(asPpk(T_DECREE), { decreeDate: PERTEK.date }))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  test('a decree dated in the future is VALIDATION_FAILED', () => {
    spec
      .given(atDecree)
      .when(issueDecree(asPpk(T_DECREE), { decreeDate: '2026-03-10' }))
      .thenThrows('VALIDATION_FAILED', 'PROMOTION.DATE_IN_FUTURE');
  });

  describe('SANCTION_ACTIVE: checked again on the decree date', () => {
    test('a MODERATE sanction imposed after the proposal and served on the decree date', () => {
      const error = spec
        .given(atDecree)
        .when(issueDecree(asPpk(T_DECREE), {}, { employee: candidateWith({ sanctions: [sanction()] }) }))
        .thenThrows('SANCTION_ACTIVE', 'PROMOTION.SANCTION_ACTIVE');
      expect(error.details).toMatchObject({
        on: DECREE.date,
        sanctions: [expect.objectContaining({ sanctionId: 'sanction-1' })],
        examinations: [],
      });
    });

    test('a SEVERE sanction', () => {
      const severe = sanction({ level: 'SEVERE', type: 'DEMOTION_12M', until: '2027-03-06' });
      spec
        .given(atDecree)
        .when(issueDecree(asPpk(T_DECREE), {}, { employee: candidateWith({ sanctions: [severe] }) }))
        .thenThrows('SANCTION_ACTIVE');
    });

    test('an examination under way', () => {
      spec
        .given(atDecree)
        .when(issueDecree(asPpk(T_DECREE), {}, { employee: candidateWith({ examinations: [examination()] }) }))
        .thenThrows({ code: 'SANCTION_ACTIVE', details: { on: DECREE.date, sanctions: [], examinations: [examination()] } });
    });

    test.each([
      ['a LIGHT sanction', { sanctions: [sanction({ level: 'LIGHT', type: 'WRITTEN_REPRIMAND', until: null })] }],
      [
        'an annulled sanction',
        { sanctions: [sanction({ annulment: { decreeNumber: '800/40/2026', decreeDate: '2026-03-08', reason: 'Appeal upheld' } })] },
      ],
      ['a sanction served out before the decree date', { sanctions: [sanction({ from: '2025-01-01', until: '2025-06-30' })] }],
      ['a sanction starting after the decree date', { sanctions: [sanction({ from: '2026-03-10' })] }],
      ['an examination closed by the decree date', { examinations: [examination({ closedOn: '2026-03-09', outcome: 'No violation' })] }],
    ])('%s does not block', (_label, overrides) => {
      spec
        .given(atDecree)
        .when(issueDecree(asPpk(T_DECREE), {}, { employee: candidateWith(overrides) }))
        .then([approved]);
    });

    test('SANCTION_ACTIVE comes after a missing decree field (400 before 422)', () => {
      spec
        .given(atDecree)
        .when(issueDecree(asPpk(T_DECREE), { decreeNumber: undefined }, { employee: candidateWith({ sanctions: [sanction()] }) }))
        .thenThrows('VALIDATION_FAILED');
    });

    test('SANCTION_ACTIVE comes before a stale version (422 before 409)', () => {
      spec
        .given(atDecree)
        .when(issueDecree(asPpk(T_DECREE), { expectedVersion: 1 }, { employee: candidateWith({ sanctions: [sanction()] }) }))
        .thenThrows('SANCTION_ACTIVE');
    });
  });

  describe('who signs', () => {
    test('the PPK who approved sending the file to BKN', () => {
      spec
        .given(atDecree)
        .when(issueDecree(asPpk(T_DECREE)))
        .then([approved]);
    });

    test('another holder of the ppk role', () => {
      spec
        .given(atDecree)
        .when(issueDecree(as(PPK_2, ['ppk'], T_DECREE)))
        .then([{ ...approved, data: { ...approved.data, decidedBy: PPK_2 } }]);
    });

    test('a delegate of the PPK never issues a decree: FORBIDDEN', () => {
      spec
        .given(atDecree)
        .when(issueDecree(as(ACTING, ['employee'], T_DECREE), {}, { employee: candidateWith({}), delegations: [delegation('ppk', PPK_2)] }))
        .thenThrows('FORBIDDEN', 'PROMOTION.DELEGATE_MAY_NOT_DECREE');
    });

    test('nor claims the case at the decree stage', () => {
      spec
        .given(atDecree)
        .when({ ...claimCmd(as(ACTING, ['employee'], T_DECREE)), context: { delegations: [delegation('ppk', PPK_2)] } })
        .thenThrows('FORBIDDEN', 'PROMOTION.DELEGATE_MAY_NOT_DECREE');
    });

    test('the BKN liaison may not: FORBIDDEN', () => {
      spec
        .given(atDecree)
        .when(issueDecree(as(BKN, ['bkn'], T_DECREE)))
        .thenThrows('FORBIDDEN', 'PROMOTION.ROLE_REQUIRED');
    });
  });

  test('the proposer may withdraw a case waiting on BKN or on the decree', () => {
    spec
      .given(atBkn)
      .when(withdrawCmd(as(HR, ['hr'], T_PERTEK)))
      .then([{ type: 'PromotionWithdrawn', data: { caseId: CASE, stage: 'bkn', withdrawnBy: HR, reason: null } }]);
    spec
      .given(atDecree)
      .when(withdrawCmd(as(HR, ['hr'], T_DECREE)))
      .thenState((state) => expect(state).toMatchObject({ status: 'WITHDRAWN', stage: null, decree: null }));
  });

  test('RETURN at the decree stage goes back to the proposer', () => {
    spec
      .given(atDecree)
      .when(decideCmd('RETURN', asPpk(T_DECREE), { reason: 'Fix the name on the decree draft' }))
      .thenState((state) => expect(state).toMatchObject({ status: 'RETURNED', stage: 'decree', pertek: PERTEK }));
  });
});
