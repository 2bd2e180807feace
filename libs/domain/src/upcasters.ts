/**
 * Schema evolution. An event is stored, and hashed, in the shape it was written in; readers that
 * fold or project events (deciders, projections, the transport) see it in the current shape.
 * Each upcaster lifts one type by one version; `upcastEvent` chains them up to
 * EVENT_SCHEMA_VERSIONS. Audit and verification read the stored shape, never an upcast one.
 */
import { DomainError } from './errors.js';
import { EVENT_SCHEMA_VERSIONS, type DeliveryMode, type EventType } from './events.js';

export interface VersionedEvent {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
}

export interface Upcaster {
  type: EventType;
  /** The version this upcaster reads; it returns data of version `fromVersion + 1`. */
  fromVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

export const DELIVERY_MODES: readonly DeliveryMode[] = ['CLASSROOM', 'ONLINE', 'BLENDED', 'UNKNOWN'];

export const UPCASTERS: readonly Upcaster[] = [
  {
    // v2 records how the training was delivered; nobody asked before, so v1 records do not know.
    type: 'TrainingCompleted',
    fromVersion: 1,
    upcast: (data) => ({ ...data, deliveryMode: 'UNKNOWN' satisfies DeliveryMode }),
  },
];

const byKey = new Map(UPCASTERS.map((u) => [`${u.type}@${u.fromVersion}`, u]));

export class MissingUpcasterError extends DomainError {
  constructor(
    readonly type: string,
    readonly fromVersion: number,
  ) {
    super('INTERNAL', `No upcaster turns ${type} v${fromVersion} into v${fromVersion + 1}`, { reason: 'EVENTS.MISSING_UPCASTER' });
  }
}

/** The current schema version of a type, or undefined for a type this code does not know. */
export function currentSchemaVersion(type: string): number | undefined {
  return (EVENT_SCHEMA_VERSIONS as Record<string, number>)[type];
}

/**
 * The event in the current shape of its type, or in the shape of version `to`. Already there (or
 * newer, or of an unknown type): returned as it is. Never mutates its argument.
 */
export function upcastEvent<T extends VersionedEvent>(event: T, to = currentSchemaVersion(event.type)): T {
  if (to === undefined || event.schemaVersion >= to) return event;
  let data = event.data;
  let version = event.schemaVersion;
  while (version < to) {
    const upcaster = byKey.get(`${event.type}@${version}`);
    if (!upcaster) throw new MissingUpcasterError(event.type, version);
    data = upcaster.upcast(data);
    version += 1;
  }
  return { ...event, schemaVersion: version, data };
}
