import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoUser, type DemoUser } from '#demo';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { ManualClock } from '../libs/config/src/clock.js';
import type { Role } from '../libs/domain/src/events.js';

/**
 * The web console in Debian's Chromium against the real app listening on 127.0.0.1, in the
 * embedded default (no JWT_SECRET) so dev sign-in is on. Data is created through the API.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
const AGENCY = 'pemkot-langsa';

const hasChromium = existsSync(CHROMIUM);

const HR = demoUser(AGENCY, 'hr');
const EVALUATOR = demoUser(AGENCY, 'evaluator');
const VERIFIER = demoUser(AGENCY, 'verifier');
const ADMIN = demoUser(AGENCY, 'admin');
const CANDIDATE = demoUser(AGENCY, 'employee'); // "where is my file" is read as this demo user
/** Colleagues in other units, so the per-unit dashboards have something to compare. */
const COLLEAGUES = [
  { nip: '198703152012011007', name: 'Muhammad Rizal', unitId: 'dinas-kesehatan', jp: 32, predicate: ['ABOVE', 'ABOVE'] },
  { nip: '199002202014012008', name: 'Intan Safitri', unitId: 'dinas-kesehatan', jp: 6, predicate: ['AS_EXPECTED', 'AS_EXPECTED'] },
  { nip: '198811112013011009', name: 'Fajar Ramadhan', unitId: 'bkpsdm', jp: 0, predicate: ['BELOW', 'AS_EXPECTED'] },
] as const;

/** The calendar day in Asia/Jakarta (WIB), `YYYY-MM-DD`. */
const wib = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });

