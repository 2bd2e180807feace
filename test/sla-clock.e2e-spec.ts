import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { CommandRunner, SlaClock } from '#application';
import { DATA_SOURCE } from '#event-store';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { bearer, propose, seedEligible, uploadDocument } from './http-support.js';

const ADMIN = '197001012000011009';
const HR = '197901012005012002';
const VERIFIER = '198001012006011003';
const PPK = '197501012000011005';
const BKN = '197712122003121007';
const EVALUATOR = '198201012008011006';
const CANDIDATE = '198603152011012001';

describe('the SLA clock', () => {
  let t: TestApp;
  let caseId: string;
  const auth = async (nip: string, roles: string[]) => ({ Authorization: `Bearer ${await t.token(nip, roles as never)}` });

  beforeAll(async () => {
    t = await startTestApp();
    const configured = await t.http
      .put('/api/agencies/pemkot-langsa')
      .set(await auth(ADMIN, ['admin']))
      .send({
        name: 'Pemerintah Kota Langsa',
        timeZone: 'Asia/Jakarta',
        stages: [
          { id: 'verification', sla: 'PT2S' },
          { id: 'bkn', sla: 'PT2S' },
        ],
      });
    expect(configured.status).toBe(200);
    const hr = await t.token(HR, ['hr']);
    await seedEligible(t.http, { hr, evaluator: await t.token(EVALUATOR, ['evaluator']) }, CANDIDATE, {
      name: 'Budi Santoso',
      unitId: 'bkpsdm',
      grade: 'II/c',
      gradeSince: '2018-01-01',
      education: 'SLTA',
      positionTitle: 'Pengelola Kepegawaian',
    });
    caseId = await propose(t.http, hr, CANDIDATE, { toGrade: 'II/d', justification: 'Eight years in II/c' });
    await t.settle();
    const proposed = await t.http.get(`/api/promotions/${caseId}`).set(bearer(hr));
    expect(proposed.body.stages[0].dueAt).toBe('2026-03-02T03:00:02.000Z');
  });
  afterAll(async () => t.close());

  test('a PT2S stage breaches once, shows BREACHED in the queue, even with several clocks ticking', async () => {
    const clock = t.app.get(SlaClock);
    expect(await clock.tick()).toBe(0); // not yet due
    const queueBefore = await t.http.get('/api/queues/mine').set(await auth(VERIFIER, ['verifier']));
    expect(queueBefore.body.items).toEqual([expect.objectContaining({ caseId, slaState: 'ON_TRACK' })]);

    t.clock.advance(1600); // 80% of the SLA used
    const atRisk = await t.http.get('/api/queues/mine').set(await auth(VERIFIER, ['verifier']));
    expect(atRisk.body.items[0].slaState).toBe('AT_RISK');

    t.clock.advance(1000);
    const twin = new SlaClock(t.app.get(CommandRunner), t.app.get(DATA_SOURCE), t.clock, 1000, {
      log: () => undefined,
      error: () => undefined,
    });
    const recorded = await Promise.all([clock.tick(), twin.tick(), clock.tick(), twin.tick()]);
    expect(recorded.reduce((a, b) => a + b, 0)).toBe(1);
    await t.settle();
    expect(await clock.tick()).toBe(0);

    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    const { rows } = await client.query(`SELECT type, data, metadata FROM events WHERE stream_id = $1 AND type = 'PromotionSlaBreached'`, [
      `promotion-${caseId}`,
    ]);
    await client.end();
    expect(rows).toHaveLength(1);
    expect(rows[0].data).toMatchObject({ caseId, stage: 'verification', visit: 1, dueAt: '2026-03-02T03:00:02.000Z' });
    expect(rows[0].metadata.actor).toBe('system:sla-clock');

    const queue = await t.http.get('/api/queues/mine').set(await auth(VERIFIER, ['verifier']));
    expect(queue.body.items).toEqual([expect.objectContaining({ caseId, slaState: 'BREACHED' })]);
    const view = await t.http.get(`/api/promotions/${caseId}`).set(await auth(HR, ['hr']));
    expect(view.body.stages[0]).toMatchObject({ stage: 'verification', breached: true, slaState: 'BREACHED' });
    expect(view.body.version).toBe(2);

    // The next stage is a new visit with its own deadline, not breached.
    const file = await uploadDocument(t.http, await t.token(HR, ['hr']), caseId);
    const approved = await t.http
      .post(`/api/promotions/${caseId}/decisions`)
      .set(await auth(VERIFIER, ['verifier']))
      .send({ decision: 'APPROVE', documents: [{ documentId: file.documentId, verdict: 'OK' }] });
    expect([approved.status, approved.body.stage]).toEqual([200, 'approval']);
    await t.settle();
    const after = await t.http.get(`/api/promotions/${caseId}`).set(await auth(HR, ['hr']));
    expect(after.body.stages.map((s: { stage: string; breached: boolean }) => [s.stage, s.breached])).toEqual([
      ['verification', true],
      ['approval', false],
    ]);
  });

  test("BKN's stage runs on the same clock: its breach is an event and BKN's queue shows it", async () => {
    const sent = await t.http
      .post(`/api/promotions/${caseId}/decisions`)
      .set(await auth(PPK, ['ppk']))
      .send({ decision: 'APPROVE' });
    expect([sent.status, sent.body.stage]).toEqual([200, 'bkn']);
    await t.settle();
    const clock = t.app.get(SlaClock);
    expect(await clock.tick()).toBe(0);
    t.clock.advance(2500);
    expect(await clock.tick()).toBe(1);
    await t.settle();
    const queue = await t.http.get('/api/queues/mine').set(await auth(BKN, ['bkn']));
    expect(queue.body.items).toEqual([expect.objectContaining({ caseId, stage: 'bkn', slaState: 'BREACHED' })]);
    const view = await t.http.get(`/api/promotions/${caseId}`).set(await auth(HR, ['hr']));
    expect(view.body.stages.map((s: { stage: string; breached: boolean }) => [s.stage, s.breached])).toEqual([
      ['verification', true],
      ['approval', false],
      ['bkn', true],
    ]);
  });
});
