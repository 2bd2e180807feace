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

  beforeAll(async () => {
    if (!hasChromium) return;
    dataDir = mkdtempSync(join(tmpdir(), 'jenjang-console-'));
    // Wall-clock time (the browser shows deadlines relative to its own clock), the data created
    // six hours ago so the verification stage has a measurable duration on the dashboards.
    const clock = new ManualClock(new Date(Date.now() - 6 * 3600_000));
    t = await startTestApp({ listen: true, clock, env: { JWT_SECRET: '', DATA_DIR: dataDir, LEDGER_CHECKPOINT_EVERY_SECONDS: '1' } });
    // Dates as the agency (WIB) sees them on the app's clock, so the merit rules' years line up.
    const today = wib(clock.now());
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;

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
    for (const period of [year - 2, year - 1]) {
      await api(EVALUATOR, 'post', '/api/appraisals', { nip: CANDIDATE.nip, period, results: 'ABOVE', behaviour: 'AS_EXPECTED' });
      for (const c of COLLEAGUES)
        await api(EVALUATOR, 'post', '/api/appraisals', { nip: c.nip, period, results: c.predicate[0], behaviour: c.predicate[1] });
    }
    const trained = wib(new Date(clock.now().getTime() - 20 * 86400_000));
    await api(HR, 'post', '/api/trainings', {
      nip: CANDIDATE.nip,
      title: 'Pelatihan Manajemen Data Pendidikan',
      hours: 24,
      kind: 'TECHNICAL',
      provider: 'BPSDM Aceh',
      completedOn: trained,
      certificateNo: 'BPSDM-C-0001',
    });
    for (const c of COLLEAGUES.filter((x) => x.jp > 0)) {
      await api(HR, 'post', '/api/trainings', {
        nip: c.nip,
        title: 'Pelatihan Pelayanan Publik',
        hours: c.jp,
        kind: 'SOCIOCULTURAL',
        provider: 'BPSDM Aceh',
        completedOn: trained,
        certificateNo: `BPSDM-${c.nip.slice(-4)}`,
      });
    }
    const proposed = await api(HR, 'post', '/api/promotions', {
      nip: CANDIDATE.nip,
      kind: 'REGULAR',
      toGrade: 'III/c',
      effectiveDate: nextMonth,
      justification: 'Tujuh tahun di III/b, predikat BAIK dua tahun, 24 JP',
    });
    expect(proposed).toMatchObject({ eligible: true, stage: 'verification' });
    caseId = proposed.caseId;
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

  test('a verifier signs in (dev sign-in), finds the case in the queue and approves it; the case moves to committee', async () => {
    await page.goto(`${t.url}/`);
    await page.locator('[data-testid="dev-sign-in"]').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    await signInAs(VERIFIER);

    // My queue: the case, on track, with its deadline.
    await page.waitForURL(/#\/queue$/);
    const row = page.locator(`tr[data-case-id="${caseId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-sla')).toBe('ON_TRACK');
    expect(await row.innerText()).toContain(CANDIDATE.name);
    expect(await row.innerText()).toContain('Verifikasi BKPSDM');
    await page.screenshot({ path: join(ARTIFACTS, 'console-queue.png'), fullPage: true });

    // Claim it from the queue: the row shows it as mine.
    await row.locator('[data-action="claim"]').click();
    await row.locator('.badge.mine').waitFor();

    // The case page: merit rules and the decision panel.
    await row.locator('[data-action="open"]').click();
    await page.waitForURL(new RegExp(`#/cases/${caseId}$`));
    await page.locator('[data-testid="decision-panel"]').waitFor();
    expect(await page.locator('tr[data-rule][data-passed="true"]').count()).toBe(5);
    const versionRead = Number(await page.locator('[data-testid="case-version"]').innerText());

    // Meanwhile the claim is released elsewhere (another tab): the version the page read is stale,
    // so the approval is refused with the API's code and message, and the page reloads the case.
    const released = await t.http
      .delete(`/api/promotions/${caseId}/claim`)
      .set('Authorization', `Bearer ${await t.token(VERIFIER.nip, [...VERIFIER.roles], AGENCY)}`);
    expect(released.status).toBe(200);
    await t.settle();
    await page.locator('[data-decision="APPROVE"]').click();
    await page.locator('[data-action="confirm-decision"]').click();
    const refused = page.locator('.alert-error[data-code="CONCURRENCY_CONFLICT"]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('409 CONCURRENCY_CONFLICT');
    await page.locator('[data-testid="case-version"]', { hasText: String(released.body.version) }).waitFor();
    expect(released.body.version).toBeGreaterThan(versionRead);

    // Approve again, now with the version just read.
    await page.locator('[data-decision="APPROVE"]').click();
    await page.locator('[data-action="confirm-decision"]').click();
    await page.locator('[data-testid="decision-saved"]').waitFor();
    await page.locator('[data-testid="case-stage"][data-stage="committee"]').waitFor();
    const verification = page.locator('li.tl-item[data-stage="verification"]');
    expect(await verification.innerText()).toMatch(/Disetujui/);
    expect(await page.locator('li.tl-item[data-stage="committee"][data-current="true"]').count()).toBe(1);
    // The verifier may not decide a second stage: the panel says who decides it now.
    expect(await page.locator('[data-decision]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'console-case.png'), fullPage: true });

    const view = await api(HR, 'get', `/api/promotions/${caseId}`);
    expect(view).toMatchObject({ stage: 'committee', status: 'IN_PROGRESS' });
    expect(view.stages[0]).toMatchObject({ stage: 'verification', decidedBy: VERIFIER.nip, decision: 'APPROVE' });

    // Back in the queue the case is gone.
    await page.locator('[data-nav="queue"]').click();
    await page.locator('.empty').waitFor();
    expect(await page.locator(`tr[data-case-id="${caseId}"]`).count()).toBe(0);
  }, 90_000);

  test('the candidate sees where the file is, in Indonesian and in English', async () => {
    await signInAs(CANDIDATE);
    await page.waitForURL(/#\/career$/);
    await page.locator('[data-testid="career-stage"][data-stage="committee"]').waitFor();
    expect(await page.locator('[data-testid="grade"]').innerText()).toBe('III/b');
    expect(await page.locator('[data-testid="held-by"]').innerText()).toContain('Komite (TPK)');
    expect(await page.locator('.step.step-done[data-stage="verification"]').count()).toBe(1);
    expect(await page.locator('.step.step-current[data-stage="committee"]').count()).toBe(1);

    await page.locator('.lang-switch').click();
    await page.locator('h1', { hasText: 'Where is my file?' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('[data-testid="held-by"]').innerText()).toContain('Committee (TPK)');
    await page.locator('.lang-switch').click();
    await page.locator('h1', { hasText: 'Di mana berkas saya?' }).waitFor();
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
    expect(kpis[0]).toMatch(/^1\s/);
    const trainingUnits = await page.locator('#panel-training tbody tr').count();
    expect(trainingUnits).toBe(3);

    // A full-page picture: grow the viewport to the page first (Chart.js redraws on resize; a
    // screenshot taken during the resize would catch stretched canvases), then let it settle.
    const height = await page.evaluate(() => (globalThis as unknown as Browser$).document.documentElement.scrollHeight);
    await page.setViewportSize({ width: 1366, height });
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(ARTIFACTS, 'console-dashboards.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
