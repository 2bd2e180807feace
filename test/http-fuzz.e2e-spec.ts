import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import type { Role } from '../libs/domain/src/events.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import {
  bearer,
  employeeBody,
  EventCounter,
  LANGSA,
  nip,
  propose,
  proposalBody,
  registerEmployee,
  seedEligible,
  settle,
} from './http-support.js';

const SERIES = 5;
const HR = nip(SERIES, 1);
const EVALUATOR = nip(SERIES, 2);
const VERIFIER = nip(SERIES, 3);
const ADMIN = nip(SERIES, 4);
const FUZZ_AGENCY = 'pemkot-fuzz';
const RUNS = 150;
const KINDS = ['REGULAR', 'STRUCTURAL', 'FUNCTIONAL', 'DIPLOMA_ADJUSTMENT', 'OUTSTANDING'];

/** Values that break naive code: NULs and lone surrogates (PostgreSQL refuses both), edge numbers, near-valid strings. */
const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '\u0000',
    'Siti\u0000Rahmawati',
    '\ud800',
    'x\udfffy',
    '\\u0000',
    '',
    ' ',
    '2026-02-30',
    '2026-04-01',
    '2026-03-02',
    '9999-12-31',
    '0000-01-01',
    '+275760-09-13',
    '198507122010011001',
    '198513452010011001',
    'APPROVE',
    'RETURN',
    'REJECT',
    'III/c',
    'IV/e',
    'REGULAR',
    'Asia/Jakarta',
    'P2D',
    'PT2S',
    'P99999999D',
    'PT99999999999H',
    '__proto__',
    'constructor',
    'x'.repeat(5000),
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 200, 201, 2025, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

/** A record over the route's known fields, each absent, near-valid or nasty, sometimes with one extra key. */
function knownFields(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const arbs = Object.fromEntries(
    Object.entries(fields).map(([k, valid]) => [k, fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: nasty, weight: 3 })]),
  );
  return fc
    .tuple(fc.record(arbs, { requiredKeys: [] }), fc.option(fc.tuple(fc.string({ maxLength: 12 }), nasty), { freq: 5 }))
    .map(([record, extra]) => (extra ? { ...record, [extra[0]]: extra[1] } : record));
}

/** The valid body with exactly one field replaced by something nasty (or removed). */
function mutated(valid: () => Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(valid());
  return fc.tuple(fc.constantFrom(...keys), fc.option(nasty, { freq: 8 })).map(([key, value]) => {
    const body = valid();
    if (value === null) delete body[key];
    else body[key] = value;
    return body;
  });
}

function bodies(fields: Record<string, fc.Arbitrary<unknown>>, valid: () => Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.anything(), weight: 1 },
    { arbitrary: fc.object(), weight: 1 },
    { arbitrary: knownFields(fields), weight: 3 },
    { arbitrary: mutated(valid), weight: 3 },
    { arbitrary: fc.constant(null).map(() => valid()), weight: 1 },
  );
}

interface Route {
  name: string;
  method: 'post' | 'put' | 'delete';
  path: () => string;
  who: string;
  roles: Role[];
  agency?: string;
  body: () => fc.Arbitrary<unknown>;
}

