import { DateTime } from 'luxon';
import {
  addSla,
  closeCurrentVisit,
  defaultAgencySettings,
  pipelineFor,
  isVisitBreached,
  isVisitClosed,
  nextGrade,
  openVisit,
  slaState,
  type Grade,
  type PromotionKind,
  type Role,
  type SlaState,
  type StageDefinition,
  type StageVisit,
} from '#domain';
import { demoUser } from '#demo';
import {
  DAY,
  HOUR,
  iso,
  type AgencyPeople,
  type CaseAction,
  type PlannedActor,
  type PlannedCase,
  type Person,
  type PlannedStep,
} from './demo-plan-model.js';
import type { OfficeCalendar } from './office-calendar.js';
import type { Random } from './random.js';

/** Promotion cases of the demo plan: scenarios walked through the pipeline with realistic stage durations. */

// ---------------------------------------------------------------------------------------------
// Scenarios: what happens to a case. `A`/`R`/`X` decide the current stage (approve, return, reject),
// `late` makes the decision come after the stage's deadline, `open` leaves the file at the stage
// with the given SLA state now.

type ScriptItem =
  | { t: 'A' | 'R' | 'X'; late?: boolean }
  | { t: 'resubmit' }
  | { t: 'withdraw' }
  | { t: 'open'; target: SlaState; claim?: boolean }
  | { t: 'waiting' };

interface Scenario {
  name: string;
  weight: number;
  recent: boolean;
  script: ScriptItem[];
  /** No decision late unless the script says so (otherwise about one in twelve is). */
  punctual?: boolean;
}

const SCENARIOS: Scenario[] = [
  { name: 'open-verification-late', weight: 3, recent: true, script: [{ t: 'open', target: 'BREACHED' }] },
  { name: 'open-committee-on-track', weight: 5, recent: true, script: [{ t: 'A' }, { t: 'open', target: 'ON_TRACK', claim: true }] },
  { name: 'approved', weight: 30, recent: false, script: [{ t: 'A' }, { t: 'A' }, { t: 'A' }] },
  { name: 'returned-waiting', weight: 4, recent: true, script: [{ t: 'R' }, { t: 'waiting' }] },
  { name: 'rejected-at-committee', weight: 5, recent: false, script: [{ t: 'A' }, { t: 'X' }] },
  { name: 'withdrawn', weight: 3, recent: false, script: [{ t: 'A' }, { t: 'withdraw' }] },
  { name: 'open-approval-on-track', weight: 3, recent: true, script: [{ t: 'A' }, { t: 'A' }, { t: 'open', target: 'ON_TRACK' }] },
  { name: 'open-verification-on-track', weight: 5, recent: true, script: [{ t: 'open', target: 'ON_TRACK', claim: true }] },
  { name: 'open-committee-late', weight: 3, recent: true, script: [{ t: 'A' }, { t: 'open', target: 'BREACHED' }] },
  { name: 'approved-after-return', weight: 6, recent: false, script: [{ t: 'R' }, { t: 'resubmit' }, { t: 'A' }, { t: 'A' }, { t: 'A' }] },
  { name: 'open-verification-at-risk', weight: 2, recent: true, script: [{ t: 'open', target: 'AT_RISK' }] },
  { name: 'rejected-at-verification', weight: 3, recent: false, script: [{ t: 'X' }] },
  { name: 'open-approval-late', weight: 2, recent: true, script: [{ t: 'A' }, { t: 'A' }, { t: 'open', target: 'BREACHED' }] },
  { name: 'withdrawn-after-return', weight: 3, recent: false, script: [{ t: 'R' }, { t: 'withdraw' }] },
  { name: 'approved-late-committee', weight: 6, recent: false, script: [{ t: 'A' }, { t: 'A', late: true }, { t: 'A' }] },
  { name: 'open-committee-at-risk', weight: 2, recent: true, script: [{ t: 'A' }, { t: 'open', target: 'AT_RISK' }] },
  { name: 'rejected-at-approval', weight: 2, recent: false, script: [{ t: 'A' }, { t: 'A' }, { t: 'X' }] },
  { name: 'returned-by-committee-waiting', weight: 2, recent: true, script: [{ t: 'A' }, { t: 'R' }, { t: 'waiting' }] },
  { name: 'approved-late-verification', weight: 3, recent: false, script: [{ t: 'A', late: true }, { t: 'A' }, { t: 'A' }] },
  {
    name: 'approved-after-committee-return',
    weight: 3,
    recent: false,
    script: [{ t: 'A' }, { t: 'R' }, { t: 'resubmit' }, { t: 'A' }, { t: 'A' }],
  },
  { name: 'open-after-resubmission', weight: 2, recent: true, script: [{ t: 'R' }, { t: 'resubmit' }, { t: 'open', target: 'ON_TRACK' }] },
];

