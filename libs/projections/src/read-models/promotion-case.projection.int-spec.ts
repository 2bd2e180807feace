import { describe, expect, test } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { projectionSpec, PROMOTION_CAST, PROMOTION_STAGES, promotionEvents as e } from '#testing';
import { promotionCaseProjection } from './promotion-case.projection.js';

const { agency, unit, candidate, proposer, verifier, committee, ppk, bkn } = PROMOTION_CAST;
const CASE = 'case-7f3a';

// One case's life: proposed, verified, returned by the committee, resubmitted, late, approved, BKN's pertek, the decree.
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
const T_FINAL = '2026-03-23T02:00:00.000Z';

const proposed = e.proposed(CASE, T_PROPOSED, VERIFICATION_DUE);
const verified = e.stageApproved(CASE, 'verification', 'committee', verifier, T_VERIFIED, COMMITTEE_DUE, 'Documents complete');
const returned = e.returned(CASE, 'committee', committee, T_RETURNED, 'SKP 2025 missing');
const resubmitted = e.resubmitted(CASE, 'committee', T_RESUBMITTED, COMMITTEE_DUE_2);
const breached = e.slaBreached(CASE, 'committee', 2, COMMITTEE_DUE_2, T_BREACHED, committee);
const committeeApproved = e.stageApproved(CASE, 'committee', 'approval', committee, T_COMMITTEE, APPROVAL_DUE);
const sentToBkn = e.stageApproved(CASE, 'approval', 'bkn', ppk, T_APPROVED, BKN_DUE);
const pertek = e.stageApproved(CASE, 'bkn', 'decree', bkn, T_PERTEK, DECREE_DUE);
const approved = e.approved(CASE, 'decree', ppk, T_FINAL, 'Sah');

const at = (iso: string) => new Date(iso);

