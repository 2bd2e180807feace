import { afterAll, beforeAll, expect } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { EVENT_SCHEMA_VERSIONS, isEmployeeEvent, streamIds, type DomainEvent, type EventMetadata, type RecordedEvent } from '#domain';
import {
  DATABASE_MIGRATIONS,
  ProjectionRebuilder,
  ProjectionRunner,
  tableNames,
  type Delivered,
  type Projection,
  type TableNames,
} from '#projections';
import { createMigratedDatabase } from './postgres-harness.js';

/**
 * Given/when/then specifications for projections on real PostgreSQL, in the Emmett style:
 *
 *   const spec = projectionSpec(promotionCaseProjection);
 *   test('...', () =>
 *     spec.given([proposed]).when([stageApproved]).then(async (db, tables) => {
 *       expect(await db.query(`SELECT stage FROM ${tables.promotion_cases}`)).toEqual([{ stage: 'committee' }]);
 *     }));
 *
 * Events are domain events; the kit records them (stream, version, global position, transaction
 * id, metadata) and delivers them through the real `ProjectionRunner`, `given` in one batch and
 * `when` in the next. After the assertions pass, every event is delivered again (all at once, one by
 * one, and through another transport, as redeliveries come): nothing may be applied, no row may
 * change, and the assertions must still hold.
 *
 * `projectionSpec` registers beforeAll/afterAll hooks: call it at the top of a test file or describe.
 * Each scenario starts from a fresh generation of the projection's tables.
 */

/** A domain event as a spec gives it; metadata fields left out get defaults. */
export type SpecEvent = DomainEvent & { metadata?: Partial<EventMetadata>; streamId?: string };

export type ProjectionAssertion<T extends string> = (db: DataSource, tables: TableNames<T>) => Promise<void> | void;

export interface ProjectionSpecOptions {
  /** Metadata of every event unless the event says otherwise. */
  metadata?: Partial<EventMetadata>;
  /** `occurredAt` of the first event without one; each later event defaults to a minute after the one before. */
  startAt?: string;
}

export const SPEC_ACTOR = '199001012015011001';
export const SPEC_AGENCY = 'spec-agency';
const DEFAULT_START = '2026-03-02T03:00:00.000Z';
const SOURCE = 'projection-spec';
// Far above any transaction id of the (empty) store, so the runner's floor never hides an event.
const FIRST_TRANSACTION = 1_000_000n;

/** The stream an event belongs to, as the command path names it. */
export function streamOf(event: DomainEvent): string {
  if (isEmployeeEvent(event)) return streamIds.employee(event.data.nip);
  switch (event.type) {
    case 'AppraisalSubmitted':
      return streamIds.appraisal(event.data.appraisalId);
    case 'TrainingCompleted':
      return streamIds.training(event.data.trainingId);
    case 'AgencyConfigured':
      return streamIds.agency(event.data.agencyId);
    case 'UnitRatingRecorded':
      return streamIds.unitRatings(event.data.agencyId);
    case 'DelegationGranted':
      return streamIds.delegations(event.data.onBehalfOf, event.data.role);
    case 'DelegationRevoked':
      return `delegations-of-${event.data.nip}`;
    default:
      return streamIds.promotion(event.data.caseId);
  }
}

/** Wraps domain events into recorded events as the store would: per-stream versions, one transaction each. */
export function recordEvents(events: readonly SpecEvent[], options: ProjectionSpecOptions = {}): RecordedEvent[] {
  const versions = new Map<string, number>();
  let clock = Date.parse(options.startAt ?? DEFAULT_START);
  return events.map((event, index) => {
    const streamId = event.streamId ?? streamOf(event);
    const version = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, version);
    const dataAgency = (event.data as { agencyId?: string }).agencyId;
    // An event about an agency is recorded in it, as the command path does, unless the event says otherwise.
    const metadata: EventMetadata = {
      actor: SPEC_ACTOR,
      correlationId: `spec-correlation-${index + 1}`,
      causationId: null,
      occurredAt: new Date(clock).toISOString(),
      ...options.metadata,
      agency: dataAgency ?? options.metadata?.agency ?? SPEC_AGENCY,
      ...event.metadata,
    };
    clock = Date.parse(metadata.occurredAt) + 60_000;
    return {
      globalPosition: index + 1,
      transactionId: (FIRST_TRANSACTION + BigInt(index)).toString(),
      streamId,
      version,
      type: event.type,
      schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
      data: event.data as unknown as Record<string, unknown>,
      metadata,
      recordedAt: metadata.occurredAt,
      hash: index.toString(16).padStart(64, '0'),
    };
  });
}

