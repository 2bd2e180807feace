import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DataSource } from 'typeorm';
import { eventHash, GENESIS_HASH, DATA_SOURCE } from '../libs/event-store/src/index.js';
import { CheckpointSigner, generateSigningKeyText, LedgerSequencer } from '../libs/ledger/src/index.js';
import { RogueDba, sequenceEverything } from '../libs/ledger/src/testing/ledger-fixtures.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { bearer, expectError, LANGSA, MEDAN, nip, proposalBody, seedEligible, uploadDocument } from './http-support.js';

const SERIES = 41;
const HR = nip(SERIES, 1);
const EVALUATOR = nip(SERIES, 2);
const VERIFIER = nip(SERIES, 3);
const AUDITOR = nip(SERIES, 4);
const CANDIDATE = nip(SERIES, 10);
const MEDAN_CANDIDATE = nip(SERIES, 11);
const SIGNING_KEY = generateSigningKeyText();

interface AuditEvent {
  globalPosition: number;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: { actor: string; agency: string; correlationId: string; causationId: string | null; occurredAt: string };
  recordedAt: string;
  hash: string;
}

/** Checks an Ed25519 checkpoint signature from the text of docs/api.md §Audit alone. */
function signatureHolds(cp: { treeSize: number; rootHash: string; signedAt: string; signature: string; publicKey: string }): boolean {
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(cp.publicKey, 'base64')]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return verifySignature(
    null,
    Buffer.from(`jenjang-checkpoint\n${cp.treeSize}\n${cp.rootHash}\n${cp.signedAt}\n`, 'utf8'),
    key,
    Buffer.from(cp.signature, 'base64'),
  );
}

