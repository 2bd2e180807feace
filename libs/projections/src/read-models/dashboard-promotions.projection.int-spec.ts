import { describe, expect, test } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { projectionSpec, PROMOTION_CAST, promotionEvents as e } from '#testing';
import { dashboardPromotionsProjection } from './dashboard-promotions.projection.js';

const { agency, unit, verifier, committee, ppk, bkn } = PROMOTION_CAST;
const CASE = 'case-7f3a';

const T_PROPOSED = '2026-03-02T03:00:00.000Z';
const VERIFICATION_DUE = '2026-03-04T03:00:00.000Z';
const T_VERIFIED = '2026-03-03T02:00:00.000Z';
const COMMITTEE_DUE = '2026-03-10T02:00:00.000Z';
const T_RETURNED = '2026-03-05T04:00:00.000Z';
const T_RESUBMITTED = '2026-03-06T01:00:00.000Z';
const COMMITTEE_DUE_2 = '2026-03-13T01:00:00.000Z';
const T_BREACHED = '2026-03-13T02:00:00.000Z';
const T_COMMITTEE = '2026-03-16T03:00:00.000Z';
const APPROVAL_DUE = '2026-03-19T03:00:00.000Z';
const T_APPROVED = '2026-03-18T01:00:00.000Z';
const BKN_DUE = '2026-03-20T01:00:00.000Z';
const T_PERTEK = '2026-03-19T07:00:00.000Z';
const DECREE_DUE = '2026-03-26T07:00:00.000Z';
const T_DECREE = '2026-03-23T02:00:00.000Z';

const proposed = e.proposed(CASE, T_PROPOSED, VERIFICATION_DUE);
const verified = e.stageApproved(CASE, 'verification', 'committee', verifier, T_VERIFIED, COMMITTEE_DUE);
const returned = e.returned(CASE, 'committee', committee, T_RETURNED, 'SKP 2025 missing');
const resubmitted = e.resubmitted(CASE, 'committee', T_RESUBMITTED, COMMITTEE_DUE_2);
const breached = e.slaBreached(CASE, 'committee', 2, COMMITTEE_DUE_2, T_BREACHED, committee);
const committeeApproved = e.stageApproved(CASE, 'committee', 'approval', committee, T_COMMITTEE, APPROVAL_DUE);
const sentToBkn = e.stageApproved(CASE, 'approval', 'bkn', ppk, T_APPROVED, BKN_DUE);
const pertek = e.stageApproved(CASE, 'bkn', 'decree', bkn, T_PERTEK, DECREE_DUE);
const decreed = e.approved(CASE, 'decree', ppk, T_DECREE);

const at = (iso: string) => new Date(iso);

async function theCase(db: DataSource, table: string): Promise<Record<string, unknown>> {
  const rows: Record<string, unknown>[] = await db.query(`SELECT * FROM ${table} WHERE case_id = $1`, [CASE]);
  expect(rows).toHaveLength(1);
  // The domain's visits the projection folds with (its working state) are asserted through the visit rows.
  const { visits: _visits, ...columns } = rows[0];
  return columns;
}

const visits = (db: DataSource, table: string) => db.query(`SELECT * FROM ${table} WHERE case_id = $1 ORDER BY visit_no`, [CASE]);

const visit = (
  visit_no: number,
  stage: string,
  stage_visit: number,
  entered: string,
  due: string,
  closed?: { left: string; outcome: string },
) => ({
  case_id: CASE,
  visit_no,
  stage,
  stage_visit,
  agency_id: agency,
  unit_id: unit,
  kind: 'REGULAR',
  entered_at: at(entered),
  due_at: at(due),
  left_at: closed ? at(closed.left) : null,
  outcome: closed?.outcome ?? null,
  breached: false,
});

