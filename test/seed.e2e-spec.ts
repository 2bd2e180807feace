import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { DEMO_AGENCIES, DEMO_AGENCY_DATA, DEMO_USERS, demoUser } from '#demo';
import { openSeedDataSource, runDemoSeed, type DemoSeedResult } from '#seed';
import { loadNationalReference } from '../libs/config/src/reference-loader.js';
import { isValidNip } from '../libs/domain/src/nip.js';
import type { Role } from '../libs/domain/src/events.js';
import { gradeIndex, type Grade } from '../libs/domain/src/grade.js';
import { isKpPeriodDate } from '../libs/domain/src/reference/reference.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';

const STATUSES = ['IN_PROGRESS', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN'];

interface Row {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

describe('the demo seed (reduced: about 150 employees)', () => {
  let t: TestApp;
  let seedDb: DataSource;
  let result: DemoSeedResult;
  let events: Row[];
  const of = (type: string) => events.filter((e) => e.type === type);
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
    events = await seedDb.query(`SELECT type, data, metadata FROM events ORDER BY global_position`);
  }, 180_000);
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
    expect(result.counts.cases).toBeGreaterThanOrEqual(40);
    expect(result.counts.documents).toBeGreaterThan(result.counts.cases);
    expect(result.counts.slaBreaches).toBeGreaterThan(0);
    expect(result.counts.delegations).toBeGreaterThanOrEqual(1);
    expect(result.counts.conflicts).toBeGreaterThanOrEqual(1);
    expect(result.counts.refusedDecrees).toBeGreaterThanOrEqual(1);
    // Every command but the planned decree refusals wrote its events (a decision with verdicts writes two).
    expect(result.counts.events).toBeGreaterThanOrEqual(result.counts.commands - result.counts.refusedDecrees);
    expect(Object.keys(result.caseStatuses).sort()).toEqual([...STATUSES].sort());
  });

  test('every NIP is valid, every demo user of the city is registered, and the SLA clock recorded the breaches', async () => {
    const nips = of('EmployeeRegistered').map((e) => e.data.nip as string);
    expect(nips.length).toBe(result.counts.employees);
    expect(nips.filter((nip) => !isValidNip(nip))).toEqual([]);
    expect(new Set(nips).size).toBe(nips.length);
    for (const user of DEMO_USERS.filter((u) => !u.employer)) expect(nips).toContain(user.nip);
    // The BKN liaison is a BKN Kanreg official, not the city's employee.
    for (const user of DEMO_USERS.filter((u) => u.roles.includes('bkn'))) expect(nips).not.toContain(user.nip);
    const breaches = of('PromotionSlaBreached');
    expect(breaches.length).toBe(result.counts.slaBreaches);
    for (const b of breaches) {
      expect(b.metadata.actor).toBe('system:sla-clock');
      expect(Date.parse(b.metadata.occurredAt as string)).toBeGreaterThan(Date.parse(b.data.dueAt as string));
    }
    expect(breaches.some((b) => b.data.stage === 'bkn')).toBe(true);
    const latest = Math.max(...events.map((e) => Date.parse(e.metadata.occurredAt as string)));
    expect(latest).toBeLessThanOrEqual(t.clock.now().getTime());
  });

  test('each city is configured: the Wali Kota signs as PPK, units with their hierarchy, the time zone', async () => {
    for (const agency of DEMO_AGENCY_DATA) {
      const config = await get(`/api/agencies/${agency.id}`, agency.id, 'admin');
      expect(config.signatory.title).toMatch(/^Wali Kota /);
      expect(config.timeZone).toBe('Asia/Jakarta');
      expect(config.units.map((u: { id: string }) => u.id)).toEqual(agency.units.map((u) => u.id));
    }
    const medan = await get('/api/agencies/pemkot-medan', 'pemkot-medan', 'admin');
    expect(medan.units.find((u: { id: string }) => u.id === 'kelurahan-terjun').parentId).toBe('kecamatan-medan-marelan');
    expect(demoUser('pemkot-medan', 'ppk').label).not.toMatch(/^PPK/);
  });

  test('cases follow the national rules: kinds by post, KP period TMTs, a full berkas, the right decree authority', () => {
    const reference = loadNationalReference();
    const proposed = of('PromotionProposed');
    expect(proposed.length).toBe(result.counts.cases);
    const uploads = new Map<string, Set<string>>();
    for (const u of of('PromotionDocumentUploaded')) {
      const types = uploads.get(u.data.caseId as string) ?? new Set<string>();
      types.add(u.data.type as string);
      uploads.set(u.data.caseId as string, types);
    }
    for (const p of proposed) {
      const rules = p.data.rules as { rule: string; passed: boolean; blocking: boolean; params: Record<string, unknown> }[];
      expect(rules.filter((r) => r.blocking && !r.passed)).toEqual([]);
      expect(isKpPeriodDate(reference, p.data.effectiveDate as string)).toBe(true);
      const postType = rules.find((r) => r.rule === 'POST_TYPE')?.params.positionType;
      if (p.data.kind === 'REGULAR') expect(postType).toBe('PELAKSANA');
      if (p.data.kind === 'STRUCTURAL') expect(['JPT', 'ADMINISTRATOR', 'PENGAWAS']).toContain(postType);
      if (p.data.kind === 'FUNCTIONAL') expect(postType).toBe('FUNGSIONAL');
      const wanted = (p.data.documents as { type: string; derived: boolean }[]).filter((d) => !d.derived).map((d) => d.type);
      expect({ caseId: p.data.caseId, missing: wanted.filter((type) => !uploads.get(p.data.caseId as string)?.has(type)) }).toEqual({
        caseId: p.data.caseId,
        missing: [],
      });
      expect(p.data.authority).toBe(gradeIndex(p.data.toGrade as Grade) >= gradeIndex('IV/c') ? 'PRESIDENT' : 'PPK');
      expect((p.data.signatory as { title: string }).title).toMatch(/^Wali Kota /);
    }
    const kinds = new Set(proposed.map((p) => p.data.kind));
    for (const kind of ['REGULAR', 'STRUCTURAL', 'FUNCTIONAL']) expect(kinds).toContain(kind);

    const decreed = of('PromotionApproved').map(
      (e) => e.data.decree as { number: string; authority: string; signatory: { title: string } },
    );
    expect(decreed.length).toBeGreaterThan(3);
    expect(decreed.some((d) => d.authority === 'PRESIDENT' && /^Keppres /.test(d.number))).toBe(true);
    expect(decreed.filter((d) => d.authority === 'PPK').every((d) => /^823\.3\/\d+\/BKPSDM\/\d{4}$/.test(d.number))).toBe(true);
    const perteks = of('PromotionStageApproved').filter((e) => e.data.stage === 'bkn');
    expect(perteks.every((e) => /^AR-\d\d\.\d\d\/KP\/\d{4}\/\d{4}$/.test((e.data.pertek as { number: string }).number))).toBe(true);
  });

  test('the pipeline has files everywhere: returned with deficient documents, returned by BKN and resubmitted, waiting at BKN', async () => {
    const returns = of('PromotionReturned');
    expect(returns.some((r) => r.data.stage === 'verification' && (r.data.deficientDocuments as string[]).length > 0)).toBe(true);
    const byBkn = returns.filter((r) => r.data.stage === 'bkn').map((r) => r.data.caseId);
    expect(byBkn.length).toBeGreaterThan(0);
    expect(of('PromotionResubmitted').some((r) => byBkn.includes(r.data.caseId))).toBe(true);
    expect(
      of('PromotionDocumentsReviewed').some((r) => (r.data.verdicts as { verdict: string }[]).some((v) => v.verdict === 'DEFICIENT')),
    ).toBe(true);
    // An acting official decided a stage, never a decree; a conflict of interest was declared.
    const acting = events.filter((e) => typeof e.metadata.onBehalfOf === 'string');
    expect(acting.length).toBeGreaterThan(0);
    expect(acting.every((e) => e.data.stage !== 'decree')).toBe(true);
    expect(of('PromotionConflictDeclared').length).toBe(result.counts.conflicts);
    expect(of('DisciplinarySanctionImposed').some((e) => e.data.level === 'MODERATE')).toBe(true);

    const states = new Set<string>();
    let atBkn = 0;
    for (const agency of DEMO_AGENCIES) {
      for (const role of ['verifier', 'committee', 'ppk', 'bkn'] as Role[]) {
        const queue = await get('/api/queues/mine', agency, role);
        for (const item of queue.items) states.add(item.slaState);
        if (role === 'bkn') atBkn += queue.items.length;
      }
    }
    expect(states).toContain('BREACHED');
    expect(states).toContain('ON_TRACK');
    expect(atBkn).toBeGreaterThan(2);
  });

  test('the demo employees can follow their files: at approval, at committee, waiting at BKN', async () => {
    const where: Record<string, string> = { 'pemkot-langsa': 'approval', 'pemkot-medan': 'committee', 'pemkot-semarang': 'bkn' };
    for (const agency of DEMO_AGENCIES) {
      const employee = demoUser(agency, 'employee');
      expect(of('AppraisalSubmitted').filter((e) => e.data.nip === employee.nip).length).toBeGreaterThanOrEqual(2);
      const cases = of('PromotionProposed').filter((e) => e.data.nip === employee.nip);
      expect(cases).toHaveLength(1);
      const view = await get(`/api/promotions/${cases[0].data.caseId as string}`, agency, 'employee');
      expect(view).toMatchObject({ nip: employee.nip, status: 'IN_PROGRESS', stage: where[agency], eligible: true });
      expect(view.documents.filter((d: { status: string }) => d.status !== 'OK' && d.status !== 'DERIVED')).toEqual([]);
    }
  });

  test('every dashboard has data: cases at every stage and status, late ones, unequal training, appraisals per predikat', async () => {
    const statuses = new Map<string, number>();
    const openStages = new Set<string>();
    let completed = 0;
    for (const agency of DEMO_AGENCIES) {
      const pipeline = await get('/api/dashboards/pipeline', agency, 'auditor');
      for (const [status, n] of Object.entries(pipeline.totals.counts as Record<string, number>))
        statuses.set(status, (statuses.get(status) ?? 0) + n);
      for (const item of pipeline.items) if (item.counts.IN_PROGRESS > 0) openStages.add(item.stage);

      const sla = await get('/api/dashboards/sla', agency, 'admin');
      expect(sla.items.map((i: { stage: string }) => i.stage)).toEqual(expect.arrayContaining(['verification', 'approval', 'bkn']));
      completed += sla.items.reduce((n: number, i: { completed: number }) => n + i.completed, 0);

      const training = await get('/api/dashboards/training?year=2025', agency, 'auditor');
      expect(training.overall.employees).toBeGreaterThan(20);
      expect(training.overall.withoutTraining).toBeGreaterThan(0);
      expect(training.overall.meetingTarget).toBeGreaterThan(0);

      const appraisals = await get('/api/dashboards/appraisals?period=2025', agency, 'auditor');
      expect(appraisals.periods).toEqual([2023, 2024, 2025]);
      expect(appraisals.overall.counts.BAIK).toBeGreaterThan(appraisals.overall.counts.KURANG);
    }
    expect(STATUSES.filter((s) => (statuses.get(s) ?? 0) === 0)).toEqual([]);
    expect([...openStages]).toEqual(expect.arrayContaining(['verification', 'committee', 'approval', 'bkn']));
    expect(completed).toBeGreaterThan(40);
  });

  test('refuses to seed a database that already has employees', async () => {
    const again = await runDemoSeed({ dataSource: seedDb, now: t.clock.now(), employees: 150 });
    expect(again.seeded).toBe(false);
    expect(again.reason).toMatch(/already has \d+ employees/);
  });

  test('with force, adds more demo data beside it, again without a refused command', async () => {
    const more = await runDemoSeed({ dataSource: seedDb, now: t.clock.now(), employees: 60, force: true });
    expect(more.seeded).toBe(true);
    expect(more.failures).toEqual([]);
    expect(more.counts.employees).toBeGreaterThan(20);
    expect(more.counts.cases).toBeGreaterThan(10);
  }, 60_000);
});
