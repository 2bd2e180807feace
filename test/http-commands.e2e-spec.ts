import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { SMALL_PDF } from '../libs/testing/src/document-fixtures.js';
import {
  bearer,
  employeeBody,
  EventCounter,
  expectError,
  LANGSA,
  MEDAN,
  nip,
  propose,
  proposalBody,
  registerEmployee,
  seedEligible,
  settle,
  uploadDocument,
} from './http-support.js';

const SERIES = 3;
const HR = nip(SERIES, 1);
const EVALUATOR = nip(SERIES, 2);
const VERIFIER = nip(SERIES, 3);
const COMMITTEE = nip(SERIES, 4);
const ADMIN = nip(SERIES, 5);
const AUDITOR = nip(SERIES, 6);
const PPK = nip(SERIES, 8);
const BKN = nip(SERIES, 9);

describe('HTTP commands: duplicates, agencies, idempotency, positions', () => {
  let t: TestApp;
  let events: EventCounter;
  const tokens: Record<string, string> = {};
  let seq = 100;
  const fresh = () => nip(SERIES, seq++);

  beforeAll(async () => {
    t = await startTestApp();
    events = await new EventCounter(t.database.url).open();
    tokens.hr = await t.token(HR, ['hr']);
    tokens.hr2 = await t.token(nip(SERIES, 7), ['hr']);
    tokens.evaluator = await t.token(EVALUATOR, ['evaluator']);
    tokens.verifier = await t.token(VERIFIER, ['verifier']);
    tokens.committee = await t.token(COMMITTEE, ['committee']);
    tokens.admin = await t.token(ADMIN, ['admin']);
    tokens.ppk = await t.token(PPK, ['ppk']);
    tokens.bkn = await t.token(BKN, ['bkn']);
    tokens.auditor = await t.token(AUDITOR, ['auditor']);
    // The same people, in Kota Medan.
    tokens.medanHr = await t.token(HR, ['hr'], MEDAN);
    tokens.medanEvaluator = await t.token(EVALUATOR, ['evaluator'], MEDAN);
    tokens.medanVerifier = await t.token(VERIFIER, ['verifier'], MEDAN);
    tokens.medanAdmin = await t.token(ADMIN, ['admin'], MEDAN);
    tokens.medanAuditor = await t.token(AUDITOR, ['auditor'], MEDAN);
  });
  afterAll(async () => {
    await events.close();
    await t.close();
  });
  const seedTokens = () => ({ hr: tokens.hr, evaluator: tokens.evaluator });

  describe('duplicates are 409 CONFLICT and write nothing', () => {
    test('the same NIP registered twice', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const before = await events.count();
      const again = await t.http
        .post('/api/employees')
        .set(bearer(tokens.hr))
        .send(employeeBody(n, { name: 'Someone Else' }));
      expectError(again, 409, 'CONFLICT');
      // Another HR officer of the agency is no different; another agency must not learn the NIP exists.
      const other = await t.http.post('/api/employees').set(bearer(tokens.hr2)).send(employeeBody(n));
      expectError(other, 409, 'CONFLICT');
      const medan = await t.http.post('/api/employees').set(bearer(tokens.medanHr)).send(employeeBody(n));
      expectError(medan, 404, 'NOT_FOUND');
      expect(await events.count()).toBe(before);
    });

    test('the same NIP registered twice at the same moment: one 201, one 409', async () => {
      const n = fresh();
      const before = await events.count();
      const results = await Promise.all([0, 1, 2].map(() => t.http.post('/api/employees').set(bearer(tokens.hr)).send(employeeBody(n))));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) expectError(r, 409, 'CONFLICT');
      expect(await events.count()).toBe(before + 1);
    });

    test('the same appraisal period twice', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const first = await t.http
        .post('/api/appraisals')
        .set(bearer(tokens.evaluator))
        .send({ nip: n, period: 2025, results: 'ABOVE', behaviour: 'ABOVE' });
      expect(first.status).toBe(201);
      expect(first.body.predicate).toBe('SANGAT_BAIK');
      const before = await events.count();
      const again = await t.http
        .post('/api/appraisals')
        .set(bearer(tokens.evaluator))
        .send({ nip: n, period: 2025, results: 'BELOW', behaviour: 'BELOW' });
      expectError(again, 409, 'CONFLICT');
      const other = await t.http
        .post('/api/appraisals')
        .set(bearer(await t.token(nip(SERIES, 8), ['evaluator'])))
        .send({ nip: n, period: 2025, results: 'AS_EXPECTED', behaviour: 'AS_EXPECTED' });
      expectError(other, 409, 'CONFLICT');
      expect(await events.count()).toBe(before);
      // Another period is fine.
      const next = await t.http
        .post('/api/appraisals')
        .set(bearer(tokens.evaluator))
        .send({ nip: n, period: 2024, results: 'BELOW', behaviour: 'ABOVE' });
      expect([next.status, next.body.predicate]).toEqual([201, 'BUTUH_PERBAIKAN']);
      await settle(t, events);
      const career = await t.http.get(`/api/employees/${n}/career`).set(bearer(tokens.hr));
      expect(career.body.appraisals.map((a: { period: number; predicate: string }) => [a.period, a.predicate])).toEqual([
        [2024, 'BUTUH_PERBAIKAN'],
        [2025, 'SANGAT_BAIK'],
      ]);
    });

    test('the same appraisal period submitted twice at the same moment: one 201, one 409', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const before = await events.count();
      const body = (results: string) => ({ nip: n, period: 2023, results, behaviour: 'AS_EXPECTED' });
      const results = await Promise.all([
        t.http.post('/api/appraisals').set(bearer(tokens.evaluator)).send(body('ABOVE')),
        t.http.post('/api/appraisals').set(bearer(tokens.evaluator)).send(body('BELOW')),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await events.count()).toBe(before + 1);
    });

    test('the same certificate twice for one employee (also when spelled with other case or spaces)', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const training = (certificateNo: string, title = 'Diklat PIM IV') => ({
        nip: n,
        title,
        hours: 30,
        kind: 'MANAGERIAL',
        provider: 'LAN RI',
        completedOn: '2025-11-20',
        certificateNo,
      });
      const first = await t.http.post('/api/trainings').set(bearer(tokens.hr)).send(training('LAN-2025-0042'));
      expect(first.status).toBe(201);
      const before = await events.count();
      for (const cert of ['LAN-2025-0042', 'lan-2025-0042', ' LAN-2025-0042 ']) {
        const again = await t.http.post('/api/trainings').set(bearer(tokens.hr)).send(training(cert, 'Another title'));
        expect([cert, again.status, again.body.code]).toEqual([cert, 409, 'CONFLICT']);
      }
      expect(await events.count()).toBe(before);
      // The same certificate number for another employee is a different certificate.
      const m = fresh();
      await registerEmployee(t.http, tokens.hr, m);
      const other = await t.http
        .post('/api/trainings')
        .set(bearer(tokens.hr))
        .send({ ...training('LAN-2025-0042'), nip: m });
      expect(other.status).toBe(201);
    });

    test('a second open case for one employee, also by another proposer', async () => {
      const n = fresh();
      await seedEligible(t.http, seedTokens(), n);
      const caseId = await propose(t.http, tokens.hr, n);
      const before = await events.count();
      const again = await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(proposalBody(n));
      expectError(again, 409, 'CONFLICT');
      const other = await t.http
        .post('/api/promotions')
        .set(bearer(tokens.hr2))
        .send(proposalBody(n, { kind: 'STRUCTURAL' }));
      expectError(other, 409, 'CONFLICT');
      expect(await events.count()).toBe(before);
      // Still one open case after a return: RETURNED is open.
      const returned = await t.http
        .post(`/api/promotions/${caseId}/decisions`)
        .set(bearer(tokens.verifier))
        .send({ decision: 'RETURN', reason: 'SKP 2024 belum ditandatangani' });
      expect([returned.status, returned.body.status]).toEqual([200, 'RETURNED']);
      const whileReturned = await t.http.post('/api/promotions').set(bearer(tokens.hr2)).send(proposalBody(n));
      expectError(whileReturned, 409, 'CONFLICT');
    });

    test('two proposals for one employee at the same moment: exactly one case', async () => {
      const n = fresh();
      await seedEligible(t.http, seedTokens(), n);
      const before = await events.count();
      const results = await Promise.all(
        [tokens.hr, tokens.hr2, tokens.hr].map((tk) => t.http.post('/api/promotions').set(bearer(tk)).send(proposalBody(n))),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(await events.count()).toBe(before + 1);
    });
  });

  describe('another agency is invisible: 404 NOT_FOUND, nothing written', () => {
    let n: string;
    let caseId: string;

    beforeAll(async () => {
      n = fresh();
      await seedEligible(t.http, seedTokens(), n);
      caseId = await propose(t.http, tokens.hr, n);
      await settle(t, events);
    });

    test('the Langsa tokens see the case and the career (the control)', async () => {
      expect((await t.http.get(`/api/promotions/${caseId}`).set(bearer(tokens.verifier))).status).toBe(200);
      expect((await t.http.get(`/api/employees/${n}/career`).set(bearer(tokens.hr))).status).toBe(200);
      expect((await t.http.get(`/api/employees/${n}/career`).set(bearer(tokens.auditor))).status).toBe(200);
    });

    test('reads: the case and the career answer 404 to Medan, as an unknown case does', async () => {
      for (const token of [tokens.medanHr, tokens.medanVerifier, tokens.medanAuditor, tokens.medanAdmin]) {
        const view = await t.http.get(`/api/promotions/${caseId}`).set(bearer(token));
        expectError(view, 404, 'NOT_FOUND');
      }
      for (const token of [tokens.medanHr, tokens.medanAuditor]) {
        const career = await t.http.get(`/api/employees/${n}/career`).set(bearer(token));
        expectError(career, 404, 'NOT_FOUND');
      }
      // The candidate's own token, but issued by Medan, does not see the Langsa file either.
      const self = await t.http.get(`/api/employees/${n}/career`).set(bearer(await t.token(n, ['employee'], MEDAN)));
      expectError(self, 404, 'NOT_FOUND');
      const unknown = await t.http.get('/api/promotions/00000000-0000-4000-8000-000000000000').set(bearer(tokens.verifier));
      expectError(unknown, 404, 'NOT_FOUND');
      const queue = await t.http.get('/api/queues/mine').set(bearer(tokens.medanVerifier));
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(caseId);
    });

    test('writes: deciding, claiming, withdrawing, appraising, training, sanctioning, proposing, configuring', async () => {
      const before = await events.count();
      const attempts: [string, () => Promise<{ status: number; body: Record<string, unknown> }>][] = [
        [
          'decide',
          () => t.http.post(`/api/promotions/${caseId}/decisions`).set(bearer(tokens.medanVerifier)).send({ decision: 'APPROVE' }),
        ],
        [
          'reject',
          () =>
            t.http.post(`/api/promotions/${caseId}/decisions`).set(bearer(tokens.medanVerifier)).send({ decision: 'REJECT', reason: 'x' }),
        ],
        ['claim', () => t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.medanVerifier)).send({})],
        ['release', () => t.http.delete(`/api/promotions/${caseId}/claim`).set(bearer(tokens.medanVerifier))],
        ['withdraw', () => t.http.post(`/api/promotions/${caseId}/withdrawal`).set(bearer(tokens.medanHr)).send({})],
        ['resubmit', () => t.http.post(`/api/promotions/${caseId}/resubmission`).set(bearer(tokens.medanHr)).send({})],
        [
          'appraise',
          () =>
            t.http
              .post('/api/appraisals')
              .set(bearer(tokens.medanEvaluator))
              .send({ nip: n, period: 2023, results: 'ABOVE', behaviour: 'ABOVE' }),
        ],
        [
          'train',
          () =>
            t.http.post('/api/trainings').set(bearer(tokens.medanHr)).send({
              nip: n,
              title: 'Diklat',
              hours: 10,
              kind: 'TECHNICAL',
              provider: 'BPSDM Sumut',
              completedOn: '2026-01-10',
              certificateNo: 'MDN-1',
            }),
        ],
        [
          'sanction',
          () =>
            t.http.post(`/api/employees/${n}/sanctions`).set(bearer(tokens.medanHr)).send({
              level: 'SEVERE',
              type: 'DEMOTION_12M',
              reason: 'x',
              decreeNumber: '800/1',
              decreeDate: '2026-01-01',
              from: '2026-01-01',
            }),
        ],
        ['propose', () => t.http.post('/api/promotions').set(bearer(tokens.medanHr)).send(proposalBody(n))],
        [
          'configure Langsa',
          () => t.http.put(`/api/agencies/${LANGSA}`).set(bearer(tokens.medanAdmin)).send({ name: 'Hijacked', timeZone: 'Asia/Jayapura' }),
        ],
        ['read Langsa config', () => t.http.get(`/api/agencies/${LANGSA}`).set(bearer(tokens.medanAdmin))],
      ];
      for (const [label, attempt] of attempts) {
        const res = await attempt();
        expect([label, res.status, res.body.code]).toEqual([label, 404, 'NOT_FOUND']);
      }
      expect(await events.count()).toBe(before);
      await settle(t, events);
      const view = await t.http.get(`/api/promotions/${caseId}`).set(bearer(tokens.hr));
      expect(view.body).toMatchObject({ status: 'IN_PROGRESS', stage: 'verification', version: 1, claimedBy: null });
    });
  });

  describe('Idempotency-Key', () => {
    test('same key, same body: the same status and body, and no new event', async () => {
      const n = fresh();
      const key = `register-${n}`;
      const body = employeeBody(n);
      const before = await events.count();
      const first = await t.http
        .post('/api/employees')
        .set({ ...bearer(tokens.hr), 'Idempotency-Key': key })
        .send(body);
      expect(first.status).toBe(201);
      expect(await events.count()).toBe(before + 1);
      // Key order in the JSON does not matter: the body is the same.
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      for (const again of [body, reordered]) {
        const repeat = await t.http
          .post('/api/employees')
          .set({ ...bearer(tokens.hr), 'Idempotency-Key': key })
          .send(again);
        expect(repeat.status).toBe(first.status);
        expect(repeat.body).toEqual(first.body);
      }
      expect(await events.count()).toBe(before + 1);
      // Without the key, the same body is a plain duplicate.
      const unkeyed = await t.http.post('/api/employees').set(bearer(tokens.hr)).send(body);
      expectError(unkeyed, 409, 'CONFLICT');
    });

    test('a replay returns the first response even after the state moved on (a decision)', async () => {
      const n = fresh();
      await seedEligible(t.http, seedTokens(), n);
      const caseId = await propose(t.http, tokens.hr, n);
      const { documentId } = await uploadDocument(t.http, tokens.hr, caseId);
      const key = `decide-${caseId}`;
      const body = { decision: 'APPROVE', documents: [{ documentId, verdict: 'OK' }] };
      const first = await t.http
        .post(`/api/promotions/${caseId}/decisions`)
        .set({ ...bearer(tokens.verifier), 'Idempotency-Key': key })
        .send(body);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ caseId, status: 'IN_PROGRESS', stage: 'approval', version: 4 });
      const before = await events.count();
      const repeat = await t.http
        .post(`/api/promotions/${caseId}/decisions`)
        .set({ ...bearer(tokens.verifier), 'Idempotency-Key': key })
        .send(body);
      expect([repeat.status, repeat.body]).toEqual([200, first.body]);
      expect(await events.count()).toBe(before);
      // Without the key, the same verifier at the approval stage is refused.
      const unkeyed = await t.http.post(`/api/promotions/${caseId}/decisions`).set(bearer(tokens.verifier)).send(body);
      expectError(unkeyed, 403, 'FORBIDDEN');
    });

    test('a failed command is not remembered: after the cause is fixed, the same key succeeds', async () => {
      const n = fresh();
      const key = `appraise-${n}`;
      const body = { nip: n, period: 2025, results: 'ABOVE', behaviour: 'AS_EXPECTED' };
      const missing = await t.http
        .post('/api/appraisals')
        .set({ ...bearer(tokens.evaluator), 'Idempotency-Key': key })
        .send(body);
      expectError(missing, 404, 'NOT_FOUND');
      await registerEmployee(t.http, tokens.hr, n);
      const ok = await t.http
        .post('/api/appraisals')
        .set({ ...bearer(tokens.evaluator), 'Idempotency-Key': key })
        .send(body);
      expect(ok.status).toBe(201);
    });

    test('same key, different body → 422 IDEMPOTENCY_KEY_REUSED, nothing written', async () => {
      const n = fresh();
      const m = fresh();
      const key = `register-pair-${n}`;
      const first = await t.http
        .post('/api/employees')
        .set({ ...bearer(tokens.hr), 'Idempotency-Key': key })
        .send(employeeBody(n));
      expect(first.status).toBe(201);
      const before = await events.count();
      const reused = await t.http
        .post('/api/employees')
        .set({ ...bearer(tokens.hr), 'Idempotency-Key': key })
        .send(employeeBody(m));
      expectError(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
      const tweaked = await t.http
        .post('/api/employees')
        .set({ ...bearer(tokens.hr), 'Idempotency-Key': key })
        .send({ ...employeeBody(n), name: 'Nama Lain' });
      expectError(tweaked, 422, 'IDEMPOTENCY_KEY_REUSED');
      // The same body on another route is another request too.
      const elsewhere = await t.http
        .post('/api/trainings')
        .set({ ...bearer(tokens.hr), 'Idempotency-Key': key })
        .send({
          nip: n,
          title: 'Diklat',
          hours: 10,
          kind: 'TECHNICAL',
          provider: 'LAN',
          completedOn: '2026-01-10',
          certificateNo: 'IDEM-1',
        });
      expectError(elsewhere, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(await events.count()).toBe(before);
      await settle(t, events);
      const career = await t.http.get(`/api/employees/${m}/career`).set(bearer(tokens.hr));
      expectError(career, 404, 'NOT_FOUND');
    });

    test('keys belong to the actor: another actor with the same key is a new request', async () => {
      const n = fresh();
      const m = fresh();
      const key = 'shared-key-001';
      const a = await t.http
        .post('/api/employees')
        .set({ ...bearer(tokens.hr), 'Idempotency-Key': key })
        .send(employeeBody(n));
      const b = await t.http
        .post('/api/employees')
        .set({ ...bearer(tokens.hr2), 'Idempotency-Key': key })
        .send(employeeBody(m));
      expect([a.status, b.status]).toEqual([201, 201]);
      expect([a.body.nip, b.body.nip]).toEqual([n, m]);
    });

    test('keys belong to the agency: the same NIP signed in at another agency with the same key and body is a new request', async () => {
      const n = fresh();
      const key = 'cross-agency-key-001';
      const body = employeeBody(n);
      const here = await t.http
        .post('/api/employees')
        .set({ ...bearer(tokens.hr), 'Idempotency-Key': key })
        .send(body);
      expect(here.status).toBe(201);
      // Same sub, another agency, no role there that may register: it must be judged, not handed the first answer.
      const elsewhere = await t.token(HR, ['verifier'], 'pemkot-medan');
      const replay = await t.http
        .post('/api/employees')
        .set({ ...bearer(elsewhere), 'Idempotency-Key': key })
        .send(body);
      expectError(replay, 403, 'FORBIDDEN');
      // And the key is that agency's own: another body under it is a new request there, not IDEMPOTENCY_KEY_REUSED.
      const m = fresh();
      const hrThere = await t.token(HR, ['hr'], 'pemkot-medan');
      const registered = await t.http
        .post('/api/employees')
        .set({ ...bearer(hrThere), 'Idempotency-Key': key })
        .send(employeeBody(m));
      expect(registered.status).toBe(201);
      expect(registered.body.nip).toBe(m);
    });

    test('four concurrent registrations with the same key: one event, all answered alike', async () => {
      const n = fresh();
      const key = `concurrent-${n}`;
      const body = employeeBody(n);
      const before = await events.count();
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          t.http
            .post('/api/employees')
            .set({ ...bearer(tokens.hr), 'Idempotency-Key': key })
            .send(body),
        ),
      );
      expect(await events.count()).toBe(before + 1);
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      for (const r of results) expect(r.body).toEqual(results[0].body);
    });

    test('two concurrent appraisals with the same key: one event, both 201 with the same appraisalId', async () => {
      const n = fresh();
      await registerEmployee(t.http, tokens.hr, n);
      const key = `appraisal-${n}`;
      const body = { nip: n, period: 2025, results: 'AS_EXPECTED', behaviour: 'ABOVE' };
      const before = await events.count();
      const results = await Promise.all(
        [0, 1, 2].map(() =>
          t.http
            .post('/api/appraisals')
            .set({ ...bearer(tokens.evaluator), 'Idempotency-Key': key })
            .send(body),
        ),
      );
      expect(await events.count()).toBe(before + 1);
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(new Set(results.map((r) => r.body.appraisalId)).size).toBe(1);
    });

    test('two concurrent decisions with the same key: the case advances once, both get the first answer', async () => {
      const n = fresh();
      await seedEligible(t.http, seedTokens(), n);
      const caseId = await propose(t.http, tokens.hr, n);
      const { documentId } = await uploadDocument(t.http, tokens.hr, caseId);
      const key = `decide-twice-${caseId}`;
      const results = await Promise.all(
        [0, 1].map(() =>
          t.http
            .post(`/api/promotions/${caseId}/decisions`)
            .set({ ...bearer(tokens.verifier), 'Idempotency-Key': key })
            .send({ decision: 'APPROVE', documents: [{ documentId, verdict: 'OK' }] }),
        ),
      );
      // proposed, uploaded, then once: the verdict and the approval
      expect(await events.count(`promotion-${caseId}`)).toBe(4);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      expect(results[1].body).toEqual(results[0].body);
    });
  });

  describe('every command response carries position and version', () => {
    test('registration, sanction, appraisal, training, configuration, proposal, upload, claim, release, decisions, return, resubmission, withdrawal', async () => {
      const n = fresh();
      const lastPosition = async () => Number((await events.query<{ p: string }>('SELECT max(global_position) AS p FROM events'))[0].p);
      const check = async (res: { status: number; body: Record<string, unknown> }, status: number, streamId: string, version: number) => {
        expect([res.status, res.body.version, typeof res.body.position]).toEqual([status, version, 'number']);
        expect(res.body.position).toBe(await lastPosition());
        const [row] = await events.query<{ version: number }>('SELECT version FROM events WHERE global_position = $1', [res.body.position]);
        expect(row.version).toBe(version);
        expect(await events.count(streamId)).toBe(version);
      };

      const registered = await t.http
        .post('/api/employees')
        .set(bearer(tokens.hr))
        .send(employeeBody(n, { positionType: 'PELAKSANA' }));
      await check(registered, 201, `employee-${n}`, 1);
      const sanction = await t.http.post(`/api/employees/${n}/sanctions`).set(bearer(tokens.hr)).send({
        level: 'LIGHT',
        type: 'WRITTEN_REPRIMAND',
        reason: 'Terlambat',
        decreeNumber: '800/3/2024',
        decreeDate: '2024-01-01',
        from: '2024-01-01',
      });
      await check(sanction, 201, `employee-${n}`, 2);
      expect(typeof sanction.body.sanctionId).toBe('string');
      for (const period of [2024, 2025]) {
        const appraisal = await t.http
          .post('/api/appraisals')
          .set(bearer(tokens.evaluator))
          .send({ nip: n, period, results: 'ABOVE', behaviour: 'ABOVE' });
        await check(appraisal, 201, `appraisal-${appraisal.body.appraisalId}`, 1);
      }
      const training = await t.http
        .post('/api/trainings')
        .set(bearer(tokens.hr))
        .send({
          nip: n,
          title: 'Diklat',
          hours: 20,
          kind: 'TECHNICAL',
          provider: 'LAN',
          completedOn: '2026-02-10',
          certificateNo: `POS-${n}`,
        });
      await check(training, 201, `training-${training.body.trainingId}`, 1);
      const semarangAdmin = await t.token(ADMIN, ['admin'], 'pemkot-semarang');
      const configured = await t.http
        .put('/api/agencies/pemkot-semarang')
        .set(bearer(semarangAdmin))
        .send({ name: 'Pemerintah Kota Semarang', timeZone: 'Asia/Jakarta' });
      await check(configured, 200, 'agency-pemkot-semarang', 1);
      const reconfigured = await t.http
        .put('/api/agencies/pemkot-semarang')
        .set(bearer(semarangAdmin))
        .send({ name: 'Pemkot Semarang', timeZone: 'Asia/Jakarta', holidays: ['2026-03-19'] });
      await check(reconfigured, 200, 'agency-pemkot-semarang', 2);

      const proposed = await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(proposalBody(n));
      const caseId = proposed.body.caseId as string;
      const stream = `promotion-${caseId}`;
      await check(proposed, 201, stream, 1);
      const uploaded = await t.http
        .post(`/api/promotions/${caseId}/documents?type=LAST_GRADE_DECREE&name=sk.pdf`)
        .set(bearer(tokens.hr))
        .set('Content-Type', 'application/pdf')
        .send(Buffer.from(SMALL_PDF));
      await check(uploaded, 201, stream, 2);
      const claimed = await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier)).send({});
      await check(claimed, 200, stream, 3);
      const released = await t.http.delete(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier));
      await check(released, 200, stream, 4);
      // The verdict and the approval are two events: version is the last one's.
      const verified = await t.http
        .post(`/api/promotions/${caseId}/decisions`)
        .set(bearer(tokens.verifier))
        .send({ decision: 'APPROVE', expectedVersion: 4, documents: [{ documentId: uploaded.body.documentId, verdict: 'OK' }] });
      await check(verified, 200, stream, 6);
      const approved = await t.http.post(`/api/promotions/${caseId}/decisions`).set(bearer(tokens.ppk)).send({ decision: 'APPROVE' });
      await check(approved, 200, stream, 7);
      const returned = await t.http
        .post(`/api/promotions/${caseId}/decisions`)
        .set(bearer(tokens.bkn))
        .send({ decision: 'RETURN', reason: 'Lampirkan SK terakhir yang dilegalisir' });
      await check(returned, 200, stream, 8);
      const resubmitted = await t.http.post(`/api/promotions/${caseId}/resubmission`).set(bearer(tokens.hr)).send({ expectedVersion: 8 });
      await check(resubmitted, 200, stream, 9);
      expect(resubmitted.body.stage).toBe('bkn');
      const withdrawn = await t.http.post(`/api/promotions/${caseId}/withdrawal`).set(bearer(tokens.hr)).send({ reason: 'Pindah tugas' });
      await check(withdrawn, 200, stream, 10);
      expect(withdrawn.body).toMatchObject({ caseId, status: 'WITHDRAWN', stage: null });

      await settle(t, events);
      const view = await t.http.get(`/api/promotions/${caseId}`).set(bearer(tokens.auditor));
      expect(view.body.version).toBe(10);
    });
  });
});
