import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { connect } from 'node:net';
import { STATUS_BY_CODE } from '../apps/api/src/http/api-error.js';
import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '../libs/domain/src/errors.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { bearer, employeeBody, EventCounter, expectError, expectFieldInDetails, nip } from './http-support.js';

/** The edges of the HTTP layer an attacker would probe first: client address, framework errors, caching. */

const LIMIT = 3;

/** Requests until the limit answers, each from the given X-Forwarded-For; the statuses seen. */
async function statuses(t: TestApp, forwardedFor: string, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) seen.push((await t.http.get('/api/queues/mine').set('X-Forwarded-For', forwardedFor)).status);
  return seen;
}

describe('rate limit: X-Forwarded-For counts only from a trusted proxy', () => {
  let untrusted: TestApp;
  let trusted: TestApp;

  beforeAll(async () => {
    untrusted = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
    trusted = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(async () => {
    await untrusted.close();
    await trusted.close();
  });

  test('without TRUSTED_PROXIES a forged X-Forwarded-For does not buy a fresh bucket', async () => {
    expect(await statuses(untrusted, '203.0.113.1', LIMIT)).toEqual([401, 401, 401]);
    // Another forged address is the same peer: still limited.
    const forged = await untrusted.http.get('/api/queues/mine').set('X-Forwarded-For', '203.0.113.2');
    expect([forged.status, forged.body.code]).toEqual([429, 'RATE_LIMITED']);
  });

  test('with TRUSTED_PROXIES=127.0.0.1 the header names the client, each with its own bucket', async () => {
    expect(await statuses(trusted, '198.51.100.1', LIMIT + 1)).toEqual([401, 401, 401, 429]);
    expect(await statuses(trusted, '198.51.100.2', 1)).toEqual([401]);
  });
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Writes bytes no HTTP client would send on a fresh socket and reads the answer until the server closes it. */
function rawRequest(port: number, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error('no answer within 5 s')), 5000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => (chunks.length > 0 ? undefined : reject(error)));
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      try {
        resolve({ status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(rest.join('\r\n\r\n')) as Record<string, unknown> });
      } catch {
        reject(new Error(`not a JSON answer: ${text.slice(0, 300)}`));
      }
    });
    socket.write(bytes);
  });
}

const get = (target: string, extraHeaders = '') => `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${extraHeaders}Connection: close\r\n\r\n`;

describe("the HTTP layer's own refusals come in the API's error body", () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    port = Number(new URL(t.url as string).port);
  });
  afterAll(async () => t.close());

  const cases: [string, number, DomainErrorCode, () => string][] = [
    ['a malformed percent-escape in the path (GET /api/%)', 400, 'VALIDATION_FAILED', () => get('/api/%')],
    ["a path parameter over fastify's 100 characters", 414, 'URI_TOO_LONG', () => get(`/api/promotions/${'a'.repeat(200)}`)],
    ["a URL over node's 16 KiB header limit", 414, 'URI_TOO_LONG', () => get(`/api/queues/mine?x=${'a'.repeat(20_000)}`)],
    [
      "a header over node's 16 KiB header limit",
      431,
      'HEADERS_TOO_LARGE',
      () => get('/api/queues/mine', `X-Big: ${'a'.repeat(20_000)}\r\n`),
    ],
    ['a method node does not know (BREW)', 405, 'METHOD_NOT_ALLOWED', () => get('/api/trainings').replace(/^GET/, 'BREW')],
    ['a method no route has (PROPFIND)', 404, 'NOT_FOUND', () => get('/api/trainings').replace(/^GET/, 'PROPFIND')],
    ['a header line without a colon', 400, 'VALIDATION_FAILED', () => get('/api/queues/mine', 'Not a header\r\n')],
    ['bytes that are not HTTP', 405, 'METHOD_NOT_ALLOWED', () => 'HELLO\r\n\r\n'],
  ];

  test.each(cases)('%s → %i %s', async (_label, status, code, bytes) => {
    const answer = await rawRequest(port, bytes());
    expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code });
    expect(answer.body.statusCode).toBe(status);
    expect(STATUS_BY_CODE[code]).toBe(status);
    expect(DOMAIN_ERROR_CODES).toContain(answer.body.code);
    expect(typeof answer.body.message).toBe('string');
    expect(
      Object.keys(answer.body)
        .filter((k) => k !== 'details')
        .sort(),
    ).toEqual(['code', 'message', 'statusCode']);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  test('a malformed URL names the field, and the server keeps answering afterwards', async () => {
    const answer = await rawRequest(port, get('/api/%zz'));
    expect(answer.body.details).toEqual([{ field: 'url', message: expect.any(String) }]);
    expect((await t.http.get('/health')).status).toBe(200);
  });
});