async function theCase(db: DataSource, table: string): Promise<Record<string, unknown>> {
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT status, stage, stage_role, version, deciders, claimed_by, claim_expires_at, entered_stage_at, due_at, breached,
            proposed_at, proposed_position::int AS proposed_position, closed_at, updated_at, last_position::int AS last_position
     FROM ${table} WHERE case_id = $1`,
    [CASE],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

const visits = (db: DataSource, table: string) => db.query(`SELECT * FROM ${table} WHERE case_id = $1 ORDER BY visit_no`, [CASE]);

const openVisit = (visit_no: number, stage: string, role: string, entered: string, due: string) => ({
  case_id: CASE,
  visit_no,
  stage,
  role,
  entered_at: at(entered),
  due_at: at(due),
  left_at: null,
  decided_by: null,
  on_behalf_of: null,
  decision: null,
  reason: null,
  breached: false,
});

describe('promotion-cases projection', () => {
  const spec = projectionSpec(promotionCaseProjection);

  test('a proposal is a case in progress at the first stage, with the whole proposal and one open visit', () =>
    spec.when([proposed]).then(async (db, t) => {
      const rows = await db.query(
        `SELECT case_id, agency_id, nip, name, unit_id, kind, from_grade, to_grade, effective_date::text AS effective_date,
                justification, eligible, rules, reference_version, config_version, stages, proposer, conflicts
         FROM ${t.promotion_cases}`,
      );
      expect(rows).toEqual([
        {
          case_id: CASE,
          agency_id: agency,
          nip: candidate,
          name: 'Cut Nyak Meutia',
          unit_id: unit,
          kind: 'REGULAR',
          from_grade: 'III/b',
          to_grade: 'III/c',
          effective_date: '2026-04-01',
          justification: 'Four years of consistent performance',
          eligible: true,
          rules: [{ rule: 'GRADE_STEP', passed: true, blocking: true, detail: 'III/c is one step above III/b' }],
          reference_version: '2026.1',
          config_version: 0,
          stages: PROMOTION_STAGES,
          proposer,
          conflicts: [],
        },
      ]);
      expect(await theCase(db, t.promotion_cases)).toEqual({
        status: 'IN_PROGRESS',
        stage: 'verification',
        stage_role: 'verifier',
        version: 1,
        deciders: {},
        claimed_by: null,
        claim_expires_at: null,
        entered_stage_at: at(T_PROPOSED),
        due_at: at(VERIFICATION_DUE),
        breached: false,
        proposed_at: at(T_PROPOSED),
        closed_at: null,
        updated_at: at(T_PROPOSED),
        proposed_position: 1,
        last_position: 1,
      });
      expect(await visits(db, t.promotion_stage_visits)).toEqual([openVisit(1, 'verification', 'verifier', T_PROPOSED, VERIFICATION_DUE)]);
    }));

  test('a proposal of another KP kind keeps its kind, its rules and the reference version it was judged under', () =>
    spec
      .when([
        e.proposed(CASE, T_PROPOSED, VERIFICATION_DUE, {
          kind: 'STRUCTURAL',
          rules: [{ rule: 'POST_RANGE', passed: true, blocking: true, detail: 'III/c is within IV.a (III/c–III/d)' }],
        }),
      ])
      .then(async (db, t) => {
        expect(await db.query(`SELECT kind, eligible, rules, reference_version FROM ${t.promotion_cases}`)).toEqual([
          {
            kind: 'STRUCTURAL',
            eligible: true,
            rules: [{ rule: 'POST_RANGE', passed: true, blocking: true, detail: 'III/c is within IV.a (III/c–III/d)' }],
            reference_version: '2026.1',
          },
        ]);
      }));

  test('uploads and verdicts count as versions and are kept in the folded case', () =>
    spec
      .given([proposed])
      .when([
        e.documentUploaded(CASE, 'doc-1', '2026-03-02T04:00:00.000Z'),
        e.documentsReviewed(CASE, verifier, '2026-03-02T05:00:00.000Z', [{ documentId: 'doc-1', verdict: 'DEFICIENT', note: 'Buram' }]),
      ])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({
          version: 3,
          stage: 'verification',
          updated_at: at('2026-03-02T05:00:00.000Z'),
        });
        const [{ berkas }]: { berkas: { type: string; current: { documentId: string; verdict: string; note: string } | null }[] }[] =
          await db.query(`SELECT case_state->'berkas' AS berkas FROM ${t.promotion_cases}`);
        expect(berkas.find((b) => b.type === 'LAST_GRADE_DECREE')?.current).toMatchObject({
          documentId: 'doc-1',
          verdict: 'DEFICIENT',
          note: 'Buram',
        });
      }));

  test('a conflict of interest is on the row, so the queue leaves the case out for the declarer', () =>
    spec
      .given([proposed])
      .when([e.conflictDeclared(CASE, verifier, '2026-03-02T04:00:00.000Z')])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({ version: 2, stage: 'verification', stage_role: 'verifier' });
        expect(await db.query(`SELECT conflicts FROM ${t.promotion_cases}`)).toEqual([{ conflicts: [verifier] }]);
      }));

  test('a stage approval closes the visit with its decider and opens the next stage with its role and deadline', () =>
    spec
      .given([proposed])
      .when([verified])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({
          status: 'IN_PROGRESS',
          stage: 'committee',
          stage_role: 'committee',
          version: 2,
          deciders: { verification: verifier },
          entered_stage_at: at(T_VERIFIED),
          due_at: at(COMMITTEE_DUE),
          breached: false,
          closed_at: null,
          updated_at: at(T_VERIFIED),
          proposed_position: 1,
          last_position: 2,
        });
        expect(await visits(db, t.promotion_stage_visits)).toEqual([
          {
            ...openVisit(1, 'verification', 'verifier', T_PROPOSED, VERIFICATION_DUE),
            left_at: at(T_VERIFIED),
            decided_by: verifier,
            decision: 'APPROVE',
            reason: 'Documents complete',
          },
          openVisit(2, 'committee', 'committee', T_VERIFIED, COMMITTEE_DUE),
        ]);
      }));

  test('a return waits on the proposer: no role, no deadline, the returning stage remembered', () =>
    spec
      .given([proposed, verified])
      .when([returned])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({
          status: 'RETURNED',
          stage: 'committee',
          stage_role: null,
          due_at: null,
          version: 3,
          deciders: { verification: verifier, committee },
          closed_at: null,
        });
        const rows = await visits(db, t.promotion_stage_visits);
        expect(rows).toHaveLength(2);
        expect(rows[1]).toEqual({
          ...openVisit(2, 'committee', 'committee', T_VERIFIED, COMMITTEE_DUE),
          left_at: at(T_RETURNED),
          decided_by: committee,
          decision: 'RETURN',
          reason: 'SKP 2025 missing',
        });
      }));

  test('a resubmission re-enters the returning stage as a new visit with a new deadline', () =>
    spec
      .given([proposed, verified, returned])
      .when([resubmitted])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({
          status: 'IN_PROGRESS',
          stage: 'committee',
          stage_role: 'committee',
          entered_stage_at: at(T_RESUBMITTED),
          due_at: at(COMMITTEE_DUE_2),
          breached: false,
          version: 4,
        });
        const rows = await visits(db, t.promotion_stage_visits);
        expect(rows.map((v: { visit_no: number; stage: string; decision: string | null }) => [v.visit_no, v.stage, v.decision])).toEqual([
          [1, 'verification', 'APPROVE'],
          [2, 'committee', 'RETURN'],
          [3, 'committee', null],
        ]);
        expect(rows[2]).toEqual(openVisit(3, 'committee', 'committee', T_RESUBMITTED, COMMITTEE_DUE_2));
      }));

  test('a breach marks the current visit of that stage, not the earlier one, and the case', () =>
    spec
      .given([proposed, verified, returned, resubmitted])
      .when([breached])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({
          status: 'IN_PROGRESS',
          breached: true,
          version: 5,
          updated_at: at(T_BREACHED),
        });
        const rows = await visits(db, t.promotion_stage_visits);
        expect(rows.map((v: { visit_no: number; breached: boolean }) => [v.visit_no, v.breached])).toEqual([
          [1, false],
          [2, false],
          [3, true],
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
        expect(await theCase(db, t.promotion_cases)).toMatchObject({ status: 'IN_PROGRESS', breached: false, version: 5 });
        const rows = await visits(db, t.promotion_stage_visits);
        expect(rows.map((v: { visit_no: number; stage: string; breached: boolean }) => [v.visit_no, v.stage, v.breached])).toEqual([
          [1, 'verification', false],
          [2, 'committee', true],
          [3, 'committee', false],
        ]);
      }));

  test('the whole path to the decree: closed, no stage, every stage decider, the breach kept on its visit', () =>
    spec
      .given([proposed, verified, returned, resubmitted, breached])
      .when([committeeApproved, sentToBkn, pertek, approved])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toEqual({
          status: 'APPROVED',
          stage: null,
          stage_role: null,
          version: 9,
          deciders: { verification: verifier, committee, approval: ppk, bkn, decree: ppk },
          claimed_by: null,
          claim_expires_at: null,
          entered_stage_at: at(T_PERTEK),
          due_at: null,
          breached: false,
          proposed_at: at(T_PROPOSED),
          closed_at: at(T_FINAL),
          updated_at: at(T_FINAL),
          proposed_position: 1,
          last_position: 9,
        });
        const [{ pertek: recorded, decree }]: { pertek: unknown; decree: unknown }[] = await db.query(
          `SELECT case_state->'pertek' AS pertek, case_state->'decree' AS decree FROM ${t.promotion_cases}`,
        );
        expect(recorded).toEqual({ number: 'AC-11-KP-0042/2026', date: T_PERTEK.slice(0, 10) });
        expect(decree).toMatchObject({ number: '823.3/114/BKPSDM/2026', authority: 'PPK' });
        const rows = await visits(db, t.promotion_stage_visits);
        expect(rows).toEqual([
          {
            ...openVisit(1, 'verification', 'verifier', T_PROPOSED, VERIFICATION_DUE),
            left_at: at(T_VERIFIED),
            decided_by: verifier,
            decision: 'APPROVE',
            reason: 'Documents complete',
          },
          {
            ...openVisit(2, 'committee', 'committee', T_VERIFIED, COMMITTEE_DUE),
            left_at: at(T_RETURNED),
            decided_by: committee,
            decision: 'RETURN',
            reason: 'SKP 2025 missing',
          },
          {
            ...openVisit(3, 'committee', 'committee', T_RESUBMITTED, COMMITTEE_DUE_2),
            left_at: at(T_COMMITTEE),
            decided_by: committee,
            decision: 'APPROVE',
            breached: true,
          },
          {
            ...openVisit(4, 'approval', 'ppk', T_COMMITTEE, APPROVAL_DUE),
            left_at: at(T_APPROVED),
            decided_by: ppk,
            decision: 'APPROVE',
          },
          {
            ...openVisit(5, 'bkn', 'bkn', T_APPROVED, BKN_DUE),
            left_at: at(T_PERTEK),
            decided_by: bkn,
            decision: 'APPROVE',
          },
          {
            ...openVisit(6, 'decree', 'ppk', T_PERTEK, DECREE_DUE),
            left_at: at(T_FINAL),
            decided_by: ppk,
            decision: 'APPROVE',
            reason: 'Sah',
          },
        ]);
      }));

  test('a rejection closes the case and its visit with the reason', () =>
    spec
      .given([proposed])
      .when([e.rejected(CASE, 'verification', verifier, T_VERIFIED, 'Not eligible: sanction in force')])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({
          status: 'REJECTED',
          stage: null,
          stage_role: null,
          due_at: null,
          deciders: { verification: verifier },
          closed_at: at(T_VERIFIED),
          version: 2,
        });
        expect(await visits(db, t.promotion_stage_visits)).toEqual([
          {
            ...openVisit(1, 'verification', 'verifier', T_PROPOSED, VERIFICATION_DUE),
            left_at: at(T_VERIFIED),
            decided_by: verifier,
            decision: 'REJECT',
            reason: 'Not eligible: sanction in force',
          },
        ]);
      }));

  test('a claim names its holder and expiry and counts as a version', () => {
    const expires = '2026-03-02T06:00:00.000Z';
    return spec
      .given([proposed])
      .when([e.claimed(CASE, 'verification', verifier, '2026-03-02T04:00:00.000Z', expires)])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({
          status: 'IN_PROGRESS',
          claimed_by: verifier,
          claim_expires_at: at(expires),
          version: 2,
          updated_at: at('2026-03-02T04:00:00.000Z'),
        });
        expect(await visits(db, t.promotion_stage_visits)).toEqual([
          openVisit(1, 'verification', 'verifier', T_PROPOSED, VERIFICATION_DUE),
        ]);
      });
  });

  test('a released claim leaves the case unclaimed', () =>
    spec
      .given([proposed, e.claimed(CASE, 'verification', verifier, '2026-03-02T04:00:00.000Z', '2026-03-02T06:00:00.000Z')])
      .when([e.claimReleased(CASE, 'verification', verifier, '2026-03-02T05:00:00.000Z')])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({ claimed_by: null, claim_expires_at: null, version: 3 });
      }));

  test('a decision ends the claim', () =>
    spec
      .given([proposed, e.claimed(CASE, 'verification', verifier, '2026-03-02T04:00:00.000Z', '2026-03-02T06:00:00.000Z')])
      .when([verified])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({
          stage: 'committee',
          claimed_by: null,
          claim_expires_at: null,
          version: 3,
        });
      }));

  test('a withdrawal in progress closes the open visit as WITHDRAWN by the proposer', () =>
    spec
      .given([proposed, verified, e.claimed(CASE, 'committee', committee, '2026-03-04T01:00:00.000Z', '2026-03-04T03:00:00.000Z')])
      .when([e.withdrawn(CASE, 'committee', '2026-03-04T02:00:00.000Z', 'Candidate moved agency')])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({
          status: 'WITHDRAWN',
          stage: null,
          stage_role: null,
          due_at: null,
          claimed_by: null,
          claim_expires_at: null,
          closed_at: at('2026-03-04T02:00:00.000Z'),
          deciders: { verification: verifier },
          version: 4,
        });
        const rows = await visits(db, t.promotion_stage_visits);
        expect(rows[1]).toEqual({
          ...openVisit(2, 'committee', 'committee', T_VERIFIED, COMMITTEE_DUE),
          left_at: at('2026-03-04T02:00:00.000Z'),
          decided_by: proposer,
          decision: 'WITHDRAWN',
          reason: 'Candidate moved agency',
        });
      }));

  test('a withdrawal of a returned case closes it and leaves the returned visit as it was', () =>
    spec
      .given([proposed, verified, returned])
      .when([e.withdrawn(CASE, 'committee', '2026-03-05T05:00:00.000Z', null)])
      .then(async (db, t) => {
        expect(await theCase(db, t.promotion_cases)).toMatchObject({
          status: 'WITHDRAWN',
          stage: null,
          closed_at: at('2026-03-05T05:00:00.000Z'),
          version: 4,
        });
        const rows = await visits(db, t.promotion_stage_visits);
        expect(rows.map((v: { decision: string; decided_by: string }) => [v.decision, v.decided_by])).toEqual([
          ['APPROVE', verifier],
          ['RETURN', committee],
        ]);
      }));

  test('cases are kept apart', () =>
    spec
      .given([proposed, e.proposed('case-other', T_PROPOSED, VERIFICATION_DUE, { nip: '199002022015022002', name: 'Teuku Umar' })])
      .when([verified])
      .then(async (db, t) => {
        expect(await db.query(`SELECT case_id, nip, stage, version FROM ${t.promotion_cases} ORDER BY case_id`)).toEqual([
          { case_id: CASE, nip: candidate, stage: 'committee', version: 2 },
          { case_id: 'case-other', nip: '199002022015022002', stage: 'verification', version: 1 },
        ]);
        expect(
          await db.query(`SELECT case_id, count(*)::int AS visits FROM ${t.promotion_stage_visits} GROUP BY case_id ORDER BY case_id`),
        ).toEqual([
          { case_id: CASE, visits: 2 },
          { case_id: 'case-other', visits: 1 },
        ]);
      }));
});
