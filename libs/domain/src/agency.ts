import { NUMBER_LIMITS, TEXT_LIMITS, UNIT_ID_PATTERN } from './limits.js';
import { addSla, parseSlaDuration, slaElapsedMillis, type AgencyCalendar } from './calendar.js';
import { isIsoDate } from './dates.js';
import { checkMetadata, type Command, type Decider } from './decider.js';
import { notFound } from './errors.js';
import type { AgencyConfigured, AgencyUnit, PromotionKind, Signatory, StageDefinition, StageId } from './events.js';
import { DEFAULT_OBJECTION_SLA, DEFAULT_SIGNATORY, NATIONAL_STAGES, NATIONAL_STAGE_IDS } from './agency-defaults.js';
import { PROMOTION_KINDS } from './reference/reference-data.js';
import { InputCheck } from './validation.js';

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';
/** WIB, WITA, WIT. */
export const AGENCY_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
/** Upper bound on one stage's SLA, working days plus elapsed time counted as days. */
export const MAX_SLA_DAYS = NUMBER_LIMITS.maxSlaDays;

/** One stage as an agency runs it: the national stage with the agency's SLA (and, for the committee, its kinds). */
export interface AgencyStage {
  id: StageId;
  sla: string;
  /** Only for the optional committee stage: the kinds it runs for. */
  requiredFor?: PromotionKind[];
}

export interface AgencySettings {
  agencyId: string;
  name: string;
  timeZone: string;
  /** The agency's own days off; national holidays come from the reference data. */
  holidays: string[];
  /** Every national stage, in order, with the agency's SLA. */
  stages: AgencyStage[];
  units: AgencyUnit[];
  signatory: Signatory;
  objectionSla: string;
  /** How many times the agency was configured; 0 = the built-in defaults. */
  configVersion: number;
}

const DEFAULT_AGENCY_STAGES: AgencyStage[] = NATIONAL_STAGES.map((s) =>
  s.optional ? { id: s.id, sla: s.sla, requiredFor: [...(s.defaultRequiredFor ?? [])] } : { id: s.id, sla: s.sla },
);

const copyStages = (stages: readonly AgencyStage[]): AgencyStage[] =>
  stages.map((s) => (s.requiredFor ? { ...s, requiredFor: [...s.requiredFor] } : { ...s }));

/** What an agency that was never configured works with. */
export function defaultAgencySettings(agencyId: string): AgencySettings {
  return {
    agencyId,
    name: agencyId,
    timeZone: DEFAULT_TIME_ZONE,
    holidays: [],
    stages: copyStages(DEFAULT_AGENCY_STAGES),
    units: [],
    signatory: { ...DEFAULT_SIGNATORY },
    objectionSla: DEFAULT_OBJECTION_SLA,
    configVersion: 0,
  };
}

/** Applies a stage patch over the national defaults: a listed stage takes its SLA (and the committee its kinds). */
export function patchStages(patch: readonly Partial<AgencyStage>[] | undefined): AgencyStage[] {
  return DEFAULT_AGENCY_STAGES.map((base) => {
    const listed = patch?.find((p) => p.id === base.id);
    if (!listed) return copyStages([base])[0];
    const stage: AgencyStage = { id: base.id, sla: listed.sla ?? base.sla };
    if (base.requiredFor) stage.requiredFor = [...(listed.requiredFor ?? base.requiredFor)];
    return stage;
  });
}

/** The stages a case of `kind` runs through, with the role that decides each (roles are national, never configured). */
export function pipelineFor(settings: Pick<AgencySettings, 'stages'>, kind: PromotionKind): StageDefinition[] {
  return NATIONAL_STAGES.flatMap((national) => {
    const configured = settings.stages.find((s) => s.id === national.id);
    const sla = configured?.sla ?? national.sla;
    if (national.optional) {
      const kinds = configured?.requiredFor ?? national.defaultRequiredFor ?? [];
      if (!kinds.includes(kind)) return [];
    }
    return [{ id: national.id, role: national.role, sla }];
  });
}

/** The case's calendar: the agency's zone, the national holidays of the reference data plus the agency's own days off. */
export function agencyCalendar(
  settings: Pick<AgencySettings, 'timeZone' | 'holidays'>,
  nationalHolidays: readonly string[] = [],
): AgencyCalendar {
  return { timeZone: settings.timeZone, holidays: [...new Set([...nationalHolidays, ...settings.holidays])].sort() };
}

// ---------------------------------------------------------------------------------------------
// Decider (stream `agency-{agencyId}`)

export type ConfigureAgency = Command<
  'ConfigureAgency',
  {
    agencyId: string;
    name: string;
    timeZone: string;
    /** Omitted: no days off of its own. */
    holidays?: string[];
    /** A patch over the national stages; omitted: the defaults. */
    stages?: Partial<AgencyStage>[];
    units?: { id: string; name: string; parentId?: string | null }[];
    signatory?: Signatory;
    objectionSla?: string;
  }
>;

export type AgencyCommand = ConfigureAgency;
export type AgencyEvent = AgencyConfigured;
export type AgencyState = AgencySettings;

