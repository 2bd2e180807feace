import { describe, expect, test } from '@jest/globals';
import { DeciderSpec } from '../../../testing/src/decider-spec.js';
import { employeeDecider } from '../employee/employee.decider.js';
import type { EmployeeRegistered, TrainingCompleted } from '../events.js';
import { trainingDecider, type RecordTraining } from './training.decider.js';

const HR = '197803152005012002';
const NIP = '198507122010011001';
const metadata = { actor: HR, roles: ['hr' as const], agency: 'pemkot-langsa', now: '2026-03-02T03:00:00.000Z' };
const spec = DeciderSpec.for(trainingDecider);

const registered: EmployeeRegistered = {
  type: 'EmployeeRegistered',
  data: {
    nip: NIP,
    name: 'Cut Nyak Meutia',
    agencyId: 'pemkot-langsa',
    unitId: 'dinas-kesehatan',
    grade: 'III/b',
    gradeSince: '2021-01-01',
    education: 'S1',
    post: { type: 'FUNGSIONAL', title: 'Analis Kebijakan', eselon: null, jenjang: 'AHLI_PERTAMA', since: '2021-01-01' },
    superiorNip: null,
  },
};
const employee = employeeDecider.evolve(employeeDecider.initialState(), registered);

const record = (data: Partial<RecordTraining['data']> = {}, extra: Partial<RecordTraining> = {}): RecordTraining => ({
  type: 'RecordTraining',
  data: {
    trainingId: 'training-1',
    nip: NIP,
    title: 'Pelatihan Analis Kebijakan',
    hours: 24,
    kind: 'TECHNICAL',
    provider: 'BPSDM Provinsi Aceh',
    completedOn: '2026-02-20',
    certificateNo: 'BPSDM-2026-0042',
    ...data,
  },
  metadata,
  context: { employee },
  ...extra,
});

const completed: TrainingCompleted = {
  type: 'TrainingCompleted',
  data: {
    trainingId: 'training-1',
    nip: NIP,
    unitId: 'dinas-kesehatan',
    title: 'Pelatihan Analis Kebijakan',
    hours: 24,
    kind: 'TECHNICAL',
    provider: 'BPSDM Provinsi Aceh',
    completedOn: '2026-02-20',
    certificateNo: 'BPSDM-2026-0042',
    deliveryMode: 'UNKNOWN',
  },
};

describe('RecordTraining', () => {
  test('records the training with the employee’s unit', () => {
    spec.when(record()).then([completed]);
  });

  test('records the delivery mode when given (schema v2)', () => {
    spec.when(record({ deliveryMode: 'BLENDED' })).then([{ ...completed, data: { ...completed.data, deliveryMode: 'BLENDED' } }]);
  });

  test('evolve keeps the record', () => {
    spec.when(record()).thenState((state) => expect(state).toEqual({ exists: true, ...completed.data }));
  });

  test('1 and 200 JP are the bounds', () => {
    spec.when(record({ hours: 1 })).thenEvents((events) => expect(events).toHaveLength(1));
    spec.when(record({ hours: 200 })).thenEvents((events) => expect(events).toHaveLength(1));
  });

  test('completed today (agency zone) is accepted', () => {
    spec.when(record({ completedOn: '2026-03-02' })).thenEvents((events) => expect(events).toHaveLength(1));
  });

  test.each([
    ['0 JP', { hours: 0 }, 'hours', 'TRAINING.INVALID_HOURS'],
    ['201 JP', { hours: 201 }, 'hours', 'TRAINING.INVALID_HOURS'],
    ['fractional JP', { hours: 2.5 }, 'hours', 'TRAINING.INVALID_HOURS'],
    ['a completion date tomorrow', { completedOn: '2026-03-03' }, 'completedOn', 'TRAINING.COMPLETED_IN_FUTURE'],
    ['an impossible date', { completedOn: '2026-02-29' }, 'completedOn', 'TRAINING.INVALID_INPUT'],
    ['an unknown kind', { kind: 'SPIRITUAL' as never }, 'kind', 'TRAINING.INVALID_INPUT'],
    ['a blank certificate number', { certificateNo: '' }, 'certificateNo', 'TRAINING.INVALID_INPUT'],
    ['a blank title', { title: ' ' }, 'title', 'TRAINING.INVALID_INPUT'],
    ['an unknown delivery mode', { deliveryMode: 'CARRIER_PIGEON' as never }, 'deliveryMode', 'TRAINING.INVALID_INPUT'],
  ])('refuses %s with VALIDATION_FAILED', (_label, data, field, reason) => {
    const error = spec.when(record(data)).thenThrows('VALIDATION_FAILED', reason);
    expect(error.details).toEqual([expect.objectContaining({ field })]);
  });

  test('an unregistered employee is NOT_FOUND', () => {
    spec.when(record({}, { context: { employee: employeeDecider.initialState() } })).thenThrows('NOT_FOUND', 'TRAINING.EMPLOYEE_NOT_FOUND');
  });

  test('an employee of another agency is NOT_FOUND', () => {
    spec.when(record({}, { metadata: { ...metadata, agency: 'pemkot-semarang' } })).thenThrows('NOT_FOUND');
  });

  test('a training id already used is a CONFLICT', () => {
    spec.given([completed]).when(record()).thenThrows('CONFLICT', 'TRAINING.ALREADY_RECORDED');
  });

  test('the same certificate for the same employee is a CONFLICT', () => {
    spec
      .when(record({ trainingId: 'training-2' }, { context: { employee, recordedCertificates: ['BPSDM-2026-0042'] } }))
      .thenThrows('CONFLICT', 'TRAINING.CERTIFICATE_ALREADY_RECORDED');
  });
});