describe('keys that name the prototype chain are refused, not dropped', () => {
  const SERIES = 23;
  let t: TestApp;
  let events: EventCounter;
  let hr: string;

  beforeAll(async () => {
    t = await startTestApp();
    events = await new EventCounter(t.database.url).open();
    hr = await t.token(nip(SERIES, 1), ['hr']);
  });
  afterAll(async () => {
    await events.close();
    await t.close();
  });

  // Written as JSON text: an object literal's __proto__ would set the prototype, not a key.
  const withKey = (key: string, value: string, seq: number) => {
    const json = JSON.stringify(employeeBody(nip(SERIES, seq)));
    return `${json.slice(0, -1)},${JSON.stringify(key)}:${value}}`;
  };

  test.each([
    ['prototype', '1', 10],
    ['prototype', '{"isAdmin":true}', 11],
    ['__proto__', '{"isAdmin":true}', 12],
    ['constructor', '{"prototype":{"isAdmin":true}}', 13],
    ['constructor', '"x"', 14],
  ])('a top-level %s key (%s) → 400 VALIDATION_FAILED naming it, nothing written', async (key, value, seq) => {
    const before = await events.count();
    const res = await t.http
      .post('/api/employees')
      .set(bearer(hr))
      .set('Content-Type', 'application/json')
      .send(withKey(key, value, seq));
    expectError(res, 400, 'VALIDATION_FAILED');
    expectFieldInDetails(res.body, key);
    expect(await events.count()).toBe(before);
  });

  test('a nested one is refused the same way, with its path', async () => {
    const body = `{"name":"x","timeZone":"Asia/Jakarta","stages":[{"id":"verification","role":"verifier","sla":"P2D","prototype":1}]}`;
    const admin = await t.token(nip(SERIES, 2), ['admin']);
    const res = await t.http.put('/api/agencies/pemkot-langsa').set(bearer(admin)).set('Content-Type', 'application/json').send(body);
    expectError(res, 400, 'VALIDATION_FAILED');
    expectFieldInDetails(res.body, 'stages[0].prototype');
  });

  test('in a query string too', async () => {
    const verifier = await t.token(nip(SERIES, 3), ['verifier']);
    expect((await t.http.get('/api/queues/mine?limit=5').set(bearer(verifier))).status).toBe(200);
    for (const key of ['prototype', 'constructor']) {
      const res = await t.http.get(`/api/queues/mine?${key}=1`).set(bearer(verifier));
      expectError(res, 400, 'VALIDATION_FAILED');
      expectFieldInDetails(res.body, key);
    }
  });

  test('the same body without the key is accepted (the control)', async () => {
    const res = await t.http
      .post('/api/employees')
      .set(bearer(hr))
      .send(employeeBody(nip(SERIES, 20)));
    expect(res.status).toBe(201);
  });
});

describe('Cache-Control: no-store on every API answer, errors included', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '20' } });
  });
  afterAll(async () => t.close());

  test("the console's static files keep their own revalidation (no-cache with an ETag)", async () => {
    for (const path of ['/', '/console/app.js']) {
      const res = await t.http.get(path);
      expect([path, res.status, res.headers['cache-control'], typeof res.headers.etag]).toEqual([path, 200, 'no-cache', 'string']);
    }
  });

  test('successes, refusals, unknown routes, health, metrics, the docs document, and the 429 (last: it uses the limit up)', async () => {
    const verifier = await t.token(nip(24, 1), ['verifier']);
    const answers = [
      await t.http.get('/api/queues/mine').set(bearer(verifier)),
      await t.http.get('/api/queues/mine'),
      await t.http.get('/api/queues/mine?limit=0').set(bearer(verifier)),
      await t.http.post('/api/employees').set(bearer(verifier)).send({}),
      await t.http.post('/api/employees').set('Content-Type', 'text/plain').send('x'),
      await t.http.get('/api/nowhere'),
      await t.http.get('/health'),
      await t.http.get('/metrics'),
      await t.http.get('/docs-json'),
    ];
    // Terminus sets its own `no-cache, no-store, must-revalidate` on /health: no-store all the same.
    const noStore = (r: { headers: Record<string, string> }) => (r.headers['cache-control'] ?? '').split(/,\s*/).includes('no-store');
    expect(answers.map((r) => [r.status, noStore(r)])).toEqual([
      [200, true],
      [401, true],
      [400, true],
      [403, true],
      [415, true],
      [404, true],
      [200, true],
      [200, true],
      [200, true],
    ]);
    let limited: { status: number; headers: Record<string, string> } | undefined;
    for (let i = 0; i < 30 && !limited; i++) {
      const r = await t.http.get('/api/queues/mine');
      if (r.status === 429) limited = r;
    }
    expect([limited?.status, limited && noStore(limited)]).toEqual([429, true]);
  });
});
