import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { DEMO_AGENCIES, DEMO_USERS, demoUser } from '#demo';
import { openSeedDataSource, runDemoSeed, type DemoSeedResult } from '#seed';
import { isValidNip } from '../libs/domain/src/nip.js';
import type { Role } from '../libs/domain/src/events.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';

const STATUSES = ['IN_PROGRESS', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN'];

describe('the demo seed (reduced: about 150 employees)', () => {
  let t: TestApp;
  let seedDb: DataSource;
  let result: DemoSeedResult;
  const as = async (agency: string, role: Role) => {
    const user = demoUser(agency, role);
    return { Authorization: `Bearer ${await t.token(user.nip, user.roles, agency)}` };
  };
  const get = async (path: string, agency: string, role: Role) => {
    const res = await t.http.get(path).set(await as(agency, role));
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    seedDb = await openSeedDataSource(t.database.url, 8);
    result = await runDemoSeed({ dataSource: seedDb, now: t.clock.now(), employees: 150 });
    await t.settle();
  }, 120_000);
  afterAll(async () => {
    await seedDb?.destroy();
    await t?.close();
  });

  test('writes everything through the command path, without a refused command', () => {
    expect(result.seeded).toBe(true);
    expect(result.failures).toEqual([]);
    expect(result.counts.agencies).toBe(3);
    expect(result.counts.employees).toBeGreaterThanOrEqual(150);
    expect(result.counts.appraisals).toBeGreaterThan(result.counts.employees * 2);
    expect(result.counts.trainings).toBeGreaterThan(50);
    expect(result.counts.cases).toBeGreaterThanOrEqual(45);
    expect(result.counts.slaBreaches).toBeGreaterThan(0);
    expect(result.counts.events).toBe(result.counts.commands);
    expect(Object.keys(result.caseStatuses).sort()).toEqual([...STATUSES].sort());
  });

  test('every NIP is valid, every demo user is registered, and the SLA clock recorded the breaches', async () => {
    const nips: { nip: string }[] = await seedDb.query(`SELECT data->>'nip' AS nip FROM events WHERE type = 'EmployeeRegistered'`);
    expect(nips.length).toBe(result.counts.employees);
    expect(nips.filter(({ nip }) => !isValidNip(nip))).toEqual([]);
    expect(new Set(nips.map((n) => n.nip)).size).toBe(nips.length);
    for (const user of DEMO_USERS) expect(nips.map((n) => n.nip)).toContain(user.nip);
    const breaches: { actor: string; late: boolean }[] = await seedDb.query(
      `SELECT metadata->>'actor' AS actor, (metadata->>'occurredAt')::timestamptz > (data->>'dueAt')::timestamptz AS late
       FROM events WHERE type = 'PromotionSlaBreached'`,
    );
    expect(breaches.length).toBe(result.counts.slaBreaches);
    expect(breaches.every((b) => b.actor === 'system:sla-clock' && b.late)).toBe(true);
    // Commands happened in the past, each at its moment: nothing after the seed's "now".
    const [{ latest }]: { latest: string }[] = await seedDb.query(
      `SELECT max((metadata->>'occurredAt')::timestamptz) AS latest FROM events`,
    );
    expect(new Date(latest).getTime()).toBeLessThanOrEqual(t.clock.now().getTime());
  });

  test('queues hold open files, some of them BREACHED; the demo employee sees their file at committee', async () => {
    const states = new Set<string>();
    for (const agency of DEMO_AGENCIES) {
      for (const role of ['verifier', 'committee', 'ppk'] as Role[]) {
        const queue = await get('/api/queues/mine', agency, role);
        for (const item of queue.items) states.add(item.slaState);
      }
    }
    expect(states).toContain('BREACHED');
    expect(states).toContain('ON_TRACK');

    for (const agency of DEMO_AGENCIES) {
      const employee = demoUser(agency, 'employee');
      const career = await get(`/api/employees/${employee.nip}/career`, agency, 'employee');
      expect(career.appraisals.length).toBeGreaterThanOrEqual(2);
      expect(career.trainings.length).toBeGreaterThanOrEqual(1);
      expect(career.promotions).toEqual([expect.objectContaining({ status: 'IN_PROGRESS', stage: 'committee' })]);
      const view = await get(`/api/promotions/${career.promotions[0].caseId}`, agency, 'employee');
      expect(view).toMatchObject({ nip: employee.nip, status: 'IN_PROGRESS', stage: 'committee', eligible: true, slaState: 'ON_TRACK' });
      expect(view.stages.map((s: { stage: string; decidedBy?: string }) => [s.stage, s.decidedBy ?? null])).toEqual([
        ['verification', demoUser(agency, 'verifier').nip],
        ['committee', null],
      ]);
      const committeeQueue = await get('/api/queues/mine', agency, 'committee');
      expect(committeeQueue.items.map((i: { caseId: string }) => i.caseId)).toContain(view.caseId);
    }
  });

  test('every dashboard has data: cases at every stage and status, late ones, unequal training, appraisals per predikat', async () => {
    const statuses = new Map<string, number>();
    const openStages = new Set<string>();
    let completed = 0;
    let breachedOpen = 0;
    for (const agency of DEMO_AGENCIES) {
      const pipeline = await get('/api/dashboards/pipeline', agency, 'auditor');
      for (const [status, n] of Object.entries(pipeline.totals.counts as Record<string, number>))
        statuses.set(status, (statuses.get(status) ?? 0) + n);
      for (const item of pipeline.items) if (item.counts.IN_PROGRESS > 0) openStages.add(item.stage);

      const sla = await get('/api/dashboards/sla', agency, 'admin');
      expect(sla.items.map((i: { stage: string }) => i.stage)).toEqual(['verification', 'committee', 'approval']);
      completed += sla.items.reduce((n: number, i: { completed: number }) => n + i.completed, 0);
      breachedOpen += sla.items.reduce((n: number, i: { breached: number }) => n + i.breached, 0);
      expect(sla.items[0].medianHours).toBeGreaterThan(0);

      const training = await get('/api/dashboards/training?year=2025', agency, 'auditor');
      expect(training.overall.employees).toBeGreaterThan(20);
      expect(training.overall.withoutTraining).toBeGreaterThan(0);
      expect(training.overall.meetingTarget).toBeGreaterThan(0);
      expect(training.overall.giniHours).toBeGreaterThan(0.4);

      const appraisals = await get('/api/dashboards/appraisals?period=2025', agency, 'auditor');
      expect(appraisals.periods).toEqual([2023, 2024, 2025]);
      expect(appraisals.overall.counts.BAIK).toBeGreaterThan(appraisals.overall.counts.KURANG);
      expect(appraisals.items.length).toBeGreaterThan(5);
    }
    expect(STATUSES.filter((s) => (statuses.get(s) ?? 0) === 0)).toEqual([]);
    expect([...openStages].sort()).toEqual(['approval', 'committee', 'verification']);
    expect(completed).toBeGreaterThan(40);
    expect(breachedOpen).toBeGreaterThan(0);
  });

  test('refuses to seed a database that already has employees', async () => {
    const again = await runDemoSeed({ dataSource: seedDb, now: t.clock.now(), employees: 150 });
    expect(again.seeded).toBe(false);
    expect(again.reason).toMatch(/already has \d+ employees/);
  });
});
