import type { DataSource } from 'typeorm';
import type { CommitPosition } from '#domain';
import { EventStore } from '#event-store';

export interface ProjectionProgress {
  projection: string;
  /**
   * How far the slowest partition's checkpoint is behind the head of the log, in positions
   * (EventStore.positionsBehind): 0 exactly when caught up, else close to the events pending.
   */
  lag: number;
  /** When the projection last moved a checkpoint. */
  updatedAt: Date | null;
}

/** How far each projection is behind the event store: one read of the checkpoints, then index lookups, never a count. */
export async function projectionProgress(dataSource: DataSource, names: readonly string[]): Promise<ProjectionProgress[]> {
  // Per projection: its slowest checkpoint, or where its last rebuild ended if it has none yet.
  const rows: { name: string; transaction_id: string | null; global_position: string | null; updated_at: Date | null }[] =
    await dataSource.query(
      `SELECT n.name, s.transaction_id::text AS transaction_id, s.global_position,
              coalesce((SELECT max(updated_at) FROM projection_checkpoints c WHERE c.name = n.name),
                       (SELECT rebuilt_at FROM projection_state r WHERE r.name = n.name)) AS updated_at
       FROM unnest($1::text[]) WITH ORDINALITY AS n(name, i)
       LEFT JOIN LATERAL (
         (SELECT transaction_id, global_position FROM projection_checkpoints c WHERE c.name = n.name
          ORDER BY transaction_id, global_position LIMIT 1)
         UNION ALL
         SELECT rebuilt_through_transaction, rebuilt_through_position FROM projection_state r
         WHERE r.name = n.name AND NOT EXISTS (SELECT 1 FROM projection_checkpoints c WHERE c.name = n.name)
       ) s ON true
       ORDER BY n.i`,
      [names],
    );
  const positioned = rows.filter((r) => r.transaction_id !== null);
  const behind = await new EventStore(dataSource).positionsBehind(
    positioned.map((r): CommitPosition => ({ transactionId: r.transaction_id as string, globalPosition: Number(r.global_position) })),
  );
  const lagOf = new Map(positioned.map((r, i) => [r.name, behind[i]]));
  // No checkpoint and no rebuild yet: nothing applied, nothing counted as pending (as before).
  return rows.map((r) => ({ projection: r.name, lag: lagOf.get(r.name) ?? 0, updatedAt: r.updated_at }));
}
