import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ManualClock } from '../libs/config/src/clock.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { bearer, expectError, MEDAN, nip, proposalBody, seedEligible, uploadDocument } from './http-support.js';

const SERIES = 42;
const HR = nip(SERIES, 1);
const EVALUATOR = nip(SERIES, 2);
const VERIFIER = nip(SERIES, 3);
const COMMITTEE = nip(SERIES, 4);
const PPK = nip(SERIES, 5);
const AUDITOR = nip(SERIES, 6);
const BKN = nip(SERIES, 7);
const ADMIN = nip(SERIES, 8);
const CANDIDATE = nip(SERIES, 10);

const pause = (ms = 15) => new Promise((r) => setTimeout(r, ms));

/**
 * GET /api/audit/promotions/{caseId}/state?at=: the case rebuilt from the events recorded up to an
 * instant, at instants before, between and after its decisions. The app's clock follows real time
 * here, so the instants events were recorded at and the ones they carry agree.
 */
describe('a promotion case as it stood at any instant', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let caseId: string;
  const instants: Record<string, string> = {};

  /** Runs a command at the present instant, with instants strictly before and after it. */
  async function step(name: string, command: () => Promise<{ status: number }>, expected = 200): Promise<void> {
    await pause();
    instants[`before ${name}`] = new Date().toISOString();
    await pause();
    t.clock.set(new Date());
    const res = await command();
    expect(res.status).toBe(expected);
    await pause();
    instants[`after ${name}`] = new Date().toISOString();
  }

  const stateAt = (at: string | null, who = 'auditor') =>
    t.http.get(`/api/audit/promotions/${caseId}/state${at === null ? '' : `?at=${encodeURIComponent(at)}`}`).set(bearer(tokens[who]));
  const decide =
    (who: string, decision: string, fields: Record<string, unknown> = {}) =>
    () =>
      t.http
        .post(`/api/promotions/${caseId}/decisions`)
        .set(bearer(tokens[who]))
        .send({ decision, ...fields });

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(new Date()) });
    for (const [name, who, roles] of [
      ['hr', HR, ['hr']],
      ['evaluator', EVALUATOR, ['evaluator']],
      ['verifier', VERIFIER, ['verifier']],
      ['committee', COMMITTEE, ['committee']],
      ['ppk', PPK, ['ppk']],
      ['bkn', BKN, ['bkn']],
      ['auditor', AUDITOR, ['auditor']],
    ] as const) {
      tokens[name] = await t.token(who, [...roles] as never);
    }
    tokens.medanAuditor = await t.token(AUDITOR, ['auditor'], MEDAN);
    t.clock.set(new Date());
    // The committee runs for REGULAR cases here, so the case returns from a middle agency stage.
    const configured = await t.http
      .put('/api/agencies/pemkot-langsa')
      .set(bearer(await t.token(ADMIN, ['admin'])))
      .send({
        name: 'Pemerintah Kota Langsa',
        timeZone: 'Asia/Jakarta',
        stages: [{ id: 'committee', sla: 'P5D', requiredFor: ['REGULAR'] }],
      });
    expect(configured.status).toBe(200);
    await seedEligible(t.http, { hr: tokens.hr, evaluator: tokens.evaluator }, CANDIDATE, { gradeSince: '2020-01-01' });
    // The TMT: the first of next month in WIB, a KP period date from 2025-10 on.
    const jakarta = new Date(Date.now() + 7 * 3600_000);
    const next = new Date(Date.UTC(jakarta.getUTCFullYear(), jakarta.getUTCMonth() + 1, 1));
    const effectiveDate = next.toISOString().slice(0, 10);
    const today = jakarta.toISOString().slice(0, 10);
    await step(
      'proposal',
      async () => {
        const res = await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(proposalBody(CANDIDATE, { effectiveDate }));
        caseId = res.body.caseId;
        return res;
      },
      201,
    );
    let documentId = '';
    await step(
      'upload',
      async () => {
        const file = await uploadDocument(t.http, tokens.hr, caseId);
        documentId = file.documentId;
        return { status: 201 };
      },
      201,
    );
    await step('verification', () => decide('verifier', 'APPROVE', { documents: [{ documentId, verdict: 'OK' }] })());
    await step('return', decide('committee', 'RETURN', { reason: 'Lengkapi SKP 2025' }));
    await step('resubmission', () => t.http.post(`/api/promotions/${caseId}/resubmission`).set(bearer(tokens.hr)).send({}));
    await step('committee approval', decide('committee', 'APPROVE'));
    await step('approval', decide('ppk', 'APPROVE'));
    await step('pertek', decide('bkn', 'APPROVE', { pertekNumber: 'AC-11-KP-0101/2026', pertekDate: today }));
    await step('decree', decide('ppk', 'APPROVE', { decreeNumber: '823.3/101/BKPSDM/2026', decreeDate: today }));
    await t.settle();
  });
  afterAll(async () => t.close());

  test('before the case existed: 404', async () => {
    expectError(await stateAt(instants['before proposal']), 404, 'NOT_FOUND');
  });

  test('right after the proposal: at verification, its deadline running', async () => {
    const res = await stateAt(instants['after proposal']);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      caseId,
      nip: CANDIDATE,
      status: 'IN_PROGRESS',
      stage: 'verification',
      version: 1,
      slaState: 'ON_TRACK',
      documents: [
        expect.objectContaining({ type: 'LAST_GRADE_DECREE', status: 'MISSING' }),
        expect.objectContaining({ type: 'APPRAISALS' }),
      ],
      heldBy: { role: 'verifier', claimedBy: null },
    });
    expect(res.body.stages).toEqual([expect.objectContaining({ stage: 'verification', visit: 1, breached: false, slaState: 'ON_TRACK' })]);
    expect(res.body.stages[0].leftAt).toBeUndefined();
    expect(res.body.asOf).toMatchObject({ at: instants['after proposal'], globalPosition: expect.any(Number) });
  });

  test('between decisions: each instant shows the stage it was at, and nothing decided later', async () => {
    const between = await stateAt(instants['after verification']);
    expect(between.body).toMatchObject({ status: 'IN_PROGRESS', stage: 'committee', version: 4 });
    expect(between.body.documents[0]).toMatchObject({ type: 'LAST_GRADE_DECREE', status: 'OK' });
    expect(
      between.body.stages.map((s: { stage: string; decision?: string; decidedBy?: string }) => [
        s.stage,
        s.decision ?? null,
        s.decidedBy ?? null,
      ]),
    ).toEqual([
      ['verification', 'APPROVE', VERIFIER],
      ['committee', null, null],
    ]);
    // The instant just before the return still shows it at committee, undecided.
    expect((await stateAt(instants['before return'])).body).toMatchObject({ status: 'IN_PROGRESS', stage: 'committee', version: 4 });

    const returned = await stateAt(instants['after return']);
    expect(returned.body).toMatchObject({
      status: 'RETURNED',
      stage: 'committee',
      version: 5,
      dueAt: null,
      heldBy: { role: 'hr', claimedBy: HR },
    });
    expect(returned.body.stages[1]).toMatchObject({
      stage: 'committee',
      decision: 'RETURN',
      decidedBy: COMMITTEE,
      reason: 'Lengkapi SKP 2025',
    });

    const resubmitted = await stateAt(instants['after resubmission']);
    expect(resubmitted.body).toMatchObject({ status: 'IN_PROGRESS', stage: 'committee', version: 6 });
    expect(resubmitted.body.stages.map((s: { stage: string; visit: number }) => [s.stage, s.visit])).toEqual([
      ['verification', 1],
      ['committee', 2],
      ['committee', 3],
    ]);
  });

  test('between the pertek and the decree: at decree, with the pertek and no decree yet', async () => {
    const res = await stateAt(instants['after pertek']);
    expect(res.body).toMatchObject({ status: 'IN_PROGRESS', stage: 'decree', version: 9, pertek: { number: 'AC-11-KP-0101/2026' } });
    expect(res.body.decree).toBeUndefined();
  });

  test('after the decree: APPROVED and closed, as the live case view shows it', async () => {
    const asOf = await stateAt(instants['after decree']);
    const live = await t.http.get(`/api/promotions/${caseId}`).set(bearer(tokens.auditor));
    expect(live.status).toBe(200);
    expect(asOf.body).toMatchObject({
      status: 'APPROVED',
      stage: null,
      version: 10,
      dueAt: null,
      slaState: null,
      heldBy: null,
      decree: { number: '823.3/101/BKPSDM/2026', authority: 'PPK' },
    });
    const fields = [
      'caseId',
      'nip',
      'name',
      'unitId',
      'kind',
      'fromGrade',
      'toGrade',
      'effectiveDate',
      'status',
      'stage',
      'version',
      'eligible',
      'rules',
      'referenceVersion',
      'documents',
      'pertek',
      'decree',
      'proposer',
      'proposedAt',
      'closedAt',
    ];
    const pick = (o: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, o[f]]));
    expect(pick(asOf.body)).toEqual(pick(live.body));
    const visit = (s: Record<string, unknown>) => ({
      stage: s.stage,
      role: s.role,
      visit: s.visit,
      enteredAt: s.enteredAt,
      dueAt: s.dueAt,
      leftAt: s.leftAt,
      decidedBy: s.decidedBy,
      decision: s.decision,
      reason: s.reason,
      breached: s.breached,
    });
    expect(asOf.body.stages.map(visit)).toEqual(live.body.stages.map(visit));
    // No instant given: now, the same.
    expect((await stateAt(null)).body.version).toBe(10);
  });

  test('instants with an offset, encoded or not, mean the same moment', async () => {
    const utc = new Date(instants['after verification']);
    const jakarta = new Date(utc.getTime() + 7 * 3600_000).toISOString().replace('Z', '+07:00');
    const encoded = await stateAt(jakarta);
    expect(encoded.body).toMatchObject({ stage: 'committee', version: 4 });
    const unencoded = await t.http.get(`/api/audit/promotions/${caseId}/state?at=${jakarta}`).set(bearer(tokens.auditor));
    expect(unencoded.body).toMatchObject({ stage: 'committee', version: 4 });
  });

  test('a bad instant is 400; another agency, an unknown case or a malformed id are 404 / 400', async () => {
    for (const at of ['yesterday', '2026-03-02', '2026-03-02T10:00:00', '2026-02-30T10:00:00Z', '']) {
      expectError(
        await t.http.get(`/api/audit/promotions/${caseId}/state?at=${encodeURIComponent(at)}`).set(bearer(tokens.auditor)),
        400,
        'VALIDATION_FAILED',
      );
    }
    expectError(await stateAt(instants['after decree'], 'medanAuditor'), 404, 'NOT_FOUND');
    expectError(
      await t.http.get('/api/audit/promotions/00000000-0000-4000-8000-000000000000/state').set(bearer(tokens.auditor)),
      404,
      'NOT_FOUND',
    );
    expectError(await t.http.get('/api/audit/promotions/bad%20id/state').set(bearer(tokens.auditor)), 400, 'VALIDATION_FAILED');
  });
});
