import { NUMBER_LIMITS, TEXT_LIMITS } from './limits.js';
import { addSla, parseSlaDuration, slaElapsedMillis, type AgencyCalendar } from './calendar.js';
import { isIsoDate } from './dates.js';
import { checkMetadata, type Command, type Decider } from './decider.js';
import { notFound } from './errors.js';
import type { AgencyConfigured, MeritPolicy, Predicate, Role, StageDefinition } from './events.js';
import { PREDICATES } from './appraisal.js';
import { InputCheck } from './validation.js';

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';
/** WIB, WITA, WIT. */
export const AGENCY_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export const STAGE_ROLES: readonly Role[] = ['verifier', 'committee', 'ppk', 'hr', 'admin'];
export const STAGE_ID_PATTERN = /^[a-z][a-z0-9_-]{0,39}$/;
/** Upper bound on one stage's SLA, working days plus elapsed time counted as days. */
export const MAX_SLA_DAYS = NUMBER_LIMITS.maxSlaDays;

export const DEFAULT_STAGES: StageDefinition[] = [
  { id: 'verification', role: 'verifier', sla: 'P2D' },
  { id: 'committee', role: 'committee', sla: 'P5D' },
  { id: 'approval', role: 'ppk', sla: 'P3D' },
];

export const DEFAULT_MERIT_POLICY: MeritPolicy = {
  version: 1,
  regularYearsInGrade: 4,
  selectionYearsInGrade: 1,
  minimumPredicates: ['BAIK', 'SANGAT_BAIK'],
  appraisalYears: 2,
  trainingHours: 20,
  trainingWindowMonths: 12,
};

export interface AgencySettings {
  agencyId: string;
  name: string;
  timeZone: string;
  holidays: string[];
  stages: StageDefinition[];
  meritPolicy: MeritPolicy;
  /** How many times the agency was configured; 0 = the built-in defaults. */
  configVersion: number;
}

const copyStages = (stages: readonly StageDefinition[]): StageDefinition[] => stages.map((s) => ({ ...s }));
const copyPolicy = (policy: MeritPolicy): MeritPolicy => ({ ...policy, minimumPredicates: [...policy.minimumPredicates] });

/** What an agency that was never configured works with. */
export function defaultAgencySettings(agencyId: string): AgencySettings {
  return {
    agencyId,
    name: agencyId,
    timeZone: DEFAULT_TIME_ZONE,
    holidays: [],
    stages: copyStages(DEFAULT_STAGES),
    meritPolicy: copyPolicy(DEFAULT_MERIT_POLICY),
    configVersion: 0,
  };
}

export function agencyCalendar(settings: Pick<AgencySettings, 'timeZone' | 'holidays'>): AgencyCalendar {
  return { timeZone: settings.timeZone, holidays: [...settings.holidays] };
}

// ---------------------------------------------------------------------------------------------
// Decider (stream `agency-{agencyId}`)

export type ConfigureAgency = Command<
  'ConfigureAgency',
  {
    agencyId: string;
    name: string;
    timeZone: string;
    /** Omitted: no holidays. */
    holidays?: string[];
    /** Omitted: DEFAULT_STAGES. */
    stages?: StageDefinition[];
    /** Omitted: DEFAULT_MERIT_POLICY (a PUT replaces the whole configuration). */
    meritPolicy?: MeritPolicy;
  }
>;

export type AgencyCommand = ConfigureAgency;
export type AgencyEvent = AgencyConfigured;
export type AgencyState = AgencySettings;

const isInt = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

function checkStages(check: InputCheck, stages: unknown): void {
  if (!Array.isArray(stages) || stages.length === 0) {
    check.fail('stages', 'must list at least one stage', 'AGENCY.NO_STAGES');
    return;
  }
  if (stages.length > NUMBER_LIMITS.maxStages) check.fail('stages', `must list at most ${NUMBER_LIMITS.maxStages} stages`);
  const seen = new Set<string>();
  stages.forEach((stage: Partial<StageDefinition> | null, i) => {
    const at = `stages[${i}]`;
    if (typeof stage !== 'object' || stage === null) {
      check.fail(at, 'must be an object { id, role, sla }');
      return;
    }
    if (typeof stage.id !== 'string' || !STAGE_ID_PATTERN.test(stage.id)) {
      check.fail(
        `${at}.id`,
        'must start with a lowercase letter and use only a-z, 0-9, _ and - (at most 40 characters)',
        'AGENCY.INVALID_STAGE_ID',
      );
    } else if (seen.has(stage.id)) {
      check.fail(`${at}.id`, `duplicates stage id ${stage.id}`, 'AGENCY.DUPLICATE_STAGE');
    } else {
      seen.add(stage.id);
    }
    check.oneOf(stage.role, STAGE_ROLES, `${at}.role`);
    const sla = parseSlaDuration(stage.sla);
    if (!sla) {
      check.fail(
        `${at}.sla`,
        'must be an ISO 8601 duration of days and/or hours, minutes, seconds such as P2D or PT4H',
        'AGENCY.INVALID_SLA',
      );
    } else if (sla.days === 0 && slaElapsedMillis(sla) === 0) {
      check.fail(`${at}.sla`, 'must be longer than zero', 'AGENCY.INVALID_SLA');
    } else if (sla.days + slaElapsedMillis(sla) / 86_400_000 > MAX_SLA_DAYS) {
      check.fail(`${at}.sla`, `must be at most ${MAX_SLA_DAYS} days`, 'AGENCY.INVALID_SLA');
    }
  });
}

