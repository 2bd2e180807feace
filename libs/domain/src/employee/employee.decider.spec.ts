import { describe, expect, test } from '@jest/globals';
import { DeciderSpec } from '../../../testing/src/decider-spec.js';
import type { DisciplinarySanctionImposed, EmployeeEvent, EmployeeRegistered } from '../events.js';
import { upcastEvent } from '../upcasters.js';
import {
  EMPLOYEE_EVENT_TYPES,
  employeeDecider,
  sanctionTermEnd,
  sanctionUntil,
  type AnnulSanction,
  type ChangePost,
  type CloseExamination,
  type EmployeeCommand,
  type ImposeSanction,
  type OpenExamination,
  type RecordEducation,
  type RecordServiceExam,
  type RegisterEmployee,
  type StateCreditPoints,
  type TransferEmployee,
} from './employee.decider.js';
import { gradeInForce } from './employee.queries.js';
import type { EmployeeState, RegisteredEmployee } from './employee.state.js';

const HR = '197803152005012002';
const NIP = '198507122010011001';
const SUPERIOR = '197001012000031001';
const NOW = '2026-03-02T03:00:00.000Z'; // Monday 10:00 WIB
const LANGSA = 'pemkot-langsa';
const MEDAN = 'pemkot-medan';
const metadata = { actor: HR, roles: ['hr' as const], agency: LANGSA, now: NOW };
const inMedan = { ...metadata, agency: MEDAN };
const spec = DeciderSpec.for(employeeDecider);

