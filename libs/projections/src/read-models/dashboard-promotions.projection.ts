import type { EntityManager } from 'typeorm';
import { changedVisits, isPromotionEvent, nextVisits, visitOutcome, type StageVisit, type StoredEvent } from '#domain';
import type { Projection, TableNames } from '../runtime/projection.js';

type Tables = 'dashboard_cases' | 'dashboard_stage_visits';

/**
 * What the pipeline and SLA dashboards aggregate: one row per case (its status and the stage it is
 * at, or the stage where it closed) and one row per stage visit (entered, due, left, how it ended,
 * whether the SLA clock recorded a breach). Agency and unit sit on every row, so a dashboard is one
 * indexed GROUP BY within an agency, without joins.
 *
 * `outcome` of a visit: APPROVE, RETURN or REJECT (the stage decided it), WITHDRAWN (the proposer
 * took the file back while the stage held it), NULL while the visit is open. The visits are the
 * domain's (`nextVisits`, `visitOutcome`): the case row keeps them, each event writes the rows that changed.
 */
export const dashboardPromotionsProjection: Projection<Tables> = {
  name: 'dashboard-promotions',
  // 2: visits follow the domain's lifecycle, kept on the case row.
  // 3: the KP kind on every row (SLA per kind), the decree instant (cycle time from proposal to decree).
  version: 3,
  tables: {
    dashboard_cases: (t) => [
      `CREATE TABLE ${t} (
        case_id text PRIMARY KEY,
        agency_id text NOT NULL,
        unit_id text NOT NULL,
        status text NOT NULL,
        stage text NOT NULL,
        kind text NOT NULL,
        eligible boolean NOT NULL,
        proposed_at timestamptz NOT NULL,
        closed_at timestamptz,
        decreed_at timestamptz,
        visits jsonb NOT NULL DEFAULT '[]'::jsonb
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
        kind text NOT NULL,
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
  apply: (db, tables, event) => applyDashboardPromotionEvent(db, tables, event),
};

interface CaseRow {
  agency_id: string;
  unit_id: string;
  kind: string;
  visits: StageVisit[];
}

async function applyDashboardPromotionEvent(db: EntityManager, t: TableNames<Tables>, event: StoredEvent): Promise<void> {
  if (!isPromotionEvent(event)) throw new Error(`dashboard-promotions cannot apply ${event.type}`);
  const at = event.metadata.occurredAt;
  const caseId = event.data.caseId;
  let row: CaseRow | undefined;
  if (event.type === 'PromotionProposed') {
    const d = event.data;
    const inserted: unknown[] = await db.query(
      `INSERT INTO ${t.dashboard_cases} (case_id, agency_id, unit_id, status, stage, kind, eligible, proposed_at, visits)
       VALUES ($1, $2, $3, 'IN_PROGRESS', $4, $5, $6, $7, $8::jsonb) ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
      [d.caseId, d.agencyId, d.unitId, d.stage, d.kind, d.eligible, d.enteredAt, JSON.stringify(nextVisits([], event))],
    );
    if (inserted.length > 0) row = { agency_id: d.agencyId, unit_id: d.unitId, kind: d.kind, visits: [] };
  } else {
    [row] = await db.query(`SELECT agency_id, unit_id, kind, visits FROM ${t.dashboard_cases} WHERE case_id = $1`, [caseId]);
  }
  if (!row) return;

  const visits = nextVisits(row.visits, event);
  for (const i of changedVisits(row.visits, visits)) {
    const v = visits[i];
    await db.query(
      `INSERT INTO ${t.dashboard_stage_visits}
         (case_id, visit_no, stage, stage_visit, agency_id, unit_id, kind, entered_at, due_at, left_at, outcome, breached)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (case_id, visit_no) DO UPDATE SET left_at = EXCLUDED.left_at, outcome = EXCLUDED.outcome, breached = EXCLUDED.breached`,
      [caseId, i + 1, v.stage, v.visit, row.agency_id, row.unit_id, row.kind, v.enteredAt, v.dueAt, v.leftAt, visitOutcome(v), v.breached],
    );
  }
  const setCase = (status: string, stage: string, closedAt: string | null) =>
    db.query(`UPDATE ${t.dashboard_cases} SET visits = $2::jsonb, status = $3, stage = $4, closed_at = $5 WHERE case_id = $1`, [
      caseId,
      JSON.stringify(visits),
      status,
      stage,
      closedAt,
    ]);

  switch (event.type) {
    case 'PromotionProposed':
      return;
    case 'PromotionStageApproved':
      await setCase('IN_PROGRESS', event.data.nextStage, null);
      return;
    case 'PromotionApproved':
      await setCase('APPROVED', event.data.stage, at);
      // Cycle time runs to the decree; cases of the old pipeline were approved without one.
      if (event.data.decree) await db.query(`UPDATE ${t.dashboard_cases} SET decreed_at = $2 WHERE case_id = $1`, [caseId, at]);
      return;
    case 'PromotionRejected':
      await setCase('REJECTED', event.data.stage, at);
      return;
    case 'PromotionReturned':
      await setCase('RETURNED', event.data.stage, null);
      return;
    case 'PromotionResubmitted':
      await setCase('IN_PROGRESS', event.data.stage, null);
      return;
    case 'PromotionWithdrawn':
      await setCase('WITHDRAWN', event.data.stage, at);
      return;
    case 'PromotionSlaBreached':
    case 'PromotionClaimed':
    case 'PromotionClaimReleased':
    case 'PromotionDocumentUploaded':
    case 'PromotionDocumentsReviewed':
    case 'PromotionConflictDeclared':
      await db.query(`UPDATE ${t.dashboard_cases} SET visits = $2::jsonb WHERE case_id = $1`, [caseId, JSON.stringify(visits)]);
      return;
    default: {
      const unhandled: never = event;
      throw new Error(`dashboard-promotions cannot apply ${JSON.stringify(unhandled)}`);
    }
  }
}
