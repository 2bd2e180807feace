import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { DEMO_USERS, demoUser } from '#demo';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';

const CSP = `default-src 'self'`;

describe('the web console over HTTP, with a JWT_SECRET configured (dev sign-in off)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(); // the harness configures JWT_SECRET
  });
  afterAll(async () => t.close());

  test('GET / is the console page, with the CSP that forbids inline and foreign scripts', async () => {
    const res = await t.http.get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain(CSP);
    expect(csp).toContain(`script-src 'self'`);
    expect(csp).toContain(`connect-src 'self'`);
    // Berkas previews: documents fetched with the token are shown from blob: URLs, nothing else is widened.
    expect(csp).toContain(`frame-src 'self' blob:`);
    expect(csp).toContain(`img-src 'self' data: blob:`);
    expect(csp).toContain(`object-src 'none'`);
    expect(res.text).toMatch(/^<!doctype html>/i);
    expect(res.text).toContain('<script type="module" src="/console/app.js"></script>');
    // No inline script (CSP would block it) and nothing from another origin.
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(res.text).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  test('serves its modules, styles and Chart.js from node_modules; unknown or traversing names are 404', async () => {
    const js = await t.http.get('/console/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['content-security-policy']).toContain(CSP);
    const css = await t.http.get('/console/styles.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const chart = await t.http.get('/console/chart.umd.js');
    expect(chart.status).toBe(200);
    expect(chart.text).toContain('Chart.js v4');
    for (const path of ['/console/nope.js', '/console/..%2F..%2F..%2Fpackage.json', '/console/%2e%2e', '/console/.env']) {
      const res = await t.http.get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });

  test('answers 304 to a matching If-None-Match', async () => {
    const first = await t.http.get('/console/app.js');
    const again = await t.http.get('/console/app.js').set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  test('every module the page imports is served (no broken import graph)', async () => {
    const seen = new Set<string>();
    const queue = ['app.js'];
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      const res = await t.http.get(`/console/${name}`);
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      for (const m of res.text.matchAll(/from '\.\/([a-z0-9-]+\.js)'/g)) queue.push(m[1]);
    }
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });

  test('the dev sign-in endpoints do not exist: 404 even for a well-formed body, and no token comes out', async () => {
    const users = await t.http.get('/api/dev/users');
    expect(users.status).toBe(404);
    expect(users.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    const nip = demoUser('pemkot-langsa', 'admin').nip;
    const signIn = await t.http.post('/api/dev/sign-in').send({ nip });
    expect(signIn.status).toBe(404);
    expect(signIn.body.token).toBeUndefined();
    const malformed = await t.http.post('/api/dev/sign-in').send({ nope: true });
    expect(malformed.status).toBe(404);
  });
});

/** An app on the embedded default (no JWT_SECRET, a fresh DATA_DIR) for the enclosing describe. */
function embeddedApp(env: Record<string, string>): () => TestApp {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'jenjang-console-'));
    t = await startTestApp({ env: { JWT_SECRET: '', DATA_DIR: dataDir, ...env } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => t;
}

/** This machine's first non-loopback IPv4 address, if it has one: a client there is not on loopback. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

/** Listens on every interface and answers the dev sign-in's status from 127.0.0.1, ::1 and `outside`. */
async function signInFrom(t: TestApp): Promise<Record<string, number>> {
  const server = t.app.getHttpServer() as Server;
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  const { port } = server.address() as AddressInfo;
  const nip = demoUser('pemkot-langsa', 'hr').nip;
  const statuses: Record<string, number> = {};
  for (const host of ['127.0.0.1', '[::1]', ...(outside ? [outside] : [])]) {
    const res = await fetch(`http://${host}:${port}/api/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nip }),
    });
    statuses[host] = res.status;
  }
  return statuses;
}

describe('dev sign-in in the embedded default (no JWT_SECRET: the secret is generated under DATA_DIR)', () => {
  const app = embeddedApp({});

  test('answers a client on this machine only: from another address it is a route that does not exist', async () => {
    // Without a non-loopback address here, devSignInReaches' unit test covers the refusal alone.
    expect(await signInFrom(app())).toEqual({ '127.0.0.1': 200, '[::1]': 200, ...(outside ? { [outside]: 404 } : {}) });
    const forged = await app().http.get('/api/dev/users').set('X-Forwarded-For', '203.0.113.9');
    // No proxy is trusted, so the header does not make this local client remote.
    expect(forged.status).toBe(200);
  });

  test('lists the demo users', async () => {
    const res = await app().http.get('/api/dev/users');
    expect(res.status).toBe(200);
    expect(res.body.users).toHaveLength(DEMO_USERS.length);
    expect(res.body.users[0]).toEqual(
      expect.objectContaining({
        nip: DEMO_USERS[0].nip,
        name: DEMO_USERS[0].name,
        agency: DEMO_USERS[0].agency,
        roles: DEMO_USERS[0].roles,
        label: DEMO_USERS[0].label,
      }),
    );
  });

  test("mints an 8-hour token with the user's agency and roles, which the API accepts", async () => {
    const verifier = demoUser('pemkot-medan', 'verifier');
    const res = await app().http.post('/api/dev/sign-in').send({ nip: verifier.nip });
    expect(res.status).toBe(200);
    const claims = decodeJwt(res.body.token);
    expect(claims).toMatchObject({ sub: verifier.nip, agency: 'pemkot-medan', roles: ['verifier'] });
    expect((claims.exp as number) - (claims.iat as number)).toBe(8 * 3600);
    const queue = await app().http.get('/api/queues/mine').set('Authorization', `Bearer ${res.body.token}`);
    expect(queue.status).toBe(200);
    expect(queue.body).toEqual({ items: [], timeZone: 'Asia/Jakarta' });
  });

  test('refuses a NIP that is not a demo user (404) and a malformed body (400)', async () => {
    const unknown = await app().http.post('/api/dev/sign-in').send({ nip: '199901012020011999' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
    const malformed = await app()
      .http.post('/api/dev/sign-in')
      .send({ nip: '123', roles: ['admin'] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('dev sign-in opened with DEV_SIGN_IN=open', () => {
  const app = embeddedApp({ DEV_SIGN_IN: 'open' });

  test('answers every address', async () => {
    expect(await signInFrom(app())).toEqual({ '127.0.0.1': 200, '[::1]': 200, ...(outside ? { [outside]: 200 } : {}) });
  });
});

describe('dev sign-in behind a trusted proxy', () => {
  const app = embeddedApp({ TRUSTED_PROXIES: '127.0.0.1,::1' });

  test('judges the client the proxy forwarded for, not the proxy', async () => {
    expect((await app().http.get('/api/dev/users')).status).toBe(200);
    expect((await app().http.get('/api/dev/users').set('X-Forwarded-For', '203.0.113.9')).status).toBe(404);
    expect((await app().http.get('/api/dev/users').set('X-Forwarded-For', '127.0.0.1')).status).toBe(200);
  });
});
