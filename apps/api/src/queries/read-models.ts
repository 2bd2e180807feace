import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Actor } from '#auth';
import { CLOCK, REFERENCE_DATA, type Clock } from '#config';
import {
  DomainError,
  effectiveDateProblem,
  nominations,
  type ApprovedPromotion,
  creditPointsSinceLastPromotion,
  rankName,
  roundCreditPoints,
  addDaysToDate,
  highestEducation,
  type EducationLevel,
  type EmployeeState,
  type PostRecord,
  type Predicate,
  type ReferenceData,
  berkasStatus,
  canDecide,
  caseSlaState,
  DECISION_PAIRS_ALLOWED,
  DEFAULT_TIME_ZONE,
  delegationInForce,
  type ActiveDelegation,
  type DecreeAuthority,
  type ReturnRecord,
  type StageDefinition,
  type StageVisit,
  defaultAgencySettings,
  forbidden,
  gradeInForce,
  heldBy,
  isClaimLive,
  isVisitBreached,
  jpInYear,
  localDate,
  notFound,
  visitSlaState,
  type FileHolder,
  type Grade,
  type PromotionCase,
  type PromotionClaim,
  type PromotionStatus,
  type Role,
  type SlaState,
} from '#domain';
import { DATA_SOURCE, poolOf, prepared } from '#event-store';
import { Delegations } from '../delegations/delegations.read.js';

const CASE_READERS: readonly Role[] = ['hr', 'verifier', 'committee', 'ppk', 'bkn', 'auditor', 'admin'];
const CAREER_READERS: readonly Role[] = ['hr', 'auditor'];

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
/**
 * An instant rendered by PostgreSQL exactly as `Date.prototype.toISOString` would (UTC, milliseconds
 * truncated): the hot reads take it as is, without a Date parsed and formatted per column and row.
 */
