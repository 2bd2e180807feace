/**
 * Servers the HTTP benchmarks start as child processes (the api, the all-in-one process, the
 * baseline server): each on a port of the bench's range, its output kept in a log file for when it
 * fails, its CPU time readable from /proc so a row can say what a request costs the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './benchmark.js';

/** Ports the bench may listen on: BENCH_PORT_BASE .. +99 (default 4100-4199). */
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4100);
const PORT_COUNT = 100;
let nextPort = 0;

/** The next port of the bench's range, round-robin (a stopped server's port is free again by the time it comes round). */
export function benchPort(): number {
  const port = PORT_BASE + (nextPort % PORT_COUNT);
  nextPort += 1;
  return port;
}

/** The repository root, whether this runs from `bench/` or `dist/bench/`. */
export function repositoryRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes(join('dist', 'bench')) ? resolve(here, '..', '..') : resolve(here, '..');
}

/** A built script under dist/, e.g. `apps/api/src/main.js`. */
export function builtScript(path: string): string {
  return join(repositoryRoot(), 'dist', path);
}

export interface ChildServer {
  name: string;
  url: string;
  pid: number;
  /** The database it was started on, when it has one (for PostgreSQL's share of the CPU). */
  databaseUrl?: string;
  /** User + system CPU the process has used so far, ms (null where /proc is not readable). */
  cpuMs(): number | null;
  /** The last lines it printed. */
  tail(lines?: number): string;
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100;

export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * Starts `node script` with `env` on top of this process's environment (PORT set to `port`) and
 * waits until `readyPath` answers at all (any status), or throws with the output's tail.
 */
export async function startChildServer(options: {
  name: string;
  script: string;
  port: number;
  env: Record<string, string>;
  readyPath: string;
  timeoutMs?: number;
}): Promise<ChildServer> {
  const databaseUrl = options.env.DATABASE_URL;
  const dir = mkdtempSync(join(os.tmpdir(), 'jenjang-bench-proc-'));
  const logFile = join(dir, `${options.name.replace(/[^a-z0-9]+/gi, '-')}.log`);
  const fd = openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, [options.script], {
    cwd: repositoryRoot(),
    env: { ...process.env, ...options.env, PORT: String(options.port) },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exit = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      done();
    }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const tail = (lines = 20) => {
    try {
      return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const killed = await Promise.race([exit.then(() => true), sleep(5_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exit;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (exited) {
      const { code, signal } = exited as { code: number | null; signal: NodeJS.Signals | null };
      const output = tail();
      await stop();
      throw new Error(`${options.name} exited (${signal ?? code}) before answering:\n${output}`);
    }
    try {
      await fetch(`${url}${options.readyPath}`, { signal: AbortSignal.timeout(2_000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(
          `${options.name} did not answer on ${url}${options.readyPath} within ${options.timeoutMs ?? 60_000} ms:\n${tail()}`,
        );
      }
      await sleep(100);
    }
  }
  const pid = child.pid as number;
  return { name: options.name, url, pid, databaseUrl, cpuMs: () => processCpuMs(pid), tail, stop };
}
