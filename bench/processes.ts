/**
 * Servers the HTTP benchmarks start as child processes (the api, the all-in-one process, the
 * baseline server): each on a port of the bench's range, its output kept in a log file for when it
 * fails, its CPU time readable from /proc so a row can say what a request costs the server.
 */
import { readFileSync } from 'node:fs';
import { startNodeProcess } from '../libs/testing/src/processes.js';

export { builtScript, repositoryRoot } from '../libs/testing/src/processes.js';

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
  const child = await startNodeProcess(options);
  const pid = child.pid;
  return {
    name: options.name,
    url: child.url,
    pid,
    databaseUrl: options.env.DATABASE_URL,
    cpuMs: () => processCpuMs(pid),
    tail: child.tail,
    stop: child.stop,
  };
}