const RETURN_REASONS = [
  'SKP dua tahun terakhir belum dilampirkan',
  'Sertifikat pelatihan belum dilegalisir',
  'Surat pernyataan tidak sedang menjalani hukuman disiplin belum ada',
  'Salinan SK pangkat terakhir tidak terbaca',
  'Penetapan angka kredit belum diunggah',
];
const REJECT_REASONS = [
  'Formasi pada jabatan yang dituju tidak tersedia',
  'Hasil penilaian kinerja tidak memenuhi syarat menurut rapat TPK',
  'Masa kerja golongan belum terpenuhi pada TMT yang diusulkan',
];
const WITHDRAW_REASONS = ['Diusulkan ulang pada periode berikutnya', 'Pegawai mengajukan pindah ke instansi lain', null];
export const EXCEPTION_JUSTIFICATIONS = [
  'Kebutuhan organisasi: jabatan pengawas kosong dan tidak ada pegawai lain yang memenuhi syarat; disetujui rapat TPK',
  'Penilaian kinerja tahun sebelumnya masih berupa arsip kertas dan belum dimigrasikan',
  'Pengembangan kompetensi diganti penugasan khusus penanganan banjir rob sesuai surat tugas Sekretaris Daerah',
  'Prestasi luar biasa: penghargaan Satyalancana Karya Satya dan inovasi pelayanan publik tingkat provinsi',
];

interface Simulation {
  steps: { action: CaseAction; at: number; role?: Role; decision?: 'APPROVE' | 'RETURN' | 'REJECT' }[];
  /** The walk's stage visits, kept with the domain's lifecycle (`openVisit`, `closeCurrentVisit`). */
  visits: StageVisit[];
  final: SlaState | null;
}
export function casesOf(group: AgencyPeople, count: number, now: number, year: number, random: Random): PlannedCase[] {
  const { agency, calendar } = group;
  const stages = pipelineFor(defaultAgencySettings(''), 'REGULAR');
  const sla = { timeZone: agency.timeZone, holidays: [...calendar.holidayList] };
  const demoEmployee = group.people.find((p) => p.demo?.roles.includes('employee'));
  const free = group.people.filter((p) => !p.busy && !p.demo && nextGrade(p.grade) !== null);
  const cases: PlannedCase[] = [];

  const plan: { scenario: Scenario; person?: Person }[] = [];
  if (demoEmployee) {
    plan.push({
      scenario: {
        name: 'demo-employee-at-committee',
        weight: 0,
        recent: true,
        punctual: true,
        script: [{ t: 'A' }, { t: 'open', target: 'ON_TRACK' }],
      },
      person: demoEmployee,
    });
  }
  for (let i = 0; i < count; i += 1) {
    plan.push({ scenario: i < SCENARIOS.length ? SCENARIOS[i] : random.weighted(SCENARIOS.map((s) => [s, s.weight] as const)) });
  }

  for (const { scenario, person: fixed } of plan) {
    const exception = !fixed && random.chance(0.12);
    const simulation = simulateCase(scenario, stages, sla, calendar, now, year, random);
    if (!simulation) continue;
    const proposedAt = simulation.steps[0].at;
    const proposedOn = calendar.date(proposedAt);
    const kind: PromotionKind = 'REGULAR';
    const effectiveDate = nextPromotionPeriod(proposedOn);
    const candidate =
      fixed ??
      pickCandidate(
        free.filter((p) => p.registeredAt < proposedAt - 7 * DAY),
        kind,
        effectiveDate,
        exception,
        random,
      );
    if (!candidate) continue;
    candidate.busy = true;
    const proposalYear = Number(proposedOn.slice(0, 4));
    if (!exception) {
      candidate.goodPeriods.add(proposalYear - 1);
      candidate.goodPeriods.add(proposalYear - 2);
      candidate.trainingWindow = { from: DateTime.fromISO(proposedOn).minus({ months: 11 }).toISODate() as string, to: proposedOn };
    }
    const proposer = fixed ? { nip: demoUser(agency.id, 'hr').nip, roles: ['hr'] as Role[] } : random.pick(group.pools.hr);
    const deciders: Partial<Record<Role, PlannedActor>> = {};
    const who = (role: Role): PlannedActor => {
      if (fixed) return { nip: demoUser(agency.id, role).nip, roles: [role] };
      const choice = deciders[role] ?? random.pick(group.pools[role as 'verifier' | 'committee' | 'ppk']);
      deciders[role] = choice;
      return choice;
    };
    const reasonFor = (decision?: string) =>
      decision === 'RETURN' ? random.pick(RETURN_REASONS) : decision === 'REJECT' ? random.pick(REJECT_REASONS) : null;
    const steps: PlannedStep[] = simulation.steps.map((s) => {
      switch (s.action) {
        case 'propose':
        case 'resubmit':
          return { action: s.action, at: iso(s.at), actor: proposer };
        case 'withdraw':
          return { action: s.action, at: iso(s.at), actor: proposer, reason: random.pick(WITHDRAW_REASONS) };
        case 'breach':
          return { action: s.action, at: iso(s.at), actor: { nip: 'system:sla-clock', roles: [] } };
        case 'claim':
          return { action: s.action, at: iso(s.at), actor: who(s.role as Role) };
        case 'decide':
          return { action: s.action, at: iso(s.at), actor: who(s.role as Role), decision: s.decision, reason: reasonFor(s.decision) };
      }
    });
    const toGrade = nextGrade(candidate.grade) as Grade;
    cases.push({
      agency: agency.id,
      scenario: scenario.name,
      proposal: {
        nip: candidate.nip,
        kind,
        toGrade,
        effectiveDate,
        justification:
          kind === 'REGULAR'
            ? `Kenaikan pangkat reguler periode ${effectiveDate.slice(0, 7)}: ${candidate.grade} ke ${toGrade}, ${candidate.positionTitle}`
            : `Kenaikan pangkat pilihan karena menduduki jabatan ${candidate.positionTitle}`,
        ...(exception ? { exceptionJustification: random.pick(EXCEPTION_JUSTIFICATIONS) } : {}),
      },
      expectEligible: !exception,
      steps,
    });
  }
  return cases;
}

