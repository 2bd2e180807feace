/**
 * Command → projection latency: the real Relay and the real Projector (ALL_PROJECTIONS) on an empty
 * store, an EmployeeRegistered appended at a steady rate the way the register-employee handler does
 * (one EventStore transaction, expected version 0), and the `career_employees` view polled for the row.
 * Measured from the append's commit (its transaction resolving) to the row being visible.
 * First over the in-process transport, then over Kafka (librdkafka's mock cluster via kcat).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { validateEnvironment } from '#config';
import { streamIds } from '#domain';
import { EventStore, openDataSource, runMigrations } from '#event-store';
import { createTransport, type MessagingLogger, type Transport } from '#messaging';
import { Projector } from '#projector';
import { ALL_PROJECTIONS, DATABASE_MIGRATIONS } from '#projections';
import { Relay } from '#relay';
import { kafkaAvailable, startKafka, type KafkaHandle } from '../libs/testing/src/kafka-harness.js';
import {
  distribution,
  fmtMs,
  sleep,
  type Benchmark,
  type BenchContext,
  type Distribution,
  type ProgressHandle,
  type ResultRow,
} from './benchmark.js';
import { sampleEvent } from './append.bench.js';
import { checkpoint, serverCheckpoints } from './context.js';

const AIM_P99_MS = 100;
const WARMUP_SAMPLES = 20;
/** Gap between two polls of the view while rows are awaited: the measurement's resolution. */
const POLL_INTERVAL_MS = 2;
/** A sample not visible after this long counts as lost. */
const SAMPLE_TIMEOUT_MS = 30_000;
/** The Kafka consumer must join its group and be assigned partitions before the first warm-up row shows. */
const FIRST_ROW_TIMEOUT_MS = 60_000;
/**
 * librdkafka's mock cluster holds an empty Fetch for the consumer's whole maxWaitTimeInMs and does not
 * cut it short when a message arrives (rdkafka_mock_handlers.c: "This isn't strictly correct since we
 * should cut the wait short ... if a producer writes"); real brokers answer as soon as data is there.
 * With kafkajs's default of 5000 ms the mock alone adds seconds, so the bench asks for a short wait.
 */
const KAFKA_MAX_WAIT_MS = 10;

export interface LatencyRun {
  transport: 'in-process' | 'kafka';
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  relayPollMs: number;
  ratePerSecond: number;
  /** Consumer fetch wait (Kafka only). */
  kafkaMaxWaitMs?: number;
  /** ms from commit to the row being visible */
  latencyMs?: Distribution;
  /** ms of the append transaction itself */
  appendMs?: Distribution;
  lost?: number;
  /** ms from starting the projector until the first warm-up row was visible */
  readyMs?: number;
  brokers?: string[];
  relayErrors: string[];
  projectorErrors: string[];
  transportWarnings: number;
  /** Server-wide checkpoints that ran while the samples were taken (after a CHECKPOINT just before). */
  checkpointsDuring?: number | null;
  /** The slowest samples and when they were taken (s after the first measured command). */
  slowest?: { atSeconds: number; latencyMs: number }[];
}

export interface LatencyData {
  pollIntervalMs: number;
  warmupSamples: number;
  runs: LatencyRun[];
}

interface Pending {
  nip: string;
  committedAt: number;
  resolve(visibleAt: number): void;
}

/** Polls the view for every awaited NIP in one query, back to back with a short gap, while any is awaited. */
class ViewWatcher {
  private readonly pending = new Map<string, Pending>();
  private running = true;
  private wake: (() => void) | null = null;
  private readonly loop: Promise<void>;
  polls = 0;
  failures = 0;
  lastError: string | null = null;

  constructor(private readonly dataSource: DataSource) {
    this.loop = this.run();
  }

  /** Resolves with the time the row was first seen (the end of the poll that saw it). */
  watch(nip: string, committedAt: number): Promise<number> {
    return new Promise((resolve) => {
      this.pending.set(nip, { nip, committedAt, resolve });
      this.wake?.();
    });
  }

