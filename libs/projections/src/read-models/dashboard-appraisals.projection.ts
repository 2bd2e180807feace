import type { StoredEvent } from '#domain';
import type { Projection } from '../runtime/projection.js';

/**
 * The appraisal dashboard: one narrow row per appraisal (agency, unit, period, predikat, when it was
 * submitted). Counting per unit and predikat is an index-only GROUP BY on (agency, period, unit, predikat).
 */
export const dashboardAppraisalsProjection: Projection<'dashboard_appraisals'> = {
  name: 'dashboard-appraisals',
  version: 1,
  tables: {
    dashboard_appraisals: (t) => [
      `CREATE TABLE ${t} (
        appraisal_id text PRIMARY KEY,
        agency_id text NOT NULL,
        unit_id text NOT NULL,
        period integer NOT NULL,
        predicate text NOT NULL,
        submitted_at timestamptz NOT NULL
      )`,
      `CREATE INDEX ${t}_agency_period ON ${t} (agency_id, period, unit_id, predicate) INCLUDE (submitted_at)`,
      `CREATE INDEX ${t}_agency_submitted ON ${t} (agency_id, submitted_at)`,
    ],
  },
  eventTypes: ['AppraisalSubmitted'],
  async apply(db, tables, event: StoredEvent) {
    if (event.type !== 'AppraisalSubmitted') throw new Error(`dashboard-appraisals cannot apply ${event.type}`);
    const d = event.data;
    await db.query(
      `INSERT INTO ${tables.dashboard_appraisals} (appraisal_id, agency_id, unit_id, period, predicate, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (appraisal_id) DO NOTHING`,
      [d.appraisalId, event.metadata.agency, d.unitId, d.period, d.predicate, event.metadata.occurredAt],
    );
  },
};
