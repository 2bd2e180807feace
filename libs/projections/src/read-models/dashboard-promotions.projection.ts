import type { EntityManager } from 'typeorm';
import type { PromotionEvent, RecordedEvent } from '#domain';
import type { Projection, TableNames } from '../runtime/projection.js';

type Tables = 'dashboard_cases' | 'dashboard_stage_visits';

/**
 * What the pipeline and SLA dashboards aggregate: one row per case (its status and the stage it is
 * at, or the stage where it closed) and one row per stage visit (entered, due, left, how it ended,
 * whether the SLA clock recorded a breach). Agency and unit sit on every row, so a dashboard is one
 * indexed GROUP BY within an agency, without joins.
 *
 * `outcome` of a visit: APPROVE, RETURN or REJECT (the stage decided it), WITHDRAWN (the proposer
 * took the file back while the stage held it), NULL while the visit is open.
 */
export const dashboardPromotionsProjection: Projection<Tables> = {
  name: 'dashboard-promotions',
  version: 1,
  tables: {
    dashboard_cases: (t) => [
      `CREATE TABLE ${t} (
        case_id text PRIMARY KEY,
        agency_id text NOT NULL,
        unit_id text NOT NULL,
        status text NOT NULL,
        stage text NOT NULL,
        eligible boolean NOT NULL,
        exception boolean NOT NULL,
        proposed_at timestamptz NOT NULL,
        closed_at timestamptz
      )`,
      `CREATE INDEX ${t}_agency_proposed ON ${t} (agency_id, proposed_at) INCLUDE (unit_id, stage, status)`,
      `CREATE INDEX ${t}_agency_unit ON ${t} (agency_id, unit_id, proposed_at)`,
    ],
    dashboard_stage_visits: (t) => [
      `CREATE TABLE ${t} (
        case_id text NOT NULL,
        visit_no integer NOT NULL,
        stage text NOT NULL,
        stage_visit integer NOT NULL,
        agency_id text NOT NULL,
        unit_id text NOT NULL,
        entered_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        left_at timestamptz,
        outcome text,
        breached boolean NOT NULL DEFAULT false,
        PRIMARY KEY (case_id, visit_no)
      )`,
      `CREATE INDEX ${t}_agency_entered ON ${t} (agency_id, entered_at) INCLUDE (stage, unit_id, due_at, left_at, outcome, breached)`,
      `CREATE INDEX ${t}_agency_unit ON ${t} (agency_id, unit_id, entered_at)`,
      `CREATE INDEX ${t}_open ON ${t} (case_id) WHERE left_at IS NULL`,
    ],
  },
  eventTypes: [
    'PromotionProposed',
    'PromotionStageApproved',
    'PromotionApproved',
    'PromotionReturned',
    'PromotionRejected',
    'PromotionResubmitted',
    'PromotionWithdrawn',
    'PromotionSlaBreached',
  ],
  apply: (db, tables, recorded) => applyDashboardPromotionEvent(db, tables, recorded),
};

type Handled = Exclude<PromotionEvent, { type: 'PromotionClaimed' | 'PromotionClaimReleased' }>;

async function applyDashboardPromotionEvent(db: EntityManager, t: TableNames<Tables>, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as Handled;
  const at = recorded.metadata.occurredAt;
  const caseId = event.data.caseId;

  const openVisit = (stage: string, enteredAt: string, dueAt: string) =>
    db.query(
      `INSERT INTO ${t.dashboard_stage_visits} (case_id, visit_no, stage, stage_visit, agency_id, unit_id, entered_at, due_at)
       SELECT c.case_id,
              coalesce((SELECT max(visit_no) FROM ${t.dashboard_stage_visits} WHERE case_id = $1), 0) + 1,
              $2,
              (SELECT count(*) FROM ${t.dashboard_stage_visits} WHERE case_id = $1 AND stage = $2) + 1,
              c.agency_id, c.unit_id, $3, $4
       FROM ${t.dashboard_cases} c WHERE c.case_id = $1
       ON CONFLICT DO NOTHING`,
      [caseId, stage, enteredAt, dueAt],
    );
  const closeVisit = (outcome: string, leftAt: string) =>
    db.query(`UPDATE ${t.dashboard_stage_visits} SET left_at = $2, outcome = $3 WHERE case_id = $1 AND left_at IS NULL`, [
      caseId,
      leftAt,
      outcome,
    ]);
  const setCase = (status: string, stage: string, closedAt: string | null) =>
    db.query(`UPDATE ${t.dashboard_cases} SET status = $2, stage = $3, closed_at = $4 WHERE case_id = $1`, [
      caseId,
      status,
      stage,
      closedAt,
    ]);

  switch (event.type) {
    case 'PromotionProposed': {
      const d = event.data;
      await db.query(
        `INSERT INTO ${t.dashboard_cases} (case_id, agency_id, unit_id, status, stage, eligible, exception, proposed_at)
         VALUES ($1, $2, $3, 'IN_PROGRESS', $4, $5, $6, $7) ON CONFLICT (case_id) DO NOTHING`,
        [d.caseId, d.agencyId, d.unitId, d.stage, d.eligible, d.exception, d.enteredAt],
      );
      await openVisit(d.stage, d.enteredAt, d.dueAt);
      return;
    }
    case 'PromotionStageApproved': {
      const d = event.data;
      await closeVisit('APPROVE', d.enteredAt);
      await setCase('IN_PROGRESS', d.nextStage, null);
      await openVisit(d.nextStage, d.enteredAt, d.dueAt);
      return;
    }
    case 'PromotionApproved':
      await closeVisit('APPROVE', at);
      await setCase('APPROVED', event.data.stage, at);
      return;
    case 'PromotionRejected':
      await closeVisit('REJECT', at);
      await setCase('REJECTED', event.data.stage, at);
      return;
    case 'PromotionReturned':
      await closeVisit('RETURN', at);
      await setCase('RETURNED', event.data.stage, null);
      return;
    case 'PromotionResubmitted': {
      const d = event.data;
      await setCase('IN_PROGRESS', d.stage, null);
      await openVisit(d.stage, d.enteredAt, d.dueAt);
      return;
    }
    case 'PromotionWithdrawn':
      // A returned case has no open visit: nothing to close, the case just ends.
      await closeVisit('WITHDRAWN', at);
      await setCase('WITHDRAWN', event.data.stage, at);
      return;
    case 'PromotionSlaBreached':
      await db.query(`UPDATE ${t.dashboard_stage_visits} SET breached = true WHERE case_id = $1 AND stage = $2 AND stage_visit = $3`, [
        caseId,
        event.data.stage,
        event.data.visit,
      ]);
      return;
    default: {
      const unhandled: never = event;
      throw new Error(`dashboard-promotions cannot apply ${(unhandled as { type: string }).type}`);
    }
  }
}
