import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { Role } from '../libs/domain/src/events.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../libs/testing/src/app-harness.js';
import { bearer, employeeBody, EventCounter, expectError, LANGSA, nip } from './http-support.js';

const SERIES = 1;
const HR = nip(SERIES, 1);
const EVALUATOR = nip(SERIES, 2);
const secret = new TextEncoder().encode(TEST_JWT_SECRET);
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Mints a token by hand so each claim and header can be broken on purpose. */
async function mint(
  claims: Record<string, unknown>,
  options: { key?: Uint8Array; exp?: number | null; iat?: number | null; alg?: string; sub?: string | null } = {},
): Promise<string> {
  let jwt = new SignJWT({ agency: LANGSA, roles: ['hr'], ...claims }).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' });
  if (options.iat !== null) jwt = jwt.setIssuedAt(options.iat);
  if (options.sub !== null) jwt = jwt.setSubject(options.sub ?? HR);
  if (options.exp !== null) jwt = jwt.setExpirationTime(options.exp ?? nowSeconds() + 600);
  return jwt.sign(options.key ?? secret);
}

describe('HTTP authentication and authorisation', () => {
  let t: TestApp;
  let events: EventCounter;

  beforeAll(async () => {
    t = await startTestApp();
    events = await new EventCounter(t.database.url).open();
  });
  afterAll(async () => {
    await events.close();
    await t.close();
  });

  /** A write that would succeed with a good token: proves the 401s below come from the token alone. */
  const registration = (seq: number) => employeeBody(nip(SERIES, seq));

  test('a hand-minted valid token is accepted (the control for every 401 below)', async () => {
    const res = await t.http
      .post('/api/employees')
      .set(bearer(await mint({})))
      .send(registration(100));
    expect(res.status).toBe(201);
  });

  const unauthenticated: [string, () => Promise<Record<string, string>>][] = [
    ['no Authorization header', async () => ({})],
    ['an empty Authorization header', async () => ({ Authorization: '' })],
    ['a Basic scheme', async () => ({ Authorization: 'Basic aHI6c2VjcmV0' })],
    ['Bearer without a token', async () => ({ Authorization: 'Bearer ' })],
    ['a token that is not a JWT', async () => bearer('not-a-jwt')],
    ['a token with garbage segments', async () => bearer('abc.def.ghi')],
    ['a token with spaces inside', async () => ({ Authorization: `Bearer ${(await mint({})).replace('.', '. ')}` })],
    ['an expired token (harness, ttl -10 s)', async () => bearer(await t.token(HR, ['hr'], LANGSA, -10))],
    ['an expired token (jose)', async () => bearer(await mint({}, { exp: nowSeconds() - 60 }))],
    [
      'a token signed with another secret',
      async () => bearer(await mint({}, { key: new TextEncoder().encode('another-secret-that-is-long-enough-for-hs256-xyz') })),
    ],
    [
      'an alg:none token',
      async () => bearer(new UnsecuredJWT({ sub: HR, agency: LANGSA, roles: ['hr'] }).setIssuedAt().setExpirationTime('10m').encode()),
    ],
    ['an HS512 token with the right secret', async () => bearer(await mint({}, { alg: 'HS512' }))],
    ['a token without exp', async () => bearer(await mint({}, { exp: null }))],
    ['a token without sub', async () => bearer(await mint({}, { sub: null }))],
    ['a token whose sub is not a NIP', async () => bearer(await mint({}, { sub: 'admin' }))],
    ['a token whose sub is 18 zeros', async () => bearer(await mint({}, { sub: '000000000000000000' }))],
    ['a token whose sub has an impossible birth date', async () => bearer(await mint({}, { sub: '198513452010011001' }))],
    ['a token valid for 24 h and a minute (exp − iat)', async () => bearer(await mint({}, { exp: nowSeconds() + 24 * 3600 + 60 }))],
    ['a token without iat valid for 25 h from now', async () => bearer(await mint({}, { iat: null, exp: nowSeconds() + 25 * 3600 }))],
    [
      'a token issued in the future whose exp is 30 h away',
      async () => bearer(await mint({}, { iat: nowSeconds() + 10 * 3600, exp: nowSeconds() + 30 * 3600 })),
    ],
    ['a token with exp: 1e12', async () => bearer(await mint({}, { exp: 1e12 }))],
    ['a token with an unknown role', async () => bearer(await mint({ roles: ['hr', 'superuser'] }))],
    ['a token whose roles is a string', async () => bearer(await mint({ roles: 'hr' }))],
    ['a token without agency', async () => bearer(await mint({ agency: undefined }))],
    ['a token with a malformed agency', async () => bearer(await mint({ agency: 'Pemkot Langsa; DROP' }))],
    [
      'a token with a tampered payload',
      async () => {
        const [header, , signature] = (await mint({})).split('.');
        const payload = Buffer.from(JSON.stringify({ sub: HR, agency: LANGSA, roles: ['admin'], exp: nowSeconds() + 600 })).toString(
          'base64url',
        );
        return bearer(`${header}.${payload}.${signature}`);
      },
    ],
  ];

  test.each(unauthenticated)('%s → 401 UNAUTHENTICATED with the error body, nothing written', async (_label, headers) => {
    const h = await headers();
    const before = await events.count();
    const res = await t.http
      .post('/api/employees')
      .set(h)
      .send(registration(200 + unauthenticated.findIndex(([l]) => l === _label)));
    expectError(res, 401, 'UNAUTHENTICATED');
    expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'statusCode']);
    expect(await events.count()).toBe(before);
    // Reads are guarded the same way.
    const read = await t.http.get(`/api/employees/${HR}/career`).set(h);
    expectError(read, 401, 'UNAUTHENTICATED');
  });

  test('a token valid for exactly 24 h is accepted, with or without iat (the limit is inclusive)', async () => {
    const issuedNow = await mint({}, { exp: nowSeconds() + 24 * 3600 - 5 });
    const noIat = await mint({}, { iat: null, exp: nowSeconds() + 24 * 3600 - 5 });
    expect((await t.http.get('/api/queues/mine').set(bearer(issuedNow))).status).toBe(200);
    expect((await t.http.get('/api/queues/mine').set(bearer(noIat))).status).toBe(200);
  });

  test('a token in the query string is never accepted, whatever the parameter is called', async () => {
    const token = await mint({});
    expect((await t.http.get('/api/queues/mine').set(bearer(token))).status).toBe(200);
    for (const param of ['access_token', 'token', 'jwt', 'authorization']) {
      const res = await t.http.get(`/api/queues/mine?${param}=${token}`);
      expect([param, res.status, res.body.code]).toEqual([param, 401, 'UNAUTHENTICATED']);
    }
  });

  test('the harness and npm run token cannot mint what the api would refuse', async () => {
    await expect(t.token(HR, ['hr'], LANGSA, 24 * 3600 + 1)).rejects.toThrow(/at most 24 hours/);
    await expect(t.token('000000000000000000', ['hr'])).rejects.toThrow(/valid 18-digit NIP/);
    expect((await t.http.get('/api/queues/mine').set(bearer(await t.token(HR, ['hr'], LANGSA, 24 * 3600)))).status).toBe(200);
  });

  test('401 also on every command and query route without a token', async () => {
    const routes: [string, string][] = [
      ['post', '/api/employees'],
      ['post', `/api/employees/${HR}/sanctions`],
      ['post', '/api/appraisals'],
      ['post', '/api/trainings'],
      ['put', `/api/agencies/${LANGSA}`],
      ['get', `/api/agencies/${LANGSA}`],
      ['post', '/api/promotions'],
      ['post', '/api/promotions/3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01/decisions'],
      ['post', '/api/promotions/3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01/claim'],
      ['delete', '/api/promotions/3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01/claim'],
      ['post', '/api/promotions/3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01/resubmission'],
      ['post', '/api/promotions/3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01/withdrawal'],
      ['get', '/api/promotions/3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01'],
      ['get', `/api/employees/${HR}/career`],
      ['get', '/api/queues/mine'],
    ];
    for (const [method, path] of routes) {
      const req = (t.http as unknown as Record<string, (p: string) => ReturnType<TestApp['http']['get']>>)[method](path);
      const res = method === 'get' || method === 'delete' ? await req : await req.send({});
      expect([method, path, res.status, res.body.code]).toEqual([method, path, 401, 'UNAUTHENTICATED']);
    }
  });

  test('a valid token whose roles may never use the route → 403 FORBIDDEN, nothing written', async () => {
    const before = await events.count();
    const cases: [string, string[], () => ReturnType<TestApp['http']['get']>][] = [
      ['evaluator registering an employee', ['evaluator'], () => t.http.post('/api/employees')],
      ['employee registering an employee', ['employee'], () => t.http.post('/api/employees')],
      ['hr submitting an appraisal', ['hr'], () => t.http.post('/api/appraisals')],
      ['evaluator recording a training', ['evaluator'], () => t.http.post('/api/trainings')],
      ['verifier proposing a promotion', ['verifier'], () => t.http.post('/api/promotions')],
      ['employee deciding a case', ['employee'], () => t.http.post('/api/promotions/3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01/decisions')],
      ['auditor imposing a sanction', ['auditor'], () => t.http.post(`/api/employees/${HR}/sanctions`)],
      ['hr configuring the agency', ['hr'], () => t.http.put(`/api/agencies/${LANGSA}`)],
      ['verifier withdrawing a case', ['verifier'], () => t.http.post('/api/promotions/3f2c5d0e-9a57-4a8e-8f3e-1b2f8f6e7d01/withdrawal')],
    ];
    for (const [label, roles, request] of cases) {
      const token = await t.token(EVALUATOR, roles as never);
      const res = await request().set(bearer(token)).send(registration(300));
      expect([label, res.status, res.body.code]).toEqual([label, 403, 'FORBIDDEN']);
      expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'statusCode']);
    }
    const career = await t.http.get(`/api/employees/${HR}/career`).set(bearer(await t.token(EVALUATOR, ['evaluator'])));
    expectError(career, 403, 'FORBIDDEN');
    // The queue is everyone's: a role that decides nothing finds it empty.
    const queue = await t.http.get('/api/queues/mine').set(bearer(await t.token(EVALUATOR, ['evaluator'])));
    expect([queue.status, queue.body.items]).toEqual([200, []]);
    expect(await events.count()).toBe(before);
  });

  test("the agency's configuration is for admins: every other role 403 (before the agency is looked at), an admin of another agency 404", async () => {
    const others: Role[] = ['employee', 'hr', 'evaluator', 'verifier', 'committee', 'ppk', 'auditor'];
    for (const role of others) {
      const token = await t.token(EVALUATOR, [role]);
      for (const agency of [LANGSA, 'pemkot-medan']) {
        const res = await t.http.get(`/api/agencies/${agency}`).set(bearer(token));
        expect([role, agency, res.status, res.body.code]).toEqual([role, agency, 403, 'FORBIDDEN']);
      }
    }
    const admin = await t.token(EVALUATOR, ['admin']);
    const own = await t.http.get(`/api/agencies/${LANGSA}`).set(bearer(admin));
    expect([own.status, own.body.agencyId]).toEqual([200, LANGSA]);
    expectError(await t.http.get('/api/agencies/pemkot-medan').set(bearer(admin)), 404, 'NOT_FOUND');
  });

  test('a token with no roles at all is authenticated but forbidden', async () => {
    const res = await t.http
      .post('/api/employees')
      .set(bearer(await mint({ roles: [] })))
      .send(registration(301));
    expectError(res, 403, 'FORBIDDEN');
  });

  test('the actor comes from the token, not from a body field', async () => {
    // An "actor" field in the body is an unknown field: 400, and the token's NIP is what events carry.
    const spoof = await t.http
      .post('/api/employees')
      .set(bearer(await mint({})))
      .send({ ...registration(400), actor: EVALUATOR });
    expectError(spoof, 400, 'VALIDATION_FAILED');
    const ok = await t.http
      .post('/api/employees')
      .set(bearer(await mint({})))
      .send(registration(401));
    expect(ok.status).toBe(201);
    const [row] = await events.query<{ actor: string }>(`SELECT metadata->>'actor' AS actor FROM events WHERE stream_id = $1`, [
      `employee-${nip(SERIES, 401)}`,
    ]);
    expect(row.actor).toBe(HR);
  });

  test('with JWT_SECRET set, the dev sign-in answers like a route that does not exist and mints nothing', async () => {
    for (const [method, path] of [
      ['get', '/api/dev/users'],
      ['post', '/api/dev/sign-in'],
    ] as const) {
      const res = method === 'get' ? await t.http.get(path) : await t.http.post(path).send({ nip: HR });
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'NOT_FOUND']);
      expect(JSON.stringify(res.body)).not.toMatch(/eyJ/);
    }
  });

  test('/health answers 200 without a token', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  test('/docs-json is an OpenAPI document listing every route of docs/api.md that exists', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    const expected: [string, string][] = [
      ['/api/employees', 'post'],
      ['/api/employees/{nip}/sanctions', 'post'],
      ['/api/employees/{nip}/career', 'get'],
      ['/api/appraisals', 'post'],
      ['/api/trainings', 'post'],
      ['/api/promotions', 'post'],
      ['/api/promotions/{caseId}', 'get'],
      ['/api/promotions/{caseId}/decisions', 'post'],
      ['/api/promotions/{caseId}/claim', 'post'],
      ['/api/promotions/{caseId}/claim', 'delete'],
      ['/api/promotions/{caseId}/resubmission', 'post'],
      ['/api/promotions/{caseId}/withdrawal', 'post'],
      ['/api/queues/mine', 'get'],
      ['/api/agencies/{agencyId}', 'put'],
      ['/api/agencies/{agencyId}', 'get'],
      ['/health', 'get'],
      ['/health/live', 'get'],
    ];
    const missing = expected.filter(([path, method]) => !paths[path]?.[method]);
    expect(missing).toEqual([]);
    // The rest of docs/api.md's routes are checked wherever the app serves them.
    const later: [string, string][] = [
      ['/api/dashboards/sla', 'get'],
      ['/api/dashboards/pipeline', 'get'],
      ['/api/dashboards/training', 'get'],
      ['/api/dashboards/appraisals', 'get'],
      ['/api/audit/streams/{streamId}', 'get'],
      ['/api/audit/promotions/{caseId}/state', 'get'],
      ['/api/audit/events', 'get'],
      ['/api/audit/verify', 'get'],
      ['/api/audit/checkpoints/latest', 'get'],
      ['/api/audit/proofs/inclusion', 'get'],
      ['/api/audit/proofs/consistency', 'get'],
    ];
    const fastify = t.app.getHttpAdapter().getInstance();
    const existing = later.filter(([path, method]) =>
      fastify.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') }),
    );
    expect(existing.filter(([path, method]) => !paths[path]?.[method])).toEqual([]);
    // hasRoute itself works (the control for the filter above).
    expect(fastify.hasRoute({ method: 'POST', url: '/api/promotions/:caseId/decisions' })).toBe(true);
    // Bearer auth is declared, and the request bodies carry their schemas.
    expect(res.body.components?.securitySchemes).toEqual(
      expect.objectContaining({ bearer: expect.objectContaining({ scheme: 'bearer' }) }),
    );
    const register = paths['/api/employees'].post as { requestBody?: { content?: Record<string, unknown> } };
    expect(register.requestBody?.content?.['application/json']).toBeDefined();
  });
});
