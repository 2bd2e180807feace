import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ManualClock } from '../libs/config/src/clock.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { bearer, expectError, MEDAN, nip, proposalBody, seedEligible } from './http-support.js';

const SERIES = 42;
const HR = nip(SERIES, 1);
const EVALUATOR = nip(SERIES, 2);
const VERIFIER = nip(SERIES, 3);
const COMMITTEE = nip(SERIES, 4);
const PPK = nip(SERIES, 5);
const AUDITOR = nip(SERIES, 6);
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
  const decide = (who: string, decision: string, reason?: string) => () =>
    t.http
      .post(`/api/promotions/${caseId}/decisions`)
      .set(bearer(tokens[who]))
      .send({ decision, ...(reason ? { reason } : {}) });

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(new Date()) });
    for (const [name, who, roles] of [
      ['hr', HR, ['hr']],
      ['evaluator', EVALUATOR, ['evaluator']],
      ['verifier', VERIFIER, ['verifier']],
      ['committee', COMMITTEE, ['committee']],
      ['ppk', PPK, ['ppk']],
      ['auditor', AUDITOR, ['auditor']],
    ] as const) {
      tokens[name] = await t.token(who, [...roles] as never);
    }
    tokens.medanAuditor = await t.token(AUDITOR, ['auditor'], MEDAN);
    t.clock.set(new Date());
    await seedEligible(t.http, { hr: tokens.hr, evaluator: tokens.evaluator }, CANDIDATE, { gradeSince: '2020-01-01' });
    const today = new Date();
    const effectiveDate = `${today.getUTCFullYear()}-${String(today.getUTCMonth() + 1).padStart(2, '0')}-01`;
    await step(
      'proposal',
      async () => {
        const res = await t.http
          .post('/api/promotions')
          .set(bearer(tokens.hr))
          .send(proposalBody(CANDIDATE, { effectiveDate, exceptionJustification: 'Dokumen lengkap' }));
        caseId = res.body.caseId;
        return res;
      },
      201,
    );
    await step('verification', decide('verifier', 'APPROVE'));
    await step('return', decide('committee', 'RETURN', 'Lengkapi SKP 2025'));
    await step('resubmission', () => t.http.post(`/api/promotions/${caseId}/resubmission`).set(bearer(tokens.hr)).send({}));
    await step('committee approval', decide('committee', 'APPROVE'));
    await step('final approval', decide('ppk', 'APPROVE'));
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
      heldBy: { role: 'verifier', claimedBy: null },
    });
    expect(res.body.stages).toEqual([expect.objectContaining({ stage: 'verification', visit: 1, breached: false, slaState: 'ON_TRACK' })]);
    expect(res.body.stages[0].leftAt).toBeUndefined();
    expect(res.body.asOf).toMatchObject({ at: instants['after proposal'], globalPosition: expect.any(Number) });
  });

  test('between decisions: each instant shows the stage it was at, and nothing decided later', async () => {
    const between = await stateAt(instants['after verification']);
    expect(between.body).toMatchObject({ status: 'IN_PROGRESS', stage: 'committee', version: 2 });
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
    expect((await stateAt(instants['before return'])).body).toMatchObject({ status: 'IN_PROGRESS', stage: 'committee', version: 2 });

    const returned = await stateAt(instants['after return']);
    expect(returned.body).toMatchObject({
      status: 'RETURNED',
      stage: 'committee',
      version: 3,
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
    expect(resubmitted.body).toMatchObject({ status: 'IN_PROGRESS', stage: 'committee', version: 4 });
    expect(resubmitted.body.stages.map((s: { stage: string; visit: number }) => [s.stage, s.visit])).toEqual([
      ['verification', 1],
      ['committee', 2],
      ['committee', 3],
    ]);
  });

  test('after the last decision: APPROVED and closed, as the live case view shows it', async () => {
    const asOf = await stateAt(instants['after final approval']);
    const live = await t.http.get(`/api/promotions/${caseId}`).set(bearer(tokens.auditor));
    expect(live.status).toBe(200);
    expect(asOf.body).toMatchObject({ status: 'APPROVED', stage: null, version: 6, dueAt: null, slaState: null, heldBy: null });
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
      'exception',
      'rules',
      'policyVersion',
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
    expect((await stateAt(null)).body.version).toBe(6);
  });

  test('instants with an offset, encoded or not, mean the same moment', async () => {
    const utc = new Date(instants['after verification']);
    const jakarta = new Date(utc.getTime() + 7 * 3600_000).toISOString().replace('Z', '+07:00');
    const encoded = await stateAt(jakarta);
    expect(encoded.body).toMatchObject({ stage: 'committee', version: 2 });
    const unencoded = await t.http.get(`/api/audit/promotions/${caseId}/state?at=${jakarta}`).set(bearer(tokens.auditor));
    expect(unencoded.body).toMatchObject({ stage: 'committee', version: 2 });
  });

  test('a bad instant is 400; another agency, an unknown case or a malformed id are 404 / 400', async () => {
    for (const at of ['yesterday', '2026-03-02', '2026-03-02T10:00:00', '2026-02-30T10:00:00Z', '']) {
      expectError(
        await t.http.get(`/api/audit/promotions/${caseId}/state?at=${encodeURIComponent(at)}`).set(bearer(tokens.auditor)),
        400,
        'VALIDATION_FAILED',
      );
    }
    expectError(await stateAt(instants['after final approval'], 'medanAuditor'), 404, 'NOT_FOUND');
    expectError(
      await t.http.get('/api/audit/promotions/00000000-0000-4000-8000-000000000000/state').set(bearer(tokens.auditor)),
      404,
      'NOT_FOUND',
    );
    expectError(await t.http.get('/api/audit/promotions/bad%20id/state').set(bearer(tokens.auditor)), 400, 'VALIDATION_FAILED');
  });
});
