import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { SlaClock } from '#application';
import { DATA_SOURCE } from '../libs/event-store/src/database.module.js';
import {
  dashboardAppraisalsProjection,
  dashboardPromotionsProjection,
  dashboardTrainingProjection,
} from '../libs/projections/src/read-models/index.js';
import { ProjectionRebuilder } from '../libs/projections/src/runtime/projection-rebuilder.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import type { Role } from '../libs/domain/src/events.js';
import { nip as makeNip, proposalBody, seedEligible, uploadDocument } from './http-support.js';

const LANGSA = 'pemkot-langsa';
const ADMIN = '197001012000011009';
const AUDITOR = '197202022001012003';
const HR = '197901012005012002';
const VERIFIER = '198001012006011003';
const EVALUATOR = '198201012008011006';

// dinas-kesehatan: three employees with 0, 10 and 30 JP in 2026.
const DK = ['198503122010011001', '198604152011012002', '198707182012011003'];
// bkpsdm: one with 20 JP in 2026, one appointed in January 2026 (counts from 2026 on) without training.
const B1 = '198808202010011004';
const B2 = '199709092026012005';
// inspektorat: one employee, no training.
const I1 = '198101012012011006';

// The promotion cases live in another agency, so the training and appraisal figures above stay those
// of their own fixtures: six eligible PELAKSANA candidates, three in dinas-kesehatan, two in bkpsdm, one in inspektorat.
const CASES = 'pemkot-semarang';
const CANDIDATE_UNITS = ['dinas-kesehatan', 'dinas-kesehatan', 'dinas-kesehatan', 'bkpsdm', 'bkpsdm', 'inspektorat'];
const casesAdmin: [string, Role[], string] = [ADMIN, ['admin'], CASES];

const H = 3600_000;
const T0 = new Date('2026-03-02T03:00:00.000Z'); // Monday 10:00 WIB

