import {
  agencyDecider,
  defaultAgencySettings,
  employeeDecider,
  fold,
  promotionDecider,
  streamIds,
  type AgencySettings,
  type ApprovedPromotion,
  type DomainEvent,
  type EmployeeState,
  type Predicate,
  type PromotionState,
  type RecordedEvent,
} from '#domain';
import type { EventStoreSession } from '#event-store';

/** Events as the deciders fold them, metadata included (evolve reads `occurredAt`). */
export function asDomainEvents<T extends DomainEvent>(recorded: RecordedEvent[]): (T & { metadata: RecordedEvent['metadata'] })[] {
  return recorded.map(
    (e) => ({ type: e.type, data: e.data, metadata: e.metadata }) as unknown as T & { metadata: RecordedEvent['metadata'] },
  );
}

export interface Loaded<TState> {
  state: TState;
  version: number;
}

export async function loadEmployee(session: EventStoreSession, nip: string): Promise<Loaded<EmployeeState>> {
  const events = await session.readStream(streamIds.employee(nip));
  // eslint-disable-next-line no-restricted-syntax -- untyped fold until the stored events carry their domain types
  return { state: fold(employeeDecider, asDomainEvents(events) as never[]), version: events.length };
}

export async function loadPromotion(session: EventStoreSession, caseId: string): Promise<Loaded<PromotionState>> {
  const events = await session.readStream(streamIds.promotion(caseId));
  // eslint-disable-next-line no-restricted-syntax -- untyped fold until the stored events carry their domain types
  return { state: fold(promotionDecider, asDomainEvents(events) as never[]), version: events.length };
}

/** The agency's configuration in force; an agency never configured runs on DOMAIN.md's defaults. */
export async function loadAgency(session: EventStoreSession, agencyId: string): Promise<Loaded<AgencySettings>> {
  const events = await session.readStream(streamIds.agency(agencyId));
  if (events.length === 0) return { state: defaultAgencySettings(agencyId), version: 0 };
  // eslint-disable-next-line no-restricted-syntax -- untyped fold until the stored events carry their domain types
  return { state: fold(agencyDecider, asDomainEvents(events) as never[], defaultAgencySettings(agencyId)), version: events.length };
}

export interface MeritFacts {
  approvals: ApprovedPromotion[];
  appraisals: { period: number; predicate: Predicate }[];
  trainings: { hours: number; completedOn: string }[];
}

/** The committed facts merit rules are evaluated on, read from the event store in this transaction. */
export async function loadMeritFacts(session: EventStoreSession, nip: string): Promise<MeritFacts> {
  const events = await session.readByNip(nip, ['AppraisalSubmitted', 'TrainingCompleted', 'PromotionApproved']);
  const facts: MeritFacts = { approvals: [], appraisals: [], trainings: [] };
  for (const e of events) {
    const d = e.data as Record<string, never>;
    if (e.type === 'AppraisalSubmitted') facts.appraisals.push({ period: d.period, predicate: d.predicate });
    else if (e.type === 'TrainingCompleted') facts.trainings.push({ hours: d.hours, completedOn: d.completedOn });
    else facts.approvals.push(d as unknown as ApprovedPromotion);
  }
  return facts;
}

/** Uniqueness keys held while written facts must stay unique across streams. */
export const uniqueKeys = {
  appraisal: (nip: string, period: number) => `appraisal:${nip}:${period}`,
  certificate: (nip: string, certificateNo: string) => `certificate:${nip}:${certificateNo.trim().toUpperCase()}`,
  openCase: (nip: string) => `open-case:${nip}`,
} as const;

export async function openCaseOf(session: EventStoreSession, nip: string): Promise<string | null> {
  // eslint-disable-next-line no-restricted-syntax -- store tables read here until this moves behind the event store
  const [row]: { stream_id: string }[] = await session.manager.query(`SELECT stream_id FROM unique_keys WHERE key = $1`, [
    uniqueKeys.openCase(nip),
  ]);
  return row ? row.stream_id.replace(/^promotion-/, '') : null;
}

export function lastOf(recorded: RecordedEvent[]): { position: number; version: number } {
  const last = recorded[recorded.length - 1];
  return { position: last.globalPosition, version: last.version };
}
