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

/**
 * Polls until every training in the store is in the career read model and every projection has
 * reached the same checkpoint on each partition: each applies a batch in a transaction of its own,
 * one after another, so the first can be complete while the last is still a batch behind.
 */
export async function readModelsCaughtUp(
  dataSource: DataSource,
  timeoutMs = 120_000,
  projections: readonly Projection[] = ALL_PROJECTIONS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ behind }]: { behind: number }[] = await dataSource.query(
      `SELECT count(*)::int AS behind FROM events e WHERE e.type = 'TrainingCompleted'
         AND NOT EXISTS (SELECT 1 FROM career_trainings c WHERE c.training_id = e.data->>'trainingId')`,
    );
    const [{ apart }]: { apart: number }[] = await dataSource.query(
      `SELECT count(*)::int AS apart FROM (
         SELECT source, partition FROM projection_checkpoints WHERE name = ANY($1) GROUP BY source, partition
         HAVING count(DISTINCT (transaction_id, global_position)) > 1 OR count(*) < $2) p`,
      [projections.map((p) => p.name), projections.length],
    );
    if (behind === 0 && apart === 0) return;
    if (Date.now() > deadline)
      throw new Error(`the read models are behind: ${behind} trainings, ${apart} partitions not at one checkpoint`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
