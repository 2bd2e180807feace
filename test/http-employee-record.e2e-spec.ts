import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import {
  bearer,
  employeeBody,
  EventCounter,
  expectError,
  expectFieldInDetails,
  LANGSA,
  MEDAN,
  nip,
  registerEmployee,
  settle,
} from './http-support.js';

const SERIES = 17;
const HR = nip(SERIES, 1);
const SUPERIOR = nip(SERIES, 2);

/** Every record command with a valid body, relative to the employee's NIP (the clock stands at 2026-03-02). */
const COMMANDS: { route: string; status: 200 | 201; body: Record<string, unknown>; event: string }[] = [
  {
    route: 'education',
    status: 201,
    body: { level: 'S2', institution: 'Universitas Syiah Kuala', graduatedOn: '2025-08-30' },
    event: 'EducationRecorded',
  },
  {
    route: 'posts',
    status: 201,
    body: {
      unitId: 'bappeda',
      positionTitle: 'Kepala Subbagian Perencanaan',
      positionType: 'PENGAWAS',
      eselon: 'IV.a',
      since: '2026-02-01',
      reason: 'ROTATION',
    },
    event: 'PostChanged',
  },
  {
    route: 'credit-points',
    status: 201,
    body: { pakNumber: 'PAK/001/2026', statedOn: '2026-02-15', points: 52.125 },
    event: 'CreditPointsStated',
  },
  {
    route: 'service-exams',
    status: 201,
    body: { level: 1, passedOn: '2025-11-10', certificateNo: 'UD-2025-0042' },
    event: 'ServiceExamPassed',
  },
  {
    route: 'sanctions',
    status: 201,
    body: {
      level: 'MODERATE',
      type: 'ALLOWANCE_CUT_6M',
      reason: 'Absent without leave',
      decreeNumber: '800/12/BKPSDM/2026',
      decreeDate: '2026-01-20',
      from: '2026-01-31',
    },
    event: 'DisciplinarySanctionImposed',
  },
  {
    route: 'examinations',
    status: 201,
    body: { openedOn: '2026-02-10', reason: 'Report of absence' },
    event: 'DisciplinaryExaminationOpened',
  },
  { route: 'transfer', status: 201, body: { toAgency: MEDAN, since: '2026-03-01' }, event: 'EmployeeTransferred' },
];

