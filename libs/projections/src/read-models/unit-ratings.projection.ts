import type { StoredEvent } from '#domain';
import type { Projection } from '../runtime/projection.js';

/** Each unit's organisation rating in force per year, beside its predikat distribution on the appraisal dashboard. */
export const unitRatingsProjection: Projection<'unit_ratings'> = {
  name: 'unit-ratings',
  version: 1,
  tables: {
    unit_ratings: (t) => [
      `CREATE TABLE ${t} (
        agency_id text NOT NULL,
        unit_id text NOT NULL,
        year integer NOT NULL,
        rating text NOT NULL,
        rated_at timestamptz NOT NULL,
        rated_by text NOT NULL,
        PRIMARY KEY (agency_id, year, unit_id)
      )`,
    ],
  },
  eventTypes: ['UnitRatingRecorded'],
  async apply(db, tables, event: StoredEvent) {
    if (event.type !== 'UnitRatingRecorded') throw new Error(`unit-ratings cannot apply ${event.type}`);
    const d = event.data;
    await db.query(
      `INSERT INTO ${tables.unit_ratings} (agency_id, unit_id, year, rating, rated_at, rated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (agency_id, year, unit_id) DO UPDATE SET rating = EXCLUDED.rating, rated_at = EXCLUDED.rated_at, rated_by = EXCLUDED.rated_by`,
      [d.agencyId, d.unitId, d.year, d.rating, event.metadata.occurredAt, event.metadata.actor],
    );
  },
};
