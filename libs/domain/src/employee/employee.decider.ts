import { AGENCY_ID_PATTERN, NUMBER_LIMITS, TEXT_LIMITS, UNIT_ID_PATTERN } from '../limits.js';
import { DEFAULT_TIME_ZONE } from '../agency.js';
import { addMonthsToDate, isIsoDate, localDate } from '../dates.js';
import { checkMetadata, type Command, type CommandMetadata, type Decider } from '../decider.js';
import { conflict, notFound } from '../errors.js';
import type {
  EducationLevel,
  EmployeeEvent,
  Eselon,
  Jenjang,
  PositionType,
  Post,
  PostChangeReason,
  SanctionLevel,
  SanctionType,
} from '../events.js';
import { GRADES, type Grade } from '../grade.js';
import { isValidNip } from '../nip.js';
import { EDUCATION_LEVELS, ESELONS, JENJANGS } from '../reference/reference-data.js';
import { InputCheck } from '../validation.js';
import { employeeInAgency } from './employee.queries.js';
import type { EmployeeRecord, EmployeeState, PostRecord, RegisteredEmployee, SanctionRecord } from './employee.state.js';

export const POSITION_TYPES: readonly PositionType[] = ['JPT', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL'];
/** Post types that carry an eselon; FUNGSIONAL carries a jenjang; PELAKSANA neither. */
export const ESELON_POSITION_TYPES: readonly PositionType[] = ['JPT', 'ADMINISTRATOR', 'PENGAWAS'];
export const SANCTION_LEVELS: readonly SanctionLevel[] = ['LIGHT', 'MODERATE', 'SEVERE'];
export const POST_CHANGE_REASONS: readonly PostChangeReason[] = ['ROTATION', 'PROMOTION', 'DEMOTION', 'JENJANG', 'SANCTION', 'OTHER'];

/** PP 94/2021: the types of each level (UNSPECIFIED only ever comes from v1 records). */
export const SANCTION_TYPES_BY_LEVEL: Readonly<Record<SanctionLevel, readonly SanctionType[]>> = {
  LIGHT: ['ORAL_REPRIMAND', 'WRITTEN_REPRIMAND', 'WRITTEN_STATEMENT_OF_DISSATISFACTION'],
  MODERATE: ['ALLOWANCE_CUT_6M', 'ALLOWANCE_CUT_9M', 'ALLOWANCE_CUT_12M'],
  SEVERE: ['DEMOTION_12M', 'REMOVAL_FROM_POST_12M', 'DISCHARGE'],
};
export const SANCTION_TYPES: readonly SanctionType[] = Object.values(SANCTION_TYPES_BY_LEVEL).flat();

/** Months each type runs for; a type not listed has no term (light) or never ends (discharge). */
const SANCTION_TERM_MONTHS: Partial<Record<SanctionType, number>> = {
  ALLOWANCE_CUT_6M: 6,
  ALLOWANCE_CUT_9M: 9,
  ALLOWANCE_CUT_12M: 12,
  DEMOTION_12M: 12,
  REMOVAL_FROM_POST_12M: 12,
};

/** Every event type of an `employee-{nip}` stream: readers fold or subscribe through this list. */
export const EMPLOYEE_EVENT_TYPES: readonly EmployeeEvent['type'][] = [
  'EmployeeRegistered',
  'EducationRecorded',
  'PostChanged',
  'EmployeeTransferred',
  'CreditPointsStated',
  'ServiceExamPassed',
  'DisciplinarySanctionImposed',
  'SanctionAnnulled',
  'DisciplinaryExaminationOpened',
  'DisciplinaryExaminationClosed',
];

export function isEmployeeEvent<T extends { type: string }>(event: T): event is Extract<T, { type: EmployeeEvent['type'] }> {
  return (EMPLOYEE_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * The last day of a sanction's term: the day before the same date `months` later. When that date
 * does not exist (08-31 + 6 months) the term runs to the end of the shorter month (02-28), so a
 * term never comes up a day short.
 */
export function sanctionTermEnd(from: string, months: number): string {
  const monthOfAnniversary = addMonthsToDate(`${from.slice(0, 8)}01`, months);
  const day = Number(from.slice(8, 10));
  const anniversary =
    day <= lastDay(monthOfAnniversary)
      ? `${monthOfAnniversary.slice(0, 8)}${String(day).padStart(2, '0')}`
      : addMonthsToDate(monthOfAnniversary, 1);
  return previousDay(anniversary);
}

function lastDay(firstOfMonth: string): number {
  return Number(previousDay(addMonthsToDate(firstOfMonth, 1)).slice(8, 10));
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Last day served under a sanction of `type` starting `from`; null when it has no term or never ends. */
export function sanctionUntil(type: SanctionType, from: string): string | null {
  const months = SANCTION_TERM_MONTHS[type];
  return months === undefined ? null : sanctionTermEnd(from, months);
}

/** Context the write side passes in: the agency's zone tells which day "today" is. */
export interface EmployeeCommandContext {
  timeZone?: string;
}

type EmployeeCommandOf<TType extends string, TData> = Command<TType, TData> & { context?: EmployeeCommandContext };

/** A post as requests spell it. */
export interface PostInput {
  positionTitle: string;
  positionType: PositionType;
  eselon?: Eselon | null;
  jenjang?: Jenjang | null;
}

export type RegisterEmployee = EmployeeCommandOf<
  'RegisterEmployee',
  PostInput & {
    nip: string;
    name: string;
    unitId: string;
    grade: Grade;
    gradeSince: string;
    education: EducationLevel;
    /** TMT of the post; defaults to gradeSince. */
    positionSince?: string | null;
    superiorNip?: string | null;
  }
>;
export type RecordEducation = EmployeeCommandOf<
  'RecordEducation',
  {
    nip: string;
    level: EducationLevel;
    institution: string;
    graduatedOn: string;
    studyPermitNumber?: string | null;
    studyPermitDate?: string | null;
  }
>;
export type ChangePost = EmployeeCommandOf<
  'ChangePost',
  PostInput & { nip: string; unitId: string; superiorNip?: string | null; since: string; reason?: PostChangeReason | null }
>;
export type TransferEmployee = EmployeeCommandOf<'TransferEmployee', { nip: string; toAgency: string; since: string }>;
export type StateCreditPoints = EmployeeCommandOf<
  'StateCreditPoints',
  { nip: string; pakNumber: string; statedOn: string; points: number }
>;
export type RecordServiceExam = EmployeeCommandOf<
  'RecordServiceExam',
  { nip: string; level: 1 | 2; passedOn: string; certificateNo: string }
>;
export type ImposeSanction = EmployeeCommandOf<
  'ImposeSanction',
  {
    sanctionId: string;
    nip: string;
    level: SanctionLevel;
    type: SanctionType;
    reason: string;
    decreeNumber: string;
    decreeDate: string;
    from: string;
  }
>;
export type AnnulSanction = EmployeeCommandOf<
  'AnnulSanction',
  { nip: string; sanctionId: string; decreeNumber: string; decreeDate: string; reason: string }
>;
export type OpenExamination = EmployeeCommandOf<
  'OpenExamination',
  { examinationId: string; nip: string; openedOn: string; reason: string }
>;
export type CloseExamination = EmployeeCommandOf<
  'CloseExamination',
  { examinationId: string; nip: string; closedOn: string; outcome: string }
>;

export type EmployeeCommand =
  | RegisterEmployee
  | RecordEducation
  | ChangePost
  | TransferEmployee
  | StateCreditPoints
  | RecordServiceExam
  | ImposeSanction
  | AnnulSanction
  | OpenExamination
  | CloseExamination;

export const initialState = (): EmployeeState => ({ exists: false, nip: '' });

const educationRank = (level: EducationLevel | null): number => (level === null ? -1 : EDUCATION_LEVELS.indexOf(level));

function todayOf(command: { metadata: CommandMetadata; context?: EmployeeCommandContext }): string {
  return localDate(command.metadata.now, command.context?.timeZone ?? DEFAULT_TIME_ZONE);
}

/** A `YYYY-MM-DD` field, optionally not after today. */
function checkDate(check: InputCheck, value: unknown, field: string, today?: string, futureReason?: string): value is string {
  if (!check.require(isIsoDate(value), field, 'must be a date YYYY-MM-DD')) return false;
  if (today !== undefined) return check.require((value as string) <= today, field, `must not be after today (${today})`, futureReason);
  return true;
}

function checkNip(check: InputCheck, value: unknown): void {
  check.require(
    isValidNip(value),
    'nip',
    'must be a valid 18-digit NIP (birth date, appointment month, sex, sequence)',
    'EMPLOYEE.INVALID_NIP',
  );
}

function checkSuperior(check: InputCheck, superiorNip: unknown, nip: unknown): void {
  if (superiorNip === undefined || superiorNip === null) return;
  if (check.require(isValidNip(superiorNip), 'superiorNip', 'must be a valid 18-digit NIP', 'EMPLOYEE.INVALID_NIP')) {
    check.require(superiorNip !== nip, 'superiorNip', 'must not be the employee themself', 'EMPLOYEE.OWN_SUPERIOR');
  }
}

/** Checks a post's fields; eselon and jenjang must match the type (required where it has one, refused elsewhere). */
function checkPost(check: InputCheck, input: PostInput): void {
  check.text(input.positionTitle, 'positionTitle', TEXT_LIMITS.positionTitle);
  if (!check.oneOf(input.positionType, POSITION_TYPES, 'positionType')) return;
  const hasEselon = input.eselon !== undefined && input.eselon !== null;
  const hasJenjang = input.jenjang !== undefined && input.jenjang !== null;
  if (ESELON_POSITION_TYPES.includes(input.positionType)) {
    if (check.require(hasEselon, 'eselon', `is required for a ${input.positionType} post`, 'EMPLOYEE.POST_INCONSISTENT')) {
      check.oneOf(input.eselon, ESELONS, 'eselon');
    }
  } else {
    check.require(!hasEselon, 'eselon', `must not be given for a ${input.positionType} post`, 'EMPLOYEE.POST_INCONSISTENT');
  }
  if (input.positionType === 'FUNGSIONAL') {
    if (check.require(hasJenjang, 'jenjang', 'is required for a FUNGSIONAL post', 'EMPLOYEE.POST_INCONSISTENT')) {
      check.oneOf(input.jenjang, JENJANGS, 'jenjang');
    }
  } else {
    check.require(!hasJenjang, 'jenjang', `must not be given for a ${input.positionType} post`, 'EMPLOYEE.POST_INCONSISTENT');
  }
}

function checkUnit(check: InputCheck, unitId: unknown): void {
  if (check.text(unitId, 'unitId', TEXT_LIMITS.id)) {
    check.require(UNIT_ID_PATTERN.test(unitId), 'unitId', 'must be lowercase letters, digits and dashes (at most 64)');
  }
}

function postOf(input: PostInput, since: string): Post {
  return {
    type: input.positionType,
    title: input.positionTitle,
    eselon: ESELON_POSITION_TYPES.includes(input.positionType) ? (input.eselon ?? null) : null,
    jenjang: input.positionType === 'FUNGSIONAL' ? (input.jenjang ?? null) : null,
    since,
  };
}

/** A 400 that needs the record to tell (it comes after 404 and 409, see API.md §Errors). */
function refuseField(reason: string, field: string, message: string): never {
  new InputCheck(reason).fail(field, message).throwIfAny();
  throw new Error('unreachable');
}

/** The employee this agency may act on, or 404: unknown and "registered elsewhere" look the same. */
function ownEmployee(state: EmployeeState, nip: string, metadata: CommandMetadata): RegisteredEmployee {
  const employee = employeeInAgency(state, nip, metadata.agency);
  if (!employee) throw notFound('EMPLOYEE.NOT_FOUND', `Employee ${nip} not found`);
  return employee;
}

function register(command: RegisterEmployee, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const today = todayOf(command);
  const check = new InputCheck('EMPLOYEE.INVALID_INPUT');
  checkNip(check, data.nip);
  check.text(data.name, 'name', TEXT_LIMITS.name);
  checkUnit(check, data.unitId);
  check.oneOf(data.grade, GRADES, 'grade');
  checkDate(check, data.gradeSince, 'gradeSince', today, 'EMPLOYEE.GRADE_SINCE_IN_FUTURE');
  check.oneOf(data.education, EDUCATION_LEVELS, 'education');
  checkPost(check, data);
  const positionSince = data.positionSince ?? data.gradeSince;
  if (data.positionSince !== undefined && data.positionSince !== null) {
    checkDate(check, data.positionSince, 'positionSince', today, 'EMPLOYEE.POSITION_SINCE_IN_FUTURE');
  }
  checkSuperior(check, data.superiorNip, data.nip);
  check.throwIfAny();

  if (state.exists) {
    // The NIP is national, but another agency must not learn that it exists.
    if (state.agencyId !== metadata.agency) throw notFound('EMPLOYEE.NOT_FOUND', `Employee ${data.nip} not found`);
    throw conflict('EMPLOYEE.ALREADY_REGISTERED', `Employee ${data.nip} already registered`);
  }

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
        education: data.education,
        post: postOf(data, positionSince),
        superiorNip: data.superiorNip ?? null,
      },
    },
  ];
}

function recordEducation(command: RecordEducation, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const today = todayOf(command);
  const check = new InputCheck('EMPLOYEE.INVALID_EDUCATION');
  checkNip(check, data.nip);
  check.oneOf(data.level, EDUCATION_LEVELS, 'level');
  check.text(data.institution, 'institution', TEXT_LIMITS.institution);
  checkDate(check, data.graduatedOn, 'graduatedOn', today, 'EMPLOYEE.GRADUATED_IN_FUTURE');
  const permitNumber = data.studyPermitNumber ?? null;
  const permitDate = data.studyPermitDate ?? null;
  if (permitNumber !== null || permitDate !== null) {
    // A permit is its number and its date: half of one is no permit.
    if (check.text(permitNumber, 'studyPermitNumber', TEXT_LIMITS.decreeNumber) && checkDate(check, permitDate, 'studyPermitDate', today)) {
      if (isIsoDate(data.graduatedOn)) {
        check.require(
          (permitDate as string) <= data.graduatedOn,
          'studyPermitDate',
          'must not be after graduatedOn',
          'EMPLOYEE.STUDY_PERMIT_AFTER_GRADUATION',
        );
      }
    }
  }
  check.throwIfAny();
  ownEmployee(state, data.nip, metadata);
  return [
    {
      type: 'EducationRecorded',
      data: {
        nip: data.nip,
        level: data.level,
        institution: data.institution,
        graduatedOn: data.graduatedOn,
        studyPermit: permitNumber !== null ? { number: permitNumber, date: permitDate as string } : null,
      },
    },
  ];
}

function changePost(command: ChangePost, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('EMPLOYEE.INVALID_POST');
  checkNip(check, data.nip);
  checkUnit(check, data.unitId);
  checkPost(check, data);
  checkSuperior(check, data.superiorNip, data.nip);
  checkDate(check, data.since, 'since');
  if (data.reason !== undefined && data.reason !== null) check.oneOf(data.reason, POST_CHANGE_REASONS, 'reason');
  check.throwIfAny();
  const employee = ownEmployee(state, data.nip, metadata);
  if (data.since < employee.post.since) {
    refuseField('EMPLOYEE.POST_BEFORE_CURRENT', 'since', `must not be before the current post's TMT (${employee.post.since})`);
  }
  return [
    {
      type: 'PostChanged',
      data: {
        nip: data.nip,
        unitId: data.unitId,
        post: postOf(data, data.since),
        superiorNip: data.superiorNip ?? null,
        since: data.since,
        reason: data.reason ?? 'OTHER',
      },
    },
  ];
}

function transfer(command: TransferEmployee, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const check = new InputCheck('EMPLOYEE.INVALID_TRANSFER');
  checkNip(check, data.nip);
  if (check.text(data.toAgency, 'toAgency', TEXT_LIMITS.id)) {
    check.require(AGENCY_ID_PATTERN.test(data.toAgency), 'toAgency', 'must be an agency id (lowercase letters, digits and dashes)');
  }
  checkDate(check, data.since, 'since');
  check.throwIfAny();
  const employee = ownEmployee(state, data.nip, metadata);
  if (data.toAgency === employee.agencyId) {
    refuseField('EMPLOYEE.TRANSFER_TO_SAME_AGENCY', 'toAgency', 'must be another agency than the current one');
  }
  return [
    { type: 'EmployeeTransferred', data: { nip: data.nip, fromAgency: employee.agencyId, toAgency: data.toAgency, since: data.since } },
  ];
}

function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

function stateCreditPoints(command: StateCreditPoints, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const today = todayOf(command);
  const check = new InputCheck('EMPLOYEE.INVALID_CREDIT_POINTS');
  checkNip(check, data.nip);
  check.text(data.pakNumber, 'pakNumber', TEXT_LIMITS.decreeNumber);
  checkDate(check, data.statedOn, 'statedOn', today, 'EMPLOYEE.PAK_IN_FUTURE');
  const { maxCreditPoints, creditPointDecimals } = NUMBER_LIMITS;
  check.require(
    typeof data.points === 'number' &&
      Number.isFinite(data.points) &&
      data.points >= 0 &&
      data.points <= maxCreditPoints &&
      hasAtMostDecimals(data.points, creditPointDecimals),
    'points',
    `must be a number from 0 to ${maxCreditPoints} with at most ${creditPointDecimals} decimals`,
  );
  check.throwIfAny();
  const employee = ownEmployee(state, data.nip, metadata);
  const pak = data.pakNumber.trim();
  if (employee.creditPointStatements.some((s) => s.pakNumber.trim().toUpperCase() === pak.toUpperCase())) {
    throw conflict('EMPLOYEE.PAK_ALREADY_RECORDED', `PAK ${pak} is already recorded`);
  }
  return [{ type: 'CreditPointsStated', data: { nip: data.nip, pakNumber: data.pakNumber, statedOn: data.statedOn, points: data.points } }];
}

function recordServiceExam(command: RecordServiceExam, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const today = todayOf(command);
  const check = new InputCheck('EMPLOYEE.INVALID_SERVICE_EXAM');
  checkNip(check, data.nip);
  check.require(data.level === 1 || data.level === 2, 'level', 'must be 1 or 2');
  checkDate(check, data.passedOn, 'passedOn', today, 'EMPLOYEE.EXAM_IN_FUTURE');
  check.text(data.certificateNo, 'certificateNo', TEXT_LIMITS.certificateNo);
  check.throwIfAny();
  const employee = ownEmployee(state, data.nip, metadata);
  const certificate = data.certificateNo.trim().toUpperCase();
  if (employee.serviceExams.some((e) => e.certificateNo.trim().toUpperCase() === certificate)) {
    throw conflict('EMPLOYEE.SERVICE_EXAM_ALREADY_RECORDED', `Certificate ${data.certificateNo} is already recorded`);
  }
  return [
    { type: 'ServiceExamPassed', data: { nip: data.nip, level: data.level, passedOn: data.passedOn, certificateNo: data.certificateNo } },
  ];
}

function imposeSanction(command: ImposeSanction, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const today = todayOf(command);
  const check = new InputCheck('EMPLOYEE.INVALID_SANCTION');
  check.text(data.sanctionId, 'sanctionId', TEXT_LIMITS.id);
  checkNip(check, data.nip);
  const levelOk = check.oneOf(data.level, SANCTION_LEVELS, 'level');
  if (check.oneOf(data.type, SANCTION_TYPES, 'type') && levelOk) {
    check.require(
      SANCTION_TYPES_BY_LEVEL[data.level].includes(data.type),
      'type',
      `must be one of ${SANCTION_TYPES_BY_LEVEL[data.level].join(', ')} for a ${data.level} sanction`,
      'EMPLOYEE.SANCTION_TYPE_NOT_OF_LEVEL',
    );
  }
  check.text(data.reason, 'reason', TEXT_LIMITS.sanctionReason);
  check.text(data.decreeNumber, 'decreeNumber', TEXT_LIMITS.decreeNumber);
  const decreeOk = checkDate(check, data.decreeDate, 'decreeDate', today, 'EMPLOYEE.DECREE_IN_FUTURE');
  if (checkDate(check, data.from, 'from') && decreeOk) {
    check.require(data.from >= data.decreeDate, 'from', 'must not be before decreeDate', 'EMPLOYEE.SANCTION_BEFORE_DECREE');
  }
  check.throwIfAny();

  const employee = ownEmployee(state, data.nip, metadata);
  if (employee.sanctions.some((s) => s.sanctionId === data.sanctionId)) {
    throw conflict('EMPLOYEE.SANCTION_ALREADY_RECORDED', `Sanction ${data.sanctionId} is already recorded`);
  }
  return [
    {
      type: 'DisciplinarySanctionImposed',
      data: {
        sanctionId: data.sanctionId,
        nip: data.nip,
        level: data.level,
        type: data.type,
        reason: data.reason,
        decreeNumber: data.decreeNumber,
        decreeDate: data.decreeDate,
        from: data.from,
        until: sanctionUntil(data.type, data.from),
      },
    },
  ];
}

function annulSanction(command: AnnulSanction, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const today = todayOf(command);
  const check = new InputCheck('EMPLOYEE.INVALID_ANNULMENT');
  checkNip(check, data.nip);
  check.text(data.sanctionId, 'sanctionId', TEXT_LIMITS.id);
  check.text(data.decreeNumber, 'decreeNumber', TEXT_LIMITS.decreeNumber);
  checkDate(check, data.decreeDate, 'decreeDate', today, 'EMPLOYEE.DECREE_IN_FUTURE');
  check.text(data.reason, 'reason', TEXT_LIMITS.reason);
  check.throwIfAny();
  const employee = ownEmployee(state, data.nip, metadata);
  const sanction = employee.sanctions.find((s) => s.sanctionId === data.sanctionId);
  if (!sanction) throw notFound('EMPLOYEE.SANCTION_NOT_FOUND', `Sanction ${data.sanctionId} not found`);
  if (sanction.annulment) throw conflict('EMPLOYEE.SANCTION_ALREADY_ANNULLED', `Sanction ${data.sanctionId} is already annulled`);
  return [
    {
      type: 'SanctionAnnulled',
      data: {
        sanctionId: data.sanctionId,
        nip: data.nip,
        decreeNumber: data.decreeNumber,
        decreeDate: data.decreeDate,
        reason: data.reason,
      },
    },
  ];
}

function openExamination(command: OpenExamination, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const today = todayOf(command);
  const check = new InputCheck('EMPLOYEE.INVALID_EXAMINATION');
  check.text(data.examinationId, 'examinationId', TEXT_LIMITS.id);
  checkNip(check, data.nip);
  checkDate(check, data.openedOn, 'openedOn', today, 'EMPLOYEE.EXAMINATION_IN_FUTURE');
  check.text(data.reason, 'reason', TEXT_LIMITS.reason);
  check.throwIfAny();
  const employee = ownEmployee(state, data.nip, metadata);
  if (employee.examinations.some((e) => e.examinationId === data.examinationId)) {
    throw conflict('EMPLOYEE.EXAMINATION_ALREADY_RECORDED', `Examination ${data.examinationId} is already recorded`);
  }
  return [
    {
      type: 'DisciplinaryExaminationOpened',
      data: { examinationId: data.examinationId, nip: data.nip, openedOn: data.openedOn, reason: data.reason },
    },
  ];
}

function closeExamination(command: CloseExamination, state: EmployeeState): EmployeeEvent[] {
  const { data, metadata } = command;
  const today = todayOf(command);
  const check = new InputCheck('EMPLOYEE.INVALID_EXAMINATION');
  check.text(data.examinationId, 'examinationId', TEXT_LIMITS.id);
  checkNip(check, data.nip);
  checkDate(check, data.closedOn, 'closedOn', today, 'EMPLOYEE.EXAMINATION_IN_FUTURE');
  check.text(data.outcome, 'outcome', TEXT_LIMITS.reason);
  check.throwIfAny();
  const employee = ownEmployee(state, data.nip, metadata);
  const examination = employee.examinations.find((e) => e.examinationId === data.examinationId);
  if (!examination) throw notFound('EMPLOYEE.EXAMINATION_NOT_FOUND', `Examination ${data.examinationId} not found`);
  if (examination.closedOn !== null) throw conflict('EMPLOYEE.EXAMINATION_CLOSED', `Examination ${data.examinationId} is already closed`);
  if (data.closedOn < examination.openedOn) {
    refuseField(
      'EMPLOYEE.EXAMINATION_CLOSED_BEFORE_OPENED',
      'closedOn',
      `must not be before the examination was opened (${examination.openedOn})`,
    );
  }
  return [
    {
      type: 'DisciplinaryExaminationClosed',
      data: { examinationId: data.examinationId, nip: data.nip, closedOn: data.closedOn, outcome: data.outcome },
    },
  ];
}

export function decide(command: EmployeeCommand, state: EmployeeState): EmployeeEvent[] {
  checkMetadata(command.metadata);
  switch (command.type) {
    case 'RegisterEmployee':
      return register(command, state);
    case 'RecordEducation':
      return recordEducation(command, state);
    case 'ChangePost':
      return changePost(command, state);
    case 'TransferEmployee':
      return transfer(command, state);
    case 'StateCreditPoints':
      return stateCreditPoints(command, state);
    case 'RecordServiceExam':
      return recordServiceExam(command, state);
    case 'ImposeSanction':
      return imposeSanction(command, state);
    case 'AnnulSanction':
      return annulSanction(command, state);
    case 'OpenExamination':
      return openExamination(command, state);
    case 'CloseExamination':
      return closeExamination(command, state);
    default: {
      const unexpected: never = command;
      throw new Error(`Unknown employee command ${JSON.stringify(unexpected)}`);
    }
  }
}

function registered(event: Extract<EmployeeEvent, { type: 'EmployeeRegistered' }>): RegisteredEmployee {
  const d = event.data;
  const record: EmployeeRecord = {
    nip: d.nip,
    name: d.name,
    agencyId: d.agencyId,
    unitId: d.unitId,
    grade: d.grade,
    gradeSince: d.gradeSince,
    education: d.education,
    educationHistory: d.education === null ? [] : [{ level: d.education, institution: null, graduatedOn: null, studyPermit: null }],
    post: d.post,
    superiorNip: d.superiorNip,
    postHistory: [{ unitId: d.unitId, post: d.post, superiorNip: d.superiorNip, since: d.post.since, reason: 'REGISTRATION' }],
    transfers: [],
    creditPointStatements: [],
    serviceExams: [],
    sanctions: [],
    examinations: [],
  };
  return { exists: true, ...record };
}

export function evolve(state: EmployeeState, event: EmployeeEvent): EmployeeState {
  if (event.type === 'EmployeeRegistered') return registered(event);
  // Facts of a stream never registered cannot happen; ignore rather than invent a record.
  if (!state.exists) return state;
  switch (event.type) {
    case 'EducationRecorded': {
      const { level, institution, graduatedOn, studyPermit } = event.data;
      return {
        ...state,
        education: educationRank(level) > educationRank(state.education) ? level : state.education,
        educationHistory: [...state.educationHistory, { level, institution, graduatedOn, studyPermit }],
      };
    }
    case 'PostChanged': {
      const { unitId, post, superiorNip, since, reason } = event.data;
      const record: PostRecord = { unitId, post, superiorNip, since, reason };
      return { ...state, unitId, post, superiorNip, postHistory: [...state.postHistory, record] };
    }
    case 'EmployeeTransferred': {
      const { fromAgency, toAgency, since } = event.data;
      return { ...state, agencyId: toAgency, transfers: [...state.transfers, { fromAgency, toAgency, since }] };
    }
    case 'CreditPointsStated': {
      const { pakNumber, statedOn, points } = event.data;
      return { ...state, creditPointStatements: [...state.creditPointStatements, { pakNumber, statedOn, points }] };
    }
    case 'ServiceExamPassed': {
      const { level, passedOn, certificateNo } = event.data;
      return { ...state, serviceExams: [...state.serviceExams, { level, passedOn, certificateNo }] };
    }
    case 'DisciplinarySanctionImposed': {
      const { sanctionId, level, type, reason, decreeNumber, decreeDate, from, until } = event.data;
      const record: SanctionRecord = { sanctionId, level, type, reason, decreeNumber, decreeDate, from, until, annulment: null };
      return { ...state, sanctions: [...state.sanctions, record] };
    }
    case 'SanctionAnnulled': {
      const { sanctionId, decreeNumber, decreeDate, reason } = event.data;
      return {
        ...state,
        sanctions: state.sanctions.map((s) =>
          s.sanctionId === sanctionId ? { ...s, annulment: { decreeNumber, decreeDate, reason } } : s,
        ),
      };
    }
    case 'DisciplinaryExaminationOpened': {
      const { examinationId, openedOn, reason } = event.data;
      return { ...state, examinations: [...state.examinations, { examinationId, openedOn, reason, closedOn: null, outcome: null }] };
    }
    case 'DisciplinaryExaminationClosed': {
      const { examinationId, closedOn, outcome } = event.data;
      return {
        ...state,
        examinations: state.examinations.map((e) => (e.examinationId === examinationId ? { ...e, closedOn, outcome } : e)),
      };
    }
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

export const employeeDecider: Decider<EmployeeCommand, EmployeeState, EmployeeEvent> = { decide, evolve, initialState };
