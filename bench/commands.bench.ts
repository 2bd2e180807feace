/**
 * The command transaction without HTTP: RecordTraining sent through the command path (bus, handler,
 * executor: BEGIN, employee and agency stream reads, decide, guarded append, certificate key, COMMIT)
 * by 1, 8 and 32 concurrent writers on a fresh database, beside pgbench's raw INSERT at as many
 * clients (the pgbench section's figures when it ran, else measured here).
 */
import { performance } from 'node:perf_hooks';
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
import { openCommandPath, type CommandPath } from './command-path.js';
import { findPgbench } from './context.js';
import { backendCpu, backendCpuSpent } from './load.js';
import { createRawTable, runRawInsert, type PgbenchData } from './pgbench.js';
import { BENCH_AGENCY, BENCH_HR_NIP, nipFor, trainingBody } from './servers.js';

export const COMMAND_WRITERS = [1, 8, 32] as const;
const EMPLOYEES = 32;
const HR = { nip: BENCH_HR_NIP, agency: BENCH_AGENCY, roles: ['hr' as const] };
const writersText = (n: number) => `${n} writer${n === 1 ? '' : 's'}`;

export interface CommandCaseResult {
  writers: number;
  seconds: number;
  commands: number;
  perSecond: number;
  latencyMs: Distribution;
  errors: number;
  firstError: string | null;
  rawInsertTps: number | null;
  /** This process's CPU per command (the command path and the writer loop), ms. */
  nodeCpuMsPerCommand: number;
  /** The PostgreSQL backends' CPU per command, ms (null when not readable here). */
  postgresCpuMsPerCommand: number | null;
}

async function runWriters(
  path: CommandPath,
  databaseUrl: string,
  nips: string[],
  writers: number,
  seconds: number,
  tag: string,
  onTick?: (n: number) => void,
): Promise<Omit<CommandCaseResult, 'writers' | 'rawInsertTps'>> {
  const latencies: number[] = [];
  const postgresBefore = await backendCpu(databaseUrl);
  const cpuBefore = process.cpuUsage();
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const ticker = onTick ? setInterval(() => onTick(latencies.length), 200) : null;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let serial = 0; performance.now() < deadline; serial++) {
        const t0 = performance.now();
        try {
          await path.recordTraining(HR, trainingBody(nips[(w + serial) % nips.length], `${tag}-${w}-${serial}`));
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  if (ticker) clearInterval(ticker);
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const postgresSpent = backendCpuSpent(postgresBefore, await backendCpu(databaseUrl));
  const commands = Math.max(1, latencies.length);
  return {
    seconds: elapsed,
    commands: latencies.length,
    perSecond: latencies.length / elapsed,
    latencyMs: distribution(latencies),
    errors,
    firstError,
    nodeCpuMsPerCommand: (cpu.user + cpu.system) / 1000 / commands,
    postgresCpuMsPerCommand: postgresSpent === null ? null : postgresSpent / commands,
  };
}

async function rawInsertRates(ctx: BenchContext): Promise<{ rates: Map<number, number>; source: string }> {
  const earlier = ctx.results.get('pgbench')?.data as PgbenchData | undefined;
  if (earlier?.runs.length) return { rates: new Map(earlier.runs.map((r) => [r.clients, r.tps])), source: 'the pgbench section above' };
  const pgbench = findPgbench();
  const rates = new Map<number, number>();
  if (!pgbench) return { rates, source: 'no pgbench' };
  await createRawTable(ctx.database.url);
  for (const clients of COMMAND_WRITERS) {
    const bar = ctx.progress(`pgbench raw INSERT: ${clients} client${clients === 1 ? '' : 's'}, ${ctx.settings.seconds} s`, 1, 'runs');
    const run = await runRawInsert(pgbench, ctx.database.url, clients, ctx.settings.seconds);
    bar.done(`raw INSERT, ${clients} client${clients === 1 ? '' : 's'}: ${fmtInt(run.tps)} tps`);
    rates.set(clients, run.tps);
  }
  return { rates, source: 'pgbench in this section' };
}

export const commandsBenchmark: Benchmark<{ cases: CommandCaseResult[]; rawInsertSource: string }> = {
  id: 'commands',
  title: 'Command transaction in-process: RecordTraining through the command path (no HTTP)',
  async run(ctx) {
    const database = await ctx.freshDatabase('commands');
    const path = await openCommandPath(database.url);
    const cases: CommandCaseResult[] = [];
    try {
      const nips = Array.from({ length: EMPLOYEES }, (_, i) => nipFor(2000 + i));
      for (const nip of nips) {
        await path.registerEmployee(HR, {
          nip,
          name: 'Pegawai Bench',
          unitId: 'unit-1',
          grade: 'III/a',
          gradeSince: '2019-01-01',
          education: 'S1',
          positionTitle: 'Analis Kepegawaian',
          positionType: 'FUNGSIONAL',
          jenjang: 'AHLI_PERTAMA',
        });
      }
      const tag = Date.now().toString(36);
      for (const writers of COMMAND_WRITERS) {
        if (ctx.settings.warmupSeconds > 0)
          await runWriters(path, database.url, nips, writers, ctx.settings.warmupSeconds, `${tag}w${writers}`);
        const bar = ctx.progress(`commands: ${writersText(writers)}, ${ctx.settings.seconds} s`, ctx.settings.seconds * 10, 'ticks');
        const started = Date.now();
        const result = await runWriters(path, database.url, nips, writers, ctx.settings.seconds, `${tag}c${writers}`, (n) =>
          bar.update(Math.round((Date.now() - started) / 100), `${fmtInt(n)} commands`),
        );
        bar.done(`${writersText(writers)}: ${fmtInt(result.perSecond)} commands/s, p99 ${fmtMs(result.latencyMs.p99)} ms`);
        cases.push({ writers, ...result, rawInsertTps: null });
      }
    } finally {
      await path.close();
    }
    const { rates, source } = await rawInsertRates(ctx);
    const rows: ResultRow[] = cases.map((c) => {
      c.rawInsertTps = rates.get(c.writers) ?? null;
      return {
        case: `RecordTraining via CommandBus, ${writersText(c.writers)}`,
        figure: `${fmtInt(c.perSecond)} commands/s`,
        detail:
          [
            c.rawInsertTps !== null
              ? `${fmtPercent(c.perSecond / c.rawInsertTps)} of pgbench raw INSERT (${fmtInt(c.rawInsertTps)} tps)`
              : null,
            `p50 ${fmtMs(c.latencyMs.p50)} / p99 ${fmtMs(c.latencyMs.p99)} ms`,
            `Node CPU ${fmtMs(c.nodeCpuMsPerCommand)} ms/command`,
            c.postgresCpuMsPerCommand !== null ? `PostgreSQL CPU ${fmtMs(c.postgresCpuMsPerCommand)} ms/command` : null,
            c.errors ? `${c.errors} errors (${c.firstError})` : null,
          ]
            .filter(Boolean)
            .join('; ') || '—',
      };
    });
    return {
      rows,
      notes: [
        `Commands in-process: the api module without a socket (pool of 10, as the api), RecordTraining sent through the CommandBus ` +
          `as the controller sends it (no idempotency key), ${ctx.settings.seconds} s per case after ${ctx.settings.warmupSeconds} s of warm-up; ` +
          `each command: one read of the employee and agency streams, decide, one autocommit statement with the guarded INSERT and the certificate key (reads and writes of concurrent commands grouped, ADR 0011). ` +
          `Raw INSERT from ${source}.`,
      ],
      data: { cases, rawInsertSource: source },
    };
  },
};