  get size(): number {
    return this.pending.size;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.pending.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      const nips = [...this.pending.keys()];
      let rows: { nip: string }[];
      try {
        rows = await this.dataSource.query(`SELECT nip FROM career_employees WHERE nip = ANY($1)`, [nips]);
      } catch (error) {
        // A failed poll only delays the samples it would have seen; a sample that never shows times out.
        this.failures += 1;
        this.lastError = error instanceof Error ? error.message : String(error);
        await sleep(50);
        continue;
      }
      const seenAt = performance.now();
      this.polls += 1;
      for (const { nip } of rows) {
        const entry = this.pending.get(nip);
        if (!entry) continue;
        this.pending.delete(nip);
        entry.resolve(seenAt);
      }
      await sleep(POLL_INTERVAL_MS);
    }
  }
}

function collectingLogger(errors: string[], counts: { warnings: number }): MessagingLogger {
  return {
    log: () => undefined,
    warn: () => {
      counts.warnings += 1;
    },
    error: (message, context) => {
      if (errors.length < 20) errors.push(`${message}${context && Object.keys(context).length ? ` ${JSON.stringify(context)}` : ''}`);
    },
  };
}

async function measure(
  ctx: BenchContext,
  kind: 'in-process' | 'kafka',
  kafka: KafkaHandle | null,
  relayPollMs: number,
  relayBatchSize: number,
  kafkaMaxWaitMs?: number,
): Promise<LatencyRun> {
  const { latencySamples: samples, latencyRate: rate } = ctx.settings;
  const runId = randomBytes(3).toString('hex');
  const database = await ctx.freshDatabase(kind === 'kafka' ? 'latency_kafka' : 'latency_inproc');
  const relayErrors: string[] = [];
  const projectorErrors: string[] = [];
  const counts = { warnings: 0 };
  const logger = collectingLogger(relayErrors, counts);
  const topic = `jenjang-bench.${runId}`;

  // The api side (appends and the polling "reader") and the relay + projector side get separate pools,
  // as separate processes would; relay and projector share one transport, as `npm start` does.
  const workers = await openDataSource({
    url: database.url,
    migrations: DATABASE_MIGRATIONS,
    poolSize: 10,
    applicationName: 'jenjang-bench-workers',
  });
  const api = await openDataSource({
    url: database.url,
    migrations: DATABASE_MIGRATIONS,
    poolSize: 10,
    applicationName: 'jenjang-bench-api',
  });
  let transport: Transport | null = null;
  let relay: Relay | null = null;
  let watcher: ViewWatcher | null = null;
  let bar: ProgressHandle | null = null;
  try {
    await runMigrations(workers);
    transport = createTransport(
      {
        kafkaBrokers: kind === 'kafka' ? kafka?.brokers : [],
        topic,
        clientId: `jenjang-bench-${runId}`,
        source: '/jenjang',
        // librdkafka's mock cluster makes a new member wait out the old one's session (docs/architecture.md §Embedded defaults).
        sessionTimeout: 6000,
        heartbeatInterval: 1000,
        rebalanceTimeout: 6000,
        maxWaitTimeInMs: kafkaMaxWaitMs,
      },
      logger,
    );
    await transport.start();
    const projector = new Projector(
      workers,
      transport,
      ALL_PROJECTIONS,
      { log: () => undefined, error: (m, c) => projectorErrors.push(`${m} ${JSON.stringify(c ?? {})}`) },
      `jenjang-bench-projector-${runId}`,
      kind === 'kafka' ? `kafka:${topic}` : 'in-process',
    );
    const bootStarted = performance.now();
    await projector.start();
    relay = new Relay(workers, transport, { name: 'main', batchSize: relayBatchSize, pollMs: relayPollMs, standbyRetryMs: 1000 }, logger);
    relay.start();

    const store = new EventStore(api);
    watcher = new ViewWatcher(api);
    const latencies: number[] = [];
    const takenAt: number[] = [];
    const appendTimes: number[] = [];
    let lost = 0;
    let readyMs: number | undefined;

    bar = ctx.progress(
      `command → projection, ${kind}: ${samples} samples at ${rate}/s (+${WARMUP_SAMPLES} warm-up), relay poll ${relayPollMs} ms`,
      samples,
      'samples',
    );
    const sample = async (i: number): Promise<void> => {
      const nip = `${runId}${String(i).padStart(12, '0')}`;
      const t0 = performance.now();
      await store.transaction((session) => session.append(streamIds.employee(nip), 0, [sampleEvent(nip)]));
      const committedAt = performance.now();
      const timeoutMs = i === 0 ? FIRST_ROW_TIMEOUT_MS : SAMPLE_TIMEOUT_MS;
      const visibleAt = await Promise.race([(watcher as ViewWatcher).watch(nip, committedAt), sleep(timeoutMs).then(() => null)]);
      if (i === 0 && visibleAt !== null) readyMs = visibleAt - bootStarted;
      if (i < WARMUP_SAMPLES) {
        if (visibleAt === null) {
          const why = relayErrors[0] ?? projectorErrors[0] ?? (watcher as ViewWatcher).lastError ?? 'no error logged';
          throw new Error(`warm-up row ${i} not visible within ${timeoutMs / 1000} s (${why})`);
        }
        return;
      }
      if (visibleAt === null) {
        lost += 1;
        return;
      }
      appendTimes.push(committedAt - t0);
      latencies.push(visibleAt - committedAt);
      takenAt.push(committedAt);
      bar?.update(latencies.length + lost, `p50 ${fmtMs(distribution(latencies.slice(-200)).p50)} ms`);
    };

    // The first warm-up row waits for the consumer to be ready; the rest follow at the steady rate.
    await sample(0);
    // Start from a flushed server: the benchmarks before this one leave write debt a checkpoint would pay here.
    await checkpoint(database.url);
    const checkpointsBefore = await serverCheckpoints(database.url);
    const interval = 1000 / rate;
    const inFlight: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 1; i < WARMUP_SAMPLES + samples; i++) {
      const due = start + (i - 1) * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(sample(i));
    }
    await Promise.all(inFlight);
    const checkpointsAfter = await serverCheckpoints(database.url);
    const checkpointsDuring = checkpointsBefore === null || checkpointsAfter === null ? null : checkpointsAfter - checkpointsBefore;
    const measuredFrom = start + (WARMUP_SAMPLES - 1) * interval;
    const slowest = latencies
      .map((latencyMs, i) => ({
        atSeconds: Math.round((takenAt[i] - measuredFrom) / 10) / 100,
        latencyMs: Math.round(latencyMs * 10) / 10,
      }))
      .sort((a, b) => b.latencyMs - a.latencyMs)
      .slice(0, 10);
    const result = distribution(latencies);
    bar.done(
      `${kind}: p50 ${fmtMs(result.p50)} / p99 ${fmtMs(result.p99)} / max ${fmtMs(result.max)} ms, n = ${result.n}${lost ? `, ${lost} lost` : ''}`,
    );
    return {
      transport: kind,
      status: 'ok',
      relayPollMs,
      ratePerSecond: rate,
      kafkaMaxWaitMs,
      latencyMs: result,
      appendMs: distribution(appendTimes),
      lost,
      readyMs,
      brokers: kafka?.brokers,
      relayErrors,
      projectorErrors,
      transportWarnings: counts.warnings,
      checkpointsDuring,
      slowest,
    };
  } finally {
    bar?.done(`${kind}: stopped`); // no-op when it already finished
    await watcher?.stop().catch(() => undefined);
    await relay?.stop().catch(() => undefined);
    await transport?.stop().catch(() => undefined);
    await api.destroy().catch(() => undefined);
    await workers.destroy().catch(() => undefined);
  }
}

