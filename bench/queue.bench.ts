/**
 * Approver queues and decisions (issue 3):
 * - GET /api/queues/mine latency over HTTP with 100,000 open cases across 3 agencies. The cases are
 *   written straight into the promotion-cases read model (the query reads nothing else), spread over
 *   stages, roles and deadlines the way a live system holds them.
 * - Decisions per second over HTTP: concurrent verifiers approving distinct cases through the full
 *   command path (load stream, decide, guarded append), each with its verdict on the berkas, after
 *   the cases were proposed for eligible candidates and their last grade decree uploaded over HTTP.
 */
import { performance } from 'node:perf_hooks';
import { openDataSource, runMigrations } from '#event-store';
import { agencyProjection, DATABASE_MIGRATIONS, delegationsProjection, ProjectionRebuilder, promotionCaseProjection } from '#projections';
import { SMALL_PDF } from '../libs/testing/src/document-fixtures.js';
import { startBenchApp } from './app.js';
import { nipFor } from './servers.js';
import { distribution, fmtMs, type Benchmark, type BenchContext, type Distribution, type ResultRow } from './benchmark.js';

const OPEN_CASES = Number(process.env.BENCH_QUEUE_CASES ?? 100_000);
const QUEUE_SAMPLES = Number(process.env.BENCH_QUEUE_SAMPLES ?? 1000);
const DECISION_CASES = Number(process.env.BENCH_DECISION_CASES ?? 400);
const APPROVERS = 8;
const AGENCIES = ['pemkot-langsa', 'pemkot-medan', 'pemkot-semarang'];
const AIM_QUEUE_P99_MS = 20;

export interface QueueData {
  openCases: number;
  queueHttpMs: Distribution;
  itemsPerPage: number;
  decisions: { count: number; seconds: number; perSecond: number; latencyMs: Distribution; approvers: number; failures: number };
}

async function get(url: string, token: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

async function post(url: string, token: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function upload(url: string, token: string, bytes: Uint8Array): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
    body: Buffer.from(bytes),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Today and the first of next month in WIB: the TMT of a proposal made now. */
function wibCalendar(): { year: number; nextMonth: string } {
  const wib = new Date(Date.now() + 7 * 3_600_000);
  const next = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth() + 1, 1));
  return { year: wib.getUTCFullYear(), nextMonth: next.toISOString().slice(0, 10) };
}

/** The national pipeline of a REGULAR case: the queue reads the stage's role off each row. */
const REGULAR_STAGES = JSON.stringify([
  { id: 'verification', role: 'verifier', sla: 'P2D' },
  { id: 'approval', role: 'ppk', sla: 'P3D' },
  { id: 'bkn', role: 'bkn', sla: 'P2D' },
  { id: 'decree', role: 'ppk', sla: 'P5D' },
]);

/** Writes `count` open cases straight into the promotion-cases read model (a fresh generation). */
export async function fillOpenCases(url: string, ctx: BenchContext, count = OPEN_CASES): Promise<void> {
  const dataSource = await openDataSource({ url, migrations: DATABASE_MIGRATIONS, poolSize: 2, applicationName: 'jenjang-bench-queue' });
  try {
    await runMigrations(dataSource);
    const rebuilder = new ProjectionRebuilder(dataSource);
    const built = await rebuilder.rebuild(promotionCaseProjection);
    // The queue also reads the acting officials and the agency's time zone: empty, but there.
    for (const projection of [delegationsProjection, agencyProjection]) await rebuilder.rebuild(projection);
    const table = `promotion_cases__g${built.generation}`;
    const progress = ctx.progress('queue: open cases', count, 'cases');
    const chunk = 20_000;
    for (let from = 0; from < count; from += chunk) {
      const to = Math.min(count, from + chunk);
      await dataSource.query(
        `INSERT INTO ${table} (case_id, agency_id, nip, name, search_name, unit_id, kind, from_grade, to_grade, effective_date,
           justification, status, stage, stage_role, version, eligible, rules, reference_version, config_version, case_state, stages,
           proposer, deciders, entered_stage_at, due_at, proposed_at, updated_at, proposed_position, last_position)
         SELECT 'bench-' || g, (ARRAY['pemkot-langsa','pemkot-medan','pemkot-semarang'])[1 + g % 3],
                lpad((197001012000011000 + g)::text, 18, '0'), 'Pegawai ' || g, 'pegawai ' || g, 'unit-' || (g % 40), 'REGULAR',
                'III/a', 'III/b', date '2026-04-01', 'bench', 'IN_PROGRESS',
                (ARRAY['verification','approval','bkn','decree'])[1 + (g / 3) % 4],
                (ARRAY['verifier','ppk','bkn','ppk'])[1 + (g / 3) % 4],
                1 + (g / 3) % 4, true, '[]'::jsonb, '2026.1', 0, '{}'::jsonb, $3::jsonb,
                '197901012005012002',
                CASE WHEN (g / 3) % 4 = 0 THEN '{}'::jsonb ELSE jsonb_build_object('verification', '198001012006011003') END,
                now() - interval '2 days' + (g % 1000) * interval '5 minutes',
                now() + ((g * 7919) % 20000 - 5000) * interval '1 minute',
                now() - interval '3 days', now(), g, g
         FROM generate_series($1::int, $2::int - 1) AS g`,
        [from, to, REGULAR_STAGES],
      );
      progress.update(to);
    }
    await dataSource.query(`ANALYZE ${table}`);
    progress.done(`${count.toLocaleString('en-US')} open cases across ${AGENCIES.length} agencies`);
  } finally {
    await dataSource.destroy();
  }
}

