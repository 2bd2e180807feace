import { Logger, type INestApplicationContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '#config';
import { EMBEDDED_DATABASE, type DatabaseInfo, type EmbeddedDatabase } from '#event-store';
import { openSeedDataSource, runDemoSeed } from './demo-seed.js';
import { demoUsersText, seedSummary } from './seed-report.js';

export interface FirstStartSeedHooks {
  /** Called before the seed writes (the live SLA clock pauses while the past is written). */
  pause?(): Promise<void> | void;
  resume?(): void;
}

/**
 * `npm start` on a fresh DATA_DIR: once the server listens, fill the new embedded database with the
 * demo data in the background (SEED_DEMO=false turns it off), logging progress; the console
 * works meanwhile and fills up as the projector catches up. Resolves when done (never rejects).
 */
export async function seedDemoOnFirstStart(
  app: INestApplicationContext,
  consoleUrl: string,
  hooks: FirstStartSeedHooks = {},
): Promise<void> {
  const logger = new Logger('DemoSeed');
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  const info = app.get<DatabaseInfo>('DATABASE_INFO');
  if (!config.get('SEED_DEMO', { infer: true }) || !info.embedded || !info.freshlyCreated) return;
  const embedded = app.get<EmbeddedDatabase | null>(EMBEDDED_DATABASE);
  if (!embedded) return;

  logger.log('a new embedded database: seeding the demo data in the background (SEED_DEMO=false turns this off)');
  const dataSource = await openSeedDataSource(embedded.url, 8);
  let lastDecile = -1;
  try {
    await hooks.pause?.();
    const result = await runDemoSeed({
      dataSource,
      concurrency: 8,
      onProgress: ({ done, total, phase }) => {
        const decile = Math.floor((done / Math.max(total, 1)) * 10);
        if (decile === lastDecile) return;
        lastDecile = decile;
        logger.log(`demo seed ${decile * 10}% (${done}/${total} commands): ${phase}`);
      },
    });
    if (!result.seeded) {
      logger.log(`demo seed skipped: ${result.reason}`);
      return;
    }
    logger.log(seedSummary(result));
    for (const failure of result.failures.slice(0, 10)) logger.warn(`demo seed command failed: ${failure}`);
    for (const line of demoUsersText(consoleUrl).split('\n')) logger.log(line);
  } catch (error) {
    logger.error(`demo seed stopped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    hooks.resume?.();
    await dataSource.destroy().catch(() => undefined);
  }
}
