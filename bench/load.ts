/**
 * Fixed-duration HTTP load with autocannon, the same settings for a Jenjang route and its baseline,
 * so the two figures can be divided. Latency is autocannon's (request written → response read, ms).
 */
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import { fmtInt, fmtMs, fmtPercent, type BenchContext } from './benchmark.js';
import { withClient } from './context.js';
import { processCpuMs, type ChildServer } from './processes.js';

export interface HttpSettings {
  /** Measured seconds per case. BENCH_HTTP_SECONDS, default 10. */
  seconds: number;
  /** Unmeasured load before a server's first case. BENCH_HTTP_WARMUP_SECONDS, default 2. */
  warmupSeconds: number;
}

export function httpSettings(env: NodeJS.ProcessEnv = process.env): HttpSettings {
  const seconds = Number(env.BENCH_HTTP_SECONDS ?? 10);
  const warmupSeconds = Number(env.BENCH_HTTP_WARMUP_SECONDS ?? 2);
  if (!(seconds >= 1) || !(warmupSeconds >= 0)) throw new Error('BENCH_HTTP_SECONDS must be ≥ 1 and BENCH_HTTP_WARMUP_SECONDS ≥ 0');
  return { seconds, warmupSeconds };
}

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Completed requests, any status. */
  requests: number;
  /** 2xx responses per second: the headline figure. */
  okPerSecond: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** The server process's user + system CPU per completed request, ms (PostgreSQL's not included). */
  serverCpuMsPerRequest: number | null;
  /** CPU of the PostgreSQL backends connected to the server's database, per completed request, ms. */
  postgresCpuMsPerRequest: number | null;
}

/**
 * CPU time so far of each PostgreSQL backend on `databaseUrl`'s database (the bench's own
 * connections left out), by pid; null when the server's processes are not readable here.
 */
export async function backendCpu(databaseUrl: string): Promise<Map<number, number> | null> {
  try {
    const pids = await withClient(databaseUrl, async (c) => {
      const { rows } = await c.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND coalesce(application_name, '') NOT LIKE 'jenjang-bench%'`,
      );
      return rows.map((r) => r.pid);
    });
    const cpu = new Map<number, number>();
    for (const pid of pids) {
      const ms = processCpuMs(pid);
      if (ms === null) return null;
      cpu.set(pid, ms);
    }
    return cpu;
  } catch {
    return null;
  }
}

export function backendCpuSpent(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

export interface LoadSpec {
  label: string;
  url: string;
  connections: number;
  seconds: number;
  /** One entry: autocannon cycles the list per connection; `setupRequest` makes each request distinct. */
  requests: autocannon.Request[];
  headers?: Record<string, string>;
  server?: ChildServer;
}

/** Runs the load; with `ctx`, shows a progress bar and prints one summary line. */
export async function runLoad(spec: LoadSpec, ctx?: BenchContext): Promise<LoadResult> {
  const bar = ctx?.progress(`${spec.label}: ${spec.connections} connections, ${spec.seconds} s`, spec.seconds, 's');
  const cpuBefore = spec.server?.cpuMs() ?? null;
  // PostgreSQL's share: the backends on the server's own database (readable when PostgreSQL runs on this machine).
  const databaseUrl = spec.server?.databaseUrl;
  const postgresBefore = databaseUrl ? await backendCpu(databaseUrl) : null;
  // Without a callback autocannon returns its event-emitting tracker, made thenable.
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    pipelining: 1,
    duration: spec.seconds,
    timeout: 30,
    headers: spec.headers,
    requests: spec.requests,
  }) as unknown as EventEmitter & PromiseLike<autocannon.Result>;
  let ticks = 0;
  let sinceTick = 0;
  instance.on('response', () => {
    sinceTick += 1;
  });
  instance.on('tick', () => {
    ticks += 1;
    bar?.update(ticks, `${fmtInt(sinceTick)} req/s`);
    sinceTick = 0;
  });
  const result = await instance;
  const cpuAfter = spec.server?.cpuMs() ?? null;
  const postgresSpent = databaseUrl ? backendCpuSpent(postgresBefore, await backendCpu(databaseUrl)) : null;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s?.count ?? 0]));
  const load: LoadResult = {
    connections: spec.connections,
    seconds: result.duration,
    requests: result.requests.total,
    okPerSecond: result['2xx'] / result.duration,
    non2xx: result.non2xx,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    serverCpuMsPerRequest:
      cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : null,
    postgresCpuMsPerRequest: postgresSpent !== null && result.requests.total > 0 ? postgresSpent / result.requests.total : null,
  };
  bar?.done(`${spec.label}, ${spec.connections} connections: ${summary(load)}`);
  return load;
}

export function summary(load: LoadResult): string {
  return (
    `${fmtInt(load.okPerSecond)} req/s, p50 ${fmtMs(load.latencyMs.p50)} / p99 ${fmtMs(load.latencyMs.p99)} ms` +
    `, ${fmtInt(load.non2xx)} non-2xx` +
    (load.errors ? `, ${fmtInt(load.errors)} errors` : '')
  );
}

/** Secondary figures of a load row, with the ratio to its baseline when there is one. */
export function loadDetail(load: LoadResult, baseline?: LoadResult): string {
  const parts = [
    baseline ? `${fmtPercent(load.okPerSecond / baseline.okPerSecond)} of baseline (${fmtInt(baseline.okPerSecond)} req/s)` : null,
    `p50 ${fmtMs(load.latencyMs.p50)} / p90 ${fmtMs(load.latencyMs.p90)} / p99 ${fmtMs(load.latencyMs.p99)} ms`,
    `${fmtInt(load.non2xx)} non-2xx${load.non2xx ? ` (${statusList(load.statusCodes)})` : ''}`,
    load.errors ? `${fmtInt(load.errors)} errors (${load.timeouts} timeouts)` : null,
    load.serverCpuMsPerRequest !== null ? `server CPU ${fmtMs(load.serverCpuMsPerRequest)} ms/req` : null,
    load.postgresCpuMsPerRequest !== null ? `PostgreSQL CPU ${fmtMs(load.postgresCpuMsPerRequest)} ms/req` : null,
  ];
  return parts.filter(Boolean).join('; ');
}

function statusList(codes: Record<string, number>): string {
  return Object.entries(codes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, n]) => `${code}×${n}`)
    .join(', ');
}

/** One request before the load, so a wrong body or token fails loudly instead of as a wall of non-2xx. */
export async function preflight(url: string, init: RequestInit, expected: number[]): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!expected.includes(response.status)) {
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status} (expected ${expected.join('/')}): ${text.slice(0, 500)}`);
  }
  return text ? JSON.parse(text) : null;
}