/** The browser globals the page functions below touch (this project's tsconfig has no DOM lib). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}
interface Browser$ {
  sessionStorage: { clear(): void };
  document: {
    querySelector(selector: string): Canvas | null;
    scripts: ArrayLike<{ src: string }>;
    documentElement: { scrollHeight: number };
  };
  Chart?: { getChart(canvas: Canvas): unknown };
}

describe('the web console in a browser', () => {
  // Never skipped: without the browser this block is one failing test saying what to install.
  if (!hasChromium) {
    test('needs Chromium at /usr/bin/chromium', () => {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/run does)`);
    });
    return;
  }

  let t: TestApp;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let caseId: string;
  const problems: string[] = [];

  const api = async (who: DemoUser | { nip: string; roles: readonly Role[] }, method: 'post' | 'get', path: string, body?: object) => {
    const token = await t.token(who.nip, [...who.roles], AGENCY);
    const req = t.http[method](path).set('Authorization', `Bearer ${token}`);
    const res = body ? await req.send(body) : await req;
    if (res.status >= 300) throw new Error(`${method.toUpperCase()} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  async function signInAs(user: DemoUser): Promise<void> {
    await page.goto(`${t.url}/#/signin`);
    await page.evaluate(() => (globalThis as unknown as Browser$).sessionStorage.clear());
    await page.reload();
    const option = page.locator(`.user-option[data-nip="${user.nip}"]`);
    await option.waitFor({ state: 'attached' });
    if (!(await option.isVisible())) await page.locator('.agency-group summary', { hasText: 'Langsa' }).click();
    await option.click();
    await page.locator(`[data-testid="user-name"]`, { hasText: user.name }).waitFor();
  }

  const PPK = demoUser(AGENCY, 'ppk');
  const BKN = { nip: '197001011995031001', roles: ['bkn'] as Role[] };
  /** Registered through the console by HR in the first test. */
  const NEWCOMER = { nip: '199103032015031002', name: 'Dewi Kartika Sari' };
  const PDF = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  let tmt: string;
  let appraisalYears: number[];

  async function signInWithToken(who: { nip: string; roles: Role[] }): Promise<void> {
    await page.goto(`${t.url}/#/signin`);
    await page.evaluate(() => (globalThis as unknown as Browser$).sessionStorage.clear());
    await page.reload();
    await page.locator('textarea[name="token"]').fill(await t.token(who.nip, who.roles, AGENCY));
    await page.locator('textarea[name="token"]').press('Enter');
    const submit = page.locator('form:has(textarea[name="token"]) button[type="submit"]');
    if (await submit.count()) await submit.click().catch(() => undefined);
    await page.locator('[data-testid="user-name"]').waitFor();
  }

  beforeAll(async () => {
    if (!hasChromium) return;
    dataDir = mkdtempSync(join(tmpdir(), 'jenjang-console-'));
    const clock = new ManualClock(new Date(Date.now() - 6 * 3600_000));
    t = await startTestApp({ listen: true, clock, env: { JWT_SECRET: '', DATA_DIR: dataDir, LEDGER_CHECKPOINT_EVERY_SECONDS: '1' } });
    const today = wib(clock.now());
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    tmt = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    appraisalYears = [year - 2, year - 1];
    for (const user of [
      CANDIDATE,
      ...COLLEAGUES.map((c) => ({ ...c, grade: 'III/a', gradeSince: '2020-04-01', positionTitle: 'Pelaksana', positionType: 'PELAKSANA' })),
    ]) {
      await api(HR, 'post', '/api/employees', {
        nip: user.nip,
        name: user.name,
        unitId: user.unitId,
        grade: user.grade,
        gradeSince: user.gradeSince,
        education: 'S1',
        positionTitle: user.positionTitle,
        positionType: user.positionType,
        ...(user.positionType === 'FUNGSIONAL' ? { jenjang: 'AHLI_PERTAMA' } : {}),
        ...(['JPT', 'ADMINISTRATOR', 'PENGAWAS'].includes(user.positionType) ? { eselon: 'III.a' } : {}),
      });
    }
    for (const period of appraisalYears) {
      for (const c of COLLEAGUES)
        await api(EVALUATOR, 'post', '/api/appraisals', { nip: c.nip, period, results: c.predicate[0], behaviour: c.predicate[1] });
    }
    clock.set(new Date());
    await t.settle();

    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (m) => {
      // A refused fetch logs "Failed to load resource"; CSP violations and script errors must not happen.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('HR registers an employee, proposes with a live preview of every rule and uploads the berkas', async () => {
    await page.goto(`${t.url}/`);
    await page.locator('[data-testid="dev-sign-in"]').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await signInAs(HR);
    await page.locator('[data-nav="register"]').click();
    const form = page.locator('[data-testid="register-form"]');
    await form.locator('[name="nip"]').fill(NEWCOMER.nip);
    await form.locator('[name="name"]').fill(NEWCOMER.name);
    await form.locator('[name="unitId"]').fill('bkpsdm');
    await form.locator('[name="grade"]').selectOption('III/b');
    await form.locator('[name="gradeSince"]').fill('2019-04-01');
    await form.locator('[name="education"]').selectOption('S1');
    await form.locator('[name="positionTitle"]').fill('Pengelola Data Kepegawaian');
    await form.locator('[name="positionType"]').selectOption('PELAKSANA');
    expect(await form.locator('[data-field="eselon"]').isHidden()).toBe(true);
    await form.locator('[name="superiorNip"]').fill(EVALUATOR.nip);
    await page.locator('[data-action="register"]').click();
    await page.waitForURL(new RegExp(`#/employees/${NEWCOMER.nip}/record$`));

    // The record: a training of last year through the console.
    const training = page.locator('[data-testid="record-training"]');
    await training.locator('[name="title"]').fill('Pelatihan Manajemen ASN');
    await training.locator('[name="hours"]').fill('24');
    await training.locator('[name="kind"]').selectOption('TECHNICAL');
    await training.locator('[name="provider"]').fill('BPSDM Aceh');
    await training.locator('[name="completedOn"]').fill(`${appraisalYears[1]}-06-15`);
    await training.locator('[name="certificateNo"]').fill('BPSDM-2025-0042');
    await page.locator('[data-action="save-training"]').click();
    await page.locator('[data-testid="saved-training"]').waitFor();
    // Education with its study permit, and a post change (a new title, same PELAKSANA type).
    const education = page.locator('[data-testid="record-education"]');
    await education.locator('[name="level"]').selectOption('S2');
    await education.locator('[name="institution"]').fill('Universitas Syiah Kuala');
    await education.locator('[name="graduatedOn"]').fill('2024-08-30');
    await education.locator('[name="studyPermitNumber"]').fill('800/IB/2022/17');
    await education.locator('[name="studyPermitDate"]').fill('2022-07-01');
    await page.locator('[data-action="save-education"]').click();
    await page.locator('[data-testid="saved-education"]').waitFor();
    const post = page.locator('[data-testid="record-post"]');
    await post.locator('[name="unitId"]').fill('bkpsdm');
    await post.locator('[name="positionTitle"]').fill('Analis Data Kepegawaian');
    await post.locator('[name="positionType"]').selectOption('PELAKSANA');
    await post.locator('[name="since"]').fill('2025-01-02');
    await post.locator('[name="superiorNip"]').fill(EVALUATOR.nip);
    await page.locator('[data-action="save-post"]').click();
    await page.locator('[data-testid="saved-post"]').waitFor();

    // The appraisals come from the superior (through the API).
    for (const period of appraisalYears)
      await api(EVALUATOR, 'post', '/api/appraisals', { nip: NEWCOMER.nip, period, results: 'ABOVE', behaviour: 'AS_EXPECTED' });
    await t.settle();

    await page.goto(`${t.url}/#/propose/${NEWCOMER.nip}`);
    const propose = page.locator('[data-testid="propose-form"]');
    // The TMT picker offers the coming KP dates; the first is the 1st of next month.
    expect(await propose.locator('[name="effectiveDate"] option:not([value=""])').first().getAttribute('value')).toBe(tmt);
    await propose.locator('[name="toGrade"]').selectOption('III/d');
    const preview = page.locator('[data-testid="preview"]');
    await preview.locator('tr[data-rule="GRADE_STEP"][data-passed="false"]').waitFor();
    expect(await preview.locator('tr[data-rule="GRADE_STEP"]').innerText()).toContain('bukan satu tingkat di atas III/b');
    await page.locator('[data-testid="preview-verdict"][data-eligible="false"]').waitFor();
    await propose.locator('[name="toGrade"]').selectOption('III/c');
    await page.locator('[data-testid="preview-verdict"][data-eligible="true"]').waitFor();
    expect(await preview.locator('tr[data-rule="TIME_IN_GRADE"]').innerText()).toMatch(/tahun .* bulan dalam pangkat/);
    expect(await preview.locator('tr[data-rule="APPRAISALS"]').innerText()).toContain('Baik');
    expect(await preview.locator('li[data-doc-type="APPRAISALS"]').innerText()).toContain('Diambil dari data Jenjang');
    await page.screenshot({ path: join(ARTIFACTS, 'console-propose.png'), fullPage: true });
    await propose.locator('[name="justification"]').fill('Tujuh tahun di III/b, predikat Baik dua tahun');
    await page.locator('[data-action="propose"]').click();
    await page.waitForURL(/#\/cases\/[0-9a-f-]+$/);
    caseId = page.url().split('/').pop() as string;

    // The berkas: the decree of the last grade is uploaded, the appraisals are Jenjang's own.
    const berkas = page.locator('[data-testid="berkas"]');
    expect(await berkas.locator('li[data-doc-type="APPRAISALS"]').getAttribute('data-doc-status')).toBe('DERIVED');
    await berkas
      .locator('input[data-upload="LAST_GRADE_DECREE"]')
      .setInputFiles({ name: 'sk-III-b.pdf', mimeType: 'application/pdf', buffer: PDF });
    await berkas.locator('li[data-doc-type="LAST_GRADE_DECREE"][data-doc-status="UPLOADED"]').waitFor();
    expect(await berkas.innerText()).toContain('sk-III-b.pdf');
  }, 120_000);

  test('the verifier previews each document inline, is told the berkas is incomplete, marks it deficient and returns the file', async () => {
    await signInAs(VERIFIER);
    await page.waitForURL(/#\/queue$/);
    const row = page.locator(`tr[data-case-id="${caseId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(NEWCOMER.name);
    await row.locator('[data-action="open"]').click();
    const frame = page.locator('iframe[data-preview="LAST_GRADE_DECREE"]');
    await frame.waitFor({ state: 'attached' });
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    // The rules are worded from their codes, in Indonesian.
    expect(await page.locator('tr[data-rule="TRAINING_HOURS"]').innerText()).toContain('24 JP');

    // Approving before any verdict: the API's BERKAS_INCOMPLETE, worded in Indonesian.
    await page.locator('[data-decision="APPROVE"]').click();
    await page.locator('[data-action="confirm-decision"]').click();
    const refused = page.locator('.alert-error[data-code="BERKAS_INCOMPLETE"]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('Berkas belum lengkap');
    expect(await refused.innerText()).toContain('SK pangkat terakhir (Menunggu pemeriksaan)');
    await page.screenshot({ path: join(ARTIFACTS, 'console-review.png'), fullPage: true });

    await page.locator('[data-verdict="DEFICIENT"][data-doc-type="LAST_GRADE_DECREE"]').click();
    await page.locator('[data-note="LAST_GRADE_DECREE"]').fill('Halaman tanda tangan tidak terbaca');
    await page.locator('[data-decision="RETURN"]').click();
    await page.locator('#decision-reason').fill('SK pangkat terakhir harus diunggah ulang');
    await page.locator('[data-action="confirm-decision"]').click();
    await page.locator('[data-testid="decision-saved"], .decision-feedback .alert').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'console-return.png'), fullPage: true });
    await page.locator('[data-testid="decision-saved"]').waitFor();
    expect(await page.locator('[data-testid="case-summary"] [data-status]').getAttribute('data-status')).toBe('RETURNED');
  }, 90_000);

  test('HR sees the returned file with the reason and the deficient document, re-uploads and resubmits', async () => {
    await signInAs(HR);
    await page.waitForURL(/#\/queue$/);
    const item = page.locator(`[data-returned-case-id="${caseId}"]`);
    await item.waitFor();
    expect(await item.locator('[data-testid="returned-reason"]').innerText()).toBe('SK pangkat terakhir harus diunggah ulang');
    expect(await item.locator('[data-testid="deficient-docs"]').innerText()).toContain('SK pangkat terakhir');
    await page.screenshot({ path: join(ARTIFACTS, 'console-returned.png'), fullPage: true });
    await item.locator('[data-action="fix"]').click();
    await page.locator('[data-testid="returned-reason"]').waitFor();
    const doc = page.locator('li[data-doc-type="LAST_GRADE_DECREE"]');
    expect(await doc.getAttribute('data-doc-status')).toBe('DEFICIENT');
    expect(await doc.innerText()).toContain('Halaman tanda tangan tidak terbaca');
    await doc
      .locator('input[data-upload="LAST_GRADE_DECREE"]')
      .setInputFiles({ name: 'sk-III-b-ulang.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.from('% ulang\n')]) });
    await page.locator('li[data-doc-type="LAST_GRADE_DECREE"][data-doc-status="UPLOADED"]').waitFor();
    await page.locator('[data-action="resubmit"]').click();
    await page.locator('[data-testid="resubmitted"]').waitFor();
    await page.locator('[data-testid="case-stage"][data-stage="verification"]').waitFor();
    expect(await page.locator('[data-testid="case-summary"] [data-status]').getAttribute('data-status')).toBe('IN_PROGRESS');
  }, 90_000);

  test('a file another verifier holds is read-only and says who holds it', async () => {
    const other = { nip: '199201012018012001', roles: ['verifier'] as Role[] };
    const token = await t.token(other.nip, other.roles, AGENCY);
    const claimed = await t.http.post(`/api/promotions/${caseId}/claim`).set('Authorization', `Bearer ${token}`).send({});
    expect(claimed.status).toBe(200);
    await t.settle();
    await signInAs(VERIFIER);
    await page.goto(`${t.url}/#/cases/${caseId}`);
    const held = page.locator('[data-testid="claimed-by-other"]');
    await held.waitFor();
    expect(await held.innerText()).toContain('19920101 201801 2 001');
    expect(await page.locator('[data-decision]').count()).toBe(0);
    expect(await page.locator('[data-verdict]').count()).toBe(0);
    const released = await t.http.delete(`/api/promotions/${caseId}/claim`).set('Authorization', `Bearer ${token}`);
    expect(released.status).toBe(200);
    await t.settle();
  }, 60_000);

  test('the verifier marks the new file OK and approves; the file moves to the PPK', async () => {
    await signInAs(VERIFIER);
    await page.goto(`${t.url}/#/cases/${caseId}`);
    await page.locator('iframe[data-preview="LAST_GRADE_DECREE"]').waitFor({ state: 'attached' });
    await page.locator('[data-verdict="OK"][data-doc-type="LAST_GRADE_DECREE"]').click();
    await page.locator('[data-decision="APPROVE"]').click();
    await page.locator('[data-action="confirm-decision"]').click();
    await page.locator('[data-testid="decision-saved"]').waitFor();
    await page.locator('[data-testid="case-stage"][data-stage="approval"]').waitFor();
    expect(await page.locator('li.tl-item[data-stage="verification"]').last().innerText()).toContain(VERIFIER.name);
    // The proposer is named when a search can name them, else shown by NIP (HR staff need not be registered).
    expect(await page.locator('[data-testid="proposer"]').innerText()).toMatch(new RegExp(`${HR.name}|${HR.nip.slice(0, 8)}`));
    // Next file: nothing else waits on this verifier, so the queue.
    await page.locator('[data-action="next-file"]').click();
    await page.waitForURL(/#\/queue$/);
    await page.goto(`${t.url}/#/cases/${caseId}`);
    // English too: rule outcomes, documents and stages switch with the language; codes stay codes.
    await page.locator('.lang-switch').click();
    await page.locator('[data-testid="berkas"]', { hasText: 'Decree of the last grade' }).waitFor();
    expect(await page.locator('tr[data-rule="GRADE_STEP"]').innerText()).toContain('III/c is one step above III/b');
    expect(await page.locator('[data-testid="case-stage"]').innerText()).toBe('PPK approval');
    await page.locator('.lang-switch').click();
    await page.locator('[data-testid="berkas"]', { hasText: 'SK pangkat terakhir' }).waitFor();
  }, 90_000);

  test('a decision on a file that moved on meanwhile reloads it with a plain message, not a 403', async () => {
    await signInAs(PPK);
    await page.goto(`${t.url}/#/cases/${caseId}`);
    await page.locator('[data-testid="case-stage"][data-stage="approval"]').waitFor();
    // Meanwhile, in another tab, the same PPK approves it: the page still shows the approval stage.
    await api(PPK, 'post', `/api/promotions/${caseId}/decisions`, { decision: 'APPROVE' });
    await t.settle();
    await page.locator('[data-decision="APPROVE"]').click();
    await page.locator('[data-action="confirm-decision"]').click();
    const moved = page.locator('[data-testid="moved-on"]');
    await moved.waitFor();
    expect(await moved.innerText()).toContain('sudah berpindah tahap');
    await page.locator('[data-testid="case-stage"][data-stage="bkn"]').waitFor();
    expect(await page.locator('.alert-error[data-code="FORBIDDEN"]').count()).toBe(0);
  }, 60_000);

  test('BKN enters the pertek from its queue and the PPK records the decree', async () => {
    await signInWithToken(BKN);
    await page.goto(`${t.url}/#/queue`);
    const row = page.locator(`tr[data-case-id="${caseId}"]`);
    await row.waitFor();
    await row.locator('[data-action="open"]').click();
    await page.locator('[data-testid="case-stage"][data-stage="bkn"]').waitFor();
    await page.locator('[data-decision="APPROVE"]').click();
    await page.locator('#pertek-number').fill('AR-13.03/KP/2026/0142');
    await page.locator('#pertek-date').fill(wib(new Date()));
    await page.locator('[data-action="confirm-decision"]').click();
    await page.locator('[data-testid="decision-saved"], .alert-error').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'console-bkn.png'), fullPage: true });
    // API.md: the bkn role decides the bkn stage; a 403 here is the route's role guard not admitting it.
    expect(await page.locator('.alert-error[data-code="FORBIDDEN"]').count()).toBe(0);
    await page.locator('[data-testid="case-stage"][data-stage="decree"]').waitFor();

    await signInAs(PPK);
    await page.goto(`${t.url}/#/cases/${caseId}`);
    await page.locator('[data-testid="case-stage"][data-stage="decree"]').waitFor();
    await page.locator('[data-decision="APPROVE"]').click();
    expect(await page.locator('[data-testid="keppres"]').count()).toBe(0); // III/c: the PPK signs
    await page.locator('#decree-number').fill('823.3/114/BKPSDM/2026');
    await page.locator('#decree-date').fill(wib(new Date()));
    await page.locator('[data-action="confirm-decision"]').click();
    await page.locator('[data-testid="decision-saved"]').waitFor();
    expect(await page.locator('[data-testid="case-summary"] [data-status]').getAttribute('data-status')).toBe('APPROVED');
    expect(await page.locator('[data-testid="decree"]').innerText()).toContain('823.3/114/BKPSDM/2026');
    await page.screenshot({ path: join(ARTIFACTS, 'console-case.png'), fullPage: true });
  }, 90_000);

  test('search finds employees and files by name or NIP, and names the people a file shows', async () => {
    // GET /api/search as the contract has it (answered here, so the page is tested whether or not the server has it yet).
    await page.route('**/api/search?**', (route) => {
      const q = new URL(route.request().url()).searchParams.get('q') ?? '';
      const people = [VERIFIER, NEWCOMER, HR].filter((p) => p.nip.startsWith(q) || p.name.toLowerCase().includes(q.toLowerCase()));
      const body = {
        employees: people.map((p) => ({ nip: p.nip, name: p.name, unitId: 'bkpsdm', grade: 'III/b' })),
        cases: people.some((p) => p.nip === NEWCOMER.nip)
          ? [{ caseId, nip: NEWCOMER.nip, name: NEWCOMER.name, kind: 'REGULAR', status: 'IN_PROGRESS', stage: 'bkn' }]
          : [],
      };
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    });
    await signInAs(PPK);
    await page.locator('[data-testid="search-input"]').fill('dewi');
    await page.locator('[data-testid="search-input"]').press('Enter');
    await page.waitForURL(/#\/search\/dewi$/);
    const results = page.locator('[data-testid="search-results"]');
    await results.locator(`tr[data-nip="${NEWCOMER.nip}"]`).waitFor();
    expect(await results.locator(`tr[data-nip="${NEWCOMER.nip}"]`).innerText()).toContain('19910303 201503 1 002');
    await results.locator(`tr[data-case-id="${caseId}"] a`).click();
    await page.waitForURL(new RegExp(`#/cases/${caseId}$`));
    // The verifier and the proposer are named (through the search by NIP), with their NIPs.
    const decided = page.locator('li.tl-item[data-stage="verification"] [data-testid="decided-by"]').last();
    await decided.filter({ hasText: VERIFIER.name }).waitFor();
    expect(await decided.innerText()).toContain('19880220 201101 2 001');
    await page.locator('[data-testid="proposer"]', { hasText: HR.name }).waitFor();
    await page.unroute('**/api/search?**');
  }, 60_000);

  test("an auditor sees the ledger's signed checkpoint and a clean verification", async () => {
    const AUDITOR = demoUser(AGENCY, 'auditor');
    await signInAs(AUDITOR);
    await page.waitForURL(/#\/dashboards$/);
    await page.locator('[data-nav="audit"]').click();
    await page.locator('[data-testid="verify-result"] [data-ok="true"]').waitFor();
    const checkpoint = await page.locator('[data-testid="checkpoint"]').innerText();
    expect(checkpoint).toMatch(/[0-9a-f]{64}/); // the root hash

    // A server without the audit endpoints: the page says so instead of failing.
    const missing = {
      status: 404,
      contentType: 'application/json',
      body: JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /api/audit/x' }),
    };
    await page.route('**/api/audit/**', (route) => route.fulfill(missing));
    await page.reload();
    await page.locator('[data-unavailable="true"]').nth(1).waitFor();
    expect(await page.locator('[data-unavailable="true"]').count()).toBe(2);
    expect(await page.locator('[data-testid="checkpoint"]').count()).toBe(0);
    await page.unroute('**/api/audit/**');
  }, 60_000);

  test('an admin sees the dashboards drawn with Chart.js', async () => {
    await signInAs(ADMIN);
    await page.goto(`${t.url}/#/dashboards`);
    for (const name of ['sla-compliance', 'pipeline', 'training-equity', 'appraisals']) {
      await page.locator(`canvas[data-chart="${name}"]`).waitFor();
    }
    // Chart.js came from the api (not a CDN), owns the canvases, and has drawn on them.
    const drawn = await page.waitForFunction(
      (names: string[]) => {
        const { Chart, document } = globalThis as unknown as Browser$;
        if (!Chart) return false;
        const counts: Record<string, number> = {};
        for (const name of names) {
          const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
          if (!canvas || !Chart.getChart(canvas) || canvas.width === 0) return false;
          const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
          if (painted < 500) return false;
          counts[name] = painted;
        }
        return counts;
      },
      ['sla-compliance', 'pipeline', 'training-equity', 'appraisals'],
      { timeout: 15_000, polling: 200 },
    );
    expect(Object.keys(await drawn.jsonValue())).toHaveLength(4);
    const scripts = await page.evaluate(() =>
      Array.from((globalThis as unknown as Browser$).document.scripts, (s) => s.src).filter(Boolean),
    );
    expect(scripts.every((src) => src.startsWith(t.url as string))).toBe(true);
    expect(scripts).toContain(`${t.url}/console/chart.umd.js`);

    // The figures behind the charts: one open case (at committee), one verification completed in time.
    const kpis = await page.locator('.kpi').allInnerTexts();
    const view = await api(HR, 'get', `/api/promotions/${caseId}`);
    expect(kpis[0]).toMatch(new RegExp(`^${view.status === 'IN_PROGRESS' ? 1 : 0}\\s`)); // the one case, open or decreed
    const trainingUnits = await page.locator('#panel-training tbody tr').count();
    expect(trainingUnits).toBe(3);
    // The training worklist: one row per employee the api lists below 20 JP, fewest first.
    await page.locator('#panel-worklist').waitFor();
    const worklist = await api(ADMIN, 'get', '/api/dashboards/training/worklist');
    const listed = (worklist.items as { employees: { nip: string }[] }[]).flatMap((u) => u.employees.map((e) => e.nip));
    expect(listed.length).toBeGreaterThan(0);
    const rows = await page.locator('#panel-worklist tbody tr').allInnerTexts();
    expect(rows.map((r) => listed.find((n) => r.includes(n)))).toEqual(listed);

    // A full-page picture: grow the viewport to the page first (Chart.js redraws on resize; a
    // screenshot taken during the resize would catch stretched canvases), then let it settle.
    const height = await page.evaluate(() => (globalThis as unknown as Browser$).document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1366, height });
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(ARTIFACTS, 'console-dashboards.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
