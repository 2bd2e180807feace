import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { uploadDocument } from './http-support.js';

const CANDIDATE = '198507122010011001';
const HR = '197901012005012002';
const VERIFIER = '198001012006011003';
const PPK = '197501012000011005';
const BKN = '197712122003121007';
const EVALUATOR = '198201012008011006';

describe('a REGULAR promotion proposed over HTTP and decreed through verification, approval, bkn and decree', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    tokens.hr = await t.token(HR, ['hr']);
    tokens.verifier = await t.token(VERIFIER, ['verifier']);
    tokens.ppk = await t.token(PPK, ['ppk']);
    tokens.bkn = await t.token(BKN, ['bkn']);
    tokens.evaluator = await t.token(EVALUATOR, ['evaluator']);
    tokens.candidate = await t.token(CANDIDATE, ['employee']);
  });
  afterAll(async () => t.close());

  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  test('registers, appraises, trains, proposes, uploads the berkas, decides every stage and shows it in the case view and the career', async () => {
    const registered = await t.http.post('/api/employees').set(auth('hr')).send({
      nip: CANDIDATE,
      name: 'Siti Rahmawati',
      unitId: 'dinas-kesehatan',
      grade: 'III/b',
      gradeSince: '2021-01-01',
      education: 'S1',
      positionTitle: 'Pengadministrasi Kepegawaian',
      positionType: 'PELAKSANA',
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
      completedOn: '2025-09-15',
      certificateNo: 'BPSDM-2025-000123',
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
      status: 'IN_PROGRESS',
      stage: 'verification',
      referenceVersion: '2026.1',
      documents: [
        { type: 'LAST_GRADE_DECREE', required: true, status: 'MISSING' },
        { type: 'APPRAISALS', required: true, status: 'DERIVED' },
      ],
    });
    expect(proposed.body.rules.map((r: { rule: string; passed: boolean }) => [r.rule, r.passed])).toEqual([
      ['GRADE_STEP', true],
      ['POST_TYPE', true],
      ['GRADE_CEILING', true],
      ['TIME_IN_GRADE', true],
      ['APPRAISALS', true],
      ['SERVICE_EXAM', true],
      ['NO_ACTIVE_SANCTION', true],
      ['TRAINING_HOURS', true],
    ]);
    const caseId = proposed.body.caseId as string;
    const decree = await uploadDocument(t.http, tokens.hr, caseId, 'LAST_GRADE_DECREE', { name: 'SK Pangkat III-b.pdf' });

    // REGULAR: no committee unless the agency asks for one.
    const steps: [string, Record<string, unknown>, string | null][] = [
      ['verifier', { documents: [{ documentId: decree.documentId, verdict: 'OK' }] }, 'approval'],
      ['ppk', {}, 'bkn'],
      ['bkn', { pertekNumber: 'AC-11-KP-0001/2026', pertekDate: '2026-03-02' }, 'decree'],
      ['ppk', { decreeNumber: '823.3/114/BKPSDM/2026', decreeDate: '2026-03-02' }, null],
    ];
    for (const [who, fields, next] of steps) {
      t.clock.advance(3600_000);
      const decided = await t.http
        .post(`/api/promotions/${caseId}/decisions`)
        .set(auth(who))
        .send({ decision: 'APPROVE', ...fields });
      expect([who, decided.status, decided.body.stage]).toEqual([who, 200, next]);
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
      version: 7,
      pertek: { number: 'AC-11-KP-0001/2026', date: '2026-03-02' },
      decree: { number: '823.3/114/BKPSDM/2026', date: '2026-03-02', authority: 'PPK' },
    });
    expect(view.body.stages.map((s: { stage: string; decidedBy: string; decision: string }) => [s.stage, s.decidedBy, s.decision])).toEqual(
      [
        ['verification', VERIFIER, 'APPROVE'],
        ['approval', PPK, 'APPROVE'],
        ['bkn', BKN, 'APPROVE'],
        ['decree', PPK, 'APPROVE'],
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
