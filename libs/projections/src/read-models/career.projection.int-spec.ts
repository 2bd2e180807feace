import { describe, expect, test } from '@jest/globals';
import type { AppraisalSubmitted, DisciplinarySanctionImposed, EmployeeRegistered, PromotionApproved, TrainingCompleted } from '#domain';
import { projectionSpec } from '#testing';
import { careerProjection } from './career.projection.js';

const AGENCY = 'pemkot-langsa';
const CANDIDATE = '198507122010011001';
const COLLEAGUE = '199002022015022002';
const APPRAISER = '197803152005012002';
const PPK = '196512311990031004';

const registered = (nip: string, overrides: Partial<EmployeeRegistered['data']> = {}): EmployeeRegistered => ({
  type: 'EmployeeRegistered',
  data: {
    nip,
    name: 'Cut Nyak Meutia',
    agencyId: AGENCY,
    unitId: 'dinas-kesehatan',
    grade: 'III/b',
    gradeSince: '2021-01-01',
    positionTitle: 'Analis Kebijakan',
    positionType: 'FUNGSIONAL',
    ...overrides,
  },
});

const appraisal = (appraisalId: string, period: number, predicate: AppraisalSubmitted['data']['predicate']): AppraisalSubmitted => ({
  type: 'AppraisalSubmitted',
  data: {
    appraisalId,
    nip: CANDIDATE,
    unitId: 'dinas-kesehatan',
    period,
    results: 'ABOVE',
    behaviour: 'AS_EXPECTED',
    predicate,
    notes: null,
    appraiser: APPRAISER,
  },
});

const training: TrainingCompleted = {
  type: 'TrainingCompleted',
  data: {
    trainingId: 'tr-1',
    nip: CANDIDATE,
    unitId: 'dinas-kesehatan',
    title: 'Analisis Kebijakan Kesehatan',
    hours: 24,
    kind: 'TECHNICAL',
    provider: 'LAN',
    completedOn: '2026-02-20',
    certificateNo: 'LAN-2026-001',
    deliveryMode: 'ONLINE',
  },
};

const sanction: DisciplinarySanctionImposed = {
  type: 'DisciplinarySanctionImposed',
  data: { sanctionId: 's-1', nip: CANDIDATE, level: 'LIGHT', reason: 'Late reports', from: '2026-01-01', until: '2026-06-30' },
};

const approved: PromotionApproved = {
  type: 'PromotionApproved',
  data: {
    caseId: 'case-1',
    nip: CANDIDATE,
    stage: 'approval',
    decidedBy: PPK,
    reason: null,
    fromGrade: 'III/b',
    toGrade: 'III/c',
    effectiveDate: '2026-04-01',
  },
};

