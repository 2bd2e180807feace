/**
 * Dashboard latency over HTTP on the demo data: the real app (api + relay + projector, in-process
 * transport) on a fresh database, filled by the full demo seed (about 2,000 employees, three years
 * of appraisals, trainings, a few hundred promotion cases) through the command path; once the
 * projections have caught up, each of the four dashboards is requested back to back by an auditor,
 * rotating over the three agencies, and timed from request to complete body.
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { performance } from 'node:perf_hooks';
import { ApiModule, configureHttpApp, createFastifyAdapter } from '#api';
import { demoUser, DEMO_AGENCIES } from '#demo';
import { DEFAULT_SEED_EMPLOYEES, openSeedDataSource, runDemoSeed } from '#seed';
import { JwtService, type Actor } from '#auth';
import { PlatformModule } from '#platform';
import { ProjectorModule } from '#projector';
import { RelayModule } from '#relay';
import { distribution, fmtInt, fmtMs, sleep, type Benchmark, type BenchContext, type Distribution, type ResultRow } from './benchmark.js';
import { benchPort } from './processes.js';

const AIM_P99_MS = 50;
const AIM_SEED_SECONDS = 60;
const WARMUP = 20;

export interface DashboardLatency {
  endpoint: string;
  latencyMs: Distribution;
  errors: number;
}

export interface DashboardsData {
  employees: number;
  seedSeconds: number;
  commands: number;
  events: number;
  catchUpSeconds: number;
  samplesPerEndpoint: number;
  endpoints: DashboardLatency[];
}

/** Lag as /health reports it; readiness is shared for a second, so catch-up is measured to within one. */
async function healthLag(base: string): Promise<number> {
  const res = await fetch(`${base}/health`);
  const body = (await res.json()) as {
    info?: Record<string, { lag?: number | Record<string, number> }>;
    details?: Record<string, { lag?: number | Record<string, number> }>;
  };
  const details = body.details ?? body.info ?? {};
  const relay = Number(details.relay?.lag ?? 0);
  const projections = Object.values((details.projections?.lag ?? {}) as Record<string, number>).reduce((a, b) => a + Number(b), 0);
  return relay + projections;
}

