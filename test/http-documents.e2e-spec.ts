import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { pdfOfSize, SMALL_JPEG, SMALL_PDF, SMALL_PNG, TEXT_AS_PDF } from '../libs/testing/src/document-fixtures.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { bearer, EventCounter, expectError, expectFieldInDetails, MEDAN, nip, propose, seedEligible, settle } from './http-support.js';

const SERIES = 17;
const MiB = 1024 * 1024;
const HR = nip(SERIES, 1);
const EVALUATOR = nip(SERIES, 2);
const VERIFIER = nip(SERIES, 3);
const AUDITOR = nip(SERIES, 4);
const OTHER_EMPLOYEE = nip(SERIES, 5);
const MEDAN_HR = nip(SERIES, 6);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('HTTP documents: the upload route takes raw PDF, JPEG and PNG bodies, and files come back byte for byte', () => {
  let t: TestApp;
  let events: EventCounter;
  const tokens: Record<string, string> = {};
  let seq = 100;

  const documentRows = async (hash?: string) => {
    const [row] = hash
      ? await events.query<{ n: string }>(`SELECT count(*) AS n FROM documents WHERE sha256 = $1`, [hash])
      : await events.query<{ n: string }>(`SELECT count(*) AS n FROM documents`);
    return Number(row.n);
  };
  const upload = (
    caseId: string,
    bytes: Uint8Array,
    contentType: string | null,
    options: { token?: string | null; query?: Record<string, string> } = {},
  ) => {
    let req = t.http
      .post(`/api/promotions/${caseId}/documents`)
      .query(options.query ?? { type: 'LAST_GRADE_DECREE', name: 'SK Pangkat III-b.pdf' });
    const token = options.token === undefined ? tokens.hr : options.token;
    if (token) req = req.set(bearer(token));
    if (contentType) req = req.set('Content-Type', contentType);
    return bytes.length > 0 || contentType ? req.send(Buffer.from(bytes)) : req;
  };
  /** Whatever the request, nothing reached the event store or the document table. */
  const expectNothingWritten = async (before: { events: number; documents: number }) => {
    expect({ events: await events.count(), documents: await documentRows() }).toEqual(before);
  };
  const snapshot = async () => ({ events: await events.count(), documents: await documentRows() });

  beforeAll(async () => {
    t = await startTestApp();
    events = await new EventCounter(t.database.url).open();
    tokens.hr = await t.token(HR, ['hr']);
    tokens.evaluator = await t.token(EVALUATOR, ['evaluator']);
    tokens.verifier = await t.token(VERIFIER, ['verifier']);
    tokens.auditor = await t.token(AUDITOR, ['auditor']);
    tokens.otherEmployee = await t.token(OTHER_EMPLOYEE, ['employee']);
    tokens.medanHr = await t.token(MEDAN_HR, ['hr'], MEDAN);
  });
  beforeEach(() => t.clock.set('2026-03-02T03:00:00.000Z'));
  afterAll(async () => {
    await events.close();
    await t.close();
  });

  describe('refused by the HTTP layer, before the domain: nothing is written', () => {
    // Any case id: these refusals come before the case is looked up.
    const caseId = randomUUID();

    test('a text file declared as a PDF, a truncated PDF, and a PNG declared as a JPEG are 415 (checked on the bytes)', async () => {
      const before = await snapshot();
      const textAsPdf = await upload(caseId, TEXT_AS_PDF, 'application/pdf');
      expectError(textAsPdf, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(textAsPdf.body.message).toMatch(/not a PDF/);
      expectError(await upload(caseId, SMALL_PDF.subarray(0, SMALL_PDF.length - 8), 'application/pdf'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      const pngAsJpeg = await upload(caseId, SMALL_PNG, 'image/jpeg');
      expectError(pngAsJpeg, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(pngAsJpeg.body.message).toMatch(/is a PNG, not a JPEG/);
      await expectNothingWritten(before);
    });

    test('any other Content-Type on the upload route is 415, JSON included, and a body without one', async () => {
      const before = await snapshot();
      for (const type of ['application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/octet-stream', 'image/gif']) {
        const res = await upload(caseId, SMALL_PDF, type);
        expect([type, res.status, res.body.code]).toEqual([type, 415, 'UNSUPPORTED_MEDIA_TYPE']);
      }
      const json = await t.http
        .post(`/api/promotions/${caseId}/documents?type=LAST_GRADE_DECREE&name=sk.pdf`)
        .set(bearer(tokens.hr))
        .send({ file: 'JVBERi0=' });
      expectError(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const untyped = await t.http
        .post(`/api/promotions/${caseId}/documents?type=LAST_GRADE_DECREE&name=sk.pdf`)
        .set(bearer(tokens.hr))
        .send(Buffer.from(SMALL_PDF))
        .unset('Content-Type');
      expect(untyped.request.getHeader('content-type')).toBeUndefined();
      expectError(untyped, 415, 'UNSUPPORTED_MEDIA_TYPE');
      await expectNothingWritten(before);
    });

    test('a file over 5 MiB is 413 PAYLOAD_TOO_LARGE: 5 MiB + 1 byte', async () => {
      const before = await snapshot();
      expectError(await upload(caseId, pdfOfSize(5 * MiB + 1), 'application/pdf'), 413, 'PAYLOAD_TOO_LARGE');
      await expectNothingWritten(before);
    });

    test('a file of exactly 5 MiB gets past the HTTP layer: whatever the case lookup answers, it is no 413, 415 or 400', async () => {
      const res = await upload(randomUUID(), pdfOfSize(5 * MiB), 'application/pdf');
      expect([400, 413, 415]).not.toContain(res.status);
    });

    test('an empty body is 400 VALIDATION_FAILED, with or without a document Content-Type', async () => {
      const before = await snapshot();
      const empty = await upload(caseId, new Uint8Array(), 'application/pdf');
      expectError(empty, 400, 'VALIDATION_FAILED');
      expectFieldInDetails(empty.body, 'body');
      expectError(await upload(caseId, new Uint8Array(), null), 400, 'VALIDATION_FAILED');
      await expectNothingWritten(before);
    });

    test('without a token 401, with a role other than hr 403; an unreadable body still wins over both', async () => {
      const before = await snapshot();
      expectError(await upload(caseId, SMALL_PDF, 'application/pdf', { token: null }), 401, 'UNAUTHENTICATED');
      for (const token of [tokens.verifier, tokens.auditor, tokens.evaluator, tokens.otherEmployee]) {
        expectError(await upload(caseId, SMALL_PDF, 'application/pdf', { token }), 403, 'FORBIDDEN');
      }
      expectError(await upload(caseId, TEXT_AS_PDF, 'application/pdf', { token: null }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await upload(caseId, pdfOfSize(5 * MiB + 1), 'application/pdf', { token: null }), 413, 'PAYLOAD_TOO_LARGE');
      await expectNothingWritten(before);
    });

    test('a type outside the berkas list, a name that is a path or has control characters, or no name: 400 naming the field', async () => {
      const before = await snapshot();
      const cases: [Record<string, string>, string][] = [
        [{ type: 'PASSPORT', name: 'sk.pdf' }, 'type'],
        [{ name: 'sk.pdf' }, 'type'],
        [{ type: 'LAST_GRADE_DECREE', name: '../../etc/passwd' }, 'name'],
        [{ type: 'LAST_GRADE_DECREE', name: 'sk\r\nX-Evil: 1.pdf' }, 'name'],
        [{ type: 'LAST_GRADE_DECREE', name: 'x'.repeat(201) }, 'name'],
        [{ type: 'LAST_GRADE_DECREE' }, 'name'],
      ];
      for (const [query, field] of cases) {
        const res = await upload(caseId, SMALL_PDF, 'application/pdf', { query });
        expectError(res, 400, 'VALIDATION_FAILED');
        expectFieldInDetails(res.body, field);
      }
      await expectNothingWritten(before);
    });

    test('every other route keeps JSON only, with its 64 KiB limit: a PDF there is 415, one over 64 KiB 413, JSON over 64 KiB 413', async () => {
      const before = await snapshot();
      const employees = () => t.http.post('/api/employees').set(bearer(tokens.hr));
      expectError(await employees().set('Content-Type', 'application/pdf').send(Buffer.from(SMALL_PDF)), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await employees().set('Content-Type', 'image/png').send(Buffer.from(SMALL_PNG)), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(
        await employees()
          .set('Content-Type', 'application/pdf')
          .send(Buffer.from(pdfOfSize(64 * 1024 + 1))),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      const bigJson = JSON.stringify({ nip: HR, name: 'x'.repeat(64 * 1024) });
      expectError(await employees().set('Content-Type', 'application/json').send(bigJson), 413, 'PAYLOAD_TOO_LARGE');
      await expectNothingWritten(before);
    });

    test('downloads: 401 without a token, 400 for a malformed id, 404 for an unknown case', async () => {
      const path = `/api/promotions/${caseId}/documents/${randomUUID()}`;
      expectError(await t.http.get(path), 401, 'UNAUTHENTICATED');
      expectError(await t.http.get(`/api/promotions/${caseId}/documents/bad%20id`).set(bearer(tokens.hr)), 400, 'VALIDATION_FAILED');
      expectError(await t.http.get(path).set(bearer(tokens.hr)), 404, 'NOT_FOUND');
    });
  });

  test('OpenAPI documents the upload as a binary body of the three types and the download as their bytes', async () => {
    const doc = (await t.http.get('/docs-json')).body as {
      paths: Record<string, Record<string, { requestBody?: { content: object }; responses: Record<string, { content?: object }> }>>;
    };
    const binary = { schema: { type: 'string', format: 'binary' } };
    const three = { 'application/pdf': binary, 'image/jpeg': binary, 'image/png': binary };
    const uploadOp = doc.paths['/api/promotions/{caseId}/documents'].post;
    expect(uploadOp.requestBody?.content).toEqual(three);
    expect(Object.keys(uploadOp.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '413', '415']));
    expect(doc.paths['/api/promotions/{caseId}/documents/{documentId}'].get.responses['200'].content).toEqual(three);
  });

  describe('uploads and downloads on a real case', () => {
    /** A case at verification, proposed by HR through the API, for a fresh eligible candidate. */
    const caseAtVerification = async (): Promise<{ caseId: string; candidate: string }> => {
      const candidate = nip(SERIES, seq++);
      await seedEligible(t.http, { hr: tokens.hr, evaluator: tokens.evaluator }, candidate);
      return { candidate, caseId: await propose(t.http, tokens.hr, candidate) };
    };

    test('upload → 201 with the file’s hash and size; the case lists it; the download is the identical bytes, inline and nosniff', async () => {
      const { caseId, candidate } = await caseAtVerification();
      const res = await upload(caseId, SMALL_PDF, 'application/pdf', {
        query: { type: 'LAST_GRADE_DECREE', name: 'SK Pangkat — III-b.pdf' },
      });
      expect([res.status, res.body]).toEqual([
        201,
        expect.objectContaining({
          documentId: expect.any(String),
          type: 'LAST_GRADE_DECREE',
          sha256: sha256(SMALL_PDF),
          size: SMALL_PDF.length,
          position: expect.any(Number),
          version: expect.any(Number),
        }),
      ]);
      expect(await events.types(`promotion-${caseId}`)).toContain('PromotionDocumentUploaded');
      await settle(t, events);
      const view = await t.http.get(`/api/promotions/${caseId}`).set(bearer(tokens.hr));
      expect(view.body.documents).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'LAST_GRADE_DECREE', documentId: res.body.documentId, sha256: sha256(SMALL_PDF) }),
        ]),
      );
      const candidateToken = await t.token(candidate, ['employee']);
      for (const token of [tokens.hr, tokens.auditor, candidateToken]) {
        const file = await t.http
          .get(`/api/promotions/${caseId}/documents/${res.body.documentId}`)
          .set(bearer(token))
          .buffer(true)
          .parse((response, callback) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => callback(null, Buffer.concat(chunks)));
          });
        expect(file.status).toBe(200);
        expect(file.headers['content-type']).toBe('application/pdf');
        expect(file.headers['x-content-type-options']).toBe('nosniff');
        expect(file.headers['content-disposition']).toBe(`inline; filename*=UTF-8''SK%20Pangkat%20%E2%80%94%20III-b.pdf`);
        expect(Buffer.compare(file.body as Buffer, Buffer.from(SMALL_PDF))).toBe(0);
      }
      // Who may not read the case may not read its files either.
      expectError(
        await t.http.get(`/api/promotions/${caseId}/documents/${res.body.documentId}`).set(bearer(tokens.otherEmployee)),
        403,
        'FORBIDDEN',
      );
      expectError(
        await t.http.get(`/api/promotions/${caseId}/documents/${res.body.documentId}`).set(bearer(tokens.medanHr)),
        404,
        'NOT_FOUND',
      );
      expectError(await t.http.get(`/api/promotions/${caseId}/documents/${randomUUID()}`).set(bearer(tokens.hr)), 404, 'NOT_FOUND');
    });

    test('the same bytes uploaded again on the case and on another case are one stored row, and each upload is its own document', async () => {
      const first = await caseAtVerification();
      const second = await caseAtVerification();
      const bytes = pdfOfSize(3000, 0x44);
      const before = await documentRows();
      const uploads = [
        await upload(first.caseId, bytes, 'application/pdf'),
        await upload(first.caseId, bytes, 'application/pdf', { query: { type: 'LAST_GRADE_DECREE', name: 'again.pdf' } }),
        await upload(second.caseId, bytes, 'application/pdf'),
      ];
      expect(uploads.map((r) => [r.status, r.body.sha256])).toEqual(uploads.map(() => [201, sha256(bytes)]));
      expect(new Set(uploads.map((r) => r.body.documentId)).size).toBe(3);
      expect(await documentRows(sha256(bytes))).toBe(1);
      expect(await documentRows()).toBe(before + 1);
    });

    test('a file of exactly 5 MiB is accepted, and a JPEG and a PNG too', async () => {
      const { caseId } = await caseAtVerification();
      const limit = await upload(caseId, pdfOfSize(5 * MiB, 0x45), 'application/pdf');
      expect([limit.status, limit.body.size]).toEqual([201, 5 * MiB]);
      const jpeg = await upload(caseId, SMALL_JPEG, 'image/jpeg', { query: { type: 'LAST_GRADE_DECREE', name: 'sk.jpg' } });
      expect([jpeg.status, jpeg.body.sha256]).toEqual([201, sha256(SMALL_JPEG)]);
      const png = await upload(caseId, SMALL_PNG, 'image/png; charset=binary', { query: { type: 'LAST_GRADE_DECREE', name: 'sk.png' } });
      expect([png.status, png.body.sha256]).toEqual([201, sha256(SMALL_PNG)]);
    });
  });
});