export const isoSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (value: Date | string): string => (typeof value === 'string' ? value.slice(0, 10) : localDateOfPg(value));
/** `date` columns come back as local-midnight Dates from node-postgres; read their calendar day. */
function localDateOfPg(value: Date): string {
  const y = value.getFullYear();
  const m = String(value.getMonth() + 1).padStart(2, '0');
  const d = String(value.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

interface CaseRow {
  case_id: string;
  agency_id: string;
  nip: string;
  name: string;
  unit_id: string;
  kind: string;
  from_grade: string;
  to_grade: string;
  effective_date: Date | string;
  justification: string;
  status: PromotionStatus;
  stage: string | null;
  stage_role: string | null;
  version: number;
  eligible: boolean;
  rules: unknown;
  reference_version: string;
  config_version: number;
  case_state: PromotionCase;
  proposer: string;
  claimed_by: string | null;
  claim_expires_at: Date | null;
  entered_stage_at: Date | null;
  due_at: Date | null;
  breached: boolean;
  proposed_at: Date;
  closed_at: Date | null;
}

interface VisitRow {
  visit_no: number;
  stage: string;
  role: string | null;
  entered_at: Date;
  due_at: Date;
  left_at: Date | null;
  decided_by: string | null;
  decision: string | null;
  reason: string | null;
  breached: boolean;
}

/** The case columns a career shows, as `json_agg` renders them (instants as ISO strings). */
type CareerCase = Pick<
  CaseRow,
  'case_id' | 'kind' | 'from_grade' | 'to_grade' | 'status' | 'stage' | 'stage_role' | 'proposer' | 'breached'
> &
  Record<'effective_date', string> &
  Record<'due_at' | 'entered_stage_at' | 'claim_expires_at' | 'claimed_by', string | null> & { authority?: DecreeAuthority };

interface CareerRow {
  name: string;
  agency_id: string;
  record: EmployeeState;
  unit_id: string;
  grade: Grade;
  grade_since: string;
  position_title: string;
  position_type: string;
  education: string | null;
  eselon: string | null;
  jenjang: string | null;
  position_since: string;
  superior_nip: string | null;
  superior_name: string | null;
  time_zone: string | null;
  sanctions: {
    sanction_id: string;
    level: string;
    type: string;
    reason: string;
    decree_number: string | null;
    decree_date: string | null;
    valid_from: string;
    valid_until: string | null;
    annulment: { decreeNumber: string; decreeDate: string; reason: string } | null;
  }[];
  history: { at: string; what: string }[];
  changes: { to_grade: Grade; effective_date: string }[];
  appraisals: { appraisal_id: string; period: string; predicate: string; results: unknown; behaviour: unknown }[];
  trainings: {
    training_id: string;
    title: string;
    hours: number;
    kind: string;
    provider: string;
    completed_on: string;
    certificate_no: string;
  }[];
  cases: CareerCase[];
}

/**
 * A career in one round trip: the employee row with its agency's time zone and each list as a JSON
 * array (a career is read far more often than written, and each extra query costs a network write).
 */
const CAREER_SQL = `
  SELECT e.name, e.agency_id, e.unit_id, e.grade, e.grade_since::text AS grade_since, e.position_title, e.position_type, e.record,
    e.education, e.eselon, e.jenjang, e.position_since::text AS position_since, e.superior_nip,
    (SELECT name FROM career_employees s WHERE s.nip = e.superior_nip AND s.agency_id = e.agency_id) AS superior_name,
    (SELECT time_zone FROM agency_configs WHERE agency_id = e.agency_id) AS time_zone,
    (SELECT coalesce(json_agg(json_build_object('sanction_id', sanction_id, 'level', level, 'type', type, 'reason', reason,
       'decree_number', decree_number, 'decree_date', decree_date::text, 'valid_from', valid_from::text,
       'valid_until', valid_until::text, 'annulment', annulment) ORDER BY valid_from, sanction_id), '[]')
     FROM career_sanctions WHERE nip = e.nip) AS sanctions,
    (SELECT coalesce(json_agg(json_build_object('at', at::text, 'what', what) ORDER BY at, global_position), '[]')
     FROM career_history WHERE nip = e.nip) AS history,
    (SELECT coalesce(json_agg(json_build_object('to_grade', to_grade, 'effective_date', effective_date::text)
       ORDER BY effective_date, approved_at), '[]') FROM career_grade_changes WHERE nip = e.nip) AS changes,
    (SELECT coalesce(json_agg(json_build_object('appraisal_id', appraisal_id, 'period', period, 'predicate', predicate,
       'results', results, 'behaviour', behaviour) ORDER BY period), '[]') FROM career_appraisals WHERE nip = e.nip AND (e.agency_id = $2 OR agency_id = $2)) AS appraisals,
    (SELECT coalesce(json_agg(json_build_object('training_id', training_id, 'title', title, 'hours', hours, 'kind', kind,
       'provider', provider, 'completed_on', completed_on::text, 'certificate_no', certificate_no) ORDER BY completed_on, training_id), '[]')
     FROM career_trainings WHERE nip = e.nip AND (e.agency_id = $2 OR agency_id = $2)) AS trainings,
    (SELECT coalesce(json_agg(json_build_object('case_id', case_id, 'kind', kind, 'from_grade', from_grade, 'to_grade', to_grade,
       'effective_date', effective_date::text, 'status', status, 'stage', stage, 'stage_role', stage_role, 'proposer', proposer,
       'due_at', ${isoSql('due_at')}, 'entered_stage_at', ${isoSql('entered_stage_at')}, 'breached', breached, 'claimed_by', claimed_by,
       'claim_expires_at', ${isoSql('claim_expires_at')}, 'authority', case_state->>'authority') ORDER BY proposed_at, proposed_position), '[]')
     FROM promotion_cases WHERE nip = e.nip AND (e.agency_id = $2 OR agency_id = $2)) AS cases
  FROM career_employees e
  -- The agency the employee works for now, or one they were transferred from (it keeps its own period).
  WHERE e.nip = $1 AND (e.agency_id = $2 OR e.record->'transfers' @> jsonb_build_array(jsonb_build_object('fromAgency', $2::text)))`;

/** The post held the day before `since`: what a former agency saw last. */
function postBefore(record: EmployeeState, since: string): PostRecord | null {
  if (!record.exists) return null;
  return record.postHistory.filter((p) => p.since < since).at(-1) ?? record.postHistory[0] ?? null;
}

/** The highest education recorded before `since` (registration's, or a diploma earned before it). */
function educationBefore(record: EmployeeState, since: string): EducationLevel | null {
  if (!record.exists) return null;
  const earned = record.educationHistory.filter((e) => e.graduatedOn === null || e.graduatedOn < since).map((e) => e.level);
  const registered = record.educationHistory.length === 0 ? [record.education] : [];
  return highestEducation([...registered, ...earned]);
}

/** The last transfer of the employee out of `agency`, if any. */
function leftAgency(record: EmployeeState, agency: string): { toAgency: string; since: string } | null {
  if (!record.exists) return null;
  const out = record.transfers.filter((t) => t.fromAgency === agency).at(-1);
  return out ? { toAgency: out.toAgency, since: out.since } : null;
}

/** `creditPoints` of a functional official's career view: the domain's accrual, the reference's target. */
function careerCreditPoints(
  record: EmployeeState,
  gradeSince: string,
  appraisals: readonly { period: number; predicate: Predicate }[],
  today: string,
  reference: ReferenceData,
): { creditPoints?: { sinceLastPromotion: number; target: number; reached: boolean } } {
  if (!record.exists || record.post.type !== 'FUNGSIONAL') return {};
  const points = creditPointsSinceLastPromotion({ gradeSince, appraisals, employee: record, asOf: today }, reference);
  if (points.target === null) return {};
  return {
    creditPoints: { sinceLastPromotion: roundCreditPoints(points.points), target: points.target, reached: points.reached === true },
  };
}

/** HTTP queries read projections only (views over the generation in service). */
@Injectable()
export class ReadModels {
  private readonly pool: pg.Pool;

  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REFERENCE_DATA) private readonly reference: ReferenceData,
    private readonly delegations: Delegations,
  ) {
    this.pool = poolOf(db);
  }

  /** Whether the actor holds one of `roles`: by the token, or lent today by a delegation (Plt/Plh). */
  private async holdsAny(actor: Actor, roles: readonly Role[]): Promise<boolean> {
    if (actor.roles.some((r) => roles.includes(r))) return true;
    return (await this.delegations.rolesOf(actor)).some((r) => roles.includes(r));
  }

  async agency(agencyId: string, actor: Actor) {
    if (agencyId !== actor.agency) throw notFound('AGENCY.NOT_FOUND', `Agency ${agencyId} not found`);
    const [row] = await this.db.query(`SELECT * FROM agency_configs WHERE agency_id = $1`, [agencyId]);
    if (!row) return { ...defaultAgencySettings(agencyId), configVersion: 0 };
    return {
      agencyId,
      name: row.name,
      timeZone: row.time_zone,
      holidays: row.holidays,
      stages: row.stages,
      units: row.units,
      signatory: row.signatory,
      objectionSla: row.objection_sla,
      configVersion: row.config_version,
      configuredAt: iso(row.configured_at),
      configuredBy: row.configured_by,
    };
  }

  /** The agency's time zone (deadlines are counted in it), for every role: the agency view itself is the admin's. */
  async timeZoneOf(agencyId: string): Promise<string> {
    const { rows } = await this.pool.query<{ time_zone: string }>(
      prepared(`SELECT time_zone FROM agency_configs WHERE agency_id = $1`, [agencyId]),
    );
    return rows[0]?.time_zone ?? DEFAULT_TIME_ZONE;
  }

  async career(nip: string, actor: Actor) {
    const { rows } = await this.pool.query<CareerRow>(prepared(CAREER_SQL, [nip, actor.agency]));
    const employee = rows[0];
    if (!employee) throw notFound('EMPLOYEE.NOT_FOUND', `Employee ${nip} not found`);
    const self = actor.nip === nip && actor.roles.includes('employee');
    const superior = employee.superior_nip === actor.nip;
    // Whoever may decide the stage an open case of the employee waits at reads the career it is decided on.
    const waitingOn = employee.cases.filter((c) => c.status === 'IN_PROGRESS' && c.stage_role !== null).map((c) => c.stage_role as Role);
    if (!self && !superior && !(await this.holdsAny(actor, [...CAREER_READERS, ...waitingOn]))) {
      throw forbidden(
        'CAREER.NOT_ALLOWED',
        'Only the employee themself, their superior, hr, an auditor or the approver of their open case may read a career',
      );
    }
    const now = this.clock.now();
    const today = localDate(now.toISOString(), employee.time_zone ?? defaultAgencySettings(actor.agency).timeZone);
    const { changes, appraisals, trainings, cases } = employee;
    // A former agency reads its own period: what happened before the employee left it.
    const left = employee.agency_id === actor.agency ? null : leftAgency(employee.record, actor.agency);
    const sanctions = left ? employee.sanctions.filter((x) => x.valid_from < left.since) : employee.sanctions;
    const history = left ? employee.history.filter((h) => h.at < left.since) : employee.history;
    // The former agency's view stops the day before the transfer: no grade, post or superior of the new agency's time.
    const asOf = left ? addDaysToDate(left.since, -1) : today;
    const inForce = gradeInForce(
      { grade: employee.grade, gradeSince: day(employee.grade_since) },
      changes.filter((c) => !left || c.effective_date < left.since).map((c) => ({ toGrade: c.to_grade, effectiveDate: c.effective_date })),
      asOf,
    );
    const post = left ? postBefore(employee.record, left.since) : null;
    return {
      nip,
      name: employee.name,
      unitId: post ? post.unitId : employee.unit_id,
      grade: inForce.grade,
      gradeSince: inForce.gradeSince,
      ...(inForce.pendingGrade && !left ? { pendingGrade: inForce.pendingGrade } : {}),
      rankName: rankName(this.reference, inForce.grade),
      timeZone: employee.time_zone ?? DEFAULT_TIME_ZONE,
      ...(left ? { transferred: { toAgency: left.toAgency, since: left.since } } : {}),
      education: left ? educationBefore(employee.record, left.since) : employee.education,
      position: post
        ? {
            title: post.post.title,
            type: post.post.type,
            ...(post.post.eselon ? { eselon: post.post.eselon } : {}),
            ...(post.post.jenjang ? { jenjang: post.post.jenjang } : {}),
            since: post.post.since,
          }
        : {
            title: employee.position_title,
            type: employee.position_type,
            ...(employee.eselon ? { eselon: employee.eselon } : {}),
            ...(employee.jenjang ? { jenjang: employee.jenjang } : {}),
            since: employee.position_since,
          },
      superiorNip: post ? post.superiorNip : employee.superior_nip,
      ...(employee.superior_name && !left ? { superiorName: employee.superior_name } : {}),
      ...(left
        ? {}
        : careerCreditPoints(
            employee.record,
            inForce.gradeSince,
            appraisals.map((a) => ({ period: Number(a.period), predicate: a.predicate as Predicate })),
            today,
            this.reference,
          )),
      jpThisYear: jpInYear(
        trainings.map((t) => ({ hours: t.hours, completedOn: t.completed_on })),
        Number(today.slice(0, 4)),
      ),
      positionTitle: post ? post.post.title : employee.position_title,
      positionType: post ? post.post.type : employee.position_type,
      sanctions: sanctions.map((s) => ({
        sanctionId: s.sanction_id,
        level: s.level,
        type: s.type,
        reason: s.reason,
        decree: s.decree_number === null ? null : { number: s.decree_number, date: s.decree_date },
        from: s.valid_from,
        until: s.valid_until,
        annulled: s.annulment !== null,
        ...(s.annulment ? { annulment: s.annulment } : {}),
      })),
      history,
      appraisals: appraisals.map((a) => ({
        appraisalId: a.appraisal_id,
        period: a.period,
        predicate: a.predicate,
        results: a.results,
        behaviour: a.behaviour,
      })),
      trainings: trainings.map((t) => ({
        trainingId: t.training_id,
        title: t.title,
        hours: t.hours,
        kind: t.kind,
        completedOn: t.completed_on,
        provider: t.provider,
        certificateNo: t.certificate_no,
      })),
      promotions: cases.map((c) => ({
        caseId: c.case_id,
        kind: c.kind,
        fromGrade: c.from_grade,
        toGrade: c.to_grade,
        effectiveDate: c.effective_date,
        status: c.status,
        stage: c.status === 'IN_PROGRESS' || c.status === 'RETURNED' ? c.stage : null,
        dueAt: c.due_at,
        slaState: caseSla(c, now),
        heldBy: holderOf(c, now),
      })),
    };
  }

  /**
   * The nominative list for a coming TMT: employees without an open case who pass every blocking
   * rule of some KP kind, judged by the domain's own rules on the folded record and its facts.
   */
  async eligible(tmt: string, actor: Actor) {
    const now = this.clock.now().toISOString();
    const today = localDate(now, await this.timeZoneOf(actor.agency));
    const problem = effectiveDateProblem(tmt, today, this.reference);
    if (problem)
      throw new DomainError('VALIDATION_FAILED', problem.message, {
        reason: problem.code,
        details: [{ field: 'tmt', message: problem.message }],
      });
    const { rows } = await this.pool.query<{
      nip: string;
      name: string;
      unit_id: string;
      record: EmployeeState;
      changes: ApprovedPromotion[];
      appraisals: { period: number; predicate: Predicate }[];
      trainings: { hours: number; completedOn: string }[];
    }>(
      prepared(
        `SELECT e.nip, e.name, e.unit_id, e.record,
           (SELECT coalesce(json_agg(json_build_object('toGrade', to_grade, 'effectiveDate', effective_date::text)), '[]')
              FROM career_grade_changes g WHERE g.nip = e.nip) AS changes,
           (SELECT coalesce(json_agg(json_build_object('period', period, 'predicate', predicate)), '[]')
              FROM career_appraisals a WHERE a.nip = e.nip) AS appraisals,
           (SELECT coalesce(json_agg(json_build_object('hours', hours, 'completedOn', completed_on::text)), '[]')
              FROM career_trainings t WHERE t.nip = e.nip) AS trainings
         FROM career_employees e
         WHERE e.agency_id = $1
           AND NOT EXISTS (SELECT 1 FROM promotion_cases c WHERE c.nip = e.nip AND c.status IN ('IN_PROGRESS', 'RETURNED'))
         ORDER BY e.unit_id, e.name, e.nip`,
        [actor.agency],
      ),
    );
    const employees = rows.flatMap((r) => {
      if (!r.record.exists) return [];
      const facts = { approvals: r.changes, appraisals: r.appraisals, trainings: r.trainings, reference: this.reference };
      const found = nominations(r.record, facts, tmt, today);
      if (found.length === 0) return [];
      const grade = gradeInForce(r.record, r.changes, today).grade;
      return [{ nip: r.nip, name: r.name, unitId: r.unit_id, grade, kinds: [...new Set(found.map((n) => n.kind))], targets: found }];
    });
    return { tmt, employees };
  }

  /** The case row if the actor may read it: HR, approvers, BKN, auditors, admins and the candidate (else 404/403). */
  async readableCase(caseId: string, actor: Actor): Promise<CaseRow> {
    const [row]: CaseRow[] = await this.db.query(`SELECT * FROM promotion_cases WHERE case_id = $1`, [caseId]);
    if (!row || row.agency_id !== actor.agency) throw notFound('PROMOTION.NOT_FOUND', `Promotion case ${caseId} not found`);
    if (row.nip !== actor.nip && !(await this.holdsAny(actor, CASE_READERS))) {
      throw forbidden('PROMOTION.NOT_ALLOWED', 'Only HR, approvers, BKN, auditors, admins and the candidate may read a case');
    }
    return row;
  }

  async promotionCase(caseId: string, actor: Actor) {
    const row = await this.readableCase(caseId, actor);
    const visits: VisitRow[] = await this.db.query(`SELECT * FROM promotion_stage_visits WHERE case_id = $1 ORDER BY visit_no`, [caseId]);
    const view = caseView(row, visits, this.clock.now());
    return { ...view, names: await this.namesOf(actor.agency, peopleOf(view)) };
  }

  /** Names of the agency's registered employees among `nips` (people are shown by name; an unregistered actor keeps the NIP). */
  private async namesOf(agency: string, nips: readonly string[]): Promise<Record<string, string>> {
    if (nips.length === 0) return {};
    const { rows } = await this.pool.query<{ nip: string; name: string }>(
      prepared(`SELECT nip, name FROM career_employees WHERE agency_id = $1 AND nip = ANY($2::text[])`, [agency, [...new Set(nips)]]),
    );
    return Object.fromEntries(rows.map((r) => [r.nip, r.name]));
  }
}