function row(run: LatencyRun): ResultRow {
  const label = run.transport === 'kafka' ? 'Kafka transport (kcat mock cluster)' : 'in-process transport';
  if (run.status !== 'ok' || !run.latencyMs) {
    return { case: label, figure: run.status, detail: run.reason };
  }
  const d = run.latencyMs;
  const extras = [
    `n = ${d.n}`,
    run.lost ? `${run.lost} lost` : null,
    `p90 ${fmtMs(d.p90)} ms`,
    `append tx p50 ${fmtMs(run.appendMs?.p50 ?? NaN)} ms`,
    `relay poll ${run.relayPollMs} ms`,
    run.kafkaMaxWaitMs !== undefined ? `fetch maxWait ${run.kafkaMaxWaitMs} ms` : null,
    `${run.ratePerSecond} commands/s`,
    run.checkpointsDuring ? `${run.checkpointsDuring} server checkpoint${run.checkpointsDuring === 1 ? '' : 's'} meanwhile` : null,
    run.relayErrors.length ? `${run.relayErrors.length} relay/transport errors` : null,
    run.projectorErrors.length ? `${run.projectorErrors.length} projector errors` : null,
  ].filter(Boolean);
  return {
    case: label,
    figure: `p50 ${fmtMs(d.p50)} / p99 ${fmtMs(d.p99)} / max ${fmtMs(d.max)} ms`,
    detail: extras.join('; '),
    aim: run.transport === 'in-process' ? `p99 < ${AIM_P99_MS} ms` : undefined,
    met: run.transport === 'in-process' ? d.p99 < AIM_P99_MS && !run.lost : undefined,
  };
}

