/**
 * `POST /api/trainings` (one command, one event) under autocannon at 8 and 32 connections, against
 * the processes a user runs, each on a fresh database, and in the same run the one-INSERT baseline:
 *
 * - the baseline server: one INSERT of the same JSON per POST;
 * - the api process alone (`dist/apps/api/src/main.js`);
 * - the all-in-one process (`dist/apps/standalone/src/main.js`, SEED_DEMO=false), and how long after
 *   the load stops every projection is caught up again.
 *
 * Every request carries a distinct certificate number (a uniqueness key) for one of 32 registered employees.
 */
import type autocannon from 'autocannon';
import { fmtInt, fmtMs, fmtPercent, type Benchmark, type BenchContext, type ResultRow } from './benchmark.js';
import { httpSettings, loadDetail, preflight, runLoad, type LoadResult } from './load.js';
import type { ChildServer } from './processes.js';
import {
  BENCH_AGENCY,
  BENCH_HR_NIP,
  benchToken,
  LagProbe,
  registerEmployees,
  startApiProcess,
  startBaselineProcess,
  startStandaloneProcess,
  trainingBody,
} from './servers.js';

export const HTTP_CONNECTIONS = [8, 32] as const;
const EMPLOYEES = 32;
const AIM_API_RATIO = 0.4;
const AIM_API_P99_MS = 50;
const AIM_STANDALONE_RATIO = 0.25;
const AIM_LAG_MS = 1000;

export interface HttpCommandData {
  seconds: number;
  warmupSeconds: number;
  baseline: LoadResult[];
  api: LoadResult[];
  standalone: (LoadResult & { lagAtEnd: number; catchUpMs: number | null })[];
}

/** POSTs of fresh trainings, spread over the employees, each with a certificate never sent before. */
function trainingRequests(path: string, nips: string[], tag: string): autocannon.Request[] {
  let serial = 0;
  return [
    {
      method: 'POST',
      path,
      setupRequest: (request) => {
        serial += 1;
        return { ...request, body: JSON.stringify(trainingBody(nips[serial % nips.length], `${tag}-${serial}`)) };
      },
    },
  ];
}

async function loadServer(
  ctx: BenchContext,
  label: string,
  server: ChildServer,
  path: string,
  token: string | null,
  nips: string[],
  /** After the warm-up (null) and after each measured case. */
  afterEach?: (load: LoadResult | null) => Promise<void>,
): Promise<LoadResult[]> {
  const { seconds, warmupSeconds } = httpSettings();
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const tag = `${Date.now().toString(36)}`;
  await preflight(
    `${server.url}${path}`,
    { method: 'POST', headers, body: JSON.stringify(trainingBody(nips[0], `${tag}-preflight`)) },
    [201],
  );
  if (warmupSeconds > 0) {
    await runLoad(
      {
        label: `${label} warm-up`,
        url: server.url,
        connections: HTTP_CONNECTIONS[HTTP_CONNECTIONS.length - 1],
        seconds: warmupSeconds,
        headers,
        requests: trainingRequests(path, nips, `${tag}w`),
      },
      ctx,
    );
    await afterEach?.(null);
  }
  const results: LoadResult[] = [];
  for (const connections of HTTP_CONNECTIONS) {
    const load = await runLoad(
      { label, url: server.url, connections, seconds, headers, requests: trainingRequests(path, nips, `${tag}c${connections}`), server },
      ctx,
    );
    results.push(load);
    await afterEach?.(load);
  }
  return results;
}