describe('HTTP fuzzing: no request body, however malformed, gets a 5xx', () => {
  let t: TestApp;
  let events: EventCounter;
  const tokens = new Map<string, string>();
  let caseId: string;
  let seq = 100;
  const fresh = () => nip(SERIES, seq++ % 1000);
  const registered = nip(SERIES, 10);
  const candidate = nip(SERIES, 11);

  beforeAll(async () => {
    t = await startTestApp();
    events = await new EventCounter(t.database.url).open();
    const hr = await t.token(HR, ['hr']);
    await registerEmployee(t.http, hr, registered);
    await seedEligible(t.http, { hr, evaluator: await t.token(EVALUATOR, ['evaluator']) }, candidate);
    caseId = await propose(t.http, hr, candidate);
  });
  afterAll(async () => {
    await events.close();
    await t.close();
  });

  const date = fc.constantFrom('2026-01-15', '2025-06-01', '2026-04-01', '2026-03-02');
  const someNip = fc.constantFrom(registered, candidate, nip(SERIES, 999));
  const stage = fc.record(
    {
      id: fc.oneof(fc.constantFrom('verification', 'committee', 'approval', 'bkn', 'decree', 'x'), nasty),
      requiredFor: fc.oneof(fc.subarray([...KINDS, 'SELECTION']), nasty),
      sla: fc.oneof(
        fc.constantFrom(
          'P2D',
          'PT2S',
          'P366D',
          'P367D',
          'PT8784H',
          'PT9999999H',
          'P1Y',
          'P1M',
          'PT0S',
          'P0D',
          'P-1D',
          'P1.5D',
          'PT1.5H',
          'P2DT3H',
          'P1W',
        ),
        nasty,
      ),
    },
    { requiredKeys: [] },
  );
  const routes: Route[] = [
    {
      name: 'POST /api/employees',
      method: 'post',
      path: () => '/api/employees',
      who: HR,
      roles: ['hr'],
      body: () =>
        bodies(
          {
            nip: fc.constant(fresh()),
            name: fc.string({ minLength: 1 }),
            unitId: fc.constantFrom('dinas-kesehatan', 'bkpsdm'),
            grade: fc.constantFrom('III/b', 'IV/e', 'I/a'),
            gradeSince: date,
            education: fc.constantFrom('S1', 'SLTA', 'S4'),
            positionTitle: fc.string({ minLength: 1 }),
            positionType: fc.constantFrom('FUNGSIONAL', 'JPT'),
            eselon: fc.constantFrom('II.b', 'V.x'),
            jenjang: fc.constantFrom('AHLI_MUDA', 'PENYELIA'),
          },
          () => employeeBody(fresh()),
        ),
    },
    {
      name: 'POST /api/employees/{nip}/sanctions',
      method: 'post',
      path: () => `/api/employees/${registered}/sanctions`,
      who: HR,
      roles: ['hr'],
      body: () =>
        bodies(
          {
            level: fc.constantFrom('LIGHT', 'MODERATE', 'SEVERE'),
            type: fc.constantFrom('ORAL_REPRIMAND', 'ALLOWANCE_CUT_9M', 'DISCHARGE', 'UNSPECIFIED'),
            reason: fc.string({ minLength: 1 }),
            decreeNumber: fc.string({ minLength: 1 }),
            decreeDate: date,
            from: date,
          },
          () => ({
            level: 'LIGHT',
            type: 'ORAL_REPRIMAND',
            reason: 'Terlambat',
            decreeNumber: '800/3/2024',
            decreeDate: '2024-01-01',
            from: '2024-01-01',
          }),
        ),
    },
    {
      name: 'POST /api/appraisals',
      method: 'post',
      path: () => '/api/appraisals',
      who: EVALUATOR,
      roles: ['evaluator'],
      body: () =>
        bodies(
          {
            nip: someNip,
            period: fc.integer({ min: 1990, max: 2030 }),
            results: fc.constantFrom('ABOVE', 'AS_EXPECTED', 'BELOW'),
            behaviour: fc.constantFrom('ABOVE', 'AS_EXPECTED', 'BELOW'),
            notes: fc.string(),
          },
          () => ({ nip: registered, period: 2000 + (seq++ % 26), results: 'ABOVE', behaviour: 'ABOVE', notes: 'ok' }),
        ),
    },
    {
      name: 'POST /api/trainings',
      method: 'post',
      path: () => '/api/trainings',
      who: HR,
      roles: ['hr'],
      body: () =>
        bodies(
          {
            nip: someNip,
            title: fc.string({ minLength: 1 }),
            hours: fc.integer({ min: -5, max: 205 }),
            kind: fc.constantFrom('TECHNICAL', 'MANAGERIAL', 'SOCIOCULTURAL'),
            provider: fc.string({ minLength: 1 }),
            completedOn: date,
            certificateNo: fc.string({ minLength: 1 }),
          },
          () => ({
            nip: registered,
            title: 'Diklat',
            hours: 10,
            kind: 'TECHNICAL',
            provider: 'LAN',
            completedOn: '2026-01-10',
            certificateNo: `FZ-${seq++}`,
          }),
        ),
    },
    {
      name: 'PUT /api/agencies/{agencyId}',
      method: 'put',
      path: () => `/api/agencies/${FUZZ_AGENCY}`,
      who: ADMIN,
      roles: ['admin'],
      agency: FUZZ_AGENCY,
      body: () =>
        bodies(
          {
            name: fc.string({ minLength: 1 }),
            timeZone: fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'UTC'),
            holidays: fc.oneof(fc.array(fc.oneof(date, nasty), { maxLength: 4 }), nasty),
            stages: fc.oneof(fc.array(stage, { maxLength: 4 }), nasty),
            signatory: fc.oneof(fc.record({ name: fc.string(), title: fc.string() }, { requiredKeys: [] }), nasty),
            objectionSla: fc.oneof(fc.constantFrom('PT336H', 'P10D', 'banana'), nasty),
          },
          () => ({
            name: 'Pemkot Fuzz',
            timeZone: 'Asia/Makassar',
            holidays: ['2026-03-19'],
            stages: [{ id: 'verification', sla: 'P2D' }],
          }),
        ),
    },
    {
      name: 'POST /api/promotions',
      method: 'post',
      path: () => '/api/promotions',
      who: HR,
      roles: ['hr'],
      body: () =>
        bodies(
          {
            nip: someNip,
            kind: fc.constantFrom(...KINDS, 'SELECTION'),
            toGrade: fc.constantFrom('III/c', 'IV/e', 'I/a'),
            effectiveDate: fc.constantFrom('2026-04-01', '2025-04-01', '2027-03-01', '2026-04-02', '2026-05-01'),
            justification: fc.string({ minLength: 1 }),
          },
          () => proposalBody(registered),
        ),
    },
    ...(['decisions', 'claim', 'resubmission', 'withdrawal'] as const).map((action): Route => ({
      name: `POST /api/promotions/{caseId}/${action}`,
      method: 'post',
      path: () => `/api/promotions/${caseId}/${action}`,
      who: action === 'resubmission' || action === 'withdrawal' ? HR : VERIFIER,
      roles: action === 'resubmission' || action === 'withdrawal' ? ['hr'] : ['verifier'],
      body: () =>
        bodies(
          {
            decision: fc.constantFrom('APPROVE', 'RETURN', 'REJECT'),
            reason: fc.string(),
            expectedVersion: fc.integer({ min: -1, max: 5 }),
            documents: fc.oneof(
              fc.array(
                fc.record(
                  { documentId: fc.oneof(fc.uuid(), nasty), verdict: fc.constantFrom('OK', 'DEFICIENT', 'MAYBE'), note: fc.string() },
                  { requiredKeys: [] },
                ),
                { maxLength: 3 },
              ),
              nasty,
            ),
            pertekNumber: fc.oneof(fc.string(), nasty),
            pertekDate: fc.oneof(date, nasty),
            decreeNumber: fc.oneof(fc.string(), nasty),
            decreeDate: fc.oneof(date, nasty),
          },
          () => (action === 'decisions' ? { decision: 'RETURN', reason: 'Periksa lagi', expectedVersion: 1 } : { expectedVersion: 1 }),
        ),
    })),
    {
      name: 'DELETE /api/promotions/{caseId}/claim',
      method: 'delete',
      path: () => `/api/promotions/${caseId}/claim`,
      who: VERIFIER,
      roles: ['verifier'],
      body: () => bodies({ expectedVersion: fc.integer() }, () => ({ expectedVersion: 1 })),
    },
  ];

  const tokenFor = async (route: Route) => {
    const key = `${route.who}:${route.roles.join(',')}:${route.agency ?? LANGSA}`;
    if (!tokens.has(key)) tokens.set(key, await t.token(route.who, route.roles, route.agency ?? LANGSA));
    return tokens.get(key) as string;
  };

  test.each(routes.map((r) => [r.name, r] as const))('%s', async (_name, route) => {
    const token = await tokenFor(route);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(route.body(), async (body) => {
        const json = JSON.stringify(body);
        const res = await t.http[route.method](route.path())
          .set({ ...bearer(token), 'Content-Type': 'application/json' })
          .send(json === undefined ? 'null' : json);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500 || (res.status >= 400 && (typeof res.body?.code !== 'string' || res.body.statusCode !== res.status))) {
          throw new Error(`${res.status} ${JSON.stringify(res.body)} for body ${json?.slice(0, 300)}`);
        }
      }),
      { numRuns: RUNS },
    );
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    // The bodies were not all refused at the door: some reached the deciders (2xx, 404, 409, 403, 422).
    expect([...statuses.keys()].some((s) => s !== 400)).toBe(true);
    if (process.env.FUZZ_VERBOSE) console.log(route.name, Object.fromEntries(statuses));
  });

  test('proposals under whatever configuration the fuzzing left, and under extreme SLAs, are never a 5xx', async () => {
    const admin = await t.token(ADMIN, ['admin'], FUZZ_AGENCY);
    const hr = await t.token(HR, ['hr'], FUZZ_AGENCY);
    const evaluator = await t.token(EVALUATOR, ['evaluator'], FUZZ_AGENCY);
    const slas = [null, ['P366D', 'PT8784H'], ['PT1S', 'P1DT23H59M59S'], ['P0D', 'PT0S']];
    for (const pair of slas) {
      if (pair) {
        const res = await t.http
          .put(`/api/agencies/${FUZZ_AGENCY}`)
          .set(bearer(admin))
          .send({
            name: 'Pemkot Fuzz',
            timeZone: 'Asia/Jayapura',
            holidays: ['2026-03-03', '2026-03-04'],
            stages: pair.map((sla, i) => ({ id: ['verification', 'approval'][i], sla })),
          });
        expect(res.status).toBeLessThan(500);
      }
      const candidateNip = fresh();
      // Eligible, so the proposal gets as far as computing its deadline.
      await seedEligible(t.http, { hr, evaluator }, candidateNip);
      const proposed = await t.http.post('/api/promotions').set(bearer(hr)).send(proposalBody(candidateNip));
      expect([String(pair), proposed.status < 500]).toEqual([String(pair), true]);
    }
  });

  test('after the fuzzing the app is healthy and its projections caught up', async () => {
    await settle(t, events);
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    const view = await t.http.get(`/api/promotions/${caseId}`).set(bearer(await t.token(HR, ['hr'])));
    expect(view.status).toBe(200);
    expect(view.body.version).toBe(await events.count(`promotion-${caseId}`));
  });
});
