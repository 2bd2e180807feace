import { describe, expect, test } from '@jest/globals';
import { DeciderSpec } from '../../../testing/src/decider-spec.js';
import type { DisciplinarySanctionImposed, EmployeeRegistered } from '../events.js';
import {
  applyApprovedPromotion,
  employeeDecider,
  gradeInForce,
  type ImposeSanction,
  type RegisterEmployee,
  type RegisteredEmployee,
} from './employee.decider.js';

const HR = '197803152005012002';
const NIP = '198507122010011001';
const NOW = '2026-03-02T03:00:00.000Z'; // Monday 10:00 WIB
const metadata = { actor: HR, roles: ['hr' as const], agency: 'pemkot-langsa', now: NOW };
const spec = DeciderSpec.for(employeeDecider);

const register = (data: Partial<RegisterEmployee['data']> = {}, extra: Partial<RegisterEmployee> = {}): RegisterEmployee => ({
  type: 'RegisterEmployee',
  data: {
    nip: NIP,
    name: 'Cut Nyak Meutia',
    unitId: 'dinas-kesehatan',
    grade: 'III/b',
    gradeSince: '2021-01-01',
    positionTitle: 'Analis Kebijakan',
    positionType: 'FUNGSIONAL',
    ...data,
  },
  metadata,
  ...extra,
});

const registered: EmployeeRegistered = {
  type: 'EmployeeRegistered',
  data: {
    nip: NIP,
    name: 'Cut Nyak Meutia',
    agencyId: 'pemkot-langsa',
    unitId: 'dinas-kesehatan',
    grade: 'III/b',
    gradeSince: '2021-01-01',
    positionTitle: 'Analis Kebijakan',
    positionType: 'FUNGSIONAL',
  },
};

const sanction = (data: Partial<ImposeSanction['data']> = {}, meta = metadata): ImposeSanction => ({
  type: 'ImposeSanction',
  data: {
    sanctionId: 'sanction-1',
    nip: NIP,
    level: 'MODERATE',
    reason: 'Absent without leave',
    from: '2026-01-01',
    until: '2026-12-31',
    ...data,
  },
  metadata: meta,
});

const imposed: DisciplinarySanctionImposed = {
  type: 'DisciplinarySanctionImposed',
  data: { sanctionId: 'sanction-1', nip: NIP, level: 'MODERATE', reason: 'Absent without leave', from: '2026-01-01', until: '2026-12-31' },
};

describe('RegisterEmployee', () => {
  test('registers the employee in the actor’s agency', () => {
    spec.when(register()).then([registered]);
  });

  test('evolve builds the registered state', () => {
    spec.when(register()).thenState((state) => {
      expect(state).toEqual({ exists: true, ...registered.data, sanctions: [] });
    });
  });

  test('a second registration is a CONFLICT', () => {
    spec
      .given([registered])
      .when(register())
      .thenThrows({ code: 'CONFLICT', reason: 'EMPLOYEE.ALREADY_REGISTERED', message: /already registered/ });
  });

  test('a second registration from another agency is a CONFLICT too (the NIP is national)', () => {
    spec
      .given([registered])
      .when(register({}, { metadata: { ...metadata, agency: 'pemkot-medan' } }))
      .thenThrows('CONFLICT');
  });

  test.each([
    ['an invalid NIP', { nip: '198513122010011001' }, 'nip', 'EMPLOYEE.INVALID_NIP'],
    ['a NIP with letters', { nip: '19850712201001100X' }, 'nip', 'EMPLOYEE.INVALID_NIP'],
    ['an unknown grade', { grade: 'III/e' as never }, 'grade', 'EMPLOYEE.INVALID_INPUT'],
    ['an unknown position type', { positionType: 'STAFF' as never }, 'positionType', 'EMPLOYEE.INVALID_INPUT'],
    ['a blank name', { name: '' }, 'name', 'EMPLOYEE.INVALID_INPUT'],
    ['a missing unit', { unitId: undefined as never }, 'unitId', 'EMPLOYEE.INVALID_INPUT'],
    ['an impossible gradeSince', { gradeSince: '2021-02-29' }, 'gradeSince', 'EMPLOYEE.INVALID_INPUT'],
    ['a gradeSince tomorrow', { gradeSince: '2026-03-03' }, 'gradeSince', 'EMPLOYEE.GRADE_SINCE_IN_FUTURE'],
  ])('refuses %s with VALIDATION_FAILED', (_label, data, field, reason) => {
    const error = spec.when(register(data)).thenThrows('VALIDATION_FAILED', reason);
    expect(error.details).toEqual([expect.objectContaining({ field })]);
  });

  test('gradeSince today is accepted', () => {
    spec.when(register({ gradeSince: '2026-03-02' })).thenEvents((events) => expect(events).toHaveLength(1));
  });

  test('"today" is the agency’s local date', () => {
    const lateEvening = { ...metadata, now: '2026-03-01T16:30:00.000Z' }; // 23:30 WIB, 01:30 WIT next day
    spec
      .when(register({ gradeSince: '2026-03-02' }, { metadata: lateEvening }))
      .thenThrows('VALIDATION_FAILED', 'EMPLOYEE.GRADE_SINCE_IN_FUTURE');
    spec
      .when(register({ gradeSince: '2026-03-02' }, { metadata: lateEvening, context: { timeZone: 'Asia/Jayapura' } }))
      .thenEvents((events) => expect(events[0].type).toBe('EmployeeRegistered'));
  });

  test('bad metadata is refused before anything else', () => {
    spec.when(register({}, { metadata: { ...metadata, now: 'yesterday' } })).thenThrows('VALIDATION_FAILED', 'COMMAND.INVALID_METADATA');
  });
});