async function measureQueue(baseUrl: string, token: string, ctx: BenchContext): Promise<{ latency: Distribution; items: number }> {
  for (let i = 0; i < 50; i++) await get(`${baseUrl}/api/queues/mine`, token);
  const progress = ctx.progress('queue: GET /api/queues/mine', QUEUE_SAMPLES, 'requests');
  const samples: number[] = [];
  let items = 0;
  for (let i = 0; i < QUEUE_SAMPLES; i++) {
    const t0 = performance.now();
    const { status, body } = await get(`${baseUrl}/api/queues/mine`, token);
    samples.push(performance.now() - t0);
    if (status !== 200) throw new Error(`queue answered ${status}: ${JSON.stringify(body)}`);
    items = (body as { items: unknown[] }).items.length;
    if (i % 50 === 0) progress.update(i);
  }
  const latency = distribution(samples);
  progress.done(`p50 ${fmtMs(latency.p50)}, p99 ${fmtMs(latency.p99)} ms, ${items} items a page`);
  return { latency, items };
}

async function measureDecisions(baseUrl: string, app: Awaited<ReturnType<typeof startBenchApp>>, ctx: BenchContext) {
  const agency = 'pemkot-semarang';
  const hr = await app.token('197901012005012002', agency, ['hr']);
  const evaluator = await app.token('198201012008011006', agency, ['evaluator']);
  const { year, nextMonth } = wibCalendar();
  const cases: { caseId: string; documentId: string }[] = [];
  const prepare = ctx.progress('decisions: proposing cases over HTTP', DECISION_CASES, 'cases');
  // An eligible REGULAR candidate (PELAKSANA, S1, years in III/a, BAIK twice), proposed, the berkas uploaded.
  const proposeOne = async (i: number) => {
    const nip = nipFor(i);
    const registered = await post(`${baseUrl}/api/employees`, hr, {
      nip,
      name: `Pegawai ${i}`,
      unitId: `unit-${i % 12}`,
      grade: 'III/a',
      gradeSince: '2019-01-01',
      education: 'S1',
      positionTitle: 'Pengadministrasi Umum',
      positionType: 'PELAKSANA',
    });
    if (registered.status !== 201) throw new Error(`register ${registered.status}: ${JSON.stringify(registered.body)}`);
    for (const period of [year - 2, year - 1]) {
      const appraised = await post(`${baseUrl}/api/appraisals`, evaluator, { nip, period, results: 'ABOVE', behaviour: 'AS_EXPECTED' });
      if (appraised.status !== 201) throw new Error(`appraise ${appraised.status}: ${JSON.stringify(appraised.body)}`);
    }
    const proposed = await post(`${baseUrl}/api/promotions`, hr, {
      nip,
      kind: 'REGULAR',
      toGrade: 'III/b',
      effectiveDate: nextMonth,
      justification: 'bench',
    });
    if (proposed.status !== 201) throw new Error(`propose ${proposed.status}: ${JSON.stringify(proposed.body)}`);
    const caseId = proposed.body.caseId as string;
    const uploaded = await upload(`${baseUrl}/api/promotions/${caseId}/documents?type=LAST_GRADE_DECREE&name=sk.pdf`, hr, SMALL_PDF);
    if (uploaded.status !== 201) throw new Error(`upload ${uploaded.status}: ${JSON.stringify(uploaded.body)}`);
    cases.push({ caseId, documentId: uploaded.body.documentId as string });
  };
  for (let i = 0; i < DECISION_CASES; i += 8) {
    await Promise.all(Array.from({ length: Math.min(8, DECISION_CASES - i) }, (_, k) => proposeOne(i + k)));
    prepare.update(cases.length);
  }
  prepare.done(`${cases.length} cases at verification`);

  const verifiers = await Promise.all(
    Array.from({ length: APPROVERS }, (_, k) =>
      app.token(`19800101200601${1 + (k % 2)}${String(100 + k).padStart(3, '0')}`, agency, ['verifier']),
    ),
  );
  const queue = [...cases];
  const latencies: number[] = [];
  let failures = 0;
  const progress = ctx.progress(`decisions: ${APPROVERS} verifiers approving`, cases.length, 'decisions');
  const t0 = performance.now();
  await Promise.all(
    verifiers.map(async (token) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const s = performance.now();
        const decided = await post(`${baseUrl}/api/promotions/${next.caseId}/decisions`, token, {
          decision: 'APPROVE',
          expectedVersion: 2,
          documents: [{ documentId: next.documentId, verdict: 'OK' }],
        });
        latencies.push(performance.now() - s);
        if (decided.status !== 200) failures += 1;
        progress.update(latencies.length);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const latencyMs = distribution(latencies);
  progress.done(`${(latencies.length / seconds).toFixed(0)} decisions/s`);
  return { count: latencies.length, seconds, perSecond: latencies.length / seconds, latencyMs, approvers: APPROVERS, failures };
}

export const queueBenchmark: Benchmark<QueueData> = {
  id: 'queue',
  title: 'Approver queue and decisions over HTTP',
  async run(ctx) {
    const database = await ctx.freshDatabase('queue');
    await fillOpenCases(database.url, ctx);
    const app = await startBenchApp(database.url);
    try {
      const token = await app.token('198001012006011003', 'pemkot-medan', ['verifier']);
      const queue = await measureQueue(app.url, token, ctx);
      const decisions = await measureDecisions(app.url, app, ctx);
      const rows: ResultRow[] = [
        {
          case: `GET /api/queues/mine, ${OPEN_CASES.toLocaleString('en-US')} open cases, 3 agencies`,
          figure: `p50 ${fmtMs(queue.latency.p50)} / p99 ${fmtMs(queue.latency.p99)} ms`,
          detail: `n = ${queue.latency.n}; max ${fmtMs(queue.latency.max)} ms; ${queue.items} items a page (a verifier of one agency)`,
          aim: `p99 < ${AIM_QUEUE_P99_MS} ms`,
          met: queue.latency.p99 < AIM_QUEUE_P99_MS,
        },
        {
          case: `POST …/decisions, ${decisions.approvers} concurrent verifiers`,
          figure: `${decisions.perSecond.toFixed(0)} decisions/s`,
          detail: `${decisions.count} approvals in ${decisions.seconds.toFixed(1)} s; latency p50 ${fmtMs(decisions.latencyMs.p50)} / p99 ${fmtMs(decisions.latencyMs.p99)} ms; ${decisions.failures} non-200`,
        },
      ];
      return {
        rows,
        notes: [
          'Queue: the read model is filled with SQL (the query reads only it, beside the empty delegations), 1/4 of the cases at each of the four stages of a REGULAR case; the request is the full HTTP path (JWT, guard, query, JSON) from one client, sequentially.',
          'Decisions: each approval loads the case stream, runs the decider (role, SoD, claim, version checks) and appends at the version read, in one transaction; cases proposed over HTTP beforehand.',
        ],
        data: { openCases: OPEN_CASES, queueHttpMs: queue.latency, itemsPerPage: queue.items, decisions },
      };
    } finally {
      await app.close();
    }
  },
};
