import type { EntityManager } from 'typeorm';
import {
  changedVisits,
  closedVisits,
  evolvePromotion,
  initialPromotionState,
  isPromotionEvent,
  PROMOTION_EVENT_TYPES,
  searchKey,
  stageRole,
  visitClosing,
  visitOutcome,
  type PromotionCase,
  type PromotionFoldEvent,
  type StageDefinition,
  type StageVisit,
  type StoredEvent,
} from '#domain';
import type { Projection, TableNames } from '../runtime/projection.js';

type Tables = 'promotion_cases' | 'promotion_stage_visits';

/**
 * The promotion case view and the approver queues read this: one row per case with its current
 * stage, deadline and claim, and one row per stage visit (entered, due, left, who decided, breached).
 * The row keeps the case as the domain folds it (`case_state`, the decider's own `evolve`): the
 * berkas, pertek, decree and visits are the domain's, never restated here; the columns beside it
 * are what the queues filter and sort on.
 */
export const promotionCaseProjection: Projection<Tables> = {
  name: 'promotion-cases',
  // 2: visits follow the domain's lifecycle (a breach marks the visit it names), kept on the case row.
  // 3: proposed_position orders cases proposed within the same instant.
  // 4: the real KP process: the folded case (berkas, pertek, decree), conflicts of interest, the reference version.
  version: 4,
  tables: {
    promotion_cases: (t) => [
      `CREATE TABLE ${t} (
        case_id text PRIMARY KEY,
        agency_id text NOT NULL,
        nip text NOT NULL,
        name text NOT NULL,
        search_name text NOT NULL,
        unit_id text NOT NULL,
        kind text NOT NULL,
        from_grade text NOT NULL,
        to_grade text NOT NULL,
        effective_date date NOT NULL,
        justification text NOT NULL,
        status text NOT NULL,
        stage text,
        stage_role text,
        version integer NOT NULL,
        eligible boolean NOT NULL,
        rules jsonb NOT NULL,
        reference_version text NOT NULL,
        config_version integer NOT NULL,
        case_state jsonb NOT NULL,
        conflicts jsonb NOT NULL DEFAULT '[]'::jsonb,
        stages jsonb NOT NULL,
        proposer text NOT NULL,
        deciders jsonb NOT NULL DEFAULT '{}'::jsonb,
        claimed_by text,
        claim_expires_at timestamptz,
        entered_stage_at timestamptz,
        due_at timestamptz,
        breached boolean NOT NULL DEFAULT false,
        visits jsonb NOT NULL DEFAULT '[]'::jsonb,
        proposed_at timestamptz NOT NULL,
        proposed_position bigint NOT NULL,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL,
        last_position bigint NOT NULL
      )`,
      `CREATE INDEX ${t}_queue ON ${t} (agency_id, stage_role, due_at) WHERE status = 'IN_PROGRESS'`,
      `CREATE INDEX ${t}_nip ON ${t} (nip, proposed_at, proposed_position)`,
      `CREATE INDEX ${t}_agency_status ON ${t} (agency_id, status, stage)`,
      `CREATE INDEX ${t}_search ON ${t} (agency_id, search_name text_pattern_ops)`,
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
        on_behalf_of text,
        decision text,
        reason text,
        breached boolean NOT NULL DEFAULT false,
        PRIMARY KEY (case_id, visit_no)
      )`,
      `CREATE INDEX ${t}_stage ON ${t} (stage, entered_at)`,
    ],
  },
  // Every event of a case's stream: the row keeps its claim, version and visits.
  eventTypes: PROMOTION_EVENT_TYPES,
  apply: (db, tables, event) => applyPromotionEvent(db, tables, event),
};

async function applyPromotionEvent(db: EntityManager, t: TableNames<Tables>, event: StoredEvent): Promise<void> {
  if (!isPromotionEvent(event)) throw new Error(`promotion-cases cannot apply ${event.type}`);
  if (event.type === 'PromotionProposed') return propose(db, t, event);
  const at = event.metadata.occurredAt;
  const caseId = event.data.caseId;
  const [row]: { case_state: PromotionCase; stages: StageDefinition[] }[] = await db.query(
    `SELECT case_state, stages FROM ${t.promotion_cases} WHERE case_id = $1`,
    [caseId],
  );
  if (!row) return;
  const state = evolvePromotion(row.case_state, event);
  if (!state.exists) return;
  const visits = state.visits;
  await writeVisits(db, t, caseId, row.stages, row.case_state.visits, visits, event);
  const current = visits.at(-1) ?? null;
  const touch = (sets: string, params: unknown[]) =>
    db.query(
      `UPDATE ${t.promotion_cases} SET ${sets}${sets ? ', ' : ''}visits = $5::jsonb, breached = $6, version = $2, updated_at = $3, last_position = $4,
         case_state = $${7 + params.length}::jsonb, conflicts = $${8 + params.length}::jsonb
       WHERE case_id = $1`,
      [
        caseId,
        event.version,
        at,
        event.globalPosition,
        JSON.stringify(visits),
        current?.breached ?? false,
        ...params,
        JSON.stringify(state),
        JSON.stringify(state.conflicts),
      ],
    );
  const decidedBy = `deciders = deciders || jsonb_build_object($7::text, $8::text)`;
  const noClaim = `claimed_by = NULL, claim_expires_at = NULL`;

  switch (event.type) {
    case 'PromotionStageApproved': {
      const d = event.data;
      await touch(`${decidedBy}, stage = $9, stage_role = $10, entered_stage_at = $11, due_at = $12, ${noClaim}`, [
        d.stage,
        d.decidedBy,
        d.nextStage,
        stageRole(row.stages, d.nextStage),
        current?.enteredAt,
        current?.dueAt,
      ]);
      return;
    }
    case 'PromotionApproved':
    case 'PromotionRejected':
      await touch(`${decidedBy}, status = $9, stage = NULL, stage_role = NULL, due_at = NULL, ${noClaim}, closed_at = $3`, [
        event.data.stage,
        event.data.decidedBy,
        event.type === 'PromotionApproved' ? 'APPROVED' : 'REJECTED',
      ]);
      return;
    case 'PromotionReturned':
      // Waiting on the proposer now: no stage deadline runs, the returning stage is remembered.
      await touch(`${decidedBy}, status = 'RETURNED', stage = $7, stage_role = NULL, due_at = NULL, ${noClaim}`, [
        event.data.stage,
        event.data.decidedBy,
      ]);
      return;
    case 'PromotionResubmitted':
      await touch(`status = 'IN_PROGRESS', stage = $7, stage_role = $8, entered_stage_at = $9, due_at = $10`, [
        event.data.stage,
        stageRole(row.stages, event.data.stage),
        current?.enteredAt,
        current?.dueAt,
      ]);
      return;
    case 'PromotionWithdrawn':
      await touch(`status = 'WITHDRAWN', stage = NULL, stage_role = NULL, due_at = NULL, ${noClaim}, closed_at = $3`, []);
      return;
    case 'PromotionClaimed':
      await touch(`claimed_by = $7, claim_expires_at = $8`, [event.data.claimedBy, event.data.expiresAt]);
      return;
    case 'PromotionClaimReleased':
      await touch(noClaim, []);
      return;
    case 'PromotionSlaBreached':
    case 'PromotionDocumentUploaded':
    case 'PromotionDocumentsReviewed':
      await touch('', []);
      return;
    case 'PromotionConflictDeclared':
      await touch(state.claim ? '' : noClaim, []);
      return;
    default: {
      const unhandled: never = event;
      throw new Error(`promotion-cases cannot apply ${JSON.stringify(unhandled)}`);
    }
  }
}

async function propose(
  db: EntityManager,
  t: TableNames<Tables>,
  event: Extract<StoredEvent, { type: 'PromotionProposed' }>,
): Promise<void> {
  const d = event.data;
  const state = evolvePromotion(initialPromotionState(), event);
  if (!state.exists) return;
  const visits = state.visits;
  const inserted: unknown[] = await db.query(
    `INSERT INTO ${t.promotion_cases} (case_id, agency_id, nip, name, search_name, unit_id, kind, from_grade, to_grade, effective_date,
       justification, status, stage, stage_role, version, eligible, rules,
       reference_version, config_version, stages, proposer, entered_stage_at, due_at, visits, proposed_at, updated_at, proposed_position,
       last_position, case_state)
     VALUES ($1,$2,$3,$4,$26,$5,$6,$7,$8,$9,$10,'IN_PROGRESS',$11,$12,$13,$14,$15::jsonb,$16,$17,$18::jsonb,$19,$20,$21,$22::jsonb,$23,$23,$24,$24,$25::jsonb)
     ON CONFLICT (case_id) DO NOTHING
     RETURNING case_id`,
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
      d.stage,
      stageRole(d.stages, d.stage),
      event.version,
      d.eligible,
      JSON.stringify(d.rules),
      d.referenceVersion,
      d.configVersion,
      JSON.stringify(d.stages),
      d.proposer,
      visits[0].enteredAt,
      visits[0].dueAt,
      JSON.stringify(visits),
      event.metadata.occurredAt,
      event.globalPosition,
      JSON.stringify(state),
      searchKey(d.name),
    ],
  );
  if (inserted.length > 0) await writeVisits(db, t, d.caseId, d.stages, [], visits, event);
}

/** Writes the visit rows the event added or changed; the closing event adds who closed the visit and why. */
async function writeVisits(
  db: EntityManager,
  t: TableNames<Tables>,
  caseId: string,
  stages: readonly StageDefinition[],
  before: readonly StageVisit[],
  after: readonly StageVisit[],
  event: PromotionFoldEvent,
): Promise<void> {
  const closed = new Set(closedVisits(before, after));
  const closing = visitClosing(event);
  for (const i of changedVisits(before, after)) {
    const v = after[i];
    const note = closed.has(i) ? closing : null;
    await db.query(
      `INSERT INTO ${t.promotion_stage_visits} AS v
         (case_id, visit_no, stage, role, entered_at, due_at, left_at, decided_by, decision, reason, breached, on_behalf_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (case_id, visit_no) DO UPDATE SET left_at = EXCLUDED.left_at, decision = EXCLUDED.decision,
         decided_by = coalesce(EXCLUDED.decided_by, v.decided_by), reason = coalesce(EXCLUDED.reason, v.reason), breached = EXCLUDED.breached,
         on_behalf_of = coalesce(EXCLUDED.on_behalf_of, v.on_behalf_of)`,
      [
        caseId,
        i + 1,
        v.stage,
        stageRole(stages, v.stage),
        v.enteredAt,
        v.dueAt,
        v.leftAt,
        v.decidedBy ?? note?.closedBy ?? null,
        visitOutcome(v),
        note?.reason ?? null,
        v.breached,
        v.onBehalfOf ?? null,
      ],
    );
  }
}