/** Every NIP a case view names: candidate, proposer, deciders, delegators, claimant. */
function peopleOf(view: ReturnType<typeof caseView>): string[] {
  const nips = [view.nip, view.proposer, view.claimedBy, ...view.stages.flatMap((s) => [s.decidedBy, s.onBehalfOf])];
  return nips.filter((n): n is string => typeof n === 'string' && n.length > 0);
}

/** The case as `GET /api/promotions/{caseId}` shows it; the berkas, pertek and decree are the domain's fold. */
function caseView(row: CaseRow, visits: VisitRow[], now: Date) {
  const open = row.status === 'IN_PROGRESS';
  const state = row.case_state;
  const returned = row.status === 'RETURNED' && state.lastReturn ? state.lastReturn : null;
  return {
    caseId: row.case_id,
    nip: row.nip,
    name: row.name,
    unitId: row.unit_id,
    kind: row.kind,
    fromGrade: row.from_grade,
    toGrade: row.to_grade,
    effectiveDate: day(row.effective_date),
    status: row.status,
    stage: row.status === 'IN_PROGRESS' || row.status === 'RETURNED' ? row.stage : null,
    version: row.version,
    eligible: row.eligible,
    justification: row.justification,
    rules: row.rules,
    referenceVersion: row.reference_version,
    configVersion: row.config_version,
    // Deadlines are counted in the agency's zone: a client shows them in it.
    timeZone: state.calendar.timeZone,
    documents: berkasStatus(state.berkas, []),
    ...(state.pertek ? { pertek: state.pertek } : {}),
    ...(state.decree ? { decree: state.decree } : {}),
    authority: state.authority,
    ...(returned ? { returned: { stage: returned.stage, reason: returned.reason, deficientDocuments: returned.deficientDocuments } } : {}),
    pipeline: state.stages.map((s) => ({ stage: s.id, role: s.role, sla: s.sla })),
    proposer: row.proposer,
    proposedAt: iso(row.proposed_at),
    closedAt: iso(row.closed_at),
    dueAt: open ? iso(row.due_at) : null,
    slaState: caseSla(row, now),
    heldBy: holderOf({ ...row, authority: state.authority }, now),
    claimedBy: claimHolder(row, now),
    stages: visits.map((v, i) => {
      const timing = {
        enteredAt: v.entered_at.toISOString(),
        dueAt: v.due_at.toISOString(),
        leftAt: v.left_at ? v.left_at.toISOString() : null,
        breached: v.breached,
      };
      const onBehalfOf = state.visits[i]?.onBehalfOf ?? null;
      return {
        stage: v.stage,
        role: v.role,
        visit: v.visit_no,
        enteredAt: iso(v.entered_at),
        dueAt: iso(v.due_at),
        ...(v.left_at ? { leftAt: iso(v.left_at) } : {}),
        ...(v.decided_by ? { decidedBy: v.decided_by, decision: v.decision } : {}),
        ...(onBehalfOf ? { onBehalfOf } : {}),
        ...(v.reason ? { reason: v.reason } : {}),
        breached: isVisitBreached(timing, now.toISOString()),
        slaState: visitSlaState(timing, now.toISOString()),
      };
    }),
  };
}

