import type { DataSource } from 'typeorm';
import { ALL_PROJECTIONS, ProjectionRebuilder, type Projection } from '../../projections/src/index.js';

/** Every row of every table of the projections (through their views), as sorted JSON, per table. */
export async function readModelRows(
  dataSource: DataSource,
  projections: readonly Projection[] = ALL_PROJECTIONS,
): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const projection of projections) {
    for (const table of Object.keys(projection.tables)) {
      const result: { row: string }[] = await dataSource.query(`SELECT to_jsonb(t)::text AS row FROM ${table} t`);
      rows[table] = result.map((r) => r.row).sort();
    }
  }
  return rows;
}

/**
 * The live read models, then the same read models rebuilt from the event store: equal when the
 * live ones lost and doubled nothing. Call once nothing is appended any more and the projector caught up.
 */
export async function liveAndRebuiltReadModels(
  dataSource: DataSource,
  projections: readonly Projection[] = ALL_PROJECTIONS,
): Promise<{ live: Record<string, string[]>; rebuilt: Record<string, string[]> }> {
  const live = await readModelRows(dataSource, projections);
  const rebuilder = new ProjectionRebuilder(dataSource);
  for (const projection of projections) await rebuilder.rebuild(projection);
  return { live, rebuilt: await readModelRows(dataSource, projections) };
}

/** Polls until every training in the store is in the career read model (the load's commands are all projected). */
export async function trainingsProjected(dataSource: DataSource, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ behind }]: { behind: number }[] = await dataSource.query(
      `SELECT count(*)::int AS behind FROM events e WHERE e.type = 'TrainingCompleted'
         AND NOT EXISTS (SELECT 1 FROM career_trainings c WHERE c.training_id = e.data->>'trainingId')`,
    );
    if (behind === 0) return;
    if (Date.now() > deadline) throw new Error(`the read model is still ${behind} trainings behind`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
