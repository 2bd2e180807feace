import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { Actor } from '#auth';
import { CLOCK, REFERENCE_DATA, type Clock } from '#config';
import {
  NATIONAL_STAGES,
  belowTrainingRight,
  curveCheck,
  defaultAgencySettings,
  gradeInForce,
  jpMissing,
  localDate,
  parseNip,
  PREDICATES,
  TRAINING_HOURS_PER_YEAR,
  trainingYearWindow,
  visitSlaState,
  type ApprovedPromotion,
  type CheckedBound,
  type Grade,
  type OrganisationRating,
  type Predicate,
  type ReferenceData,
  type StageDefinition,
} from '#domain';
import { DATA_SOURCE } from '#event-store';
import type {
  AppraisalDashboardQuery,
  DashboardFilters,
  PipelineDashboardQuery,
  SlaDashboardQuery,
  TrainingDashboardQuery,
  TrainingWorklistQuery,
} from './dashboard-query.dto.js';

const PROMOTION_STATUSES = ['IN_PROGRESS', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const num = (value: unknown): number => Number(value ?? 0);
const round = (value: unknown, digits: number): number | null => {
  if (value === null || value === undefined) return null;
  const factor = 10 ** digits;
  return Math.round(Number(value) * factor) / factor;
};

interface AgencyFrame {
  timeZone: string;
  stages: StageDefinition[];
  now: Date;
}

/**
 * The four dashboards (docs/api.md §Dashboards), each one SQL aggregate over the dashboard projections,
 * within the actor's agency. Date filters are local dates of the agency's time zone, inclusive.
 */
@Injectable()
export class DashboardQueries {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REFERENCE_DATA) private readonly reference: ReferenceData,
  ) {}

  /**
   * Per stage, the visits that ENTERED the stage within [from, to]: the open ones classified by SLA
   * state now with the domain's `visitSlaState` (one rule, no SQL copy of it), the completed ones
   * (decided APPROVE, RETURN or REJECT) with their compliance and the elapsed hours they spent in the
   * stage, aggregated by the database. A visit ended by a withdrawal is neither.
   */
  async sla(actor: Actor, query: SlaDashboardQuery) {
    const frame = await this.frame(actor.agency);
    const range = this.instantRange(query, frame.timeZone);
    const params = [actor.agency, range.start, range.end, query.unitId ?? null, query.kind ?? null];
    const visits = `SELECT * FROM dashboard_stage_visits
         WHERE agency_id = $1
           AND ($2::timestamptz IS NULL OR entered_at >= $2)
           AND ($3::timestamptz IS NULL OR entered_at < $3)
           AND ($4::text IS NULL OR unit_id = $4)
           AND ($5::text IS NULL OR kind = $5)`;
    const [completedRows, openRows, cycleRows] = await Promise.all([
      this.db.query(
        `WITH v AS (${visits})
         SELECT stage,
                count(*) AS completed,
                count(*) FILTER (WHERE NOT breached AND left_at <= due_at) AS completed_within_sla,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - entered_at) / 3600.0) AS median_hours,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - entered_at) / 3600.0) AS p90_hours
         FROM v WHERE left_at IS NOT NULL AND outcome IN ('APPROVE', 'RETURN', 'REJECT') GROUP BY stage`,
        params,
      ) as Promise<Record<string, unknown>[]>,
      this.db.query(`WITH v AS (${visits}) SELECT stage, entered_at, due_at, breached FROM v WHERE left_at IS NULL`, params) as Promise<
        { stage: string; entered_at: Date; due_at: Date; breached: boolean }[]
      >,
      // Cycle time: from the proposal to the decree, for the cases decreed among those proposed in the range.
      this.db.query(
        `SELECT count(*) AS decreed,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decreed_at - proposed_at) / 86400.0) AS median_days,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decreed_at - proposed_at) / 86400.0) AS p90_days
         FROM dashboard_cases
         WHERE agency_id = $1 AND decreed_at IS NOT NULL
           AND ($2::timestamptz IS NULL OR proposed_at >= $2) AND ($3::timestamptz IS NULL OR proposed_at < $3)
           AND ($4::text IS NULL OR unit_id = $4) AND ($5::text IS NULL OR kind = $5)`,
        params,
      ) as Promise<{ decreed: string; median_days: number | null; p90_days: number | null }[]>,
    ]);
    const now = frame.now.toISOString();
    const rows = new Map<string, Record<string, unknown>>(completedRows.map((r) => [r.stage as string, { ...r }]));
    for (const v of openRows) {
      const row = rows.get(v.stage) ?? { stage: v.stage };
      rows.set(v.stage, row);
      const state = visitSlaState(
        { enteredAt: v.entered_at.toISOString(), dueAt: v.due_at.toISOString(), leftAt: null, breached: v.breached },
        now,
      );
      const column = state === 'BREACHED' ? 'breached' : state === 'AT_RISK' ? 'at_risk' : 'on_track';
      row.open = num(row.open) + 1;
      row[column] = num(row[column]) + 1;
    }
    const byStage = rows;
    const items = this.orderedStages(frame.stages, byStage.keys()).map((stage) => {
      const r = byStage.get(stage) ?? {};
      const completed = num(r.completed);
      const within = num(r.completed_within_sla);
      return {
        stage,
        open: num(r.open),
        onTrack: num(r.on_track),
        atRisk: num(r.at_risk),
        breached: num(r.breached),
        completed,
        completedWithinSla: within,
        compliance: completed === 0 ? null : round(within / completed, 4),
        medianHours: round(r.median_hours, 2),
        p90Hours: round(r.p90_hours, 2),
      };
    });
    const cycle = cycleRows[0];
    return {
      filters: this.filters(query),
      asOf: frame.now.toISOString(),
      dateBasis: 'stageEntry',
      items,
      cycleTime: { decreed: num(cycle?.decreed), medianDays: round(cycle?.median_days, 2), p90Days: round(cycle?.p90_days, 2) },
    };
  }

  /** Cases PROPOSED within [from, to], per stage and status: open cases at their current stage, closed ones at the stage where they closed. */
  async pipeline(actor: Actor, query: PipelineDashboardQuery) {
    const frame = await this.frame(actor.agency);
    const range = this.instantRange(query, frame.timeZone);
    const rows: { stage: string; status: string; n: string }[] = await this.db.query(
      `SELECT stage, status, count(*) AS n
       FROM dashboard_cases
       WHERE agency_id = $1
         AND ($2::timestamptz IS NULL OR proposed_at >= $2)
         AND ($3::timestamptz IS NULL OR proposed_at < $3)
         AND ($4::text IS NULL OR unit_id = $4)
         AND ($5::text IS NULL OR kind = $5)
       GROUP BY stage, status`,
      [actor.agency, range.start, range.end, query.unitId ?? null, query.kind ?? null],
    );
    const zero = () => Object.fromEntries(PROMOTION_STATUSES.map((s) => [s, 0])) as Record<string, number>;
    const counts = new Map<string, Record<string, number>>();
    const totals = zero();
    for (const row of rows) {
      const cell = counts.get(row.stage) ?? zero();
      cell[row.status] = (cell[row.status] ?? 0) + num(row.n);
      totals[row.status] = (totals[row.status] ?? 0) + num(row.n);
      counts.set(row.stage, cell);
    }
    const items = this.orderedStages(frame.stages, counts.keys()).map((stage) => {
      const cell = counts.get(stage) ?? zero();
      return { stage, total: Object.values(cell).reduce((a, b) => a + b, 0), counts: cell };
    });
    return {
      filters: this.filters(query),
      dateBasis: 'proposal',
      items,
      totals: { total: Object.values(totals).reduce((a, b) => a + b, 0), counts: totals },
    };
  }

  /**
   * Per unit (the employee's unit), the JP each employee completed in the window, employees with no
   * training at all included: how many reached 20 JP, the mean, and the Gini coefficient of JP per
   * employee (0 = everyone got the same, towards 1 = a few got it all; null when nobody trained).
   * The window is the calendar year `year` (default this year) or [from, to]; an employee counts
   * when appointed (NIP) on or before the window's last day.
   */
  async training(actor: Actor, query: TrainingDashboardQuery) {
    const frame = await this.frame(actor.agency);
    const today = localDate(frame.now.toISOString(), frame.timeZone);
    let from: string;
    let to: string;
    if (query.from !== undefined || query.to !== undefined) {
      to = query.to ?? today;
      from = query.from ?? `${to.slice(0, 4)}-01-01`;
    } else {
      ({ from, to } = trainingYearWindow(query.year ?? Number(today.slice(0, 4))));
    }
    const rows: Record<string, unknown>[] = await this.db.query(
      `WITH emp AS (
         SELECT nip, unit_id FROM dashboard_employees
         WHERE agency_id = $1 AND appointed_on <= $3::date AND ($4::text IS NULL OR unit_id = $4)
       ), jp AS (
         SELECT nip, sum(hours) AS hours FROM dashboard_trainings
         WHERE agency_id = $1 AND completed_on BETWEEN $2::date AND $3::date
         GROUP BY nip
       ), per AS (
         SELECT e.unit_id, coalesce(jp.hours, 0)::numeric AS hours FROM emp e LEFT JOIN jp USING (nip)
       ), ranked AS (
         SELECT unit_id, hours,
                row_number() OVER (PARTITION BY unit_id ORDER BY hours) AS unit_rank,
                row_number() OVER (ORDER BY hours) AS overall_rank
         FROM per
       ), grouped AS (
         SELECT unit_id, count(*) AS n, sum(hours) AS total, sum(unit_rank * hours) AS weighted,
                count(*) FILTER (WHERE hours >= $5) AS meeting, count(*) FILTER (WHERE hours = 0) AS without
         FROM ranked GROUP BY unit_id
         UNION ALL
         SELECT NULL, count(*), coalesce(sum(hours), 0), coalesce(sum(overall_rank * hours), 0),
                count(*) FILTER (WHERE hours >= $5), count(*) FILTER (WHERE hours = 0)
         FROM ranked
       )
       SELECT unit_id, n, total, meeting, without,
              CASE WHEN n = 0 OR total = 0 THEN NULL
                   ELSE (2 * weighted) / (n * total) - (n + 1)::numeric / n END AS gini
       FROM grouped ORDER BY unit_id NULLS LAST`,
      // `hours >= $5` is the SQL side of the domain's `belowTrainingRight`, on the same constant.
      [actor.agency, from, to, query.unitId ?? null, TRAINING_HOURS_PER_YEAR],
    );
    const shape = (r: Record<string, unknown>) => {
      const employees = num(r.n);
      return {
        unitId: r.unit_id as string | null,
        employees,
        meetingTarget: num(r.meeting),
        shareMeetingTarget: employees === 0 ? null : round(num(r.meeting) / employees, 4),
        meanHours: employees === 0 ? null : round(num(r.total) / employees, 2),
        giniHours: round(r.gini, 4),
        totalHours: num(r.total),
        withoutTraining: num(r.without),
      };
    };
    const overall = rows.find((r) => r.unit_id === null);
    const { unitId: _ignored, ...overallFigures } = shape(overall ?? {});
    return {
      filters: this.filters(query),
      window: { from, to },
      targetHours: TRAINING_HOURS_PER_YEAR,
      items: rows.filter((r) => r.unit_id !== null).map(shape),
      overall: overallFigures,
    };
  }

  /**
   * The nomination worklist: per unit (units in order, only those with someone short), the agency's
   * employees whose JP in the calendar year `year` (default this year in the agency's zone) are below
   * the 20 JP right, fewest JP first, then by name. Employees without any training count with 0; an
   * employee's JP are every training on their record that year, as on their career view; people
   * appointed (NIP) after the year are left out, as on the training dashboard.
   */
  async trainingWorklist(actor: Actor, query: TrainingWorklistQuery) {
    const frame = await this.frame(actor.agency);
    const today = localDate(frame.now.toISOString(), frame.timeZone);
    const year = query.year ?? Number(today.slice(0, 4));
    const { from, to } = trainingYearWindow(year);
    const rows: {
      nip: string;
      name: string;
      unit_id: string;
      grade: Grade;
      grade_since: string;
      changes: ApprovedPromotion[];
      jp: number;
    }[] = await this.db.query(
      `SELECT e.nip, e.name, e.unit_id, e.grade, e.grade_since::text AS grade_since,
              (SELECT coalesce(json_agg(json_build_object('toGrade', to_grade, 'effectiveDate', effective_date::text)
                 ORDER BY effective_date, approved_at), '[]') FROM career_grade_changes g WHERE g.nip = e.nip) AS changes,
              (SELECT coalesce(sum(t.hours), 0)::integer FROM career_trainings t
                WHERE t.nip = e.nip AND t.completed_on BETWEEN $2::date AND $3::date) AS jp
       FROM career_employees e
       WHERE e.agency_id = $1 AND ($4::text IS NULL OR e.unit_id = $4)`,
      [actor.agency, from, to, query.unitId ?? null],
    );
    const lastMonth = `${year}-12`;
    const short = rows
      .filter((r) => belowTrainingRight(r.jp) && (parseNip(r.nip)?.appointment ?? '') <= lastMonth)
      .sort((a, b) => a.jp - b.jp || compare(a.name, b.name) || compare(a.nip, b.nip));
    const units = new Map<string, { nip: string; name: string; grade: Grade; jp: number; missing: number }[]>();
    for (const r of short) {
      const list = units.get(r.unit_id) ?? [];
      list.push({
        nip: r.nip,
        name: r.name,
        grade: gradeInForce({ grade: r.grade, gradeSince: r.grade_since }, r.changes, today).grade,
        jp: r.jp,
        missing: jpMissing(r.jp),
      });
      units.set(r.unit_id, list);
    }
    return {
      filters: this.filters(query),
      year,
      window: { from, to },
      targetHours: TRAINING_HOURS_PER_YEAR,
      items: [...units.entries()].sort(([a], [b]) => compare(a, b)).map(([unitId, employees]) => ({ unitId, employees })),
      total: short.length,
    };
  }

  /** Per unit, appraisals per predikat: of one period (or every period), submitted within [from, to]. */
  async appraisals(actor: Actor, query: AppraisalDashboardQuery) {
    const frame = await this.frame(actor.agency);
    const range = this.instantRange(query, frame.timeZone);
    const params = [actor.agency, query.period ?? null, range.start, range.end, query.unitId ?? null];
    const where = `agency_id = $1
         AND ($2::integer IS NULL OR period = $2)
         AND ($3::timestamptz IS NULL OR submitted_at >= $3)
         AND ($4::timestamptz IS NULL OR submitted_at < $4)
         AND ($5::text IS NULL OR unit_id = $5)`;
    const [rows, periods]: [{ unit_id: string; predicate: string; n: string }[], { period: number }[]] = await Promise.all([
      this.db.query(
        `SELECT unit_id, predicate, count(*) AS n FROM dashboard_appraisals WHERE ${where} GROUP BY unit_id, predicate`,
        params,
      ),
      this.db.query(
        `SELECT DISTINCT period FROM dashboard_appraisals WHERE agency_id = $1 AND ($2::text IS NULL OR unit_id = $2) ORDER BY period`,
        [actor.agency, query.unitId ?? null],
      ),
    ]);
    const zero = () => Object.fromEntries(PREDICATES.map((p) => [p, 0])) as Record<string, number>;
    const units = new Map<string, Record<string, number>>();
    const overall = zero();
    for (const row of rows) {
      const counts = units.get(row.unit_id) ?? zero();
      counts[row.predicate] = (counts[row.predicate] ?? 0) + num(row.n);
      overall[row.predicate] = (overall[row.predicate] ?? 0) + num(row.n);
      units.set(row.unit_id, counts);
    }
    // The curve needs the period: a rating is a year's. Rated units nobody was appraised in are shown too.
    const ratings =
      query.period === undefined ? new Map<string, OrganisationRating>() : await this.unitRatings(actor.agency, query.period, query.unitId);
    for (const unitId of ratings.keys()) if (!units.has(unitId)) units.set(unitId, zero());
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      filters: this.filters(query),
      dateBasis: 'submission',
      periods: periods.map((p) => p.period),
      items: [...units.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([unitId, counts]) => {
          const rating = ratings.get(unitId);
          // One appraisal per employee and period (a uniqueness key), so appraisals counted are employees.
          const employees = sum(counts);
          return {
            unitId,
            total: employees,
            employees,
            counts,
            ...(rating ? { rating } : {}),
            bounds: rating ? this.bounds(rating, counts) : [],
          };
        }),
      overall: { total: sum(overall), counts: overall },
    };
  }

  /**
   * The bounds a unit breaks once an appraisal just recorded is counted: advisory, from the
   * projections (which may lag the command; the appraisal itself is added when not yet projected).
   */
  async curveWarnings(agencyId: string, appraisal: { appraisalId: string; unitId: string; period: number; predicate: Predicate }) {
    const ratings = await this.unitRatings(agencyId, appraisal.period, appraisal.unitId);
    const rating = ratings.get(appraisal.unitId);
    if (!rating) return [];
    const rows: { predicate: string; n: string; has_it: boolean }[] = await this.db.query(
      `SELECT predicate, count(*) AS n, bool_or(appraisal_id = $4) AS has_it FROM dashboard_appraisals
       WHERE agency_id = $1 AND period = $2 AND unit_id = $3 GROUP BY predicate`,
      [agencyId, appraisal.period, appraisal.unitId, appraisal.appraisalId],
    );
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.predicate] = num(row.n);
    if (!rows.some((r) => r.has_it)) counts[appraisal.predicate] = (counts[appraisal.predicate] ?? 0) + 1;
    return this.bounds(rating, counts).filter((b) => b.broken);
  }

  private async unitRatings(agencyId: string, year: number, unitId: string | undefined): Promise<Map<string, OrganisationRating>> {
    const rows: { unit_id: string; rating: OrganisationRating }[] = await this.db.query(
      `SELECT unit_id, rating FROM unit_ratings WHERE agency_id = $1 AND year = $2 AND ($3::text IS NULL OR unit_id = $3)`,
      [agencyId, year, unitId ?? null],
    );
    return new Map(rows.map((r) => [r.unit_id, r.rating]));
  }

  /** The national bounds of the rating, checked on the unit's counts; shares unrounded. */
  private bounds(rating: OrganisationRating, counts: Record<string, number>) {
    return curveCheck(this.reference.distribution.bounds[rating] ?? [], counts).map((b: CheckedBound) => ({
      predicate: b.predicates.join('|'),
      predicates: b.predicates,
      ...(b.minShare !== undefined ? { min: b.minShare } : {}),
      ...(b.maxShare !== undefined ? { max: b.maxShare } : {}),
      ...(b.minCount !== undefined ? { minCount: b.minCount } : {}),
      count: b.count,
      share: b.share,
      broken: b.broken,
    }));
  }

  private async frame(agencyId: string): Promise<AgencyFrame> {
    const [row]: { time_zone: string }[] = await this.db.query(`SELECT time_zone FROM agency_configs WHERE agency_id = $1`, [agencyId]);
    return {
      timeZone: row?.time_zone ?? defaultAgencySettings(agencyId).timeZone,
      // Stage order and roles are national; an agency only sets their SLAs.
      stages: NATIONAL_STAGES.map(({ id, role, sla }) => ({ id, role, sla })),
      now: this.clock.now(),
    };
  }

  /** [start of `from`, start of the day after `to`) in the agency's zone, as instants; null = open. */
  private instantRange(query: DashboardFilters, timeZone: string): { start: string | null; end: string | null } {
    const at = (date: string, plusDays: number) =>
      DateTime.fromISO(date, { zone: timeZone }).plus({ days: plusDays }).toUTC().toISO() as string;
    return { start: query.from ? at(query.from, 0) : null, end: query.to ? at(query.to, 1) : null };
  }

  /** The agency's configured stages in pipeline order, then any other stage seen in the data. */
  private orderedStages(configured: StageDefinition[], seen: Iterable<string>): string[] {
    const order = configured.map((s) => s.id);
    const extra = [...seen].filter((s) => !(order as string[]).includes(s)).sort();
    return [...order, ...extra];
  }

  private filters(query: object): Record<string, unknown> {
    return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
  }
}
