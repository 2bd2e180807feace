import { DateTime } from 'luxon';
import {
  defaultAgencySettings,
  employeeDecider,
  isValidNip,
  nationalHolidays,
  predicateFor,
  previewProposal,
  roundCreditPoints,
  type AgencySettings,
  type EmployeeCommand,
  type EmployeeState,
  type ReferenceData,
  type RegisteredEmployee,
  type Role,
  type RuleOutcome,
} from '#domain';
import { loadNationalReference } from '#config';
import { DEMO_AGENCY_DATA, DEMO_USERS, demoUser } from '#demo';
import { casesOf, type CaseContext } from './demo-cases.js';
import { factsOf } from './demo-facts.js';
import { peopleOf } from './demo-people.js';
import {
  DAY,
  HOUR,
  iso,
  type AgencyPeople,
  type DemoPlan,
  type Person,
  type PlanOptions,
  type PlannedAgency,
  type PlannedCase,
  type PlannedEmployee,
  type PlannedFact,
} from './demo-plan-model.js';
import { OfficeCalendar } from './office-calendar.js';
import { Random } from './random.js';

export type { DemoPlan, PlanOptions, PlannedActor, PlannedCase, PlannedFact } from './demo-plan-model.js';

/**
 * The demo data as a plan: every command with its actor and the instant it happens at, computed
 * up front (pure, seeded), then run through the command path by the seed runner. Time walks
 * through the past: the system "went live" in January two years ago, the staff was registered
 * then (new hires at their appointment), appraisals of the three last years were submitted each
 * January–February, trainings recorded as they were completed, and promotion cases moved through
 * the pipeline with realistic stage durations, some of them late. Every case is checked with the
 * domain's own `previewProposal` on the record the seed will have written: only eligible ones are
 * proposed.
 */

export const DEFAULT_SEED_EMPLOYEES = 2000;

