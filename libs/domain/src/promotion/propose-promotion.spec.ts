import { describe, expect, test } from '@jest/globals';
import { patchStages } from '../agency.js';
import type { PromotionProposed, RuleOutcome } from '../events.js';
import type { Post } from '../events.js';
import { nationalHolidays } from '../reference/reference.js';
import {
  agency,
  as,
  CANDIDATE,
  candidate,
  candidateWith,
  HR,
  PROPOSED_AT,
  propose,
  reference,
  rulesPassed,
  spec,
  stateAfter,
  withoutCommittee,
} from '../testing/promotion.fixtures.js';

const NATIONAL_HOLIDAYS = nationalHolidays(reference, [2026, 2027, 2028]);
/** A REGULAR case under the defaults, as the proposal records it. */
const expectedRegular: PromotionProposed = { ...withoutCommittee, data: { ...withoutCommittee.data, holidays: NATIONAL_HOLIDAYS } };

const proposedData = (events: unknown[]): PromotionProposed['data'] => {
  expect(events).toHaveLength(1);
  return (events[0] as PromotionProposed).data;
};
const rule = (rules: readonly RuleOutcome[], id: string) => rules.find((r) => r.rule === id);

const JPT_II_A: Post = { type: 'JPT', title: 'Kepala Dinas Kesehatan', eselon: 'II.a', jenjang: null, since: '2020-01-02' };
/** A Kepala Dinas at IV/b: a STRUCTURAL KP to IV/c, decreed by the President. */
const headOfService = candidateWith({
  grade: 'IV/b',
  gradeSince: '2022-04-01',
  education: 'S2',
  post: JPT_II_A,
  postHistory: [{ unitId: 'dinas-kesehatan', post: JPT_II_A, superiorNip: null, since: '2020-01-02', reason: 'REGISTRATION' }],
});

