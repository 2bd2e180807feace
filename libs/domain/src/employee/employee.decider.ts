import { TEXT_LIMITS, UNIT_ID_PATTERN } from '../limits.js';
import { DEFAULT_TIME_ZONE } from '../agency.js';
import { isIsoDate, localDate } from '../dates.js';
import { checkMetadata, type Command, type Decider } from '../decider.js';
import { conflict, notFound } from '../errors.js';
import type {
  DisciplinarySanctionImposed,
  EmployeeEvent,
  EmployeeRegistered,
  PositionType,
  PromotionApproved,
  SanctionLevel,
} from '../events.js';
import { GRADES, type Grade } from '../grade.js';
import { isValidNip } from '../nip.js';
import { InputCheck } from '../validation.js';

export const POSITION_TYPES: readonly PositionType[] = ['JPT', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL'];
export const SANCTION_LEVELS: readonly SanctionLevel[] = ['LIGHT', 'MODERATE', 'SEVERE'];

export interface SanctionRecord {
  sanctionId: string;
  level: SanctionLevel;
  reason: string;
  from: string;
  until: string;
}

export interface RegisteredEmployee {
  exists: true;
  nip: string;
  name: string;
  agencyId: string;
  unitId: string;
  /** The grade given at registration; approvals from promotion streams come on top (see gradeInForce). */
  grade: Grade;
  gradeSince: string;
  positionTitle: string;
  positionType: PositionType;
  sanctions: SanctionRecord[];
}

export interface UnregisteredEmployee {
  exists: false;
  nip: string;
  name: string;
  agencyId: string;
  unitId: string;
  grade: null;
  gradeSince: null;
  positionTitle: string;
  positionType: null;
  sanctions: SanctionRecord[];
}

/** State of the `employee-{nip}` stream. Narrow on `exists` to read the registered fields. */
export type EmployeeState = UnregisteredEmployee | RegisteredEmployee;

/** Context the write side passes in: the agency's zone tells which day "today" is. */
export interface EmployeeCommandContext {
  timeZone?: string;
}

export type RegisterEmployee = Command<'RegisterEmployee', Omit<EmployeeRegistered['data'], 'agencyId'>> & {
  context?: EmployeeCommandContext;
};
export type ImposeSanction = Command<'ImposeSanction', DisciplinarySanctionImposed['data']> & { context?: EmployeeCommandContext };
export type EmployeeCommand = RegisterEmployee | ImposeSanction;

export const initialState = (): EmployeeState => ({
  exists: false,
  nip: '',
  name: '',
  agencyId: '',
  unitId: '',
  grade: null,
  gradeSince: null,
  positionTitle: '',
  positionType: null,
  sanctions: [],
});

/** The employee, if registered in `agency` under `nip`; a registration elsewhere is invisible. */
export function employeeInAgency(state: EmployeeState | null | undefined, nip: string, agency: string): RegisteredEmployee | null {
  if (!state || !state.exists || state.nip !== nip || state.agencyId !== agency) return null;
  return state;
}

function register(command: RegisterEmployee, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const today = localDate(metadata.now, command.context?.timeZone ?? DEFAULT_TIME_ZONE);
  const check = new InputCheck('EMPLOYEE.INVALID_INPUT');
  check.require(
    isValidNip(data.nip),
    'nip',
    'must be a valid 18-digit NIP (birth date, appointment month, sex, sequence)',
    'EMPLOYEE.INVALID_NIP',
  );
  check.text(data.name, 'name', TEXT_LIMITS.name);
  if (check.text(data.unitId, 'unitId', TEXT_LIMITS.id)) {
    check.require(UNIT_ID_PATTERN.test(data.unitId), 'unitId', 'must be lowercase letters, digits and dashes (at most 64)');
  }
  check.oneOf(data.grade, GRADES, 'grade');
  if (check.require(isIsoDate(data.gradeSince), 'gradeSince', 'must be a date YYYY-MM-DD')) {
    check.require(data.gradeSince <= today, 'gradeSince', `must not be after today (${today})`, 'EMPLOYEE.GRADE_SINCE_IN_FUTURE');
  }
  check.text(data.positionTitle, 'positionTitle', TEXT_LIMITS.positionTitle);
  check.oneOf(data.positionType, POSITION_TYPES, 'positionType');
  check.throwIfAny();

  if (state.exists) throw conflict('EMPLOYEE.ALREADY_REGISTERED', `Employee ${data.nip} already registered`);

  return [
    {
      type: 'EmployeeRegistered',
      data: {
        nip: data.nip,
        name: data.name,
        agencyId: metadata.agency,
        unitId: data.unitId,
        grade: data.grade,
        gradeSince: data.gradeSince,
        positionTitle: data.positionTitle,
        positionType: data.positionType,
      },
    },
  ];
}

function imposeSanction(command: ImposeSanction, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('EMPLOYEE.INVALID_SANCTION');
  check.text(data.sanctionId, 'sanctionId', TEXT_LIMITS.id);
  check.require(isValidNip(data.nip), 'nip', 'must be a valid 18-digit NIP', 'EMPLOYEE.INVALID_NIP');
  check.oneOf(data.level, SANCTION_LEVELS, 'level');
  check.text(data.reason, 'reason', TEXT_LIMITS.sanctionReason);
  const fromOk = check.require(isIsoDate(data.from), 'from', 'must be a date YYYY-MM-DD');
  const untilOk = check.require(isIsoDate(data.until), 'until', 'must be a date YYYY-MM-DD');
  if (fromOk && untilOk) check.require(data.from <= data.until, 'until', 'must not be before from', 'EMPLOYEE.SANCTION_PERIOD_REVERSED');
  check.throwIfAny();

  const employee = employeeInAgency(state, data.nip, metadata.agency);
  if (!employee) throw notFound('EMPLOYEE.NOT_FOUND', `Employee ${data.nip} not found`);
  if (employee.sanctions.some((s) => s.sanctionId === data.sanctionId)) {
    throw conflict('EMPLOYEE.SANCTION_ALREADY_RECORDED', `Sanction ${data.sanctionId} is already recorded`);
  }
  return [
    {
      type: 'DisciplinarySanctionImposed',
      data: { sanctionId: data.sanctionId, nip: data.nip, level: data.level, reason: data.reason, from: data.from, until: data.until },
    },
  ];
}

export function decide(command: EmployeeCommand, state: EmployeeState): EmployeeEvent[] {
  checkMetadata(command.metadata);
  switch (command.type) {
    case 'RegisterEmployee':
      return register(command, state);
    case 'ImposeSanction':
      return imposeSanction(command, state);
    default: {
      const unexpected: never = command;
      throw new Error(`Unknown employee command ${JSON.stringify(unexpected)}`);
    }
  }
}

export function evolve(state: EmployeeState, event: EmployeeEvent): EmployeeState {
  switch (event.type) {
    case 'EmployeeRegistered': {
      const d = event.data;
      return {
        exists: true,
        nip: d.nip,
        name: d.name,
        agencyId: d.agencyId,
        unitId: d.unitId,
        grade: d.grade,
        gradeSince: d.gradeSince,
        positionTitle: d.positionTitle,
        positionType: d.positionType,
        sanctions: state.sanctions,
      };
    }
    case 'DisciplinarySanctionImposed': {
      const { sanctionId, level, reason, from, until } = event.data;
      return { ...state, sanctions: [...state.sanctions, { sanctionId, level, reason, from, until }] };
    }
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

export const employeeDecider: Decider<EmployeeCommand, EmployeeState, EmployeeEvent> = { decide, evolve, initialState };

// ---------------------------------------------------------------------------------------------
// Grade in force: registration plus approved promotions (which live in promotion streams).

export type ApprovedPromotion = Pick<PromotionApproved['data'], 'toGrade' | 'effectiveDate'> & Partial<PromotionApproved['data']>;

export interface GradeInForce {
  grade: Grade;
  gradeSince: string;
  /** The next approved grade whose effective date is still ahead. */
  pendingGrade?: { grade: Grade; effectiveDate: string };
}

/**
 * The grade in force on `today` (`YYYY-MM-DD`, agency zone): an approval changes the grade from
 * its effective date, so one dated in the future shows as `pendingGrade` and the old grade holds.
 */
export function gradeInForce(
  employee: { nip?: string; grade: Grade; gradeSince: string },
  approvals: readonly ApprovedPromotion[],
  today: string,
): GradeInForce {
  const relevant = approvals
    .filter((a) => a.nip === undefined || employee.nip === undefined || a.nip === employee.nip)
    .map((a, order) => ({ a, order }))
    .sort((x, y) => (x.a.effectiveDate === y.a.effectiveDate ? x.order - y.order : x.a.effectiveDate < y.a.effectiveDate ? -1 : 1))
    .map(({ a }) => a);
  let current: GradeInForce = { grade: employee.grade, gradeSince: employee.gradeSince };
  for (const approval of relevant) {
    if (approval.effectiveDate <= today) {
      current = { grade: approval.toGrade, gradeSince: approval.effectiveDate };
    } else {
      return { ...current, pendingGrade: { grade: approval.toGrade, effectiveDate: approval.effectiveDate } };
    }
  }
  return current;
}

/** The employee state with an approval applied if it is in force on `today`. */
export function applyApprovedPromotion(state: RegisteredEmployee, approval: ApprovedPromotion, today: string): RegisteredEmployee {
  if (approval.effectiveDate > today || (approval.nip !== undefined && approval.nip !== state.nip)) return state;
  return { ...state, grade: approval.toGrade, gradeSince: approval.effectiveDate };
}
