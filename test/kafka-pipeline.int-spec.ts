import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { eventually } from '../libs/testing/src/eventually.js';
import { describeWithKafka } from '../libs/testing/src/describe-with-kafka.js';
import { startKafka, type KafkaHandle } from '../libs/testing/src/kafka-harness.js';
import { walkCase } from './http-support.js';

const CANDIDATE = '198507122010011001';
const HR = '197901012005012002';
const EVALUATOR = '198201012008011006';
const VERIFIER = '198001012006011003';
const PPK = '197501012000011005';
const BKN = '197712122003121007';

describeWithKafka('the whole pipeline over Kafka: command → PostgreSQL → relay → Kafka → projector → query', () => {
  let kafka: KafkaHandle;
  let t: TestApp;
  const topic = `asn.events.v1.test-${Date.now()}`;

  beforeAll(async () => {
    kafka = await startKafka();
    t = await startTestApp({ env: { KAFKA_BROKERS: kafka.brokers.join(','), KAFKA_TOPIC: topic, KAFKA_GROUP_ID: `g-${Date.now()}` } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await kafka?.stop();
  });

  test('a promotion decreed through verification, approval, bkn and decree reaches the case view and the career through Kafka, with CloudEvents headers', async () => {
    const as = async (nip: string, role: string) => ({ Authorization: `Bearer ${await t.token(nip, [role as never])}` });
    expect(
      (
        await t.http
          .post('/api/employees')
          .set(await as(HR, 'hr'))
          .send({
            nip: CANDIDATE,
            name: 'Siti Rahmawati',
            unitId: 'dinas-kesehatan',
            grade: 'III/b',
            gradeSince: '2021-01-01',
            education: 'S1',
            positionTitle: 'Pengadministrasi Kepegawaian',
            positionType: 'PELAKSANA',
          })
      ).status,
    ).toBe(201);
    for (const period of [2024, 2025]) {
      await t.http
        .post('/api/appraisals')
        .set(await as(EVALUATOR, 'evaluator'))
        .send({ nip: CANDIDATE, period, results: 'ABOVE', behaviour: 'ABOVE' });
    }
    await t.http
      .post('/api/trainings')
      .set(await as(HR, 'hr'))
      .send({
        nip: CANDIDATE,
        title: 'Diklat Teknis',
        hours: 30,
        kind: 'TECHNICAL',
        provider: 'BPSDM',
        completedOn: '2025-11-10',
        certificateNo: 'C-1',
      });
    const proposed = await t.http
      .post('/api/promotions')
      .set(await as(HR, 'hr'))
      .send({
        nip: CANDIDATE,
        kind: 'REGULAR',
        toGrade: 'III/c',
        effectiveDate: '2026-04-01',
        justification: 'Merit',
      });
    expect(proposed.status).toBe(201);
    const caseId = proposed.body.caseId as string;
    const token = (nip: string, role: string) => t.token(nip, [role as never]);
    const decreed = await walkCase(
      t.http,
      {
        proposer: await token(HR, 'hr'),
        verifier: await token(VERIFIER, 'verifier'),
        ppk: await token(PPK, 'ppk'),
        bkn: await token(BKN, 'bkn'),
      },
      caseId,
    );
    expect(decreed?.body).toMatchObject({ status: 'APPROVED', stage: null });

    const hr = await as(HR, 'hr');
    const approved = await eventually(
      () => t.http.get(`/api/promotions/${caseId}`).set(hr),
      (r) => r.status === 200 && r.body.status === 'APPROVED',
    );
    expect(approved.body).toMatchObject({ status: 'APPROVED', version: 7, decree: { authority: 'PPK' } });
    const career = await t.http.get(`/api/employees/${CANDIDATE}/career`).set(hr);
    expect(career.body).toMatchObject({ grade: 'III/b', pendingGrade: { grade: 'III/c', effectiveDate: '2026-04-01' } });
    expect(career.body.appraisals).toHaveLength(2);

    // The same events on the topic, read by kcat: key = stream id, CloudEvents binary-mode headers.
    const { stdout } = await promisify(execFile)('kcat', ['-b', kafka.brokers.join(','), '-C', '-t', topic, '-e', '-q', '-f', '%k\t%h\n'], {
      timeout: 30_000,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const lines = stdout.trim().split('\n').filter(Boolean);
    const promotionLines = lines.filter((l) => l.startsWith(`promotion-${caseId}\t`));
    expect(promotionLines).toHaveLength(7);
    const types = promotionLines.map((l) => /ce_type=([A-Za-z]+)/.exec(l)?.[1]);
    expect(types).toEqual([
      'PromotionProposed',
      'PromotionDocumentUploaded',
      'PromotionDocumentsReviewed',
      'PromotionStageApproved',
      'PromotionStageApproved',
      'PromotionStageApproved',
      'PromotionApproved',
    ]);
    for (const line of promotionLines) {
      expect(line).toMatch(/ce_specversion=1\.0/);
      expect(line).toMatch(new RegExp(`ce_subject=promotion-${caseId}`));
      expect(line).toMatch(/ce_source=\/jenjang/);
      expect(line).toMatch(/ce_id=promotion-[^,]+\/\d/);
      expect(line).toMatch(/ce_time=2026-/);
      expect(line).toMatch(/ce_streamversion=\d/);
      expect(line).toMatch(/ce_globalposition=\d/);
    }
    expect(promotionLines.map((l) => Number(/ce_streamversion=(\d+)/.exec(l)?.[1]))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines.filter((l) => l.startsWith(`employee-${CANDIDATE}\t`))).toHaveLength(1);
  }, 90_000);
});
