import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { JwtService } from '#auth';
import { createTestDatabase } from '../libs/testing/src/postgres-harness.js';

/**
 * The npm run scripts as an operator runs them: child processes of the built code (built here
 * first if the build is not current, which is also what every script does before it runs).
 */
const ROOT = resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const NIP = '197901012005012002';
const TOKEN_ARGS = ['--sub', NIP, '--agency', 'pemkot-langsa', '--roles', 'hr'];

/** The environment a shell would give, minus every setting a script reads from it. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['JWT_SECRET', 'DATABASE_URL', 'LEDGER_SIGNING_KEY', 'LEDGER_TRUSTED_PUBLIC_KEY', 'NODE_OPTIONS', 'DATA_DIR'])
    delete env[key];
  return { ...env, NODE_ENV: 'development', ...extra };
}

async function script(file: string, args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'dist/scripts', file), ...args], { cwd: ROOT, env: cleanEnv(env) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const dataDir = () => mkdtempSync(join(tmpdir(), 'jenjang-scripts-'));

/** DATA_DIR as a running `npm start` leaves it: PostgreSQL's lock file naming a live postmaster and its port. */
function heldDataDir(port: number): string {
  const dir = dataDir();
  mkdirSync(join(dir, 'pg'));
  writeFileSync(join(dir, 'pg', 'PG_VERSION'), '18\n');
  writeFileSync(join(dir, 'pg', 'postmaster.pid'), `${process.pid}\n${join(dir, 'pg')}\n1764590000\n${port}\n/tmp\n127.0.0.1\n`);
  return dir;
}

