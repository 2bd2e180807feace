import {
  agencyDecider,
  defaultAgencySettings,
  employeeDecider,
  isEmployeeEvent,
  streamIds,
  type AgencyEvent,
  type AgencySettings,
  type ApprovedPromotion,
  type EmployeeEvent,
  type EmployeeState,
  delegationsOf,
  isDelegationEvent,
  type ActiveDelegation,
  type DelegationEvent,
  type Predicate,
  type ReferenceData,
  type StoredEvent,
} from '#domain';
import type { FactReader, StreamReads } from './use-case.js';

/** The candidate's `employee-{nip}` stream, folded. */
export function employeeOf(streams: StreamReads, nip: string): EmployeeState {
  return streams
    .events(streamIds.employee(nip))
    .filter((e): e is Extract<StoredEvent, EmployeeEvent> => isEmployeeEvent(e))
    .reduce(employeeDecider.evolve, employeeDecider.initialState());
}

/** The agency's configuration in force; an agency never configured runs on the defaults. */
export function agencyOf(streams: StreamReads, agencyId: string): AgencySettings {
  return streams
    .events(streamIds.agency(agencyId))
    .filter((e): e is Extract<StoredEvent, AgencyEvent> => e.type === 'AgencyConfigured')
    .reduce(agencyDecider.evolve, defaultAgencySettings(agencyId));
}

/** Uniqueness keys held while written facts must stay unique across streams. */
export const uniqueKeys = {
  appraisal: (nip: string, period: number) => `appraisal:${nip}:${period}`,
  certificate: (nip: string, certificateNo: string) => `certificate:${nip}:${certificateNo.trim().toUpperCase()}`,
  openCase: (nip: string) => `open-case:${nip}`,
} as const;

export interface MeritFacts {
  approvals: ApprovedPromotion[];
  /** Final predikat per annual appraisal. */
  appraisals: { period: number; predicate: Predicate }[];
  trainings: { hours: number; completedOn: string }[];
  /** The candidate's open case, if any: one open case per employee. */
  openCaseId: string | null;
  reference: ReferenceData;
}

/** The committed facts the KP rules are evaluated on. */
export async function meritFacts(reader: FactReader, nip: string): Promise<MeritFacts> {
  const [events, openCase] = await Promise.all([
    reader.readByNip(nip, ['AppraisalSubmitted', 'TrainingCompleted', 'PromotionApproved']),
    reader.keyHolder(uniqueKeys.openCase(nip)),
  ]);
  const facts: MeritFacts = {
    approvals: [],
    appraisals: [],
    trainings: [],
    openCaseId: openCase?.replace(/^promotion-/, '') ?? null,
    reference: reader.reference,
  };
  for (const e of events) {
    if (e.type === 'AppraisalSubmitted') facts.appraisals.push({ period: e.data.period, predicate: e.data.predicate });
    else if (e.type === 'TrainingCompleted') facts.trainings.push({ hours: e.data.hours, completedOn: e.data.completedOn });
    else if (e.type === 'PromotionApproved') facts.approvals.push(e.data);
  }
  return facts;
}

/** The actor's delegations (Plt/Plh): the grants naming them as delegate, with revocations. */
export async function delegationsOfActor(reader: FactReader, nip: string, agency: string): Promise<ActiveDelegation[]> {
  const events = await reader.readByNip(nip, ['DelegationGranted', 'DelegationRevoked']);
  // A delegation is an office of one agency: after a transfer it does not follow the delegate.
  return delegationsOf(
    events.filter((e): e is Extract<StoredEvent, DelegationEvent> => isDelegationEvent(e) && e.metadata.agency === agency),
  );
}
