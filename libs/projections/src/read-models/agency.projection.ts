import type { StoredEvent } from '#domain';
import type { Projection } from '../runtime/projection.js';

/** Each agency's configuration in force, as `GET /api/agencies/{id}` shows it. */
export const agencyProjection: Projection<'agency_configs'> = {
  name: 'agencies',
  version: 1,
  tables: {
    agency_configs: (t) => [
      `CREATE TABLE ${t} (
        agency_id text PRIMARY KEY,
        name text NOT NULL,
        time_zone text NOT NULL,
        holidays jsonb NOT NULL,
        stages jsonb NOT NULL,
        merit_policy jsonb NOT NULL,
        config_version integer NOT NULL,
        configured_at timestamptz NOT NULL,
        configured_by text NOT NULL
      )`,
    ],
  },
  eventTypes: ['AgencyConfigured'],
  async apply(db, tables, event: StoredEvent) {
    if (event.type !== 'AgencyConfigured') throw new Error(`agencies cannot apply ${event.type}`);
    const d = event.data;
    await db.query(
      `INSERT INTO ${tables.agency_configs} (agency_id, name, time_zone, holidays, stages, merit_policy, config_version, configured_at, configured_by)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9)
       ON CONFLICT (agency_id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, holidays = EXCLUDED.holidays,
         stages = EXCLUDED.stages, merit_policy = EXCLUDED.merit_policy, config_version = EXCLUDED.config_version,
         configured_at = EXCLUDED.configured_at, configured_by = EXCLUDED.configured_by`,
      [
        d.agencyId,
        d.name,
        d.timeZone,
        JSON.stringify(d.holidays),
        JSON.stringify(d.stages),
        JSON.stringify(d.meritPolicy),
        event.version,
        event.metadata.occurredAt,
        event.metadata.actor,
      ],
    );
  },
};
