import type { CompetencyKind, Grade, PositionType, Predicate, PromotionKind, Rating, Role, SanctionLevel } from '#domain';
import type { DemoAgency, DemoUnit, DemoUser } from '#demo';
import type { OfficeCalendar } from './office-calendar.js';

/** The shapes of the demo plan (what the seed runner executes) and of the people it is planned for. */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const iso = (ms: number) => new Date(ms).toISOString();

export interface PlanOptions {
  now: Date;
  /** Employees in all (the demo users included). */
  employees?: number;
  seed?: number;
  /** NIPs already registered (a `--force` run): skipped, with everything planned for them. */
  existingNips?: ReadonlySet<string>;
}

export interface PlannedActor {
  nip: string;
  roles: Role[];
}

export interface PlannedAgency {
  agencyId: string;
  name: string;
  timeZone: string;
  holidays: string[];
  at: string;
  actor: PlannedActor;
}

export interface PlannedEmployee {
  agency: string;
  at: string;
  actor: PlannedActor;
  body: { nip: string; name: string; unitId: string; grade: Grade; gradeSince: string; positionTitle: string; positionType: PositionType };
}

export type PlannedFact =
  | {
      kind: 'sanction';
      agency: string;
      at: string;
      actor: PlannedActor;
      body: { nip: string; level: SanctionLevel; reason: string; from: string; until: string };
    }
  | {
      kind: 'appraisal';
      agency: string;
      at: string;
      actor: PlannedActor;
      body: { nip: string; period: number; results: Rating; behaviour: Rating; notes?: string };
    }
  | {
      kind: 'training';
      agency: string;
      at: string;
      actor: PlannedActor;
      body: {
        nip: string;
        title: string;
        hours: number;
        kind: CompetencyKind;
        provider: string;
        completedOn: string;
        certificateNo: string;
      };
    };

export type CaseAction = 'propose' | 'decide' | 'resubmit' | 'withdraw' | 'claim' | 'breach';

export interface PlannedStep {
  action: CaseAction;
  at: string;
  actor: PlannedActor;
  decision?: 'APPROVE' | 'RETURN' | 'REJECT';
  reason?: string | null;
}

export interface PlannedCase {
  agency: string;
  scenario: string;
  proposal: {
    nip: string;
    kind: PromotionKind;
    toGrade: Grade;
    effectiveDate: string;
    justification: string;
    exceptionJustification?: string;
  };
  /** What the plan expects the decider to find (every rule passing, or an exception). */
  expectEligible: boolean;
  steps: PlannedStep[];
}

export interface DemoPlan {
  now: string;
  goLive: string;
  agencies: PlannedAgency[];
  employees: PlannedEmployee[];
  facts: PlannedFact[];
  cases: PlannedCase[];
  commands: number;
}

// ---------------------------------------------------------------------------------------------
// Planning state of one person

export type Performance = 'star' | 'solid' | 'weak' | 'poor';
export type TrainingTier = 'high' | 'some' | 'rare' | 'none';

export interface Person {
  agency: DemoAgency;
  unit: DemoUnit;
  nip: string;
  name: string;
  grade: Grade;
  gradeSince: string;
  positionTitle: string;
  positionType: PositionType;
  registeredAt: number;
  appointedOn: string;
  performance: Performance;
  tier: TrainingTier;
  demo: DemoUser | null;
  /** Periods forced to BAIK or better (promotion candidates). */
  goodPeriods: Set<number>;
  /** Training required: at least 20 JP completed in this window (a candidate's proposal). */
  trainingWindow: { from: string; to: string } | null;
  isHead: boolean;
  busy: boolean;
  appraisals: { period: number; predicate: Predicate; at: number }[];
  trainings: { hours: number; completedOn: string; at: number }[];
  sanctions: { from: string; until: string; level: SanctionLevel; at: number }[];
}

export interface AgencyPeople {
  agency: DemoAgency;
  calendar: OfficeCalendar;
  people: Person[];
  heads: Map<string, Person>;
  pools: { hr: PlannedActor[]; verifier: PlannedActor[]; committee: PlannedActor[]; ppk: PlannedActor[] };
}