describe('career projection', () => {
  const spec = projectionSpec(careerProjection, { metadata: { agency: AGENCY } });

  test('a registration is the employee row with grade, since when and when registered', () =>
    spec.when([{ ...registered(CANDIDATE), metadata: { occurredAt: '2026-01-05T02:00:00.000Z' } }]).then(async (db, t) => {
      const rows = await db.query(
        `SELECT nip, agency_id, name, unit_id, grade, grade_since::text AS grade_since, position_title, position_type, registered_at
         FROM ${t.career_employees}`,
      );
      expect(rows).toEqual([
        {
          nip: CANDIDATE,
          agency_id: AGENCY,
          name: 'Cut Nyak Meutia',
          unit_id: 'dinas-kesehatan',
          grade: 'III/b',
          grade_since: '2021-01-01',
          position_title: 'Analis Kebijakan',
          position_type: 'FUNGSIONAL',
          registered_at: new Date('2026-01-05T02:00:00.000Z'),
        },
      ]);
    }));

  test('a second registration of the same NIP keeps the first', () =>
    spec
      .given([registered(CANDIDATE)])
      .when([{ ...registered(CANDIDATE, { name: 'Someone Else', grade: 'IV/a' }), streamId: 'employee-duplicate' }])
      .then(async (db, t) => {
        expect(await db.query(`SELECT nip, name, grade FROM ${t.career_employees}`)).toEqual([
          { nip: CANDIDATE, name: 'Cut Nyak Meutia', grade: 'III/b' },
        ]);
      }));

  test('appraisals are recorded per period under the agency of the event', () =>
    spec
      .given([registered(CANDIDATE)])
      .when([
        { ...appraisal('ap-2024', 2024, 'BAIK'), metadata: { occurredAt: '2025-01-10T03:00:00.000Z' } },
        { ...appraisal('ap-2025', 2025, 'SANGAT_BAIK'), metadata: { occurredAt: '2026-01-10T03:00:00.000Z' } },
      ])
      .then(async (db, t) => {
        const rows = await db.query(`SELECT * FROM ${t.career_appraisals} ORDER BY period`);
        expect(rows).toEqual([
          {
            appraisal_id: 'ap-2024',
            nip: CANDIDATE,
            agency_id: AGENCY,
            unit_id: 'dinas-kesehatan',
            period: 2024,
            results: 'ABOVE',
            behaviour: 'AS_EXPECTED',
            predicate: 'BAIK',
            appraiser: APPRAISER,
            submitted_at: new Date('2025-01-10T03:00:00.000Z'),
          },
          {
            appraisal_id: 'ap-2025',
            nip: CANDIDATE,
            agency_id: AGENCY,
            unit_id: 'dinas-kesehatan',
            period: 2025,
            results: 'ABOVE',
            behaviour: 'AS_EXPECTED',
            predicate: 'SANGAT_BAIK',
            appraiser: APPRAISER,
            submitted_at: new Date('2026-01-10T03:00:00.000Z'),
          },
        ]);
      }));

  test('a completed training is recorded with its JP, kind, provider and certificate', () =>
    spec
      .given([registered(CANDIDATE)])
      .when([training])
      .then(async (db, t) => {
        const rows = await db.query(
          `SELECT training_id, nip, agency_id, unit_id, title, hours, kind, provider, completed_on::text AS completed_on, certificate_no
           FROM ${t.career_trainings}`,
        );
        expect(rows).toEqual([
          {
            training_id: 'tr-1',
            nip: CANDIDATE,
            agency_id: AGENCY,
            unit_id: 'dinas-kesehatan',
            title: 'Analisis Kebijakan Kesehatan',
            hours: 24,
            kind: 'TECHNICAL',
            provider: 'LAN',
            completed_on: '2026-02-20',
            certificate_no: 'LAN-2026-001',
          },
        ]);
      }));

  test('a sanction is recorded with its level and validity', () =>
    spec
      .given([registered(CANDIDATE)])
      .when([sanction])
      .then(async (db, t) => {
        const rows = await db.query(
          `SELECT sanction_id, nip, level, reason, valid_from::text AS valid_from, valid_until::text AS valid_until FROM ${t.career_sanctions}`,
        );
        expect(rows).toEqual([
          {
            sanction_id: 's-1',
            nip: CANDIDATE,
            level: 'LIGHT',
            reason: 'Late reports',
            valid_from: '2026-01-01',
            valid_until: '2026-06-30',
          },
        ]);
      }));

  test('an approved promotion is a grade change from its effective date; the employee row keeps the registered grade', () =>
    spec
      .given([registered(CANDIDATE), registered(COLLEAGUE, { name: 'Teuku Umar' })])
      .when([{ ...approved, metadata: { actor: PPK, occurredAt: '2026-03-09T01:00:00.000Z' } }])
      .then(async (db, t) => {
        const changes = await db.query(
          `SELECT case_id, nip, from_grade, to_grade, effective_date::text AS effective_date, approved_at FROM ${t.career_grade_changes}`,
        );
        expect(changes).toEqual([
          {
            case_id: 'case-1',
            nip: CANDIDATE,
            from_grade: 'III/b',
            to_grade: 'III/c',
            effective_date: '2026-04-01',
            approved_at: new Date('2026-03-09T01:00:00.000Z'),
          },
        ]);
        expect(await db.query(`SELECT nip, grade FROM ${t.career_employees} ORDER BY nip`)).toEqual([
          { nip: CANDIDATE, grade: 'III/b' },
          { nip: COLLEAGUE, grade: 'III/b' },
        ]);
      }));

  test('promotion events other than the final approval leave the career untouched', () =>
    spec
      .given([registered(CANDIDATE)])
      .when([
        {
          type: 'PromotionReturned',
          data: { caseId: 'case-1', stage: 'verification', decidedBy: APPRAISER, reason: 'Missing SKP' },
        },
      ])
      .then(async (db, t) => {
        expect(await db.query(`SELECT * FROM ${t.career_grade_changes}`)).toEqual([]);
        expect(await db.query(`SELECT count(*)::int AS n FROM ${t.career_employees}`)).toEqual([{ n: 1 }]);
      }));
});