/** The next 1 April or 1 October after the proposal (TMT of the regular promotion periods). */
function nextPromotionPeriod(proposedOn: string): string {
  const d = DateTime.fromISO(proposedOn, { zone: 'utc' });
  const april = DateTime.fromObject({ year: d.year, month: 4, day: 1 }, { zone: 'utc' });
  const october = DateTime.fromObject({ year: d.year, month: 10, day: 1 }, { zone: 'utc' });
  const next = d < april ? april : d < october ? october : april.plus({ years: 1 });
  return next.toISODate() as string;
}

function pickCandidate(free: Person[], kind: PromotionKind, effectiveDate: string, exception: boolean, random: Random): Person | null {
  const required = kind === 'REGULAR' ? 4 : 1;
  const ready = (p: Person) =>
    !p.busy &&
    (p.performance === 'star' || p.performance === 'solid') &&
    `${Number(p.gradeSince.slice(0, 4)) + required}${p.gradeSince.slice(4)}` <= effectiveDate;
  const pool = free.filter((p) => !p.busy && (exception ? !ready(p) : ready(p)));
  const fallback = free.filter((p) => !p.busy);
  const choice = pool.length > 0 ? pool : fallback;
  return choice.length > 0 ? random.pick(choice) : null;
}

/**
 * Walks a scenario forward from a proposal instant with sampled stage durations (decisions in
 * office hours), retrying proposal instants until every step lies in the past and an open file's
 * SLA state now is the one the scenario asks for.
 */
function simulateCase(
  scenario: Scenario,
  stages: StageDefinition[],
  sla: { timeZone: string; holidays: string[] },
  calendar: OfficeCalendar,
  now: number,
  year: number,
  random: Random,
): Simulation | null {
  const lastYearMarch = DateTime.fromObject({ year: year - 1, month: 3, day: 1 }, { zone: calendar.timeZone }).toMillis();
  const thisYearMarch = DateTime.fromObject({ year, month: 3, day: 1 }, { zone: calendar.timeZone }).toMillis();
  const thisYearJanuary = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: calendar.timeZone }).toMillis();
  const target = scenario.script.find((s) => s.t === 'open') as { target: SlaState } | undefined;
  const range: [number, number] = !scenario.recent
    ? [lastYearMarch, now - 21 * DAY]
    : target?.target === 'BREACHED'
      ? [now - 40 * DAY, now - 2 * DAY]
      : target
        ? [now - 16 * DAY, now - HOUR]
        : [now - 30 * DAY, now - DAY];
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const r = random.fork(attempt);
    let proposedAt = calendar.snap(r.between(range[0], range[1]), r);
    // Appraisals of last year are submitted by the end of February: proposals wait for them.
    if (!scenario.recent && proposedAt >= thisYearJanuary && proposedAt < thisYearMarch)
      proposedAt = calendar.snap(thisYearMarch + r.int(0, 10) * DAY, r);
    const result = walk(scenario, stages, sla, calendar, proposedAt, now, r);
    if (!result) continue;
    if (target && result.final !== target.target) continue;
    if (scenario.punctual && result.steps.some((s) => s.action === 'breach')) continue;
    checkDeadlines(result, stages, sla);
    return result;
  }
  return null;
}

