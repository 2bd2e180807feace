import type {
  CompetencyKind,
  DelegableRole,
  DocumentType,
  EducationLevel,
  Eselon,
  Grade,
  Jenjang,
  PositionType,
  Predicate,
  PromotionKind,
  Rating,
  ReferenceData,
  Role,
  SanctionLevel,
  SanctionType,
} from '#domain';
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
  /** The national reference data the command path runs with (default: the shipped one). */
  reference?: ReferenceData;
}

export interface PlannedActor {
  nip: string;
  roles: Role[];
}

export interface PlannedAgency {
  agencyId: string;
  name: string;
  timeZone: string;
  /** The agency's own days off (national holidays come from the reference data). */
  holidays: string[];
  units: { id: string; name: string; parentId: string | null }[];
  signatory: { name: string; title: string };
  at: string;
  actor: PlannedActor;
}

export interface PlannedEmployee {
  agency: string;
  at: string;
  actor: PlannedActor;
  body: {
    nip: string;
    name: string;
    unitId: string;
    grade: Grade;
    gradeSince: string;
    education: EducationLevel;
    positionTitle: string;
    positionType: PositionType;
    eselon?: Eselon;
    jenjang?: Jenjang;
    positionSince: string;
    superiorNip: string | null;
  };
}

export type PlannedFact =
  | {
      kind: 'sanction';
      agency: string;
      at: string;
      actor: PlannedActor;
      body: {
        nip: string;
        level: SanctionLevel;
        type: SanctionType;
        reason: string;
        decreeNumber: string;
        decreeDate: string;
        from: string;
      };
    }
  | {
      kind: 'education';
      agency: string;
      at: string;
      actor: PlannedActor;
      body: {
        nip: string;
        level: EducationLevel;
        institution: string;
        graduatedOn: string;
        studyPermitNumber?: string;
        studyPermitDate?: string;
      };
    }
  | {
      kind: 'credit-points';
      agency: string;
      at: string;
      actor: PlannedActor;
      body: { nip: string; pakNumber: string; statedOn: string; points: number };
    }
  | {
      kind: 'service-exam';
      agency: string;
      at: string;
      actor: PlannedActor;
      body: { nip: string; level: 1 | 2; passedOn: string; certificateNo: string };
    }
  | {
      kind: 'delegation';
      agency: string;
      at: string;
      actor: PlannedActor;
      /** `nip` is the delegate's. */
      body: { nip: string; delegationId: string; role: DelegableRole; onBehalfOf: string; from: string; until: string; reason: string };
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

export type CaseAction = 'propose' | 'upload' | 'decide' | 'resubmit' | 'withdraw' | 'claim' | 'breach' | 'conflict' | 'refused-decree';

/** A file of the berkas: a small PDF whose title line names the document and the candidate. */
export interface PlannedDocument {
  documentId: string;
  type: DocumentType;
  name: string;
  title: string;
  lines: string[];
}

export interface PlannedStep {
  action: CaseAction;
  at: string;
  actor: PlannedActor;
  decision?: 'APPROVE' | 'RETURN' | 'REJECT';
  reason?: string | null;
  /** `upload`: the file. */
  document?: PlannedDocument;
  /** `decide` at verification: the verdicts given with the decision. */
  verdicts?: { documentId: string; verdict: 'OK' | 'DEFICIENT'; note?: string }[];
  pertek?: { number: string; date: string };
  decree?: { number: string; date: string };
  /** The decision is taken as an acting official (the delegation's delegator). */
  onBehalfOf?: string;
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
  };
  /** The current grade the candidate is proposed from (for reports and specs). */
  fromGrade: Grade;
  positionType: PositionType;
  /** The decree authority of the target grade (PRESIDENT from IV/c). */
  authority: 'PPK' | 'PRESIDENT';
  steps: PlannedStep[];
}

export interface DemoPlan {
  now: string;
  goLive: string;
  agencies: PlannedAgency[];
  employees: PlannedEmployee[];
  facts: PlannedFact[];
  cases: PlannedCase[];
  /** Cases the plan walked but left out: the domain's preview found a blocking rule failing. */
  dropped: { scenario: string; nip: string; failing: string[] }[];
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
  education: EducationLevel;
  positionTitle: string;
  positionType: PositionType;
  eselon: Eselon | null;
  jenjang: Jenjang | null;
  positionSince: string;
  superiorNip: string | null;
  /** Functional track: skill (Terampil…Penyelia) or expert (Ahli …). */
  track: 'skill' | 'expert' | null;
  registeredAt: number;
  appointedOn: string;
  performance: Performance;
  tier: TrainingTier;
  demo: DemoUser | null;
  /** Periods forced to BAIK or better (promotion candidates), and to SANGAT_BAIK (an OUTSTANDING candidate). */
  goodPeriods: Set<number>;
  starPeriods: Set<number>;
  /** What a candidate's record still needs before the proposal (recorded in the facts phase). */
  needs: {
    serviceExam?: { level: 1 | 2; before: string };
    diploma?: { level: EducationLevel; graduatedOn: string; permitOn: string };
    creditPoints?: { before: string };
    /** A MODERATE sanction from this date, imposed after the proposal (its decree is then refused). */
    sanctionFrom?: string;
    /** A proposal in January or February: last year's appraisal is submitted before it. */
    appraisedBy?: number;
    /** The instant the sanction must be on record by (the refused decree). */
    sanctionBefore?: number;
  };
  /** Training required: at least 20 JP completed in this window (a candidate's proposal). */
  trainingWindow: { from: string; to: string } | null;
  isHead: boolean;
  busy: boolean;
  appraisals: { period: number; predicate: Predicate; at: number }[];
  trainings: { hours: number; completedOn: string; at: number }[];
  sanctions: { from: string; level: SanctionLevel; at: number }[];
}

export interface AgencyPeople {
  agency: DemoAgency;
  calendar: OfficeCalendar;
  people: Person[];
  heads: Map<string, Person>;
  pools: { hr: PlannedActor[]; verifier: PlannedActor[]; committee: PlannedActor[]; ppk: PlannedActor[]; bkn: PlannedActor[] };
}