describe('ProposePromotion', () => {
  describe('an eligible REGULAR proposal', () => {
    test('records every rule with blocking, the reference version, the berkas, the authority, the pipeline and the signatory', () => {
      spec.when(propose()).then([expectedRegular]);
    });

    test('every recorded rule says whether it blocks; only TRAINING_HOURS is advisory', () => {
      spec.when(propose()).thenEvents((events) => {
        const { rules, referenceVersion, eligible } = proposedData(events);
        expect(eligible).toBe(true);
        expect(referenceVersion).toBe(reference.version);
        expect(rules.every((r) => typeof r.blocking === 'boolean')).toBe(true);
        expect(rules.filter((r) => !r.blocking).map((r) => r.rule)).toEqual(['TRAINING_HOURS']);
      });
    });

    test('the berkas: the decree of the last grade to upload, the appraisals derived', () => {
      spec.when(propose()).thenEvents((events) => {
        expect(proposedData(events).documents).toEqual([
          { type: 'LAST_GRADE_DECREE', derived: false },
          { type: 'APPRAISALS', derived: true },
        ]);
      });
    });

    test('evolve opens the case at verification, version 1, with the berkas empty', () => {
      const state = stateAfter([expectedRegular]);
      expect(state).toMatchObject({
        status: 'IN_PROGRESS',
        stage: 'verification',
        version: 1,
        proposer: HR,
        authority: 'PPK',
        pertek: null,
        decree: null,
      });
      expect(state.berkas).toEqual([
        { type: 'LAST_GRADE_DECREE', derived: false, current: null, files: [] },
        { type: 'APPRAISALS', derived: true, current: null, files: [] },
      ]);
      expect(state.visits).toEqual([expect.objectContaining({ stage: 'verification', visit: 1, enteredAt: PROPOSED_AT, leftAt: null })]);
    });

    test('a failing TRAINING_HOURS is recorded, not refused', () => {
      spec.when(propose({}, { trainings: [] })).thenEvents((events) => {
        const data = proposedData(events);
        expect(data.eligible).toBe(true);
        expect(rule(data.rules, 'TRAINING_HOURS')).toMatchObject({ passed: false, blocking: false });
      });
    });
  });

  describe('the berkas follows the kind and the service exam', () => {
    test('crossing II/d → III/a without an exempting education adds SERVICE_EXAM_CERTIFICATE', () => {
      const clerk = candidateWith({
        grade: 'II/d',
        education: 'SLTA',
        serviceExams: [{ level: 1, passedOn: '2024-05-02', certificateNo: 'UD-I/2024/77' }],
      });
      spec.when(propose({ toGrade: 'III/a' }, { employee: clerk })).thenEvents((events) => {
        expect(proposedData(events).documents).toEqual([
          { type: 'LAST_GRADE_DECREE', derived: false },
          { type: 'APPRAISALS', derived: true },
          { type: 'SERVICE_EXAM_CERTIFICATE', derived: false },
        ]);
      });
    });

    test('an S1 crossing II/d → III/a is exempt: no certificate in the berkas', () => {
      const graduate = candidateWith({ grade: 'II/d' });
      spec.when(propose({ toGrade: 'III/a' }, { employee: graduate })).thenEvents((events) => {
        expect(proposedData(events).documents.map((d) => d.type)).toEqual(['LAST_GRADE_DECREE', 'APPRAISALS']);
      });
    });
  });

  describe('decree authority by target grade', () => {
    test('up to IV/b the PPK signs', () => {
      spec.when(propose()).thenEvents((events) => expect(proposedData(events).authority).toBe('PPK'));
    });

    test('a STRUCTURAL KP to IV/c is decreed by the President; its berkas has the post decree and installation record', () => {
      spec.when(propose({ kind: 'STRUCTURAL', toGrade: 'IV/c' }, { employee: headOfService })).thenEvents((events) => {
        const data = proposedData(events);
        expect(data.authority).toBe('PRESIDENT');
        expect(data.documents.map((d) => d.type)).toEqual(['LAST_GRADE_DECREE', 'APPRAISALS', 'POST_DECREE', 'INSTALLATION_RECORD']);
      });
    });
  });

  describe('the pipeline per kind', () => {
    const stageIds = (events: unknown[]) => proposedData(events).stages.map((s) => s.id);

    test('under the defaults the committee runs only for STRUCTURAL', () => {
      spec.when(propose()).thenEvents((events) => expect(stageIds(events)).toEqual(['verification', 'approval', 'bkn', 'decree']));
      spec
        .when(propose({ kind: 'STRUCTURAL', toGrade: 'IV/c' }, { employee: headOfService }))
        .thenEvents((events) => expect(stageIds(events)).toEqual(['verification', 'committee', 'approval', 'bkn', 'decree']));
    });

    test("the agency's requiredFor turns the committee on for REGULAR, or off for STRUCTURAL", () => {
      const regularToo = { ...agency, stages: patchStages([{ id: 'committee', requiredFor: ['REGULAR'] }]) };
      spec.when(propose({}, { agency: regularToo })).thenEvents((events) => expect(stageIds(events)).toContain('committee'));
      const never = { ...agency, stages: patchStages([{ id: 'committee', requiredFor: [] }]) };
      spec
        .when(propose({ kind: 'STRUCTURAL', toGrade: 'IV/c' }, { employee: headOfService, agency: never }))
        .thenEvents((events) => expect(stageIds(events)).toEqual(['verification', 'approval', 'bkn', 'decree']));
    });

    test("the agency's SLAs are snapshotted; roles stay national", () => {
      const slow = { ...agency, stages: patchStages([{ id: 'bkn', sla: 'P4D' }]), configVersion: 3 };
      spec.when(propose({}, { agency: slow })).thenEvents((events) => {
        const data = proposedData(events);
        expect(data.stages).toContainEqual({ id: 'bkn', role: 'bkn', sla: 'P4D' });
        expect(data.stages).toContainEqual({ id: 'decree', role: 'ppk', sla: 'P5D' });
        expect(data.configVersion).toBe(3);
      });
    });

    test("the signatory is the agency's", () => {
      const signatory = { name: 'Jeffry Sentana S. Putra', title: 'Wali Kota Langsa' };
      spec
        .when(propose({}, { agency: { ...agency, signatory } }))
        .thenEvents((events) => expect(proposedData(events).signatory).toEqual(signatory));
    });

    test("the case's holidays are the national ones of the reference data plus the agency's; the deadline skips them", () => {
      spec.when(propose({}, { agency: { ...agency, holidays: ['2026-03-03'] } })).thenEvents((events) => {
        const data = proposedData(events);
        expect(data.holidays).toEqual([...NATIONAL_HOLIDAYS, '2026-03-03'].sort());
        expect(data.holidays).toContain('2026-03-19'); // Nyepi, national
        expect(data.dueAt).toBe('2026-03-05T03:00:00.000Z'); // Monday + 2 working days, Tuesday off
      });
    });
  });

  describe('merit: NOT_ELIGIBLE', () => {
    test('a failing blocking rule is refused with every outcome in details.rules', () => {
      const recent = candidateWith({ gradeSince: '2024-01-01' });
      const error = spec.when(propose({}, { employee: recent })).thenThrows('NOT_ELIGIBLE', 'PROMOTION.NOT_ELIGIBLE');
      const { rules } = error.details as { rules: RuleOutcome[] };
      expect(rules.map((r) => r.rule)).toEqual(rulesPassed.map((r) => r.rule));
      expect(rule(rules, 'TIME_IN_GRADE')).toMatchObject({ passed: false, blocking: true });
      expect(error.message).toMatch(/TIME_IN_GRADE/);
    });

    test('a missing appraisal fails APPRAISALS', () => {
      const error = spec.when(propose({}, { appraisals: [{ period: 2025, predicate: 'BAIK' }] })).thenThrows('NOT_ELIGIBLE');
      expect(rule((error.details as { rules: RuleOutcome[] }).rules, 'APPRAISALS')).toMatchObject({ passed: false, blocking: true });
    });

    test('an active MODERATE sanction fails NO_ACTIVE_SANCTION', () => {
      const sanctioned = candidateWith({
        sanctions: [
          {
            sanctionId: 's-1',
            level: 'MODERATE',
            type: 'ALLOWANCE_CUT_6M',
            reason: 'Absence',
            decreeNumber: '800/12/2026',
            decreeDate: '2026-01-05',
            from: '2026-01-05',
            until: '2026-07-04',
            annulment: null,
          },
        ],
      });
      const error = spec.when(propose({}, { employee: sanctioned })).thenThrows('NOT_ELIGIBLE');
      expect(rule((error.details as { rules: RuleOutcome[] }).rules, 'NO_ACTIVE_SANCTION')).toMatchObject({ passed: false });
    });

    test('there is no override: an exceptionJustification pushes nothing through, nor is it recorded', () => {
      const recent = candidateWith({ gradeSince: '2024-01-01' });
      const withException = (context = {}) => {
        const command = propose({}, context);
        return { ...command, data: { ...command.data, exceptionJustification: 'Outstanding service during the flood' } };
      };
      spec.when(withException({ employee: recent })).thenThrows('NOT_ELIGIBLE');
      spec.when(withException()).thenEvents((events) => {
        expect(proposedData(events)).not.toHaveProperty('exceptionJustification');
        expect(proposedData(events)).not.toHaveProperty('exception');
      });
    });
  });

  describe('input: VALIDATION_FAILED', () => {
    test.each([
      ['2026-04-15', 'PROMOTION.EFFECTIVE_DATE_NOT_KP_PERIOD'],
      ['2026-03-01', 'PROMOTION.EFFECTIVE_DATE_TOO_EARLY'],
      ['2027-04-01', 'PROMOTION.EFFECTIVE_DATE_TOO_LATE'],
    ])('a TMT of %s is refused with %s', (effectiveDate, reason) => {
      spec.when(propose({ effectiveDate })).thenThrows('VALIDATION_FAILED', reason);
    });

    test('the TMT window: the 1st of the next month up to 12 months ahead', () => {
      spec.when(propose({ effectiveDate: '2026-04-01' })).thenEvents((events) => expect(events).toHaveLength(1));
      spec.when(propose({ effectiveDate: '2027-03-01' }, { trainings: [] })).thenEvents((events) => expect(events).toHaveLength(1));
    });

    test('an unknown kind (the old SELECTION included) is refused', () => {
      const error = spec.when(propose({ kind: 'SELECTION' as never })).thenThrows('VALIDATION_FAILED');
      expect(error.details).toEqual([expect.objectContaining({ field: 'kind' })]);
    });

    test('a bad NIP, target grade or missing justification is refused before anything else', () => {
      const error = spec
        .when(propose({ nip: '123', toGrade: 'V/a' as never, justification: '' }, {}, as(CANDIDATE, ['hr'], PROPOSED_AT)))
        .thenThrows('VALIDATION_FAILED', 'PROMOTION.INVALID_NIP');
      expect((error.details as { field: string }[]).map((d) => d.field)).toEqual(['nip', 'toGrade', 'justification']);
    });
  });

  describe('who and when', () => {
    test('a candidate of another agency is NOT_FOUND', () => {
      spec
        .when(propose({}, { employee: candidateWith({ agencyId: 'pemkot-medan' }) }))
        .thenThrows('NOT_FOUND', 'PROMOTION.CANDIDATE_NOT_FOUND');
    });

    test('an unregistered candidate is NOT_FOUND', () => {
      spec.when(propose({}, { employee: { exists: false, nip: CANDIDATE } })).thenThrows('NOT_FOUND', 'PROMOTION.CANDIDATE_NOT_FOUND');
    });

    test('an employee with an open case gets no second one: CONFLICT', () => {
      spec.when(propose({}, { openCaseId: 'case-0001' })).thenThrows('CONFLICT', 'PROMOTION.OPEN_CASE_EXISTS');
    });

    test('a decreed grade still ahead blocks a new proposal: CONFLICT', () => {
      spec
        .when(propose({}, { approvals: [{ nip: CANDIDATE, toGrade: 'III/c', effectiveDate: '2026-04-01' }] }))
        .thenThrows('CONFLICT', 'PROMOTION.PENDING_GRADE');
    });

    test('a case id already used is a CONFLICT', () => {
      spec.given([expectedRegular]).when(propose()).thenThrows('CONFLICT', 'PROMOTION.ALREADY_PROPOSED');
    });

    test('nobody proposes their own promotion: SOD_VIOLATION', () => {
      spec.when(propose({}, {}, as(CANDIDATE, ['hr'], PROPOSED_AT))).thenThrows('SOD_VIOLATION', 'PROMOTION.SOD_SELF_PROPOSAL');
    });

    test('CONFLICT for an open case outranks SOD_VIOLATION, and NOT_FOUND outranks both', () => {
      spec.when(propose({}, { openCaseId: 'case-0001' }, as(CANDIDATE, ['hr'], PROPOSED_AT))).thenThrows('CONFLICT');
      spec
        .when(
          propose(
            {},
            { openCaseId: 'case-0001', employee: candidateWith({ agencyId: 'pemkot-medan' }) },
            as(CANDIDATE, ['hr'], PROPOSED_AT),
          ),
        )
        .thenThrows('NOT_FOUND');
    });

    test('the grade in force, after decreed promotions, is the fromGrade', () => {
      const atIIIa = candidateWith({ grade: 'III/a', gradeSince: '2017-01-01' });
      spec
        .when(propose({}, { employee: atIIIa, approvals: [{ nip: CANDIDATE, toGrade: 'III/b', effectiveDate: '2021-01-01' }] }))
        .thenEvents((events) => expect(proposedData(events)).toMatchObject({ fromGrade: 'III/b', toGrade: 'III/c' }));
    });

    test('the candidate fixture is the registered employee the proposal reads', () => {
      expect(candidate.exists).toBe(true);
      spec
        .when(propose())
        .thenEvents((events) =>
          expect(proposedData(events)).toMatchObject({ nip: CANDIDATE, name: candidate.name, unitId: candidate.unitId }),
        );
    });
  });
});
