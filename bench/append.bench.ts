/**
 * Event appends per second through the real EventStore, each writer on streams of its own, for a
 * fixed time per case, in two shapes:
 *
 * - `autocommit`: the command path's append, `CommandStore.write({ streamId, head, events })`, the
 *   writer supplying the version and the hash it last wrote: one guarded statement, no transaction
 *   around it, no read; concurrent writers' appends go together (group commit, ADR 0011);
 * - `transaction`: what a command does to its stream, `store.transaction(s => { s.readStream(id);
 *   s.append(id, length, [event]) })`: BEGIN, read the stream, the guarded INSERT, COMMIT.
 *
 * Then Emmett's PostgreSQL event store (`appendToStream` with the expected version) on the same
 * database with the same event, in a child process (emmett-append.ts), beside the autocommit append.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { EVENT_SCHEMA_VERSIONS, type EventMetadata } from '#domain';
import { CommandStore, EventStore, GENESIS_HASH, openDataSource, runMigrations, type NewEvent } from '#event-store';
import { DATABASE_MIGRATIONS } from '#projections';
import {
  distribution,
  fmtInt,
  fmtMs,
  fmtPercent,
  type Benchmark,
  type BenchContext,
  type Distribution,
  type ResultRow,
} from './benchmark.js';
import { runEmmett, type EmmettResult } from './emmett.js';

export interface AppendCase {
  mode: 'autocommit' | 'transaction';
  writers: number;
  /** Events per append (all on one stream). */
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
  /** Emmett's store at the same writer counts; `skipped` says why when it could not run. */
  emmett: (EmmettResult & { writers: number })[];
  emmettSkipped: string | null;
  /** Events each stream gets before a writer moves to a fresh one (single-event cases). */
  streamLength: number;
  eventBytes: number;
}

export const APPEND_CASES: readonly AppendCase[] = [
  { mode: 'autocommit', writers: 1, batch: 1 },
  { mode: 'autocommit', writers: 8, batch: 1 },
  { mode: 'autocommit', writers: 32, batch: 1 },
  { mode: 'transaction', writers: 1, batch: 1 },
  { mode: 'transaction', writers: 8, batch: 1 },
  { mode: 'transaction', writers: 32, batch: 1 },
  { mode: 'autocommit', writers: 1, batch: 100 },
  { mode: 'autocommit', writers: 8, batch: 100 },
];

export const EMMETT_WRITERS = [8, 32] as const;

/** Employee streams are short: a registration and a few sanctions. */
const STREAM_LENGTH = 10;

const writersText = (n: number) => `${n} writer${n === 1 ? '' : 's'}`;

/** Exactly what the row timed. */
export const describeCase = (c: AppendCase) =>
  c.mode === 'autocommit'
    ? `autocommit append (CommandStore.write: 1 guarded statement, version and previous hash supplied, grouped), ${writersText(c.writers)}, ${c.batch} event${c.batch === 1 ? '' : 's'}`
    : `read stream + append in a transaction (BEGIN; SELECT stream; INSERT; COMMIT), ${writersText(c.writers)}, ${c.batch} event${c.batch === 1 ? '' : 's'}`;

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
      education: 'S1',
      post: { type: 'FUNGSIONAL', title: 'Analis Kepegawaian', eselon: null, jenjang: 'AHLI_PERTAMA', since: '2021-01-01' },
      superiorNip: null,
    },
    metadata,
  };
}