describe('the audit API', () => {
  let t: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  let caseId: string;

  const ledger = () => sequenceEverything(t.app.get(LedgerSequencer), db, { checkpoint: true });
  const get = (path: string, who = 'auditor') => t.http.get(path).set(bearer(tokens[who]));

  beforeAll(async () => {
    t = await startTestApp({ env: { LEDGER_SIGNING_KEY: SIGNING_KEY, LEDGER_CHECKPOINT_EVERY_EVENTS: '4' } });
    db = t.app.get(DATA_SOURCE);
    tokens.hr = await t.token(HR, ['hr']);
    tokens.evaluator = await t.token(EVALUATOR, ['evaluator']);
    tokens.verifier = await t.token(VERIFIER, ['verifier']);
    tokens.auditor = await t.token(AUDITOR, ['auditor']);
    tokens.admin = await t.token(AUDITOR, ['admin']);
    tokens.medanHr = await t.token(HR, ['hr'], MEDAN);
    tokens.medanEvaluator = await t.token(EVALUATOR, ['evaluator'], MEDAN);
    tokens.medanAuditor = await t.token(AUDITOR, ['auditor'], MEDAN);
    await seedEligible(t.http, { hr: tokens.hr, evaluator: tokens.evaluator }, CANDIDATE);
    await seedEligible(t.http, { hr: tokens.medanHr, evaluator: tokens.medanEvaluator }, MEDAN_CANDIDATE);
    const proposed = await t.http.post('/api/promotions').set(bearer(tokens.hr)).send(proposalBody(CANDIDATE));
    expect(proposed.status).toBe(201);
    caseId = proposed.body.caseId;
    const { documentId } = await uploadDocument(t.http, tokens.hr, caseId);
    const decided = await t.http
      .post(`/api/promotions/${caseId}/decisions`)
      .set(bearer(tokens.verifier))
      .send({ decision: 'APPROVE', documents: [{ documentId, verdict: 'OK' }] });
    expect(decided.status).toBe(200);
    await ledger();
  });
  afterAll(async () => t.close());

  test('every audit route is for auditors only: 401 without a token, 403 for other roles', async () => {
    const routes = [
      `/api/audit/streams/promotion-${caseId}`,
      `/api/audit/promotions/${caseId}/state`,
      '/api/audit/events',
      '/api/audit/verify',
      '/api/audit/checkpoints/latest',
      '/api/audit/proofs/inclusion?position=1',
      '/api/audit/proofs/consistency?from=1&to=1',
    ];
    for (const path of routes) {
      expectError(await t.http.get(path), 401, 'UNAUTHENTICATED');
      expectError(await get(path, 'hr'), 403, 'FORBIDDEN');
      expectError(await get(path, 'admin'), 403, 'FORBIDDEN');
    }
  });

  test("a stream's full history: every event as stored, with metadata, and hashes that chain", async () => {
    const res = await get(`/api/audit/streams/promotion-${caseId}`);
    expect(res.status).toBe(200);
    const events = res.body.events as AuditEvent[];
    expect(events.map((e) => [e.version, e.type])).toEqual([
      [1, 'PromotionProposed'],
      [2, 'PromotionDocumentUploaded'],
      [3, 'PromotionDocumentsReviewed'],
      [4, 'PromotionStageApproved'],
    ]);
    let previous = GENESIS_HASH;
    for (const e of events) {
      expect(Object.keys(e).sort()).toEqual([
        'data',
        'globalPosition',
        'hash',
        'metadata',
        'recordedAt',
        'schemaVersion',
        'streamId',
        'type',
        'version',
      ]);
      expect(Object.keys(e.metadata).sort()).toEqual(['actor', 'agency', 'causationId', 'correlationId', 'occurredAt']);
      expect(e.metadata.agency).toBe(LANGSA);
      expect(e.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const recomputed = eventHash(previous, {
        streamId: e.streamId,
        version: e.version,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        metadata: e.metadata,
      });
      expect(e.hash).toBe(recomputed);
      previous = e.hash;
    }
    expect(events.map((e) => e.metadata.actor)).toEqual([HR, HR, VERIFIER, VERIFIER]);
    // The upload records the file by content, so the ledger proves it was not swapped.
    expect(events[1].data).toMatchObject({
      type: 'LAST_GRADE_DECREE',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      size: expect.any(Number),
    });
  });

  test("another agency's stream, an unknown one and a malformed id", async () => {
    expectError(await get(`/api/audit/streams/employee-${MEDAN_CANDIDATE}`), 404, 'NOT_FOUND');
    expect((await get(`/api/audit/streams/employee-${MEDAN_CANDIDATE}`, 'medanAuditor')).status).toBe(200);
    expectError(await get('/api/audit/streams/promotion-00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expectError(await get('/api/audit/streams/..%2Fetc'), 400, 'VALIDATION_FAILED');
  });

  test("the agency's events in commit order: JSON pages by cursor equal the NDJSON export, other agencies' never shown", async () => {
    const [{ n }]: { n: string }[] = await db.query(`SELECT count(*) AS n FROM events WHERE metadata->>'agency' = $1`, [LANGSA]);
    const paged: AuditEvent[] = [];
    let after = 0;
    for (;;) {
      const res = await get(`/api/audit/events?after=${after}&limit=3`);
      expect(res.status).toBe(200);
      const page = res.body.events as AuditEvent[];
      paged.push(...page);
      if (page.length < 3) break;
      after = page[page.length - 1].globalPosition;
    }
    expect(paged).toHaveLength(Number(n));
    expect(paged.every((e) => e.metadata.agency === LANGSA)).toBe(true);
    const order: { global_position: string }[] = await db.query(
      `SELECT global_position FROM events WHERE metadata->>'agency' = $1 ORDER BY transaction_id, global_position`,
      [LANGSA],
    );
    expect(paged.map((e) => e.globalPosition)).toEqual(order.map((r) => Number(r.global_position)));

    const ndjson = await get('/api/audit/events')
      .set('Accept', 'application/x-ndjson')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = (ndjson.body as string).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual(paged);

    const limited = await get(`/api/audit/events?after=${paged[1].globalPosition}&limit=2`)
      .set('Accept', 'application/x-ndjson')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    expect(
      (limited.body as string)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).globalPosition),
    ).toEqual([paged[2].globalPosition, paged[3].globalPosition]);
  });

  test('the events cursor must be an event of your agency; limits are bounded', async () => {
    const [medan]: { global_position: string }[] = await db.query(
      `SELECT global_position FROM events WHERE metadata->>'agency' = $1 LIMIT 1`,
      [MEDAN],
    );
    expectError(await get(`/api/audit/events?after=${medan.global_position}`), 404, 'NOT_FOUND');
    expectError(await get('/api/audit/events?after=999999'), 404, 'NOT_FOUND');
    expectError(await get('/api/audit/events?after=-1'), 400, 'VALIDATION_FAILED');
    expectError(await get('/api/audit/events?limit=0'), 400, 'VALIDATION_FAILED');
    expectError(await get('/api/audit/events?limit=1001'), 400, 'VALIDATION_FAILED');
    expectError(await get('/api/audit/events?limit=abc'), 400, 'VALIDATION_FAILED');
    expectError(await get('/api/audit/events?cursor=1'), 400, 'VALIDATION_FAILED');
  });

  test('the latest checkpoint: the whole log, signed with the configured key as docs/api.md says', async () => {
    const res = await get('/api/audit/checkpoints/latest');
    expect(res.status).toBe(200);
    const [{ n }]: { n: string }[] = await db.query(`SELECT count(*) AS n FROM events`);
    expect(res.body).toEqual({
      treeSize: Number(n),
      rootHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      signedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      signature: expect.any(String),
      publicKey: CheckpointSigner.fromText(SIGNING_KEY).publicKey,
    });
    expect(signatureHolds(res.body)).toBe(true);
    expect(signatureHolds({ ...res.body, treeSize: res.body.treeSize - 1 })).toBe(false);
  });

  test('an inclusion proof for an event of your agency; 404 for others or not yet sequenced; 400 for a tree size out of range', async () => {
    const stream = await get(`/api/audit/streams/promotion-${caseId}`);
    const event = stream.body.events[1] as AuditEvent;
    const latest = (await get('/api/audit/checkpoints/latest')).body;
    const res = await get(`/api/audit/proofs/inclusion?position=${event.globalPosition}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      treeSize: latest.treeSize,
      leafIndex: expect.any(Number),
      eventHash: event.hash,
      globalPosition: event.globalPosition,
      rootHash: latest.rootHash,
    });
    expect(res.body.leafHash).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.auditPath.every((h: string) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    const small = await get(`/api/audit/proofs/inclusion?position=${event.globalPosition}&treeSize=${res.body.leafIndex + 1}`);
    expect(small.status).toBe(200);
    expect(small.body.treeSize).toBe(res.body.leafIndex + 1);

    expectError(
      await get(`/api/audit/proofs/inclusion?position=${event.globalPosition}&treeSize=${res.body.leafIndex}`),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await get(`/api/audit/proofs/inclusion?position=${event.globalPosition}&treeSize=${latest.treeSize + 1}`),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await get(`/api/audit/proofs/inclusion?position=${event.globalPosition}&treeSize=0`), 400, 'VALIDATION_FAILED');
    expectError(await get('/api/audit/proofs/inclusion'), 400, 'VALIDATION_FAILED');
    expectError(await get('/api/audit/proofs/inclusion?position=1.5'), 400, 'VALIDATION_FAILED');
    const [medan]: { global_position: string }[] = await db.query(
      `SELECT global_position FROM events WHERE metadata->>'agency' = $1 LIMIT 1`,
      [MEDAN],
    );
    expectError(await get(`/api/audit/proofs/inclusion?position=${medan.global_position}`), 404, 'NOT_FOUND');
    expect((await get(`/api/audit/proofs/inclusion?position=${medan.global_position}`, 'medanAuditor')).status).toBe(200);
    expectError(await get('/api/audit/proofs/inclusion?position=999999'), 404, 'NOT_FOUND');
  });

  test('a consistency proof between tree sizes; 400 outside 1..size or from > to', async () => {
    const latest = (await get('/api/audit/checkpoints/latest')).body;
    const res = await get(`/api/audit/proofs/consistency?from=3&to=${latest.treeSize}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ from: 3, to: latest.treeSize, proof: expect.any(Array) });
    expect(res.body.proof.length).toBeGreaterThan(0);
    expect((await get(`/api/audit/proofs/consistency?from=3`)).body.to).toBe(latest.treeSize);
    expect((await get(`/api/audit/proofs/consistency?from=5&to=5`)).body.proof).toEqual([]);
    expectError(await get(`/api/audit/proofs/consistency?from=0&to=3`), 400, 'VALIDATION_FAILED');
    expectError(await get(`/api/audit/proofs/consistency?from=4&to=3`), 400, 'VALIDATION_FAILED');
    expectError(await get(`/api/audit/proofs/consistency?from=1&to=${latest.treeSize + 1}`), 400, 'VALIDATION_FAILED');
    expectError(await get(`/api/audit/proofs/consistency?to=3`), 400, 'VALIDATION_FAILED');
  });

  test('POST /api/trainings takes an optional deliveryMode, written as schema v2; the v1 body still works', async () => {
    const base = { nip: CANDIDATE, title: 'Diklat Daring', hours: 8, kind: 'TECHNICAL', provider: 'LAN RI', completedOn: '2026-02-01' };
    const online = await t.http
      .post('/api/trainings')
      .set(bearer(tokens.hr))
      .send({ ...base, certificateNo: 'LAN-1', deliveryMode: 'ONLINE' });
    expect(online.status).toBe(201);
    const plain = await t.http
      .post('/api/trainings')
      .set(bearer(tokens.hr))
      .send({ ...base, certificateNo: 'LAN-2' });
    expect(plain.status).toBe(201);
    expectError(
      await t.http
        .post('/api/trainings')
        .set(bearer(tokens.hr))
        .send({ ...base, certificateNo: 'LAN-3', deliveryMode: 'TELEPATHY' }),
      400,
      'VALIDATION_FAILED',
    );
    const stored = await Promise.all(
      [online.body.trainingId, plain.body.trainingId].map(
        async (id: string) => (await get(`/api/audit/streams/training-${id}`)).body.events[0] as AuditEvent,
      ),
    );
    expect(stored.map((e) => [e.schemaVersion, e.data.deliveryMode])).toEqual([
      [2, 'ONLINE'],
      [2, 'UNKNOWN'],
    ]);
  });

  test('GET /api/audit/verify: the intact log, then the log a superuser edited', async () => {
    await ledger();
    const clean = await get('/api/audit/verify');
    expect(clean.status).toBe(200);
    const [{ n }]: { n: string }[] = await db.query(`SELECT count(*) AS n FROM events`);
    expect(clean.body).toMatchObject({
      ok: true,
      checkedEvents: Number(n),
      trust: 'configured',
      trustedPublicKey: CheckpointSigner.fromText(SIGNING_KEY).publicKey,
    });
    expect(clean.body.kind).toBeUndefined();
    expect(clean.body.firstInvalidPosition).toBeUndefined();

    const victim = (await get(`/api/audit/streams/promotion-${caseId}`)).body.events[0] as AuditEvent;
    const dba = await RogueDba.connect(t.database.url);
    try {
      await dba.sql(
        `UPDATE events SET data = jsonb_set(data, '{eligible}', 'true') || '{"justification": "Sangat layak"}' WHERE global_position = $1`,
        [victim.globalPosition],
      );
    } finally {
      await dba.close();
    }
    const [tampered, twin] = await Promise.all([get('/api/audit/verify'), get('/api/audit/verify')]);
    expect(tampered.status).toBe(200);
    expect(tampered.body).toMatchObject({
      ok: false,
      kind: 'ALTERED',
      firstInvalidPosition: victim.globalPosition,
      reason: expect.stringContaining(String(victim.globalPosition)),
    });
    expect(twin.body).toEqual(tampered.body);
    // The reason names positions, never another agency's stream or content.
    expect(tampered.body.reason).not.toContain(CANDIDATE);
  });
});
