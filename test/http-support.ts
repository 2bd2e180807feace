import { expect } from '@jest/globals';
import pg from 'pg';
import type { TestApp } from '../libs/testing/src/app-harness.js';
import { SMALL_PDF } from '../libs/testing/src/document-fixtures.js';

/** Shared by the test/http-*.e2e-spec.ts files: realistic actors, seeding and write counting. */

export const LANGSA = 'pemkot-langsa';
export const MEDAN = 'pemkot-medan';

/**
 * A realistic 18-digit NIP: birth date YYYYMMDD + appointment YYYYMM + sex + 3-digit sequence.
 * `series` picks the birth date (one per test file), `seq` makes it unique within the file.
 */
export function nip(series: number, seq: number, sex: 1 | 2 = seq % 2 === 0 ? 2 : 1): string {
  const birthYear = 1960 + (series % 30);
  const birthMonth = String(1 + (series % 12)).padStart(2, '0');
  const birthDay = String(1 + (seq % 28)).padStart(2, '0');
  const appointment = `${birthYear + 25}${String(1 + (seq % 12)).padStart(2, '0')}`;
  return `${birthYear}${birthMonth}${birthDay}${appointment}${sex}${String(seq % 1000).padStart(3, '0')}`;
}

export type Http = TestApp['http'];

export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

/** Counts rows of the event store (or of a stream) directly in PostgreSQL, bypassing the app. */
export class EventCounter {
  private readonly client: pg.Client;
  constructor(url: string) {
    this.client = new pg.Client({ connectionString: url });
  }
  async open(): Promise<this> {
    await this.client.connect();
    return this;
  }
  async count(streamId?: string): Promise<number> {
    const { rows } = streamId
      ? await this.client.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE stream_id = $1', [streamId])
      : await this.client.query<{ n: string }>('SELECT count(*) AS n FROM events');
    return Number(rows[0].n);
  }
  async types(streamId: string): Promise<string[]> {
    const { rows } = await this.client.query<{ type: string }>('SELECT type FROM events WHERE stream_id = $1 ORDER BY version', [streamId]);
    return rows.map((r) => r.type);
  }
  async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query<T>(sql, params)).rows;
  }
  close(): Promise<void> {
    return this.client.end();
  }
}

/** The contract's error body: `{ statusCode, code, message, details? }` with a matching status. */
export function expectError(res: { status: number; body: Record<string, unknown> }, status: number, code: string): void {
  const summary = `${res.status} ${JSON.stringify(res.body).slice(0, 400)}`;
  expect({ status: res.status, code: res.body?.code, summary }).toEqual({ status, code, summary });
  expect(res.body.statusCode).toBe(status);
  expect(typeof res.body.message).toBe('string');
  expect((res.body.message as string).length).toBeGreaterThan(0);
}