export const dashboardsBenchmark: Benchmark<DashboardsData> = {
  id: 'dashboards',
  title: 'Dashboards over HTTP on the seeded demo data (p50/p99 per endpoint)',
  async run(ctx: BenchContext) {
    const employees = Number(process.env.BENCH_SEED_EMPLOYEES ?? DEFAULT_SEED_EMPLOYEES);
    const samples = Math.max(50, Number(process.env.BENCH_DASHBOARD_SAMPLES ?? 300));
    const database = await ctx.freshDatabase('dashboards');
    const settings: Record<string, string> = {
      DATABASE_URL: database.url,
      JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
      LOG_LEVEL: 'error',
      SEED_DEMO: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
      SLA_CLOCK_INTERVAL_SECONDS: '3600',
      KAFKA_BROKERS: '',
      PORT: '0',
    };
    const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
    Object.assign(process.env, settings);
    let app: NestFastifyApplication | null = null;
    try {
      @Module({ imports: [PlatformModule.forRoot(), ApiModule, ProjectorModule, RelayModule] })
      class DashboardsBenchModule {}
      app = await NestFactory.create<NestFastifyApplication>(DashboardsBenchModule, createFastifyAdapter(), { logger: ['error'] });
      await configureHttpApp(app);
      const port = benchPort();
      await app.listen({ port, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${port}`;

      // The demo data, through the command path, while the app projects it.
      const seedDb = await openSeedDataSource(database.url, 12);
      const bar = ctx.progress('seeding', 1, 'commands');
      const seedStarted = performance.now();
      let result;
      try {
        result = await runDemoSeed({
          dataSource: seedDb,
          employees,
          onProgress: ({ done, total, phase }) => bar.update(done / Math.max(total, 1), phase),
        });
      } finally {
        await seedDb.destroy();
      }
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      bar.done(
        `seeded ${fmtInt(result.counts.employees)} employees, ${fmtInt(result.counts.commands)} commands in ${seedSeconds.toFixed(1)} s`,
      );
      if (!result.seeded || result.failures.length > 0)
        throw new Error(`the seed failed: ${result.reason ?? result.failures.slice(0, 3).join(' | ')}`);

      const catchUpStarted = performance.now();
      while ((await healthLag(base)) > 0) {
        if (performance.now() - catchUpStarted > 300_000) throw new Error('projections did not catch up within 5 minutes');
        await sleep(100);
      }
      const catchUpSeconds = (performance.now() - catchUpStarted) / 1000;

      const jwt = app.get(JwtService);
      const tokens = await Promise.all(
        DEMO_AGENCIES.map((agency) => jwt.mint({ nip: demoUser(agency, 'auditor').nip, agency, roles: ['auditor'] } as Actor, 3600)),
      );
      const year = new Date(result.now).getUTCFullYear();
      const endpoints = [
        '/api/dashboards/sla',
        '/api/dashboards/pipeline',
        `/api/dashboards/training?year=${year - 1}`,
        `/api/dashboards/appraisals?period=${year - 1}`,
        `/api/dashboards/sla?from=${year - 1}-01-01&to=${year}-12-31&unitId=dinas-pendidikan`,
      ];
      const measured: DashboardLatency[] = [];
      const total = endpoints.length * (samples + WARMUP);
      const progress = ctx.progress('requests', total, 'requests');
      let sent = 0;
      for (const endpoint of endpoints) {
        const times: number[] = [];
        let errors = 0;
        for (let i = 0; i < samples + WARMUP; i += 1) {
          const started = performance.now();
          const res = await fetch(`${base}${endpoint}`, { headers: { authorization: `Bearer ${tokens[i % tokens.length]}` } });
          await res.arrayBuffer();
          const elapsed = performance.now() - started;
          if (res.status !== 200) errors += 1;
          if (i >= WARMUP) times.push(elapsed);
          sent += 1;
          if (sent % 50 === 0) progress.update(sent, endpoint);
        }
        measured.push({ endpoint, latencyMs: distribution(times), errors });
      }
      progress.done(`${fmtInt(sent)} requests`);

      const rows: ResultRow[] = [
        {
          case: `demo seed, ${fmtInt(result.counts.employees)} employees`,
          figure: `${seedSeconds.toFixed(1)} s`,
          detail: `${fmtInt(result.counts.commands)} commands (${fmtInt(result.counts.commands / seedSeconds)}/s), ${result.counts.cases} cases, ${result.counts.slaBreaches} SLA breaches; projections caught up ${catchUpSeconds.toFixed(1)} s after`,
          aim: `< ${AIM_SEED_SECONDS} s`,
          met: seedSeconds < AIM_SEED_SECONDS,
        },
        ...measured.map((m) => ({
          case: `GET ${m.endpoint.replace('/api/dashboards/', '')}`,
          figure: `p50 ${fmtMs(m.latencyMs.p50)} / p99 ${fmtMs(m.latencyMs.p99)} / max ${fmtMs(m.latencyMs.max)} ms`,
          detail: `n = ${m.latencyMs.n}${m.errors ? `, ${m.errors} non-200` : ''}`,
          aim: `p99 < ${AIM_P99_MS} ms`,
          met: m.latencyMs.p99 < AIM_P99_MS && m.errors === 0,
        })),
      ];
      return {
        rows,
        notes: [
          `Dashboards: the real app on a fresh database seeded by the demo seed (${fmtInt(result.counts.employees)} employees, ${fmtInt(result.counts.events)} events); ` +
            `${samples} sequential requests per endpoint after ${WARMUP} warm-up, one client with keep-alive, auditors of the three agencies in turn.`,
        ],
        data: {
          employees: result.counts.employees,
          seedSeconds,
          commands: result.counts.commands,
          events: result.counts.events,
          catchUpSeconds,
          samplesPerEndpoint: samples,
          endpoints: measured,
        },
      };
    } finally {
      await app?.close().catch(() => undefined);
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  },
};
