import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import {
  canDecide,
  currentStageDefinition,
  currentVisit,
  defaultAgencySettings,
  evolveEmployee,
  initialEmployeeState,
  liveClaim,
  localDate,
  patchStages,
  promotionDecider,
  type AgencyStage,
  type PromotionCase,
  type PromotionCommand,
  type PromotionEvent,
  type PromotionState,
  type Role,
} from '#domain';
import {
  DATABASE_MIGRATIONS,
  dashboardPromotionsProjection,
  ProjectionRebuilder,
  ProjectionRunner,
  promotionCaseProjection,
  tableNames,
  type Projection,
} from '#projections';
import { createMigratedDatabase, recordEvents, type SpecEvent } from '#testing';
import { queueOf } from '../apps/api/src/queries/read-models.js';
import { loadNationalReference } from '../libs/config/src/reference-loader.js';

/**
 * The approver queue restates the domain's "who may decide now" rule in SQL for speed. Over random
 * case histories (only what the decider accepts), the queue of any actor must be exactly the open
 * cases `canDecide` lets them decide, earliest deadline first (conflicts of interest and the one
 * pair of stages one person decides, approval and decree, included), then the files returned to
 * them as proposer; and both promotion read models must place each stage visit, and each breach,
 * where the domain's state has it.
 */

const AGENCY = 'pemkot-langsa';
const OTHER_AGENCY = 'pemkab-aceh-timur';
const PEOPLE = [
  '197803152005012002',
  '198001012006041001',
  '198102022006042002',
  '197501012000031001',
  '196512311990031004',
  '199002022015022002',
];
const START = Date.parse('2026-03-02T03:00:00.000Z');
const HOUR = 3_600_000;

const REFERENCE = loadNationalReference();
/** Agency stage patches over the national pipeline of a REGULAR case (verification, approval, bkn, decree). */
const PIPELINES: Partial<AgencyStage>[][] = [
  [],
  // The committee for REGULAR cases too.
  [{ id: 'committee', sla: 'P5D', requiredFor: ['REGULAR'] }],
  // Short SLAs, so visits breach and go at risk within the simulated days.
  [
    { id: 'verification', sla: 'PT12H' },
    { id: 'committee', sla: 'PT36H', requiredFor: ['REGULAR', 'STRUCTURAL'] },
    { id: 'approval', sla: 'P1D' },
    { id: 'bkn', sla: 'PT20H' },
    { id: 'decree', sla: 'P1D' },
  ],
];
const STAGE_ROLES: Role[] = ['verifier', 'committee', 'ppk', 'bkn', 'hr'];
const APPROVER_ROLES: Role[] = ['verifier', 'committee', 'ppk', 'bkn'];

const step = fc.record({
  // Weighted towards moving the case on, and towards returns, where stage visits repeat.
  action: fc.oneof(
    { weight: 5, arbitrary: fc.constant('APPROVE' as const) },
    { weight: 3, arbitrary: fc.constant('RETURN' as const) },
    { weight: 3, arbitrary: fc.constant('resubmit' as const) },
    { weight: 1, arbitrary: fc.constant('REJECT' as const) },
    { weight: 2, arbitrary: fc.constant('claim' as const) },
    { weight: 1, arbitrary: fc.constant('release' as const) },
    { weight: 1, arbitrary: fc.constant('withdraw' as const) },
    { weight: 2, arbitrary: fc.constant('breach' as const) },
    { weight: 2, arbitrary: fc.constant('upload' as const) },
    { weight: 1, arbitrary: fc.constant('conflict' as const) },
  ),
  actor: fc.nat({ max: PEOPLE.length - 1 }),
  hours: fc.integer({ min: 1, max: 96 }),
});
const casePlan = fc.record({
  agency: fc.constantFrom(AGENCY, AGENCY, AGENCY, OTHER_AGENCY),
  /** null: a candidate nobody else is; else one of PEOPLE (who then may not decide their own case). */
  candidate: fc.option(fc.nat({ max: PEOPLE.length - 1 }), { nil: null, freq: 4 }),
  proposer: fc.nat({ max: PEOPLE.length - 1 }),
  pipeline: fc.nat({ max: PIPELINES.length - 1 }),
  steps: fc.array(step, { maxLength: 18 }),
});
/** Asked besides the random actors: each person holding every approver role, in each agency. */
const EVERY_APPROVER = PEOPLE.flatMap((nip) => [AGENCY, OTHER_AGENCY].map((agency) => ({ nip, roles: APPROVER_ROLES, agency })));
const actor = fc.record({
  nip: fc.nat({ max: PEOPLE.length - 1 }).map((i) => PEOPLE[i]),
  roles: fc.subarray(STAGE_ROLES),
  agency: fc.constantFrom(AGENCY, AGENCY, OTHER_AGENCY),
});
const world = fc.record({
  cases: fc.array(casePlan, { minLength: 1, maxLength: 8 }),
  actors: fc.array(actor, { minLength: 1, maxLength: 6 }),
  limit: fc.integer({ min: 1, max: 10 }),
  queryAfterHours: fc.integer({ min: 0, max: 400 }),
});
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;
type CasePlan = typeof casePlan extends fc.Arbitrary<infer T> ? T : never;

