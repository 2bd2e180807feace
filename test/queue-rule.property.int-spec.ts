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
  promotionDecider,
  type PromotionCase,
  type PromotionCommand,
  type PromotionEvent,
  type PromotionState,
  type Role,
  type StageDefinition,
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

/**
 * The approver queue restates the domain's "who may decide now" rule in SQL for speed. Over random
 * case histories (only what the decider accepts), the queue of any actor must be exactly the open
 * cases `canDecide` lets them decide, earliest deadline first; and both promotion read models must
 * place each stage visit, and each breach, where the domain's state has it.
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

const PIPELINES: StageDefinition[][] = [
  [
    { id: 'verification', role: 'verifier', sla: 'P2D' },
    { id: 'committee', role: 'committee', sla: 'P5D' },
    { id: 'approval', role: 'ppk', sla: 'P3D' },
  ],
  [
    { id: 'verification', role: 'verifier', sla: 'PT12H' },
    { id: 'approval', role: 'ppk', sla: 'P1D' },
  ],
  // Two stages of one role: separation of duties between them is the only thing that tells them apart.
  [
    { id: 'check-1', role: 'verifier', sla: 'PT36H' },
    { id: 'check-2', role: 'verifier', sla: 'P2D' },
    { id: 'approval', role: 'ppk', sla: 'P1D' },
  ],
];
const STAGE_ROLES: Role[] = ['verifier', 'committee', 'ppk', 'hr'];

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
  steps: fc.array(step, { maxLength: 14 }),
});
/** Asked besides the random actors: each person holding every approver role, in each agency. */
const EVERY_APPROVER = PEOPLE.flatMap((nip) =>
  [AGENCY, OTHER_AGENCY].map((agency) => ({ nip, roles: ['verifier', 'committee', 'ppk'] as Role[], agency })),
);
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
      pipeline: 0,
      steps: [
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

interface History {
  state: PromotionState;
  events: SpecEvent[];
}

/** Runs a case's plan through the decider; a step the decider refuses is a step nobody could take. */
function simulate(plan: CasePlan, index: number): History {
  const caseId = `case-${String(index).padStart(3, '0')}`;
  const candidate = plan.candidate === null ? `198507122010011${String(100 + index)}` : PEOPLE[plan.candidate];
  const proposer = PEOPLE[plan.proposer];
  const agency = { ...defaultAgencySettings(plan.agency), stages: PIPELINES[plan.pipeline] };
  const employee = evolveEmployee(initialEmployeeState(), {
    type: 'EmployeeRegistered',
    data: {
      nip: candidate,
      name: `Pegawai ${index}`,
      agencyId: plan.agency,
      unitId: 'dinas-kesehatan',
      grade: 'III/b',
      gradeSince: '2020-01-01',
      positionTitle: 'Analis',
      positionType: 'FUNGSIONAL',
    },
  });
  let state = promotionDecider.initialState();
  const events: SpecEvent[] = [];
  let now = START + index * 7 * 60_000;
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
        exceptionJustification: 'Proposed whatever the merit rules say',
      },
      metadata: as(proposer, ['hr']),
      context: { employee, appraisals: [], trainings: [], agency, openCaseId: null },
    },
    proposer,
  );
  for (const s of plan.steps) {
    if (!state.exists) break;
    now += s.hours * HOUR;
    const stageRole: Role[] = [currentStageDefinition(state)?.role ?? 'verifier'];
    const person = PEOPLE[s.actor];
    switch (s.action) {
      case 'APPROVE':
      case 'RETURN':
      case 'REJECT':
        run(
          { type: 'DecidePromotion', data: { caseId, decision: s.action, reason: 'Considered' }, metadata: as(person, stageRole) },
          person,
        );
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
  return { state, events };
}

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

  test('queueOf returns exactly the open cases canDecide allows, earliest deadline first', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const histories = w.cases.map(simulate);
        const dataSource = await project(histories, [promotionCaseProjection as Projection]);
        const now = new Date(START + w.queryAfterHours * HOUR);
        const cases = histories.map((h) => h.state).filter((s): s is PromotionCase => s.exists);
        for (const who of [...w.actors, ...EVERY_APPROVER]) {
          const expected = cases
            .filter((s) => canDecide(s, { actor: who.nip, roles: who.roles, agency: who.agency }))
            .map((s) => ({
              caseId: s.caseId,
              stage: s.stage,
              dueAt: new Date(currentVisit(s)?.dueAt ?? 0).toISOString(),
              claimedBy: liveClaim(s, now.toISOString())?.by ?? null,
            }))
            .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))
            .slice(0, w.limit);
          const queue = await queueOf(dataSource, who, now, w.limit);
          expect({ who, queue: queue.map(({ caseId, stage, dueAt, claimedBy }) => ({ caseId, stage, dueAt, claimedBy })) }).toEqual({
            who,
            queue: expected,
          });
        }
      }),
      { numRuns: 30, examples: [[RETURNED_BY_ONE_APPROVED_BY_ANOTHER]] },
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