/** Every row of every table of the projection, as sorted JSON text: what "unchanged" compares. */
export async function snapshotRows<T extends string>(db: DataSource, tables: TableNames<T>): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const [logical, physical] of Object.entries(tables) as [string, string][]) {
    const rows: { row: string }[] = await db.query(`SELECT to_jsonb(t)::text AS row FROM ${physical} t ORDER BY 1`);
    snapshot[logical] = rows.map((r) => r.row);
  }
  return snapshot;
}

interface SpecContext {
  db: DataSource;
}

export class ProjectionThen<T extends string> {
  constructor(
    private readonly projection: Projection<T>,
    private readonly context: () => SpecContext,
    private readonly options: ProjectionSpecOptions,
    private readonly given: readonly SpecEvent[],
    private readonly when: readonly SpecEvent[],
  ) {}

  /** Applies the events, runs the assertions, redelivers everything and runs them again on unchanged rows. */
  async then(assert: ProjectionAssertion<T>, notAThenable?: unknown): Promise<void> {
    // `await spec.given(...)` without `.then(assertion)` would otherwise pass vacuously.
    if (typeof notAThenable === 'function') {
      (notAThenable as (reason: Error) => void)(new Error('A projection spec must end in .then(assertion), not be awaited'));
      return;
    }
    const { db } = this.context();
    const tables = await this.freshGeneration(db);
    const recorded = recordEvents([...this.given, ...this.when], this.options);
    const deliveries: Delivered[] = recorded.map((event, index) => ({ event, partition: 0, offset: String(index) }));
    const runner = new ProjectionRunner(db, [this.projection as Projection], SOURCE);
    const handled = new Set(this.projection.eventTypes);
    const expected = recorded.filter((e) => handled.has(e.type)).length;

    const givenCount = this.given.length;
    let applied = 0;
    if (givenCount > 0) applied += await runner.handle(deliveries.slice(0, givenCount));
    if (deliveries.length > givenCount) applied += await runner.handle(deliveries.slice(givenCount));
    expect(applied).toBe(expected);
    await assert(db, tables);

    const before = await snapshotRows(db, tables);
    expect(await runner.handle(deliveries)).toBe(0);
    for (const delivery of deliveries) expect(await runner.handle([delivery])).toBe(0);
    // A transport the projection has not used yet (Kafka after in-process) resumes past what it holds.
    const otherTransport = new ProjectionRunner(db, [this.projection as Projection], `${SOURCE}-other`);
    expect(await otherTransport.handle(deliveries.map((d) => ({ ...d, partition: 1 })))).toBe(0);
    expect(await snapshotRows(db, tables)).toEqual(before);
    await assert(db, tables);
  }

  /** A new, empty generation serving the projection's views, with no checkpoint left from earlier scenarios. */
  private async freshGeneration(db: DataSource): Promise<TableNames<T>> {
    const { generation } = await new ProjectionRebuilder(db).rebuild(this.projection as Projection);
    await db.query(`DELETE FROM projection_checkpoints WHERE name = $1`, [this.projection.name]);
    return tableNames(this.projection, generation);
  }
}

export class ProjectionGiven<T extends string> {
  constructor(
    private readonly projection: Projection<T>,
    private readonly context: () => SpecContext,
    private readonly options: ProjectionSpecOptions,
    private readonly given: readonly SpecEvent[],
  ) {}

  /** The events under test, delivered after `given` in a batch of their own. */
  when(events: readonly SpecEvent[] = []): ProjectionThen<T> {
    return new ProjectionThen(this.projection, this.context, this.options, this.given, events);
  }

  then(assert: ProjectionAssertion<T>, notAThenable?: unknown): Promise<void> {
    return this.when([]).then(assert, notAThenable);
  }
}

export class ProjectionSpec<T extends string> {
  constructor(
    private readonly projection: Projection<T>,
    private readonly context: () => SpecContext,
    private readonly options: ProjectionSpecOptions,
  ) {}

  given(events: readonly SpecEvent[] = []): ProjectionGiven<T> {
    return new ProjectionGiven(this.projection, this.context, this.options, events);
  }

  when(events: readonly SpecEvent[]): ProjectionThen<T> {
    return this.given([]).when(events);
  }
}

/** A projection spec backed by one migrated database for the enclosing test file or describe block. */
export function projectionSpec<T extends string>(projection: Projection<T>, options: ProjectionSpecOptions = {}): ProjectionSpec<T> {
  let database: Awaited<ReturnType<typeof createMigratedDatabase>> | null = null;
  beforeAll(async () => {
    database = await createMigratedDatabase(DATABASE_MIGRATIONS, 4);
  });
  afterAll(async () => {
    await database?.close();
  });
  const context = (): SpecContext => {
    if (!database) throw new Error('projectionSpec: the database is not ready (call projectionSpec at the top of a test file or describe)');
    return { db: database.dataSource };
  };
  return new ProjectionSpec(projection, context, options);
}
