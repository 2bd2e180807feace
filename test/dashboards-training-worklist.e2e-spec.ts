import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import type { Role } from '../libs/domain/src/events.js';
import { employeeBody, LANGSA, MEDAN, nip } from './http-support.js';

const ADMIN = '197001012000011009';
const HR = '197901012005012002';

// dinas-kesehatan: 0, 0, 19, 20 and 24 JP in 2026 (the 19 also has 30 JP in 2025, which do not count for 2026).
const AHMAD = nip(7, 1); // 0 JP
const ZAINAL = nip(7, 2); // 0 JP
const NINETEEN = nip(7, 3);
const TWENTY = nip(7, 4);
const TWENTY_FOUR = nip(7, 5);
// bkpsdm: 5 JP, and one appointed in January 2026 without training (not yet employed in 2025).
const FIVE = nip(7, 6);
const NEWCOMER = '199709092026012005';
// Medan: one employee without training, never visible to Langsa.
const MEDAN_EMPLOYEE = nip(7, 7);

describe('training worklist (GET /api/dashboards/training/worklist)', () => {
  let t: TestApp;
  const as = async (roles: Role[], agency = LANGSA, who = HR) => ({ Authorization: `Bearer ${await t.token(who, roles, agency)}` });
  const post = async (path: string, body: object, agency = LANGSA) => {
    const res = await t.http
      .post(path)
      .set(await as(['hr'], agency))
      .send(body);
    if (res.status !== 201) throw new Error(`POST ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  };
  const get = async (path: string, roles: Role[] = ['admin'], agency = LANGSA) =>
    t.http.get(path).set(await as(roles, agency, roles.includes('admin') ? ADMIN : HR));
  let certificate = 0;
  const train = (who: string, hours: number, completedOn: string, agency = LANGSA) =>
    post(
      '/api/trainings',
      {
        nip: who,
        title: 'Pelatihan Teknis',
        hours,
        kind: 'TECHNICAL',
        provider: 'BPSDM Aceh',
        completedOn,
        certificateNo: `CERT-${(certificate += 1)}`,
      },
      agency,
    );
  const row = (who: string, name: string, grade: string, jp: number) => ({ nip: who, name, grade, jp, missing: 20 - jp });

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(new Date('2026-03-02T03:00:00.000Z'));
    const register = (who: string, name: string, unitId: string, agency = LANGSA) =>
      post('/api/employees', employeeBody(who, { name, unitId, grade: 'III/b' }), agency);
    await register(ZAINAL, 'Zainal Abidin', 'dinas-kesehatan');
    await register(AHMAD, 'Ahmad Dahlan', 'dinas-kesehatan');
    await register(NINETEEN, 'Cut Nyak Dhien', 'dinas-kesehatan');
    await register(TWENTY, 'Teuku Umar', 'dinas-kesehatan');
    await register(TWENTY_FOUR, 'Malahayati', 'dinas-kesehatan');
    await register(FIVE, 'Pocut Baren', 'bkpsdm');
    await register(NEWCOMER, 'Nyak Sandang', 'bkpsdm');
    await register(MEDAN_EMPLOYEE, 'Sisingamangaraja', 'dinas-kesehatan', MEDAN);

    await train(NINETEEN, 12, '2026-01-05');
    await train(NINETEEN, 7, '2026-02-20');
    await train(NINETEEN, 30, '2025-12-31');
    await train(TWENTY, 20, '2026-01-01');
    await train(TWENTY_FOUR, 16, '2026-02-01');
    await train(TWENTY_FOUR, 8, '2026-03-01');
    await train(FIVE, 5, '2026-02-10');
    await t.settle();
  });
  afterAll(async () => t?.close());

  test('this year by default: per unit, those below 20 JP, fewest first then by name; 20 and 24 JP are not listed', async () => {
    const res = await get('/api/dashboards/training/worklist');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      filters: {},
      year: 2026,
      window: { from: '2026-01-01', to: '2026-12-31' },
      targetHours: 20,
      items: [
        { unitId: 'bkpsdm', employees: [row(NEWCOMER, 'Nyak Sandang', 'III/b', 0), row(FIVE, 'Pocut Baren', 'III/b', 5)] },
        {
          unitId: 'dinas-kesehatan',
          employees: [
            row(AHMAD, 'Ahmad Dahlan', 'III/b', 0),
            row(ZAINAL, 'Zainal Abidin', 'III/b', 0),
            row(NINETEEN, 'Cut Nyak Dhien', 'III/b', 19),
          ],
        },
      ],
      total: 5,
    });
  });

  test('unitId narrows to one unit', async () => {
    const res = await get('/api/dashboards/training/worklist?year=2026&unitId=bkpsdm');
    expect(res.status).toBe(200);
    expect(res.body.filters).toEqual({ year: 2026, unitId: 'bkpsdm' });
    expect(res.body.items.map((u: { unitId: string }) => u.unitId)).toEqual(['bkpsdm']);
    expect((await get('/api/dashboards/training/worklist?unitId=no-such-unit')).body).toMatchObject({ items: [], total: 0 });
  });

  test("another year counts only that year's trainings, and leaves out people appointed after it", async () => {
    const res = await get('/api/dashboards/training/worklist?year=2025');
    expect(res.status).toBe(200);
    expect(res.body.window).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    // The 19 had 30 JP in 2025; the 20 and 24 had none then; the newcomer was appointed in 2026.
    expect(res.body.items).toEqual([
      { unitId: 'bkpsdm', employees: [row(FIVE, 'Pocut Baren', 'III/b', 0)] },
      {
        unitId: 'dinas-kesehatan',
        employees: [
          row(AHMAD, 'Ahmad Dahlan', 'III/b', 0),
          row(TWENTY_FOUR, 'Malahayati', 'III/b', 0),
          row(TWENTY, 'Teuku Umar', 'III/b', 0),
          row(ZAINAL, 'Zainal Abidin', 'III/b', 0),
        ],
      },
    ]);
  });

  test('the worklist, the career view and the training dashboard agree on who reached 20 JP', async () => {
    const worklist = (await get('/api/dashboards/training/worklist?unitId=dinas-kesehatan')).body;
    const listed = new Set(worklist.items.flatMap((u: { employees: { nip: string }[] }) => u.employees.map((e) => e.nip)));
    for (const who of [AHMAD, ZAINAL, NINETEEN, TWENTY, TWENTY_FOUR]) {
      const career = await get(`/api/employees/${who}/career`, ['hr']);
      expect(career.status).toBe(200);
      expect({ who, listed: listed.has(who) }).toEqual({ who, listed: career.body.jpThisYear < 20 });
    }
    expect((await get(`/api/employees/${NINETEEN}/career`, ['hr'])).body.jpThisYear).toBe(19);
    const dashboard = (await get('/api/dashboards/training?year=2026&unitId=dinas-kesehatan')).body;
    expect(dashboard.items[0]).toMatchObject({ unitId: 'dinas-kesehatan', employees: 5, meetingTarget: 2 });
    expect(dashboard.items[0].employees - dashboard.items[0].meetingTarget).toBe(listed.size);
  });

  test("another agency's worklist shows only its own employees", async () => {
    const medan = await get('/api/dashboards/training/worklist?year=2026', ['auditor'], MEDAN);
    expect(medan.status).toBe(200);
    expect(medan.body.items).toEqual([{ unitId: 'dinas-kesehatan', employees: [row(MEDAN_EMPLOYEE, 'Sisingamangaraja', 'III/b', 0)] }]);
  });

  test('admins, auditors, the PPK and HR may read it; other roles 403, no token 401', async () => {
    for (const role of ['admin', 'auditor', 'ppk', 'hr'] as Role[]) {
      expect({ role, status: (await get('/api/dashboards/training/worklist', [role])).status }).toEqual({ role, status: 200 });
    }
    for (const role of ['verifier', 'committee', 'bkn', 'evaluator', 'employee'] as Role[]) {
      const res = await get('/api/dashboards/training/worklist', [role]);
      expect({ role, status: res.status, code: res.body.code }).toEqual({ role, status: 403, code: 'FORBIDDEN' });
    }
    expect((await t.http.get('/api/dashboards/training/worklist')).status).toBe(401);
  });

  test.each([
    ['year=abc', 'year'],
    ['year=2025.5', 'year'],
    ['year=1999', 'year'],
    ['year=', 'year'],
    ['unitId=bad%20unit!', 'unitId'],
    ['from=2026-01-01', 'from'],
  ])('?%s → 400 VALIDATION_FAILED naming %s', async (query, field) => {
    const res = await get(`/api/dashboards/training/worklist?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect((res.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
  });
});
