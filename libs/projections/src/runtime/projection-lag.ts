import type { DataSource } from 'typeorm';

export interface ProjectionProgress {
  projection: string;
  /** Committed events not yet applied, counted from the slowest partition's checkpoint (an upper bound with Kafka). */
  lag: number;
  /** When the projection last moved a checkpoint. */
  updatedAt: Date | null;
}

/** How far each projection is behind the event store. */
export async function projectionProgress(dataSource: DataSource, names: readonly string[]): Promise<ProjectionProgress[]> {
  return Promise.all(
    names.map(async (projection) => {
      const [row]: { lag: string; updated_at: Date | null }[] = await dataSource.query(
        // eslint-disable-next-line no-restricted-syntax -- store tables read here until this moves behind the event store
        `WITH checkpoints AS (
           SELECT transaction_id, global_position, updated_at FROM projection_checkpoints WHERE name = $1
         ), slowest AS (
           (SELECT transaction_id, global_position FROM checkpoints ORDER BY transaction_id, global_position LIMIT 1)
           UNION ALL
           SELECT rebuilt_through_transaction, rebuilt_through_position FROM projection_state
           WHERE name = $1 AND NOT EXISTS (SELECT 1 FROM checkpoints)
         )
         SELECT (SELECT count(*) FROM events e, slowest s
                 WHERE (e.transaction_id, e.global_position) > (s.transaction_id, s.global_position)) AS lag,
                coalesce((SELECT max(updated_at) FROM checkpoints), (SELECT rebuilt_at FROM projection_state WHERE name = $1)) AS updated_at`,
        [projection],
      );
      return { projection, lag: Number(row?.lag ?? 0), updatedAt: row?.updated_at ?? null };
    }),
  );
}