/** `details` of a VALIDATION_FAILED body names `field` (as `field` or as a path `field.x` / `field[0]` under it). */
export function expectFieldInDetails(body: Record<string, unknown>, field: string): void {
  const details = body.details as { field: string }[] | undefined;
  expect(Array.isArray(details)).toBe(true);
  const fields = (details ?? []).map((d) => d.field);
  expect(fields.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`))).toBe(true);
}

export interface EmployeeSeed {
  name?: string;
  unitId?: string;
  grade?: string;
  gradeSince?: string;
  positionTitle?: string;
  positionType?: string;
  education?: string;
  eselon?: string;
  jenjang?: string;
  positionSince?: string;
  superiorNip?: string;
}

/** A post level that fits the type, so every seeded employee is a valid registration. */
const DEFAULT_POST_LEVEL: Record<string, { eselon?: string; jenjang?: string }> = {
  JPT: { eselon: 'II.b' },
  ADMINISTRATOR: { eselon: 'III.a' },
  PENGAWAS: { eselon: 'IV.a' },
  FUNGSIONAL: { jenjang: 'AHLI_PERTAMA' },
};

export function employeeBody(nipValue: string, seed: EmployeeSeed = {}): Record<string, unknown> {
  return {
    nip: nipValue,
    name: seed.name ?? `Pegawai ${nipValue.slice(-4)}`,
    unitId: seed.unitId ?? 'dinas-kesehatan',
    grade: seed.grade ?? 'III/b',
    gradeSince: seed.gradeSince ?? '2021-01-01',
    education: seed.education ?? 'S1',
    positionTitle: seed.positionTitle ?? 'Analis Kepegawaian',
    ...postFields(seed.positionType ?? 'FUNGSIONAL', seed),
    ...(seed.positionSince ? { positionSince: seed.positionSince } : {}),
    ...(seed.superiorNip ? { superiorNip: seed.superiorNip } : {}),
  };
}

/** positionType with the eselon or jenjang it requires (the seed's own, else a default that fits). */
function postFields(positionType: string, seed: { eselon?: string; jenjang?: string } = {}): Record<string, string> {
  const level = DEFAULT_POST_LEVEL[positionType] ?? {};
  const eselon = seed.eselon ?? level.eselon;
  const jenjang = seed.jenjang ?? level.jenjang;
  return { positionType, ...(eselon ? { eselon } : {}), ...(jenjang ? { jenjang } : {}) };
}

export async function registerEmployee(http: Http, hrToken: string, nipValue: string, seed: EmployeeSeed = {}): Promise<void> {
  const res = await http.post('/api/employees').set(bearer(hrToken)).send(employeeBody(nipValue, seed));
  expect([res.status, res.body]).toEqual([201, expect.objectContaining({ nip: nipValue })]);
}

/**
 * Registers an employee who passes every REGULAR rule for III/b → III/c on 2026-04-01: a PELAKSANA
 * with S1 (ceiling III/d), 5 years in grade, BAIK in 2024 and 2025, 24 JP in 2025.
 */
export async function seedEligible(
  http: Http,
  tokens: { hr: string; evaluator: string },
  nipValue: string,
  seed: EmployeeSeed = {},
): Promise<void> {
  await registerEmployee(http, tokens.hr, nipValue, { positionType: 'PELAKSANA', positionTitle: 'Pengadministrasi Umum', ...seed });
  for (const period of [2024, 2025]) {
    const res = await http
      .post('/api/appraisals')
      .set(bearer(tokens.evaluator))
      .send({ nip: nipValue, period, results: 'ABOVE', behaviour: 'AS_EXPECTED' });
    expect([res.status, res.body.predicate]).toEqual([201, 'BAIK']);
  }
  const training = await http
    .post('/api/trainings')
    .set(bearer(tokens.hr))
    .send({
      nip: nipValue,
      title: 'Pelatihan Kepemimpinan Pengawas',
      hours: 24,
      kind: 'MANAGERIAL',
      provider: 'BPSDM Provinsi Aceh',
      completedOn: '2025-06-16',
      certificateNo: `BPSDM-2026-${nipValue.slice(-6)}`,
    });
  expect(training.status).toBe(201);
}

export function proposalBody(nipValue: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    nip: nipValue,
    kind: 'REGULAR',
    toGrade: 'III/c',
    effectiveDate: '2026-04-01',
    justification: 'Five years in III/b, BAIK appraisals in 2024 and 2025',
    ...extra,
  };
}

export async function propose(http: Http, hrToken: string, nipValue: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await http.post('/api/promotions').set(bearer(hrToken)).send(proposalBody(nipValue, extra));
  expect([res.status, res.body]).toEqual([201, expect.objectContaining({ caseId: expect.any(String) })]);
  return res.body.caseId as string;
}

/**
 * `t.settle()`, then the same condition read independently of the app: no committed event lies
 * beyond the relay's checkpoint (in-process, the checkpoint moves only after the projector applied).
 * Kept as a cross-check: `relay.lag()` once counted only events below the oldest running
 * transaction and could read 0 while fresh commits were still unprojected.
 */
export async function settle(t: TestApp, events: EventCounter): Promise<void> {
  await t.settle();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const [row] = await events.query<{ n: string }>(
      `SELECT count(*) AS n FROM events e
       WHERE NOT EXISTS (SELECT 1 FROM relay_checkpoints c WHERE (e.transaction_id, e.global_position) <= (c.transaction_id, c.global_position))`,
    );
    if (Number(row.n) === 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the relay did not publish every committed event within 15 s');
}

/** Who decides each stage of the national pipeline; `proposer` uploads the berkas and resubmits. */
export interface PipelineActors {
  proposer: string;
  verifier: string;
  committee?: string;
  ppk: string;
  bkn: string;
}

type StageName = 'verification' | 'committee' | 'approval' | 'bkn' | 'decree';

export interface UploadedDocument {
  documentId: string;
  type: string;
  sha256: string;
  size: number;
}

/** Uploads one file of the berkas as the raw body (a PDF unless told otherwise). */
export async function uploadDocument(
  http: Http,
  token: string,
  caseId: string,
  type = 'LAST_GRADE_DECREE',
  options: { bytes?: Uint8Array; contentType?: string; name?: string } = {},
): Promise<UploadedDocument> {
  const res = await http
    .post(`/api/promotions/${caseId}/documents`)
    .query({ type, name: options.name ?? `${type.toLowerCase()}.pdf` })
    .set(bearer(token))
    .set('Content-Type', options.contentType ?? 'application/pdf')
    .send(Buffer.from(options.bytes ?? SMALL_PDF));
  expect([res.status, res.body]).toEqual([201, expect.objectContaining({ documentId: expect.any(String), type })]);
  return res.body as UploadedDocument;
}

export async function decide(http: Http, token: string, caseId: string, body: Record<string, unknown>) {
  return http.post(`/api/promotions/${caseId}/decisions`).set(bearer(token)).send(body);
}

export interface WalkOptions {
  /** Stop when the case reaches this stage, without deciding it (default: walk to the decree). */
  until?: StageName;
  /** The uploadable types of the berkas (default: a REGULAR case's, the last grade decree). */
  documents?: string[];
  /** pertekDate and decreeDate (default: 2026-03-02, the harness clock's day). */
  on?: string;
  decreeNumber?: string;
}

/**
 * Walks a case at `verification` through the national pipeline as each stage's holder decides it:
 * the proposer uploads the berkas, the verifier approves with an OK for every file, the committee
 * (when the case has that stage) and the PPK approve, BKN gives its pertek, the PPK issues the decree.
 * Returns the last decision's answer (`stage: null, status: 'APPROVED'` after the decree).
 */
export async function walkCase(http: Http, actors: PipelineActors, caseId: string, options: WalkOptions = {}) {
  const on = options.on ?? '2026-03-02';
  const uploaded: UploadedDocument[] = [];
  let stage: StageName | null = 'verification';
  let last: { status: number; body: Record<string, unknown> } | null = null;
  while (stage !== null && stage !== options.until) {
    let token: string;
    let body: Record<string, unknown> = { decision: 'APPROVE' };
    switch (stage) {
      case 'verification':
        for (const type of options.documents ?? ['LAST_GRADE_DECREE'])
          uploaded.push(await uploadDocument(http, actors.proposer, caseId, type));
        token = actors.verifier;
        body = { ...body, documents: uploaded.map((d) => ({ documentId: d.documentId, verdict: 'OK' })) };
        break;
      case 'committee':
        if (!actors.committee) throw new Error(`case ${caseId} has a committee stage and no committee member was given`);
        token = actors.committee;
        break;
      case 'approval':
        token = actors.ppk;
        break;
      case 'bkn':
        token = actors.bkn;
        body = { ...body, pertekNumber: `PERTEK-${caseId.slice(0, 8)}`, pertekDate: on };
        break;
      case 'decree':
        token = actors.ppk;
        body = { ...body, decreeNumber: options.decreeNumber ?? `823.3/${caseId.slice(0, 8)}/BKPSDM/2026`, decreeDate: on };
        break;
    }
    const res = await decide(http, token, caseId, body);
    expect({ stage, status: res.status, body: res.body }).toEqual({ stage, status: 200, body: expect.objectContaining({ caseId }) });
    last = res;
    stage = res.body.stage as StageName | null;
  }
  return last;
}
