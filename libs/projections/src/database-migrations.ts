import { EVENT_STORE_MIGRATIONS } from '#event-store';
import { ProjectionRuntime1732300000100 } from './migrations/1732300000100-projection-runtime.js';

/** The whole schema in order: the event store first, then the projection runtime's bookkeeping. */
export const DATABASE_MIGRATIONS: Function[] = [...EVENT_STORE_MIGRATIONS, ProjectionRuntime1732300000100];