export function planDemoData(options: PlanOptions): DemoPlan {
  const ref = options.reference ?? loadNationalReference();
  const now = options.now.getTime();
  const random = new Random(options.seed ?? 20_240_108);
  const total = Math.max(options.employees ?? DEFAULT_SEED_EMPLOYEES, DEMO_USERS.length + 30);
  const year = DateTime.fromMillis(now, { zone: 'Asia/Jakarta' }).year;
  // National holidays and cuti bersama come from the reference data; the demo agencies add no days off of their own.
  const holidays = nationalHolidays(ref, [year - 3, year - 2, year - 1, year, year + 1, year + 2]);
  const usedNips = new Set<string>([...DEMO_USERS.map((u) => u.nip), ...(options.existingNips ?? [])]);
  const existing = options.existingNips ?? new Set<string>();

  // The system went live on the first working Monday of January two years ago.
  let goLiveDay = DateTime.fromObject({ year: year - 2, month: 1, day: 2 }, { zone: 'Asia/Jakarta' });
  while (goLiveDay.weekday !== 1 || holidays.includes(goLiveDay.toISODate() as string)) goLiveDay = goLiveDay.plus({ days: 1 });
  const goLive = goLiveDay.set({ hour: 8, minute: 30 }).toMillis();

  const agencies: PlannedAgency[] = [];
  const settings = new Map<string, AgencySettings>();
  const all: AgencyPeople[] = [];
  let remaining = total;
  DEMO_AGENCY_DATA.forEach((agency, index) => {
    const count = index === DEMO_AGENCY_DATA.length - 1 ? remaining : Math.round(total * agency.share);
    remaining -= count;
    const calendar = new OfficeCalendar(agency.timeZone, holidays);
    const admin = demoUser(agency.id, 'admin');
    const units = agency.units.map((u) => ({ id: u.id, name: u.name, parentId: u.parentId }));
    agencies.push({
      agencyId: agency.id,
      name: agency.name,
      timeZone: agency.timeZone,
      holidays: [],
      units,
      signatory: { ...agency.signatory },
      at: iso(calendar.snap(goLive - 4 * DAY, random)),
      actor: { nip: admin.nip, roles: ['admin'] },
    });
    settings.set(agency.id, {
      ...defaultAgencySettings(agency.id),
      name: agency.name,
      timeZone: agency.timeZone,
      units: units.map((u) => ({ ...u })),
      signatory: { ...agency.signatory },
      configVersion: 1,
    });
    all.push(peopleOf(agency, count, calendar, goLive, now, random, usedNips, ref));
  });

  const cases: PlannedCase[] = [];
  const extraFacts: PlannedFact[] = [];
  const caseTotal = Math.max(45, Math.round(total * 0.15));
  let caseRemaining = caseTotal;
  let ids = 0;
  const idRandom = random.fork(7);
  const context = (agencyId: string): CaseContext => ({
    ref,
    settings: settings.get(agencyId) as AgencySettings,
    now,
    year,
    random,
    facts: extraFacts,
    counters: new Map(),
    force: existing.size > 0,
    id: () => demoUuid(idRandom, (ids += 1)),
  });
  all.forEach((group, index) => {
    const count = index === all.length - 1 ? caseRemaining : Math.round(caseTotal * group.agency.share);
    caseRemaining -= count;
    cases.push(...casesOf(group, count, context(group.agency.id)));
  });

  const facts: PlannedFact[] = [];
  for (const group of all) facts.push(...factsOf(group, now, year, goLive, random));
  facts.push(...extraFacts);

  const people = new Map(all.flatMap((g) => g.people.map((p) => [p.nip, p] as const)));
  const employees: PlannedEmployee[] = all.flatMap((group) =>
    group.people.map((p) => ({
      agency: group.agency.id,
      at: iso(p.registeredAt),
      actor: { nip: demoUser(group.agency.id, 'hr').nip, roles: ['hr'] as Role[] },
      body: {
        nip: p.nip,
        name: p.name,
        unitId: p.unit.id,
        grade: p.grade,
        gradeSince: p.gradeSince,
        education: p.education,
        positionTitle: p.positionTitle,
        positionType: p.positionType,
        ...(p.eselon ? { eselon: p.eselon } : {}),
        ...(p.jenjang ? { jenjang: p.jenjang } : {}),
        positionSince: p.positionSince,
        superiorNip: p.superiorNip,
      },
    })),
  );

  // Every case as the decider will see it: the record, appraisals and trainings the seed writes first.
  const registration = new Map(employees.map((e) => [e.body.nip, e]));
  const factsByNip = new Map<string, PlannedFact[]>();
  for (const f of facts) factsByNip.set(f.body.nip, [...(factsByNip.get(f.body.nip) ?? []), f]);
  const eligible: PlannedCase[] = [];
  const dropped: { scenario: string; nip: string; failing: string[] }[] = [];
  let pak = 0;
  for (const c of cases) {
    const person = people.get(c.proposal.nip) as Person;
    const agency = settings.get(c.agency) as AgencySettings;
    const preview = () =>
      previewCase(c, registration.get(c.proposal.nip) as PlannedEmployee, factsByNip.get(c.proposal.nip) ?? [], agency, ref);
    let rules = preview();
    const short = rules.find((r) => r.rule === 'CREDIT_POINTS' && !r.passed);
    if (short && c.proposal.kind === 'FUNCTIONAL') {
      // The credit points before 2023 come only from a PAK: the functional official's last statement.
      const points = Number(short.params?.points ?? 0);
      const target = Number(short.params?.target ?? 0);
      const pakFact = creditPointStatement(c, person, points, target, (pak += 1), random, all);
      if (pakFact) {
        facts.push(pakFact);
        factsByNip.set(c.proposal.nip, [...(factsByNip.get(c.proposal.nip) ?? []), pakFact]);
        rules = preview();
      }
    }
    const failing = rules.filter((r) => r.blocking !== false && !r.passed).map((r) => r.rule);
    if (failing.length === 0) eligible.push(c);
    else dropped.push({ scenario: c.scenario, nip: c.proposal.nip, failing });
  }

  const keptEmployees = employees.filter((e) => !existing.has(e.body.nip));
  const keptFacts = facts.filter((f) => !existing.has(f.body.nip));
  const keptCases = eligible.filter((c) => !existing.has(c.proposal.nip));
  for (const e of keptEmployees) if (!isValidNip(e.body.nip)) throw new Error(`planned an invalid NIP ${e.body.nip}`);

  return {
    now: iso(now),
    goLive: iso(goLive),
    agencies,
    employees: keptEmployees,
    facts: keptFacts,
    cases: keptCases,
    dropped,
    commands: agencies.length + keptEmployees.length + keptFacts.length + keptCases.reduce((n, c) => n + c.steps.length, 0),
  };
}

