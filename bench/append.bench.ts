/**
 * Event appends per second through the real EventStore: `transaction(session => session.append(...))`,
 * each writer on streams of its own at the right expected version, for a fixed time per case.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { EVENT_SCHEMA_VERSIONS, type EventMetadata } from '#domain';
import { EventStore, openDataSource, runMigrations, type NewEvent } from '#event-store';
import { DATABASE_MIGRATIONS } from '#projections';
import { distribution, fmtInt, fmtMs, type Benchmark, type BenchContext, type Distribution, type ResultRow } from './benchmark.js';

export interface AppendCase {
  writers: number;
  /** Events per transaction (all on one stream). */
  batch: number;
}

export interface AppendCaseResult extends AppendCase {
  seconds: number;
  transactions: number;
  events: number;
  eventsPerSecond: number;
  transactionsPerSecond: number;
  /** Wall time of one `transaction(...)` call, ms. */
  latencyMs: Distribution;
  errors: number;
  firstError: string | null;
}

export interface AppendData {
  cases: AppendCaseResult[];
  /** Events each stream gets before a writer moves to a fresh one (single-event cases). */
  streamLength: number;
  eventBytes: number;
}

export const APPEND_CASES: readonly AppendCase[] = [
  { writers: 1, batch: 1 },
  { writers: 8, batch: 1 },
  { writers: 32, batch: 1 },
  { writers: 1, batch: 100 },
  { writers: 8, batch: 100 },
];

/** Employee streams are short: a registration and a few sanctions. */
const STREAM_LENGTH = 10;

const describeCase = (c: AppendCase) => `${c.writers} writer${c.writers === 1 ? '' : 's'}, ${c.batch} event${c.batch === 1 ? '' : 's'}/tx`;

/** An event the size and shape of a real EmployeeRegistered (data names a NIP, so the by-NIP index works). */
export function sampleEvent(nip: string): NewEvent {
  const metadata: EventMetadata = {
    actor: '197901012005012002',
    agency: 'pemkot-langsa',
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
  };
  return {
    type: 'EmployeeRegistered',
    schemaVersion: EVENT_SCHEMA_VERSIONS.EmployeeRegistered,
    data: {
      nip,
      name: 'Siti Rahmawati',
      agencyId: 'pemkot-langsa',
      unitId: 'dinas-kesehatan',
      grade: 'III/b',
      gradeSince: '2021-01-01',
      positionTitle: 'Analis Kepegawaian',
      positionType: 'FUNGSIONAL',
    },
    metadata,
  };
}

async function runCase(
  store: EventStore,
  spec: AppendCase,
  seconds: number,
  tag: string,
  onTick?: (events: number) => void,
): Promise<Omit<AppendCaseResult, keyof AppendCase>> {
  const latencies: number[] = [];
  let events = 0;
  let errors = 0;
  let firstError: string | null = null;
  const streamLength = Math.max(STREAM_LENGTH, spec.batch);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const ticker = onTick ? setInterval(() => onTick(events), 200) : null;

  const writer = async (w: number) => {
    let stream = 0;
    let version = 0;
    let previousHash: string | undefined;
    let serial = 0;
    while (performance.now() < deadline) {
      if (version + spec.batch > streamLength) {
        stream += 1;
        version = 0;
        previousHash = undefined;
      }
      const streamId = `bench-${tag}-w${w}-s${stream}`;
      const batch: NewEvent[] = [];
      for (let i = 0; i < spec.batch; i++) {
        serial += 1;
        batch.push(sampleEvent(`${tag}${String(w).padStart(3, '0')}${String(serial).padStart(9, '0')}`.slice(-18)));
      }
      const t0 = performance.now();
      try {
        // One transaction per append: a single guarded INSERT chaining to the hash this writer last saw.
        const recorded = await store.append(streamId, version, batch, previousHash);
        previousHash = recorded[recorded.length - 1].hash;
        latencies.push(performance.now() - t0);
        version += spec.batch;
        events += spec.batch;
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
        // Re-read where the stream stands rather than hammering a conflict.
        const stream = await store.readStream(streamId);
        version = stream.length;
        previousHash = stream[stream.length - 1]?.hash;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.writers }, (_, w) => writer(w)));
  if (ticker) clearInterval(ticker);
  const elapsed = (performance.now() - started) / 1000;
  return {
    seconds: elapsed,
    transactions: latencies.length,
    events,
    eventsPerSecond: events / elapsed,
    transactionsPerSecond: latencies.length / elapsed,
    latencyMs: distribution(latencies),
    errors,
    firstError,
  };
}

export const appendBenchmark: Benchmark<AppendData> = {
  id: 'append',
  title: 'Event appends (EventStore.append: one guarded INSERT per transaction)',
  async run(ctx: BenchContext) {
    const maxWriters = Math.max(...APPEND_CASES.map((c) => c.writers));
    const dataSource: DataSource = await openDataSource({
      url: ctx.database.url,
      migrations: DATABASE_MIGRATIONS,
      poolSize: maxWriters + 2,
      applicationName: 'jenjang-bench-append',
    });
    try {
      await runMigrations(dataSource);
      const store = new EventStore(dataSource);
      const cases: AppendCaseResult[] = [];
      const rows: ResultRow[] = [];
      for (const [i, spec] of APPEND_CASES.entries()) {
        const tag = `${Date.now().toString(36)}c${i}`;
        if (ctx.settings.warmupSeconds > 0) await runCase(store, spec, ctx.settings.warmupSeconds, `${tag}warm`);
        const bar = ctx.progress(`appends: ${describeCase(spec)}, ${ctx.settings.seconds} s`, ctx.settings.seconds * 10, 'ticks');
        const started = Date.now();
        const result = await runCase(store, spec, ctx.settings.seconds, tag, (events) =>
          bar.update(Math.round((Date.now() - started) / 100), `${fmtInt(events)} events`),
        );
        const full: AppendCaseResult = { ...spec, ...result };
        cases.push(full);
        bar.done(`${describeCase(spec)}: ${fmtInt(full.eventsPerSecond)} events/s, ${fmtInt(full.transactionsPerSecond)} tx/s`);
        rows.push({
          case: describeCase(spec),
          figure: `${fmtInt(full.eventsPerSecond)} events/s`,
          detail:
            `${fmtInt(full.transactionsPerSecond)} tx/s; tx p50 ${fmtMs(full.latencyMs.p50)} ms, p99 ${fmtMs(full.latencyMs.p99)} ms` +
            (full.errors ? `; ${full.errors} errors (${full.firstError})` : ''),
        });
      }
      const eventBytes = Buffer.byteLength(JSON.stringify(sampleEvent('198507122010011001')));
      return {
        rows,
        notes: [
          `Appends: ${ctx.settings.seconds} s per case after ${ctx.settings.warmupSeconds} s of warm-up; each writer appends to its own streams ` +
            `(${STREAM_LENGTH} events per stream, or one stream per 100-event batch) at the expected version, pool of ${maxWriters + 2} connections. ` +
            `Event: EmployeeRegistered-shaped, ~${eventBytes} bytes of JSON.`,
        ],
        data: { cases, streamLength: STREAM_LENGTH, eventBytes },
      };
    } finally {
      await dataSource.destroy();
    }
  },
};
