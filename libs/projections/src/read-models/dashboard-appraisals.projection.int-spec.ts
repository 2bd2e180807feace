import { describe, expect, test } from '@jest/globals';
import type { AppraisalSubmitted } from '#domain';
import { projectionSpec } from '#testing';
import { dashboardAppraisalsProjection } from './dashboard-appraisals.projection.js';

const AGENCY = 'pemkot-langsa';
const APPRAISER = '197803152005012002';

const appraisal = (
  appraisalId: string,
  nip: string,
  unitId: string,
  period: number,
  predicate: AppraisalSubmitted['data']['predicate'],
): AppraisalSubmitted => ({
  type: 'AppraisalSubmitted',
  data: {
    appraisalId,
    nip,
    unitId,
    period,
    results: 'AS_EXPECTED',
    behaviour: 'AS_EXPECTED',
    predicate,
    notes: 'ok',
    appraiser: APPRAISER,
  },
});

describe('dashboard-appraisals projection', () => {
  const spec = projectionSpec(dashboardAppraisalsProjection, { metadata: { agency: AGENCY } });

  test('each appraisal is one narrow row: agency, unit, period, predikat, when submitted', () =>
    spec
      .when([
        {
          ...appraisal('ap-1', '198507122010011001', 'dinas-kesehatan', 2025, 'BAIK'),
          metadata: { occurredAt: '2026-01-10T03:00:00.000Z' },
        },
        {
          ...appraisal('ap-2', '199002022015022002', 'sekretariat', 2025, 'BUTUH_PERBAIKAN'),
          metadata: { occurredAt: '2026-01-11T03:00:00.000Z' },
        },
      ])
      .then(async (db, t) => {
        expect(await db.query(`SELECT * FROM ${t.dashboard_appraisals} ORDER BY appraisal_id`)).toEqual([
          {
            appraisal_id: 'ap-1',
            agency_id: AGENCY,
            unit_id: 'dinas-kesehatan',
            period: 2025,
            predicate: 'BAIK',
            submitted_at: new Date('2026-01-10T03:00:00.000Z'),
          },
          {
            appraisal_id: 'ap-2',
            agency_id: AGENCY,
            unit_id: 'sekretariat',
            period: 2025,
            predicate: 'BUTUH_PERBAIKAN',
            submitted_at: new Date('2026-01-11T03:00:00.000Z'),
          },
        ]);
      }));

  test('appraisals of other agencies land under their own agency', () =>
    spec
      .given([appraisal('ap-1', '198507122010011001', 'dinas-kesehatan', 2024, 'SANGAT_BAIK')])
      .when([{ ...appraisal('ap-2', '198507122010011001', 'dinas-kesehatan', 2025, 'KURANG'), metadata: { agency: 'pemkab-aceh-timur' } }])
      .then(async (db, t) => {
        expect(
          await db.query(`SELECT appraisal_id, agency_id, period, predicate FROM ${t.dashboard_appraisals} ORDER BY appraisal_id`),
        ).toEqual([
          { appraisal_id: 'ap-1', agency_id: AGENCY, period: 2024, predicate: 'SANGAT_BAIK' },
          { appraisal_id: 'ap-2', agency_id: 'pemkab-aceh-timur', period: 2025, predicate: 'KURANG' },
        ]);
      }));

  test('an appraisal recorded again under the same id keeps its first predikat', () =>
    spec
      .given([appraisal('ap-1', '198507122010011001', 'dinas-kesehatan', 2025, 'BAIK')])
      .when([{ ...appraisal('ap-1', '198507122010011001', 'dinas-kesehatan', 2025, 'SANGAT_KURANG'), streamId: 'appraisal-duplicate' }])
      .then(async (db, t) => {
        expect(await db.query(`SELECT appraisal_id, predicate FROM ${t.dashboard_appraisals}`)).toEqual([
          { appraisal_id: 'ap-1', predicate: 'BAIK' },
        ]);
      }));
});
