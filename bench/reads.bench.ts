/**
 * Reads under autocannon at 32 connections, on the api process alone, beside the one-SELECT baseline:
 *
 * - `GET /api/employees/{nip}/career` for 64 employees with 3 trainings each, registered and recorded
 *   over HTTP on the all-in-one process (so the projections wrote the rows), then read on the api alone;
 * - `GET /api/queues/mine` for a verifier, with open cases written into the read model by SQL as the
 *   queue benchmark does (BENCH_READS_CASES, default 20,000 over three agencies);
 * - the baseline server's `GET /baseline/records/{nip}`: one primary-key SELECT answering the very
 *   career JSON the api served for that NIP.
 */
import type autocannon from 'autocannon';
import pg from 'pg';
import { fmtInt, fmtPercent, type Benchmark, type BenchContext, type ResultRow } from './benchmark.js';
import { httpSettings, loadDetail, preflight, runLoad, type LoadResult } from './load.js';
import type { ChildServer } from './processes.js';
import { fillOpenCases } from './queue.bench.js';
import {
  BENCH_AGENCY,
  BENCH_HR_NIP,
  benchToken,
  LagProbe,
  recordTrainings,
  registerEmployees,
  startApiProcess,
  startBaselineProcess,
  startStandaloneProcess,
} from './servers.js';

const CONNECTIONS = 32;
const EMPLOYEES = 64;
const TRAININGS_EACH = 3;
const OPEN_CASES = Number(process.env.BENCH_READS_CASES ?? 20_000);
const VERIFIER = { nip: '198001012006011003', agency: 'pemkot-medan' };
const AIM_RATIO = 0.3;

export interface ReadsData {
  connections: number;
  openCases: number;
  employees: number;
  careerBytes: number;
  queueItems: number;
  baseline: LoadResult;
  career: LoadResult;
  queue: LoadResult;
}

/** GETs cycling over `paths`, one per request. */
function rotating(paths: string[]): autocannon.Request[] {
  let i = 0;
  return [
    {
      method: 'GET',
      path: paths[0],
      setupRequest: (request) => {
        i += 1;
        return { ...request, path: paths[i % paths.length] };
      },
    },
  ];
}

async function measure(ctx: BenchContext, label: string, server: ChildServer, paths: string[], token: string | null): Promise<LoadResult> {
  const { seconds, warmupSeconds } = httpSettings();
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (warmupSeconds > 0) {
    await runLoad(
      { label: `${label} warm-up`, url: server.url, connections: CONNECTIONS, seconds: warmupSeconds, headers, requests: rotating(paths) },
      ctx,
    );
  }
  return runLoad({ label, url: server.url, connections: CONNECTIONS, seconds, headers, requests: rotating(paths), server }, ctx);
}