/** The plan's fast deadlines must be the domain's: recheck the accepted walk with addSla. */
function checkDeadlines(result: Simulation, stages: StageDefinition[], sla: { timeZone: string; holidays: string[] }): void {
  for (const visit of result.visits) {
    const due = addSla(visit.enteredAt, stageOf(stages, visit).sla, sla);
    if (Date.parse(due) !== Date.parse(visit.dueAt))
      throw new Error(
        `seed calendar disagrees with the domain: ${visit.enteredAt} + ${stageOf(stages, visit).sla} = ${due}, not ${visit.dueAt}`,
      );
  }
}

function stageOf(stages: StageDefinition[], visit: StageVisit): StageDefinition {
  const stage = stages.find((s) => s.id === visit.stage);
  if (!stage) throw new Error(`no stage ${visit.stage}`);
  return stage;
}

function walk(
  scenario: Scenario,
  stages: StageDefinition[],
  sla: { timeZone: string; holidays: string[] },
  calendar: OfficeCalendar,
  proposedAt: number,
  now: number,
  random: Random,
): Simulation | null {
  const steps: Simulation['steps'] = [{ action: 'propose', at: proposedAt }];
  let visits: StageVisit[] = [];
  const ms = Date.parse;
  const enter = (stage: StageDefinition, at: number): StageVisit => {
    visits = openVisit(visits, stage.id, iso(at), iso(calendar.due(at, stage.sla)));
    return visits[visits.length - 1];
  };
  let stageIndex = 0;
  let visit: StageVisit | null = enter(stages[0], proposedAt);
  let last = proposedAt;
  let final: SlaState | null = null;
  // The SLA clock records a breach for a visit still open past its deadline.
  const breachIfLate = (v: StageVisit, until: number) => {
    if (isVisitBreached({ ...v, leftAt: null }, iso(until)))
      steps.push({
        action: 'breach',
        at: ms(v.dueAt) + Math.max(1, Math.min(random.int(200, 2500), Math.floor((until - ms(v.dueAt)) / 2))),
      });
  };
  for (const item of scenario.script) {
    switch (item.t) {
      case 'A':
      case 'R':
      case 'X': {
        if (!visit) return null;
        const role = stageOf(stages, visit).role;
        const span = ms(visit.dueAt) - ms(visit.enteredAt);
        const share =
          item.late || (!scenario.punctual && random.chance(0.08)) ? random.between(1.05, 2.4) : random.between(0.04, 0.9) ** 1.3;
        const at = calendar.snap(ms(visit.enteredAt) + span * share, random);
        if (at >= now - 10 * 60_000) return null;
        breachIfLate(visit, at);
        if (random.chance(0.25))
          steps.push({ action: 'claim', at: Math.max(ms(visit.enteredAt) + 60_000, at - random.int(5, 90) * 60_000), role });
        const decision = item.t === 'A' ? 'APPROVE' : item.t === 'R' ? 'RETURN' : 'REJECT';
        steps.push({ action: 'decide', at, role, decision });
        visits = closeCurrentVisit(visits, iso(at), null, decision);
        last = at;
        if (item.t === 'A' && stageIndex < stages.length - 1) {
          stageIndex += 1;
          visit = enter(stages[stageIndex], at);
        } else {
          visit = item.t === 'R' ? visits[visits.length - 1] : null;
        }
        break;
      }
      case 'resubmit': {
        if (!visit) return null;
        const at = calendar.workingDaysLater(last, random.int(1, 6), random);
        if (at >= now - 10 * 60_000) return null;
        steps.push({ action: 'resubmit', at });
        visit = enter(stageOf(stages, visit), at);
        last = at;
        break;
      }
      case 'withdraw': {
        const at = calendar.workingDaysLater(last, random.int(1, 8), random);
        if (at >= now - 10 * 60_000) return null;
        if (visit && !isVisitClosed(visit)) breachIfLate(visit, at);
        steps.push({ action: 'withdraw', at });
        visits = closeCurrentVisit(visits, iso(at), null, null);
        visit = null;
        break;
      }
      case 'waiting':
        visit = null;
        break;
      case 'open': {
        if (!visit || ms(visit.enteredAt) >= now) return null;
        final = slaState(visit.enteredAt, visit.dueAt, iso(now));
        breachIfLate(visit, now);
        if (item.claim && random.chance(0.5)) {
          const at = now - random.int(5, 100) * 60_000;
          if (at > ms(visit.enteredAt)) steps.push({ action: 'claim', at, role: stageOf(stages, visit).role });
        }
        break;
      }
    }
  }
  if (steps.some((s) => s.at >= now)) return null;
  steps.sort((a, b) => a.at - b.at);
  return { steps, visits, final };
}