/** The rule outcomes `ProposePromotion` will record for the case, from the planned record. */
function previewCase(
  c: PlannedCase,
  registration: PlannedEmployee,
  facts: readonly PlannedFact[],
  agency: AgencySettings,
  ref: ReferenceData,
): RuleOutcome[] {
  let state: EmployeeState = employeeDecider.initialState();
  const apply = (command: EmployeeCommand) => {
    for (const event of employeeDecider.decide(command, state)) state = employeeDecider.evolve(state, event);
  };
  const metadata = (at: string) => ({ actor: registration.actor.nip, roles: ['hr'] as Role[], agency: c.agency, now: at });
  const context = { timeZone: agency.timeZone };
  apply({ type: 'RegisterEmployee', data: registration.body, metadata: metadata(registration.at), context });
  const appraisals: { period: number; predicate: ReturnType<typeof predicateFor> }[] = [];
  const trainings: { hours: number; completedOn: string }[] = [];
  for (const f of [...facts].sort((a, b) => (a.at < b.at ? -1 : 1))) {
    switch (f.kind) {
      case 'appraisal':
        appraisals.push({ period: f.body.period, predicate: predicateFor(f.body.results, f.body.behaviour) });
        break;
      case 'training':
        trainings.push({ hours: f.body.hours, completedOn: f.body.completedOn });
        break;
      case 'education':
        apply({ type: 'RecordEducation', data: f.body, metadata: metadata(f.at), context });
        break;
      case 'credit-points':
        apply({ type: 'StateCreditPoints', data: f.body, metadata: metadata(f.at), context });
        break;
      case 'service-exam':
        apply({ type: 'RecordServiceExam', data: f.body, metadata: metadata(f.at), context });
        break;
      case 'sanction':
        apply({ type: 'ImposeSanction', data: { ...f.body, sanctionId: `plan-${f.at}` }, metadata: metadata(f.at), context });
        break;
      case 'delegation':
        break;
    }
  }
  const preview = previewProposal(
    state as RegisteredEmployee,
    c.proposal,
    { employee: state, approvals: [], appraisals, trainings, agency, reference: ref, openCaseId: null },
    c.steps[0].at,
  );
  return preview.rules;
}

/** A PAK (penetapan angka kredit) stated after the last KP, before the proposal, that brings the points to the target. */
function creditPointStatement(
  c: PlannedCase,
  person: Person,
  accrued: number,
  target: number,
  seq: number,
  random: Random,
  groups: AgencyPeople[],
): PlannedFact | null {
  const calendar = (groups.find((g) => g.agency.id === c.agency) as AgencyPeople).calendar;
  const proposedAt = Date.parse(c.steps[0].at);
  // Before 2023 the points came only through a PAK; the conversion PAK of the end of 2022 is the usual one.
  const statedOn = person.gradeSince < '2022-12-30' ? '2022-12-30' : calendar.date(proposedAt - random.int(20, 60) * DAY);
  if (statedOn <= person.gradeSince) return null;
  const points = roundCreditPoints(Math.max(0, target - (statedOn === '2022-12-30' ? accrued : 0)) + random.int(1, 40) / 8);
  const at = calendar.snap(Math.max(person.registeredAt + HOUR, Date.parse(`${statedOn}T02:00:00Z`)) + random.int(1, 12) * DAY, random);
  if (at >= proposedAt - HOUR) return null;
  return {
    kind: 'credit-points',
    agency: c.agency,
    at: iso(at),
    actor: { nip: demoUser(c.agency, 'hr').nip, roles: ['hr'] },
    body: { nip: person.nip, pakNumber: `800.1.13/${String(seq).padStart(3, '0')}/PAK/BKPSDM/${statedOn.slice(0, 4)}`, statedOn, points },
  };
}

/** A UUID-shaped id from the plan's random stream (deterministic plans, unique ids). */
function demoUuid(random: Random, n: number): string {
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random.next() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[n % 4]}${hex(3)}-${hex(12)}`;
}
