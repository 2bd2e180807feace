import { patchStages, type StoredEvent } from '#domain';
import type { Projection } from '../runtime/projection.js';

/** Each agency's configuration in force, as `GET /api/agencies/{id}` shows it. */
export const agencyProjection: Projection<'agency_configs'> = {
  name: 'agencies',
  // 2: stages are SLAs over the national pipeline; units, signatory and the keberatan SLA; no merit policy.
  version: 2,
  tables: {
    agency_configs: (t) => [
      `CREATE TABLE ${t} (
        agency_id text PRIMARY KEY,
        name text NOT NULL,
        time_zone text NOT NULL,
        holidays jsonb NOT NULL,
        stages jsonb NOT NULL,
        units jsonb NOT NULL,
        signatory jsonb NOT NULL,
        objection_sla text NOT NULL,
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
      `INSERT INTO ${tables.agency_configs}
         (agency_id, name, time_zone, holidays, stages, units, signatory, objection_sla, config_version, configured_at, configured_by)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7::jsonb, $8, $9, $10, $11)
       ON CONFLICT (agency_id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, holidays = EXCLUDED.holidays,
         stages = EXCLUDED.stages, units = EXCLUDED.units, signatory = EXCLUDED.signatory, objection_sla = EXCLUDED.objection_sla,
         config_version = EXCLUDED.config_version, configured_at = EXCLUDED.configured_at, configured_by = EXCLUDED.configured_by`,
      [
        d.agencyId,
        d.name,
        d.timeZone,
        JSON.stringify(d.holidays),
        JSON.stringify(patchStages(d.stages)),
        JSON.stringify(d.units),
        JSON.stringify(d.signatory),
        d.objectionSla,
        event.version,
        event.metadata.occurredAt,
        event.metadata.actor,
      ],
    );
  },
};
