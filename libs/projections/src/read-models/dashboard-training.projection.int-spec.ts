import { describe, expect, test } from '@jest/globals';
import type { EmployeeRegistered, TrainingCompleted } from '#domain';
import { projectionSpec } from '#testing';
import { dashboardTrainingProjection } from './dashboard-training.projection.js';

const AGENCY = 'pemkot-langsa';
const CANDIDATE = '198507122010011001'; // appointed 2010-01
const COLLEAGUE = '199002022015022002'; // appointed 2015-02

const registered = (nip: string, unitId = 'dinas-kesehatan'): EmployeeRegistered => ({
  type: 'EmployeeRegistered',
  data: {
    nip,
    name: `Pegawai ${nip}`,
    agencyId: AGENCY,
    unitId,
    grade: 'III/b',
    gradeSince: '2021-01-01',
    education: 'S1',
    post: { type: 'FUNGSIONAL', title: 'Analis Kebijakan', eselon: null, jenjang: 'AHLI_PERTAMA', since: '2021-01-01' },
    superiorNip: null,
  },
});

const training = (trainingId: string, nip: string, hours: number, completedOn: string): TrainingCompleted => ({
  type: 'TrainingCompleted',
  data: {
    trainingId,
    nip,
    unitId: 'dinas-kesehatan',
    title: 'Pelatihan',
    hours,
    kind: 'MANAGERIAL',
    provider: 'BPSDM',
    completedOn,
    certificateNo: `CERT-${trainingId}`,
    deliveryMode: 'BLENDED',
  },
});

describe('dashboard-training projection', () => {
  const spec = projectionSpec(dashboardTrainingProjection, { metadata: { agency: AGENCY } });

  test('every registered employee counts, from the appointment month their NIP carries', () =>
    spec
      .when([
        { ...registered(CANDIDATE), metadata: { occurredAt: '2026-01-05T02:00:00.000Z' } },
        { ...registered(COLLEAGUE, 'sekretariat'), metadata: { occurredAt: '2026-01-06T02:00:00.000Z' } },
      ])
      .then(async (db, t) => {
        const rows = await db.query(
          `SELECT nip, agency_id, unit_id, appointed_on::text AS appointed_on, registered_at FROM ${t.dashboard_employees} ORDER BY nip`,
        );
        expect(rows).toEqual([
          {
            nip: CANDIDATE,
            agency_id: AGENCY,
            unit_id: 'dinas-kesehatan',
            appointed_on: '2010-01-01',
            registered_at: new Date('2026-01-05T02:00:00.000Z'),
          },
          {
            nip: COLLEAGUE,
            agency_id: AGENCY,
            unit_id: 'sekretariat',
            appointed_on: '2015-02-01',
            registered_at: new Date('2026-01-06T02:00:00.000Z'),
          },
        ]);
      }));

  test('an employee whose NIP does not parse counts from the day of registration', () =>
    spec.when([{ ...registered('legacy-0001'), metadata: { occurredAt: '2026-01-05T02:00:00.000Z' } }]).then(async (db, t) => {
      expect(await db.query(`SELECT nip, appointed_on::text AS appointed_on FROM ${t.dashboard_employees}`)).toEqual([
        { nip: 'legacy-0001', appointed_on: '2026-01-05' },
      ]);
    }));

  test('a second registration of the same NIP keeps the first unit', () =>
    spec
      .given([registered(CANDIDATE)])
      .when([{ ...registered(CANDIDATE, 'sekretariat'), streamId: 'employee-duplicate' }])
      .then(async (db, t) => {
        expect(await db.query(`SELECT nip, unit_id FROM ${t.dashboard_employees}`)).toEqual([
          { nip: CANDIDATE, unit_id: 'dinas-kesehatan' },
        ]);
      }));

  test('completed trainings are recorded with their JP and day, under the agency of the event', () =>
    spec
      .given([registered(CANDIDATE), registered(COLLEAGUE)])
      .when([
        training('tr-1', CANDIDATE, 24, '2026-02-20'),
        training('tr-2', CANDIDATE, 8, '2026-03-01'),
        training('tr-3', COLLEAGUE, 16, '2025-12-31'),
      ])
      .then(async (db, t) => {
        const rows = await db.query(
          `SELECT training_id, agency_id, nip, completed_on::text AS completed_on, hours FROM ${t.dashboard_trainings} ORDER BY training_id`,
        );
        expect(rows).toEqual([
          { training_id: 'tr-1', agency_id: AGENCY, nip: CANDIDATE, completed_on: '2026-02-20', hours: 24 },
          { training_id: 'tr-2', agency_id: AGENCY, nip: CANDIDATE, completed_on: '2026-03-01', hours: 8 },
          { training_id: 'tr-3', agency_id: AGENCY, nip: COLLEAGUE, completed_on: '2025-12-31', hours: 16 },
        ]);
      }));

  test('a training recorded again under the same id is counted once', () =>
    spec
      .given([training('tr-1', CANDIDATE, 24, '2026-02-20')])
      .when([{ ...training('tr-1', CANDIDATE, 40, '2026-02-21'), streamId: 'training-duplicate' }])
      .then(async (db, t) => {
        expect(await db.query(`SELECT training_id, hours FROM ${t.dashboard_trainings}`)).toEqual([{ training_id: 'tr-1', hours: 24 }]);
      }));
});