describe('ImposeSanction', () => {
  test('records the sanction', () => {
    spec.given([registered]).when(sanction()).then([imposed]);
  });

  test('a one-day sanction (from = until) is valid', () => {
    spec
      .given([registered])
      .when(sanction({ from: '2026-03-02', until: '2026-03-02' }))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  test('evolve appends to the sanctions', () => {
    spec
      .given([registered, imposed])
      .when(sanction({ sanctionId: 'sanction-2', level: 'LIGHT', from: '2027-01-01', until: '2027-01-31' }))
      .thenState((state) => {
        expect(state.sanctions.map((s) => s.sanctionId)).toEqual(['sanction-1', 'sanction-2']);
        expect(state.sanctions[1]).toEqual({
          sanctionId: 'sanction-2',
          level: 'LIGHT',
          reason: 'Absent without leave',
          from: '2027-01-01',
          until: '2027-01-31',
        });
      });
  });

  test('an unregistered employee is NOT_FOUND', () => {
    spec.when(sanction()).thenThrows('NOT_FOUND', 'EMPLOYEE.NOT_FOUND');
  });

  test('an employee of another agency is NOT_FOUND', () => {
    spec
      .given([registered])
      .when(sanction({}, { ...metadata, agency: 'pemkot-semarang' }))
      .thenThrows('NOT_FOUND');
  });

  test('until before from is VALIDATION_FAILED', () => {
    spec
      .given([registered])
      .when(sanction({ from: '2026-06-01', until: '2026-05-31' }))
      .thenThrows('VALIDATION_FAILED', 'EMPLOYEE.SANCTION_PERIOD_REVERSED');
  });

  test('an unknown level or blank reason is VALIDATION_FAILED (before NOT_FOUND)', () => {
    const error = spec.when(sanction({ level: 'HARSH' as never, reason: ' ' })).thenThrows('VALIDATION_FAILED');
    expect((error.details as { field: string }[]).map((d) => d.field)).toEqual(['level', 'reason']);
  });

  test('the same sanction id twice is a CONFLICT', () => {
    spec.given([registered, imposed]).when(sanction()).thenThrows('CONFLICT', 'EMPLOYEE.SANCTION_ALREADY_RECORDED');
  });
});

describe('gradeInForce', () => {
  const employee = { nip: NIP, grade: 'III/b' as const, gradeSince: '2021-01-01' };

  test('without approvals, the registered grade', () => {
    expect(gradeInForce(employee, [], '2026-03-02')).toEqual({ grade: 'III/b', gradeSince: '2021-01-01' });
  });

  test('an approval in force changes grade and TMT', () => {
    expect(gradeInForce(employee, [{ toGrade: 'III/c', effectiveDate: '2026-03-01', nip: NIP }], '2026-03-02')).toEqual({
      grade: 'III/c',
      gradeSince: '2026-03-01',
    });
  });

  test('an approval effective today is in force', () => {
    expect(gradeInForce(employee, [{ toGrade: 'III/c', effectiveDate: '2026-03-02' }], '2026-03-02').grade).toBe('III/c');
  });

  test('an approval dated ahead leaves the old grade in force and shows as pendingGrade', () => {
    expect(gradeInForce(employee, [{ toGrade: 'III/c', effectiveDate: '2026-04-01' }], '2026-03-02')).toEqual({
      grade: 'III/b',
      gradeSince: '2021-01-01',
      pendingGrade: { grade: 'III/c', effectiveDate: '2026-04-01' },
    });
  });

  test('several approvals apply in effective-date order; another employee’s are ignored', () => {
    const approvals = [
      { toGrade: 'III/d' as const, effectiveDate: '2030-04-01', nip: NIP },
      { toGrade: 'III/c' as const, effectiveDate: '2026-01-01', nip: NIP },
      { toGrade: 'IV/a' as const, effectiveDate: '2025-01-01', nip: '199002282015032002' },
    ];
    expect(gradeInForce(employee, approvals, '2026-03-02')).toEqual({
      grade: 'III/c',
      gradeSince: '2026-01-01',
      pendingGrade: { grade: 'III/d', effectiveDate: '2030-04-01' },
    });
  });

  test('applyApprovedPromotion applies only approvals in force', () => {
    const state: RegisteredEmployee = { exists: true, ...registered.data, sanctions: [] };
    expect(applyApprovedPromotion(state, { toGrade: 'III/c', effectiveDate: '2026-03-01' }, '2026-03-02')).toMatchObject({
      grade: 'III/c',
      gradeSince: '2026-03-01',
    });
    expect(applyApprovedPromotion(state, { toGrade: 'III/c', effectiveDate: '2026-04-01' }, '2026-03-02')).toBe(state);
  });
});