/**
 * Always tried first: whoever returned a stage has decided it, so they may not decide a later
 * stage, even after someone else approved the returned stage on resubmission; the last decider of
 * each stage is not enough to tell.
 */
const RETURNED_BY_ONE_APPROVED_BY_ANOTHER: World = {
  cases: [
    {
      agency: AGENCY,
      candidate: null,
      proposer: 0,
      pipeline: 1,
      steps: [
        { action: 'upload', actor: 0, hours: 1 },
        { action: 'RETURN', actor: 2, hours: 1 },
        { action: 'resubmit', actor: 0, hours: 1 },
        { action: 'APPROVE', actor: 1, hours: 1 },
      ],
    },
  ],
  actors: [{ nip: PEOPLE[2], roles: ['committee'], agency: AGENCY }],
  limit: 5,
  queryAfterHours: 10,
};

/** Tried too: a case at the decree waits on the PPK who approved it (allowed); a verifier's conflict hides a case from them only. */
const APPROVAL_THEN_DECREE_AND_A_CONFLICT: World = {
  cases: [
    {
      agency: AGENCY,
      candidate: null,
      proposer: 0,
      pipeline: 0,
      steps: [
        { action: 'upload', actor: 0, hours: 1 },
        { action: 'APPROVE', actor: 1, hours: 1 },
        { action: 'APPROVE', actor: 4, hours: 1 },
        { action: 'APPROVE', actor: 3, hours: 1 },
      ],
    },
    {
      agency: AGENCY,
      candidate: null,
      proposer: 0,
      pipeline: 0,
      steps: [{ action: 'conflict', actor: 2, hours: 1 }],
    },
  ],
  actors: [
    { nip: PEOPLE[4], roles: ['ppk'], agency: AGENCY },
    { nip: PEOPLE[2], roles: ['verifier'], agency: AGENCY },
    { nip: PEOPLE[0], roles: ['hr'], agency: AGENCY },
  ],
  limit: 5,
  queryAfterHours: 10,
};

interface History {
  state: PromotionState;
  events: SpecEvent[];
}

