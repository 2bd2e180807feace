import { NUMBER_LIMITS, TEXT_LIMITS } from '../limits.js';
import { DEFAULT_TIME_ZONE } from '../agency.js';
import { isIsoDate, localDate } from '../dates.js';
import { checkMetadata, type Command, type Decider } from '../decider.js';
import { conflict, notFound } from '../errors.js';
import type { CompetencyKind, DeliveryMode, TrainingCompleted } from '../events.js';
import { employeeInAgency } from '../employee/employee.queries.js';
import type { EmployeeState } from '../employee/employee.state.js';
import { isValidNip } from '../nip.js';
import { DELIVERY_MODES } from '../upcasters.js';
import { InputCheck } from '../validation.js';

export const COMPETENCY_KINDS: readonly CompetencyKind[] = ['TECHNICAL', 'MANAGERIAL', 'SOCIOCULTURAL'];
export const MIN_TRAINING_HOURS = NUMBER_LIMITS.minTrainingHours;
export const MAX_TRAINING_HOURS = NUMBER_LIMITS.maxTrainingHours;

export type TrainingState = { exists: false } | ({ exists: true } & TrainingCompleted['data']);

/** `deliveryMode` is optional on the way in (the v1 contract holds); an omitted one is recorded as UNKNOWN. */
export type RecordTraining = Command<
  'RecordTraining',
  Omit<TrainingCompleted['data'], 'unitId' | 'deliveryMode'> & { deliveryMode?: DeliveryMode | null }
> & {
  context: {
    /** The employee's stream state. */
    employee: EmployeeState;
    /** The agency's zone, for "today" (default Asia/Jakarta). */
    timeZone?: string;
    /** Certificate numbers already recorded for this employee, when the caller knows them. */
    recordedCertificates?: readonly string[];
  };
};

export type TrainingCommand = RecordTraining;
export type TrainingEvent = TrainingCompleted;

export const initialState = (): TrainingState => ({ exists: false });

function record(command: RecordTraining, state: TrainingState): TrainingEvent[] {
  const { data, metadata, context } = command;
  const today = localDate(metadata.now, context.timeZone ?? DEFAULT_TIME_ZONE);
  const check = new InputCheck('TRAINING.INVALID_INPUT');
  check.text(data.trainingId, 'trainingId', TEXT_LIMITS.id);
  check.require(isValidNip(data.nip), 'nip', 'must be a valid 18-digit NIP', 'TRAINING.INVALID_NIP');
  check.text(data.title, 'title', TEXT_LIMITS.trainingTitle);
  check.require(
    Number.isInteger(data.hours) && data.hours >= MIN_TRAINING_HOURS && data.hours <= MAX_TRAINING_HOURS,
    'hours',
    `must be a whole number of JP from ${MIN_TRAINING_HOURS} to ${MAX_TRAINING_HOURS}`,
    'TRAINING.INVALID_HOURS',
  );
  check.oneOf(data.kind, COMPETENCY_KINDS, 'kind');
  check.text(data.provider, 'provider', TEXT_LIMITS.trainingProvider);
  if (check.require(isIsoDate(data.completedOn), 'completedOn', 'must be a date YYYY-MM-DD')) {
    check.require(data.completedOn <= today, 'completedOn', `must not be after today (${today})`, 'TRAINING.COMPLETED_IN_FUTURE');
  }
  check.text(data.certificateNo, 'certificateNo', TEXT_LIMITS.certificateNo);
  if (data.deliveryMode !== undefined && data.deliveryMode !== null) check.oneOf(data.deliveryMode, DELIVERY_MODES, 'deliveryMode');
  check.throwIfAny();

  const employee = employeeInAgency(context.employee, data.nip, metadata.agency);
  if (!employee) throw notFound('TRAINING.EMPLOYEE_NOT_FOUND', `Employee ${data.nip} not found`);
  if (state.exists) throw conflict('TRAINING.ALREADY_RECORDED', `Training ${data.trainingId} was already recorded`);
  if (context.recordedCertificates?.includes(data.certificateNo)) {
    throw conflict(
      'TRAINING.CERTIFICATE_ALREADY_RECORDED',
      `Certificate ${data.certificateNo} is already recorded for employee ${data.nip}`,
    );
  }

  return [
    {
      type: 'TrainingCompleted',
      data: {
        trainingId: data.trainingId,
        nip: data.nip,
        unitId: employee.unitId,
        title: data.title,
        hours: data.hours,
        kind: data.kind,
        provider: data.provider,
        completedOn: data.completedOn,
        certificateNo: data.certificateNo,
        deliveryMode: data.deliveryMode ?? 'UNKNOWN',
      },
    },
  ];
}

export function decide(command: TrainingCommand, state: TrainingState): TrainingEvent[] {
  checkMetadata(command.metadata);
  switch (command.type) {
    case 'RecordTraining':
      return record(command, state);
    default: {
      const unexpected: never = command.type;
      throw new Error(`Unknown training command ${String(unexpected)}`);
    }
  }
}

export function evolve(_state: TrainingState, event: TrainingEvent): TrainingState {
  switch (event.type) {
    case 'TrainingCompleted':
      return { exists: true, ...event.data };
    default: {
      const unexpected: never = event.type;
      return unexpected;
    }
  }
}

export const trainingDecider: Decider<TrainingCommand, TrainingState, TrainingEvent> = { decide, evolve, initialState };
