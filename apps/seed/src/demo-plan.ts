import { DateTime } from 'luxon';
import { isValidNip, type EducationLevel, type Eselon, type Grade, type Jenjang, type PositionType, type Role } from '#domain';
import { DEMO_AGENCY_DATA, DEMO_USERS, demoUser } from '#demo';
import { casesOf, EXCEPTION_JUSTIFICATIONS } from './demo-cases.js';
import { factsOf } from './demo-facts.js';
import { peopleOf } from './demo-people.js';
import {
  DAY,
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
import { indonesianHolidays } from './holidays.js';
import { OfficeCalendar } from './office-calendar.js';
import { Random } from './random.js';

export type { DemoPlan, PlanOptions, PlannedActor, PlannedCase, PlannedFact } from './demo-plan-model.js';

/**
 * The demo data as a plan: every command with its actor and the instant it happens at, computed
 * up front (pure, seeded), then run through the command path by the seed runner. Time walks
 * through the past: the system "went live" in January two years ago, the staff was registered
 * then (new hires at their appointment), appraisals of the three last years were submitted each
 * January–February, trainings recorded as they were completed, and promotion cases moved through
 * the pipeline with realistic stage durations, some of them late.
 */

export const DEFAULT_SEED_EMPLOYEES = 2000;

export function planDemoData(options: PlanOptions): DemoPlan {
  const now = options.now.getTime();
  const random = new Random(options.seed ?? 20_240_108);
  const total = Math.max(options.employees ?? DEFAULT_SEED_EMPLOYEES, DEMO_USERS.length + 30);
  const year = DateTime.fromMillis(now, { zone: 'Asia/Jakarta' }).year;
  const holidays = indonesianHolidays([year - 3, year - 2, year - 1, year, year + 1]);
  const usedNips = new Set<string>([...DEMO_USERS.map((u) => u.nip), ...(options.existingNips ?? [])]);
  const existing = options.existingNips ?? new Set<string>();

  // The system went live on the first working Monday of January two years ago.
  let goLiveDay = DateTime.fromObject({ year: year - 2, month: 1, day: 2 }, { zone: 'Asia/Jakarta' });
  while (goLiveDay.weekday !== 1 || holidays.includes(goLiveDay.toISODate() as string)) goLiveDay = goLiveDay.plus({ days: 1 });
  const goLive = goLiveDay.set({ hour: 8, minute: 30 }).toMillis();

  const agencies: PlannedAgency[] = [];
  const all: AgencyPeople[] = [];
  let remaining = total;
  DEMO_AGENCY_DATA.forEach((agency, index) => {
    const count = index === DEMO_AGENCY_DATA.length - 1 ? remaining : Math.round(total * agency.share);
    remaining -= count;
    const calendar = new OfficeCalendar(agency.timeZone, holidays);
    const admin = demoUser(agency.id, 'admin');
    agencies.push({
      agencyId: agency.id,
      name: agency.name,
      timeZone: agency.timeZone,
      holidays: holidays.filter((d) => d >= `${year - 3}-01-01`),
      at: iso(calendar.snap(goLive - 4 * DAY, random)),
      actor: { nip: admin.nip, roles: ['admin'] },
    });
    all.push(peopleOf(agency, count, calendar, goLive, now, random, usedNips));
  });

  const cases: PlannedCase[] = [];
  const caseTotal = Math.max(45, Math.round(total * 0.15));
  let caseRemaining = caseTotal;
  all.forEach((group, index) => {
    const count = index === all.length - 1 ? caseRemaining : Math.round(caseTotal * group.agency.share);
    caseRemaining -= count;
    cases.push(...casesOf(group, count, now, year, random));
  });

  const facts: PlannedFact[] = [];
  for (const group of all) facts.push(...factsOf(group, now, year, goLive, random));

  // Every case's eligibility as the decider will see it (facts recorded before the proposal).
  for (const c of cases) {
    const person = all.flatMap((g) => g.people).find((p) => p.nip === c.proposal.nip) as Person;
    const proposedAt = Date.parse(c.steps[0].at);
    const calendar = all.find((g) => g.agency.id === c.agency)?.calendar as OfficeCalendar;
    c.expectEligible = !c.proposal.exceptionJustification;
    if (!c.expectEligible && !c.proposal.exceptionJustification) c.proposal.exceptionJustification = random.pick(EXCEPTION_JUSTIFICATIONS);
  }

  const employees: PlannedEmployee[] = all
    .flatMap((group) =>
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
          positionTitle: p.positionTitle,
          ...demoPostLevel(p.positionType, p.grade),
        },
      })),
    )
    .filter((e) => !existing.has(e.body.nip));
  const keptFacts = facts.filter((f) => !existing.has(f.body.nip));
  const keptCases = cases.filter((c) => !existing.has(c.proposal.nip));
  for (const e of employees) if (!isValidNip(e.body.nip)) throw new Error(`planned an invalid NIP ${e.body.nip}`);

  return {
    now: iso(now),
    goLive: iso(goLive),
    agencies,
    employees,
    facts: keptFacts,
    cases: keptCases,
    commands: agencies.length + employees.length + keptFacts.length + keptCases.reduce((n, c) => n + c.steps.length, 0),
  };
}

/**
 * Education and the eselon or jenjang a registration needs, derived from the post type and grade
 * (the demo people predate them): a plausible level for the grade, never a rule input of its own.
 */
function demoPostLevel(
  positionType: PositionType,
  grade: Grade,
): { positionType: PositionType; education: EducationLevel; eselon?: Eselon; jenjang?: Jenjang } {
  const group = grade.slice(0, grade.indexOf('/'));
  switch (positionType) {
    case 'JPT':
      return { positionType, education: 'S2', eselon: 'II.b' };
    case 'ADMINISTRATOR':
      return { positionType, education: 'S1', eselon: 'III.a' };
    case 'PENGAWAS':
      return { positionType, education: 'S1', eselon: 'IV.a' };
    case 'FUNGSIONAL': {
      const jenjang: Jenjang =
        group === 'IV'
          ? grade >= 'IV/d'
            ? 'AHLI_UTAMA'
            : 'AHLI_MADYA'
          : group === 'III'
            ? grade >= 'III/c'
              ? 'AHLI_MUDA'
              : 'AHLI_PERTAMA'
            : 'TERAMPIL';
      return { positionType, education: group === 'II' || group === 'I' ? 'D3' : 'S1', jenjang };
    }
    default:
      return { positionType, education: group === 'II' || group === 'I' ? 'SLTA' : 'S1' };
  }
}
