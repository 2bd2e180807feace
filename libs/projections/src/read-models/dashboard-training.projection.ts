import type { EntityManager } from 'typeorm';
import { parseNip, type StoredEvent } from '#domain';
import type { Projection, TableNames } from '../runtime/projection.js';

type Tables = 'dashboard_employees' | 'dashboard_trainings';

/**
 * The training-equity dashboard: every employee of every unit (the denominator: employees without
 * a single JP count too) and every completed training's JP. `appointed_on` is the CPNS appointment
 * month read from the NIP, so a year's figures leave out people appointed after it.
 */
export const dashboardTrainingProjection: Projection<Tables> = {
  name: 'dashboard-training',
  version: 1,
  tables: {
    dashboard_employees: (t) => [
      `CREATE TABLE ${t} (
        nip text PRIMARY KEY,
        agency_id text NOT NULL,
        unit_id text NOT NULL,
        appointed_on date NOT NULL,
        registered_at timestamptz NOT NULL
      )`,
      `CREATE INDEX ${t}_agency_unit ON ${t} (agency_id, unit_id) INCLUDE (appointed_on)`,
    ],
    dashboard_trainings: (t) => [
      `CREATE TABLE ${t} (
        training_id text PRIMARY KEY,
        agency_id text NOT NULL,
        nip text NOT NULL,
        completed_on date NOT NULL,
        hours integer NOT NULL
      )`,
      `CREATE INDEX ${t}_agency_completed ON ${t} (agency_id, completed_on) INCLUDE (nip, hours)`,
    ],
  },
  eventTypes: ['EmployeeRegistered', 'TrainingCompleted'],
  apply: (db, tables, event) => applyDashboardTrainingEvent(db, tables, event),
};

async function applyDashboardTrainingEvent(db: EntityManager, t: TableNames<Tables>, event: StoredEvent): Promise<void> {
  switch (event.type) {
    case 'EmployeeRegistered': {
      const d = event.data;
      const appointment = parseNip(d.nip)?.appointment;
      // Registered NIPs are valid; should one not parse, count the employee from registration.
      const appointedOn = appointment ? `${appointment}-01` : event.metadata.occurredAt.slice(0, 10);
      await db.query(
        `INSERT INTO ${t.dashboard_employees} (nip, agency_id, unit_id, appointed_on, registered_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (nip) DO NOTHING`,
        [d.nip, d.agencyId, d.unitId, appointedOn, event.metadata.occurredAt],
      );
      return;
    }
    case 'TrainingCompleted': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${t.dashboard_trainings} (training_id, agency_id, nip, completed_on, hours)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (training_id) DO NOTHING`,
        [d.trainingId, event.metadata.agency, d.nip, d.completedOn, d.hours],
      );
      return;
    }
    default:
      throw new Error(`dashboard-training cannot apply ${event.type}`);
  }
}