/** Runs a case's plan through the decider; a step the decider refuses is a step nobody could take. */
function simulate(plan: CasePlan, index: number): History {
  const caseId = `case-${String(index).padStart(3, '0')}`;
  const candidate = plan.candidate === null ? `198507122010011${String(100 + index)}` : PEOPLE[plan.candidate];
  const proposer = PEOPLE[plan.proposer];
  const agency = { ...defaultAgencySettings(plan.agency), stages: patchStages(PIPELINES[plan.pipeline]) };
  // Eligible for REGULAR III/b → III/c on 2026-04-01: a PELAKSANA with S1, six years in grade, BAIK twice.
  const employee = evolveEmployee(initialEmployeeState(), {
    type: 'EmployeeRegistered',
    data: {
      nip: candidate,
      name: `Pegawai ${index}`,
      agencyId: plan.agency,
      unitId: 'dinas-kesehatan',
      grade: 'III/b',
      gradeSince: '2020-01-01',
      education: 'S1',
      post: { type: 'PELAKSANA', title: 'Pengadministrasi Umum', eselon: null, jenjang: null, since: '2020-01-01' },
      superiorNip: null,
    },
  });
  let state = promotionDecider.initialState();
  const events: SpecEvent[] = [];
  let now = START + index * 7 * 60_000;
  let uploads = 0;
  const run = (command: PromotionCommand, actorNip: string) => {
    let produced: PromotionEvent[];
    try {
      produced = promotionDecider.decide(command, state);
    } catch (error) {
      if (typeof (error as { code?: unknown })?.code === 'string') return;
      throw error;
    }
    const occurredAt = new Date(now).toISOString();
    for (const event of produced) {
      const metadata = { actor: actorNip, agency: plan.agency, occurredAt };
      state = promotionDecider.evolve(state, Object.assign({}, event, { metadata }));
      events.push({ ...event, metadata } as SpecEvent);
    }
  };
  const as = (nip: string, roles: Role[]) => ({ actor: nip, roles, agency: plan.agency, now: new Date(now).toISOString() });

  run(
    {
      type: 'ProposePromotion',
      data: {
        caseId,
        nip: candidate,
        kind: 'REGULAR',
        toGrade: 'III/c',
        effectiveDate: '2026-04-01',
        justification: 'Steady performance',
      },
      metadata: as(proposer, ['hr']),
      context: {
        employee,
        appraisals: [
          { period: 2024, predicate: 'BAIK' },
          { period: 2025, predicate: 'BAIK' },
        ],
        trainings: [{ hours: 24, completedOn: '2025-06-16' }],
        agency,
        reference: REFERENCE,
        openCaseId: null,
      },
    },
    proposer,
  );
  for (const s of plan.steps) {
    if (!state.exists) break;
    now += s.hours * HOUR;
    const stage = currentStageDefinition(state);
    const stageRole: Role[] = [stage?.role ?? 'verifier'];
    const person = PEOPLE[s.actor];
    const today = localDate(new Date(now).toISOString(), 'Asia/Jakarta');
    switch (s.action) {
      case 'APPROVE':
      case 'RETURN':
      case 'REJECT': {
        // What each stage's approval carries: verdicts on the files at verification, the pertek, the decree.
        const fields =
          s.action !== 'APPROVE'
            ? {}
            : stage?.id === 'verification'
              ? {
                  documents: state.berkas.flatMap((e) => (e.current ? [{ documentId: e.current.documentId, verdict: 'OK' as const }] : [])),
                }
              : stage?.id === 'bkn'
                ? { pertekNumber: `PERTEK-${index}`, pertekDate: today }
                : stage?.id === 'decree'
                  ? { decreeNumber: `SK-${index}`, decreeDate: today }
                  : {};
        run(
          {
            type: 'DecidePromotion',
            data: { caseId, decision: s.action, reason: 'Considered', ...fields },
            metadata: as(person, stageRole),
            context: { employee },
          },
          person,
        );
        break;
      }
      case 'upload':
        uploads += 1;
        run(
          {
            type: 'UploadPromotionDocument',
            data: {
              caseId,
              documentId: `doc-${index}-${uploads}`,
              type: 'LAST_GRADE_DECREE',
              name: 'sk.pdf',
              sha256: String(uploads % 10).repeat(64),
              size: 400,
              mediaType: 'application/pdf',
            },
            metadata: as(proposer, ['hr']),
          },
          proposer,
        );
        break;
      case 'conflict':
        run({ type: 'DeclareConflict', data: { caseId, reason: 'Keluarga' }, metadata: as(person, APPROVER_ROLES) }, person);
        break;
      case 'claim':
        run({ type: 'ClaimPromotion', data: { caseId }, metadata: as(person, stageRole) }, person);
        break;
      case 'release': {
        const holder = state.claim?.by ?? person;
        run({ type: 'ReleaseClaim', data: { caseId }, metadata: as(holder, stageRole) }, holder);
        break;
      }
      case 'resubmit':
        run({ type: 'ResubmitPromotion', data: { caseId }, metadata: as(proposer, ['hr']) }, proposer);
        break;
      case 'withdraw':
        run({ type: 'WithdrawPromotion', data: { caseId, reason: null }, metadata: as(proposer, ['hr']) }, proposer);
        break;
      case 'breach':
        run({ type: 'MarkSlaBreached', data: { caseId }, metadata: as('system:sla-clock', []) }, 'system:sla-clock');
        break;
    }
  }
  if (state.exists) {
    for (const v of state.visits) seen.add(`visit:${v.stage}`);
    seen.add(`status:${state.status}`);
    if (state.conflicts.length > 0) seen.add('conflict');
  }
  return { state, events };
}

