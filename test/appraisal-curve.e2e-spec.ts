import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import type { Role } from '../libs/domain/src/events.js';
import { expectError, LANGSA, MEDAN, nip as makeNip, registerEmployee } from './http-support.js';

const ADMIN = '197001012000011009';
const PPK = '196512311990031004';
const HR = '197901012005012002';
const EVALUATOR = '198201012008011006';
const UNIT = 'dinas-kesehatan';
// Ten employees of dinas-kesehatan, and one more appraised after the first ten.
const STAFF = Array.from({ length: 11 }, (_, i) => makeNip(17, 200 + i));

describe('the organisation rating and the curve', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  const as = async (nip: string, roles: Role[], agency = LANGSA) => {
    const key = `${nip}/${roles.join(',')}/${agency}`;
    if (!tokens.has(key)) tokens.set(key, await t.token(nip, roles, agency));
    return { Authorization: `Bearer ${tokens.get(key)}` };
  };
  const rate = async (body: object, { unit = UNIT, year = '2025', agency = LANGSA, who = [PPK, ['ppk']] as [string, Role[]] } = {}) =>
    t.http
      .put(`/api/agencies/${agency}/units/${unit}/ratings/${year}`)
      .set(await as(who[0], who[1]))
      .send(body);
  const appraise = async (nip: string, results: string, behaviour: string) => {
    const res = await t.http
      .post('/api/appraisals')
      .set(await as(EVALUATOR, ['evaluator']))
      .send({ nip, period: 2025, results, behaviour });
    expect(res.status).toBe(201);
    // The next appraisal's warnings read this one from the projections, which the test lets catch up.
    await t.settle();
    return res.body as { appraisalId: string; predicate: string; curveWarnings: { predicate: string; broken: boolean }[] };
  };
  const dashboard = async () => {
    const res = await t.http.get('/api/dashboards/appraisals?period=2025').set(await as(ADMIN, ['admin']));
    expect(res.status).toBe(200);
    return res.body as { items: Record<string, unknown>[] };
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set(new Date('2026-03-02T03:00:00.000Z'));
    const hr = (await as(HR, ['hr'])).Authorization.slice('Bearer '.length);
    for (const nip of STAFF) await registerEmployee(t.http, hr, nip, { unitId: UNIT });
  });
  afterAll(async () => t?.close());

  test('the PPK records a unit rating: 200 with the rating; the admin may too', async () => {
    const res = await rate({ rating: 'ISTIMEWA' });
    expect([res.status, res.body]).toEqual([
      200,
      expect.objectContaining({ agencyId: LANGSA, unitId: UNIT, year: 2025, rating: 'ISTIMEWA' }),
    ]);
    const again = await rate({ rating: 'BAIK' }, { who: [ADMIN, ['admin']] });
    expect([again.status, again.body]).toEqual([200, expect.objectContaining({ rating: 'BAIK' })]);
  });

  test('an unknown rating, a year outside 2000–2100 or a malformed unit is a 400', async () => {
    expectError(await rate({ rating: 'BAGUS' }), 400, 'VALIDATION_FAILED');
    expectError(await rate({}), 400, 'VALIDATION_FAILED');
    expectError(await rate({ rating: 'BAIK' }, { year: '1999' }), 400, 'VALIDATION_FAILED');
    expectError(await rate({ rating: 'BAIK' }, { year: '2101' }), 400, 'VALIDATION_FAILED');
    expectError(await rate({ rating: 'BAIK' }, { year: 'next' }), 400, 'VALIDATION_FAILED');
    expectError(await rate({ rating: 'BAIK' }, { unit: 'Dinas_Kesehatan' }), 400, 'VALIDATION_FAILED');
  });

  test('hr may not rate a unit (403); another agency is not found (404)', async () => {
    expectError(await rate({ rating: 'BAIK' }, { who: [HR, ['hr']] }), 403, 'FORBIDDEN');
    expectError(await rate({ rating: 'BAIK' }, { agency: MEDAN }), 404, 'NOT_FOUND');
  });

  test('BAIK, 7 BAIK + 3 SANGAT_BAIK: ≤ 70 % BAIK holds at exactly 70 %, "at least one BUTUH_PERBAIKAN or KURANG" is broken', async () => {
    await t.settle(); // the warnings read the rating from its projection
    const answers = [];
    for (const nip of STAFF.slice(0, 7)) answers.push(await appraise(nip, 'AS_EXPECTED', 'AS_EXPECTED'));
    for (const nip of STAFF.slice(7, 10)) answers.push(await appraise(nip, 'ABOVE', 'ABOVE'));
    expect(answers.map((a) => a.predicate)).toEqual([...Array(7).fill('BAIK'), ...Array(3).fill('SANGAT_BAIK')]);
    // Each answer names what the unit breaks as it stands then: BAIK over 70 % until the third SANGAT_BAIK brings it
    // to exactly 70 %; with nobody below BAIK, "at least one" throughout.
    const warned = answers.map((a) => a.curveWarnings.map((w) => w.predicate).join(', '));
    expect(warned.slice(0, 9)).toEqual(Array(9).fill('BAIK, BUTUH_PERBAIKAN|KURANG'));
    expect(warned[9]).toBe('BUTUH_PERBAIKAN|KURANG');
    await t.settle();

    const unit = (await dashboard()).items.find((i) => i.unitId === UNIT);
    expect(unit).toEqual(
      expect.objectContaining({
        unitId: UNIT,
        employees: 10,
        counts: { SANGAT_BAIK: 3, BAIK: 7, BUTUH_PERBAIKAN: 0, KURANG: 0, SANGAT_KURANG: 0 },
        rating: 'BAIK',
        bounds: [
          { predicate: 'BAIK', predicates: ['BAIK'], max: 0.7, count: 7, share: 0.7, broken: false },
          { predicate: 'BUTUH_PERBAIKAN|KURANG', predicates: ['BUTUH_PERBAIKAN', 'KURANG'], minCount: 1, count: 0, share: 0, broken: true },
        ],
      }),
    );
  });

  test("the next appraisal's curveWarnings name the bound it leaves broken; the dashboard follows", async () => {
    // An eleventh BAIK: 8 of 11 BAIK (72.7 %) now breaks ≤ 70 % as well; it is recorded all the same.
    const next = await appraise(STAFF[10], 'AS_EXPECTED', 'AS_EXPECTED');
    expect(next.predicate).toBe('BAIK');
    expect(next.curveWarnings).toEqual([
      expect.objectContaining({ predicate: 'BAIK', max: 0.7, count: 8, share: 8 / 11, broken: true }),
      expect.objectContaining({ predicate: 'BUTUH_PERBAIKAN|KURANG', minCount: 1, count: 0, broken: true }),
    ]);
    await t.settle();
    const unit = (await dashboard()).items.find((i) => i.unitId === UNIT) as { bounds: { broken: boolean }[] };
    expect(unit.bounds.map((b) => b.broken)).toEqual([true, true]);
  });

  test('the OpenAPI document lists the route and the curve in the dashboard and the appraisal answer', async () => {
    const doc = (await t.http.get('/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.paths['/api/agencies/{agencyId}/units/{unitId}/ratings/{year}']?.put).toBeDefined();
    expect(Object.keys(doc.components.schemas.SubmitAppraisalResponse.properties ?? {})).toContain('curveWarnings');
    expect(Object.keys(doc.components.schemas.CurveBoundResponse.properties ?? {})).toEqual(
      expect.arrayContaining(['predicate', 'min', 'max', 'minCount', 'share', 'broken']),
    );
  });

  test('an unrated unit shows no rating and no bounds; its appraisals carry no warnings', async () => {
    const other = makeNip(17, 300);
    await registerEmployee(t.http, (await as(HR, ['hr'])).Authorization.slice('Bearer '.length), other, { unitId: 'bkpsdm' });
    expect((await appraise(other, 'ABOVE', 'ABOVE')).curveWarnings).toEqual([]);
    await t.settle();
    const unit = (await dashboard()).items.find((i) => i.unitId === 'bkpsdm');
    expect(unit).toEqual(expect.objectContaining({ employees: 1, bounds: [] }));
    expect(unit).not.toHaveProperty('rating');
  });
});
