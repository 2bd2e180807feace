import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';

const CANDIDATE = '198507122010011001';
const HR = '197901012005012002';
const VERIFIER = '198001012006011003';
const COMMITTEE = '198101012007012004';
const PPK = '197501012000011005';
const EVALUATOR = '198201012008011006';

describe('a promotion proposed over HTTP and approved through three stages', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    tokens.hr = await t.token(HR, ['hr']);
    tokens.verifier = await t.token(VERIFIER, ['verifier']);
    tokens.committee = await t.token(COMMITTEE, ['committee']);
    tokens.ppk = await t.token(PPK, ['ppk']);
    tokens.evaluator = await t.token(EVALUATOR, ['evaluator']);
    tokens.candidate = await t.token(CANDIDATE, ['employee']);
  });
  afterAll(async () => t.close());

  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  test('registers, appraises, trains, proposes, approves and shows it in the case view and the career', async () => {
    const registered = await t.http.post('/api/employees').set(auth('hr')).send({
      nip: CANDIDATE,
      name: 'Siti Rahmawati',
      unitId: 'dinas-kesehatan',
      grade: 'III/b',
      gradeSince: '2021-01-01',
      positionTitle: 'Analis Kepegawaian',
      positionType: 'FUNGSIONAL',
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ nip: CANDIDATE, version: 1 });

    for (const period of [2024, 2025]) {
      const appraisal = await t.http
        .post('/api/appraisals')
        .set(auth('evaluator'))
        .send({ nip: CANDIDATE, period, results: 'ABOVE', behaviour: 'AS_EXPECTED' });
      expect(appraisal.status).toBe(201);
      expect(appraisal.body.predicate).toBe('BAIK');
    }
    const training = await t.http.post('/api/trainings').set(auth('hr')).send({
      nip: CANDIDATE,
      title: 'Pelatihan Manajemen ASN',
      hours: 24,
      kind: 'MANAGERIAL',
      provider: 'BPSDM Aceh',
      completedOn: '2026-01-15',
      certificateNo: 'BPSDM-2026-000123',
    });
    expect(training.status).toBe(201);

    const proposed = await t.http.post('/api/promotions').set(auth('hr')).send({
      nip: CANDIDATE,
      kind: 'REGULAR',
      toGrade: 'III/c',
      effectiveDate: '2026-04-01',
      justification: 'Four years in III/b, BAIK appraisals, 24 JP',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      eligible: true,
      exception: false,
      status: 'IN_PROGRESS',
      stage: 'verification',
      policyVersion: 1,
    });
    expect(proposed.body.rules.map((r: { rule: string; passed: boolean }) => [r.rule, r.passed])).toEqual([
      ['GRADE_STEP', true],
      ['TIME_IN_GRADE', true],
      ['APPRAISALS', true],
      ['TRAINING_HOURS', true],
      ['NO_ACTIVE_SANCTION', true],
    ]);
    const caseId = proposed.body.caseId as string;

    const steps: [string, string | null][] = [
      ['verifier', 'committee'],
      ['committee', 'approval'],
      ['ppk', null],
    ];
    for (const [who, next] of steps) {
      t.clock.advance(3600_000);
      const decided = await t.http.post(`/api/promotions/${caseId}/decisions`).set(auth(who)).send({ decision: 'APPROVE' });
      expect(decided.status).toBe(200);
      expect(decided.body.stage).toBe(next);
    }

    await t.settle();
    const view = await t.http.get(`/api/promotions/${caseId}`).set(auth('hr'));
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      caseId,
      nip: CANDIDATE,
      status: 'APPROVED',
      stage: null,
      fromGrade: 'III/b',
      toGrade: 'III/c',
      version: 4,
    });
    expect(view.body.stages.map((s: { stage: string; decidedBy: string; decision: string }) => [s.stage, s.decidedBy, s.decision])).toEqual(
      [
        ['verification', VERIFIER, 'APPROVE'],
        ['committee', COMMITTEE, 'APPROVE'],
        ['approval', PPK, 'APPROVE'],
      ],
    );

    const before = await t.http.get(`/api/employees/${CANDIDATE}/career`).set(auth('candidate'));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ grade: 'III/b', pendingGrade: { grade: 'III/c', effectiveDate: '2026-04-01' } });
    expect(before.body.promotions).toEqual([expect.objectContaining({ caseId, status: 'APPROVED' })]);
    expect(before.body.appraisals).toHaveLength(2);
    expect(before.body.trainings).toHaveLength(1);

    t.clock.set('2026-04-01T01:00:00.000Z');
    const after = await t.http.get(`/api/employees/${CANDIDATE}/career`).set(auth('hr'));
    expect(after.body).toMatchObject({ grade: 'III/c', gradeSince: '2026-04-01' });
    expect(after.body.pendingGrade).toBeUndefined();
  });
});
