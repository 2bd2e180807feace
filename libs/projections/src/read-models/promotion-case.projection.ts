import type { EntityManager } from 'typeorm';
import type { PromotionEvent, RecordedEvent, StageDefinition } from '#domain';
import type { Projection, TableNames } from '../runtime/projection.js';

type Tables = 'promotion_cases' | 'promotion_stage_visits';

/**
 * The promotion case view and the approver queues read this: one row per case with its current
 * stage, deadline and claim, and one row per stage visit (entered, due, left, who decided, breached).
 */
export const promotionCaseProjection: Projection<Tables> = {
  name: 'promotion-cases',
  version: 1,
  tables: {
    promotion_cases: (t) => [
      `CREATE TABLE ${t} (
        case_id text PRIMARY KEY,
        agency_id text NOT NULL,
        nip text NOT NULL,
        name text NOT NULL,
        unit_id text NOT NULL,
        kind text NOT NULL,
        from_grade text NOT NULL,
        to_grade text NOT NULL,
        effective_date date NOT NULL,
        justification text NOT NULL,
        exception_justification text,
        status text NOT NULL,
        stage text,
        stage_role text,
        version integer NOT NULL,
        eligible boolean NOT NULL,
        exception boolean NOT NULL,
        rules jsonb NOT NULL,
        policy_version integer NOT NULL,
        config_version integer NOT NULL,
        stages jsonb NOT NULL,
        proposer text NOT NULL,
        deciders jsonb NOT NULL DEFAULT '{}'::jsonb,
        claimed_by text,
        claim_expires_at timestamptz,
        entered_stage_at timestamptz,
        due_at timestamptz,
        breached boolean NOT NULL DEFAULT false,
        proposed_at timestamptz NOT NULL,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL,
        last_position bigint NOT NULL
      )`,
      `CREATE INDEX ${t}_queue ON ${t} (agency_id, stage_role, due_at) WHERE status = 'IN_PROGRESS'`,
      `CREATE INDEX ${t}_nip ON ${t} (nip, proposed_at)`,
      `CREATE INDEX ${t}_agency_status ON ${t} (agency_id, status, stage)`,
    ],
    promotion_stage_visits: (t) => [
      `CREATE TABLE ${t} (
        case_id text NOT NULL,
        visit_no integer NOT NULL,
        stage text NOT NULL,
        role text,
        entered_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        left_at timestamptz,
        decided_by text,
        decision text,
        reason text,
        breached boolean NOT NULL DEFAULT false,
        PRIMARY KEY (case_id, visit_no)
      )`,
      `CREATE INDEX ${t}_stage ON ${t} (stage, entered_at)`,
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
    'PromotionClaimed',
    'PromotionClaimReleased',
    'PromotionSlaBreached',
  ],
  apply: (db, tables, recorded) => applyPromotionEvent(db, tables, recorded),
};

async function applyPromotionEvent(db: EntityManager, t: TableNames<Tables>, recorded: RecordedEvent): Promise<void> {
  const event = { type: recorded.type, data: recorded.data } as PromotionEvent;
  const at = recorded.metadata.occurredAt;
  const caseId = event.data.caseId;
  const touch = (sets: string, params: unknown[]) =>
    db.query(
      `UPDATE ${t.promotion_cases} SET ${sets}${sets ? ', ' : ''}version = $2, updated_at = $3, last_position = $4 WHERE case_id = $1`,
      [caseId, recorded.version, at, recorded.globalPosition, ...params],
    );
  const closeVisit = (decision: string, decidedBy: string | null, reason: string | null) =>
    db.query(
      `UPDATE ${t.promotion_stage_visits} SET left_at = $2, decision = $3, decided_by = $4, reason = $5
       WHERE case_id = $1 AND left_at IS NULL`,
      [caseId, at, decision, decidedBy, reason],
    );
  const openVisit = (stage: string, enteredAt: string, dueAt: string) =>
    db.query(
      `INSERT INTO ${t.promotion_stage_visits} (case_id, visit_no, stage, role, entered_at, due_at)
       SELECT $1, coalesce(max(visit_no), 0) + 1, $2,
              (SELECT s->>'role' FROM ${t.promotion_cases} c, jsonb_array_elements(c.stages) s WHERE c.case_id = $1 AND s->>'id' = $2),
              $3, $4
       FROM ${t.promotion_stage_visits} WHERE case_id = $1`,
      [caseId, stage, enteredAt, dueAt],
    );
  const roleOf = `(SELECT s->>'role' FROM jsonb_array_elements(stages) s WHERE s->>'id' = $5)`;

  switch (event.type) {
    case 'PromotionProposed': {
      const d = event.data;
      const role = d.stages.find((s: StageDefinition) => s.id === d.stage)?.role ?? null;
      await db.query(
        `INSERT INTO ${t.promotion_cases} (case_id, agency_id, nip, name, unit_id, kind, from_grade, to_grade, effective_date,
           justification, exception_justification, status, stage, stage_role, version, eligible, exception, rules,
           policy_version, config_version, stages, proposer, entered_stage_at, due_at, proposed_at, updated_at, last_position)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,'IN_PROGRESS',$12,$13,$14,$15,$16,$17::jsonb,$18,$19,$20::jsonb,$21,$22,$23,$24,$24,$25)
         ON CONFLICT (case_id) DO NOTHING`,
        [
          d.caseId,
          d.agencyId,
          d.nip,
          d.name,
          d.unitId,
          d.kind,
          d.fromGrade,
          d.toGrade,
          d.effectiveDate,
          d.justification,
          d.exceptionJustification,
          d.stage,
          role,
          recorded.version,
          d.eligible,
          d.exception,
          JSON.stringify(d.rules),
          d.policyVersion,
          d.configVersion,
          JSON.stringify(d.stages),
          d.proposer,
          d.enteredAt,
          d.dueAt,
          at,
          recorded.globalPosition,
        ],
      );
      await openVisit(d.stage, d.enteredAt, d.dueAt);
      return;
    }
    case 'PromotionStageApproved': {
      const d = event.data;
      await closeVisit('APPROVE', d.decidedBy, d.reason);
      await touch(
        `stage = $5, stage_role = ${roleOf}, entered_stage_at = $6, due_at = $7, breached = false,
         claimed_by = NULL, claim_expires_at = NULL, deciders = deciders || jsonb_build_object($8::text, $9::text)`,
        [d.nextStage, d.enteredAt, d.dueAt, d.stage, d.decidedBy],
      );
      await openVisit(d.nextStage, d.enteredAt, d.dueAt);
      return;
    }
    case 'PromotionApproved':
    case 'PromotionRejected': {
      const d = event.data;
      await closeVisit(event.type === 'PromotionApproved' ? 'APPROVE' : 'REJECT', d.decidedBy, d.reason);
      await touch(
        `status = $5, stage = NULL, stage_role = NULL, due_at = NULL, claimed_by = NULL, claim_expires_at = NULL,
         closed_at = $3, deciders = deciders || jsonb_build_object($6::text, $7::text)`,
        [event.type === 'PromotionApproved' ? 'APPROVED' : 'REJECTED', d.stage, d.decidedBy],
      );
      return;
    }
    case 'PromotionReturned': {
      const d = event.data;
      await closeVisit('RETURN', d.decidedBy, d.reason);
      // Waiting on the proposer now: no stage deadline runs, the returning stage is remembered.
      await touch(
        `status = 'RETURNED', stage = $5, stage_role = NULL, due_at = NULL, claimed_by = NULL, claim_expires_at = NULL,
         deciders = deciders || jsonb_build_object($5::text, $6::text)`,
        [d.stage, d.decidedBy],
      );
      return;
    }
    case 'PromotionResubmitted': {
      const d = event.data;
      await touch(`status = 'IN_PROGRESS', stage = $5, stage_role = ${roleOf}, entered_stage_at = $6, due_at = $7, breached = false`, [
        d.stage,
        d.enteredAt,
        d.dueAt,
      ]);
      await openVisit(d.stage, d.enteredAt, d.dueAt);
      return;
    }
    case 'PromotionWithdrawn': {
      const d = event.data;
      await closeVisit('WITHDRAWN', d.withdrawnBy, d.reason);
      await touch(
        `status = 'WITHDRAWN', stage = NULL, stage_role = NULL, due_at = NULL, claimed_by = NULL, claim_expires_at = NULL, closed_at = $3`,
        [],
      );
      return;
    }
    case 'PromotionClaimed':
      await touch(`claimed_by = $5, claim_expires_at = $6`, [event.data.claimedBy, event.data.expiresAt]);
      return;
    case 'PromotionClaimReleased':
      await touch(`claimed_by = NULL, claim_expires_at = NULL`, []);
      return;
    case 'PromotionSlaBreached':
      await db.query(
        `UPDATE ${t.promotion_stage_visits} SET breached = true
         WHERE case_id = $1 AND visit_no = (SELECT max(visit_no) FROM ${t.promotion_stage_visits} WHERE case_id = $1 AND stage = $2)`,
        [caseId, event.data.stage],
      );
      await touch(`breached = true`, []);
      return;
    default: {
      const unhandled: never = event;
      throw new Error(`promotion-cases cannot apply ${(unhandled as { type: string }).type}`);
    }
  }
}