function checkPolicy(check: InputCheck, policy: Partial<MeritPolicy> | null): void {
  if (typeof policy !== 'object' || policy === null) {
    check.fail('meritPolicy', 'must be an object');
    return;
  }
  check.require(isInt(policy.version, 1, 1_000_000), 'meritPolicy.version', 'must be a positive integer');
  check.require(isInt(policy.regularYearsInGrade, 0, 40), 'meritPolicy.regularYearsInGrade', 'must be an integer from 0 to 40');
  check.require(isInt(policy.selectionYearsInGrade, 0, 40), 'meritPolicy.selectionYearsInGrade', 'must be an integer from 0 to 40');
  check.require(isInt(policy.appraisalYears, 0, 10), 'meritPolicy.appraisalYears', 'must be an integer from 0 to 10');
  check.require(isInt(policy.trainingHours, 0, 1000), 'meritPolicy.trainingHours', 'must be an integer from 0 to 1000');
  check.require(isInt(policy.trainingWindowMonths, 1, 60), 'meritPolicy.trainingWindowMonths', 'must be an integer from 1 to 60');
  const predicates = policy.minimumPredicates;
  check.require(
    Array.isArray(predicates) &&
      predicates.length > 0 &&
      predicates.every((p) => PREDICATES.includes(p as Predicate)) &&
      new Set(predicates).size === predicates.length,
    'meritPolicy.minimumPredicates',
    `must list distinct predicates among ${PREDICATES.join(', ')}`,
  );
}

function decide(command: AgencyCommand, _state: AgencyState): AgencyEvent[] {
  checkMetadata(command.metadata);
  const { data, metadata } = command;
  const check = new InputCheck('AGENCY.INVALID_CONFIGURATION');
  check.text(data.agencyId, 'agencyId', TEXT_LIMITS.id);
  check.text(data.name, 'name', TEXT_LIMITS.name);
  check.oneOf(data.timeZone, AGENCY_TIME_ZONES, 'timeZone');
  const holidays = data.holidays ?? [];
  if (!Array.isArray(holidays)) check.fail('holidays', 'must be a list of dates');
  else holidays.forEach((h, i) => check.require(isIsoDate(h), `holidays[${i}]`, 'must be a date YYYY-MM-DD', 'AGENCY.INVALID_HOLIDAY'));
  if (Array.isArray(holidays) && holidays.length > NUMBER_LIMITS.maxHolidays)
    check.fail('holidays', `must list at most ${NUMBER_LIMITS.maxHolidays} dates`);
  const stages = data.stages ?? DEFAULT_STAGES;
  checkStages(check, stages);
  const meritPolicy = data.meritPolicy ?? DEFAULT_MERIT_POLICY;
  checkPolicy(check, meritPolicy);
  check.throwIfAny();

  // An admin configures their own agency; another agency's configuration is invisible to them.
  if (data.agencyId !== metadata.agency) {
    throw notFound('AGENCY.OTHER_AGENCY', `Agency ${data.agencyId} not found`);
  }

  return [
    {
      type: 'AgencyConfigured',
      data: {
        agencyId: data.agencyId,
        name: data.name,
        timeZone: data.timeZone,
        holidays: [...new Set(holidays)].sort(),
        stages: stages.map(({ id, role, sla }) => ({ id, role, sla })),
        meritPolicy: {
          version: meritPolicy.version,
          regularYearsInGrade: meritPolicy.regularYearsInGrade,
          selectionYearsInGrade: meritPolicy.selectionYearsInGrade,
          minimumPredicates: [...meritPolicy.minimumPredicates],
          appraisalYears: meritPolicy.appraisalYears,
          trainingHours: meritPolicy.trainingHours,
          trainingWindowMonths: meritPolicy.trainingWindowMonths,
        },
      },
    },
  ];
}

function evolve(state: AgencyState, event: AgencyEvent): AgencyState {
  switch (event.type) {
    case 'AgencyConfigured':
      return {
        agencyId: event.data.agencyId,
        name: event.data.name,
        timeZone: event.data.timeZone,
        holidays: [...event.data.holidays],
        stages: copyStages(event.data.stages),
        meritPolicy: copyPolicy(event.data.meritPolicy),
        configVersion: state.configVersion + 1,
      };
    default: {
      const unexpected: never = event.type;
      return unexpected;
    }
  }
}

/** Seed with `defaultAgencySettings(agencyId)` when the agency id is known. */
const initialState = (): AgencyState => defaultAgencySettings('');

export { decide, evolve, initialState };
export const agencyDecider: Decider<AgencyCommand, AgencyState, AgencyEvent> = { decide, evolve, initialState };

/** First stage and its deadline for a case entering the pipeline at `now`. */
export function firstStageVisit(settings: AgencySettings, now: string): { stage: StageDefinition; enteredAt: string; dueAt: string } {
  const stage = settings.stages[0];
  return { stage, enteredAt: now, dueAt: addSla(now, stage.sla, agencyCalendar(settings)) };
}