function checkSla(check: InputCheck, field: string, value: unknown): void {
  const sla = parseSlaDuration(value);
  if (!sla) {
    check.fail(field, 'must be an ISO 8601 duration of days and/or hours, minutes, seconds such as P2D or PT4H', 'AGENCY.INVALID_SLA');
  } else if (sla.days === 0 && slaElapsedMillis(sla) === 0) {
    check.fail(field, 'must be longer than zero', 'AGENCY.INVALID_SLA');
  } else if (sla.days + slaElapsedMillis(sla) / 86_400_000 > MAX_SLA_DAYS) {
    check.fail(field, `must be at most ${MAX_SLA_DAYS} days`, 'AGENCY.INVALID_SLA');
  }
}

function checkStages(check: InputCheck, stages: unknown): void {
  if (!Array.isArray(stages)) {
    check.fail('stages', 'must be a list of { id, sla, requiredFor? }');
    return;
  }
  const seen = new Set<string>();
  stages.forEach((stage: Partial<AgencyStage> | null, i) => {
    const at = `stages[${i}]`;
    if (typeof stage !== 'object' || stage === null) {
      check.fail(at, 'must be an object { id, sla, requiredFor? }');
      return;
    }
    if (!check.oneOf(stage.id, NATIONAL_STAGE_IDS, `${at}.id`)) return;
    if (seen.has(stage.id as string)) check.fail(`${at}.id`, `duplicates stage id ${stage.id}`, 'AGENCY.DUPLICATE_STAGE');
    seen.add(stage.id as string);
    if (stage.sla !== undefined) checkSla(check, `${at}.sla`, stage.sla);
    if (stage.requiredFor !== undefined) {
      const optional = NATIONAL_STAGES.find((s) => s.id === stage.id)?.optional;
      if (!optional) {
        check.fail(
          `${at}.requiredFor`,
          `only the committee stage is optional; ${stage.id} runs for every case`,
          'AGENCY.STAGE_NOT_OPTIONAL',
        );
      } else if (
        !Array.isArray(stage.requiredFor) ||
        !stage.requiredFor.every((k) => PROMOTION_KINDS.includes(k)) ||
        new Set(stage.requiredFor).size !== stage.requiredFor.length
      ) {
        check.fail(`${at}.requiredFor`, `must list distinct KP kinds among ${PROMOTION_KINDS.join(', ')}`);
      }
    }
  });
}

function checkUnits(check: InputCheck, units: unknown): void {
  if (!Array.isArray(units)) {
    check.fail('units', 'must be a list of { id, name, parentId? }');
    return;
  }
  if (units.length > NUMBER_LIMITS.maxUnits) check.fail('units', `must list at most ${NUMBER_LIMITS.maxUnits} units`);
  const ids = new Set<string>();
  units.forEach((unit: Partial<AgencyUnit> | null, i) => {
    const at = `units[${i}]`;
    if (typeof unit !== 'object' || unit === null) {
      check.fail(at, 'must be an object { id, name, parentId? }');
      return;
    }
    if (check.text(unit.id, `${at}.id`, TEXT_LIMITS.id)) {
      if (!UNIT_ID_PATTERN.test(unit.id as string)) check.fail(`${at}.id`, 'must be lowercase letters, digits and dashes (at most 64)');
      else if (ids.has(unit.id as string)) check.fail(`${at}.id`, `duplicates unit ${unit.id}`, 'AGENCY.DUPLICATE_UNIT');
      ids.add(unit.id as string);
    }
    check.text(unit.name, `${at}.name`, TEXT_LIMITS.name);
  });
  units.forEach((unit: Partial<AgencyUnit> | null, i) => {
    const parent = unit?.parentId;
    if (parent === undefined || parent === null) return;
    check.require(
      typeof parent === 'string' && ids.has(parent) && parent !== unit?.id,
      `units[${i}].parentId`,
      'must name another unit of the list',
      'AGENCY.UNKNOWN_PARENT_UNIT',
    );
  });
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
  if (data.stages !== undefined) checkStages(check, data.stages);
  const units = data.units ?? [];
  checkUnits(check, units);
  const signatory = data.signatory ?? DEFAULT_SIGNATORY;
  if (typeof signatory !== 'object' || signatory === null) check.fail('signatory', 'must be an object { name, title }');
  else {
    check.text(signatory.name, 'signatory.name', TEXT_LIMITS.name);
    check.text(signatory.title, 'signatory.title', TEXT_LIMITS.positionTitle);
  }
  const objectionSla = data.objectionSla ?? DEFAULT_OBJECTION_SLA;
  checkSla(check, 'objectionSla', objectionSla);
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
        stages: patchStages(data.stages),
        units: (units as AgencyUnit[]).map((u) => ({ id: u.id, name: u.name, parentId: u.parentId ?? null })),
        signatory: { name: signatory.name, title: signatory.title },
        objectionSla,
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
        stages: patchStages(event.data.stages),
        units: event.data.units.map((u) => ({ ...u })),
        signatory: { ...event.data.signatory },
        objectionSla: event.data.objectionSla,
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

/** First stage of a case's pipeline and its deadline, entering at `now`. */
export function firstStageVisit(
  stages: readonly StageDefinition[],
  calendar: AgencyCalendar,
  now: string,
): { stage: StageDefinition; enteredAt: string; dueAt: string } {
  const stage = stages[0];
  return { stage, enteredAt: now, dueAt: addSla(now, stage.sla, calendar) };
}
