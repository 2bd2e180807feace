import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';

const HR = '197901012005012002';

describe('operations: health, metrics, rate limiting, security headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '40' } });
  });
  afterAll(async () => t.close());

  test('/health reports database, transport, relay and projections', async () => {
    const health = await t.http.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(Object.keys(health.body.info)).toEqual(expect.arrayContaining(['database', 'transport', 'relay', 'projections']));
    expect(health.body.info.projections.lag).toMatchObject({ career: 0, 'promotion-cases': 0 });
  });

  test('/metrics counts commands by outcome, HTTP requests and lags, in Prometheus text', async () => {
    const token = await t.token(HR, ['hr']);
    const body = {
      nip: '198507122010011001',
      name: 'Siti',
      unitId: 'bkpsdm',
      grade: 'III/a',
      gradeSince: '2020-01-01',
      education: 'S1',
      positionTitle: 'Analis',
      positionType: 'FUNGSIONAL',
      jenjang: 'AHLI_PERTAMA',
    };
    expect((await t.http.post('/api/employees').set('Authorization', `Bearer ${token}`).send(body)).status).toBe(201);
    expect((await t.http.post('/api/employees').set('Authorization', `Bearer ${token}`).send(body)).status).toBe(409);
    await t.settle();
    const metrics = await t.http.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.text).toMatch(/jenjang_commands_total\{command="POST \/api\/employees",outcome="ok"\} 1/);
    expect(metrics.text).toMatch(/jenjang_commands_total\{command="POST \/api\/employees",outcome="CONFLICT"\} 1/);
    expect(metrics.text).toMatch(/jenjang_http_requests_total\{method="POST",route="\/api\/employees",status="201"\} 1/);
    expect(metrics.text).toMatch(/jenjang_relay_lag_events 0/);
    expect(metrics.text).toMatch(/jenjang_projection_lag_events\{projection="career"\} 0/);
    expect(metrics.text).not.toMatch(/Bearer/);
  });

  test('security headers on every response, and 429 RATE_LIMITED past the limit (health exempt)', async () => {
    const first = await t.http.get('/api/queues/mine');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['content-security-policy']).toMatch(/default-src 'self'/);
    let limited: { status: number; body: Record<string, unknown> } | null = null;
    for (let i = 0; i < 60 && !limited; i++) {
      const r = await t.http.get('/api/queues/mine');
      if (r.status === 429) limited = r;
    }
    expect(limited?.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect((await t.http.get('/health')).status).toBe(200);
  });
});