async function runCase(
  store: EventStore,
  commands: CommandStore,
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
        const recorded =
          spec.mode === 'autocommit'
            ? // A single guarded statement chaining to the hash this writer last wrote, as commands append.
              (await commands.write({ streamId, head: { version, hash: previousHash ?? GENESIS_HASH }, events: batch })).recorded
            : // As a command: read the stream in the transaction, append on top of what was read.
              await store.transaction(async (session) => {
                const events = await session.readStream(streamId);
                return session.append(streamId, events.length, batch);
              });
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

async function runEmmettCases(ctx: BenchContext): Promise<{ emmett: (EmmettResult & { writers: number })[]; skipped: string | null }> {
  const emmett: (EmmettResult & { writers: number })[] = [];
  try {
    for (const writers of EMMETT_WRITERS) {
      const bar = ctx.progress(`Emmett appendToStream: ${writersText(writers)}, ${ctx.settings.seconds} s`, 1, 'runs');
      const result = await runEmmett({
        url: ctx.database.url,
        writers,
        seconds: ctx.settings.seconds,
        warmupSeconds: ctx.settings.warmupSeconds,
        streamLength: STREAM_LENGTH,
      });
      bar.done(`Emmett, ${writersText(writers)}: ${fmtInt(result.eventsPerSecond)} events/s`);
      emmett.push({ ...result, writers });
    }
    return { emmett, skipped: null };
  } catch (error) {
    const reason = `Emmett could not run: ${error instanceof Error ? error.message : String(error)}`;
    ctx.log(`  ! ${reason}`);
    return { emmett, skipped: reason };
  }
}

export const appendBenchmark: Benchmark<AppendData> = {
  id: 'appends',
  title: 'Event appends through EventStore, in-process (no HTTP)',
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
      const commands = new CommandStore(dataSource);
      const cases: AppendCaseResult[] = [];
      const rows: ResultRow[] = [];
      for (const [i, spec] of APPEND_CASES.entries()) {
        const tag = `${Date.now().toString(36)}c${i}`;
        if (ctx.settings.warmupSeconds > 0) await runCase(store, commands, spec, ctx.settings.warmupSeconds, `${tag}warm`);
        const bar = ctx.progress(`appends: ${describeCase(spec)}, ${ctx.settings.seconds} s`, ctx.settings.seconds * 10, 'ticks');
        const started = Date.now();
        const result = await runCase(store, commands, spec, ctx.settings.seconds, tag, (events) =>
          bar.update(Math.round((Date.now() - started) / 100), `${fmtInt(events)} events`),
        );
        const full: AppendCaseResult = { ...spec, ...result };
        cases.push(full);
        bar.done(`${describeCase(spec)}: ${fmtInt(full.eventsPerSecond)} events/s, ${fmtInt(full.transactionsPerSecond)} appends/s`);
        rows.push({
          case: describeCase(spec),
          figure: `${fmtInt(full.eventsPerSecond)} events/s`,
          detail:
            `${fmtInt(full.transactionsPerSecond)} appends/s; p50 ${fmtMs(full.latencyMs.p50)} ms, p99 ${fmtMs(full.latencyMs.p99)} ms` +
            (full.errors ? `; ${full.errors} errors (${full.firstError})` : ''),
        });
      }
      const eventBytes = Buffer.byteLength(JSON.stringify(sampleEvent('198507122010011001')));
      const { emmett, skipped } = await runEmmettCases(ctx);
      for (const e of emmett) {
        const jenjang = cases.find((c) => c.mode === 'autocommit' && c.batch === 1 && c.writers === e.writers);
        const inTransaction = cases.find((c) => c.mode === 'transaction' && c.batch === 1 && c.writers === e.writers);
        const ratio = jenjang ? jenjang.eventsPerSecond / e.eventsPerSecond : Number.NaN;
        rows.push({
          case: `Emmett PostgreSQL appendToStream (expected version supplied), ${writersText(e.writers)}, 1 event`,
          figure: `${fmtInt(e.eventsPerSecond)} events/s`,
          detail: [
            jenjang ? `Jenjang autocommit append = ${fmtPercent(ratio)} of it (${fmtInt(jenjang.eventsPerSecond)} events/s)` : null,
            inTransaction ? `read + append in a transaction = ${fmtPercent(inTransaction.eventsPerSecond / e.eventsPerSecond)}` : null,
            `p50 ${fmtMs(e.latencyMs.p50)} / p99 ${fmtMs(e.latencyMs.p99)} ms`,
            e.errors ? `${e.errors} errors (${e.firstError})` : null,
          ]
            .filter(Boolean)
            .join('; '),
          aim: 'Jenjang ahead',
          met: Number.isFinite(ratio) ? ratio > 1 : undefined,
        });
      }
      if (skipped) rows.push({ case: 'Emmett PostgreSQL appendToStream', figure: 'skipped', detail: skipped });
      return {
        rows,
        notes: [
          `Appends: ${ctx.settings.seconds} s per case after ${ctx.settings.warmupSeconds} s of warm-up; each writer appends to its own streams ` +
            `(${STREAM_LENGTH} events per stream, or one stream per 100-event batch) at the expected version, pool of ${maxWriters + 2} connections. ` +
            `Event: EmployeeRegistered-shaped, ~${eventBytes} bytes of JSON. "autocommit append" is the command path's append (CommandStore.write): one statement with the ` +
            `version and the previous hash the writer already holds, concurrent appends grouped into one statement and commit (ADR 0011); ` +
            `"read stream + append in a transaction" is the older shape, a transaction around a read and the append.`,
          `Emmett: @event-driven-io/emmett-postgresql's appendToStream (its own transaction around one call of its append function) ` +
            `on the same database, same event, streams of ${STREAM_LENGTH}, pool of writers + 2, run in a child process because its driver ` +
            `sets process-wide pg type parsers.`,
        ],
        data: { cases, emmett, emmettSkipped: skipped, streamLength: STREAM_LENGTH, eventBytes },
      };
    } finally {
      await dataSource.destroy();
    }
  },
};
