import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import {
  bearer,
  EventCounter,
  expectError,
  expectFieldInDetails,
  nip,
  propose,
  proposalBody,
  registerEmployee,
  seedEligible,
  settle,
  uploadDocument,
  walkCase,
} from './http-support.js';

const SERIES = 4;
const DEFAULT_NOW = '2026-03-02T03:00:00.000Z';
const HR = nip(SERIES, 1);
const HR2 = nip(SERIES, 2);
const EVALUATOR = nip(SERIES, 3);
const VERIFIER = nip(SERIES, 4);
const VERIFIER2 = nip(SERIES, 5);
const COMMITTEE = nip(SERIES, 6);
const COMMITTEE2 = nip(SERIES, 7);
const PPK = nip(SERIES, 8);
const VERIFIER_COMMITTEE = nip(SERIES, 9);
const AUDITOR = nip(SERIES, 10);
const ADMIN = nip(SERIES, 11);
const BKN = nip(SERIES, 12);
const SEMARANG = 'pemkot-semarang';

const HOUR = 3600_000;

interface RuleOutcome {
  rule: string;
  passed: boolean;
  blocking: boolean;
  detail: string;
}

describe('HTTP promotions: merit, separation of duties, the pipeline, claims, races and queues', () => {
  let t: TestApp;
  let events: EventCounter;
  const tokens: Record<string, string> = {};
  let seq = 100;
  const fresh = () => nip(SERIES, seq++);
  const seedTokens = () => ({ hr: tokens.hr, evaluator: tokens.evaluator });

  const decide = async (caseId: string, token: string, body: Record<string, unknown>) =>
    t.http.post(`/api/promotions/${caseId}/decisions`).set(bearer(token)).send(body);
  const view = async (caseId: string, token = tokens.hr) => {
    await settle(t, events);
    return t.http.get(`/api/promotions/${caseId}`).set(bearer(token));
  };
  /** The file uploaded for each case, by case id. */
  const berkas = new Map<string, string>();
  /** An eligible candidate with an open case at verification, proposed by `proposerToken`, its last grade decree uploaded. */
  const openCase = async (proposerToken = tokens.hr): Promise<{ candidate: string; caseId: string }> => {
    const candidate = fresh();
    await seedEligible(t.http, seedTokens(), candidate);
    const caseId = await propose(t.http, proposerToken, candidate);
    berkas.set(caseId, (await uploadDocument(t.http, proposerToken, caseId)).documentId);
    return { candidate, caseId };
  };
  /** The verifier's approval: an OK for the case's file. */
  const verified = (caseId: string, extra: Record<string, unknown> = {}) => ({
    decision: 'APPROVE',
    documents: [{ documentId: berkas.get(caseId), verdict: 'OK' }],
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp();
    events = await new EventCounter(t.database.url).open();
    tokens.hr = await t.token(HR, ['hr']);
    tokens.hr2 = await t.token(HR2, ['hr']);
    tokens.evaluator = await t.token(EVALUATOR, ['evaluator']);
    tokens.verifier = await t.token(VERIFIER, ['verifier']);
    tokens.verifier2 = await t.token(VERIFIER2, ['verifier']);
    tokens.committee = await t.token(COMMITTEE, ['committee']);
    tokens.committee2 = await t.token(COMMITTEE2, ['committee']);
    tokens.ppk = await t.token(PPK, ['ppk']);
    tokens.verifierCommittee = await t.token(VERIFIER_COMMITTEE, ['verifier', 'committee']);
    tokens.auditor = await t.token(AUDITOR, ['auditor']);
    tokens.bkn = await t.token(BKN, ['bkn']);
    // Both agencies run the committee for REGULAR cases too, so every case has a middle agency stage.
    for (const agency of ['pemkot-langsa', SEMARANG]) {
      const configured = await t.http
        .put(`/api/agencies/${agency}`)
        .set(bearer(await t.token(ADMIN, ['admin'], agency)))
        .send({
          name: agency,
          timeZone: 'Asia/Jakarta',
          stages: [{ id: 'committee', sla: 'P5D', requiredFor: ['REGULAR', 'STRUCTURAL'] }],
        });
      expect(configured.status).toBe(200);
    }
  });
  beforeEach(() => t.clock.set(DEFAULT_NOW));
  afterAll(async () => {
    await events.close();
    await t.close();
  });

  describe('merit eligibility', () => {
    test('an ineligible proposal → 422 NOT_ELIGIBLE naming every rule, nothing written', async () => {
      const candidate = fresh();
      // Two years in grade, no appraisals, no training.
      await registerEmployee(t.http, tokens.hr, candidate, { grade: 'III/b', gradeSince: '2024-01-01', positionType: 'PELAKSANA' });
      const before = await events.count();
      const res = await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(proposalBody(candidate));
      expectError(res, 422, 'NOT_ELIGIBLE');
      const rules = res.body.details.rules as RuleOutcome[];
      expect(rules.map((r) => [r.rule, r.passed])).toEqual([
        ['GRADE_STEP', true],
        ['POST_TYPE', true],
        ['GRADE_CEILING', true],
        ['TIME_IN_GRADE', false],
        ['APPRAISALS', false],
        ['SERVICE_EXAM', true],
        ['NO_ACTIVE_SANCTION', true],
        ['TRAINING_HOURS', false],
      ]);
      expect(rules.find((r) => r.rule === 'TRAINING_HOURS')).toMatchObject({ blocking: false });
      for (const r of rules) expect(r.detail.length).toBeGreaterThan(0);
      expect(res.body.message).toMatch(/TIME_IN_GRADE/);
      expect(await events.count()).toBe(before);

      // A grade two steps up fails GRADE_STEP as well.
      const twoSteps = await t.http
        .post('/api/promotions')
        .set(bearer(tokens.hr))
        .send(proposalBody(candidate, { toGrade: 'III/d' }));
      expectError(twoSteps, 422, 'NOT_ELIGIBLE');
      expect((twoSteps.body.details.rules as RuleOutcome[]).find((r) => r.rule === 'GRADE_STEP')?.passed).toBe(false);
      expect(await events.count()).toBe(before);
    });

    test('there is no override: an exceptionJustification field is a 400 naming it, eligible or not, nothing written', async () => {
      const ineligible = fresh();
      await registerEmployee(t.http, tokens.hr, ineligible, { grade: 'III/b', gradeSince: '2024-01-01', positionType: 'PELAKSANA' });
      const eligible = fresh();
      await seedEligible(t.http, seedTokens(), eligible);
      const before = await events.count();
      for (const candidate of [ineligible, eligible]) {
        const res = await t.http
          .post('/api/promotions')
          .set(bearer(tokens.hr))
          .send(proposalBody(candidate, { exceptionJustification: 'SKP 2024 dan 2025 hilang dalam banjir; salinan kertas terlampir' }));
        expectError(res, 400, 'VALIDATION_FAILED');
        expectFieldInDetails(res.body, 'exceptionJustification');
      }
      expect(await events.count()).toBe(before);
      // The legal routes are the KP kinds: the old SELECTION kind is no more.
      const selection = await t.http
        .post('/api/promotions')
        .set(bearer(tokens.hr))
        .send(proposalBody(eligible, { kind: 'SELECTION' }));
      expectError(selection, 400, 'VALIDATION_FAILED');
      expectFieldInDetails(selection.body, 'kind');
      expect(await events.count()).toBe(before);
    });

    test('a MODERATE sanction being served makes NO_ACTIVE_SANCTION fail; one whose term ended does not', async () => {
      const sanctioned = fresh();
      await seedEligible(t.http, seedTokens(), sanctioned);
      const sanction = await t.http.post(`/api/employees/${sanctioned}/sanctions`).set(bearer(tokens.hr)).send({
        level: 'MODERATE',
        type: 'ALLOWANCE_CUT_12M',
        reason: 'Tidak masuk kerja 15 hari tanpa keterangan',
        decreeNumber: '800/11/INSP/2025',
        decreeDate: '2025-12-20',
        from: '2026-01-01',
      });
      expect(sanction.status).toBe(201);
      expect(typeof sanction.body.sanctionId).toBe('string');
      const before = await events.count();
      const refused = await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(proposalBody(sanctioned));
      expectError(refused, 422, 'NOT_ELIGIBLE');
      expect((refused.body.details.rules as RuleOutcome[]).filter((r) => !r.passed).map((r) => r.rule)).toEqual(['NO_ACTIVE_SANCTION']);
      expect(await events.count()).toBe(before);

      const formerlySanctioned = fresh();
      await seedEligible(t.http, seedTokens(), formerlySanctioned);
      const old = await t.http.post(`/api/employees/${formerlySanctioned}/sanctions`).set(bearer(tokens.hr)).send({
        level: 'MODERATE',
        type: 'ALLOWANCE_CUT_6M',
        reason: 'Terlambat masuk kerja berulang kali',
        decreeNumber: '800/3/INSP/2024',
        decreeDate: '2023-12-20',
        from: '2024-01-01',
      });
      expect(old.status).toBe(201);
      const accepted = await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(proposalBody(formerlySanctioned));
      expect([accepted.status, accepted.body.eligible]).toEqual([201, true]);
    });

    test('a sanction for an employee who is not registered is 404 and writes nothing', async () => {
      const before = await events.count();
      const res = await t.http.post(`/api/employees/${fresh()}/sanctions`).set(bearer(tokens.hr)).send({
        level: 'LIGHT',
        type: 'ORAL_REPRIMAND',
        reason: 'x',
        decreeNumber: '800/1/INSP/2026',
        decreeDate: '2026-01-01',
        from: '2026-01-01',
      });
      expectError(res, 404, 'NOT_FOUND');
      expect(await events.count()).toBe(before);
    });
  });

  describe('separation of duties → 403 SOD_VIOLATION, nothing written', () => {
    test('proposing yourself (also when you are not eligible: 403 precedes 422)', async () => {
      const candidate = fresh();
      await seedEligible(t.http, seedTokens(), candidate);
      const self = await t.token(candidate, ['hr', 'employee']);
      const before = await events.count();
      const res = await t.http.post('/api/promotions').set(bearer(self)).send(proposalBody(candidate));
      expectError(res, 403, 'SOD_VIOLATION');
      const ineligible = fresh();
      await registerEmployee(t.http, tokens.hr, ineligible, { gradeSince: '2025-01-01' });
      const before2 = await events.count();
      const res2 = await t.http
        .post('/api/promotions')
        .set(bearer(await t.token(ineligible, ['hr'])))
        .send(proposalBody(ineligible));
      expectError(res2, 403, 'SOD_VIOLATION');
      expect(await events.count()).toBe(before2);
      expect(before2).toBe(before + 1);
      // Someone else may propose them.
      await propose(t.http, tokens.hr, candidate);
    });

    test('the candidate deciding (holding the verifier role), or claiming', async () => {
      const { candidate, caseId } = await openCase();
      const candidateVerifier = await t.token(candidate, ['employee', 'verifier']);
      const before = await events.count(`promotion-${caseId}`);
      expectError(await decide(caseId, candidateVerifier, { decision: 'APPROVE' }), 403, 'SOD_VIOLATION');
      expectError(await decide(caseId, candidateVerifier, { decision: 'REJECT', reason: 'Saya menolak' }), 403, 'SOD_VIOLATION');
      expectError(await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(candidateVerifier)).send({}), 403, 'SOD_VIOLATION');
      expect(await events.count(`promotion-${caseId}`)).toBe(before);
      // A candidate with the committee role at verification: the role is checked first.
      const candidateCommittee = await t.token(candidate, ['employee', 'committee']);
      expectError(await decide(caseId, candidateCommittee, { decision: 'APPROVE' }), 403, 'FORBIDDEN');
    });

    test('the proposer deciding (an HR officer who also holds the verifier role)', async () => {
      const hrVerifier = await t.token(HR2, ['hr', 'verifier']);
      const { caseId } = await openCase(hrVerifier);
      const before = await events.count(`promotion-${caseId}`);
      expectError(await decide(caseId, hrVerifier, { decision: 'APPROVE' }), 403, 'SOD_VIOLATION');
      expectError(await decide(caseId, await t.token(HR2, ['verifier']), { decision: 'RETURN', reason: 'Perbaiki' }), 403, 'SOD_VIOLATION');
      expect(await events.count(`promotion-${caseId}`)).toBe(before);
      expect((await decide(caseId, tokens.verifier, verified(caseId))).status).toBe(200);
    });

    test('the same person deciding two stages (verifier + committee)', async () => {
      const { caseId } = await openCase();
      const first = await decide(caseId, tokens.verifierCommittee, verified(caseId));
      expect([first.status, first.body.stage]).toEqual([200, 'committee']);
      const before = await events.count(`promotion-${caseId}`);
      expectError(await decide(caseId, tokens.verifierCommittee, { decision: 'APPROVE' }), 403, 'SOD_VIOLATION');
      expectError(await decide(caseId, tokens.verifierCommittee, { decision: 'REJECT', reason: 'x' }), 403, 'SOD_VIOLATION');
      expectError(
        await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifierCommittee)).send({}),
        403,
        'SOD_VIOLATION',
      );
      expect(await events.count(`promotion-${caseId}`)).toBe(before);
      const second = await decide(caseId, tokens.committee, { decision: 'APPROVE' });
      expect([second.status, second.body.stage]).toEqual([200, 'approval']);
      // Nor may the verifier decide the third stage with a ppk role.
      expectError(await decide(caseId, await t.token(VERIFIER_COMMITTEE, ['ppk']), { decision: 'APPROVE' }), 403, 'SOD_VIOLATION');
    });

    test('a plain role mismatch is 403 FORBIDDEN, not SOD_VIOLATION', async () => {
      const { caseId } = await openCase();
      const before = await events.count(`promotion-${caseId}`);
      expectError(await decide(caseId, tokens.committee, { decision: 'APPROVE' }), 403, 'FORBIDDEN');
      expectError(await decide(caseId, tokens.ppk, { decision: 'APPROVE' }), 403, 'FORBIDDEN');
      expectError(await decide(caseId, tokens.hr2, { decision: 'APPROVE' }), 403, 'FORBIDDEN');
      expectError(await decide(caseId, tokens.bkn, { decision: 'APPROVE' }), 403, 'FORBIDDEN');
      expectError(await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.committee)).send({}), 403, 'FORBIDDEN');
      // Roles that may never decide are refused at the door.
      expectError(await decide(caseId, await t.token(fresh(), ['auditor', 'employee']), { decision: 'APPROVE' }), 403, 'FORBIDDEN');
      expect(await events.count(`promotion-${caseId}`)).toBe(before);
    });
  });

  describe('the pipeline', () => {
    test('RETURN without reason → 400, nothing written', async () => {
      const { caseId } = await openCase();
      const before = await events.count(`promotion-${caseId}`);
      expectError(await decide(caseId, tokens.verifier, { decision: 'RETURN' }), 400, 'VALIDATION_FAILED');
      expectError(await decide(caseId, tokens.verifier, { decision: 'RETURN', reason: '' }), 400, 'VALIDATION_FAILED');
      expect(await events.count(`promotion-${caseId}`)).toBe(before);
    });

    test('return, then resubmission re-enters the returning stage with a new deadline', async () => {
      const { candidate, caseId } = await openCase();
      expect((await decide(caseId, tokens.verifier, verified(caseId))).body.stage).toBe('committee');
      t.clock.set('2026-03-02T05:00:00.000Z');
      const returned = await decide(caseId, tokens.committee, { decision: 'RETURN', reason: 'Lampirkan SK pangkat terakhir' });
      expect(returned.status).toBe(200);
      expect(returned.body).toMatchObject({ caseId, status: 'RETURNED', stage: 'committee', version: 5 });

      await settle(t, events);
      const whileReturned = await t.http.get(`/api/employees/${candidate}/career`).set(bearer(tokens.hr));
      expect(whileReturned.body.promotions).toEqual([expect.objectContaining({ caseId, status: 'RETURNED', stage: 'committee' })]);
      // Deciding a returned case is not possible: it waits on the proposer.
      expectError(await decide(caseId, tokens.committee2, { decision: 'APPROVE' }), 409, 'CONFLICT');
      // Only the proposer resubmits.
      expectError(await t.http.post(`/api/promotions/${caseId}/resubmission`).set(bearer(tokens.hr2)).send({}), 403, 'FORBIDDEN');

      t.clock.set('2026-03-03T03:00:00.000Z'); // Tuesday 10:00 WIB
      const resubmitted = await t.http.post(`/api/promotions/${caseId}/resubmission`).set(bearer(tokens.hr)).send({});
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body).toMatchObject({ caseId, status: 'IN_PROGRESS', stage: 'committee', version: 6 });
      expectError(await t.http.post(`/api/promotions/${caseId}/resubmission`).set(bearer(tokens.hr)).send({}), 409, 'CONFLICT');

      const v = await view(caseId);
      expect(v.body).toMatchObject({ status: 'IN_PROGRESS', stage: 'committee', version: 6 });
      const stages = v.body.stages as {
        stage: string;
        enteredAt: string;
        dueAt: string;
        leftAt?: string;
        decidedBy?: string;
        decision?: string;
      }[];
      expect(stages.map((s) => [s.stage, s.decision ?? null, s.decidedBy ?? null])).toEqual([
        ['verification', 'APPROVE', VERIFIER],
        ['committee', 'RETURN', COMMITTEE],
        ['committee', null, null],
      ]);
      expect(stages[1]).toMatchObject({
        enteredAt: '2026-03-02T03:00:00.000Z',
        dueAt: '2026-03-09T03:00:00.000Z',
        leftAt: '2026-03-02T05:00:00.000Z',
      });
      // Five working days from Tuesday 10:00 WIB: the following Tuesday.
      expect(stages[2]).toMatchObject({ enteredAt: '2026-03-03T03:00:00.000Z', dueAt: '2026-03-10T03:00:00.000Z' });
      expect(stages[2].leftAt).toBeUndefined();
      // The one who returned it may decide the same stage again: it is not a second stage.
      const approved = await decide(caseId, tokens.committee, { decision: 'APPROVE' });
      expect([approved.status, approved.body.stage]).toEqual([200, 'approval']);
    });

    test('REJECT closes the case: REJECTED, stage null, and every later command → 409 CONFLICT', async () => {
      const { candidate, caseId } = await openCase();
      const rejected = await decide(caseId, tokens.verifier, { decision: 'REJECT', reason: 'Ijazah tidak sah' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ caseId, status: 'REJECTED', stage: null, version: 3 });
      const before = await events.count(`promotion-${caseId}`);
      const later: [string, () => Promise<{ status: number; body: Record<string, unknown> }>][] = [
        ['approve', () => decide(caseId, tokens.verifier2, { decision: 'APPROVE' })],
        ['approve by committee', () => decide(caseId, tokens.committee, { decision: 'APPROVE' })],
        ['approve by ppk', () => decide(caseId, tokens.ppk, { decision: 'APPROVE' })],
        ['approve by bkn', () => decide(caseId, tokens.bkn, { decision: 'APPROVE', pertekNumber: 'X', pertekDate: '2026-03-02' })],
        ['reject again', () => decide(caseId, tokens.verifier2, { decision: 'REJECT', reason: 'lagi' })],
        ['claim', () => t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier2)).send({})],
        ['withdraw', () => t.http.post(`/api/promotions/${caseId}/withdrawal`).set(bearer(tokens.hr)).send({})],
        ['resubmit', () => t.http.post(`/api/promotions/${caseId}/resubmission`).set(bearer(tokens.hr)).send({})],
      ];
      for (const [label, attempt] of later) {
        const res = await attempt();
        expect([label, res.status, res.body.code]).toEqual([label, 409, 'CONFLICT']);
      }
      expect(await events.count(`promotion-${caseId}`)).toBe(before);
      const v = await view(caseId);
      expect(v.body).toMatchObject({ status: 'REJECTED', stage: null, version: 3 });
      expect(v.body.stages).toEqual([expect.objectContaining({ stage: 'verification', decision: 'REJECT', decidedBy: VERIFIER })]);
      // The employee may be proposed again.
      await propose(t.http, tokens.hr, candidate);
    });

    test('withdrawal: by someone else → 403, by the proposer → WITHDRAWN; the employee can then get a new case', async () => {
      const { candidate, caseId } = await openCase();
      const before = await events.count(`promotion-${caseId}`);
      expectError(
        await t.http.post(`/api/promotions/${caseId}/withdrawal`).set(bearer(tokens.hr2)).send({ reason: 'Bukan saya' }),
        403,
        'FORBIDDEN',
      );
      expectError(await t.http.post(`/api/promotions/${caseId}/withdrawal`).set(bearer(tokens.verifier)).send({}), 403, 'FORBIDDEN');
      expectError(
        await t.http
          .post(`/api/promotions/${caseId}/withdrawal`)
          .set(bearer(await t.token(candidate, ['employee'])))
          .send({}),
        403,
        'FORBIDDEN',
      );
      expect(await events.count(`promotion-${caseId}`)).toBe(before);
      // The open case blocks a second one until then.
      expectError(await t.http.post('/api/promotions').set(bearer(tokens.hr2)).send(proposalBody(candidate)), 409, 'CONFLICT');

      const withdrawn = await t.http
        .post(`/api/promotions/${caseId}/withdrawal`)
        .set(bearer(tokens.hr))
        .send({ reason: 'Pegawai mutasi ke Pemprov Aceh' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ caseId, status: 'WITHDRAWN', stage: null, version: 3 });
      expectError(await t.http.post(`/api/promotions/${caseId}/withdrawal`).set(bearer(tokens.hr)).send({}), 409, 'CONFLICT');

      const next = await t.http.post('/api/promotions').set(bearer(tokens.hr2)).send(proposalBody(candidate));
      expect(next.status).toBe(201);
      expect(next.body.caseId).not.toBe(caseId);
      await settle(t, events);
      const career = await t.http.get(`/api/employees/${candidate}/career`).set(bearer(tokens.hr));
      expect(career.body.promotions.map((p: { caseId: string; status: string }) => [p.caseId, p.status])).toEqual([
        [caseId, 'WITHDRAWN'],
        [next.body.caseId, 'IN_PROGRESS'],
      ]);
    });

    test('a returned case may be withdrawn by its proposer', async () => {
      const { caseId } = await openCase();
      expect((await decide(caseId, tokens.verifier, { decision: 'RETURN', reason: 'Kurang SKP' })).body.status).toBe('RETURNED');
      const withdrawn = await t.http.post(`/api/promotions/${caseId}/withdrawal`).set(bearer(tokens.hr)).send({});
      expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', stage: null });
    });

    test('the decree after verification, committee, approval and the pertek sets the grade from the effective date', async () => {
      const { candidate, caseId } = await openCase();
      const actors = { proposer: tokens.hr, verifier: tokens.verifier, committee: tokens.committee, ppk: tokens.ppk, bkn: tokens.bkn };
      const last = await walkCase(t.http, actors, caseId);
      expect(last?.body).toMatchObject({ status: 'APPROVED', stage: null });
      const v = await view(caseId);
      // proposed, two uploads, reviewed, four stage approvals, decree
      expect(v.body).toMatchObject({ status: 'APPROVED', stage: null, version: 9 });
      expect(v.body.stages.map((s: { stage: string }) => s.stage)).toEqual(['verification', 'committee', 'approval', 'bkn', 'decree']);
      const career = await t.http.get(`/api/employees/${candidate}/career`).set(bearer(tokens.hr));
      expect(career.body).toMatchObject({ grade: 'III/b', pendingGrade: { grade: 'III/c', effectiveDate: '2026-04-01' } });
      // A pending grade blocks another proposal (it would start from the wrong grade).
      expectError(
        await t.http
          .post('/api/promotions')
          .set(bearer(tokens.hr))
          .send(proposalBody(candidate, { toGrade: 'III/d' })),
        409,
        'CONFLICT',
      );
    });
  });

  describe('claims', () => {
    test('claim, a second claimant → 409, release, reclaim, and a claim that lapses after 2 hours', async () => {
      const { candidate, caseId } = await openCase();
      const claimed = await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier)).send({});
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ caseId, status: 'IN_PROGRESS', stage: 'verification', version: 3 });

      const before = await events.count(`promotion-${caseId}`);
      expectError(await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier2)).send({}), 409, 'CONFLICT');
      // Nor may the other verifier decide it, or release it, while the claim holds.
      expectError(await decide(caseId, tokens.verifier2, { decision: 'APPROVE' }), 409, 'CONFLICT');
      expectError(await t.http.delete(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier2)), 403, 'FORBIDDEN');
      expect(await events.count(`promotion-${caseId}`)).toBe(before);

      await settle(t, events);
      const held = await t.http.get(`/api/employees/${candidate}/career`).set(bearer(await t.token(candidate, ['employee'])));
      expect(held.body.promotions[0]).toMatchObject({ caseId, heldBy: { role: 'verifier', claimedBy: VERIFIER } });
      const claimedView = await view(caseId);
      expect(claimedView.body.claimedBy).toBe(VERIFIER);

      const released = await t.http.delete(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier));
      expect(released.status).toBe(200);
      expect(released.body).toMatchObject({ caseId, status: 'IN_PROGRESS', stage: 'verification', version: 4 });
      expectError(await t.http.delete(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier)), 409, 'CONFLICT');
      const reclaimed = await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier2)).send({});
      expect([reclaimed.status, reclaimed.body.version]).toEqual([200, 5]);

      // One minute short of two hours the claim still holds; two hours later it has lapsed.
      t.clock.advance(2 * HOUR - 60_000);
      expectError(await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier)).send({}), 409, 'CONFLICT');
      t.clock.advance(60_000);
      const afterLapse = await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier)).send({});
      expect([afterLapse.status, afterLapse.body.version]).toEqual([200, 6]);
      // The new holder decides; the former one may not.
      expectError(await decide(caseId, tokens.verifier2, { decision: 'APPROVE' }), 409, 'CONFLICT');
      const approved = await decide(caseId, tokens.verifier, verified(caseId));
      expect([approved.status, approved.body.stage]).toEqual([200, 'committee']);
      // The claim ends with the stage.
      await settle(t, events);
      const afterApproval = await view(caseId);
      expect(afterApproval.body.claimedBy).toBeNull();
      expect((await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.committee)).send({})).status).toBe(200);
    });

    test('a lapsed claim shows as unclaimed in the views without any new event', async () => {
      const { caseId } = await openCase();
      expect((await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier)).send({})).status).toBe(200);
      t.clock.advance(2 * HOUR + 1000);
      const v = await view(caseId);
      expect(v.body.claimedBy).toBeNull();
      expect(v.body.version).toBe(3);
      const queue = await t.http.get('/api/queues/mine').set(bearer(tokens.verifier2));
      expect(queue.body.items.find((i: { caseId: string }) => i.caseId === caseId)).toMatchObject({ claimedBy: null });
    });
  });

  describe('concurrency', () => {
    test('a stale expectedVersion → 409 CONCURRENCY_CONFLICT, nothing written; the current one succeeds', async () => {
      const { caseId } = await openCase();
      expect((await t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier)).send({ expectedVersion: 2 })).status).toBe(
        200,
      );
      const before = await events.count(`promotion-${caseId}`);
      expectError(await decide(caseId, tokens.verifier, verified(caseId, { expectedVersion: 2 })), 409, 'CONCURRENCY_CONFLICT');
      expectError(await decide(caseId, tokens.verifier, verified(caseId, { expectedVersion: 4 })), 409, 'CONCURRENCY_CONFLICT');
      // Precedence: an incomplete berkas (422) is reported before a stale version (409).
      expectError(await decide(caseId, tokens.verifier, { decision: 'APPROVE', expectedVersion: 2 }), 422, 'BERKAS_INCOMPLETE');
      expect(await events.count(`promotion-${caseId}`)).toBe(before);
      const ok = await decide(caseId, tokens.verifier, verified(caseId, { expectedVersion: 3 }));
      // The verdicts and the approval: two events.
      expect([ok.status, ok.body.version]).toEqual([200, 5]);
      // Precedence: a stale version on a case the actor may not decide is the 403, not the 409.
      expectError(await decide(caseId, tokens.verifier2, { decision: 'APPROVE', expectedVersion: 1 }), 403, 'FORBIDDEN');
    });

    test('two approvers deciding the same case at the same moment: one 200, one 409 or 403, and the case advanced once', async () => {
      for (let round = 0; round < 5; round += 1) {
        const { caseId } = await openCase();
        const results = await Promise.all([
          decide(caseId, tokens.verifier, verified(caseId)),
          decide(caseId, tokens.verifier2, round % 2 === 0 ? verified(caseId) : { decision: 'REJECT', reason: 'Berkas palsu' }),
        ]);
        const statuses = results.map((r) => r.status);
        expect(statuses.filter((s) => s === 200)).toHaveLength(1);
        const loser = results.find((r) => r.status !== 200) as (typeof results)[number];
        expect([409, 403]).toContain(loser.status);
        expect(['CONFLICT', 'CONCURRENCY_CONFLICT', 'FORBIDDEN']).toContain(loser.body.code);
        // proposed and uploaded, then the winner's events: a rejection, or the verdicts and the approval
        const expected = results.some((r) => r.body.status === 'REJECTED') ? 3 : 4;
        expect(await events.count(`promotion-${caseId}`)).toBe(expected);
        const v = await view(caseId);
        expect(v.body.version).toBe(expected);
        expect(v.body.stages.filter((s: { decision?: string }) => s.decision)).toHaveLength(1);
      }
    });

    test('a claim and a decision by two verifiers at the same moment: never both 2xx', async () => {
      for (let round = 0; round < 3; round += 1) {
        const { caseId } = await openCase();
        const [claim, decision] = await Promise.all([
          t.http.post(`/api/promotions/${caseId}/claim`).set(bearer(tokens.verifier)).send({}),
          decide(caseId, tokens.verifier2, verified(caseId)),
        ]);
        const winners = [claim, decision].filter((r) => r.status === 200);
        expect(winners).toHaveLength(1);
        expect(await events.count(`promotion-${caseId}`)).toBe(claim.status === 200 ? 3 : 4);
      }
    });
  });

  describe('what the candidate and the approvers see', () => {
    test('the candidate reads their own case and career; another employee may not', async () => {
      const { candidate, caseId } = await openCase();
      const self = await t.token(candidate, ['employee']);
      await settle(t, events);
      const own = await t.http.get(`/api/promotions/${caseId}`).set(bearer(self));
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({
        caseId,
        nip: candidate,
        kind: 'REGULAR',
        fromGrade: 'III/b',
        toGrade: 'III/c',
        status: 'IN_PROGRESS',
        stage: 'verification',
        version: 2,
        eligible: true,
      });
      expect(own.body.stages).toEqual([
        expect.objectContaining({
          stage: 'verification',
          enteredAt: DEFAULT_NOW,
          dueAt: '2026-03-04T03:00:00.000Z',
          breached: false,
          slaState: 'ON_TRACK',
        }),
      ]);

      const career = await t.http.get(`/api/employees/${candidate}/career`).set(bearer(self));
      expect(career.status).toBe(200);
      expect(career.body.promotions).toEqual([
        expect.objectContaining({
          caseId,
          status: 'IN_PROGRESS',
          stage: 'verification',
          dueAt: '2026-03-04T03:00:00.000Z',
          heldBy: { role: 'verifier', claimedBy: null },
        }),
      ]);

      const stranger = await t.token(fresh(), ['employee']);
      expectError(await t.http.get(`/api/promotions/${caseId}`).set(bearer(stranger)), 403, 'FORBIDDEN');
      expectError(await t.http.get(`/api/employees/${candidate}/career`).set(bearer(stranger)), 403, 'FORBIDDEN');

      // After verification the file waits on the committee, with the committee's deadline.
      t.clock.set('2026-03-02T08:00:00.000Z');
      expect((await decide(caseId, tokens.verifier, verified(caseId))).status).toBe(200);
      await settle(t, events);
      const moved = await t.http.get(`/api/employees/${candidate}/career`).set(bearer(self));
      expect(moved.body.promotions[0]).toMatchObject({
        stage: 'committee',
        dueAt: '2026-03-09T08:00:00.000Z',
        heldBy: { role: 'committee', claimedBy: null },
      });
      const returned = await decide(caseId, tokens.committee, { decision: 'RETURN', reason: 'Lengkapi berkas' });
      expect(returned.status).toBe(200);
      await settle(t, events);
      const back = await t.http.get(`/api/employees/${candidate}/career`).set(bearer(self));
      expect(back.body.promotions[0]).toMatchObject({ status: 'RETURNED', heldBy: expect.objectContaining({ role: 'hr' }) });
    });

    test('GET /api/queues/mine: only cases the actor may decide, in the actor agency, by dueAt, with slaState and claimedBy; the proposer has the returned one', async () => {
      const hr = await t.token(HR, ['hr'], SEMARANG);
      const evaluator = await t.token(EVALUATOR, ['evaluator'], SEMARANG);
      const verifierCandidate = fresh();
      const hrVerifier = fresh();
      const verifierCommittee = fresh();
      const v = await t.token(VERIFIER, ['verifier'], SEMARANG);
      const vCand = await t.token(verifierCandidate, ['verifier', 'employee'], SEMARANG);
      const hrv = await t.token(hrVerifier, ['hr', 'verifier'], SEMARANG);
      const vc = await t.token(verifierCommittee, ['verifier', 'committee'], SEMARANG);
      const com = await t.token(COMMITTEE, ['committee'], SEMARANG);

      const at = async (instant: string, proposer: string, candidate = fresh()) => {
        t.clock.set(instant);
        await seedEligible(t.http, { hr, evaluator }, candidate, { name: `Kandidat ${candidate.slice(-3)}` });
        const caseId = await propose(t.http, proposer, candidate);
        berkas.set(caseId, (await uploadDocument(t.http, proposer, caseId)).documentId);
        return caseId;
      };
      t.clock.set('2026-03-02T00:00:00.000Z');
      const G = await at('2026-03-02T00:30:00.000Z', hr);
      const H = await at('2026-03-02T00:45:00.000Z', hr);
      const B = await at('2026-03-02T01:00:00.000Z', hr);
      const C = await at('2026-03-02T02:00:00.000Z', hr);
      const E = await at('2026-03-02T03:00:00.000Z', hr, verifierCandidate);
      const F = await at('2026-03-02T04:00:00.000Z', hrv);
      const A = await at('2026-03-02T05:00:00.000Z', hr);
      t.clock.set('2026-03-02T06:00:00.000Z');
      expect((await decide(G, vc, verified(G))).body.stage).toBe('committee');
      t.clock.set('2026-03-02T07:00:00.000Z');
      expect((await decide(H, v, { decision: 'RETURN', reason: 'Kurang lengkap' })).body.status).toBe('RETURNED');
      const D = await at('2026-03-03T12:00:00.000Z', hr);
      t.clock.set('2026-03-04T01:00:00.000Z');
      expect((await t.http.post(`/api/promotions/${C}/claim`).set(bearer(v)).send({})).status).toBe(200);
      t.clock.set('2026-03-04T01:30:00.000Z');
      await settle(t, events);

      const queueOf = async (token: string) => {
        const res = await t.http.get('/api/queues/mine').set(bearer(token));
        expect(res.status).toBe(200);
        return res.body.items as Record<string, unknown>[];
      };
      const ids = (items: Record<string, unknown>[]) => items.map((i) => i.caseId);

      const mine = await queueOf(v);
      expect(ids(mine)).toEqual([B, C, E, F, A, D]);
      expect(mine.map((i) => [i.dueAt, i.slaState, i.claimedBy])).toEqual([
        ['2026-03-04T01:00:00.000Z', 'BREACHED', null],
        ['2026-03-04T02:00:00.000Z', 'AT_RISK', VERIFIER],
        ['2026-03-04T03:00:00.000Z', 'AT_RISK', null],
        ['2026-03-04T04:00:00.000Z', 'AT_RISK', null],
        ['2026-03-04T05:00:00.000Z', 'AT_RISK', null],
        ['2026-03-05T12:00:00.000Z', 'ON_TRACK', null],
      ]);
      expect(mine[0]).toEqual(
        expect.objectContaining({
          caseId: B,
          nip: expect.stringMatching(/^\d{18}$/),
          name: expect.stringMatching(/^Kandidat /),
          kind: 'REGULAR',
          fromGrade: 'III/b',
          toGrade: 'III/c',
          stage: 'verification',
          enteredStageAt: '2026-03-02T01:00:00.000Z',
        }),
      );
      expect(ids(await queueOf(vCand))).toEqual([B, C, F, A, D]);
      expect(ids(await queueOf(hrv))).toEqual([B, C, E, A, D]);
      expect(ids(await queueOf(vc))).toEqual([B, C, E, F, A, D]);
      const committeeQueue = await queueOf(com);
      expect(ids(committeeQueue)).toEqual([G]);
      expect(committeeQueue[0]).toMatchObject({
        stage: 'committee',
        enteredStageAt: '2026-03-02T06:00:00.000Z',
        dueAt: '2026-03-09T06:00:00.000Z',
        slaState: 'ON_TRACK',
      });
      // The returned file waits on its proposer.
      expect(await queueOf(hr)).toEqual([
        expect.objectContaining({ caseId: H, status: 'RETURNED', stage: 'verification', reason: 'Kurang lengkap', deficientDocuments: [] }),
      ]);
      // Langsa's approvers see none of Semarang's cases.
      const langsa = ids(await queueOf(tokens.verifier));
      for (const id of [A, B, C, D, E, F, G, H]) expect(langsa).not.toContain(id);
    });
  });
});