// Row adapters onto the domain's rules (claims, who holds the file, SLA state).

/** Instants as Dates from a plain row, or already as ISO strings (`isoSql`) from the hot reads. */
type Instant = Date | string;
interface ClaimColumns {
  claimed_by: string | null;
  claim_expires_at: Instant | null;
}

const isoOf = (value: Instant): string => (typeof value === 'string' ? value : value.toISOString());

function claimOf(row: ClaimColumns): PromotionClaim | null {
  return row.claimed_by && row.claim_expires_at ? { by: row.claimed_by, expiresAt: isoOf(row.claim_expires_at) } : null;
}

function claimHolder(row: ClaimColumns, now: Date): string | null {
  const claim = claimOf(row);
  return isClaimLive(claim, now.toISOString()) ? claim.by : null;
}

function holderOf(
  row: Pick<CaseRow, 'status' | 'stage_role' | 'proposer' | 'stage'> & ClaimColumns & { authority?: DecreeAuthority },
  now: Date,
): FileHolder | null {
  return heldBy(
    {
      status: row.status,
      stageRole: row.stage_role,
      proposer: row.proposer,
      claim: claimOf(row),
      stage: row.stage,
      authority: row.authority,
    },
    now.toISOString(),
  );
}

/** The current stage's SLA state from the case row (its stage entry and deadline are the current visit's). */
function caseSla(
  row: Pick<CaseRow, 'status' | 'breached'> & Record<'entered_stage_at' | 'due_at', Instant | null>,
  now: Date,
): SlaState | null {
  const current =
    row.entered_stage_at && row.due_at
      ? {
          enteredAt: isoOf(row.entered_stage_at),
          dueAt: isoOf(row.due_at),
          leftAt: null,
          breached: row.breached,
        }
      : null;
  return caseSlaState(row.status, current, now.toISOString());
}