describe('dashboard-promotions projection', () => {
  const spec = projectionSpec(dashboardPromotionsProjection);

  test('a proposal is a case in progress at the first stage and one open visit, agency and unit on both', () =>
    spec.when([proposed]).then(async (db, t) => {
      expect(await theCase(db, t.dashboard_cases)).toEqual({
        case_id: CASE,
        agency_id: agency,
        unit_id: unit,
        status: 'IN_PROGRESS',
        stage: 'verification',
        kind: 'REGULAR',
        eligible: true,
        proposed_at: at(T_PROPOSED),
        closed_at: null,
        decreed_at: null,
      });
      expect(await visits(db, t.dashboard_stage_visits)).toEqual([visit(1, 'verification', 1, T_PROPOSED, VERIFICATION_DUE)]);
    }));

  test('the KP kind is on the case and on each of its visits (the SLA dashboard answers per kind)', () =>
    spec
      .given([e.proposed(CASE, T_PROPOSED, VERIFICATION_DUE, { kind: 'STRUCTURAL', toGrade: 'III/c' })])
      .when([verified])
      .then(async (db, t) => {
        expect(await theCase(db, t.dashboard_cases)).toMatchObject({ kind: 'STRUCTURAL' });
        const rows: { kind: string }[] = await visits(db, t.dashboard_stage_visits);
        expect(rows.map((v) => v.kind)).toEqual(['STRUCTURAL', 'STRUCTURAL']);
      }));

  test('a stage approval closes the visit as APPROVE and opens the next stage', () =>
    spec
      .given([proposed])
      .when([verified])
      .then(async (db, t) => {
        expect(await theCase(db, t.dashboard_cases)).toMatchObject({ status: 'IN_PROGRESS', stage: 'committee', closed_at: null });
        expect(await visits(db, t.dashboard_stage_visits)).toEqual([
          visit(1, 'verification', 1, T_PROPOSED, VERIFICATION_DUE, { left: T_VERIFIED, outcome: 'APPROVE' }),
          visit(2, 'committee', 1, T_VERIFIED, COMMITTEE_DUE),
        ]);
      }));

  test('a return closes the visit as RETURN; the case is RETURNED at that stage and still open', () =>
    spec
      .given([proposed, verified])
      .when([returned])
      .then(async (db, t) => {
        expect(await theCase(db, t.dashboard_cases)).toMatchObject({ status: 'RETURNED', stage: 'committee', closed_at: null });
        const rows = await visits(db, t.dashboard_stage_visits);
        expect(rows[1]).toEqual(visit(2, 'committee', 1, T_VERIFIED, COMMITTEE_DUE, { left: T_RETURNED, outcome: 'RETURN' }));
      }));

  test('a resubmission opens the second visit of the returning stage', () =>
    spec
      .given([proposed, verified, returned])
      .when([resubmitted])
      .then(async (db, t) => {
        expect(await theCase(db, t.dashboard_cases)).toMatchObject({ status: 'IN_PROGRESS', stage: 'committee' });
        const rows = await visits(db, t.dashboard_stage_visits);
        expect(rows).toHaveLength(3);
        expect(rows[2]).toEqual(visit(3, 'committee', 2, T_RESUBMITTED, COMMITTEE_DUE_2));
      }));

  test('a breach marks the current visit of that stage, not the earlier one', () =>
    spec
      .given([proposed, verified, returned, resubmitted])
      .when([breached])
      .then(async (db, t) => {
        const rows = await visits(db, t.dashboard_stage_visits);
        expect(
          rows.map((v: { visit_no: number; stage_visit: number; breached: boolean }) => [v.visit_no, v.stage_visit, v.breached]),
        ).toEqual([
          [1, 1, false],
          [2, 1, false],
          [3, 2, true],
        ]);
      }));

  test('a breach of a first visit stays on it when the stage is visited again', () =>
    spec
      .given([proposed, verified])
      .when([
        e.slaBreached(CASE, 'committee', 1, COMMITTEE_DUE, '2026-03-10T03:00:00.000Z'),
        e.returned(CASE, 'committee', committee, '2026-03-11T01:00:00.000Z', 'Late and incomplete'),
        e.resubmitted(CASE, 'committee', '2026-03-12T01:00:00.000Z', '2026-03-19T01:00:00.000Z'),
      ])
      .then(async (db, t) => {
        const rows = await visits(db, t.dashboard_stage_visits);
        expect(rows.map((v: { visit_no: number; stage: string; breached: boolean }) => [v.visit_no, v.stage, v.breached])).toEqual([
          [1, 'verification', false],
          [2, 'committee', true],
          [3, 'committee', false],
        ]);
      }));

  test('the whole path to the decree: the case closes at its last stage, decreed, every visit ended, the breach kept', () =>
    spec
      .given([proposed, verified, returned, resubmitted, breached])
      .when([committeeApproved, sentToBkn, pertek, decreed])
      .then(async (db, t) => {
        expect(await theCase(db, t.dashboard_cases)).toMatchObject({
          status: 'APPROVED',
          stage: 'decree',
          closed_at: at(T_DECREE),
          decreed_at: at(T_DECREE),
        });
        expect(await visits(db, t.dashboard_stage_visits)).toEqual([
          visit(1, 'verification', 1, T_PROPOSED, VERIFICATION_DUE, { left: T_VERIFIED, outcome: 'APPROVE' }),
          visit(2, 'committee', 1, T_VERIFIED, COMMITTEE_DUE, { left: T_RETURNED, outcome: 'RETURN' }),
          { ...visit(3, 'committee', 2, T_RESUBMITTED, COMMITTEE_DUE_2, { left: T_COMMITTEE, outcome: 'APPROVE' }), breached: true },
          visit(4, 'approval', 1, T_COMMITTEE, APPROVAL_DUE, { left: T_APPROVED, outcome: 'APPROVE' }),
          visit(5, 'bkn', 1, T_APPROVED, BKN_DUE, { left: T_PERTEK, outcome: 'APPROVE' }),
          visit(6, 'decree', 1, T_PERTEK, DECREE_DUE, { left: T_DECREE, outcome: 'APPROVE' }),
        ]);
      }));

  test('a rejection closes the case at the rejecting stage and the visit as REJECT', () =>
    spec
      .given([proposed, verified])
      .when([e.rejected(CASE, 'committee', committee, T_RETURNED, 'Does not meet the bar')])
      .then(async (db, t) => {
        expect(await theCase(db, t.dashboard_cases)).toMatchObject({ status: 'REJECTED', stage: 'committee', closed_at: at(T_RETURNED) });
        const rows = await visits(db, t.dashboard_stage_visits);
        expect(rows[1]).toEqual(visit(2, 'committee', 1, T_VERIFIED, COMMITTEE_DUE, { left: T_RETURNED, outcome: 'REJECT' }));
      }));

  test('a withdrawal in progress ends the open visit as WITHDRAWN', () =>
    spec
      .given([proposed, verified])
      .when([e.withdrawn(CASE, 'committee', '2026-03-04T02:00:00.000Z', 'Candidate moved agency')])
      .then(async (db, t) => {
        expect(await theCase(db, t.dashboard_cases)).toMatchObject({
          status: 'WITHDRAWN',
          stage: 'committee',
          closed_at: at('2026-03-04T02:00:00.000Z'),
        });
        const rows = await visits(db, t.dashboard_stage_visits);
        expect(rows[1]).toEqual(
          visit(2, 'committee', 1, T_VERIFIED, COMMITTEE_DUE, { left: '2026-03-04T02:00:00.000Z', outcome: 'WITHDRAWN' }),
        );
      }));

  test('a withdrawal of a returned case ends the case and leaves the returned visit as it was', () =>
    spec
      .given([proposed, verified, returned])
      .when([e.withdrawn(CASE, 'committee', '2026-03-05T05:00:00.000Z', null)])
      .then(async (db, t) => {
        expect(await theCase(db, t.dashboard_cases)).toMatchObject({
          status: 'WITHDRAWN',
          stage: 'committee',
          closed_at: at('2026-03-05T05:00:00.000Z'),
        });
        const rows = await visits(db, t.dashboard_stage_visits);
        expect(rows.map((v: { outcome: string }) => v.outcome)).toEqual(['APPROVE', 'RETURN']);
      }));

  test('claims leave the dashboard rows alone', () =>
    spec
      .given([proposed])
      .when([
        e.claimed(CASE, 'verification', verifier, '2026-03-02T04:00:00.000Z', '2026-03-02T06:00:00.000Z'),
        e.claimReleased(CASE, 'verification', verifier, '2026-03-02T05:00:00.000Z'),
      ])
      .then(async (db, t) => {
        expect(await theCase(db, t.dashboard_cases)).toMatchObject({ status: 'IN_PROGRESS', stage: 'verification' });
        expect(await visits(db, t.dashboard_stage_visits)).toEqual([visit(1, 'verification', 1, T_PROPOSED, VERIFICATION_DUE)]);
      }));

  test('cases of different units are kept apart', () =>
    spec
      .given([proposed, e.proposed('case-other', T_PROPOSED, VERIFICATION_DUE, { nip: '199002022015022002', unitId: 'sekretariat' })])
      .when([verified])
      .then(async (db, t) => {
        expect(await db.query(`SELECT case_id, unit_id, stage FROM ${t.dashboard_cases} ORDER BY case_id`)).toEqual([
          { case_id: CASE, unit_id: unit, stage: 'committee' },
          { case_id: 'case-other', unit_id: 'sekretariat', stage: 'verification' },
        ]);
        expect(await db.query(`SELECT case_id, visit_no, unit_id FROM ${t.dashboard_stage_visits} ORDER BY case_id, visit_no`)).toEqual([
          { case_id: CASE, visit_no: 1, unit_id: unit },
          { case_id: CASE, visit_no: 2, unit_id: unit },
          { case_id: 'case-other', visit_no: 1, unit_id: 'sekretariat' },
        ]);
      }));
});
