/**
 * The ceiling for appends: pgbench on the same database doing a raw INSERT into a table shaped like
 * `events` (identity, stream id, version, type, jsonb data and metadata, hash, unique (stream_id, version)),
 * one row per transaction, with the client counts the append benchmark used. Reports appends/raw.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fmtInt, fmtPercent, SkipBenchmark, type Benchmark, type BenchContext, type ResultRow } from './benchmark.js';
import { sampleEvent, type AppendData } from './append.bench.js';
import { findPgbench, withClient } from './context.js';

const run = promisify(execFile);

export const PGBENCH_CLIENTS = [1, 8, 32] as const;
const RAW_TABLE = 'bench_raw_events';
const AIM = 0.5;

export interface PgbenchRun {
  clients: number;
  threads: number;
  tps: number;
  transactions: number | null;
  failed: number | null;
  latencyAverageMs: number | null;
  command: string;
}

export interface PgbenchData {
  pgbench: string;
  table: string;
  script: string;
  runs: (PgbenchRun & { appendEventsPerSecond: number | null; ratio: number | null })[];
}

const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** One row per transaction, ten versions per stream (like the append benchmark), ids from a sequence. */
function rawInsertScript(): string {
  const event = sampleEvent('198507122010011001');
  const data = sqlString(JSON.stringify(event.data));
  const metadata = sqlString(JSON.stringify(event.metadata));
  return (
    `INSERT INTO ${RAW_TABLE} (stream_id, version, type, data, metadata, hash) ` +
    `SELECT 'raw-' || (n / 10), (n % 10)::int + 1, 'EmployeeRegistered', ${data}::jsonb, ${metadata}::jsonb, md5(n::text) || md5(n::text) ` +
    `FROM nextval('${RAW_TABLE}_seq') AS n;\n`
  );
}

export function parsePgbench(output: string): Omit<PgbenchRun, 'clients' | 'threads' | 'command'> {
  const tps =
    /tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1] ??
    /tps = ([\d.]+) \(excluding connections establishing\)/.exec(output)?.[1] ??
    /tps = ([\d.]+)/.exec(output)?.[1];
  if (tps === undefined) throw new Error(`could not find tps in pgbench output:\n${output.slice(-1000)}`);
  const num = (re: RegExp) => {
    const m = re.exec(output);
    return m ? Number(m[1]) : null;
  };
  return {
    tps: Number(tps),
    transactions: num(/number of transactions actually processed: (\d+)/),
    failed: num(/number of failed transactions: (\d+)/),
    latencyAverageMs: num(/latency average = ([\d.]+) ms/),
  };
}

export async function runPgbench(
  pgbench: string,
  url: string,
  scriptFile: string,
  clients: number,
  seconds: number,
  extraArgs: string[] = [],
): Promise<PgbenchRun> {
  const threads = Math.min(2, clients);
  const args = ['-n', '-f', scriptFile, '-c', String(clients), '-j', String(threads), '-T', String(seconds), ...extraArgs, url];
  const command = `pgbench ${args.slice(0, -1).join(' ')} <db>`;
  let stdout: string;
  let stderr: string;
  try {
    ({ stdout, stderr } = await run(pgbench, args, { timeout: (seconds + 60) * 1000, maxBuffer: 16 * 2 ** 20 }));
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${command} failed: ${(e.stderr || e.message).trim().split('\n').slice(-3).join(' | ')}`);
  }
  return { clients, threads, command, ...parsePgbench(`${stdout}\n${stderr}`) };
}

export const pgbenchBenchmark: Benchmark<PgbenchData> = {
  id: 'pgbench',
  title: 'Baseline: pgbench raw INSERT (same database)',
  async run(ctx: BenchContext) {
    const pgbench = findPgbench();
    if (!pgbench) throw new SkipBenchmark('no pgbench binary on PATH or at /usr/bin/pgbench (set PGBENCH=/path/to/pgbench)');

    await withClient(ctx.database.url, async (c) => {
      await c.query(`DROP TABLE IF EXISTS ${RAW_TABLE}`);
      await c.query(`DROP SEQUENCE IF EXISTS ${RAW_TABLE}_seq`);
      await c.query(`CREATE SEQUENCE ${RAW_TABLE}_seq`);
      await c.query(`
        CREATE TABLE ${RAW_TABLE} (
          global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          stream_id text NOT NULL,
          version integer NOT NULL,
          type text NOT NULL,
          data jsonb NOT NULL,
          metadata jsonb NOT NULL,
          hash text NOT NULL,
          CONSTRAINT ${RAW_TABLE}_stream_version UNIQUE (stream_id, version)
        )`);
    });

    const dir = mkdtempSync(join(os.tmpdir(), 'jenjang-pgbench-'));
    const script = rawInsertScript();
    const scriptFile = join(dir, 'raw-insert.sql');
    writeFileSync(scriptFile, script);
    const appends = ctx.results.get('append')?.data as AppendData | undefined;
    const runs: PgbenchData['runs'] = [];
    const rows: ResultRow[] = [];
    try {
      for (const clients of PGBENCH_CLIENTS) {
        const bar = ctx.progress(`pgbench raw INSERT: ${clients} client${clients === 1 ? '' : 's'}, ${ctx.settings.seconds} s`, ctx.settings.seconds, 's');
        const started = Date.now();
        const ticker = setInterval(() => bar.update(Math.round((Date.now() - started) / 1000)), 250);
        let result: PgbenchRun;
        try {
          result = await runPgbench(pgbench, ctx.database.url, scriptFile, clients, ctx.settings.seconds);
        } catch (error) {
          bar.done(`pgbench failed`);
          if (runs.length === 0) {
            throw new SkipBenchmark(`pgbench cannot run against the bench database: ${(error as Error).message}`);
          }
          throw error;
        } finally {
          clearInterval(ticker);
        }
        const append = appends?.cases.find((c) => c.writers === clients && c.batch === 1);
        const ratio = append ? append.eventsPerSecond / result.tps : null;
        runs.push({ ...result, appendEventsPerSecond: append?.eventsPerSecond ?? null, ratio });
        bar.done(`${clients} client${clients === 1 ? '' : 's'}: ${fmtInt(result.tps)} tps${ratio === null ? '' : `, appends/raw ${fmtPercent(ratio)}`}`);
        rows.push({
          case: `${clients} client${clients === 1 ? '' : 's'} (-j ${result.threads})`,
          figure: `${fmtInt(result.tps)} tps`,
          detail:
            (append
              ? `appends/raw = ${fmtPercent(ratio as number)} (${fmtInt(append.eventsPerSecond)} vs ${fmtInt(result.tps)} events/s)`
              : 'no append figure to compare') + (result.failed ? `; ${result.failed} failed` : ''),
          aim: append ? `appends/raw ≥ ${fmtPercent(AIM)}` : undefined,
          met: ratio === null ? undefined : ratio >= AIM,
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return {
      rows,
      notes: [
        `pgbench: \`pgbench -n -f raw-insert.sql -c N -j min(2,N) -T ${ctx.settings.seconds}\` on the bench database; ` +
          `one autocommit INSERT per transaction into ${RAW_TABLE} (the events shape without the xid8, recorded_at, ` +
          `schema_version columns and the commit-order, by-NIP and by-agency indexes that \`events\` has), same JSON payload.`,
      ],
      data: { pgbench: ctx.machine.pgbench ?? pgbench, table: RAW_TABLE, script, runs },
    };
  },
};