export const latencyBenchmark: Benchmark<LatencyData> = {
  id: 'latency',
  title: 'Command → projection latency (commit → row in career_employees)',
  async run(ctx: BenchContext) {
    // The relay settings the apps get from config: defaults unless RELAY_POLL_MS / RELAY_BATCH_SIZE are set.
    const config = validateEnvironment({ RELAY_POLL_MS: process.env.RELAY_POLL_MS, RELAY_BATCH_SIZE: process.env.RELAY_BATCH_SIZE });
    // Against a real broker (KAFKA_BROKERS) the apps' own setting (kafkajs default) applies.
    const kafkaMaxWait = process.env.BENCH_KAFKA_MAX_WAIT_MS
      ? Number(process.env.BENCH_KAFKA_MAX_WAIT_MS)
      : process.env.KAFKA_BROKERS
        ? undefined
        : KAFKA_MAX_WAIT_MS;
    const runs: LatencyRun[] = [];
    const notes: string[] = [];
    const failed = (kind: LatencyRun['transport'], status: 'skipped' | 'failed', reason: string): LatencyRun => ({
      transport: kind,
      status,
      reason,
      relayPollMs: config.RELAY_POLL_MS,
      ratePerSecond: ctx.settings.latencyRate,
      relayErrors: [],
      projectorErrors: [],
      transportWarnings: 0,
    });

    runs.push(await measure(ctx, 'in-process', null, config.RELAY_POLL_MS, config.RELAY_BATCH_SIZE));

    if (!kafkaAvailable()) {
      const reason = 'skipped: kcat is not installed (apt-get install -y kcat) and KAFKA_BROKERS is not set';
      ctx.log(`  ! Kafka latency ${reason}`);
      runs.push(failed('kafka', 'skipped', reason));
    } else {
      let kafka: KafkaHandle | null = null;
      try {
        kafka = await startKafka();
        runs.push(await measure(ctx, 'kafka', kafka, config.RELAY_POLL_MS, config.RELAY_BATCH_SIZE, kafkaMaxWait));
      } catch (error) {
        const reason = `failed: ${(error as Error).message}`;
        ctx.log(`  ! Kafka latency ${reason}`);
        runs.push(failed('kafka', 'failed', reason));
      } finally {
        await kafka?.stop().catch(() => undefined);
      }
    }

    notes.push(
      `Latency: the real Relay (poll ${config.RELAY_POLL_MS} ms, batch ${config.RELAY_BATCH_SIZE}) and Projector (all ${ALL_PROJECTIONS.length} projections) ` +
        `on an empty database per transport; one EmployeeRegistered per command at ${ctx.settings.latencyRate}/s after ${WARMUP_SAMPLES} warm-up commands; ` +
        `measured from the append's commit to the first poll of \`career_employees\` that returns the row (polled every ~${POLL_INTERVAL_MS} ms, so figures may read up to ~${POLL_INTERVAL_MS + 1} ms high).`,
    );
    if (runs.some((r) => r.transport === 'kafka' && r.status === 'ok') && !process.env.KAFKA_BROKERS) {
      notes.push(
        `Kafka: librdkafka's mock cluster (kcat) holds an empty Fetch for the consumer's full maxWaitTimeInMs even when a message arrives ` +
          `(real brokers answer at once), so the bench consumes with maxWaitTimeInMs = ${kafkaMaxWait ?? 'default'} (BENCH_KAFKA_MAX_WAIT_MS); with kafkajs's ` +
          `default 5000 ms, which the apps use, the mock alone adds up to 5 s. Against real Kafka set KAFKA_BROKERS.`,
      );
    }
    for (const run of runs) {
      if (run.relayErrors.length) notes.push(`${run.transport}: relay/transport errors: ${run.relayErrors.slice(0, 3).join(' | ')}`);
      if (run.projectorErrors.length) notes.push(`${run.transport}: projector errors: ${run.projectorErrors.slice(0, 3).join(' | ')}`);
    }
    return { rows: runs.map(row), notes, data: { pollIntervalMs: POLL_INTERVAL_MS, warmupSamples: WARMUP_SAMPLES, runs } };
  },
};