export interface QueueItem {
  caseId: string;
  nip: string;
  name: string;
  kind: string;
  fromGrade: string;
  toGrade: string;
  status: PromotionStatus;
  stage: string;
  enteredStageAt: string | null;
  dueAt: string | null;
  slaState: string | null;
  claimedBy: string | null;
  /** A returned file: why, and which documents of the berkas are wanting. */
  reason?: string;
  deficientDocuments?: string[];
}

/** Pairs of stages one person may both decide (the domain's separation of duties), as `from>to` for the SQL below. */
const ALLOWED_PAIRS = DECISION_PAIRS_ALLOWED.flatMap(([a, b]) => [`${a}>${b}`, `${b}>${a}`]);

/**
 * Open cases the actor may decide now, earliest deadline first (partial index on agency, role, due),
 * then the files returned to the actor as proposer. The SQL applies the domain's separation of
 * duties (held equal to `canDecide` by test/queue-rule.property.int-spec.ts); an acting official's
 * delegated rows are checked with `canDecide` itself.
 */
export async function queueOf(
  db: DataSource,
  actor: Actor,
  now: Date,
  limit: number,
  delegations: readonly ActiveDelegation[] = [],
  timeZone = DEFAULT_TIME_ZONE,
): Promise<QueueItem[]> {
  type QueueRow = Omit<CaseRow, 'entered_stage_at' | 'due_at' | 'claim_expires_at'> &
    Record<'entered_stage_at' | 'due_at' | 'claim_expires_at', string | null> & {
      stage: string;
      visits: StageVisit[];
      conflicts: string[];
      stages: StageDefinition[];
    };
  const today = localDate(now.toISOString(), timeZone);
  const delegated = delegations.filter((d) => delegationInForce(d, today)).map((d) => d.role as string);
  const roles = [...new Set([...actor.roles, ...delegated])];
  const { rows } = await poolOf(db).query<QueueRow>(
    prepared(
      // One ordered index walk per role the actor holds, merged: `stage_role = ANY(...)` would make
      // PostgreSQL fetch and sort every open case of those roles before taking the first page.
      `SELECT c.* FROM unnest($2::text[]) AS role
     CROSS JOIN LATERAL (
       SELECT case_id, nip, name, kind, from_grade, to_grade, status, stage, ${isoSql('entered_stage_at')} AS entered_stage_at,
              ${isoSql('due_at')} AS due_at, breached, claimed_by, ${isoSql('claim_expires_at')} AS claim_expires_at,
              agency_id, proposer, stage_role,
              -- Only a delegate's rows are judged again by the domain: the rest need not carry the fold.
              CASE WHEN $6 THEN visits END AS visits, CASE WHEN $6 THEN conflicts END AS conflicts, CASE WHEN $6 THEN stages END AS stages
       FROM promotion_cases pc
       WHERE agency_id = $1 AND status = 'IN_PROGRESS' AND stage_role = role
         AND nip <> $3 AND proposer <> $3 AND NOT (conflicts ? $3)
         -- Every visit counts (domain sodBreach): a stage returned by the actor earlier is a stage they
         -- decided, and so is one an acting official decided on the actor's behalf.
         AND NOT EXISTS (SELECT 1 FROM promotion_stage_visits v WHERE v.case_id = pc.case_id AND (v.decided_by = $3 OR v.on_behalf_of = $3)
                         AND v.stage <> pc.stage AND NOT ((v.stage || '>' || pc.stage) = ANY($5::text[])))
       ORDER BY pc.due_at, case_id
       LIMIT $4
     ) AS c
     -- due_at is text here: ISO instants in UTC sort as the instants do.
     ORDER BY c.due_at, c.case_id
     LIMIT $4`,
      [actor.agency, roles, actor.nip, limit, ALLOWED_PAIRS, delegated.length > 0],
    ),
  );
  const own = new Set<string>(actor.roles);
  const decidable = rows.filter((r) => {
    if (own.has(r.stage_role ?? '')) return true;
    // Only a delegation brought this row: the domain decides whether the delegate may act on it.
    const state = {
      exists: true,
      status: r.status,
      agencyId: r.agency_id,
      stage: r.stage,
      stages: r.stages,
      nip: r.nip,
      proposer: r.proposer,
      conflicts: r.conflicts,
      visits: r.visits,
    } as unknown as PromotionCase;
    return canDecide(state, { actor: actor.nip, roles: [], agency: actor.agency }, delegations, today);
  });
  const item = (r: QueueRow): QueueItem => ({
    caseId: r.case_id,
    nip: r.nip,
    name: r.name,
    kind: r.kind,
    fromGrade: r.from_grade,
    toGrade: r.to_grade,
    status: r.status,
    stage: r.stage,
    enteredStageAt: r.entered_stage_at,
    dueAt: r.due_at,
    slaState: caseSla(r, now),
    claimedBy: claimHolder(r, now),
  });
  const items = decidable.map(item);
  if (!actor.roles.includes('hr') && !delegated.includes('hr')) return items;
  // A returned file waits on its proposer: it is in their queue, with the reason and what is wanting.
  const { rows: returned } = await poolOf(db).query<QueueRow & { last_return: ReturnRecord | null }>(
    prepared(
      `SELECT case_id, nip, name, kind, from_grade, to_grade, status, stage, NULL AS entered_stage_at, NULL AS due_at, breached,
              NULL AS claimed_by, NULL AS claim_expires_at, case_state->'lastReturn' AS last_return
       FROM promotion_cases WHERE agency_id = $1 AND status = 'RETURNED' AND proposer = $2
       ORDER BY updated_at, case_id LIMIT $3`,
      [actor.agency, actor.nip, limit],
    ),
  );
  return [
    ...items,
    ...returned.map((r) => ({
      ...item(r),
      reason: r.last_return?.reason ?? '',
      deficientDocuments: r.last_return?.deficientDocuments ?? [],
    })),
  ].slice(0, limit);
}
