import { describe, expect, test } from '@jest/globals';
import {
  entryGrade,
  eselonRange,
  gradeIndex,
  isGradeInRange,
  isKpPeriodDate,
  isValidNip,
  jenjangRange,
  regularCeiling,
  type Grade,
} from '#domain';
import { loadNationalReference } from '#config';
import { DEMO_AGENCY_DATA, DEMO_USERS, demoUser } from '#demo';
import { planDemoData } from './demo-plan.js';
import { uploadedTypes } from './demo-cases.js';

const NOW = new Date('2026-11-23T18:00:00.000Z');
const ref = loadNationalReference();
const plan = planDemoData({ now: NOW, employees: 2000, reference: ref });
const registered = DEMO_USERS.filter((u) => !u.employer);

describe('the demo data plan', () => {
  test('is the same plan for the same seed and present', () => {
    const again = planDemoData({ now: NOW, employees: 2000, reference: ref });
    expect(again.employees.map((e) => e.body.nip)).toEqual(plan.employees.map((e) => e.body.nip));
    expect(again.cases.map((c) => c.steps.map((s) => [s.at, s.document?.documentId ?? null]))).toEqual(
      plan.cases.map((c) => c.steps.map((s) => [s.at, s.document?.documentId ?? null])),
    );
  });

  test('2,000 employees with valid, unique NIPs, the demo users among them (the BKN liaison is not the city’s)', () => {
    expect(plan.employees).toHaveLength(2000);
    const nips = plan.employees.map((e) => e.body.nip);
    expect(nips.filter((n) => !isValidNip(n))).toEqual([]);
    expect(new Set(nips).size).toBe(nips.length);
    for (const user of registered) expect(nips).toContain(user.nip);
    for (const agency of DEMO_AGENCY_DATA) expect(nips).not.toContain(demoUser(agency.id, 'bkn').nip);
    for (const e of plan.employees) expect(e.body.gradeSince <= e.at.slice(0, 10)).toBe(true);
    // The grade's TMT is a KP period date of its table, or the appointment (CPNS) TMT the NIP records.
    const odd = plan.employees.filter(
      ({ body: e }) => !isKpPeriodDate(ref, e.gradeSince) && e.gradeSince !== `${e.nip.slice(8, 12)}-${e.nip.slice(12, 14)}-01`,
    );
    expect(odd.map((e) => `${e.body.nip} ${e.body.gradeSince}`)).toEqual([]);
  });

  test('each city is configured with the Wali Kota as signatory, its units and time zone', () => {
    expect(plan.agencies.map((a) => a.signatory.title)).toEqual(['Wali Kota Langsa', 'Wali Kota Medan', 'Wali Kota Semarang']);
    for (const a of plan.agencies) {
      expect(a.timeZone).toBe('Asia/Jakarta');
      expect(a.units.length).toBeGreaterThan(8);
    }
    expect(plan.agencies[1].units.filter((u) => u.parentId === 'kecamatan-medan-marelan')).toHaveLength(5);
    for (const agency of DEMO_AGENCY_DATA) expect(demoUser(agency.id, 'ppk').label).toMatch(/authorised officer.*Wali Kota/i);
  });

  test('posts, grades and education agree with the reference tables', () => {
    const wrong: string[] = [];
    for (const { body: e } of plan.employees) {
      const grade = e.grade as Grade;
      if (gradeIndex(grade) < gradeIndex(entryGrade(ref, e.education)))
        wrong.push(`${e.nip} ${grade} below the entry grade of ${e.education}`);
      if (e.eselon) {
        const range = eselonRange(ref, e.eselon);
        const below = e.positionType === 'JPT' ? 0 : 1;
        if (gradeIndex(grade) < gradeIndex(range.from) - below || gradeIndex(grade) > gradeIndex(range.to))
          wrong.push(`${e.nip} ${e.positionTitle} ${e.eselon} at ${grade}`);
      }
      if (e.positionType === 'FUNGSIONAL' && !isGradeInRange(grade, jenjangRange(ref, e.jenjang as NonNullable<typeof e.jenjang>)))
        wrong.push(`${e.nip} ${e.positionTitle} ${e.jenjang} at ${grade}`);
      if (e.positionType === 'PELAKSANA' && gradeIndex(grade) > gradeIndex(regularCeiling(ref, e.education)))
        wrong.push(`${e.nip} PELAKSANA ${e.education} at ${grade}`);
    }
    expect(wrong).toEqual([]);
    const heads = plan.employees.filter((e) => e.body.positionType === 'JPT' && e.body.eselon === 'II.b');
    expect(heads.length).toBeGreaterThan(20);
    expect(heads.every((e) => ['IV/b', 'IV/c'].includes(e.body.grade))).toBe(true);
    expect(plan.employees.some((e) => e.body.positionTitle.startsWith('Kepala Bidang') && e.body.eselon === 'III.b')).toBe(true);
    expect(plan.employees.some((e) => e.body.positionTitle.startsWith('Kepala Seksi') && e.body.eselon === 'IV.a')).toBe(true);
    expect(plan.employees.some((e) => /^Perawat (Terampil|Mahir|Penyelia)$/.test(e.body.positionTitle) && e.body.education === 'D3')).toBe(
      true,
    );
    expect(plan.employees.some((e) => e.body.positionTitle === 'Perawat Ahli Pertama' && e.body.jenjang === 'AHLI_PERTAMA')).toBe(true);
  });

  test('direct superiors run up the unit hierarchy to the Sekda, who reports to the Wali Kota outside the system', () => {
    const byNip = new Map(plan.employees.map((e) => [e.body.nip, e]));
    for (const { agency, body } of plan.employees) {
      const sekda = demoUser(agency, 'ppk').nip;
      if (body.nip === sekda) {
        expect(body.superiorNip).toBeNull();
        continue;
      }
      const chain: string[] = [];
      for (let nip: string | null = body.nip; nip !== null && nip !== sekda; nip = byNip.get(nip)?.body.superiorNip ?? null) {
        expect(chain).not.toContain(nip);
        chain.push(nip);
        const superior = byNip.get(byNip.get(nip)?.body.superiorNip ?? '');
        expect({ nip, superiorInAgency: superior?.agency }).toEqual({ nip, superiorInAgency: agency });
      }
      expect(chain.length).toBeLessThanOrEqual(5);
    }
    // Staff report to a Kasi/Kasubbag where the unit has one.
    const pelaksana = plan.employees.filter((e) => e.body.positionType === 'PELAKSANA' && e.body.unitId === 'dinas-pendidikan');
    expect(pelaksana.filter((e) => byNip.get(e.body.superiorNip as string)?.body.positionType === 'PENGAWAS').length).toBeGreaterThan(
      pelaksana.length / 2,
    );
  });

  test('everything happens in the past, after the employee was registered, in order within a case', () => {
    const registeredAt = new Map(plan.employees.map((e) => [e.body.nip, e.at]));
    for (const fact of plan.facts) {
      expect({ fact: fact.kind, ok: fact.at < NOW.toISOString() && fact.at > (registeredAt.get(fact.body.nip) as string) }).toEqual({
        fact: fact.kind,
        ok: true,
      });
    }
    for (const c of plan.cases) {
      const times = c.steps.map((s) => s.at);
      expect(times).toEqual([...times].sort());
      expect(times.every((at) => at < NOW.toISOString())).toBe(true);
      expect(c.steps[0].action).toBe('propose');
      expect(c.steps[0].at > (registeredAt.get(c.proposal.nip) as string)).toBe(true);
    }
    const candidates = plan.cases.map((c) => c.proposal.nip);
    expect(new Set(candidates).size).toBe(candidates.length);
  });

  test('only eligible cases, on KP period TMTs, of the kind the post allows, each with its berkas', () => {
    expect(plan.dropped).toEqual([]);
    expect(plan.cases.length).toBeGreaterThan(250);
    for (const c of plan.cases) {
      expect(isKpPeriodDate(ref, c.proposal.effectiveDate)).toBe(true);
      if (c.proposal.kind === 'REGULAR') expect(c.positionType).toBe('PELAKSANA');
      if (c.proposal.kind === 'STRUCTURAL') expect(['JPT', 'ADMINISTRATOR', 'PENGAWAS']).toContain(c.positionType);
      if (c.proposal.kind === 'FUNCTIONAL') expect(c.positionType).toBe('FUNGSIONAL');
      expect(c.authority).toBe(gradeIndex(c.proposal.toGrade) >= gradeIndex('IV/c') ? 'PRESIDENT' : 'PPK');
      const uploaded = new Set(c.steps.filter((s) => s.action === 'upload').map((s) => s.document?.type));
      for (const type of uploadedTypes(ref, c.proposal.kind, false))
        expect({ scenario: c.scenario, type, ok: uploaded.has(type) }).toMatchObject({ ok: true });
    }
    const kinds = new Map<string, number>();
    for (const c of plan.cases) kinds.set(c.proposal.kind, (kinds.get(c.proposal.kind) ?? 0) + 1);
    expect(kinds.get('REGULAR')).toBeGreaterThan(40);
    expect(kinds.get('STRUCTURAL')).toBeGreaterThan(40);
    expect(kinds.get('FUNCTIONAL')).toBeGreaterThan(60);
    expect(kinds.get('DIPLOMA_ADJUSTMENT')).toBeGreaterThan(2);
    expect(kinds.get('OUTSTANDING')).toBeGreaterThan(0);
    // A TMT of 2024–2025 before October 2025 falls in February, April, June, August, October or December only.
    for (const c of plan.cases.filter((x) => x.proposal.effectiveDate < '2025-10-01' && x.proposal.effectiveDate >= '2024-01-01'))
      expect([2, 4, 6, 8, 10, 12]).toContain(Number(c.proposal.effectiveDate.slice(5, 7)));
  });

  test('a functional case has its PAK, a diploma adjustment its education with study permit', () => {
    const byNip = (kind: string, nip: string) => plan.facts.filter((f) => f.kind === kind && f.body.nip === nip);
    const functional = plan.cases.filter((c) => c.proposal.kind === 'FUNCTIONAL');
    expect(functional.filter((c) => byNip('credit-points', c.proposal.nip).length > 0).length).toBeGreaterThan(functional.length / 2);
    for (const c of plan.cases.filter((x) => x.proposal.kind === 'DIPLOMA_ADJUSTMENT')) {
      const [education] = byNip('education', c.proposal.nip);
      expect(education).toMatchObject({ body: { studyPermitNumber: expect.any(String), studyPermitDate: expect.any(String) } });
    }
  });

  test('the scenarios cover the pipeline: BKN waits, returns and breaches, decrees and a Keppres, an acting official, a conflict, a refused decree', () => {
    const scenarios = new Set(plan.cases.map((c) => c.scenario));
    for (const s of [
      'open-verification-late',
      'returned-deficient-waiting',
      'open-committee-on-track',
      'open-approval-on-track',
      'waiting-at-bkn',
      'breached-at-bkn',
      'returned-by-bkn-resubmitted',
      'decreed',
      'decreed-keppres',
      'rejected-by-bkn',
      'withdrawn',
      'acting-verifier',
      'conflict-of-interest',
      'decree-refused-sanction',
    ])
      expect(scenarios).toContain(s);
    expect(plan.cases.filter((c) => c.steps.some((s) => s.action === 'breach')).length).toBeGreaterThan(50);
    const decrees = plan.cases.flatMap((c) =>
      c.steps.filter((s) => s.decree && s.action === 'decide').map((s) => s.decree?.number as string),
    );
    expect(decrees.some((n) => /^Keppres \d+\/K\/\d{4}$/.test(n))).toBe(true);
    expect(decrees.filter((n) => !n.startsWith('Keppres')).every((n) => /^823\.3\/\d+\/BKPSDM\/\d{4}$/.test(n))).toBe(true);
    const perteks = plan.cases.flatMap((c) => c.steps.filter((s) => s.pertek).map((s) => s.pertek?.number as string));
    expect(perteks.every((n) => /^AR-(13\.03|06\.02|01\.04)\/KP\/\d{4}\/\d{4}$/.test(n))).toBe(true);

    // The acting verifier decides within the delegation's period; a delegate never decrees.
    for (const c of plan.cases.filter((x) => x.scenario === 'acting-verifier')) {
      const step = c.steps.find((s) => s.onBehalfOf) as (typeof c.steps)[number];
      const grant = plan.facts.find((f) => f.kind === 'delegation' && f.body.nip === step.actor.nip);
      expect(grant).toBeDefined();
      if (grant?.kind !== 'delegation') continue;
      expect(grant.body.from <= step.at.slice(0, 10) && step.at.slice(0, 10) <= grant.body.until).toBe(true);
      expect(c.steps.filter((s) => s.decree).every((s) => !s.onBehalfOf)).toBe(true);
    }
    // The refused decree: a MODERATE sanction from after the proposal, in force on the decree date.
    for (const c of plan.cases.filter((x) => x.scenario === 'decree-refused-sanction')) {
      const refused = c.steps.find((s) => s.action === 'refused-decree') as (typeof c.steps)[number];
      const sanction = plan.facts.find((f) => f.kind === 'sanction' && f.body.nip === c.proposal.nip);
      expect(sanction?.kind === 'sanction' && sanction.body.level === 'MODERATE').toBe(true);
      if (sanction?.kind !== 'sanction') continue;
      expect(sanction.body.from > c.steps[0].at.slice(0, 10) && sanction.body.from <= (refused.decree?.date as string)).toBe(true);
      expect(c.steps.at(-1)).toMatchObject({ action: 'decide', decision: 'REJECT' });
    }
  });

  test('appraisals follow a realistic spread (mostly BAIK, a few KURANG); training is concentrated on a minority', () => {
    const appraisals = plan.facts.filter((f) => f.kind === 'appraisal');
    const kurang = appraisals.filter((f) => f.kind === 'appraisal' && f.body.behaviour === 'BELOW' && f.body.results !== 'BELOW').length;
    expect(kurang / appraisals.length).toBeGreaterThan(0.01);
    expect(kurang / appraisals.length).toBeLessThan(0.08);

    const hours = new Map(plan.employees.map((e) => [e.body.nip, 0]));
    for (const f of plan.facts)
      if (f.kind === 'training' && f.body.completedOn.startsWith('2025'))
        hours.set(f.body.nip, (hours.get(f.body.nip) ?? 0) + f.body.hours);
    const values = [...hours.values()].sort((a, b) => a - b);
    const total = values.reduce((a, b) => a + b, 0);
    const gini = (2 * values.reduce((a, v, i) => a + (i + 1) * v, 0)) / (values.length * total) - (values.length + 1) / values.length;
    expect(values.filter((v) => v === 0).length / values.length).toBeGreaterThan(0.5);
    expect(values.filter((v) => v >= 20).length / values.length).toBeGreaterThan(0.1);
    expect(gini).toBeGreaterThan(0.6);
  });
});
