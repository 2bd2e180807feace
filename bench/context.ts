/** The run's surroundings: which PostgreSQL, which machine, progress output. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { startEmbeddedPostgres } from '#event-store';
import type { BenchDatabase, BenchSettings, MachineFacts, ProgressHandle } from './benchmark.js';

const run = promisify(execFile);

const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const EMBEDDED_PORT = 54339;

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const num = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number ≥ ${min}, got ${JSON.stringify(raw)}`);
    return value;
  };
  return {
    seconds: num('BENCH_SECONDS', 5, 1),
    warmupSeconds: num('BENCH_WARMUP_SECONDS', 1, 0),
    latencySamples: Math.round(num('BENCH_LATENCY_SAMPLES', 500, 10)),
    latencyRate: num('BENCH_LATENCY_RATE', 50, 1),
  };
}

/** The server the run uses, a database on it for the shared benchmarks, and a way to add more. */
export interface BenchServer {
  database: BenchDatabase;
  freshDatabase(label: string): Promise<{ url: string; name: string }>;
  /** Drops every database this run created (not BENCH_DATABASE_URL's) and stops an embedded server. */
  close(): Promise<void>;
}

export async function openBenchServer(log: (line: string) => void): Promise<BenchServer> {
  const suffix = randomBytes(4).toString('hex');
  const created: { serverUrl: string; name: string }[] = [];
  let stopEmbedded: (() => Promise<void>) | null = null;

  const createOn = async (serverUrl: string, name: string) => {
    await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    created.push({ serverUrl, name });
    return { url: withDatabase(serverUrl, name), name };
  };

  let database: BenchDatabase;
  let serverUrl: string;
  const given = process.env.BENCH_DATABASE_URL?.trim();
  if (given) {
    serverUrl = given;
    database = { url: given, name: new URL(given).pathname.slice(1) || 'postgres', origin: 'BENCH_DATABASE_URL' };
  } else if (await answers(LOCAL_SERVER)) {
    serverUrl = LOCAL_SERVER;
    const { url, name } = await createOn(serverUrl, `jenjang_bench_${suffix}`);
    database = { url, name, origin: 'local PostgreSQL' };
  } else {
    log(`PostgreSQL on 127.0.0.1:5432 does not answer: starting embedded PostgreSQL on port ${EMBEDDED_PORT}`);
    const embedded = await startEmbeddedPostgres(join(os.tmpdir(), 'jenjang-bench'), EMBEDDED_PORT, log);
    stopEmbedded = () => embedded.stop();
    serverUrl = embedded.url;
    const { url, name } = await createOn(serverUrl, `jenjang_bench_${suffix}`);
    database = { url, name, origin: 'embedded PostgreSQL' };
  }

  return {
    database,
    freshDatabase: (label) =>
      createOn(
        serverUrl,
        `${database.name}_${label}`
          .toLowerCase()
          .replace(/[^a-z0-9_]/g, '_')
          .slice(0, 63),
      ),
    close: async () => {
      for (const { serverUrl: server, name } of created.reverse()) {
        try {
          await withClient(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        } catch (error) {
          log(`could not drop database ${name}: ${(error as Error).message}`);
        }
      }
      if (stopEmbedded) await stopEmbedded();
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    await withClient(url, (c) => c.query('SELECT 1'), 3_000);
    return true;
  } catch {
    return false;
  }
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: 'jenjang-bench' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** An executable on PATH (or an absolute path), else null. */
export function findExecutable(name: string, extra: string[] = []): string | null {
  const candidates = [
    ...extra,
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, name)),
  ];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

async function firstLine(file: string | null, args: string[]): Promise<string | null> {
  if (!file) return null;
  try {
    const { stdout, stderr } = await run(file, args, { timeout: 5_000 });
    return (
      (stdout || stderr)
        .split('\n')
        .find((line) => line.trim())
        ?.trim() ?? null
    );
  } catch (error) {
    const out = (error as { stdout?: string; stderr?: string }).stdout || (error as { stderr?: string }).stderr || '';
    return (
      out
        .split('\n')
        .find((line) => line.trim())
        ?.trim() ?? null
    );
  }
}

export async function machineFacts(databaseUrl: string): Promise<MachineFacts> {
  const cpus = os.cpus();
  const { version, settings } = await withClient(databaseUrl, async (c) => {
    const { rows } = await c.query<{ version: string }>(`SELECT version()`);
    const names = ['server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'max_connections'];
    const { rows: set } = await c.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1)`,
      [names],
    );
    return { version: rows[0].version, settings: Object.fromEntries(set.map((r) => [r.name, r.setting])) };
  });
  const kcat = findExecutable('kcat');
  const kcatVersion = kcat ? await kcatDescription(kcat) : null;
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: version.split(' on ')[0],
    postgresSettings: settings,
    pgbench: await firstLine(findPgbench(), ['--version']),
    kcat: kcatVersion,
    gitCommit: await firstLine(findExecutable('git'), ['rev-parse', '--short', 'HEAD']),
    loadAverage: loadAverage(),
  };
}

async function kcatDescription(kcat: string): Promise<string> {
  try {
    const { stdout } = await run(kcat, ['-V'], { timeout: 5_000 });
    const match = /Version (\S+) .*?(librdkafka \S+)/.exec(stdout);
    return match ? `kcat ${match[1]} (${match[2]})` : 'kcat';
  } catch {
    return 'kcat';
  }
}

/**
 * Checkpoints the server has run so far (timed + requested), or null if the statistics are not readable.
 * Every checkpoint flushes dirty pages and fsyncs: on a shared machine (other people's tests create and
 * drop databases, which forces one each time) it is the usual cause of latency spikes.
 */
export async function serverCheckpoints(url: string): Promise<number | null> {
  return withClient(url, async (c) => {
    for (const sql of [
      `SELECT num_timed + num_requested AS n FROM pg_stat_checkpointer`, // PostgreSQL 17+
      `SELECT checkpoints_timed + checkpoints_req AS n FROM pg_stat_bgwriter`,
    ]) {
      try {
        const { rows } = await c.query<{ n: string }>(sql);
        return Number(rows[0].n);
      } catch {
        // try the other view
      }
    }
    return null;
  }).catch(() => null);
}

/** Flushes the write debt earlier benchmarks left behind, so it does not land in the next one's figures. Best effort. */
export async function checkpoint(url: string): Promise<boolean> {
  return withClient(url, (c) => c.query('CHECKPOINT'), 60_000).then(
    () => true,
    () => false,
  );
}

export function loadAverage(): number[] {
  return os.loadavg().map((l) => Math.round(l * 100) / 100);
}

export function findPgbench(): string | null {
  const given = process.env.PGBENCH?.trim();
  return findExecutable('pgbench', given ? [given, '/usr/bin/pgbench'] : ['/usr/bin/pgbench']);
}

/**
 * A cli-progress bar on a terminal; elsewhere (CI logs, pipes) just the start and summary lines.
 * Either way each phase prints at least one line.
 */
export function makeProgress(log: (line: string) => void) {
  const tty = Boolean(process.stdout.isTTY);
  return (label: string, total: number, unit: string): ProgressHandle => {
    const started = Date.now();
    log(`▸ ${label}`);
    const bar = tty
      ? new cliProgress.SingleBar(
          {
            format: `  {bar} {percentage}% | {value}/{total} ${unit} | {detail}`,
            barsize: 24,
            hideCursor: true,
            clearOnComplete: true,
            stopOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
    bar?.start(Math.max(1, total), 0, { detail: '' });
    let finished = false;
    return {
      update: (value, detail = '') => {
        if (!finished) bar?.update(Math.min(value, Math.max(1, total)), { detail });
      },
      done: (summary) => {
        if (finished) return;
        finished = true;
        bar?.stop();
        log(`  ✓ ${summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      },
    };
  };
}