describe('HTTP employee record: education, posts, transfer, PAK, exams, sanctions, examinations', () => {
  let t: TestApp;
  let events: EventCounter;
  const tokens: Record<string, string> = {};
  let seq = 100;
  const fresh = () => nip(SERIES, seq++);
  const post = (path: string, token: string, body: unknown) =>
    t.http
      .post(path)
      .set(bearer(token))
      .send(body as object);

  beforeAll(async () => {
    t = await startTestApp();
    events = await new EventCounter(t.database.url).open();
    tokens.hr = await t.token(HR, ['hr']);
    tokens.medanHr = await t.token(HR, ['hr'], MEDAN);
    tokens.auditor = await t.token(nip(SERIES, 3), ['auditor']);
    tokens.evaluator = await t.token(nip(SERIES, 4), ['evaluator']);
    await registerEmployee(t.http, tokens.hr, SUPERIOR, { name: 'Teuku Umar', positionType: 'ADMINISTRATOR' });
  });
  afterAll(async () => {
    await events.close();
    await t.close();
  });

  describe('registration', () => {
    test('the extended body: 201, the event carries education, the whole post and the superior', async () => {
      const n = fresh();
      const res = await post('/api/employees', tokens.hr, {
        ...employeeBody(n, { positionType: 'PENGAWAS', positionTitle: 'Kepala Seksi Pelayanan', eselon: 'IV.a', education: 'D4' }),
        positionSince: '2022-05-02',
        superiorNip: SUPERIOR,
      });
      expect([res.status, res.body]).toEqual([201, expect.objectContaining({ nip: n, version: 1 })]);
      const [row] = await events.query<{ data: Record<string, unknown> }>(`SELECT data FROM events WHERE stream_id = $1`, [
        `employee-${n}`,
      ]);
      expect(row.data).toMatchObject({
        education: 'D4',
        post: { type: 'PENGAWAS', title: 'Kepala Seksi Pelayanan', eselon: 'IV.a', jenjang: null, since: '2022-05-02' },
        superiorNip: SUPERIOR,
      });
    });

    test.each([
      ['no education', (b: Record<string, unknown>) => ({ ...b, education: undefined }), 'education'],
      ['an unknown education', (b: Record<string, unknown>) => ({ ...b, education: 'S4' }), 'education'],
      ['FUNGSIONAL without jenjang', (b: Record<string, unknown>) => ({ ...b, jenjang: undefined }), 'jenjang'],
      ['FUNGSIONAL with an eselon', (b: Record<string, unknown>) => ({ ...b, eselon: 'IV.a' }), 'eselon'],
      ['PENGAWAS without eselon', (b: Record<string, unknown>) => ({ ...b, positionType: 'PENGAWAS', jenjang: undefined }), 'eselon'],
      ['an unknown eselon', (b: Record<string, unknown>) => ({ ...b, positionType: 'JPT', jenjang: undefined, eselon: 'V.z' }), 'eselon'],
      ['a bad superior NIP', (b: Record<string, unknown>) => ({ ...b, superiorNip: '12345' }), 'superiorNip'],
      ['the employee as their own superior', (b: Record<string, unknown>) => ({ ...b, superiorNip: b.nip }), 'superiorNip'],
      ['a positionSince in the future', (b: Record<string, unknown>) => ({ ...b, positionSince: '2026-03-03' }), 'positionSince'],
      ['an unknown field', (b: Record<string, unknown>) => ({ ...b, until: '2026-12-31' }), 'until'],
    ])('%s: 400 VALIDATION_FAILED naming the field, nothing written', async (_label, change, field) => {
      const before = await events.count();
      const res = await post('/api/employees', tokens.hr, change(employeeBody(fresh())));
      expectError(res, 400, 'VALIDATION_FAILED');
      expectFieldInDetails(res.body, field);
      expect(await events.count()).toBe(before);
    });

    test('an NIP of another agency is 404 NOT_FOUND (never a 409 that reveals it); twice in the same agency 409', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const before = await events.count();
      expectError(await post('/api/employees', tokens.medanHr, employeeBody(n)), 404, 'NOT_FOUND');
      expectError(await post('/api/employees', tokens.hr, employeeBody(n)), 409, 'CONFLICT');
      expect(await events.count()).toBe(before);
    });
  });

  describe('each record command', () => {
    test.each(COMMANDS)('POST /api/employees/{nip}/$route: $status, one $event', async ({ route, status, body, event }) => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const res = await post(`/api/employees/${n}/${route}`, tokens.hr, body);
      expect([res.status, res.body]).toEqual([status, expect.objectContaining({ version: 2, position: expect.any(Number) })]);
      expect(await events.types(`employee-${n}`)).toEqual(['EmployeeRegistered', event]);
    });

    test.each(COMMANDS)('$route on an NIP of another agency: 404 NOT_FOUND, nothing written', async ({ route, body }) => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const before = await events.count();
      const res = await post(
        `/api/employees/${n}/${route}`,
        tokens.medanHr,
        route === 'transfer' ? { ...body, toAgency: 'pemkab-aceh-timur' } : body,
      );
      expectError(res, 404, 'NOT_FOUND');
      expectError(await post(`/api/employees/${fresh()}/${route}`, tokens.hr, body), 404, 'NOT_FOUND');
      expect(await events.count()).toBe(before);
    });

    test.each(COMMANDS)('$route with an empty body: 400, nothing written', async ({ route }) => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const before = await events.count();
      expectError(await post(`/api/employees/${n}/${route}`, tokens.hr, {}), 400, 'VALIDATION_FAILED');
      expect(await events.count()).toBe(before);
    });

    test.each(COMMANDS)('$route by an evaluator: 403 FORBIDDEN', async ({ route, body }) => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      expectError(await post(`/api/employees/${n}/${route}`, tokens.evaluator, body), 403, 'FORBIDDEN');
    });

    test.each([
      ['credit-points', { pakNumber: 'PAK/1', statedOn: '2026-02-15', points: 1.0005 }, 'points'],
      ['credit-points', { pakNumber: 'PAK/1', statedOn: '2026-02-15', points: -1 }, 'points'],
      ['credit-points', { pakNumber: 'PAK/1', statedOn: '2026-03-03', points: 1 }, 'statedOn'],
      ['service-exams', { level: 3, passedOn: '2025-11-10', certificateNo: 'UD-1' }, 'level'],
      ['education', { level: 'S2', institution: 'USK', graduatedOn: '2025-08-30', studyPermitNumber: 'IB/1' }, 'studyPermitDate'],
      ['posts', { unitId: 'bappeda', positionTitle: 'Kasubbag', positionType: 'PENGAWAS', since: '2026-02-01' }, 'eselon'],
      ['posts', { unitId: 'bappeda', positionTitle: 'Kasubbag', positionType: 'PELAKSANA', since: '2026-02-01', reason: 'WHIM' }, 'reason'],
      ['transfer', { toAgency: LANGSA, since: '2026-03-01' }, 'toAgency'],
      [
        'sanctions',
        { level: 'LIGHT', type: 'DISCHARGE', reason: 'x', decreeNumber: '800/1', decreeDate: '2026-01-20', from: '2026-02-01' },
        'type',
      ],
      [
        'sanctions',
        {
          level: 'LIGHT',
          type: 'ORAL_REPRIMAND',
          reason: 'x',
          decreeNumber: '800/1',
          decreeDate: '2026-01-20',
          from: '2026-02-01',
          until: '2026-03-01',
        },
        'until',
      ],
    ])('%s with a bad field (case %#): 400 naming it, nothing written', async (route, body, field) => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const before = await events.count();
      const res = await post(`/api/employees/${n}/${route}`, tokens.hr, body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expectFieldInDetails(res.body, field);
      expect(await events.count()).toBe(before);
    });

    test('the same PAK twice: 409 CONFLICT', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const body = { pakNumber: 'PAK/7/2026', statedOn: '2026-02-15', points: 10 };
      expect((await post(`/api/employees/${n}/credit-points`, tokens.hr, body)).status).toBe(201);
      expectError(await post(`/api/employees/${n}/credit-points`, tokens.hr, body), 409, 'CONFLICT');
    });
  });

  describe('sanctions', () => {
    const sanction = (type: string, level: string, from: string) => ({
      level,
      type,
      reason: 'Absent without leave',
      decreeNumber: '800/12/BKPSDM/2026',
      decreeDate: '2026-01-20',
      from,
    });

    test.each([
      ['ALLOWANCE_CUT_6M', 'MODERATE', '2026-01-31', '2026-07-30'],
      ['ALLOWANCE_CUT_9M', 'MODERATE', '2026-02-01', '2026-10-31'],
      ['ALLOWANCE_CUT_12M', 'MODERATE', '2026-02-28', '2027-02-27'],
      ['DEMOTION_12M', 'SEVERE', '2026-02-01', '2027-01-31'],
      ['WRITTEN_REPRIMAND', 'LIGHT', '2026-02-01', null],
      ['DISCHARGE', 'SEVERE', '2026-02-01', null],
    ])('%s (%s) from %s answers until %p', async (type, level, from, until) => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const res = await post(`/api/employees/${n}/sanctions`, tokens.hr, sanction(type, level, from));
      expect([res.status, res.body]).toEqual([201, expect.objectContaining({ sanctionId: expect.any(String), until })]);
    });

    test('annulment: 200, then 409 when annulled again, 404 for an unknown sanction', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const { body } = await post(`/api/employees/${n}/sanctions`, tokens.hr, sanction('ALLOWANCE_CUT_6M', 'MODERATE', '2026-02-01'));
      const annulment = { decreeNumber: '800/30/BKPSDM/2026', decreeDate: '2026-03-01', reason: 'Overturned on appeal' };
      const res = await post(`/api/employees/${n}/sanctions/${body.sanctionId}/annulment`, tokens.hr, annulment);
      expect([res.status, res.body]).toEqual([200, expect.objectContaining({ version: 3 })]);
      expectError(await post(`/api/employees/${n}/sanctions/${body.sanctionId}/annulment`, tokens.hr, annulment), 409, 'CONFLICT');
      expectError(await post(`/api/employees/${n}/sanctions/no-such-sanction/annulment`, tokens.hr, annulment), 404, 'NOT_FOUND');
      expectError(await post(`/api/employees/${n}/sanctions/${body.sanctionId}/annulment`, tokens.medanHr, annulment), 404, 'NOT_FOUND');
      expect(await events.types(`employee-${n}`)).toEqual(['EmployeeRegistered', 'DisciplinarySanctionImposed', 'SanctionAnnulled']);
    });
  });

  describe('examinations', () => {
    test('open: 201 with an id; close: 200, then 409; an unknown one 404', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const opened = await post(`/api/employees/${n}/examinations`, tokens.hr, { openedOn: '2026-02-10', reason: 'Report of absence' });
      expect([opened.status, opened.body]).toEqual([201, expect.objectContaining({ examinationId: expect.any(String) })]);
      const closure = { closedOn: '2026-02-28', outcome: 'No violation found' };
      const closed = await post(`/api/employees/${n}/examinations/${opened.body.examinationId}/closure`, tokens.hr, closure);
      expect([closed.status, closed.body]).toEqual([200, expect.objectContaining({ version: 3 })]);
      expectError(await post(`/api/employees/${n}/examinations/${opened.body.examinationId}/closure`, tokens.hr, closure), 409, 'CONFLICT');
      expectError(await post(`/api/employees/${n}/examinations/unknown-exam/closure`, tokens.hr, closure), 404, 'NOT_FOUND');
    });

    test('closed before it was opened: 400, nothing written', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const opened = await post(`/api/employees/${n}/examinations`, tokens.hr, { openedOn: '2026-02-10', reason: 'Report of absence' });
      const before = await events.count();
      const res = await post(`/api/employees/${n}/examinations/${opened.body.examinationId}/closure`, tokens.hr, {
        closedOn: '2026-02-09',
        outcome: 'x',
      });
      expectError(res, 400, 'VALIDATION_FAILED');
      expectFieldInDetails(res.body, 'closedOn');
      expect(await events.count()).toBe(before);
    });
  });

  describe('transfer', () => {
    test('the old agency then gets 404 for commands and reads the career of its own period; the new agency acts and reads all', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const moved = await post(`/api/employees/${n}/transfer`, tokens.hr, { toAgency: MEDAN, since: '2026-03-01' });
      expect(moved.status).toBe(201);
      const before = await events.count();
      expectError(
        await post(`/api/employees/${n}/credit-points`, tokens.hr, { pakNumber: 'PAK/9', statedOn: '2026-02-15', points: 3 }),
        404,
        'NOT_FOUND',
      );
      expectError(await post('/api/employees', tokens.hr, employeeBody(n)), 404, 'NOT_FOUND');
      expect(await events.count()).toBe(before);

      const education = await post(`/api/employees/${n}/education`, tokens.medanHr, {
        level: 'S2',
        institution: 'USU',
        graduatedOn: '2025-08-30',
      });
      expect(education.status).toBe(201);
      await settle(t, events);
      const former = await t.http.get(`/api/employees/${n}/career`).set(bearer(tokens.hr));
      expect(former.status).toBe(200);
      expect(former.body).toMatchObject({ transferred: { toAgency: MEDAN, since: '2026-03-01' }, grade: 'III/b' });
      expect(former.body.history.map((h: { what: string }) => h.what)).not.toContain(`Transfer: ${LANGSA} to ${MEDAN}`);
      const stranger = await t.token(nip(SERIES, 90), ['hr'], 'pemkot-semarang');
      expectError(await t.http.get(`/api/employees/${n}/career`).set(bearer(stranger)), 404, 'NOT_FOUND');
      const career = await t.http.get(`/api/employees/${n}/career`).set(bearer(tokens.medanHr));
      expect(career.status).toBe(200);
      expect(career.body.education).toBe('S2');
      expect(career.body.history.map((h: { what: string }) => h.what)).toEqual(['Education: S2, USU', `Transfer: ${LANGSA} to ${MEDAN}`]);
    });
  });

  describe('career view', () => {
    test('shows rank, education, post, superior, sanctions and the history of the record', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n, { superiorNip: SUPERIOR, education: 'S1' });
      await settle(t, events);
      const first = await t.http.get(`/api/employees/${n}/career`).set(bearer(tokens.hr));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        grade: 'III/b',
        rankName: 'Penata Muda Tingkat I',
        education: 'S1',
        position: { title: 'Analis Kepegawaian', type: 'FUNGSIONAL', jenjang: 'AHLI_PERTAMA', since: '2021-01-01' },
        superiorNip: SUPERIOR,
        superiorName: 'Teuku Umar',
        positionType: 'FUNGSIONAL',
        sanctions: [],
        history: [],
      });
      expect(first.body.position).not.toHaveProperty('eselon');
      // A functional official's credit points toward the next grade: none yet, Ahli Pertama's target of 50.
      expect(first.body.creditPoints).toMatchObject({ sinceLastPromotion: 0, target: 50 });

      for (const { route, body } of COMMANDS.filter((c) => c.route !== 'transfer' && c.route !== 'examinations')) {
        expect((await post(`/api/employees/${n}/${route}`, tokens.hr, body)).status).toBe(201);
      }
      const sanctionId = (
        await events.query<{ id: string }>(
          `SELECT data->>'sanctionId' AS id FROM events WHERE stream_id = $1 AND type = 'DisciplinarySanctionImposed'`,
          [`employee-${n}`],
        )
      )[0].id;
      const annulled = await post(`/api/employees/${n}/sanctions/${sanctionId}/annulment`, tokens.hr, {
        decreeNumber: '800/30/BKPSDM/2026',
        decreeDate: '2026-03-01',
        reason: 'Overturned on appeal',
      });
      expect(annulled.status).toBe(200);
      await settle(t, events);

      const career = await t.http.get(`/api/employees/${n}/career`).set(bearer(tokens.auditor));
      expect(career.status).toBe(200);
      expect(career.body).toMatchObject({
        unitId: 'bappeda',
        education: 'S2',
        position: { title: 'Kepala Subbagian Perencanaan', type: 'PENGAWAS', eselon: 'IV.a', since: '2026-02-01' },
        superiorNip: null,
        positionTitle: 'Kepala Subbagian Perencanaan',
        sanctions: [
          {
            sanctionId,
            level: 'MODERATE',
            type: 'ALLOWANCE_CUT_6M',
            reason: 'Absent without leave',
            decree: { number: '800/12/BKPSDM/2026', date: '2026-01-20' },
            from: '2026-01-31',
            until: '2026-07-30',
            annulled: true,
            annulment: { decreeNumber: '800/30/BKPSDM/2026', decreeDate: '2026-03-01', reason: 'Overturned on appeal' },
          },
        ],
      });
      expect(career.body.history).toEqual([
        { at: '2025-08-30', what: 'Education: S2, Universitas Syiah Kuala' },
        { at: '2025-11-10', what: 'Service exam level 1 passed (UD-2025-0042)' },
        { at: '2026-01-31', what: 'Sanction MODERATE ALLOWANCE_CUT_6M (800/12/BKPSDM/2026) until 2026-07-30' },
        { at: '2026-02-01', what: 'Post (ROTATION): Kepala Subbagian Perencanaan (PENGAWAS IV.a) in bappeda' },
        { at: '2026-02-15', what: 'PAK PAK/001/2026: 52.125 credit points' },
        { at: '2026-03-01', what: 'Sanction annulled (800/30/BKPSDM/2026)' },
      ]);
    });
  });
});
