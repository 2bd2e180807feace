import { SingleBar, Presets } from 'cli-progress';
import { validateEnvironment } from '#config';
import { openDataSource, runMigrations, startEmbeddedPostgresForCommand, type EmbeddedDatabase } from '#event-store';
import { ALL_PROJECTIONS, DATABASE_MIGRATIONS, ProjectionRebuilder } from '#projections';

/**
 * npm run projections:rebuild -- [name ...]: rebuilds from the event store into new tables
 * while the running projector keeps serving the old ones, then swaps them in.
 */
async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => a !== '--');
  const known = ALL_PROJECTIONS.map((p) => p.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new Error(`unknown projection(s): ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const selected = names.length === 0 ? ALL_PROJECTIONS : ALL_PROJECTIONS.filter((p) => names.includes(p.name));

  const env = validateEnvironment(process.env);
  let embedded: EmbeddedDatabase | null = null;
  let url = env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgresForCommand(env.DATA_DIR, env.EMBEDDED_PG_PORT, 'projections:rebuild');
    url = embedded.url;
  }
  const dataSource = await openDataSource({ url, migrations: DATABASE_MIGRATIONS, applicationName: 'jenjang-rebuild' });
  try {
    await runMigrations(dataSource);
    const rebuilder = new ProjectionRebuilder(dataSource);
    for (const projection of selected) {
      const bar = new SingleBar(
        {
          format: `${projection.name.padEnd(18)} [{bar}] {percentage}% | {value}/{total} events | {duration}s`,
          hideCursor: true,
          noTTYOutput: true,
          notTTYSchedule: 2000,
        },
        Presets.shades_classic,
      );
      bar.start(1, 0);
      const result = await rebuilder.rebuild(projection, ({ applied, total }) => {
        bar.setTotal(Math.max(total, 1));
        bar.update(applied);
      });
      bar.stop();
      process.stdout.write(
        `${projection.name}: generation ${result.generation}, ${result.events} events, through ${result.through.transactionId}:${result.through.globalPosition}\n`,
      );
    }
  } finally {
    await dataSource.destroy();
    if (embedded) await embedded.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
