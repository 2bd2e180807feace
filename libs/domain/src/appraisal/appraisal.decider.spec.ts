import { describe, expect, test } from '@jest/globals';
import { DeciderSpec } from '../../../testing/src/decider-spec.js';
import { employeeDecider } from '../employee/employee.decider.js';
import type { EmployeeState } from '../employee/employee.state.js';
import type { AppraisalSubmitted, EmployeeRegistered } from '../events.js';
import { appraisalDecider, type SubmitAppraisal } from './appraisal.decider.js';

const EVALUATOR = '197511202000031003';
const NIP = '198507122010011001';
const metadata = { actor: EVALUATOR, roles: ['evaluator' as const], agency: 'pemkot-langsa', now: '2026-03-02T03:00:00.000Z' };
const spec = DeciderSpec.for(appraisalDecider);

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
const employee: EmployeeState = employeeDecider.evolve(employeeDecider.initialState(), registered);

const submit = (data: Partial<SubmitAppraisal['data']> = {}, extra: Partial<SubmitAppraisal> = {}): SubmitAppraisal => ({
  type: 'SubmitAppraisal',
  data: {
    appraisalId: 'appraisal-1',
    nip: NIP,
    period: 2025,
    results: 'ABOVE',
    behaviour: 'AS_EXPECTED',
    notes: 'Led the immunisation drive',
    ...data,
  },
  metadata,
  context: { employee },
  ...extra,
});

const submitted: AppraisalSubmitted = {
  type: 'AppraisalSubmitted',
  data: {
    appraisalId: 'appraisal-1',
    nip: NIP,
    unitId: 'dinas-kesehatan',
    period: 2025,
    results: 'ABOVE',
    behaviour: 'AS_EXPECTED',
    predicate: 'BAIK',
    notes: 'Led the immunisation drive',
    appraiser: EVALUATOR,
  },
};

describe('SubmitAppraisal', () => {
  test('records the appraisal with the derived predicate, the unit and the appraiser from the token', () => {
    spec.when(submit()).then([submitted]);
  });

  test('notes are optional', () => {
    spec.when(submit({ notes: undefined })).thenEvents(([event]) => expect(event.data.notes).toBeNull());
  });

  test('the predicate follows the table, whatever the client might think', () => {
    spec.when(submit({ results: 'BELOW', behaviour: 'BELOW' })).thenEvents(([event]) => expect(event.data.predicate).toBe('SANGAT_KURANG'));
    spec.when(submit({ results: 'ABOVE', behaviour: 'ABOVE' })).thenEvents(([event]) => expect(event.data.predicate).toBe('SANGAT_BAIK'));
  });

  test('evolve keeps the appraisal', () => {
    spec.when(submit()).thenState((state) => expect(state).toEqual({ exists: true, ...submitted.data }));
  });

  test('the appraiser may not appraise themselves: SOD_VIOLATION', () => {
    spec
      .when(submit({}, { metadata: { ...metadata, actor: NIP } }))
      .thenThrows({ code: 'SOD_VIOLATION', reason: 'APPRAISAL.SELF_APPRAISAL', message: 'The appraiser may not appraise themselves' });
  });

  test('an unregistered employee is NOT_FOUND', () => {
    spec
      .when(submit({}, { context: { employee: employeeDecider.initialState() } }))
      .thenThrows('NOT_FOUND', 'APPRAISAL.EMPLOYEE_NOT_FOUND');
  });

  test('an employee of another agency is NOT_FOUND', () => {
    spec.when(submit({}, { metadata: { ...metadata, agency: 'pemkot-medan' } })).thenThrows('NOT_FOUND');
  });

  test('an appraisal id already used is a CONFLICT', () => {
    spec.given([submitted]).when(submit()).thenThrows('CONFLICT', 'APPRAISAL.ALREADY_SUBMITTED');
  });

  test('a period already appraised is a CONFLICT, not an overwrite', () => {
    spec
      .when(submit({}, { context: { employee, appraisedPeriods: [2024, 2025] } }))
      .thenThrows('CONFLICT', 'APPRAISAL.PERIOD_ALREADY_APPRAISED');
  });

  test.each([
    ['a period before 2000', { period: 1999 }, 'period'],
    ['a period in the future', { period: 2027 }, 'period'],
    ['a fractional period', { period: 2024.5 }, 'period'],
    ['an unknown rating', { results: 'EXCELLENT' as never }, 'results'],
    ['an unknown behaviour rating', { behaviour: undefined as never }, 'behaviour'],
    ['an invalid NIP', { nip: '12345' }, 'nip'],
  ])('refuses %s with VALIDATION_FAILED', (_label, data, field) => {
    const error = spec.when(submit(data)).thenThrows('VALIDATION_FAILED');
    expect(error.details).toEqual([expect.objectContaining({ field })]);
  });

  test('periods 2000 and the current year are accepted', () => {
    spec.when(submit({ period: 2000 })).thenEvents((events) => expect(events).toHaveLength(1));
    spec.when(submit({ period: 2026 })).thenEvents((events) => expect(events).toHaveLength(1));
  });
});
