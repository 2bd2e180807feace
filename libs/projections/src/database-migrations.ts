import { EVENT_STORE_MIGRATIONS, type MigrationClass } from '#event-store';
import { Ledger1732300000300 } from '#ledger';
import { ProjectionRuntime1732300000100 } from './migrations/1732300000100-projection-runtime.js';

/** The whole schema in order: the event store first, then the projection runtime's bookkeeping, then the ledger. */
export const DATABASE_MIGRATIONS: MigrationClass[] = [...EVENT_STORE_MIGRATIONS, ProjectionRuntime1732300000100, Ledger1732300000300];