/** What the random histories reached, so the property is known not to stop at the first stage. */
const seen = new Set<string>();

describe('property: the approver queue is the domain rule', () => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  const projections = [promotionCaseProjection, dashboardPromotionsProjection] as Projection[];

  beforeAll(async () => {
    db = await createMigratedDatabase(DATABASE_MIGRATIONS, 4);
  });
  afterAll(async () => {
    await db?.close();
  });

  const tables: string[] = [];

  beforeAll(async () => {
    const rebuilder = new ProjectionRebuilder(db.dataSource);
    for (const projection of projections) {
      const { generation } = await rebuilder.rebuild(projection);
      tables.push(...Object.values<string>(tableNames(projection, generation)));
    }
  });

  /** The read models, emptied, with the histories applied through the runner. */
  async function project(histories: History[], applying: Projection[]): Promise<DataSource> {
    await db.dataSource.query(`TRUNCATE ${tables.join(', ')}`);
    await db.dataSource.query(`DELETE FROM projection_checkpoints`);
    const recorded = recordEvents(histories.flatMap((h) => h.events));
    await new ProjectionRunner(db.dataSource, applying, 'property').handle(
      recorded.map((event, i) => ({ event, partition: 0, offset: String(i) })),
    );
    return db.dataSource;
  }

  test('the examples are what they say: the approving PPK issued the decree, the conflict is on record', () => {
    const [decreed, conflicted] = APPROVAL_THEN_DECREE_AND_A_CONFLICT.cases.map(simulate);
    // At the decree, waiting on the PPK who approved it: theirs to decide, and they do.
    expect(decreed.state).toMatchObject({ status: 'IN_PROGRESS', stage: 'decree' });
    expect(canDecide(decreed.state, { actor: PEOPLE[4], roles: ['ppk'], agency: AGENCY })).toBe(true);
    const plan = APPROVAL_THEN_DECREE_AND_A_CONFLICT.cases[0];
    const issued = simulate({ ...plan, steps: [...plan.steps, { action: 'APPROVE', actor: 4, hours: 1 }] }, 0);
    expect(issued.state).toMatchObject({ status: 'APPROVED', stage: null });
    expect(issued.events.filter((e) => e.type === 'PromotionApproved').map((e) => e.metadata?.actor)).toEqual([PEOPLE[4]]);
    expect(conflicted.state).toMatchObject({ status: 'IN_PROGRESS', stage: 'verification', conflicts: [PEOPLE[2]] });
    const [returned] = RETURNED_BY_ONE_APPROVED_BY_ANOTHER.cases.map(simulate);
    expect(returned.state).toMatchObject({ status: 'IN_PROGRESS', stage: 'committee' });
  });

  test('queueOf returns exactly the open cases canDecide allows, earliest deadline first', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const histories = w.cases.map(simulate);
        const dataSource = await project(histories, [promotionCaseProjection as Projection]);
        const now = new Date(START + w.queryAfterHours * HOUR);
        const cases = histories.filter((h): h is History & { state: PromotionCase } => h.state.exists);
        const byId = (a: { caseId: string }, b: { caseId: string }) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);
        const lastEventAt = (h: History) => Date.parse(String(h.events[h.events.length - 1].metadata?.occurredAt));
        for (const who of [...w.actors, ...EVERY_APPROVER]) {
          const decidable = cases
            .map((h) => h.state)
            .filter((s) => canDecide(s, { actor: who.nip, roles: who.roles, agency: who.agency }))
            .map((s) => ({
              caseId: s.caseId,
              status: 'IN_PROGRESS',
              stage: s.stage,
              dueAt: new Date(currentVisit(s)?.dueAt ?? 0).toISOString(),
              claimedBy: liveClaim(s, now.toISOString())?.by ?? null,
            }))
            .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || byId(a, b))
            .slice(0, w.limit);
          // A returned file waits on its proposer, last touched first... after the decidable ones.
          const returned = who.roles.includes('hr')
            ? cases
                .filter((h) => h.state.status === 'RETURNED' && h.state.proposer === who.nip && h.state.agencyId === who.agency)
                .sort((a, b) => lastEventAt(a) - lastEventAt(b) || byId(a.state, b.state))
                .map((h) => ({ caseId: h.state.caseId, status: 'RETURNED', stage: h.state.stage, dueAt: null, claimedBy: null }))
            : [];
          const expected = [...decidable, ...returned].slice(0, w.limit);
          const queue = await queueOf(dataSource, who, now, w.limit);
          expect({
            who,
            queue: queue.map(({ caseId, status, stage, dueAt, claimedBy }) => ({ caseId, status, stage, dueAt, claimedBy })),
          }).toEqual({ who, queue: expected });
        }
      }),
      { numRuns: 30, examples: [[RETURNED_BY_ONE_APPROVED_BY_ANOTHER], [APPROVAL_THEN_DECREE_AND_A_CONFLICT]] },
    );
    expect([...seen].sort()).toEqual(
      expect.arrayContaining(['conflict', 'status:RETURNED', 'visit:approval', 'visit:bkn', 'visit:committee', 'visit:decree']),
    );
  }, 120_000);

  test('both promotion read models hold the stage visits of the domain state, breaches on the visits that breached', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const histories = w.cases.map(simulate);
        const dataSource = await project(histories, projections);
        for (const { state } of histories) {
          if (!state.exists) continue;
          const domain = state.visits.map((v) => ({ stage: v.stage, open: v.leftAt === null, breached: v.breached }));
          const cases: { stage: string; open: boolean; breached: boolean }[] = await dataSource.query(
            `SELECT stage, left_at IS NULL AS open, breached FROM promotion_stage_visits WHERE case_id = $1 ORDER BY visit_no`,
            [state.caseId],
          );
          const dashboard: { stage: string; stage_visit: number; open: boolean; breached: boolean }[] = await dataSource.query(
            `SELECT stage, stage_visit, left_at IS NULL AS open, breached FROM dashboard_stage_visits WHERE case_id = $1 ORDER BY visit_no`,
            [state.caseId],
          );
          expect({ caseId: state.caseId, visits: cases }).toEqual({ caseId: state.caseId, visits: domain });
          expect({ caseId: state.caseId, visits: dashboard.map(({ stage, open, breached }) => ({ stage, open, breached })) }).toEqual({
            caseId: state.caseId,
            visits: domain,
          });
          expect(dashboard.map((v) => v.stage_visit)).toEqual(state.visits.map((v) => v.visit));
          if (state.status === 'IN_PROGRESS') {
            // What the SLA clock reads to nominate a case: the current visit's breach.
            const [row]: { breached: boolean }[] = await dataSource.query(`SELECT breached FROM promotion_cases WHERE case_id = $1`, [
              state.caseId,
            ]);
            expect({ caseId: state.caseId, breached: row.breached }).toEqual({
              caseId: state.caseId,
              breached: currentVisit(state)?.breached,
            });
          }
        }
      }),
      { numRuns: 15 },
    );
  });
});
