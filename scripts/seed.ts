import 'reflect-metadata';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import { DEFAULT_SEED_EMPLOYEES, demoUsersText, openSeedDataSource, runDemoSeed, seedSummary } from '#seed';
import { validateEnvironment } from '#config';
import { embeddedPostgresInUse, openDataSource, runMigrations, startEmbeddedPostgresForCommand, type EmbeddedDatabase } from '#event-store';
import { DATABASE_MIGRATIONS } from '#projections';

const usage = 'usage: npm run seed -- [--employees 2000] [--force]';

/**
 * npm run seed: demo agencies, ~2,000 employees, three years of appraisals, trainings and a few
 * hundred promotion cases, written through the command path. DATABASE_URL when set; else the
 * embedded PostgreSQL under DATA_DIR (started here, or the one a running `npm start` holds).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { employees: { type: 'string' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const employees = values.employees === undefined ? DEFAULT_SEED_EMPLOYEES : Number(values.employees);
  if (!Number.isInteger(employees) || employees < 50 || employees > 100_000)
    throw new Error(`--employees must be an integer from 50 to 100000\n${usage}`);

  const env = validateEnvironment(process.env);
  Logger.overrideLogger(['error', 'warn']); // Nest's start-up lines would break the progress bar
  let embedded: EmbeddedDatabase | null = null;
  let url = env.DATABASE_URL;
  let served = false;
  if (!url) {
    const running = embeddedPostgresInUse(env.DATA_DIR);
    if (running) {
      // Its lock is held by a running server: seed through that server's PostgreSQL instead of a second one.
      process.stdout.write(
        `The embedded PostgreSQL under ${resolve(env.DATA_DIR)} is in use by a running process (pid ${running.pid}, npm start?): ` +
          `seeding into it on port ${running.port}; that server projects the data as it arrives.\n`,
      );
      url = running.url;
      served = true;
    } else {
      process.stdout.write(`Starting the embedded PostgreSQL under ${resolve(env.DATA_DIR)} …\n`);
      embedded = await startEmbeddedPostgresForCommand(env.DATA_DIR, env.EMBEDDED_PG_PORT, 'seed');
      url = embedded.url;
    }
  }
  // Migrate first (a cluster created just now is empty), then seed through a pool of its own.
  const migrator = await openDataSource({ url, migrations: DATABASE_MIGRATIONS, poolSize: 2, applicationName: 'jenjang-seed-migrations' });
  try {
    await runMigrations(migrator);
  } finally {
    await migrator.destroy();
  }
  const dataSource = await openSeedDataSource(url, 14);
  const bar = new SingleBar(
    {
      format: '{phase} [{bar}] {percentage}% | {value}/{total} commands | {duration}s',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  try {
    let started = false;
    const result = await runDemoSeed({
      dataSource,
      employees,
      force: values.force,
      onProgress: ({ done, total, phase }) => {
        if (!started) {
          bar.start(total, 0, { phase: phase.padEnd(32) });
          started = true;
        }
        bar.update(done, { phase: phase.padEnd(32) });
      },
    });
    if (started) bar.stop();
    if (!result.seeded) {
      process.stdout.write(`Nothing seeded: ${result.reason}.\n`);
      return 0;
    }
    process.stdout.write(`${seedSummary(result)}\n`);
    for (const failure of result.failures.slice(0, 10)) process.stdout.write(`  failed: ${failure}\n`);
    process.stdout.write(
      served
        ? 'The running server projects the new events as they arrive: dashboards, queues and careers fill up within seconds.\n'
        : env.DATABASE_URL
          ? 'A server on this database projects the new events as they arrive, or builds its read models from them when it starts.\n'
          : 'Start the server (npm start): it builds the read models from these events as it starts.\n',
    );
    process.stdout.write(`${demoUsersText(`http://localhost:${env.PORT}/`)}\n`);
    return result.failures.length > 0 ? 1 : 0;
  } finally {
    bar.stop();
    await dataSource.destroy();
    if (embedded) await embedded.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
