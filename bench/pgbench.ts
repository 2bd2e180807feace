/**
 * The ceiling for appends: pgbench on the same database doing a raw INSERT into a table shaped like
 * `events` (identity, stream id, version, type, jsonb data and metadata, hash, unique (stream_id, version)),
 * one row per transaction, with the client counts the append benchmark used. Reports appends/raw.
 *
 * Then, to tell what the gap is made of, pgbench replays the event store's own SQL for one append
 * (BEGIN; head SELECT; INSERT into `events` … RETURNING; COMMIT) from C, with no Node in the way:
 * appends close to this figure mean the SQL shape costs the difference, far below it mean Node does.
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
  storeScript: string;
  runs: (PgbenchRun & { appendEventsPerSecond: number | null; ratio: number | null })[];
  /** The event store's SQL replayed by pgbench. */
  storeSqlRuns: (PgbenchRun & { appendEventsPerSecond: number | null; ratio: number | null })[];
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

/**
 * What `EventStore.append(streamId, expectedVersion, [event], previousHash)` sends, per pgbench client
 * on streams of its own (ten versions each, like the append benchmark): one autocommit INSERT … SELECT
 * … WHERE the event it chains to is there, RETURNING what the database adds. A hand-made mirror of
 * event-store.ts: keep it in step. `n` is a per-client counter (pgbench keeps a client's variables
 * across transactions), `tag` keeps runs apart; the hash of event n is md5(n)‖md5(n), so the guard
 * can name its predecessor's without a read, as the store's caller does.
 */
function storeSqlScript(): string {
  const event = sampleEvent('198507122010011001');
  const data = sqlString(JSON.stringify(event.data));
  const metadata = sqlString(JSON.stringify(event.metadata));
  const stream = `'pgb-' || :tag || '-' || :client_id || '-' || :s`;
  return [
    `\\set n :n + 1`,
    `\\set s :n / 10`,
    `\\set v :n % 10 + 1`,
    `\\set e :v - 1`,
    `INSERT INTO events (stream_id, version, type, schema_version, data, metadata, hash) ` +
      `SELECT * FROM (VALUES (${stream}, :v, 'EmployeeRegistered', 1, ${data}::jsonb, ${metadata}::jsonb, md5(:n::text) || md5(:n::text))) AS appended ` +
      `WHERE :e = 0 OR EXISTS (SELECT 1 FROM events WHERE stream_id = ${stream} AND version = :e AND hash = md5((:n - 1)::text) || md5((:n - 1)::text)) ` +
      `RETURNING version, global_position, transaction_id::text AS transaction_id, recorded_at;`,
    '',
  ].join('\n');
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
    throw new Error(`${command} failed: ${(e.stderr || e.message).trim().split('\n').slice(-3).join(' | ')}`, { cause: error });
  }
  return { clients, threads, command, ...parsePgbench(`${stdout}\n${stderr}`) };
}