describe('dashboards', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  const as = async (nip: string, roles: Role[], agency = LANGSA) => {
    const key = `${nip}/${roles.join(',')}/${agency}`;
    if (!tokens.has(key)) tokens.set(key, await t.token(nip, roles, agency));
    return { Authorization: `Bearer ${tokens.get(key)}` };
  };
  const ok = async (
    method: 'post' | 'put',
    path: string,
    who: [string, Role[]] | [string, Role[], string],
    body: object,
    status = method === 'put' ? 200 : 201,
  ) => {
    const res = await t.http[method](path)
      .set(await as(who[0], who[1], who[2]))
      .send(body);
    if (res.status !== status) throw new Error(`${method.toUpperCase()} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const get = async (path: string, who: [string, Role[], string?] = [ADMIN, ['admin']]) =>
    t.http.get(path).set(await as(who[0], who[1], who[2]));
  const at = (hours: number) => t.clock.set(new Date(T0.getTime() + hours * H));
  const cases: Record<string, string> = {};
  const files: Record<string, string> = {};
  const decide = (caseId: string, decision: string, reason?: string) =>
    ok(
      'post',
      `/api/promotions/${caseId}/decisions`,
      [VERIFIER, ['verifier'], CASES],
      decision === 'APPROVE' ? { decision, documents: [{ documentId: files[caseId], verdict: 'OK' }] } : { decision, reason },
      200,
    );

  beforeAll(async () => {
    t = await startTestApp();
    at(0);
    await ok('put', `/api/agencies/${LANGSA}`, [ADMIN, ['admin']], {
      name: 'Pemerintah Kota Langsa',
      timeZone: 'Asia/Jakarta',
      holidays: [],
    });
    const register = (nip: string, unitId: string) =>
      ok('post', '/api/employees', [HR, ['hr']], {
        nip,
        name: `Pegawai ${nip.slice(-3)}`,
        unitId,
        grade: 'III/a',
        gradeSince: '2020-04-01',
        education: 'SLTA',
        positionTitle: 'Pelaksana',
        positionType: 'PELAKSANA',
      });
    for (const nip of DK) await register(nip, 'dinas-kesehatan');
    await register(B1, 'bkpsdm');
    await register(B2, 'bkpsdm');
    await register(I1, 'inspektorat');

    let certificate = 0;
    const train = (nip: string, hours: number, completedOn: string) =>
      ok('post', '/api/trainings', [HR, ['hr']], {
        nip,
        title: 'Pelatihan Teknis',
        hours,
        kind: 'TECHNICAL',
        provider: 'BPSDM Aceh',
        completedOn,
        certificateNo: `CERT-${(certificate += 1)}`,
      });
    await train(DK[1], 10, '2026-01-20');
    await train(DK[2], 12, '2026-01-10');
    await train(DK[2], 18, '2026-02-14');
    await train(B1, 20, '2026-02-02');
    await train(DK[2], 12, '2025-06-30'); // another year

    const appraise = (nip: string, period: number, results: string, behaviour: string) =>
      ok('post', '/api/appraisals', [EVALUATOR, ['evaluator']], { nip, period, results, behaviour });
    await appraise(DK[0], 2025, 'AS_EXPECTED', 'AS_EXPECTED'); // BAIK
    await appraise(DK[1], 2025, 'ABOVE', 'ABOVE'); // SANGAT_BAIK
    await appraise(DK[2], 2025, 'ABOVE', 'BELOW'); // KURANG
    await appraise(B1, 2025, 'ABOVE', 'AS_EXPECTED'); // BAIK
    await appraise(DK[0], 2024, 'BELOW', 'AS_EXPECTED'); // BUTUH_PERBAIKAN

    // Six cases, all proposed at T0 (verification due Wednesday 10:00 WIB = T0 + 48 h), each with its
    // last grade decree; the agency runs the committee (5 working days) for REGULAR cases too.
    await ok('put', `/api/agencies/${CASES}`, casesAdmin, {
      name: 'Pemerintah Kota Semarang',
      timeZone: 'Asia/Jakarta',
      holidays: [],
      stages: [{ id: 'committee', sla: 'P5D', requiredFor: ['REGULAR', 'STRUCTURAL'] }],
    });
    const casesHr = (await as(HR, ['hr'], CASES)).Authorization.slice('Bearer '.length);
    const casesEvaluator = (await as(EVALUATOR, ['evaluator'], CASES)).Authorization.slice('Bearer '.length);
    for (const [i, unitId] of CANDIDATE_UNITS.entries()) {
      const candidate = makeNip(23, 100 + i);
      await seedEligible(t.http, { hr: casesHr, evaluator: casesEvaluator }, candidate, { unitId });
      const key = `k${i + 1}`;
      cases[key] = (await ok('post', '/api/promotions', [HR, ['hr'], CASES], proposalBody(candidate))).caseId as string;
      files[cases[key]] = (await uploadDocument(t.http, casesHr, cases[key])).documentId;
    }

    at(1);
    await ok('post', `/api/promotions/${cases.k5}/withdrawal`, [HR, ['hr'], CASES], { reason: 'Wrong grade' }, 200);
    at(2);
    await decide(cases.k6, 'REJECT', 'Not eligible'); // 2 h, within SLA
    at(5);
    await decide(cases.k1, 'APPROVE'); // 5 h, within SLA; committee from T0 + 5 h
    at(6);
    await decide(cases.k3, 'RETURN', 'Missing SKP'); // 6 h, within SLA
    at(72);
    await t.settle();
    expect(await t.app.get(SlaClock).tick()).toBe(2); // k2 and k4 are late
    at(80);
    await decide(cases.k2, 'APPROVE'); // 80 h, late; committee from T0 + 80 h
    await ok('post', `/api/promotions/${cases.k3}/resubmission`, [HR, ['hr'], CASES], {}, 200); // verification again, due T0 + 176 h
    // Sunday 2026-03-08 12:00 UTC: k1 at committee 147 h of 168 (AT_RISK), k2 at committee 76 h of 168 (ON_TRACK),
    // k3 back at verification 76 h of 96 (AT_RISK), k4 at verification past due (BREACHED).
    at(153);
    await t.settle();
  });
  afterAll(async () => t?.close());

  describe('SLA', () => {
    test('per stage: open visits by SLA state now, completed ones with compliance, median and p90 hours', async () => {
      const res = await get('/api/dashboards/sla', casesAdmin);
      expect(res.status).toBe(200);
      expect(res.body.asOf).toBe('2026-03-08T12:00:00.000Z');
      expect(res.body.items.map((i: { stage: string }) => i.stage)).toEqual(['verification', 'committee', 'approval', 'bkn', 'decree']);
      const [verification, committee, approval, bkn, decree] = res.body.items;
      // Completed verification visits took 2, 5, 6 (within) and 80 h (late); the withdrawn one is not counted.
      expect(verification).toMatchObject({
        open: 2,
        onTrack: 0,
        atRisk: 1,
        breached: 1,
        completed: 4,
        completedWithinSla: 3,
        compliance: 0.75,
        medianHours: 5.5,
      });
      expect(verification.p90Hours).toBeCloseTo(6 + 0.7 * 74, 2); // percentile_cont over [2, 5, 6, 80]
      expect(committee).toEqual({
        stage: 'committee',
        open: 2,
        onTrack: 1,
        atRisk: 1,
        breached: 0,
        completed: 0,
        completedWithinSla: 0,
        compliance: null,
        medianHours: null,
        p90Hours: null,
      });
      for (const later of [approval, bkn, decree]) expect(later).toMatchObject({ open: 0, completed: 0, compliance: null });
    });

    test('per KP kind: the REGULAR cases are all of them, no STRUCTURAL case yet', async () => {
      const all = await get('/api/dashboards/sla', casesAdmin);
      const regular = await get('/api/dashboards/sla?kind=REGULAR', casesAdmin);
      expect(regular.status).toBe(200);
      expect(regular.body.items).toEqual(all.body.items);
      const structural = await get('/api/dashboards/sla?kind=STRUCTURAL', casesAdmin);
      expect(structural.body.items.every((i: { open: number; completed: number }) => i.open === 0 && i.completed === 0)).toBe(true);
      const pipeline = await get('/api/dashboards/pipeline?kind=STRUCTURAL', casesAdmin);
      expect(pipeline.body.totals.total).toBe(0);
    });

    test('filters: unit, and a date range on stage entry (local dates of the agency)', async () => {
      const bkpsdm = await get('/api/dashboards/sla?unitId=bkpsdm', casesAdmin);
      expect(bkpsdm.body.items[0]).toMatchObject({ stage: 'verification', open: 1, breached: 1, completed: 0, compliance: null });
      expect(bkpsdm.body.items[1]).toMatchObject({ stage: 'committee', open: 0 });
      expect(bkpsdm.body.filters).toEqual({ unitId: 'bkpsdm' });

      // Entered on Thursday 2026-03-05 (WIB): k2's committee visit and k3's second verification visit, both at 18:00 WIB.
      const thursday = await get('/api/dashboards/sla?from=2026-03-05&to=2026-03-05', casesAdmin);
      expect(thursday.body.items[0]).toMatchObject({ stage: 'verification', open: 1, atRisk: 1, completed: 0 });
      expect(thursday.body.items[1]).toMatchObject({ stage: 'committee', open: 1, onTrack: 1 });
      const monday = await get('/api/dashboards/sla?from=2026-03-02&to=2026-03-02', casesAdmin);
      expect(monday.body.items[0]).toMatchObject({ open: 1, breached: 1, completed: 4, completedWithinSla: 3 });
      expect(monday.body.items[1]).toMatchObject({ open: 1, atRisk: 1 });
    });
  });

  describe('pipeline', () => {
    test('counts per stage and status; closed cases at the stage where they closed', async () => {
      const res = await get('/api/dashboards/pipeline', casesAdmin);
      expect(res.status).toBe(200);
      const none = { IN_PROGRESS: 0, RETURNED: 0, APPROVED: 0, REJECTED: 0, WITHDRAWN: 0 };
      expect(res.body.items).toEqual([
        { stage: 'verification', total: 4, counts: { IN_PROGRESS: 2, RETURNED: 0, APPROVED: 0, REJECTED: 1, WITHDRAWN: 1 } },
        { stage: 'committee', total: 2, counts: { IN_PROGRESS: 2, RETURNED: 0, APPROVED: 0, REJECTED: 0, WITHDRAWN: 0 } },
        { stage: 'approval', total: 0, counts: none },
        { stage: 'bkn', total: 0, counts: none },
        { stage: 'decree', total: 0, counts: none },
      ]);
      expect(res.body.totals).toEqual({ total: 6, counts: { IN_PROGRESS: 4, RETURNED: 0, APPROVED: 0, REJECTED: 1, WITHDRAWN: 1 } });
    });

    test('filters on the proposal date and the unit', async () => {
      const unit = await get('/api/dashboards/pipeline?unitId=bkpsdm', casesAdmin);
      expect(unit.body.totals).toEqual({ total: 2, counts: { IN_PROGRESS: 1, RETURNED: 0, APPROVED: 0, REJECTED: 0, WITHDRAWN: 1 } });
      const later = await get('/api/dashboards/pipeline?from=2026-03-03', casesAdmin);
      expect(later.body.totals.total).toBe(0);
      const early = await get('/api/dashboards/pipeline?from=2026-03-01&to=2026-03-02', casesAdmin);
      expect(early.body.totals.total).toBe(6);
    });
  });

  describe('training', () => {
    test('per unit: employees (untrained included), share meeting 20 JP, mean JP, Gini of JP per employee', async () => {
      const res = await get('/api/dashboards/training?year=2026');
      expect(res.status).toBe(200);
      expect(res.body.window).toEqual({ from: '2026-01-01', to: '2026-12-31' });
      const byUnit = Object.fromEntries(res.body.items.map((i: { unitId: string }) => [i.unitId, i]));
      // 0, 10, 30 JP: share 1/3, mean 13.33; Gini = Σ|xi − xj| / (2 n² mean) = 120 / (2 · 9 · 13.33) = 0.5.
      expect(byUnit['dinas-kesehatan']).toEqual({
        unitId: 'dinas-kesehatan',
        employees: 3,
        meetingTarget: 1,
        shareMeetingTarget: 0.3333,
        meanHours: 13.33,
        giniHours: 0.5,
        totalHours: 40,
        withoutTraining: 1,
      });
      // 0 and 20 JP: share 1/2, mean 10, Gini 40 / (2 · 4 · 10) = 0.5.
      expect(byUnit.bkpsdm).toMatchObject({ employees: 2, meetingTarget: 1, shareMeetingTarget: 0.5, meanHours: 10, giniHours: 0.5 });
      // Nobody trained: Gini undefined.
      expect(byUnit.inspektorat).toMatchObject({ employees: 1, meetingTarget: 0, shareMeetingTarget: 0, meanHours: 0, giniHours: null });
      // 0, 0, 0, 10, 20, 30: Σ|xi − xj| over ordered pairs 440, Gini 440 / (2 · 36 · 10) = 0.6111.
      expect(res.body.overall).toEqual({
        employees: 6,
        meetingTarget: 2,
        shareMeetingTarget: 0.3333,
        meanHours: 10,
        giniHours: 0.6111,
        totalHours: 60,
        withoutTraining: 3,
      });
    });

    test('the year defaults to this year; another year leaves out people appointed after it', async () => {
      const thisYear = await get('/api/dashboards/training');
      expect(thisYear.body.window).toEqual({ from: '2026-01-01', to: '2026-12-31' });
      expect(thisYear.body.overall.employees).toBe(6);
      const lastYear = await get('/api/dashboards/training?year=2025');
      const byUnit = Object.fromEntries(lastYear.body.items.map((i: { unitId: string }) => [i.unitId, i]));
      // 0, 0, 12 JP: mean 4, Gini 2 · (3 · 12) / (3 · 12) − 4/3 = 0.6667.
      expect(byUnit['dinas-kesehatan']).toMatchObject({ employees: 3, meetingTarget: 0, meanHours: 4, giniHours: 0.6667 });
      expect(byUnit.bkpsdm).toMatchObject({ employees: 1, meanHours: 0, giniHours: null }); // B2 was appointed in 2026
    });

    test('filters: a date range of completion instead of the year, and the unit', async () => {
      const january = await get('/api/dashboards/training?from=2026-01-01&to=2026-01-31');
      expect(january.body.window).toEqual({ from: '2026-01-01', to: '2026-01-31' });
      const byUnit = Object.fromEntries(january.body.items.map((i: { unitId: string }) => [i.unitId, i]));
      expect(byUnit['dinas-kesehatan']).toMatchObject({ totalHours: 22, meetingTarget: 0, meanHours: 7.33 });
      expect(byUnit.bkpsdm).toMatchObject({ totalHours: 0 });
      const unit = await get('/api/dashboards/training?year=2026&unitId=dinas-kesehatan');
      expect(unit.body.items).toHaveLength(1);
      expect(unit.body.overall).toMatchObject({ employees: 3, giniHours: 0.5, meanHours: 13.33 });
    });
  });

  describe('appraisals', () => {
    test('per unit, a count per predikat for a period', async () => {
      const res = await get('/api/dashboards/appraisals?period=2025');
      expect(res.status).toBe(200);
      expect(res.body.periods).toEqual([2024, 2025]);
      expect(res.body.items).toEqual([
        {
          unitId: 'bkpsdm',
          total: 1,
          employees: 1,
          bounds: [],
          counts: { SANGAT_BAIK: 0, BAIK: 1, BUTUH_PERBAIKAN: 0, KURANG: 0, SANGAT_KURANG: 0 },
        },
        {
          unitId: 'dinas-kesehatan',
          total: 3,
          employees: 3,
          bounds: [],
          counts: { SANGAT_BAIK: 1, BAIK: 1, BUTUH_PERBAIKAN: 0, KURANG: 1, SANGAT_KURANG: 0 },
        },
      ]);
      expect(res.body.overall).toEqual({ total: 4, counts: { SANGAT_BAIK: 1, BAIK: 2, BUTUH_PERBAIKAN: 0, KURANG: 1, SANGAT_KURANG: 0 } });
    });

    test('every period when none is given; filters on unit and submission date', async () => {
      const all = await get('/api/dashboards/appraisals?unitId=dinas-kesehatan');
      expect(all.body.items).toEqual([
        {
          unitId: 'dinas-kesehatan',
          total: 4,
          employees: 4,
          bounds: [],
          counts: { SANGAT_BAIK: 1, BAIK: 1, BUTUH_PERBAIKAN: 1, KURANG: 1, SANGAT_KURANG: 0 },
        },
      ]);
      const submittedLater = await get('/api/dashboards/appraisals?from=2026-03-03');
      expect(submittedLater.body.items).toEqual([]);
      const submittedThen = await get('/api/dashboards/appraisals?from=2026-03-02&to=2026-03-02&period=2024');
      expect(submittedThen.body.overall.total).toBe(1);
    });
  });

  describe('access', () => {
    const paths = ['/api/dashboards/sla', '/api/dashboards/pipeline', '/api/dashboards/training', '/api/dashboards/appraisals'];

    test('admins, auditors, the PPK and HR of the agency may read every dashboard', async () => {
      for (const path of paths) {
        expect((await get(path, [ADMIN, ['admin']])).status).toBe(200);
        expect((await get(path, [AUDITOR, ['auditor']])).status).toBe(200);
        expect((await get(path, [HR, ['ppk']])).status).toBe(200);
        expect((await get(path, [HR, ['hr']])).status).toBe(200);
      }
    });

    test('other roles get 403 FORBIDDEN, no token 401', async () => {
      for (const path of paths) {
        for (const role of ['verifier', 'committee', 'bkn', 'evaluator', 'employee'] as Role[]) {
          const res = await get(path, [HR, [role]]);
          expect({ path, role, status: res.status, code: res.body.code }).toEqual({ path, role, status: 403, code: 'FORBIDDEN' });
        }
        const anonymous = await t.http.get(path);
        expect(anonymous.status).toBe(401);
        expect(anonymous.body.code).toBe('UNAUTHENTICATED');
      }
    });

    test("another agency's auditor sees only their own agency: nothing of Langsa", async () => {
      const medan: [string, Role[], string] = [AUDITOR, ['auditor'], 'pemkot-medan'];
      const sla = await get('/api/dashboards/sla', medan);
      expect(sla.body.items.every((i: { open: number; completed: number }) => i.open === 0 && i.completed === 0)).toBe(true);
      expect((await get('/api/dashboards/pipeline', medan)).body.totals.total).toBe(0);
      expect((await get('/api/dashboards/training?year=2026', medan)).body).toMatchObject({ items: [], overall: { employees: 0 } });
      expect((await get('/api/dashboards/appraisals', medan)).body).toMatchObject({ items: [], periods: [] });
    });
  });

  test.each([
    ['/api/dashboards/sla?from=2026-02-30', 'from'],
    ['/api/dashboards/sla?from=yesterday', 'from'],
    ['/api/dashboards/sla?from=2026-03-05&to=2026-03-01', 'to'],
    ['/api/dashboards/sla?unitId=bad%20unit!', 'unitId'],
    ['/api/dashboards/sla?stage=verification', 'stage'],
    ['/api/dashboards/sla?kind=SELECTION', 'kind'],
    ['/api/dashboards/pipeline?to=2026-13-01', 'to'],
    ['/api/dashboards/pipeline?from=2026-01-01&from=2026-02-01', 'from'],
    ['/api/dashboards/training?year=abc', 'year'],
    ['/api/dashboards/training?year=2025.5', 'year'],
    ['/api/dashboards/training?year=1999', 'year'],
    ['/api/dashboards/training?year=2026&from=2026-01-01', 'year'],
    ['/api/dashboards/appraisals?period=', 'period'],
    ['/api/dashboards/appraisals?period=20x5', 'period'],
  ])('%s → 400 VALIDATION_FAILED naming %s', async (path, field) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect((res.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
  });

  test('the dashboard projections rebuilt from the event store answer the same', async () => {
    const paths = ['/api/dashboards/sla', '/api/dashboards/pipeline', '/api/dashboards/training?year=2026', '/api/dashboards/appraisals'];
    const read = () =>
      Promise.all([...paths.map(async (p) => (await get(p)).body), ...paths.map(async (p) => (await get(p, casesAdmin)).body)]);
    const before = await read();
    const rebuilder = new ProjectionRebuilder(t.app.get<DataSource>(DATA_SOURCE));
    for (const projection of [dashboardPromotionsProjection, dashboardTrainingProjection, dashboardAppraisalsProjection]) {
      const result = await rebuilder.rebuild(projection);
      expect(result.generation).toBeGreaterThan(1);
    }
    const after = await read();
    expect(after).toEqual(before);
  });
});