beforeAll(async () => {
  await run(join(ROOT, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json'], { cwd: ROOT });
}, 300_000);

describe('npm run token', () => {
  test('with a current build nothing is compiled: every script checks the build is up to date, and writes nothing under dist/', async () => {
    // Every command that runs built code builds first, the same way as npm run build...
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const runsBuilt = Object.entries(scripts).filter(([, command]) => /node dist\//.test(command) && !/^node /.test(command));
    expect(runsBuilt.map(([name]) => name)).toEqual(expect.arrayContaining(['token', 'projections:rebuild', 'seed', 'audit:verify']));
    for (const [name, command] of runsBuilt) expect([name, command.startsWith(`${scripts.build} && `)]).toEqual([name, true]);
    expect(scripts.prestart).toBe(scripts.build);
    // ...which, when no source changed, finds the project up to date without compiling it.
    const { stdout: build } = await run('npm', ['run', '--silent', 'build', '--', '--verbose'], { cwd: ROOT, env: cleanEnv({}) });
    expect(build).toMatch(/is up to date/);

    const built = join(ROOT, 'dist/scripts/token.js');
    const before = statSync(built).mtimeMs;
    const dir = dataDir();
    writeFileSync(join(dir, 'jwt-secret'), 'a-secret-of-the-server-that-is-long-enough-0123\n');
    const started = performance.now();
    const { stdout } = await run('npm', ['run', '--silent', 'token', '--', ...TOKEN_ARGS], { cwd: ROOT, env: cleanEnv({ DATA_DIR: dir }) });
    const seconds = (performance.now() - started) / 1000;
    expect(stdout.trim()).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(statSync(built).mtimeMs).toBe(before);
    process.stdout.write(`npm run token with a current build: ${seconds.toFixed(2)} s\n`);
  }, 120_000);

  test('no secret anywhere: refuses, naming the DATA_DIR it looked in, and creates none', async () => {
    const dir = dataDir();
    const { code, stdout, stderr } = await script('token.js', TOKEN_ARGS, { DATA_DIR: dir });
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${join(dir, 'jwt-secret')} does not exist (DATA_DIR=${dir})`);
    expect(existsSync(join(dir, 'jwt-secret'))).toBe(false);
  });

  test("the server's secret under DATA_DIR, or JWT_SECRET: a token the server accepts", async () => {
    const dir = dataDir();
    const secret = 'the-server-secret-under-its-data-dir-0123456789';
    writeFileSync(join(dir, 'jwt-secret'), `${secret}\n`);
    const fromFile = await script('token.js', TOKEN_ARGS, { DATA_DIR: dir });
    expect(fromFile.code).toBe(0);
    expect(await new JwtService({ secret }).verify(fromFile.stdout.trim())).toMatchObject({ nip: NIP, roles: ['hr'] });
    const configured = 'a-configured-jwt-secret-long-enough-0123456789';
    const fromEnv = await script('token.js', TOKEN_ARGS, { DATA_DIR: dataDir(), JWT_SECRET: configured });
    expect(await new JwtService({ secret: configured }).verify(fromEnv.stdout.trim())).toMatchObject({ nip: NIP });
  });
});

describe('scripts while npm start holds the embedded database', () => {
  test.each([
    ['rebuild-projections.js', 'projections:rebuild', 1],
    ['audit-verify.js', 'audit:verify', 2],
  ])('%s (npm run %s) refuses clearly with exit status %i, pointing at the running database', async (file, command, exitCode) => {
    const dir = heldDataDir(54399);
    const { code, stdout, stderr } = await script(file, [], { DATA_DIR: dir });
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    expect(stderr).toContain(`The embedded PostgreSQL under ${dir} is in use by a running process (pid ${process.pid}`);
    expect(stderr).toContain(`DATABASE_URL=postgres://postgres:postgres@127.0.0.1:54399/jenjang npm run ${command}`);
    expect(stderr).not.toMatch(/undefined|TypeError/);
  });

  test('a stale lock file (its postmaster gone) is not a running server', async () => {
    const dir = heldDataDir(54398);
    writeFileSync(join(dir, 'pg', 'postmaster.pid'), `999999999\n${join(dir, 'pg')}\n1764590000\n54398\n`);
    const { stderr } = await script('audit-verify.js', [], { DATA_DIR: dir, EMBEDDED_PG_PORT: '54398' });
    expect(stderr).not.toContain('in use by a running process');
  }, 120_000);
});

describe('the apps in production without a ledger key', () => {
  test.each([
    ['api', /LEDGER_TRUSTED_PUBLIC_KEY or LEDGER_SIGNING_KEY: required when NODE_ENV=production/],
    ['relay', /LEDGER_SIGNING_KEY: required when NODE_ENV=production/],
  ])(
    '%s exits 1 with one "cannot start" line naming the setting (no core dump)',
    async (app, setting) => {
      const database = await createTestDatabase('jenjang_boot');
      try {
        const env = cleanEnv({
          NODE_ENV: 'production',
          DATABASE_URL: database.url,
          JWT_SECRET: 'a-configured-jwt-secret-long-enough-0123456789',
          PORT: '0',
          LOG_LEVEL: 'warn',
          DATA_DIR: dataDir(),
          ...(app === 'relay' ? { LEDGER_TRUSTED_PUBLIC_KEY: 'A'.repeat(43) + '=' } : {}),
        });
        const failed = await run(process.execPath, [join(ROOT, `dist/apps/${app}/src/main.js`)], { cwd: ROOT, env, timeout: 60_000 }).then(
          () => ({ code: 0, stderr: '' }),
          (error: { code?: number; signal?: string; stderr?: string }) => ({
            code: error.code ?? error.signal,
            stderr: error.stderr ?? '',
          }),
        );
        expect(failed.code).toBe(1);
        const fatal = failed.stderr
          .split('\n')
          .filter((line) => line.includes('"level":"fatal"'))
          .map((line) => JSON.parse(line) as { msg: string });
        expect(fatal).toHaveLength(1);
        expect(fatal[0].msg).toMatch(/^cannot start: Invalid configuration:/);
        expect(fatal[0].msg).toMatch(setting);
      } finally {
        await database.drop();
      }
    },
    120_000,
  );
});