/** The events-shaped table the raw INSERT goes into, created afresh. */
export async function createRawTable(url: string): Promise<void> {
  await withClient(url, async (c) => {
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
}

/** pgbench's raw INSERT on `url`: the script in a temporary file, removed afterwards. */
export async function runRawInsert(pgbench: string, url: string, clients: number, seconds: number): Promise<PgbenchRun> {
  const dir = mkdtempSync(join(os.tmpdir(), 'jenjang-pgbench-'));
  try {
    const file = join(dir, 'raw-insert.sql');
    writeFileSync(file, rawInsertScript());
    return await runPgbench(pgbench, url, file, clients, seconds);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const plural = (clients: number) => `${clients} client${clients === 1 ? '' : 's'}`;

export const pgbenchBenchmark: Benchmark<PgbenchData> = {
  id: 'pgbench',
  title: 'Baseline: pgbench raw INSERT (same database)',
  async run(ctx: BenchContext) {
    const pgbench = findPgbench();
    if (!pgbench) throw new SkipBenchmark('no pgbench binary on PATH or at /usr/bin/pgbench (set PGBENCH=/path/to/pgbench)');

    await createRawTable(ctx.database.url);
    // The append benchmark normally created `events`; without it (`npm run bench -- pgbench`) the store-SQL replay is skipped.
    const [{ exists: haveEvents }] = await withClient(
      ctx.database.url,
      async (c) => (await c.query<{ exists: boolean }>(`SELECT to_regclass('events') IS NOT NULL AS exists`)).rows,
    );

    const dir = mkdtempSync(join(os.tmpdir(), 'jenjang-pgbench-'));
    const script = rawInsertScript();
    const storeScript = storeSqlScript();
    const scriptFile = join(dir, 'raw-insert.sql');
    const storeScriptFile = join(dir, 'event-store-append.sql');
    writeFileSync(scriptFile, script);
    writeFileSync(storeScriptFile, storeScript);
    const appends = ctx.results.get('appends')?.data as AppendData | undefined;
    // Compared with the autocommit append: the one statement the store-SQL script replays.
    const appendRate = (clients: number) =>
      appends?.cases.find((c) => c.mode === 'autocommit' && c.writers === clients && c.batch === 1)?.eventsPerSecond ?? null;
    const transactional = (clients: number) =>
      appends?.cases.find((c) => c.mode === 'transaction' && c.writers === clients && c.batch === 1)?.eventsPerSecond ?? null;
    const runs: PgbenchData['runs'] = [];
    const storeSqlRuns: PgbenchData['storeSqlRuns'] = [];
    const rows: ResultRow[] = [];

    const measure = async (label: string, file: string, clients: number, extraArgs: string[]): Promise<PgbenchRun> => {
      const bar = ctx.progress(`pgbench ${label}: ${plural(clients)}, ${ctx.settings.seconds} s`, ctx.settings.seconds, 's');
      const started = Date.now();
      const ticker = setInterval(() => bar.update(Math.round((Date.now() - started) / 1000)), 250);
      try {
        const result = await runPgbench(pgbench, ctx.database.url, file, clients, ctx.settings.seconds, extraArgs);
        const append = appendRate(clients);
        const versus = file === scriptFile ? 'autocommit append/raw' : 'autocommit append/this';
        bar.done(
          `${label}, ${plural(clients)}: ${fmtInt(result.tps)} tps${append === null ? '' : `, ${versus} ${fmtPercent(append / result.tps)}`}`,
        );
        return result;
      } catch (error) {
        bar.done(`${label}, ${plural(clients)}: pgbench failed`);
        throw error;
      } finally {
        clearInterval(ticker);
      }
    };

    try {
      for (const clients of PGBENCH_CLIENTS) {
        let result: PgbenchRun;
        try {
          result = await measure('raw INSERT', scriptFile, clients, []);
        } catch (error) {
          if (runs.length === 0) throw new SkipBenchmark(`pgbench cannot run against the bench database: ${(error as Error).message}`);
          throw error;
        }
        const append = appendRate(clients);
        const ratio = append === null ? null : append / result.tps;
        runs.push({ ...result, appendEventsPerSecond: append, ratio });
        rows.push({
          case: `raw INSERT, ${plural(clients)} (-j ${result.threads})`,
          figure: `${fmtInt(result.tps)} tps`,
          detail:
            (append !== null
              ? `autocommit append/raw = ${fmtPercent(ratio as number)} (${fmtInt(append)} vs ${fmtInt(result.tps)} events/s)` +
                (transactional(clients) !== null
                  ? `; read + append in a transaction/raw = ${fmtPercent((transactional(clients) as number) / result.tps)}`
                  : '')
              : 'no append figure to compare') + (result.failed ? `; ${result.failed} failed` : ''),
          aim: append !== null ? `autocommit append/raw ≥ ${fmtPercent(AIM)}` : undefined,
          met: ratio === null ? undefined : ratio >= AIM,
        });
      }
      if (haveEvents) {
        for (const [i, clients] of PGBENCH_CLIENTS.entries()) {
          const tag = `${Date.now() % 1_000_000_000}${i}`;
          const result = await measure('event-store SQL', storeScriptFile, clients, ['-D', 'n=-1', '-D', `tag=${tag}`]);
          const append = appendRate(clients);
          const ratio = append === null ? null : append / result.tps;
          storeSqlRuns.push({ ...result, appendEventsPerSecond: append, ratio });
          const raw = runs.find((r) => r.clients === clients);
          rows.push({
            case: `event-store SQL, ${plural(clients)} (-j ${result.threads})`,
            figure: `${fmtInt(result.tps)} tps`,
            detail:
              [
                raw ? `${fmtPercent(result.tps / raw.tps)} of raw` : null,
                append !== null ? `autocommit append reaches ${fmtPercent(ratio as number)} of it` : null,
                result.failed ? `${result.failed} failed` : null,
              ]
                .filter(Boolean)
                .join('; ') || '—',
          });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const notes = [
      `pgbench raw INSERT: \`pgbench -n -f raw-insert.sql -c N -j min(2,N) -T ${ctx.settings.seconds}\` on the bench database; ` +
        `one autocommit INSERT per transaction into ${RAW_TABLE} (the events shape without the xid8, recorded_at and ` +
        `schema_version columns and the commit-order, by-NIP and by-agency indexes that \`events\` has), same JSON payload.`,
    ];
    if (haveEvents) {
      notes.push(
        `pgbench event-store SQL (diagnostic): the one statement \`EventStore.append(id, v, [event], previousHash)\` sends ` +
          `(an autocommit INSERT into \`events\` guarded by the previous event's hash, RETURNING position, xid and time), replayed by pgbench without Node: ` +
          `the gap from raw to this is the SQL shape's, the gap from this to the appends is Node/TypeORM's.`,
      );
    }
    return {
      rows,
      notes,
      data: { pgbench: ctx.machine.pgbench ?? pgbench, table: RAW_TABLE, script, storeScript, runs, storeSqlRuns },
    };
  },
};
