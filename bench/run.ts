/**
 * `npm run bench`: every benchmark in BENCHMARKS, in order, in one run, then a table on stdout,
 * `bench/results/<ISO timestamp>.json` and `bench/results/latest.md`. `npm run bench -- http reads`
 * (or BENCH_ONLY=http,reads) runs only the sections named.
 *
 * Environment: BENCH_DATABASE_URL (else a fresh jenjang_bench_<random> on 127.0.0.1:5432, else embedded
 * PostgreSQL), BENCH_ONLY=appends,latency (a subset), BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_HTTP_SECONDS,
 * BENCH_HTTP_WARMUP_SECONDS, BENCH_LOG_LEVEL, BENCH_PORT_BASE,
 * BENCH_LATENCY_SAMPLES, BENCH_LATENCY_RATE, PGBENCH (path), KAFKA_BROKERS (a real broker instead of kcat).
 *
 * To add a benchmark: write `bench/<name>.bench.ts` exporting a `Benchmark` (see benchmark.ts) and add it below.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { appendBenchmark } from './append.bench.js';
import { commandsBenchmark } from './commands.bench.js';
import { dashboardsBenchmark } from './dashboards.bench.js';
import { httpBenchmark } from './http.bench.js';
import { SkipBenchmark, type Benchmark, type BenchContext, type BenchmarkResult } from './benchmark.js';
import { checkpoint, loadAverage, machineFacts, makeProgress, openBenchServer, readSettings } from './context.js';
import { latencyBenchmark } from './latency.bench.js';
import { ledgerBenchmark } from './ledger.bench.js';
import { pgbenchBenchmark } from './pgbench.js';
import { queueBenchmark } from './queue.bench.js';
import { readsBenchmark } from './reads.bench.js';
import { scaleOutBenchmark } from './scale-out.bench.js';
import { toConsoleTable, writeReport, type RunReport } from './report.js';

/** In run order: a benchmark may read the results of those before it (pgbench compares with appends, commands with pgbench). */
const BENCHMARKS: Benchmark[] = [
  appendBenchmark,
  pgbenchBenchmark,
  commandsBenchmark,
  httpBenchmark,
  readsBenchmark,
  latencyBenchmark,
  queueBenchmark,
  ledgerBenchmark,
  dashboardsBenchmark,
  scaleOutBenchmark,
];

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  const startedAt = new Date();
  const t0 = performance.now();
  const settings = readSettings();
  const only = [...process.argv.slice(2), process.env.BENCH_ONLY ?? '']
    .flatMap((arg) => arg.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((id) => !BENCHMARKS.some((b) => b.id === id));
  if (unknown.length) throw new Error(`unknown benchmarks: ${unknown.join(', ')} (known: ${BENCHMARKS.map((b) => b.id).join(', ')})`);
  const selected = only.length ? BENCHMARKS.filter((b) => only.includes(b.id)) : BENCHMARKS;

  const server = await openBenchServer(log);
  const cleanups: (() => Promise<void>)[] = [async () => server.close()];
  const cleanUp = async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (error) {
        log(`cleanup failed: ${(error as Error).message}`);
      }
    }
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`\n${signal}: cleaning up (again to force)…`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const machine = await machineFacts(server.database.url);
    const s = machine.postgresSettings;
    log(`Jenjang benchmarks — ${selected.map((b) => b.id).join(', ')}`);
    log(`  machine:    ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}`);
    log(`  node:       ${machine.node}`);
    log(
      `  postgres:   ${machine.postgres} (fsync=${s.fsync}, synchronous_commit=${s.synchronous_commit}, shared_buffers=${s.shared_buffers})`,
    );
    log(`  database:   ${server.database.name} (${server.database.origin})`);
    log(`  tools:      ${machine.pgbench ?? 'no pgbench'}; ${machine.kcat ?? 'no kcat'}`);
    log(`  load:       ${machine.loadAverage.join(' ')} (1/5/15 min)`);
    if (machine.loadAverage[0] > machine.cores / 2) {
      log(`  ! the machine is busy (load ${machine.loadAverage[0]} on ${machine.cores} cores): figures will be low and noisy`);
    }
    log('');

    const results = new Map<string, BenchmarkResult>();
    const ctx: BenchContext = {
      machine,
      database: server.database,
      settings,
      results,
      freshDatabase: (label) => server.freshDatabase(label),
      onCleanup: (fn) => cleanups.push(fn),
      progress: makeProgress(log),
      log,
    };

    for (const benchmark of selected) {
      log(`■ ${benchmark.title}`);
      // Each benchmark starts on a flushed server, not paying for the writes of the one before.
      await checkpoint(server.database.url);
      const started = performance.now();
      let result: BenchmarkResult;
      try {
        const outcome = await benchmark.run(ctx);
        result = { id: benchmark.id, title: benchmark.title, status: 'ok', ...outcome, durationMs: performance.now() - started };
      } catch (error) {
        const skipped = error instanceof SkipBenchmark;
        const reason = error instanceof Error ? error.message : String(error);
        log(`  ${skipped ? '! skipped' : '✗ failed'}: ${reason}`);
        if (!skipped && error instanceof Error && error.stack) log(error.stack.split('\n').slice(1, 6).join('\n'));
        result = {
          id: benchmark.id,
          title: benchmark.title,
          status: skipped ? 'skipped' : 'failed',
          reason,
          rows: [],
          durationMs: performance.now() - started,
        };
      }
      results.set(benchmark.id, result);
      log('');
    }

    const finishedAt = new Date();
    const report: RunReport = {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationSeconds: (performance.now() - t0) / 1000,
      machine,
      database: { name: server.database.name, origin: server.database.origin },
      settings,
      loadAverageAtEnd: loadAverage(),
      benchmarks: [...results.values()],
    };
    log(toConsoleTable(report));
    const notes = report.benchmarks.flatMap((b) => b.notes ?? []);
    if (notes.length) log(`\n${notes.map((n) => `• ${n}`).join('\n')}`);
    const files = writeReport(report, selected.length === BENCHMARKS.length);
    log(
      `\nwrote ${files.json}${files.markdown ? ` and ${files.markdown}` : ' (latest.md left alone: a subset ran)'} ` +
        `(${report.durationSeconds.toFixed(0)} s)`,
    );
    return report.benchmarks.some((b) => b.status === 'failed') ? 1 : 0;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