const register = (data: Partial<RegisterEmployee['data']> = {}, extra: Partial<RegisterEmployee> = {}): RegisterEmployee => ({
  type: 'RegisterEmployee',
  data: {
    nip: NIP,
    name: 'Cut Nyak Meutia',
    unitId: 'dinas-kesehatan',
    grade: 'III/b',
    gradeSince: '2021-01-01',
    education: 'S1',
    positionTitle: 'Analis Kebijakan',
    positionType: 'FUNGSIONAL',
    jenjang: 'AHLI_PERTAMA',
    superiorNip: SUPERIOR,
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
    agencyId: LANGSA,
    unitId: 'dinas-kesehatan',
    grade: 'III/b',
    gradeSince: '2021-01-01',
    education: 'S1',
    post: { type: 'FUNGSIONAL', title: 'Analis Kebijakan', eselon: null, jenjang: 'AHLI_PERTAMA', since: '2021-01-01' },
    superiorNip: SUPERIOR,
  },
};

/** A command on the registered employee, with `data` over its defaults and the Langsa HR as actor. */
function command<C extends EmployeeCommand>(type: C['type'], defaults: Omit<C['data'], 'nip'>) {
  return (data: Partial<C['data']> = {}, meta = metadata): C => ({ type, data: { nip: NIP, ...defaults, ...data }, metadata: meta }) as C;
}

const recordEducation = command<RecordEducation>('RecordEducation', {
  level: 'S2',
  institution: 'Universitas Syiah Kuala',
  graduatedOn: '2025-08-30',
});
const changePost = command<ChangePost>('ChangePost', {
  unitId: 'bappeda',
  positionTitle: 'Kepala Subbagian Perencanaan',
  positionType: 'PENGAWAS',
  eselon: 'IV.a',
  superiorNip: SUPERIOR,
  since: '2026-02-01',
  reason: 'ROTATION',
});
const transfer = command<TransferEmployee>('TransferEmployee', { toAgency: MEDAN, since: '2026-03-01' });
const statePoints = command<StateCreditPoints>('StateCreditPoints', { pakNumber: 'PAK/001/2026', statedOn: '2026-02-15', points: 52.125 });
const serviceExam = command<RecordServiceExam>('RecordServiceExam', { level: 1, passedOn: '2025-11-10', certificateNo: 'UD-2025-0042' });
const sanction = command<ImposeSanction>('ImposeSanction', {
  sanctionId: 'sanction-1',
  level: 'MODERATE',
  type: 'ALLOWANCE_CUT_6M',
  reason: 'Absent without leave',
  decreeNumber: '800/12/BKPSDM/2026',
  decreeDate: '2026-01-20',
  from: '2026-02-01',
});
const annul = command<AnnulSanction>('AnnulSanction', {
  sanctionId: 'sanction-1',
  decreeNumber: '800/30/BKPSDM/2026',
  decreeDate: '2026-03-01',
  reason: 'Overturned on administrative appeal',
});
const openExamination = command<OpenExamination>('OpenExamination', {
  examinationId: 'exam-1',
  openedOn: '2026-02-10',
  reason: 'Report of absence',
});
const closeExamination = command<CloseExamination>('CloseExamination', {
  examinationId: 'exam-1',
  closedOn: '2026-02-28',
  outcome: 'No violation found',
});

const imposed: DisciplinarySanctionImposed = {
  type: 'DisciplinarySanctionImposed',
  data: {
    sanctionId: 'sanction-1',
    nip: NIP,
    level: 'MODERATE',
    type: 'ALLOWANCE_CUT_6M',
    reason: 'Absent without leave',
    decreeNumber: '800/12/BKPSDM/2026',
    decreeDate: '2026-01-20',
    from: '2026-02-01',
    until: '2026-07-31',
  },
};
const opened: EmployeeEvent = {
  type: 'DisciplinaryExaminationOpened',
  data: { examinationId: 'exam-1', nip: NIP, openedOn: '2026-02-10', reason: 'Report of absence' },
};
const transferred: EmployeeEvent = {
  type: 'EmployeeTransferred',
  data: { nip: NIP, fromAgency: LANGSA, toAgency: MEDAN, since: '2026-03-01' },
};

const registeredState = (state: EmployeeState): RegisteredEmployee => {
  if (!state.exists) throw new Error('expected a registered employee');
  return state;
};
const fieldsOf = (error: { details?: unknown }) => ((error.details ?? []) as { field: string }[]).map((d) => d.field);

describe('RegisterEmployee', () => {
  test('registers the employee in the actor’s agency, the post TMT defaulting to gradeSince', () => {
    spec.when(register()).then([registered]);
  });

  test('a structural post carries its eselon, and positionSince its own TMT', () => {
    spec
      .when(
        register({
          positionType: 'ADMINISTRATOR',
          positionTitle: 'Sekretaris Dinas',
          eselon: 'III.a',
          jenjang: undefined,
          positionSince: '2022-05-02',
        }),
      )
      .thenEvents(([event]) => {
        expect(event.type === 'EmployeeRegistered' && event.data.post).toEqual({
          type: 'ADMINISTRATOR',
          title: 'Sekretaris Dinas',
          eselon: 'III.a',
          jenjang: null,
          since: '2022-05-02',
        });
      });
  });

  test('a PELAKSANA post has neither eselon nor jenjang; no superior is null', () => {
    spec.when(register({ positionType: 'PELAKSANA', jenjang: undefined, superiorNip: undefined })).thenEvents(([event]) => {
      expect(event.data).toMatchObject({ post: { type: 'PELAKSANA', eselon: null, jenjang: null }, superiorNip: null });
    });
  });

  test('evolve builds the record of employee.state.ts', () => {
    spec.when(register()).thenState((state) => {
      expect(state).toEqual({
        exists: true,
        nip: NIP,
        name: 'Cut Nyak Meutia',
        agencyId: LANGSA,
        unitId: 'dinas-kesehatan',
        grade: 'III/b',
        gradeSince: '2021-01-01',
        education: 'S1',
        educationHistory: [{ level: 'S1', institution: null, graduatedOn: null, studyPermit: null }],
        post: registered.data.post,
        superiorNip: SUPERIOR,
        postHistory: [
          { unitId: 'dinas-kesehatan', post: registered.data.post, superiorNip: SUPERIOR, since: '2021-01-01', reason: 'REGISTRATION' },
        ],
        transfers: [],
        creditPointStatements: [],
        serviceExams: [],
        sanctions: [],
        examinations: [],
      });
    });
  });

  test('a v1 registration, upcast, folds with unknown education and no superior', () => {
    const v1 = upcastEvent({
      type: 'EmployeeRegistered',
      schemaVersion: 1,
      data: {
        ...registered.data,
        post: undefined,
        education: undefined,
        superiorNip: undefined,
        positionTitle: 'Analis',
        positionType: 'PELAKSANA',
      },
    });
    spec
      .given([v1 as unknown as EmployeeEvent])
      .when(recordEducation())
      .thenState((state) => {
        const employee = registeredState(state);
        expect(employee.post).toEqual({ type: 'PELAKSANA', title: 'Analis', eselon: null, jenjang: null, since: '2021-01-01' });
        expect(employee.education).toBe('S2');
        expect(employee.educationHistory).toHaveLength(1);
      });
  });

  test('a second registration in the same agency is a CONFLICT', () => {
    spec
      .given([registered])
      .when(register())
      .thenThrows({ code: 'CONFLICT', reason: 'EMPLOYEE.ALREADY_REGISTERED', message: /already registered/ });
  });

  test('a registration from another agency is NOT_FOUND: it must not learn the NIP exists', () => {
    spec
      .given([registered])
      .when(register({}, { metadata: inMedan }))
      .thenThrows('NOT_FOUND', 'EMPLOYEE.NOT_FOUND');
  });

  test.each([
    ['an invalid NIP', { nip: '198513122010011001' }, 'nip', 'EMPLOYEE.INVALID_NIP'],
    ['a NIP with letters', { nip: '19850712201001100X' }, 'nip', 'EMPLOYEE.INVALID_NIP'],
    ['an unknown grade', { grade: 'III/e' as never }, 'grade', 'EMPLOYEE.INVALID_INPUT'],
    ['an unknown position type', { positionType: 'STAFF' as never, jenjang: undefined }, 'positionType', 'EMPLOYEE.INVALID_INPUT'],
    ['a blank name', { name: '' }, 'name', 'EMPLOYEE.INVALID_INPUT'],
    ['a missing unit', { unitId: undefined as never }, 'unitId', 'EMPLOYEE.INVALID_INPUT'],
    ['an impossible gradeSince', { gradeSince: '2021-02-29' }, 'gradeSince', 'EMPLOYEE.INVALID_INPUT'],
    ['a gradeSince tomorrow', { gradeSince: '2026-03-03' }, 'gradeSince', 'EMPLOYEE.GRADE_SINCE_IN_FUTURE'],
    ['a missing education', { education: undefined as never }, 'education', 'EMPLOYEE.INVALID_INPUT'],
    ['an unknown education', { education: 'S4' as never }, 'education', 'EMPLOYEE.INVALID_INPUT'],
    ['FUNGSIONAL without jenjang', { jenjang: undefined }, 'jenjang', 'EMPLOYEE.POST_INCONSISTENT'],
    ['an unknown jenjang', { jenjang: 'AHLI_SUPER' as never }, 'jenjang', 'EMPLOYEE.INVALID_INPUT'],
    ['FUNGSIONAL with an eselon', { eselon: 'IV.a' }, 'eselon', 'EMPLOYEE.POST_INCONSISTENT'],
    ['PENGAWAS without eselon', { positionType: 'PENGAWAS', jenjang: undefined }, 'eselon', 'EMPLOYEE.POST_INCONSISTENT'],
    ['JPT with an unknown eselon', { positionType: 'JPT', jenjang: undefined, eselon: 'V.a' as never }, 'eselon', 'EMPLOYEE.INVALID_INPUT'],
    ['PELAKSANA with a jenjang', { positionType: 'PELAKSANA' }, 'jenjang', 'EMPLOYEE.POST_INCONSISTENT'],
    ['a positionSince tomorrow', { positionSince: '2026-03-03' }, 'positionSince', 'EMPLOYEE.POSITION_SINCE_IN_FUTURE'],
    ['a bad superior NIP', { superiorNip: '123' }, 'superiorNip', 'EMPLOYEE.INVALID_NIP'],
    ['the employee as their own superior', { superiorNip: NIP }, 'superiorNip', 'EMPLOYEE.OWN_SUPERIOR'],
  ])('refuses %s with VALIDATION_FAILED', (_label, data, field, reason) => {
    const error = spec.when(register(data as Partial<RegisterEmployee['data']>)).thenThrows('VALIDATION_FAILED', reason);
    expect(fieldsOf(error)).toEqual([field]);
  });

  test('a bad body is a 400 before the 404 of another agency', () => {
    spec
      .given([registered])
      .when(register({ education: 'S9' as never }, { metadata: inMedan }))
      .thenThrows('VALIDATION_FAILED');
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

/** Every command but registration: unknown, or of another agency, is NOT_FOUND. */
describe.each<[string, (meta?: typeof metadata) => EmployeeCommand]>([
  ['RecordEducation', (m) => recordEducation({}, m)],
  ['ChangePost', (m) => changePost({}, m)],
  ['TransferEmployee', (m) => transfer({ toAgency: 'pemkab-aceh-timur' }, m)],
  ['StateCreditPoints', (m) => statePoints({}, m)],
  ['RecordServiceExam', (m) => serviceExam({}, m)],
  ['ImposeSanction', (m) => sanction({}, m)],
  ['AnnulSanction', (m) => annul({}, m)],
  ['OpenExamination', (m) => openExamination({}, m)],
  ['CloseExamination', (m) => closeExamination({}, m)],
])('%s on an employee this agency does not hold', (_name, make) => {
  test('an unregistered NIP is NOT_FOUND', () => {
    spec.when(make()).thenThrows('NOT_FOUND', 'EMPLOYEE.NOT_FOUND');
  });

  test('an employee of another agency is NOT_FOUND', () => {
    spec.given([registered, imposed, opened]).when(make(inMedan)).thenThrows('NOT_FOUND', 'EMPLOYEE.NOT_FOUND');
  });

  test('after a transfer away, the old agency gets NOT_FOUND', () => {
    spec.given([registered, imposed, opened, transferred]).when(make()).thenThrows('NOT_FOUND', 'EMPLOYEE.NOT_FOUND');
  });

  test('a bad NIP is a 400 before that', () => {
    const bad = make();
    spec.when({ ...bad, data: { ...bad.data, nip: '123' } } as EmployeeCommand).thenThrows('VALIDATION_FAILED', 'EMPLOYEE.INVALID_NIP');
  });
});

describe('RecordEducation', () => {
  test('records the diploma; the state keeps the highest level', () => {
    spec
      .given([registered])
      .when(recordEducation())
      .then([
        {
          type: 'EducationRecorded',
          data: { nip: NIP, level: 'S2', institution: 'Universitas Syiah Kuala', graduatedOn: '2025-08-30', studyPermit: null },
        },
      ]);
    spec
      .given([
        registered,
        { type: 'EducationRecorded', data: { nip: NIP, level: 'S2', institution: 'USK', graduatedOn: '2025-08-30', studyPermit: null } },
      ])
      .when(recordEducation({ level: 'D4', institution: 'Politeknik Lhokseumawe' }))
      .thenState((state) => {
        const employee = registeredState(state);
        expect(employee.education).toBe('S2');
        expect(employee.educationHistory.map((e) => e.level)).toEqual(['S1', 'S2', 'D4']);
      });
  });

  test('carries the study permit when given', () => {
    spec
      .given([registered])
      .when(recordEducation({ studyPermitNumber: 'IB/800/2023/17', studyPermitDate: '2023-07-01' }))
      .thenState((state) => {
        expect(registeredState(state).educationHistory[1].studyPermit).toEqual({ number: 'IB/800/2023/17', date: '2023-07-01' });
      });
  });

  test.each([
    ['an unknown level', { level: 'S9' as never }, ['level']],
    ['a blank institution', { institution: ' ' }, ['institution']],
    ['a graduation tomorrow', { graduatedOn: '2026-03-03' }, ['graduatedOn']],
    ['half a study permit', { studyPermitNumber: 'IB/1' }, ['studyPermitDate']],
    ['a permit without number', { studyPermitDate: '2023-07-01' }, ['studyPermitNumber']],
    ['a permit after graduation', { studyPermitNumber: 'IB/1', studyPermitDate: '2025-09-01' }, ['studyPermitDate']],
  ])('refuses %s', (_label, data, fields) => {
    expect(fieldsOf(spec.given([registered]).when(recordEducation(data)).thenThrows('VALIDATION_FAILED'))).toEqual(fields);
  });
});

describe('ChangePost', () => {
  test('records the new post, unit and superior; the reason defaults to OTHER', () => {
    spec
      .given([registered])
      .when(changePost({ reason: undefined }))
      .then([
        {
          type: 'PostChanged',
          data: {
            nip: NIP,
            unitId: 'bappeda',
            post: { type: 'PENGAWAS', title: 'Kepala Subbagian Perencanaan', eselon: 'IV.a', jenjang: null, since: '2026-02-01' },
            superiorNip: SUPERIOR,
            since: '2026-02-01',
            reason: 'OTHER',
          },
        },
      ]);
  });

  test('evolve moves the post and appends to postHistory', () => {
    spec
      .given([registered])
      .when(changePost({ superiorNip: null }))
      .thenState((state) => {
        const employee = registeredState(state);
        expect(employee).toMatchObject({ unitId: 'bappeda', superiorNip: null, post: { type: 'PENGAWAS', eselon: 'IV.a' } });
        expect(employee.postHistory.map((p) => [p.reason, p.since, p.unitId])).toEqual([
          ['REGISTRATION', '2021-01-01', 'dinas-kesehatan'],
          ['ROTATION', '2026-02-01', 'bappeda'],
        ]);
      });
  });

  test.each([
    ['an unknown reason', { reason: 'WHIM' as never }, ['reason']],
    ['an eselon post without eselon', { eselon: undefined }, ['eselon']],
    ['a FUNGSIONAL post without jenjang', { positionType: 'FUNGSIONAL' as const, eselon: undefined }, ['jenjang']],
    ['a bad since', { since: '2026-13-01' }, ['since']],
    ['a bad unit', { unitId: 'Bappeda Kota' }, ['unitId']],
    ['the employee as superior', { superiorNip: NIP }, ['superiorNip']],
  ])('refuses %s', (_label, data, fields) => {
    expect(fieldsOf(spec.given([registered]).when(changePost(data)).thenThrows('VALIDATION_FAILED'))).toEqual(fields);
  });

  test('a TMT before the current post’s is refused', () => {
    spec
      .given([registered])
      .when(changePost({ since: '2020-12-31' }))
      .thenThrows('VALIDATION_FAILED', 'EMPLOYEE.POST_BEFORE_CURRENT');
  });
});

describe('TransferEmployee', () => {
  test('moves the employee: the new agency acts on them, the old one no longer can', () => {
    spec.given([registered]).when(transfer()).then([transferred]);
    spec
      .given([registered, transferred])
      .when(recordEducation({}, inMedan))
      .thenEvents((events) => expect(events[0].type).toBe('EducationRecorded'));
    spec
      .given([registered, transferred])
      .when(register({}, { metadata: inMedan }))
      .thenThrows('CONFLICT');
    spec.given([registered, transferred]).when(register()).thenThrows('NOT_FOUND');
  });

  test('evolve records the transfer and the new agency', () => {
    spec
      .given([registered])
      .when(transfer())
      .thenState((state) => {
        expect(registeredState(state)).toMatchObject({
          agencyId: MEDAN,
          transfers: [{ fromAgency: LANGSA, toAgency: MEDAN, since: '2026-03-01' }],
        });
      });
  });

  test('to the agency it is already in is refused', () => {
    spec
      .given([registered])
      .when(transfer({ toAgency: LANGSA }))
      .thenThrows('VALIDATION_FAILED', 'EMPLOYEE.TRANSFER_TO_SAME_AGENCY');
  });

  test('a bad agency id or date is refused', () => {
    expect(
      fieldsOf(
        spec
          .given([registered])
          .when(transfer({ toAgency: 'Pemkot Medan', since: 'soon' }))
          .thenThrows('VALIDATION_FAILED'),
      ),
    ).toEqual(['toAgency', 'since']);
  });
});

describe('StateCreditPoints', () => {
  test('records the PAK', () => {
    spec
      .given([registered])
      .when(statePoints())
      .then([{ type: 'CreditPointsStated', data: { nip: NIP, pakNumber: 'PAK/001/2026', statedOn: '2026-02-15', points: 52.125 } }]);
  });

  test('zero points and a PAK dated today are fine', () => {
    spec
      .given([registered])
      .when(statePoints({ points: 0, statedOn: '2026-03-02' }))
      .thenEvents((e) => expect(e).toHaveLength(1));
  });

  test.each([
    ['negative points', { points: -1 }, 'points'],
    ['four decimals', { points: 1.0005 }, 'points'],
    ['points as text', { points: '12' as never }, 'points'],
    ['infinite points', { points: Infinity }, 'points'],
    ['a PAK dated tomorrow', { statedOn: '2026-03-03' }, 'statedOn'],
    ['a blank PAK number', { pakNumber: '' }, 'pakNumber'],
  ])('refuses %s', (_label, data, field) => {
    expect(fieldsOf(spec.given([registered]).when(statePoints(data)).thenThrows('VALIDATION_FAILED'))).toEqual([field]);
  });

  test('the same PAK number twice is a CONFLICT', () => {
    spec
      .given([registered])
      .when(statePoints())
      .thenEvents((events) =>
        spec
          .given([registered, ...events])
          .when(statePoints({ pakNumber: ' pak/001/2026' }))
          .thenThrows('CONFLICT'),
      );
  });

  test('evolve appends the statement', () => {
    spec
      .given([registered])
      .when(statePoints())
      .thenState((state) => {
        expect(registeredState(state).creditPointStatements).toEqual([
          { pakNumber: 'PAK/001/2026', statedOn: '2026-02-15', points: 52.125 },
        ]);
      });
  });
});

describe('RecordServiceExam', () => {
  test('records the passed exam', () => {
    spec
      .given([registered])
      .when(serviceExam())
      .then([{ type: 'ServiceExamPassed', data: { nip: NIP, level: 1, passedOn: '2025-11-10', certificateNo: 'UD-2025-0042' } }]);
    spec
      .given([registered])
      .when(serviceExam({ level: 2 }))
      .thenState((state) => {
        expect(registeredState(state).serviceExams).toEqual([{ level: 2, passedOn: '2025-11-10', certificateNo: 'UD-2025-0042' }]);
      });
  });

  test.each([
    ['level 3', { level: 3 as never }, 'level'],
    ['a passedOn tomorrow', { passedOn: '2026-03-03' }, 'passedOn'],
    ['a blank certificate', { certificateNo: '' }, 'certificateNo'],
  ])('refuses %s', (_label, data, field) => {
    expect(fieldsOf(spec.given([registered]).when(serviceExam(data)).thenThrows('VALIDATION_FAILED'))).toEqual([field]);
  });

  test('the same certificate twice is a CONFLICT', () => {
    const passed: EmployeeEvent = {
      type: 'ServiceExamPassed',
      data: { nip: NIP, level: 1, passedOn: '2025-11-10', certificateNo: 'UD-2025-0042' },
    };
    spec
      .given([registered, passed])
      .when(serviceExam({ certificateNo: 'ud-2025-0042' }))
      .thenThrows('CONFLICT', 'EMPLOYEE.SERVICE_EXAM_ALREADY_RECORDED');
  });
});

describe('sanction terms', () => {
  test.each([
    ['ALLOWANCE_CUT_6M', '2026-02-01', '2026-07-31'],
    ['ALLOWANCE_CUT_6M', '2026-01-31', '2026-07-30'],
    ['ALLOWANCE_CUT_6M', '2026-08-31', '2027-02-28'], // Feb 31 does not exist: the term runs to the month's end
    ['ALLOWANCE_CUT_6M', '2027-08-31', '2028-02-29'], // leap year
    ['ALLOWANCE_CUT_6M', '2026-08-29', '2027-02-28'],
    ['ALLOWANCE_CUT_9M', '2026-05-31', '2027-02-28'],
    ['ALLOWANCE_CUT_9M', '2026-01-01', '2026-09-30'],
    ['ALLOWANCE_CUT_12M', '2026-01-01', '2026-12-31'],
    ['ALLOWANCE_CUT_12M', '2028-02-29', '2029-02-28'],
    ['DEMOTION_12M', '2026-03-15', '2027-03-14'],
    ['REMOVAL_FROM_POST_12M', '2026-12-31', '2027-12-30'],
  ] as const)('%s from %s runs until %s', (type, from, until) => {
    expect(sanctionUntil(type, from)).toBe(until);
  });

  test.each(['ORAL_REPRIMAND', 'WRITTEN_REPRIMAND', 'WRITTEN_STATEMENT_OF_DISSATISFACTION', 'DISCHARGE', 'UNSPECIFIED'] as const)(
    '%s has no term',
    (type) => {
      expect(sanctionUntil(type, '2026-01-31')).toBeNull();
    },
  );

  test('sanctionTermEnd across a year end', () => {
    expect(sanctionTermEnd('2026-11-30', 3)).toBe('2027-02-28');
    expect(sanctionTermEnd('2026-10-15', 3)).toBe('2027-01-14');
  });
});

describe('ImposeSanction', () => {
  test('records the sanction with its computed term', () => {
    spec.given([registered]).when(sanction()).then([imposed]);
  });

  test('a light sanction and a discharge have no term', () => {
    for (const [level, type] of [
      ['LIGHT', 'WRITTEN_REPRIMAND'],
      ['SEVERE', 'DISCHARGE'],
    ] as const) {
      spec
        .given([registered])
        .when(sanction({ level, type }))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ level, type, until: null }));
    }
  });

  test('evolve appends to the sanctions, not annulled', () => {
    spec
      .given([registered, imposed])
      .when(sanction({ sanctionId: 'sanction-2', level: 'SEVERE', type: 'DEMOTION_12M', from: '2026-03-01' }))
      .thenState((state) => {
        const { sanctions } = registeredState(state);
        expect(sanctions.map((s) => s.sanctionId)).toEqual(['sanction-1', 'sanction-2']);
        expect(sanctions[1]).toEqual({
          sanctionId: 'sanction-2',
          level: 'SEVERE',
          type: 'DEMOTION_12M',
          reason: 'Absent without leave',
          decreeNumber: '800/12/BKPSDM/2026',
          decreeDate: '2026-01-20',
          from: '2026-03-01',
          until: '2027-02-28',
          annulment: null,
        });
      });
  });

  test('a type of another level is refused', () => {
    const error = spec
      .given([registered])
      .when(sanction({ level: 'LIGHT', type: 'DISCHARGE' }))
      .thenThrows('VALIDATION_FAILED', 'EMPLOYEE.SANCTION_TYPE_NOT_OF_LEVEL');
    expect(fieldsOf(error)).toEqual(['type']);
  });

  test('UNSPECIFIED (v1 records only) is not a type a client may send', () => {
    spec
      .given([registered])
      .when(sanction({ type: 'UNSPECIFIED' }))
      .thenThrows('VALIDATION_FAILED');
  });

  test('every bad field at once, before NOT_FOUND', () => {
    const error = spec
      .when(
        sanction({ level: 'HARSH' as never, type: 'FINE' as never, reason: ' ', decreeNumber: '', decreeDate: '2026-03-03', from: 'x' }),
      )
      .thenThrows('VALIDATION_FAILED');
    expect(fieldsOf(error)).toEqual(['level', 'type', 'reason', 'decreeNumber', 'decreeDate', 'from']);
  });

  test('a start before the decree is refused', () => {
    spec
      .given([registered])
      .when(sanction({ from: '2026-01-19' }))
      .thenThrows('VALIDATION_FAILED', 'EMPLOYEE.SANCTION_BEFORE_DECREE');
  });

  test('the same sanction id twice is a CONFLICT', () => {
    spec.given([registered, imposed]).when(sanction()).thenThrows('CONFLICT', 'EMPLOYEE.SANCTION_ALREADY_RECORDED');
  });
});

describe('AnnulSanction', () => {
  test('annuls the sanction; the state keeps it with its annulment', () => {
    spec
      .given([registered, imposed])
      .when(annul())
      .then([
        {
          type: 'SanctionAnnulled',
          data: {
            sanctionId: 'sanction-1',
            nip: NIP,
            decreeNumber: '800/30/BKPSDM/2026',
            decreeDate: '2026-03-01',
            reason: 'Overturned on administrative appeal',
          },
        },
      ]);
    spec
      .given([registered, imposed])
      .when(annul())
      .thenState((state) => {
        expect(registeredState(state).sanctions[0].annulment).toEqual({
          decreeNumber: '800/30/BKPSDM/2026',
          decreeDate: '2026-03-01',
          reason: 'Overturned on administrative appeal',
        });
      });
  });

  test('an unknown sanction is NOT_FOUND, an annulled one a CONFLICT', () => {
    spec.given([registered]).when(annul()).thenThrows('NOT_FOUND', 'EMPLOYEE.SANCTION_NOT_FOUND');
    spec
      .given([registered, imposed])
      .when(annul())
      .thenEvents((events) => {
        spec
          .given([registered, imposed, ...events])
          .when(annul())
          .thenThrows('CONFLICT', 'EMPLOYEE.SANCTION_ALREADY_ANNULLED');
      });
  });

  test('bad fields are refused', () => {
    expect(
      fieldsOf(
        spec
          .given([registered, imposed])
          .when(annul({ decreeNumber: '', decreeDate: '2026-03-03', reason: '' }))
          .thenThrows('VALIDATION_FAILED'),
      ),
    ).toEqual(['decreeNumber', 'decreeDate', 'reason']);
  });
});

describe('disciplinary examinations', () => {
  test('opens and closes an examination', () => {
    spec.given([registered]).when(openExamination()).then([opened]);
    spec
      .given([registered, opened])
      .when(closeExamination())
      .then([
        {
          type: 'DisciplinaryExaminationClosed',
          data: { examinationId: 'exam-1', nip: NIP, closedOn: '2026-02-28', outcome: 'No violation found' },
        },
      ]);
    spec
      .given([registered, opened])
      .when(closeExamination())
      .thenState((state) => {
        expect(registeredState(state).examinations).toEqual([
          {
            examinationId: 'exam-1',
            openedOn: '2026-02-10',
            reason: 'Report of absence',
            closedOn: '2026-02-28',
            outcome: 'No violation found',
          },
        ]);
      });
  });

  test('the same examination id twice is a CONFLICT', () => {
    spec.given([registered, opened]).when(openExamination()).thenThrows('CONFLICT', 'EMPLOYEE.EXAMINATION_ALREADY_RECORDED');
  });

  test('closing an unknown one is NOT_FOUND, a closed one a CONFLICT', () => {
    spec.given([registered]).when(closeExamination()).thenThrows('NOT_FOUND', 'EMPLOYEE.EXAMINATION_NOT_FOUND');
    spec
      .given([registered, opened])
      .when(closeExamination())
      .thenEvents((events) => {
        spec
          .given([registered, opened, ...events])
          .when(closeExamination())
          .thenThrows('CONFLICT', 'EMPLOYEE.EXAMINATION_CLOSED');
      });
  });

  test('dates: not in the future, not closed before opened', () => {
    spec
      .given([registered])
      .when(openExamination({ openedOn: '2026-03-03' }))
      .thenThrows('VALIDATION_FAILED', 'EMPLOYEE.EXAMINATION_IN_FUTURE');
    spec
      .given([registered, opened])
      .when(closeExamination({ closedOn: '2026-02-09' }))
      .thenThrows('VALIDATION_FAILED', 'EMPLOYEE.EXAMINATION_CLOSED_BEFORE_OPENED');
    expect(
      fieldsOf(
        spec
          .given([registered, opened])
          .when(closeExamination({ outcome: '' }))
          .thenThrows('VALIDATION_FAILED'),
      ),
    ).toEqual(['outcome']);
  });
});

test('EMPLOYEE_EVENT_TYPES lists every event evolve folds', () => {
  expect([...EMPLOYEE_EVENT_TYPES].sort()).toEqual(
    [
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
    ].sort(),
  );
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
});