export const readsBenchmark: Benchmark<ReadsData> = {
  id: 'reads',
  title: `HTTP reads: GET career and queues/mine (autocannon, ${CONNECTIONS} connections)`,
  async run(ctx) {
    const { seconds, warmupSeconds } = httpSettings();
    const database = await ctx.freshDatabase('reads');
    await fillOpenCases(database.url, ctx, OPEN_CASES);
    const hr = await benchToken(BENCH_HR_NIP, BENCH_AGENCY, ['hr']);

    // Careers are written by the projector: prepare them on the all-in-one process, then read on the api alone.
    const prepare = ctx.progress(`reads: ${EMPLOYEES} employees, ${TRAININGS_EACH} trainings each, on the all-in-one process`, 3, 'steps');
    const standalone = await startStandaloneProcess(ctx, database.url);
    let nips: string[];
    try {
      nips = await registerEmployees(standalone.url, hr, EMPLOYEES, 1000);
      prepare.update(1);
      await recordTrainings(standalone.url, hr, nips, TRAININGS_EACH, 'reads');
      prepare.update(2);
      const probe = await LagProbe.open(database.url);
      try {
        const { ms } = await probe.waitForZero();
        if (ms === null) throw new Error('projections did not catch up within 60 s');
      } finally {
        await probe.close();
      }
    } finally {
      await standalone.stop();
    }
    prepare.done(`${EMPLOYEES} careers and ${fmtInt(OPEN_CASES)} open cases in the read models`);

    const api = await startApiProcess(ctx, database.url);
    const careerPaths = nips.map((nip) => `/api/employees/${nip}/career`);
    const careers = await Promise.all(
      careerPaths.map((path) => preflight(`${api.url}${path}`, { headers: { authorization: `Bearer ${hr}` } }, [200])),
    );
    const verifier = await benchToken(VERIFIER.nip, VERIFIER.agency, ['verifier']);
    const queuePage = (await preflight(`${api.url}/api/queues/mine`, { headers: { authorization: `Bearer ${verifier}` } }, [200])) as {
      items: unknown[];
    };
    const career = await measure(ctx, 'api GET career', api, careerPaths, hr);
    const queue = await measure(ctx, 'api GET queues/mine', api, ['/api/queues/mine'], verifier);
    await api.stop();

    const baselineServer = await startBaselineProcess(ctx, database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`INSERT INTO baseline_records (key, body) SELECT * FROM unnest($1::text[], $2::jsonb[])`, [
        nips,
        careers.map((c) => JSON.stringify(c)),
      ]);
      await client.query('ANALYZE baseline_records');
    } finally {
      await client.end();
    }
    const baseline = await measure(
      ctx,
      'baseline one SELECT',
      baselineServer,
      nips.map((nip) => `/baseline/records/${nip}`),
      null,
    );
    await baselineServer.stop();

    const careerBytes = Math.round(careers.reduce<number>((sum, c) => sum + JSON.stringify(c).length, 0) / careers.length);
    const rows: ResultRow[] = [
      {
        case: `baseline: fastify + pg, one primary-key SELECT per GET, ${CONNECTIONS} connections`,
        figure: `${fmtInt(baseline.okPerSecond)} req/s`,
        detail: `answers the career JSON (~${fmtInt(careerBytes)} bytes); ${loadDetail(baseline)}`,
      },
      ...(
        [
          [
            `GET /api/employees/{nip}/career, api process, ${CONNECTIONS} connections`,
            career,
            `${EMPLOYEES} employees in turn, ~${fmtInt(careerBytes)} bytes`,
          ],
          [
            `GET /api/queues/mine, api process, ${CONNECTIONS} connections`,
            queue,
            `one verifier, ${queuePage.items.length} items a page, ${fmtInt(OPEN_CASES)} open cases`,
          ],
        ] as const
      ).map(([name, load, what]) => {
        const ratio = load.okPerSecond / baseline.okPerSecond;
        return {
          case: name,
          figure: `${fmtInt(load.okPerSecond)} req/s (${fmtPercent(ratio)})`,
          detail: `${what}; ${loadDetail(load, baseline)}`,
          aim: `≥ ${fmtPercent(AIM_RATIO)} of baseline`,
          met: ratio >= AIM_RATIO && load.non2xx === 0,
        };
      }),
    ];
    return {
      rows,
      notes: [
        `Reads: autocannon, ${CONNECTIONS} connections, ${seconds} s per case after ${warmupSeconds} s of warm-up; the api process alone ` +
          `(settings as for the HTTP commands) on a database whose careers were written by the projector of an all-in-one process ` +
          `(${EMPLOYEES} employees × ${TRAININGS_EACH} trainings) and whose queue holds ${fmtInt(OPEN_CASES)} open cases written by SQL. ` +
          `The baseline answers the same career JSON from a jsonb column by primary key.`,
      ],
      data: {
        connections: CONNECTIONS,
        openCases: OPEN_CASES,
        employees: EMPLOYEES,
        careerBytes,
        queueItems: queuePage.items.length,
        baseline,
        career,
        queue,
      },
    };
  },
};
