import { describe, expect, test } from '@jest/globals';
import type {
  AppraisalSubmitted,
  DisciplinarySanctionImposed,
  EmployeeEvent,
  EmployeeRegistered,
  PromotionApproved,
  TrainingCompleted,
} from '#domain';
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
    education: 'S1',
    post: { type: 'FUNGSIONAL', title: 'Analis Kebijakan', eselon: null, jenjang: 'AHLI_PERTAMA', since: '2021-01-01' },
    superiorNip: null,
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
  data: {
    sanctionId: 's-1',
    nip: CANDIDATE,
    level: 'MODERATE',
    type: 'ALLOWANCE_CUT_6M',
    reason: 'Late reports',
    decreeNumber: '800/12/2026',
    decreeDate: '2025-12-20',
    from: '2026-01-01',
    until: '2026-06-30',
  },
};

const approved: PromotionApproved = {
  type: 'PromotionApproved',
  data: {
    caseId: 'case-1',
    nip: CANDIDATE,
    stage: 'decree',
    decidedBy: PPK,
    reason: null,
    fromGrade: 'III/b',
    toGrade: 'III/c',
    effectiveDate: '2026-04-01',
    decree: {
      number: '823.3/114/BKPSDM/2026',
      date: '2026-03-09',
      authority: 'PPK',
      signatory: { name: 'Kepala Daerah', title: 'Pejabat Pembina Kepegawaian' },
    },
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
          `SELECT sanction_id, nip, level, type, reason, decree_number, decree_date::text AS decree_date, valid_from::text AS valid_from,
             valid_until::text AS valid_until, annulment FROM ${t.career_sanctions}`,
        );
        expect(rows).toEqual([
          {
            sanction_id: 's-1',
            nip: CANDIDATE,
            level: 'MODERATE',
            type: 'ALLOWANCE_CUT_6M',
            reason: 'Late reports',
            decree_number: '800/12/2026',
            decree_date: '2025-12-20',
            valid_from: '2026-01-01',
            valid_until: '2026-06-30',
            annulment: null,
          },
        ]);
      }));

  test('an annulment marks the sanction; a sanction without term has no until', () =>
    spec
      .given([registered(CANDIDATE), sanction])
      .when([
        {
          type: 'SanctionAnnulled',
          data: { sanctionId: 's-1', nip: CANDIDATE, decreeNumber: '800/30/2026', decreeDate: '2026-02-01', reason: 'Appeal' },
        },
        { ...sanction, data: { ...sanction.data, sanctionId: 's-2', level: 'LIGHT', type: 'ORAL_REPRIMAND', until: null } },
      ])
      .then(async (db, t) => {
        expect(await db.query(`SELECT sanction_id, valid_until, annulment FROM ${t.career_sanctions} ORDER BY sanction_id`)).toEqual([
          {
            sanction_id: 's-1',
            valid_until: expect.anything(),
            annulment: { decreeNumber: '800/30/2026', decreeDate: '2026-02-01', reason: 'Appeal' },
          },
          { sanction_id: 's-2', valid_until: null, annulment: null },
        ]);
      }));

  const post = { type: 'PENGAWAS' as const, title: 'Kepala Seksi', eselon: 'IV.a' as const, jenjang: null, since: '2026-02-01' };
  const recordFacts: EmployeeEvent[] = [
    { type: 'EducationRecorded', data: { nip: CANDIDATE, level: 'S2', institution: 'USK', graduatedOn: '2025-08-30', studyPermit: null } },
    { type: 'EducationRecorded', data: { nip: CANDIDATE, level: 'D4', institution: 'PNL', graduatedOn: '2025-09-30', studyPermit: null } },
    {
      type: 'PostChanged',
      data: { nip: CANDIDATE, unitId: 'bappeda', post, superiorNip: COLLEAGUE, since: '2026-02-01', reason: 'ROTATION' },
    },
    { type: 'CreditPointsStated', data: { nip: CANDIDATE, pakNumber: 'PAK/1', statedOn: '2026-02-15', points: 12.5 } },
    { type: 'ServiceExamPassed', data: { nip: CANDIDATE, level: 1, passedOn: '2025-11-10', certificateNo: 'UD-1' } },
    { type: 'EmployeeTransferred', data: { nip: CANDIDATE, fromAgency: AGENCY, toAgency: 'pemkot-medan', since: '2026-03-01' } },
  ];

  test('the record’s facts move the employee row (highest education, post, superior, agency) and write the history', () =>
    spec
      .given([registered(CANDIDATE)])
      .when(recordFacts)
      .then(async (db, t) => {
        expect(
          await db.query(
            `SELECT agency_id, unit_id, education, position_title, position_type, eselon, jenjang, position_since::text AS position_since,
               superior_nip FROM ${t.career_employees}`,
          ),
        ).toEqual([
          {
            agency_id: 'pemkot-medan',
            unit_id: 'bappeda',
            education: 'S2',
            position_title: 'Kepala Seksi',
            position_type: 'PENGAWAS',
            eselon: 'IV.a',
            jenjang: null,
            position_since: '2026-02-01',
            superior_nip: COLLEAGUE,
          },
        ]);
        expect(await db.query(`SELECT at::text AS at, what FROM ${t.career_history} ORDER BY at, global_position`)).toEqual([
          { at: '2025-08-30', what: 'Education: S2, USK' },
          { at: '2025-09-30', what: 'Education: D4, PNL' },
          { at: '2025-11-10', what: 'Service exam level 1 passed (UD-1)' },
          { at: '2026-02-01', what: 'Post (ROTATION): Kepala Seksi (PENGAWAS IV.a) in bappeda' },
          { at: '2026-02-15', what: 'PAK PAK/1: 12.5 credit points' },
          { at: '2026-03-01', what: `Transfer: ${AGENCY} to pemkot-medan` },
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

  test('promotion events other than the decree leave the career untouched', () =>
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
