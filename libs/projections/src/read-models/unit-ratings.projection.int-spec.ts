import { describe, expect, test } from '@jest/globals';
import type { UnitRatingRecorded } from '#domain';
import { projectionSpec } from '#testing';
import { unitRatingsProjection } from './unit-ratings.projection.js';

const AGENCY = 'pemkot-langsa';
const rated = (unitId: string, year: number, rating: UnitRatingRecorded['data']['rating']): UnitRatingRecorded => ({
  type: 'UnitRatingRecorded',
  data: { agencyId: AGENCY, unitId, year, rating },
});

describe('unit-ratings projection', () => {
  const spec = projectionSpec(unitRatingsProjection, { metadata: { agency: AGENCY } });

  test('one row per unit and year; a later rating of the same year replaces it', () =>
    spec
      .given([rated('dinas-kesehatan', 2025, 'ISTIMEWA'), rated('dinas-kesehatan', 2024, 'KURANG')])
      .when([rated('dinas-kesehatan', 2025, 'BAIK'), rated('sekretariat', 2025, 'SANGAT_KURANG')])
      .then(async (db, t) => {
        expect(await db.query(`SELECT unit_id, year, rating FROM ${t.unit_ratings} ORDER BY unit_id, year`)).toEqual([
          { unit_id: 'dinas-kesehatan', year: 2024, rating: 'KURANG' },
          { unit_id: 'dinas-kesehatan', year: 2025, rating: 'BAIK' },
          { unit_id: 'sekretariat', year: 2025, rating: 'SANGAT_KURANG' },
        ]);
      }));
});