export const httpBenchmark: Benchmark<HttpCommandData> = {
  id: 'http',
  title: 'HTTP commands: POST /api/trainings (autocannon)',
  async run(ctx) {
    const { seconds, warmupSeconds } = httpSettings();
    const hr = await benchToken(BENCH_HR_NIP, BENCH_AGENCY, ['hr']);

    const baselineDb = await ctx.freshDatabase('http_baseline');
    const baselineServer = await startBaselineProcess(ctx, baselineDb.url);
    const baselineNips = Array.from({ length: EMPLOYEES }, (_, i) => String(i));
    const baseline = await loadServer(ctx, 'baseline one INSERT', baselineServer, '/baseline/trainings', null, baselineNips);
    await baselineServer.stop();

    const apiDb = await ctx.freshDatabase('http_api');
    const api = await startApiProcess(ctx, apiDb.url);
    const apiNips = await registerEmployees(api.url, hr, EMPLOYEES);
    const apiLoads = await loadServer(ctx, 'api process', api, '/api/trainings', hr, apiNips);
    await api.stop();

    const standaloneDb = await ctx.freshDatabase('http_standalone');
    const standalone = await startStandaloneProcess(ctx, standaloneDb.url);
    const probe = await LagProbe.open(standaloneDb.url);
    const lags: { lagAtEnd: number; catchUpMs: number | null }[] = [];
    let standaloneLoads: LoadResult[];
    try {
      const nips = await registerEmployees(standalone.url, hr, EMPLOYEES);
      await probe.waitForZero();
      standaloneLoads = await loadServer(ctx, 'all-in-one process', standalone, '/api/trainings', hr, nips, async (load) => {
        // Timed from the moment the last response arrived.
        const { initialLag, ms } = await probe.waitForZero(30_000);
        if (load) {
          lags.push({ lagAtEnd: initialLag, catchUpMs: ms });
          ctx.log(
            `  projections: lag ${fmtInt(initialLag)} events when the load stopped, 0 after ${ms === null ? '> 30 s' : `${fmtMs(ms)} ms`}`,
          );
        }
      });
    } finally {
      await probe.close();
      await standalone.stop();
    }

    const rows: ResultRow[] = [];
    HTTP_CONNECTIONS.forEach((connections, i) => {
      rows.push({
        case: `baseline: fastify + pg, one INSERT per POST, ${connections} connections`,
        figure: `${fmtInt(baseline[i].okPerSecond)} req/s`,
        detail: loadDetail(baseline[i]),
      });
    });
    HTTP_CONNECTIONS.forEach((connections, i) => {
      const load = apiLoads[i];
      const ratio = load.okPerSecond / baseline[i].okPerSecond;
      const judged = connections === 32;
      rows.push({
        case: `api process alone, ${connections} connections`,
        figure: `${fmtInt(load.okPerSecond)} req/s (${fmtPercent(ratio)})`,
        detail: loadDetail(load, baseline[i]),
        aim: judged ? `≥ ${fmtPercent(AIM_API_RATIO)} of baseline, p99 < ${AIM_API_P99_MS} ms` : undefined,
        met: judged ? ratio >= AIM_API_RATIO && load.latencyMs.p99 < AIM_API_P99_MS && load.non2xx === 0 : undefined,
      });
    });
    const standaloneData = standaloneLoads.map((load, i) => ({ ...load, ...lags[i] }));
    HTTP_CONNECTIONS.forEach((connections, i) => {
      const load = standaloneData[i];
      const ratio = load.okPerSecond / baseline[i].okPerSecond;
      const judged = connections === 32;
      const caughtUp = load.catchUpMs === null ? 'not caught up within 30 s' : `lag 0 after ${fmtMs(load.catchUpMs)} ms`;
      rows.push({
        case: `all-in-one process (api + relay + projector), ${connections} connections`,
        figure: `${fmtInt(load.okPerSecond)} req/s (${fmtPercent(ratio)})`,
        detail: `${caughtUp} (${fmtInt(load.lagAtEnd)} events behind when the load stopped); ${loadDetail(load, baseline[i])}`,
        aim: judged ? `≥ ${fmtPercent(AIM_STANDALONE_RATIO)} of baseline, lag 0 within ${AIM_LAG_MS / 1000} s` : undefined,
        met: judged
          ? ratio >= AIM_STANDALONE_RATIO && load.catchUpMs !== null && load.catchUpMs <= AIM_LAG_MS && load.non2xx === 0
          : undefined,
      });
    });
    return {
      rows,
      notes: [
        `HTTP commands: autocannon from the bench process, ${seconds} s per case after ${warmupSeconds} s of warm-up at 32 connections, ` +
          `pipelining 1; each server is a child process on a fresh database (built code, NODE_ENV=production, LOG_LEVEL=${process.env.BENCH_LOG_LEVEL ?? 'info'}, ` +
          `rate limit raised to 1,000,000/min, default pool of 10). Every POST records a new training with a distinct certificate ` +
          `for one of ${EMPLOYEES} employees registered beforehand; the baseline inserts the same JSON body. req/s counts 2xx answers only; ` +
          `server CPU is the process's user + system time, PostgreSQL CPU its database's backends' (while the load ran). Lag: events after the slowest projection's checkpoint, ` +
          `as /health counts them, polled every 10 ms from the moment the last response arrived.`,
      ],
      data: { seconds, warmupSeconds, baseline, api: apiLoads, standalone: standaloneData },
    };
  },
};
