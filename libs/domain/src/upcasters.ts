/**
 * Schema evolution. An event is stored, and hashed, in the shape it was written in; readers that
 * fold or project events (deciders, projections, the transport) see it in the current shape.
 * Each upcaster lifts one type by one version; `upcastEvent` chains them up to
 * EVENT_SCHEMA_VERSIONS. Audit and verification read the stored shape, never an upcast one.
 */
import { DomainError } from './errors.js';
import { EVENT_SCHEMA_VERSIONS, type DeliveryMode, type EventType, type SanctionType } from './events.js';
import { DEFAULT_OBJECTION_SLA, DEFAULT_SIGNATORY, NATIONAL_STAGE_IDS } from './agency-defaults.js';
import { PROMOTION_KINDS } from './reference/reference-data.js';

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
  {
    // v1 knew the post's title and type only, and neither education nor superior.
    type: 'EmployeeRegistered',
    fromVersion: 1,
    upcast: ({ positionTitle, positionType, ...data }) => ({
      ...data,
      education: null,
      post: { type: positionType, title: positionTitle, eselon: null, jenjang: null, since: data.gradeSince },
      superiorNip: null,
    }),
  },
  {
    // v1 had a level and a term only; the PP 94/2021 type and the decree were not asked.
    type: 'DisciplinarySanctionImposed',
    fromVersion: 1,
    upcast: (data) => ({ ...data, type: 'UNSPECIFIED' satisfies SanctionType, decreeNumber: null, decreeDate: null }),
  },
  {
    // v1 let an agency set merit rules and name its own stages; v2 keeps only the national stages' SLAs.
    type: 'AgencyConfigured',
    fromVersion: 1,
    upcast: ({ meritPolicy: _policy, stages, ...data }) => {
      const listed = Array.isArray(stages) ? (stages as { id: string; sla: string }[]) : [];
      const kept = listed.filter((s) => (NATIONAL_STAGE_IDS as readonly string[]).includes(s.id));
      // A v1 committee stage ran for every case; a v1 pipeline without one had it off.
      const committee = kept.find((s) => s.id === 'committee');
      return {
        ...data,
        stages: [
          ...kept.filter((s) => s.id !== 'committee').map((s) => ({ id: s.id, sla: s.sla })),
          committee
            ? { id: 'committee', sla: committee.sla, requiredFor: [...PROMOTION_KINDS] }
            : { id: 'committee', sla: 'P5D', requiredFor: [] },
        ],
        units: [],
        signatory: { ...DEFAULT_SIGNATORY },
        objectionSla: DEFAULT_OBJECTION_SLA,
      };
    },
  },
  {
    // v1 cases ran the old three-stage approval under an agency merit policy, with free-text exceptions.
    // Their `SELECTION` kind was a KP pilihan; v2 reads it as STRUCTURAL. Every v1 rule refused when failing.
    type: 'PromotionProposed',
    fromVersion: 1,
    upcast: ({ exceptionJustification: _x, exception: _e, policyVersion, kind, rules, ...data }) => ({
      ...data,
      kind: kind === 'SELECTION' ? 'STRUCTURAL' : kind,
      rules: (Array.isArray(rules) ? (rules as Record<string, unknown>[]) : []).map((r) => ({ ...r, blocking: true })),
      referenceVersion: `merit-policy-${String(policyVersion)}`,
      documents: [],
      authority: 'PPK',
      signatory: { ...DEFAULT_SIGNATORY },
    }),
  },
  {
    // The old pipeline ended with the PPK's approval; no decree was recorded.
    type: 'PromotionApproved',
    fromVersion: 1,
    upcast: (data) => ({ ...data, decree: null }),
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
