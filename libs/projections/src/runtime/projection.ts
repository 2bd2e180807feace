import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '#domain';

/** Physical table names of one generation, keyed by the logical name queries use (a view). */
export type TableNames<TTable extends string = string> = Record<TTable, string>;

/**
 * A read model: SQL tables it owns and how each event changes them. Applying is idempotent per
 * event only through the runtime's checkpoint, which commits in the same transaction.
 */
export interface Projection<TTable extends string = string> {
  readonly name: string;
  /** Bump when tables or logic change: the projector rebuilds the projection on start. */
  readonly version: number;
  /** DDL per logical table, given its physical name for this generation. */
  readonly tables: Record<TTable, (table: string) => string[]>;
  readonly eventTypes: readonly string[];
  /** Gets the event typed (the runtime narrows the store's record once): `switch (event.type)` narrows `data`. */
  apply(db: EntityManager, tables: TableNames<TTable>, event: StoredEvent): Promise<void>;
}

export function physicalTableName(logical: string, generation: number): string {
  return `${logical}__g${generation}`;
}

export function tableNames<T extends string>(projection: Projection<T>, generation: number): TableNames<T> {
  const names = {} as TableNames<T>;
  for (const logical of Object.keys(projection.tables) as T[]) names[logical] = physicalTableName(logical, generation);
  return names;
}
