import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { pdfOfSize, SMALL_PNG } from '../libs/testing/src/document-fixtures.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import {
  bearer,
  decide,
  EventCounter,
  expectError,
  expectFieldInDetails,
  MEDAN,
  nip,
  propose,
  proposalBody,
  registerEmployee,
  seedEligible,
  settle,
  uploadDocument,
  walkCase,
  type PipelineActors,
} from './http-support.js';

const SERIES = 21;
const NOW = '2026-03-02T03:00:00.000Z';
const TODAY = '2026-03-02';
const HR = nip(SERIES, 1);
const EVALUATOR = nip(SERIES, 2);
const VERIFIER = nip(SERIES, 3);
const VERIFIER2 = nip(SERIES, 4);
const COMMITTEE = nip(SERIES, 5);
const PPK = nip(SERIES, 6);
const BKN = nip(SERIES, 7);
const AUDITOR = nip(SERIES, 8);
const ADMIN = nip(SERIES, 9);
const PLT_VERIFIER = nip(SERIES, 10);
const PLT_PPK = nip(SERIES, 11);
const MEDAN_HR = nip(SERIES, 12);

interface RuleOutcome {
  rule: string;
  passed: boolean;
  blocking: boolean;
  detail: string;
}
interface QueueItem {
  caseId: string;
  status: string;
  stage: string;
  reason?: string;
  deficientDocuments?: string[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('HTTP kenaikan pangkat: the five stages with the berkas, pertek and decree', () => {
  let t: TestApp;
  let events: EventCounter;
  const tokens: Record<string, string> = {};
  let actors: PipelineActors;
  let seq = 100;
  const fresh = () => nip(SERIES, seq++);

  const seedTokens = () => ({ hr: tokens.hr, evaluator: tokens.evaluator });
  const view = async (caseId: string, token = tokens.hr) => {
    await settle(t, events);
    const res = await t.http.get(`/api/promotions/${caseId}`).set(bearer(token));
    expect(res.status).toBe(200);
    return res.body as Record<string, unknown> & { documents: Record<string, unknown>[]; stages: Record<string, unknown>[] };
  };
  const queue = async (token: string): Promise<QueueItem[]> => {
    await settle(t, events);
    const res = await t.http.get('/api/queues/mine').set(bearer(token));
    expect(res.status).toBe(200);
    return res.body.items as QueueItem[];
  };
  const resubmit = (caseId: string) => t.http.post(`/api/promotions/${caseId}/resubmission`).set(bearer(tokens.hr)).send({});
  const openRegularCase = async () => {
    const candidate = fresh();
    await seedEligible(t.http, seedTokens(), candidate);
    return { candidate, caseId: await propose(t.http, tokens.hr, candidate) };
  };
  const download = (caseId: string, documentId: string, token = tokens.hr) =>
    t.http
      .get(`/api/promotions/${caseId}/documents/${documentId}`)
      .set(bearer(token))
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    t = await startTestApp();
    events = await new EventCounter(t.database.url).open();
    tokens.hr = await t.token(HR, ['hr']);
    tokens.evaluator = await t.token(EVALUATOR, ['evaluator']);
    tokens.verifier = await t.token(VERIFIER, ['verifier']);
    tokens.verifier2 = await t.token(VERIFIER2, ['verifier']);
    tokens.committee = await t.token(COMMITTEE, ['committee']);
    tokens.ppk = await t.token(PPK, ['ppk']);
    tokens.bkn = await t.token(BKN, ['bkn']);
    tokens.auditor = await t.token(AUDITOR, ['auditor']);
    tokens.admin = await t.token(ADMIN, ['admin']);
    tokens.pltVerifier = await t.token(PLT_VERIFIER, ['employee']);
    tokens.pltPpk = await t.token(PLT_PPK, ['employee']);
    tokens.medanHr = await t.token(MEDAN_HR, ['hr'], MEDAN);
    actors = { proposer: tokens.hr, verifier: tokens.verifier, committee: tokens.committee, ppk: tokens.ppk, bkn: tokens.bkn };
    // Delegations name registered employees on both sides.
    for (const official of [VERIFIER, PPK, PLT_VERIFIER, PLT_PPK])
      await registerEmployee(t.http, tokens.hr, official, { positionType: 'PELAKSANA' });
  });
  beforeEach(() => t.clock.set(NOW));
  afterAll(async () => {
    await events.close();
    await t.close();
  });

  test('GET /api/reference: the version in force and the rank names', async () => {
    const res = await t.http.get('/api/reference').set(bearer(tokens.verifier));
    expect(res.status).toBe(200);
    expect(res.body.version).toBe('2026.1');
    expect(res.body.rankNames).toMatchObject({
      'III/a': 'Penata Muda',
      'III/c': 'Penata',
      'IV/a': 'Pembina',
      'IV/c': 'Pembina Utama Muda',
    });
    expectError(await t.http.get('/api/reference'), 401, 'UNAUTHENTICATED');
  });

  test('a REGULAR case through verification → approval → bkn → decree with its berkas; career shows the pending grade; the file comes back byte for byte', async () => {
    const { candidate, caseId } = await openRegularCase();
    const proposed = await view(caseId);
    expect(proposed).toMatchObject({ kind: 'REGULAR', stage: 'verification', status: 'IN_PROGRESS', timeZone: 'Asia/Jakarta' });
    expect(proposed.documents).toEqual([
      expect.objectContaining({ type: 'LAST_GRADE_DECREE', required: true, status: 'MISSING' }),
      expect.objectContaining({ type: 'APPRAISALS', required: true, status: 'DERIVED' }),
    ]);

    const bytes = pdfOfSize(2048, 0x42);
    const file = await uploadDocument(t.http, tokens.hr, caseId, 'LAST_GRADE_DECREE', { bytes, name: 'SK III-b.pdf' });
    expect(file).toMatchObject({ sha256: sha256(bytes), size: 2048 });
    await settle(t, events);
    const downloaded = await download(caseId, file.documentId, tokens.verifier);
    expect(downloaded.status).toBe(200);
    expect(Buffer.compare(downloaded.body as Buffer, Buffer.from(bytes))).toBe(0);

    // Without a verdict the berkas is not complete: 422, nothing written.
    const before = await events.count(`promotion-${caseId}`);
    const incomplete = await decide(t.http, tokens.verifier, caseId, { decision: 'APPROVE' });
    expectError(incomplete, 422, 'BERKAS_INCOMPLETE');
    expect(incomplete.body.details.documents).toEqual([expect.objectContaining({ type: 'LAST_GRADE_DECREE', status: 'UPLOADED' })]);
    expect(await events.count(`promotion-${caseId}`)).toBe(before);

    const verified = await decide(t.http, tokens.verifier, caseId, {
      decision: 'APPROVE',
      documents: [{ documentId: file.documentId, verdict: 'OK' }],
    });
    expect([verified.status, verified.body.stage]).toEqual([200, 'approval']); // no committee for REGULAR
    const approved = await decide(t.http, tokens.ppk, caseId, { decision: 'APPROVE' });
    expect([approved.status, approved.body.stage]).toEqual([200, 'bkn']);
    // BKN's approval needs the pertek; the PPK holds no bkn role.
    expectError(await decide(t.http, tokens.bkn, caseId, { decision: 'APPROVE' }), 400, 'VALIDATION_FAILED');
    expectError(await decide(t.http, tokens.ppk, caseId, { decision: 'APPROVE', pertekNumber: 'X', pertekDate: TODAY }), 403, 'FORBIDDEN');
    const pertek = await decide(t.http, tokens.bkn, caseId, { decision: 'APPROVE', pertekNumber: 'AC-11-KP-0042/2026', pertekDate: TODAY });
    expect([pertek.status, pertek.body.stage]).toEqual([200, 'decree']);
    const noNumber = await decide(t.http, tokens.ppk, caseId, { decision: 'APPROVE', decreeDate: TODAY });
    expectError(noNumber, 400, 'VALIDATION_FAILED');
    expectFieldInDetails(noNumber.body, 'decreeNumber');
    const decree = await decide(t.http, tokens.ppk, caseId, {
      decision: 'APPROVE',
      decreeNumber: '823.3/114/BKPSDM/2026',
      decreeDate: TODAY,
    });
    expect(decree.body).toMatchObject({ caseId, status: 'APPROVED', stage: null });
    expect(await events.types(`promotion-${caseId}`)).toEqual(
      expect.arrayContaining(['PromotionDocumentUploaded', 'PromotionDocumentsReviewed', 'PromotionStageApproved', 'PromotionApproved']),
    );

    const closed = await view(caseId);
    expect(closed).toMatchObject({
      status: 'APPROVED',
      pertek: { number: 'AC-11-KP-0042/2026', date: TODAY },
      decree: {
        number: '823.3/114/BKPSDM/2026',
        date: TODAY,
        authority: 'PPK',
        signatory: { name: expect.any(String), title: expect.any(String) },
      },
    });
    expect(closed.stages.map((s) => [s.stage, s.decision])).toEqual([
      ['verification', 'APPROVE'],
      ['approval', 'APPROVE'],
      ['bkn', 'APPROVE'],
      ['decree', 'APPROVE'],
    ]);
    expect(closed.documents[0]).toMatchObject({
      type: 'LAST_GRADE_DECREE',
      status: 'OK',
      documentId: file.documentId,
      sha256: sha256(bytes),
    });

    // The TMT (2026-04-01) is still ahead: the grade in force stays III/b.
    const career = await t.http.get(`/api/employees/${candidate}/career`).set(bearer(tokens.hr));
    expect(career.status).toBe(200);
    expect(career.body).toMatchObject({
      grade: 'III/b',
      pendingGrade: { grade: 'III/c', effectiveDate: '2026-04-01' },
      timeZone: 'Asia/Jakarta',
    });
  });

  test('the verifier returns a deficient document; the proposer sees it in their queue, uploads a new file and resubmits; verification again', async () => {
    const { caseId } = await openRegularCase();
    const first = await uploadDocument(t.http, tokens.hr, caseId, 'LAST_GRADE_DECREE', {
      bytes: SMALL_PNG,
      contentType: 'image/png',
      name: 'sk.png',
    });
    const returned = await decide(t.http, tokens.verifier, caseId, {
      decision: 'RETURN',
      reason: 'SK pangkat terakhir tidak terbaca',
      documents: [{ documentId: first.documentId, verdict: 'DEFICIENT', note: 'Pindaian buram, cap tidak terlihat' }],
    });
    expect(returned.body).toMatchObject({ status: 'RETURNED', stage: 'verification' });

    const mine = (await queue(tokens.hr)).find((i) => i.caseId === caseId);
    expect(mine).toMatchObject({
      status: 'RETURNED',
      stage: 'verification',
      reason: 'SK pangkat terakhir tidak terbaca',
      deficientDocuments: ['LAST_GRADE_DECREE'],
    });
    expect((await queue(tokens.verifier)).map((i) => i.caseId)).not.toContain(caseId);
    expect((await t.http.get('/api/queues/mine').set(bearer(tokens.hr))).body.timeZone).toBe('Asia/Jakarta');
    const returnedView = await view(caseId);
    expect(returnedView.documents[0]).toMatchObject({ status: 'DEFICIENT', note: 'Pindaian buram, cap tidak terlihat' });

    const second = await uploadDocument(t.http, tokens.hr, caseId, 'LAST_GRADE_DECREE', { name: 'sk-ulang.pdf' });
    const again = await resubmit(caseId);
    expect(again.body).toMatchObject({ status: 'IN_PROGRESS', stage: 'verification' });
    expect((await queue(tokens.hr)).map((i) => i.caseId)).not.toContain(caseId);
    expect((await queue(tokens.verifier)).map((i) => i.caseId)).toContain(caseId);
    // The replaced file's verdict no longer counts.
    expectError(
      await decide(t.http, tokens.verifier, caseId, { decision: 'APPROVE', documents: [{ documentId: first.documentId, verdict: 'OK' }] }),
      400,
      'VALIDATION_FAILED',
    );
    const verified = await decide(t.http, tokens.verifier, caseId, {
      decision: 'APPROVE',
      documents: [{ documentId: second.documentId, verdict: 'OK' }],
    });
    expect([verified.status, verified.body.stage]).toEqual([200, 'approval']);
    expect((await view(caseId)).stages.map((s) => [s.stage, s.decision ?? null])).toEqual([
      ['verification', 'RETURN'],
      ['verification', 'APPROVE'],
      ['approval', null],
    ]);
  });

  test('BKN returns: a resubmission with the same berkas goes back to bkn; one whose berkas changed goes back through verification', async () => {
    const { caseId } = await openRegularCase();
    await walkCase(t.http, actors, caseId, { until: 'bkn' });
    const bknReturn = await decide(t.http, tokens.bkn, caseId, {
      decision: 'RETURN',
      reason: 'Nomor SK pangkat terakhir tidak sesuai data SAPK',
    });
    expect(bknReturn.body).toMatchObject({ status: 'RETURNED', stage: 'bkn' });
    expect((await queue(tokens.hr)).find((i) => i.caseId === caseId)).toMatchObject({
      status: 'RETURNED',
      stage: 'bkn',
      reason: expect.stringContaining('SAPK'),
    });
    expect((await resubmit(caseId)).body).toMatchObject({ status: 'IN_PROGRESS', stage: 'bkn' });
    expect((await queue(tokens.bkn)).map((i) => i.caseId)).toContain(caseId);

    await decide(t.http, tokens.bkn, caseId, { decision: 'RETURN', reason: 'Lampirkan SK yang dilegalisir' });
    const legalised = await uploadDocument(t.http, tokens.hr, caseId, 'LAST_GRADE_DECREE', {
      bytes: pdfOfSize(900, 0x4c),
      name: 'sk-legalisir.pdf',
    });
    expect((await resubmit(caseId)).body).toMatchObject({ status: 'IN_PROGRESS', stage: 'verification' });
    expect(
      (
        await decide(t.http, tokens.verifier, caseId, {
          decision: 'APPROVE',
          documents: [{ documentId: legalised.documentId, verdict: 'OK' }],
        })
      ).body.stage,
    ).toBe('approval');
    expect((await decide(t.http, tokens.ppk, caseId, { decision: 'APPROVE' })).body.stage).toBe('bkn');
    const pertek = await decide(t.http, tokens.bkn, caseId, { decision: 'APPROVE', pertekNumber: 'AC-11-KP-0077/2026', pertekDate: TODAY });
    expect(pertek.body.stage).toBe('decree');
  });

  test('the decree is refused under an active sanction (422 SANCTION_ACTIVE, nothing written) and issued once it is annulled', async () => {
    const { candidate, caseId } = await openRegularCase();
    await walkCase(t.http, actors, caseId, { until: 'decree' });
    const sanction = await t.http.post(`/api/employees/${candidate}/sanctions`).set(bearer(tokens.hr)).send({
      level: 'MODERATE',
      type: 'ALLOWANCE_CUT_6M',
      reason: 'Tidak masuk kerja 12 hari tanpa keterangan',
      decreeNumber: '800/21/INSP/2026',
      decreeDate: '2026-02-27',
      from: '2026-03-01',
    });
    expect(sanction.status).toBe(201);
    const before = await events.count();
    const refused = await decide(t.http, tokens.ppk, caseId, {
      decision: 'APPROVE',
      decreeNumber: '823.3/201/BKPSDM/2026',
      decreeDate: TODAY,
    });
    expectError(refused, 422, 'SANCTION_ACTIVE');
    expect(await events.count()).toBe(before);
    expect((await view(caseId)).stage).toBe('decree');

    const annulled = await t.http
      .post(`/api/employees/${candidate}/sanctions/${sanction.body.sanctionId}/annulment`)
      .set(bearer(tokens.hr))
      .send({ decreeNumber: '800/22/INSP/2026', decreeDate: TODAY, reason: 'Keberatan pegawai diterima' });
    expect(annulled.status).toBe(200);
    const issued = await decide(t.http, tokens.ppk, caseId, {
      decision: 'APPROVE',
      decreeNumber: '823.3/201/BKPSDM/2026',
      decreeDate: TODAY,
    });
    expect(issued.body).toMatchObject({ status: 'APPROVED', stage: null });
  });

  test('a IV/c target gets a presidential decree: STRUCTURAL runs the committee, its berkas has the post decrees', async () => {
    const candidate = fresh();
    await seedEligible(t.http, seedTokens(), candidate, {
      grade: 'IV/b',
      gradeSince: '2021-04-01',
      education: 'S2',
      positionType: 'JPT',
      eselon: 'II.b',
      positionTitle: 'Kepala Dinas Kesehatan',
    });
    const res = await t.http
      .post('/api/promotions')
      .set(bearer(tokens.hr))
      .send(
        proposalBody(candidate, { kind: 'STRUCTURAL', toGrade: 'IV/c', justification: 'Kepala dinas, eselon II.b, lima tahun di IV/b' }),
      );
    expect(res.status).toBe(201);
    expect(res.body.stage).toBe('verification');
    expect((res.body.documents as { type: string }[]).map((d) => d.type).sort()).toEqual(
      ['APPRAISALS', 'INSTALLATION_RECORD', 'LAST_GRADE_DECREE', 'POST_DECREE'].sort(),
    );
    const caseId = res.body.caseId as string;
    await walkCase(t.http, actors, caseId, {
      documents: ['LAST_GRADE_DECREE', 'POST_DECREE', 'INSTALLATION_RECORD'],
      decreeNumber: 'KEPPRES 12/KP/2026',
    });
    const closed = await view(caseId);
    expect(closed.stages.map((s) => s.stage)).toEqual(['verification', 'committee', 'approval', 'bkn', 'decree']);
    expect(closed.decree).toMatchObject({ number: 'KEPPRES 12/KP/2026', authority: 'PRESIDENT' });
  });

  test('a Plt verifier decides verification with onBehalfOf in the event metadata; a Plt PPK may not issue the decree', async () => {
    for (const [delegateNip, role, onBehalfOf] of [
      [PLT_VERIFIER, 'verifier', VERIFIER],
      [PLT_PPK, 'ppk', PPK],
    ]) {
      const granted = await t.http
        .post('/api/delegations')
        .set(bearer(tokens.admin))
        .send({ delegateNip, role, onBehalfOf, from: '2026-03-01', until: '2026-03-31', reason: 'Cuti tahunan pejabat definitif' });
      expect([granted.status, granted.body.delegationId]).toEqual([201, expect.any(String)]);
    }
    await settle(t, events);
    const listed = await t.http.get('/api/delegations').set(bearer(tokens.admin));
    expect(listed.status).toBe(200);

    const { caseId } = await openRegularCase();
    const file = await uploadDocument(t.http, tokens.hr, caseId);
    expect((await queue(tokens.pltVerifier)).map((i) => i.caseId)).toContain(caseId);
    const byPlt = await decide(t.http, tokens.pltVerifier, caseId, {
      decision: 'APPROVE',
      documents: [{ documentId: file.documentId, verdict: 'OK' }],
    });
    expect([byPlt.status, byPlt.body.stage]).toEqual([200, 'approval']);
    await settle(t, events);
    const stream = await t.http.get(`/api/audit/streams/promotion-${caseId}`).set(bearer(tokens.auditor));
    const approval = (stream.body.events as { type: string; metadata: Record<string, unknown> }[]).find(
      (e) => e.type === 'PromotionStageApproved',
    );
    expect(approval?.metadata).toMatchObject({ actor: PLT_VERIFIER, onBehalfOf: VERIFIER });
    expect((await view(caseId)).stages[0]).toMatchObject({ stage: 'verification', decidedBy: PLT_VERIFIER, onBehalfOf: VERIFIER });
    // The verification decided in VERIFIER's office is theirs: with the ppk role too they may not approve it.
    const delegatorAsPpk = await t.token(VERIFIER, ['ppk']);
    expect((await queue(delegatorAsPpk)).map((i) => i.caseId)).not.toContain(caseId);
    expectError(await decide(t.http, delegatorAsPpk, caseId, { decision: 'APPROVE' }), 403, 'SOD_VIOLATION');

    expect((await decide(t.http, tokens.ppk, caseId, { decision: 'APPROVE' })).body.stage).toBe('bkn');
    expect(
      (await decide(t.http, tokens.bkn, caseId, { decision: 'APPROVE', pertekNumber: 'AC-11-KP-0090/2026', pertekDate: TODAY })).body.stage,
    ).toBe('decree');
    expect((await queue(tokens.pltPpk)).map((i) => i.caseId)).not.toContain(caseId);
    const before = await events.count();
    expectError(
      await decide(t.http, tokens.pltPpk, caseId, { decision: 'APPROVE', decreeNumber: '823.3/300/BKPSDM/2026', decreeDate: TODAY }),
      403,
      'FORBIDDEN',
    );
    expect(await events.count()).toBe(before);
    expect(
      (await decide(t.http, tokens.ppk, caseId, { decision: 'APPROVE', decreeNumber: '823.3/300/BKPSDM/2026', decreeDate: TODAY })).body
        .status,
    ).toBe('APPROVED');
  });

  test('a conflict of interest takes the case out of the declarer’s queue, and their decision is 403 SOD_VIOLATION', async () => {
    const { caseId } = await openRegularCase();
    const file = await uploadDocument(t.http, tokens.hr, caseId);
    expect((await queue(tokens.verifier2)).map((i) => i.caseId)).toContain(caseId);
    const declared = await t.http
      .post(`/api/promotions/${caseId}/conflict-of-interest`)
      .set(bearer(tokens.verifier2))
      .send({ reason: 'Kandidat adalah saudara kandung saya' });
    expect(declared.status).toBe(200);
    expect(await events.types(`promotion-${caseId}`)).toContain('PromotionConflictDeclared');
    expect((await queue(tokens.verifier2)).map((i) => i.caseId)).not.toContain(caseId);
    expect((await queue(tokens.verifier)).map((i) => i.caseId)).toContain(caseId);
    const before = await events.count();
    expectError(
      await decide(t.http, tokens.verifier2, caseId, { decision: 'APPROVE', documents: [{ documentId: file.documentId, verdict: 'OK' }] }),
      403,
      'SOD_VIOLATION',
    );
    expect(await events.count()).toBe(before);
  });

  test('an agency patches SLAs and the committee’s kinds, never roles: the stored pipeline, its zone and signatory on a STRUCTURAL case', async () => {
    const SEMARANG = 'pemkot-semarang';
    const admin = await t.token(ADMIN, ['admin'], SEMARANG);
    const body = {
      name: 'Pemerintah Kota Semarang',
      timeZone: 'Asia/Makassar',
      stages: [
        { id: 'approval', sla: 'PT48H' },
        { id: 'committee', sla: 'P5D', requiredFor: [] },
      ],
      signatory: { name: 'Wali Kota Semarang', title: 'Pejabat Pembina Kepegawaian' },
    };
    const configured = await t.http.put(`/api/agencies/${SEMARANG}`).set(bearer(admin)).send(body);
    expect(configured.status).toBe(200);
    const pipeline = [
      { id: 'verification', sla: 'P2D' },
      { id: 'committee', sla: 'P5D', requiredFor: [] },
      { id: 'approval', sla: 'PT48H' },
      { id: 'bkn', sla: 'P2D' },
      { id: 'decree', sla: 'P5D' },
    ];
    expect(configured.body.stages).toEqual(pipeline);
    await settle(t, events);
    expect((await t.http.get(`/api/agencies/${SEMARANG}`).set(bearer(admin))).body).toMatchObject({
      timeZone: 'Asia/Makassar',
      stages: pipeline,
    });

    const hr = await t.token(HR, ['hr'], SEMARANG);
    const candidate = fresh();
    await seedEligible(t.http, { hr, evaluator: await t.token(EVALUATOR, ['evaluator'], SEMARANG) }, candidate, {
      grade: 'III/c',
      positionType: 'PENGAWAS',
      eselon: 'IV.a',
      positionTitle: 'Kepala Seksi Kesehatan Keluarga',
    });
    const caseId = await propose(t.http, hr, candidate, { kind: 'STRUCTURAL', toGrade: 'III/d' });
    const semarangActors = {
      proposer: hr,
      verifier: await t.token(VERIFIER, ['verifier'], SEMARANG),
      ppk: await t.token(PPK, ['ppk'], SEMARANG),
      bkn: await t.token(BKN, ['bkn'], SEMARANG),
    };
    await walkCase(t.http, semarangActors, caseId, { documents: ['LAST_GRADE_DECREE', 'POST_DECREE', 'INSTALLATION_RECORD'] });
    const closed = await view(caseId, hr);
    expect(closed.stages.map((v) => [v.stage, v.dueAt])).toEqual([
      ['verification', '2026-03-04T03:00:00.000Z'],
      // 48 hours elapsed, not working days
      ['approval', '2026-03-04T03:00:00.000Z'],
      ['bkn', '2026-03-04T03:00:00.000Z'],
      ['decree', '2026-03-09T03:00:00.000Z'],
    ]);
    expect(closed).toMatchObject({
      timeZone: 'Asia/Makassar',
      decree: { authority: 'PPK', signatory: { name: 'Wali Kota Semarang', title: 'Pejabat Pembina Kepegawaian' } },
    });
  });

  describe('refused proposals: nothing written', () => {
    test('REGULAR for a FUNGSIONAL employee → 422 NOT_ELIGIBLE with POST_TYPE failing in details.rules', async () => {
      const candidate = fresh();
      await seedEligible(t.http, seedTokens(), candidate, { positionType: 'FUNGSIONAL', jenjang: 'AHLI_PERTAMA' });
      const before = await events.count();
      const res = await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(proposalBody(candidate));
      expectError(res, 422, 'NOT_ELIGIBLE');
      const rules = res.body.details.rules as RuleOutcome[];
      expect(rules.filter((r) => r.blocking && !r.passed).map((r) => r.rule)).toEqual(['POST_TYPE']);
      expect(rules.every((r) => typeof r.detail === 'string' && r.detail.length > 0)).toBe(true);
      expect(await events.count()).toBe(before);
    });

    test('time in grade one day short of four years → TIME_IN_GRADE fails; exactly four years passes', async () => {
      const short = fresh();
      await seedEligible(t.http, seedTokens(), short, { gradeSince: '2022-04-02' });
      const before = await events.count();
      const res = await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(proposalBody(short));
      expectError(res, 422, 'NOT_ELIGIBLE');
      expect((res.body.details.rules as RuleOutcome[]).filter((r) => r.blocking && !r.passed).map((r) => r.rule)).toEqual([
        'TIME_IN_GRADE',
      ]);
      expect(await events.count()).toBe(before);
      const exact = fresh();
      await seedEligible(t.http, seedTokens(), exact, { gradeSince: '2022-04-01' });
      await propose(t.http, tokens.hr, exact);
    });

    test('a TMT that is not a KP period date → 400 naming effectiveDate', async () => {
      const candidate = fresh();
      await seedEligible(t.http, seedTokens(), candidate);
      const before = await events.count();
      const res = await t.http
        .post('/api/promotions')
        .set(bearer(tokens.hr))
        .send(proposalBody(candidate, { effectiveDate: '2026-04-15' }));
      expectError(res, 400, 'VALIDATION_FAILED');
      expectFieldInDetails(res.body, 'effectiveDate');
      expect(await events.count()).toBe(before);
    });

    test('an NIP registered in another agency → 404', async () => {
      const medanEmployee = fresh();
      await registerEmployee(t.http, tokens.medanHr, medanEmployee, { positionType: 'PELAKSANA' });
      const before = await events.count();
      expectError(await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(proposalBody(medanEmployee)), 404, 'NOT_FOUND');
      expect(await events.count()).toBe(before);
    });
  });

  test('POST /api/promotions/preview answers what the proposal then records, and writes nothing', async () => {
    const candidate = fresh();
    await seedEligible(t.http, seedTokens(), candidate);
    const body = proposalBody(candidate);
    const before = await events.count();
    const preview = await t.http
      .post('/api/promotions/preview')
      .set(bearer(tokens.hr))
      .send({ nip: body.nip, kind: body.kind, toGrade: body.toGrade, effectiveDate: body.effectiveDate });
    expect(preview.status).toBe(200);
    expect(await events.count()).toBe(before);
    const proposed = await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(body);
    expect(proposed.status).toBe(201);
    expect(preview.body).toMatchObject({
      eligible: true,
      fromGrade: 'III/b',
      toGrade: 'III/c',
      referenceVersion: proposed.body.referenceVersion,
    });
    expect(preview.body.rules).toEqual(proposed.body.rules);
    expect((preview.body.documents as { type: string }[]).map((d) => d.type)).toEqual(
      (proposed.body.documents as { type: string }[]).map((d) => d.type),
    );
    expect((await view(proposed.body.caseId)).rules).toEqual(proposed.body.rules);
  });

  test('the SLA dashboard has the bkn and decree stages and filters by KP kind', async () => {
    await settle(t, events);
    const get = (query: string) => t.http.get(`/api/dashboards/sla${query}`).set(bearer(tokens.auditor));
    const all = await get('');
    expect(all.status).toBe(200);
    type Row = { stage: string; open: number; completed: number };
    const byStage = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.stage, r]));
    const stages = byStage(all.body.items as Row[]);
    expect(Object.keys(stages)).toEqual(expect.arrayContaining(['verification', 'committee', 'approval', 'bkn', 'decree']));
    expect(stages.bkn.completed).toBeGreaterThan(0);
    expect(stages.decree.completed).toBeGreaterThan(0);
    // Four cases were decreed above, all on the day they were proposed (the clock stood still).
    expect(all.body.cycleTime).toMatchObject({ decreed: 4, medianDays: 0 });
    expect((await get('?kind=STRUCTURAL')).body.cycleTime).toMatchObject({ decreed: 1 });
    const structural = byStage((await get('?kind=STRUCTURAL')).body.items as Row[]);
    const regular = byStage((await get('?kind=REGULAR')).body.items as Row[]);
    // Only the STRUCTURAL case ran the committee; the filters split the verification visits.
    expect(structural.committee.completed).toBe(1);
    expect(regular.committee?.completed ?? 0).toBe(0);
    expect(structural.verification.completed + regular.verification.completed).toBe(stages.verification.completed);
    const outstanding = (await get('?kind=OUTSTANDING')).body.items as Row[];
    expect(outstanding.every((r) => r.open === 0 && r.completed === 0)).toBe(true);
    expectError(await get('?kind=SELECTION'), 400, 'VALIDATION_FAILED');
  });
});
