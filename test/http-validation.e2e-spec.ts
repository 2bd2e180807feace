import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Role } from '../libs/domain/src/events.js';
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
  propose,
  proposalBody,
  registerEmployee,
  seedEligible,
  settle,
} from './http-support.js';

const SERIES = 2;
const HR = nip(SERIES, 1);
const EVALUATOR = nip(SERIES, 2);
const VERIFIER = nip(SERIES, 3);
const ADMIN = nip(SERIES, 4);
const CANDIDATE = nip(SERIES, 10);
const SEMARANG = 'pemkot-semarang';

type Body = unknown;
type Method = 'post' | 'put';

interface RouteSpec {
  name: string;
  method: Method;
  path: () => string;
  roles: Role[];
  agency?: string;
  /** A body that succeeds (fresh each call); the bad bodies below differ from it in one defect. */
  valid: () => Record<string, unknown>;
  bad: [label: string, body: () => Body, field: string][];
}

describe('HTTP input validation: every bad input is a 4xx that writes nothing', () => {
  let t: TestApp;
  let events: EventCounter;
  let caseId: string;
  let closedCaseId: string;
  let seq = 100;
  const fresh = () => nip(SERIES, seq++);
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    events = await new EventCounter(t.database.url).open();
    tokens.hr = await t.token(HR, ['hr']);
    tokens.evaluator = await t.token(EVALUATOR, ['evaluator']);
    tokens.verifier = await t.token(VERIFIER, ['verifier']);
    tokens.admin = await t.token(ADMIN, ['admin'], SEMARANG);
    tokens.medanHr = await t.token(HR, ['hr'], MEDAN);
    await seedEligible(t.http, { hr: tokens.hr, evaluator: tokens.evaluator }, CANDIDATE);
    caseId = await propose(t.http, tokens.hr, CANDIDATE);
    const other = nip(SERIES, 11);
    await seedEligible(t.http, { hr: tokens.hr, evaluator: tokens.evaluator }, other);
    closedCaseId = await propose(t.http, tokens.hr, other);
    const rejected = await t.http
      .post(`/api/promotions/${closedCaseId}/decisions`)
      .set(bearer(tokens.verifier))
      .send({ decision: 'REJECT', reason: 'Berkas tidak lengkap' });
    expect(rejected.status).toBe(200);
  });
  afterAll(async () => {
    await events.close();
    await t.close();
  });

  const omit = (body: Record<string, unknown>, key: string) => {
    const copy = { ...body };
    delete copy[key];
    return copy;
  };

  const employeeRoute: RouteSpec = {
    name: 'POST /api/employees',
    method: 'post',
    path: () => '/api/employees',
    roles: ['hr'],
    valid: () => employeeBody(fresh()),
    bad: [],
  };
  const reg = () => employeeBody(fresh());
  employeeRoute.bad = [
    ['an unknown field', () => ({ ...reg(), salary: 5_000_000 }), 'salary'],
    ['a client-sent agencyId', () => ({ ...reg(), agencyId: MEDAN }), 'agencyId'],
    // eslint-disable-next-line no-loss-of-precision -- a NIP sent as a JSON number loses digits, which is the point
    ['nip as a number', () => ({ ...reg(), nip: 198507122010011001 }), 'nip'],
    ['nip with 17 digits', () => ({ ...reg(), nip: '19850712201001100' }), 'nip'],
    ['nip with 19 digits', () => ({ ...reg(), nip: '1985071220100110011' }), 'nip'],
    ['nip with a letter', () => ({ ...reg(), nip: '19850712201001100A' }), 'nip'],
    ['nip with an impossible birth date (month 13, day 45)', () => ({ ...reg(), nip: '198513452010011001' }), 'nip'],
    ['nip with 31 February as birth date', () => ({ ...reg(), nip: '198502312010011001' }), 'nip'],
    ['nip with appointment month 13', () => ({ ...reg(), nip: '198507122010131001' }), 'nip'],
    ['nip with sex digit 3', () => ({ ...reg(), nip: '198507122010013001' }), 'nip'],
    ['nip appointed as a child', () => ({ ...reg(), nip: '198507121990011001' }), 'nip'],
    ['name as a number', () => ({ ...reg(), name: 42 }), 'name'],
    ['name null', () => ({ ...reg(), name: null }), 'name'],
    ['name blank', () => ({ ...reg(), name: '   ' }), 'name'],
    ['name too long', () => ({ ...reg(), name: 'x'.repeat(201) }), 'name'],
    ['grade unknown', () => ({ ...reg(), grade: 'III/e' }), 'grade'],
    ['grade as an array', () => ({ ...reg(), grade: ['III/b'] }), 'grade'],
    ['gradeSince 30 February', () => ({ ...reg(), gradeSince: '2021-02-30' }), 'gradeSince'],
    ['gradeSince month 13', () => ({ ...reg(), gradeSince: '2021-13-01' }), 'gradeSince'],
    ['gradeSince in DD-MM-YYYY', () => ({ ...reg(), gradeSince: '01-01-2021' }), 'gradeSince'],
    ['gradeSince as an instant', () => ({ ...reg(), gradeSince: '2021-01-01T00:00:00Z' }), 'gradeSince'],
    ['gradeSince in the future', () => ({ ...reg(), gradeSince: '2026-03-03' }), 'gradeSince'],
    ['gradeSince in year 0000 (PostgreSQL cannot store it)', () => ({ ...reg(), gradeSince: '0000-01-01' }), 'gradeSince'],
    ['positionType unknown', () => ({ ...reg(), positionType: 'MANAGER', jenjang: undefined }), 'positionType'],
    ['education unknown', () => ({ ...reg(), education: 'S4' }), 'education'],
    ['jenjang missing for FUNGSIONAL', () => omit(reg(), 'jenjang'), 'jenjang'],
    ['eselon for FUNGSIONAL', () => ({ ...reg(), eselon: 'IV.a' }), 'eselon'],
    ['eselon missing for JPT', () => ({ ...reg(), positionType: 'JPT', jenjang: undefined }), 'eselon'],
    ['unitId with spaces', () => ({ ...reg(), unitId: 'Dinas Kesehatan' }), 'unitId'],
    ...(['nip', 'name', 'unitId', 'grade', 'gradeSince', 'education', 'positionTitle', 'positionType'] as const).map(
      (field): [string, () => Body, string] => [`${field} missing`, () => omit(reg(), field), field],
    ),
  ];

  const sanctionBase = () => ({
    level: 'MODERATE',
    type: 'ALLOWANCE_CUT_6M',
    reason: 'Mangkir 10 hari kerja',
    decreeNumber: '800/12/BKPSDM/2026',
    decreeDate: '2025-12-20',
    from: '2026-01-01',
  });
  const sanctionRoute: RouteSpec = {
    name: 'POST /api/employees/{nip}/sanctions',
    method: 'post',
    path: () => `/api/employees/${nip(SERIES, 12)}/sanctions`,
    roles: ['hr'],
    valid: sanctionBase,
    bad: [
      ['an unknown field', () => ({ ...sanctionBase(), sanctionId: 'x' }), 'sanctionId'],
      ['level unknown', () => ({ ...sanctionBase(), level: 'HARSH' }), 'level'],
      ['level as a number', () => ({ ...sanctionBase(), level: 2 }), 'level'],
      ['reason empty', () => ({ ...sanctionBase(), reason: '' }), 'reason'],
      ['reason blank', () => ({ ...sanctionBase(), reason: '  ' }), 'reason'],
      ['from 30 February', () => ({ ...sanctionBase(), from: '2026-02-30' }), 'from'],
      ['from with slashes', () => ({ ...sanctionBase(), from: '2026/01/01' }), 'from'],
      ['from in year 0000', () => ({ ...sanctionBase(), from: '0000-01-01' }), 'from'],
      ['a client-sent until (the type gives the term)', () => ({ ...sanctionBase(), until: '2026-06-30' }), 'until'],
      ['type unknown', () => ({ ...sanctionBase(), type: 'FINE' }), 'type'],
      ['type of another level', () => ({ ...sanctionBase(), type: 'DISCHARGE' }), 'type'],
      ['decreeDate in the future', () => ({ ...sanctionBase(), decreeDate: '2026-03-03' }), 'decreeDate'],
      ['from before the decree', () => ({ ...sanctionBase(), from: '2025-12-19' }), 'from'],
      ...(['level', 'type', 'reason', 'decreeNumber', 'decreeDate', 'from'] as const).map((field): [string, () => Body, string] => [
        `${field} missing`,
        () => omit(sanctionBase(), field),
        field,
      ]),
    ],
  };

  const appraisalBase = (period = 2023) => ({ nip: CANDIDATE, period, results: 'AS_EXPECTED', behaviour: 'AS_EXPECTED' });
  const appraisalRoute: RouteSpec = {
    name: 'POST /api/appraisals',
    method: 'post',
    path: () => '/api/appraisals',
    roles: ['evaluator'],
    valid: () => appraisalBase(2022),
    bad: [
      ['an unknown field', () => ({ ...appraisalBase(), score: 97 }), 'score'],
      ['a client-sent predicate', () => ({ ...appraisalBase(), predicate: 'SANGAT_BAIK' }), 'predicate'],
      ['period as a string', () => ({ ...appraisalBase(), period: '2023' }), 'period'],
      ['period as a fraction', () => ({ ...appraisalBase(), period: 2023.5 }), 'period'],
      ['period before 2000', () => ({ ...appraisalBase(), period: 1999 }), 'period'],
      ['period in the future', () => ({ ...appraisalBase(), period: 2027 }), 'period'],
      ['period huge', () => ({ ...appraisalBase(), period: 1e308 }), 'period'],
      ['period null', () => ({ ...appraisalBase(), period: null }), 'period'],
      ['results unknown', () => ({ ...appraisalBase(), results: 'GOOD' }), 'results'],
      ['behaviour lower case', () => ({ ...appraisalBase(), behaviour: 'above' }), 'behaviour'],
      ['notes as an object', () => ({ ...appraisalBase(), notes: { text: 'x' } }), 'notes'],
      ['nip with an impossible birth date', () => ({ ...appraisalBase(), nip: '198513452010011001' }), 'nip'],
      ['nip with 17 digits', () => ({ ...appraisalBase(), nip: '19850712201001100' }), 'nip'],
      ...(['nip', 'period', 'results', 'behaviour'] as const).map((field): [string, () => Body, string] => [
        `${field} missing`,
        () => omit(appraisalBase(), field),
        field,
      ]),
    ],
  };

  const trainingBase = (cert = `SERT-${seq++}`) => ({
    nip: CANDIDATE,
    title: 'Diklat Teknis Pengadaan Barang/Jasa',
    hours: 32,
    kind: 'TECHNICAL',
    provider: 'LKPP',
    completedOn: '2026-02-20',
    certificateNo: cert,
  });
  const trainingRoute: RouteSpec = {
    name: 'POST /api/trainings',
    method: 'post',
    path: () => '/api/trainings',
    roles: ['hr'],
    valid: () => trainingBase(),
    bad: [
      ['an unknown field', () => ({ ...trainingBase(), unitId: 'dinas-kesehatan' }), 'unitId'],
      ['hours 0', () => ({ ...trainingBase(), hours: 0 }), 'hours'],
      ['hours 201', () => ({ ...trainingBase(), hours: 201 }), 'hours'],
      ['hours negative', () => ({ ...trainingBase(), hours: -5 }), 'hours'],
      ['hours fractional', () => ({ ...trainingBase(), hours: 24.5 }), 'hours'],
      ['hours as a string', () => ({ ...trainingBase(), hours: '24' }), 'hours'],
      ['kind unknown', () => ({ ...trainingBase(), kind: 'SOFT_SKILLS' }), 'kind'],
      ['completedOn in the future', () => ({ ...trainingBase(), completedOn: '2026-03-03' }), 'completedOn'],
      ['completedOn far in the future', () => ({ ...trainingBase(), completedOn: '2099-01-01' }), 'completedOn'],
      ['completedOn 29 February of a common year', () => ({ ...trainingBase(), completedOn: '2025-02-29' }), 'completedOn'],
      ['completedOn as an instant', () => ({ ...trainingBase(), completedOn: '2026-02-20T00:00:00Z' }), 'completedOn'],
      ['completedOn in year 0000', () => ({ ...trainingBase(), completedOn: '0000-06-15' }), 'completedOn'],
      ['certificateNo empty', () => ({ ...trainingBase(), certificateNo: '' }), 'certificateNo'],
      ['certificateNo blank', () => ({ ...trainingBase(), certificateNo: '   ' }), 'certificateNo'],
      ['title as a number', () => ({ ...trainingBase(), title: 7 }), 'title'],
      ['nip with letters', () => ({ ...trainingBase(), nip: 'ABCDEFGHIJKLMNOPQR' }), 'nip'],
      ...(['nip', 'title', 'hours', 'kind', 'provider', 'completedOn', 'certificateNo'] as const).map(
        (field): [string, () => Body, string] => [`${field} missing`, () => omit(trainingBase(), field), field],
      ),
    ],
  };

  const agencyBase = () => ({ name: 'Pemerintah Kota Semarang', timeZone: 'Asia/Jakarta', holidays: ['2026-03-19'] });
  const agencyRoute: RouteSpec = {
    name: 'PUT /api/agencies/{agencyId}',
    method: 'put',
    path: () => `/api/agencies/${SEMARANG}`,
    roles: ['admin'],
    agency: SEMARANG,
    valid: agencyBase,
    bad: [
      ['an unknown field', () => ({ ...agencyBase(), logo: 'x.png' }), 'logo'],
      ['timeZone not Indonesian', () => ({ ...agencyBase(), timeZone: 'Asia/Tokyo' }), 'timeZone'],
      ['timeZone as an offset', () => ({ ...agencyBase(), timeZone: '+07:00' }), 'timeZone'],
      ['a holiday with month 13', () => ({ ...agencyBase(), holidays: ['2026-13-01'] }), 'holidays'],
      ['a holiday in year 0000', () => ({ ...agencyBase(), holidays: ['0000-01-01'] }), 'holidays'],
      ['holidays as a string', () => ({ ...agencyBase(), holidays: '2026-03-19' }), 'holidays'],
      // Roles and the mandatory stages are national: a stage's role is an unknown field.
      ['a stage with a role', () => ({ ...agencyBase(), stages: [{ id: 'verification', role: 'verifier', sla: 'P2D' }] }), 'stages'],
      ['a stage with an unknown field', () => ({ ...agencyBase(), stages: [{ id: 'verification', sla: 'P2D', color: 'red' }] }), 'stages'],
      ['a stage with a nonsense SLA', () => ({ ...agencyBase(), stages: [{ id: 'verification', sla: 'banana' }] }), 'stages'],
      ['a stage that is not national', () => ({ ...agencyBase(), stages: [{ id: 'interview', sla: 'P2D' }] }), 'stages'],
      [
        'the committee required for an unknown kind',
        () => ({ ...agencyBase(), stages: [{ id: 'committee', sla: 'P5D', requiredFor: ['SELECTION'] }] }),
        'stages',
      ],
      [
        'a merit policy (national rules cannot be configured)',
        () => ({
          ...agencyBase(),
          meritPolicy: {
            version: 2,
            regularYearsInGrade: 4,
            selectionYearsInGrade: 1,
            minimumPredicates: ['BAIK'],
            appraisalYears: 2,
            trainingHours: 20,
            trainingWindowMonths: 12,
          },
        }),
        'meritPolicy',
      ],
      ['name missing', () => omit(agencyBase(), 'name'), 'name'],
      ['timeZone missing', () => omit(agencyBase(), 'timeZone'), 'timeZone'],
    ],
  };

  const proposalRoute: RouteSpec = {
    name: 'POST /api/promotions',
    method: 'post',
    path: () => '/api/promotions',
    roles: ['hr'],
    // The candidate has an open case, so a body that passed validation would be 409, never 201.
    valid: () => proposalBody(CANDIDATE),
    bad: [
      ['an unknown field', () => ({ ...proposalBody(CANDIDATE), eligible: true }), 'eligible'],
      ['a client-sent proposer', () => ({ ...proposalBody(CANDIDATE), proposer: VERIFIER }), 'proposer'],
      ['kind unknown', () => proposalBody(CANDIDATE, { kind: 'FAST_TRACK' }), 'kind'],
      ['toGrade unknown', () => proposalBody(CANDIDATE, { toGrade: 'V/a' }), 'toGrade'],
      ['effectiveDate not the first of a month', () => proposalBody(CANDIDATE, { effectiveDate: '2026-04-15' }), 'effectiveDate'],
      ['effectiveDate 30 February', () => proposalBody(CANDIDATE, { effectiveDate: '2026-02-30' }), 'effectiveDate'],
      ['effectiveDate more than 12 months ahead', () => proposalBody(CANDIDATE, { effectiveDate: '2027-04-01' }), 'effectiveDate'],
      ['effectiveDate more than 12 months back', () => proposalBody(CANDIDATE, { effectiveDate: '2025-02-01' }), 'effectiveDate'],
      ['effectiveDate as a number', () => proposalBody(CANDIDATE, { effectiveDate: 20260401 }), 'effectiveDate'],
      ['justification empty', () => proposalBody(CANDIDATE, { justification: '' }), 'justification'],
      // There is no override any more: the field itself is unknown.
      [
        'an exceptionJustification',
        () => proposalBody(CANDIDATE, { exceptionJustification: 'Berkas kertas hilang' }),
        'exceptionJustification',
      ],
      ['kind SELECTION (not a KP kind)', () => proposalBody(CANDIDATE, { kind: 'SELECTION' }), 'kind'],
      ['nip with an impossible birth date', () => proposalBody('198513452010011001'), 'nip'],
      ...(['nip', 'kind', 'toGrade', 'effectiveDate', 'justification'] as const).map((field): [string, () => Body, string] => [
        `${field} missing`,
        () => omit(proposalBody(CANDIDATE), field),
        field,
      ]),
    ],
  };

  const decisionRoute: RouteSpec = {
    name: 'POST /api/promotions/{caseId}/decisions',
    method: 'post',
    path: () => `/api/promotions/${caseId}/decisions`,
    roles: ['verifier'],
    valid: () => ({ decision: 'APPROVE' }),
    bad: [
      ['an unknown field', () => ({ decision: 'APPROVE', decidedBy: VERIFIER }), 'decidedBy'],
      ['decision unknown', () => ({ decision: 'MAYBE' }), 'decision'],
      ['decision lower case', () => ({ decision: 'approve' }), 'decision'],
      ['decision missing', () => ({ reason: 'ok' }), 'decision'],
      ['RETURN without reason', () => ({ decision: 'RETURN' }), 'reason'],
      ['RETURN with a blank reason', () => ({ decision: 'RETURN', reason: '   ' }), 'reason'],
      ['REJECT without reason', () => ({ decision: 'REJECT' }), 'reason'],
      ['REJECT with reason null', () => ({ decision: 'REJECT', reason: null }), 'reason'],
      ['reason as a number', () => ({ decision: 'RETURN', reason: 5 }), 'reason'],
      ['expectedVersion negative', () => ({ decision: 'APPROVE', expectedVersion: -1 }), 'expectedVersion'],
      ['expectedVersion as a string', () => ({ decision: 'APPROVE', expectedVersion: '1' }), 'expectedVersion'],
      ['expectedVersion fractional', () => ({ decision: 'APPROVE', expectedVersion: 1.5 }), 'expectedVersion'],
      ['documents not a list', () => ({ decision: 'APPROVE', documents: 'LAST_GRADE_DECREE' }), 'documents'],
      ['a verdict unknown', () => ({ decision: 'APPROVE', documents: [{ documentId: 'd-1', verdict: 'MAYBE' }] }), 'documents'],
      ['a verdict without documentId', () => ({ decision: 'APPROVE', documents: [{ verdict: 'OK' }] }), 'documents'],
      ['pertekDate not a date', () => ({ decision: 'APPROVE', pertekNumber: 'P-1', pertekDate: '2026-13-01' }), 'pertekDate'],
      ['decreeNumber as a number', () => ({ decision: 'APPROVE', decreeNumber: 823, decreeDate: '2026-03-02' }), 'decreeNumber'],
    ],
  };

  const claimRoute: RouteSpec = {
    name: 'POST /api/promotions/{caseId}/claim',
    method: 'post',
    path: () => `/api/promotions/${caseId}/claim`,
    roles: ['verifier'],
    valid: () => ({}),
    bad: [
      ['an unknown field', () => ({ until: '2026-03-02T05:00:00Z' }), 'until'],
      ['expectedVersion as a string', () => ({ expectedVersion: 'one' }), 'expectedVersion'],
    ],
  };
  const resubmitRoute: RouteSpec = {
    name: 'POST /api/promotions/{caseId}/resubmission',
    method: 'post',
    path: () => `/api/promotions/${caseId}/resubmission`,
    roles: ['hr'],
    valid: () => ({}),
    bad: [
      ['an unknown field', () => ({ stage: 'verification' }), 'stage'],
      ['expectedVersion negative', () => ({ expectedVersion: -3 }), 'expectedVersion'],
    ],
  };
  const withdrawRoute: RouteSpec = {
    name: 'POST /api/promotions/{caseId}/withdrawal',
    method: 'post',
    path: () => `/api/promotions/${caseId}/withdrawal`,
    roles: ['hr'],
    valid: () => ({}),
    bad: [
      ['an unknown field', () => ({ reason: 'Pindah instansi', withdrawnBy: VERIFIER }), 'withdrawnBy'],
      ['reason as a number', () => ({ reason: 12 }), 'reason'],
      ['reason blank', () => ({ reason: '  ' }), 'reason'],
      ['expectedVersion as a boolean', () => ({ expectedVersion: true }), 'expectedVersion'],
    ],
  };

  const routes = [
    employeeRoute,
    sanctionRoute,
    appraisalRoute,
    trainingRoute,
    agencyRoute,
    proposalRoute,
    decisionRoute,
    claimRoute,
    resubmitRoute,
    withdrawRoute,
  ];
  const tokenFor = (route: RouteSpec) =>
    t.token(
      route.roles.includes('admin')
        ? ADMIN
        : route.roles.includes('evaluator')
          ? EVALUATOR
          : route.roles.includes('verifier')
            ? VERIFIER
            : HR,
      route.roles,
      route.agency ?? LANGSA,
    );
  const send = async (route: RouteSpec, body: Body, headers: Record<string, string> = {}) =>
    t.http[route.method](route.path())
      .set({ ...bearer(await tokenFor(route)), ...headers })
      .send(body as object);

  beforeAll(async () => {
    await registerEmployee(t.http, tokens.hr, nip(SERIES, 12));
  });

  describe.each(routes.map((r) => [r.name, r] as const))('%s', (_name, route) => {
    test.each(route.bad.map(([label, body, field]) => [label, body, field] as const))(
      '%s → 400 VALIDATION_FAILED naming the field, nothing written',
      async (_label, body, field) => {
        const before = await events.count();
        const res = await send(route, body());
        expectError(res, 400, 'VALIDATION_FAILED');
        expectFieldInDetails(res.body, field);
        expect(await events.count()).toBe(before);
      },
    );

    test('top-level bodies that are not objects → 400, nothing written', async () => {
      const before = await events.count();
      for (const raw of ['[]', '[{"decision":"APPROVE"}]', '"APPROVE"', '42', 'true']) {
        const res = await t.http[route.method](route.path())
          .set({ ...bearer(await tokenFor(route)), 'Content-Type': 'application/json' })
          .send(raw);
        expect([raw, res.status, res.body.code]).toEqual([raw, 400, 'VALIDATION_FAILED']);
      }
      expect(await events.count()).toBe(before);
    });

    test('malformed JSON, an empty JSON body, text/plain and a body over 64 KiB are rejected, nothing written', async () => {
      const before = await events.count();
      const token = await tokenFor(route);
      const req = () => t.http[route.method](route.path()).set(bearer(token));

      const malformed = await req().set('Content-Type', 'application/json').send('{"nip": "1985",');
      expectError(malformed, 400, 'VALIDATION_FAILED');
      const trailingComma = await req().set('Content-Type', 'application/json').send('{"decision":"APPROVE",}');
      expectError(trailingComma, 400, 'VALIDATION_FAILED');
      const empty = await req().set('Content-Type', 'application/json').send('');
      expect([400]).toContain(empty.status);

      const text = await req().set('Content-Type', 'text/plain').send(JSON.stringify(route.valid()));
      expectError(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const form = await req().set('Content-Type', 'application/x-www-form-urlencoded').send('decision=APPROVE');
      expectError(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const xml = await req().set('Content-Type', 'application/xml').send('<decision>APPROVE</decision>');
      expectError(xml, 415, 'UNSUPPORTED_MEDIA_TYPE');

      const huge = await req().send({ ...route.valid(), padding: 'x'.repeat(70 * 1024) });
      expectError(huge, 413, 'PAYLOAD_TOO_LARGE');
      // Just over the limit: 65 537 bytes of JSON.
      const overhead = JSON.stringify({ padding: '' }).length;
      const edge = await req()
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ padding: 'x'.repeat(64 * 1024 + 1 - overhead) }));
      expectError(edge, 413, 'PAYLOAD_TOO_LARGE');
      // Just under it, the body is read and judged on its shape instead.
      const under = await req()
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ padding: 'x'.repeat(64 * 1024 - 1 - overhead) }));
      expectError(under, 400, 'VALIDATION_FAILED');

      expect(await events.count()).toBe(before);
    });

    test('precedence: no token beats an unknown field (401), a forbidden role beats a bad body (403)', async () => {
      const before = await events.count();
      const badBody = { ...route.valid(), unexpected: true };
      const anonymous = await t.http[route.method](route.path()).send(badBody);
      expectError(anonymous, 401, 'UNAUTHENTICATED');
      const expired = await t.http[route.method](route.path())
        .set(bearer(await t.token(HR, route.roles, route.agency ?? LANGSA, -10)))
        .send(badBody);
      expectError(expired, 401, 'UNAUTHENTICATED');
      const wrongRole = await t.http[route.method](route.path())
        .set(bearer(await t.token(HR, ['auditor'], route.agency ?? LANGSA)))
        .send(badBody);
      expectError(wrongRole, 403, 'FORBIDDEN');
      // The HTTP layer still answers first for unreadable bodies, even without a token.
      const unreadable = await t.http[route.method](route.path()).set('Content-Type', 'application/json').send('{oops');
      expectError(unreadable, 400, 'VALIDATION_FAILED');
      const tooLarge = await t.http[route.method](route.path()).send({ padding: 'x'.repeat(70 * 1024) });
      expectError(tooLarge, 413, 'PAYLOAD_TOO_LARGE');
      const plain = await t.http[route.method](route.path()).set('Content-Type', 'text/plain').send('hello');
      expectError(plain, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await events.count()).toBe(before);
    });
  });

  test('the valid bodies of the creating routes are accepted (the controls for the 400s above)', async () => {
    for (const route of [employeeRoute, sanctionRoute, appraisalRoute, trainingRoute, agencyRoute]) {
      const before = await events.count();
      const res = await send(route, route.valid());
      expect([route.name, res.status]).toEqual([route.name, route.method === 'put' ? 200 : 201]);
      expect(await events.count()).toBe(before + 1);
    }
    // A proposal that passes validation meets the open case: 409, proving the 400s were about shape.
    const again = await send(proposalRoute, proposalRoute.valid());
    expectError(again, 409, 'CONFLICT');
    // Boundary values are accepted: 1 and 200 JP, completion today.
    for (const [hours, completedOn] of [
      [1, '2026-03-02'],
      [200, '2025-12-31'],
    ] as const) {
      const res = await send(trainingRoute, { ...trainingBase(), hours, completedOn });
      expect([hours, res.status]).toEqual([hours, 201]);
    }
  });

  describe('precedence between a bad body and the state of the target', () => {
    test('400 beats 404: a bad decision on an unknown case', async () => {
      const res = await t.http
        .post('/api/promotions/3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01/decisions')
        .set(bearer(tokens.verifier))
        .send({ decision: 'MAYBE' });
      expectError(res, 400, 'VALIDATION_FAILED');
      const unknown = await t.http
        .post('/api/promotions/3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01/decisions')
        .set(bearer(tokens.verifier))
        .send({ decision: 'APPROVE' });
      expectError(unknown, 404, 'NOT_FOUND');
    });

    test('400 beats 404: a bad sanction for an employee who does not exist', async () => {
      const before = await events.count();
      const unknown = nip(SERIES, 900);
      const bad = await t.http
        .post(`/api/employees/${unknown}/sanctions`)
        .set(bearer(tokens.hr))
        .send({ ...sanctionBase(), from: '2026-02-30' });
      expectError(bad, 400, 'VALIDATION_FAILED');
      expectFieldInDetails(bad.body, 'from');
      const reversed = await t.http
        .post(`/api/employees/${unknown}/sanctions`)
        .set(bearer(tokens.hr))
        .send({ ...sanctionBase(), until: '2025-01-01' });
      expectError(reversed, 400, 'VALIDATION_FAILED');
      const good = await t.http.post(`/api/employees/${unknown}/sanctions`).set(bearer(tokens.hr)).send(sanctionBase());
      expectError(good, 404, 'NOT_FOUND');
      expect(await events.count()).toBe(before);
    });

    test('a bad NIP in the path is 400, whether malformed or impossible', async () => {
      for (const bad of ['19850712201001100', 'abcdefghijklmnopqr', '198513452010011001', '198507122010013001']) {
        const sanction = await t.http.post(`/api/employees/${bad}/sanctions`).set(bearer(tokens.hr)).send(sanctionBase());
        expect([bad, sanction.status, sanction.body.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
        const career = await t.http.get(`/api/employees/${bad}/career`).set(bearer(tokens.hr));
        expect([bad, career.status]).toEqual([bad, 400]);
      }
    });

    test('a malformed caseId in the path is 400', async () => {
      const res = await t.http
        .post(`/api/promotions/${'x'.repeat(65)}/decisions`)
        .set(bearer(tokens.verifier))
        .send({ decision: 'APPROVE' });
      expectError(res, 400, 'VALIDATION_FAILED');
      const dots = await t.http.post('/api/promotions/case%20one/claim').set(bearer(tokens.verifier)).send({});
      expectError(dots, 400, 'VALIDATION_FAILED');
    });

    test('400 beats 409: a RETURN without reason on a closed case', async () => {
      const res = await t.http.post(`/api/promotions/${closedCaseId}/decisions`).set(bearer(tokens.verifier)).send({ decision: 'RETURN' });
      expectError(res, 400, 'VALIDATION_FAILED');
      const closed = await t.http
        .post(`/api/promotions/${closedCaseId}/decisions`)
        .set(bearer(tokens.verifier))
        .send({ decision: 'RETURN', reason: 'Lengkapi SKP' });
      expectError(closed, 409, 'CONFLICT');
    });

    test('400 beats 404: a bad configuration for another agency', async () => {
      const before = await events.count();
      const res = await t.http
        .put(`/api/agencies/${LANGSA}`)
        .set(bearer(tokens.admin))
        .send({ ...agencyBase(), stages: [{ id: 'verification', sla: 'banana' }] });
      expectError(res, 400, 'VALIDATION_FAILED');
      const other = await t.http.put(`/api/agencies/${LANGSA}`).set(bearer(tokens.admin)).send(agencyBase());
      expectError(other, 404, 'NOT_FOUND');
      expect(await events.count()).toBe(before);
    });

    test('400 beats 404: a bad proposal for an employee of another agency', async () => {
      const res = await t.http
        .post('/api/promotions')
        .set(bearer(tokens.medanHr))
        .send(proposalBody(CANDIDATE, { effectiveDate: '2026-04-15' }));
      expectError(res, 400, 'VALIDATION_FAILED');
      const good = await t.http.post('/api/promotions').set(bearer(tokens.medanHr)).send(proposalBody(CANDIDATE));
      expectError(good, 404, 'NOT_FOUND');
    });

    test('strings PostgreSQL cannot store (NUL, unpaired surrogates) are 400, never 500, and write nothing', async () => {
      const before = await events.count();
      const cases: [string, string, Record<string, unknown>, string][] = [
        ['/api/employees', 'post', { ...employeeBody(fresh()), name: 'Siti\u0000Rahmawati' }, 'name'],
        ['/api/employees', 'post', { ...employeeBody(fresh()), positionTitle: '\u0000' }, 'positionTitle'],
        ['/api/employees', 'post', { ...employeeBody(fresh()), name: 'Siti \ud800' }, 'name'],
        ['/api/employees', 'post', { ...employeeBody(fresh()), name: '\udc00 Budi' }, 'name'],
        ['/api/trainings', 'post', { ...trainingBase(), certificateNo: 'A\u0000B' }, 'certificateNo'],
        ['/api/appraisals', 'post', { ...appraisalBase(2021), notes: 'baik\u0000' }, 'notes'],
        [`/api/employees/${nip(SERIES, 12)}/sanctions`, 'post', { ...sanctionBase(), reason: '\ud83d' }, 'reason'],
        ['/api/promotions', 'post', proposalBody(nip(SERIES, 12), { justification: 'ok\u0000' }), 'justification'],
        [`/api/promotions/${caseId}/decisions`, 'post', { decision: 'RETURN', reason: 'periksa\u0000' }, 'reason'],
        [`/api/promotions/${caseId}/withdrawal`, 'post', { reason: '\udfff' }, 'reason'],
      ];
      for (const [path, method, body, field] of cases) {
        const roles: Role[] = path === '/api/appraisals' ? ['evaluator'] : path.includes('decisions') ? ['verifier'] : ['hr'];
        const token = await t.token(roles[0] === 'evaluator' ? EVALUATOR : roles[0] === 'verifier' ? VERIFIER : HR, roles);
        const res = await t.http[method as Method](path).set(bearer(token)).send(body);
        expect([path, field, res.status, res.body.code]).toEqual([path, field, 400, 'VALIDATION_FAILED']);
        expectFieldInDetails(res.body, field);
      }
      const agency = await t.http
        .put(`/api/agencies/${SEMARANG}`)
        .set(bearer(tokens.admin))
        .send({ ...agencyBase(), stages: [{ id: 'verification', sla: 'P2D\u0000' }] });
      expectError(agency, 400, 'VALIDATION_FAILED');
      expect(await events.count()).toBe(before);
      // Without a token it is still the 401 first.
      const anonymous = await t.http.post('/api/employees').send({ ...employeeBody(fresh()), name: '\u0000' });
      expectError(anonymous, 401, 'UNAUTHENTICATED');
      // Ordinary non-ASCII text is of course fine.
      const ok = await t.http
        .post('/api/employees')
        .set(bearer(tokens.hr))
        .send({ ...employeeBody(fresh()), name: 'Ṣiti Rahmawati 🌺 — Ñ' });
      expect(ok.status).toBe(201);
    });

    test('deeply nested bodies within 64 KiB are 400, never 500', async () => {
      const before = await events.count();
      const deepArray = `{"name":${'['.repeat(20000)}${']'.repeat(20000)}}`;
      const deepObject = `${'{"a":'.repeat(10000)}1${'}'.repeat(10000)}`;
      const deepStages = `{"name":"x","timeZone":"Asia/Jakarta","stages":[${'{"id":'.repeat(8000)}1${'}'.repeat(8000)}]}`;
      for (const [path, raw] of [
        ['/api/employees', deepArray],
        ['/api/employees', deepObject],
        ['/api/promotions', deepObject],
      ] as const) {
        const res = await t.http
          .post(path)
          .set({ ...bearer(tokens.hr), 'Content-Type': 'application/json' })
          .send(raw);
        expect([path, raw.length < 64 * 1024, res.status, res.body.code]).toEqual([path, true, 400, 'VALIDATION_FAILED']);
      }
      const agency = await t.http
        .put(`/api/agencies/${SEMARANG}`)
        .set({ ...bearer(tokens.admin), 'Content-Type': 'application/json' })
        .send(deepStages);
      expectError(agency, 400, 'VALIDATION_FAILED');
      expect(await events.count()).toBe(before);
    });

    test('a malformed Idempotency-Key is 400 and writes nothing', async () => {
      const before = await events.count();
      const res = await t.http
        .post('/api/employees')
        .set({ ...bearer(tokens.hr), 'Idempotency-Key': 'has spaces and ümlauts' })
        .send(employeeBody(fresh()));
      expectError(res, 400, 'VALIDATION_FAILED');
      const long = await t.http
        .post('/api/employees')
        .set({ ...bearer(tokens.hr), 'Idempotency-Key': 'k'.repeat(201) })
        .send(employeeBody(fresh()));
      expectError(long, 400, 'VALIDATION_FAILED');
      expect(await events.count()).toBe(before);
    });
  });

  test('after all of the above the open case is untouched: still version 1 at verification', async () => {
    await settle(t, events);
    const view = await t.http.get(`/api/promotions/${caseId}`).set(bearer(tokens.hr));
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'IN_PROGRESS', stage: 'verification', version: 1 });
    expect(await events.count(`promotion-${caseId}`)).toBe(1);
  });
});
