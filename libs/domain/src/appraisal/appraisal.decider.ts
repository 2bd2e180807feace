import { NUMBER_LIMITS, TEXT_LIMITS } from '../limits.js';
import { DEFAULT_TIME_ZONE } from '../agency.js';
import { predicateFor, RATINGS } from '../appraisal.js';
import { localDate, yearOf } from '../dates.js';
import { checkMetadata, type Command, type Decider } from '../decider.js';
import { conflict, notFound, sodViolation } from '../errors.js';
import type { AppraisalSubmitted, Rating } from '../events.js';
import { employeeInAgency } from '../employee/employee.queries.js';
import type { EmployeeState } from '../employee/employee.state.js';
import { isValidNip } from '../nip.js';
import { InputCheck } from '../validation.js';

export const FIRST_APPRAISAL_PERIOD = NUMBER_LIMITS.firstYear;

export type AppraisalState = { exists: false } | ({ exists: true } & AppraisalSubmitted['data']);

export type SubmitAppraisal = Command<
  'SubmitAppraisal',
  { appraisalId: string; nip: string; period: number; results: Rating; behaviour: Rating; notes?: string | null }
> & {
  context: {
    /** The appraised employee's stream state. */
    employee: EmployeeState;
    /** The agency's zone, for "the current year" (default Asia/Jakarta). */
    timeZone?: string;
    /** Periods already appraised for this employee, when the caller knows them (one appraisal per period). */
    appraisedPeriods?: readonly number[];
  };
};

export type AppraisalCommand = SubmitAppraisal;
export type AppraisalEvent = AppraisalSubmitted;

export const initialState = (): AppraisalState => ({ exists: false });

function submit(command: SubmitAppraisal, state: AppraisalState): AppraisalEvent[] {
  const { data, metadata, context } = command;
  const currentYear = yearOf(localDate(metadata.now, context.timeZone ?? DEFAULT_TIME_ZONE));
  const check = new InputCheck('APPRAISAL.INVALID_INPUT');
  check.text(data.appraisalId, 'appraisalId', TEXT_LIMITS.id);
  check.require(isValidNip(data.nip), 'nip', 'must be a valid 18-digit NIP', 'APPRAISAL.INVALID_NIP');
  check.require(
    Number.isInteger(data.period) && data.period >= FIRST_APPRAISAL_PERIOD && data.period <= currentYear,
    'period',
    `must be a year from ${FIRST_APPRAISAL_PERIOD} to ${currentYear}`,
    'APPRAISAL.INVALID_PERIOD',
  );
  check.oneOf(data.results, RATINGS, 'results');
  check.oneOf(data.behaviour, RATINGS, 'behaviour');
  check.optionalText(data.notes, 'notes', TEXT_LIMITS.notes);
  check.throwIfAny();

  const employee = employeeInAgency(context.employee, data.nip, metadata.agency);
  if (!employee) throw notFound('APPRAISAL.EMPLOYEE_NOT_FOUND', `Employee ${data.nip} not found`);
  if (state.exists) throw conflict('APPRAISAL.ALREADY_SUBMITTED', `Appraisal ${data.appraisalId} was already submitted`);
  if (context.appraisedPeriods?.includes(data.period)) {
    throw conflict('APPRAISAL.PERIOD_ALREADY_APPRAISED', `Employee ${data.nip} already has an appraisal for ${data.period}`);
  }
  if (metadata.actor === data.nip) {
    throw sodViolation('APPRAISAL.SELF_APPRAISAL', 'The appraiser may not appraise themselves');
  }

  return [
    {
      type: 'AppraisalSubmitted',
      data: {
        appraisalId: data.appraisalId,
        nip: data.nip,
        unitId: employee.unitId,
        period: data.period,
        results: data.results,
        behaviour: data.behaviour,
        predicate: predicateFor(data.results, data.behaviour),
        notes: data.notes ?? null,
        appraiser: metadata.actor,
      },
    },
  ];
}

export function decide(command: AppraisalCommand, state: AppraisalState): AppraisalEvent[] {
  checkMetadata(command.metadata);
  switch (command.type) {
    case 'SubmitAppraisal':
      return submit(command, state);
    default: {
      const unexpected: never = command.type;
      throw new Error(`Unknown appraisal command ${String(unexpected)}`);
    }
  }
}

export function evolve(_state: AppraisalState, event: AppraisalEvent): AppraisalState {
  switch (event.type) {
    case 'AppraisalSubmitted':
      return { exists: true, ...event.data };
    default: {
      const unexpected: never = event.type;
      return unexpected;
    }
  }
}

export const appraisalDecider: Decider<AppraisalCommand, AppraisalState, AppraisalEvent> = { decide, evolve, initialState };
