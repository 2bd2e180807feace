/**
 * Jenjang's processes started as a user starts them (`node dist/apps/<app>/src/main.js`), for the
 * fault and scale-out tests and the benchmark: output kept in a log file, readiness by an HTTP path
 * or a log line, and the signals an operator (or a crash) sends.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The repository root, whether this runs from the sources (Jest) or from `dist/` (the benchmark). */
export function repositoryRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const fromSources = resolve(here, '..', '..', '..');
  return here.includes(join('dist', 'libs')) ? resolve(fromSources, '..') : fromSources;
}

/** A built script under dist/, e.g. `apps/api/src/main.js`. */
export function builtScript(path: string): string {
  return join(repositoryRoot(), 'dist', path);
}

/** A TCP port nothing listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address !== 'string' ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * Brings dist/ (what `npm start` runs) up to date, as `npm run build` does: `tsc -b` with its
 * incremental build info, which answers at once when nothing changed. Jest workers share the
 * repository: one builds under a lock directory, the others wait for it.
 */
export async function ensureBuilt(timeoutMs = 300_000): Promise<void> {
  const root = repositoryRoot();
  const lock = join(root, 'dist', '.test-build-lock');
  const deadline = Date.now() + timeoutMs;
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker builds; a lock older than the timeout was left by a killed run.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > timeoutMs) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another worker to build dist/');
      await sleep(250);
    }
  }
  try {
    await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], {
      cwd: root,
      timeout: timeoutMs,
    }).catch((error: { stdout?: string; message: string }) => {
      throw new Error(`building dist/ failed: ${error.stdout?.slice(0, 2_000) ?? error.message}`);
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface NodeProcess {
  name: string;
  pid: number;
  /** `http://127.0.0.1:{port}` when started with a port. */
  url: string;
  /** Resolves when the process has exited, with how. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** Everything it printed so far. */
  output(): string;
  /** The last lines it printed. */
  tail(lines?: number): string;
  /** Resolves when its output matches `pattern` (after `from` characters), or throws with the tail. */
  waitForLog(pattern: RegExp, timeoutMs?: number, from?: number): Promise<void>;
  /** Sends a signal without waiting (SIGKILL: a crash). */
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM (a graceful stop), SIGKILL after 5 s; removes the log. */
  stop(): Promise<void>;
}

/**
 * Starts `node script` with `env` on top of this process's environment (PORT set when `port` is
 * given) and waits until `readyPath` answers at all (any status) and/or its output matches
 * `readyLog`; throws with the output's tail if it exits or times out first.
 */
export async function startNodeProcess(options: {
  name: string;
  script: string;
  env: Record<string, string>;
  port?: number;
  readyPath?: string;
  readyLog?: RegExp;
  timeoutMs?: number;
}): Promise<NodeProcess> {
  const dir = mkdtempSync(join(os.tmpdir(), 'jenjang-proc-'));
  const logFile = join(dir, `${options.name.replace(/[^a-z0-9]+/gi, '-')}.log`);
  const fd = openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, [options.script], {
    cwd: repositoryRoot(),
    env: { ...process.env, ...options.env, ...(options.port === undefined ? {} : { PORT: String(options.port) }) },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let status: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => {
      status = { code, signal };
      done(status);
    }),
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  const output = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const tail = (lines = 20) => output().trimEnd().split('\n').slice(-lines).join('\n');
  const url = options.port === undefined ? '' : `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (!status) {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const waitForLog = async (pattern: RegExp, timeoutMs = 30_000, from = 0) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output().slice(from))) {
      if (status) throw new Error(`${options.name} exited (${status.signal ?? status.code}) before printing ${pattern}:\n${tail()}`);
      if (Date.now() > deadline) throw new Error(`${options.name} did not print ${pattern} within ${timeoutMs} ms:\n${tail()}`);
      await sleep(50);
    }
  };
  const handle: NodeProcess = {
    name: options.name,
    pid: child.pid as number,
    url,
    exited,
    running: () => status === null,
    output,
    tail,
    waitForLog,
    kill: (signal) => void child.kill(signal),
    stop,
  };
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    if (options.readyLog) await waitForLog(options.readyLog, timeoutMs);
    if (options.readyPath) await waitForHttp(handle, `${url}${options.readyPath}`, timeoutMs, () => status);
  } catch (error) {
    await stop();
    throw error;
  }
  return handle;
}

async function waitForHttp(
  handle: NodeProcess,
  url: string,
  timeoutMs: number,
  status: () => { code: number | null; signal: NodeJS.Signals | null } | null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const exit = status();
    if (exit) throw new Error(`${handle.name} exited (${exit.signal ?? exit.code}) before answering:\n${handle.tail()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${handle.name} did not answer on ${url} within ${timeoutMs} ms:\n${handle.tail()}`);
      await sleep(100);
    }
  }
}
