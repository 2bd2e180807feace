import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { bearer, EventCounter, expectError, MEDAN, nip, propose, registerEmployee, seedEligible, settle } from './http-support.js';

const SERIES = 23;
const HR = nip(SERIES, 1);
const MEUTIA = nip(SERIES, 10);
const MUHAMMAD = nip(SERIES, 11);
const NURSE = nip(SERIES, 12);
const ELSEWHERE = nip(SERIES, 13);

describe('HTTP search and the nominative list', () => {
  let t: TestApp;
  let events: EventCounter;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    events = await new EventCounter(t.database.url).open();
    tokens.hr = await t.token(HR, ['hr']);
    tokens.evaluator = await t.token(nip(SERIES, 2), ['evaluator']);
    tokens.verifier = await t.token(nip(SERIES, 3), ['verifier']);
    tokens.employee = await t.token(nip(SERIES, 4), ['employee']);
    tokens.medanHr = await t.token(HR, ['hr'], MEDAN);
    // Pelaksana staff passing every REGULAR rule for III/b → III/c on 2026-04-01; a nurse in a functional post does not.
    await seedEligible(t.http, tokens as { hr: string; evaluator: string }, MEUTIA, {
      name: 'Cut Nyak Meutía',
      positionType: 'PELAKSANA',
      positionTitle: 'Pengadministrasi Umum',
    });
    await seedEligible(t.http, tokens as { hr: string; evaluator: string }, MUHAMMAD, {
      name: 'Teuku Muhammad Rizal',
      positionType: 'PELAKSANA',
      positionTitle: 'Pengelola Data',
    });
    await registerEmployee(t.http, tokens.hr, NURSE, { name: 'Siti Rahmawati', positionType: 'FUNGSIONAL', jenjang: 'AHLI_PERTAMA' });
    await registerEmployee(t.http, tokens.medanHr, ELSEWHERE, { name: 'Cut Meutia Medan', positionType: 'PELAKSANA' });
    await settle(t, events);
  });
  afterAll(async () => {
    await events.close();
    await t.close();
  });

  const search = (q: string, token = tokens.hr) => t.http.get('/api/search').query({ q }).set(bearer(token));

  test('a word prefix finds a name whatever its accents and case; other agencies stay invisible', async () => {
    const res = await search('cut MEUT');
    expect(res.status).toBe(200);
    expect(res.body.employees).toEqual([{ nip: MEUTIA, name: 'Cut Nyak Meutía', unitId: 'dinas-kesehatan', grade: 'III/b' }]);
    expect((await search('rizal')).body.employees.map((e: { nip: string }) => e.nip)).toEqual([MUHAMMAD]);
    expect((await search('meutia', tokens.medanHr)).body.employees.map((e: { nip: string }) => e.nip)).toEqual([ELSEWHERE]);
  });

  test('an NIP prefix finds the employee; the exact NIP comes first', async () => {
    const prefix = (await search(MEUTIA.slice(0, 6))).body.employees.map((e: { nip: string }) => e.nip);
    expect(prefix).toEqual(expect.arrayContaining([MEUTIA, MUHAMMAD, NURSE]));
    expect((await search(MUHAMMAD)).body.employees[0].nip).toBe(MUHAMMAD);
  });

  test('search is for office roles; an empty query is 400', async () => {
    expectError(await search('cut', tokens.employee), 403, 'FORBIDDEN');
    expectError(await t.http.get('/api/search').set(bearer(tokens.hr)), 400, 'VALIDATION_FAILED');
    expect((await search('%_')).body).toEqual({ employees: [], cases: [] });
  });

  test('the nominative list names who passes every blocking rule of some kind for the TMT, and leaves out open cases', async () => {
    const before = await t.http.get('/api/promotions/eligible').query({ tmt: '2026-04-01' }).set(bearer(tokens.hr));
    expect(before.status).toBe(200);
    expect(before.body.tmt).toBe('2026-04-01');
    const listed = before.body.employees as { nip: string; kinds: string[]; grade: string }[];
    expect(listed.map((e) => e.nip).sort()).toEqual([MEUTIA, MUHAMMAD].sort());
    expect(listed.find((e) => e.nip === MEUTIA)).toMatchObject({ name: 'Cut Nyak Meutía', grade: 'III/b', kinds: ['REGULAR'] });

    const caseId = await propose(t.http, tokens.hr, MEUTIA);
    await settle(t, events);
    const after = await t.http.get('/api/promotions/eligible').query({ tmt: '2026-04-01' }).set(bearer(tokens.hr));
    expect(after.body.employees.map((e: { nip: string }) => e.nip)).toEqual([MUHAMMAD]);

    const cases = (await search('meutia')).body.cases;
    expect(cases).toEqual([
      { caseId, nip: MEUTIA, name: 'Cut Nyak Meutía', kind: 'REGULAR', status: 'IN_PROGRESS', stage: 'verification' },
    ]);
  });

  test('a TMT that is not a KP period date of its table, or in the past, is 400 naming tmt', async () => {
    for (const tmt of ['2026-04-15', '2026-02-01', 'soon']) {
      const res = await t.http.get('/api/promotions/eligible').query({ tmt }).set(bearer(tokens.hr));
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(JSON.stringify(res.body.details)).toContain('tmt');
    }
    expectError(await t.http.get('/api/promotions/eligible').query({ tmt: '2026-04-01' }).set(bearer(tokens.verifier)), 403, 'FORBIDDEN');
  });
});
