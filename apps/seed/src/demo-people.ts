import { DateTime } from 'luxon';
import { GRADES, gradeIndex, isValidNip, type Grade, type PositionType, type Role } from '#domain';
import { DEMO_USERS, demoUser, type DemoAgency, type DemoUnit } from '#demo';
import { personName } from './demo-names.js';
import { DAY, HOUR, type AgencyPeople, type Performance, type Person, type PlannedActor, type TrainingTier } from './demo-plan-model.js';
import type { OfficeCalendar } from './office-calendar.js';
import type { Random } from './random.js';

/** The staff of the demo agencies: posts per unit, grades, appointment and registration dates. */

export function peopleOf(
  agency: DemoAgency,
  count: number,
  calendar: OfficeCalendar,
  goLive: number,
  now: number,
  random: Random,
  used: Set<string>,
): AgencyPeople {
  const demos = DEMO_USERS.filter((u) => u.agency === agency.id);
  const generated = Math.max(count - demos.length, agency.units.length * 3);
  const weights = agency.units.reduce((sum, u) => sum + u.weight, 0);
  // Every unit gets its head and at least two more; the rest by weight.
  const sizes = agency.units.map((u) => 3 + Math.floor(((generated - agency.units.length * 3) * u.weight) / weights));
  let spare = generated - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; spare > 0; i = (i + 1) % sizes.length, spare -= 1) sizes[i] += 1;

  const people: Person[] = [];
  const heads = new Map<string, Person>();
  const goLiveDate = calendar.date(goLive);
  agency.units.forEach((unit, u) => {
    for (let i = 0; i < sizes[u]; i += 1) {
      const role: 'head' | 'structural' | 'functional' | 'staff' =
        i === 0
          ? 'head'
          : i <= Math.min(unit.structural.length, Math.floor(sizes[u] / 6) + 1)
            ? 'structural'
            : random.chance(functionalShare(unit))
              ? 'functional'
              : 'staff';
      const post =
        role === 'head'
          ? unit.head
          : role === 'structural'
            ? unit.structural[(i - 1) % unit.structural.length]
            : {
                title: random.pick(role === 'functional' ? unit.functional : unit.staff),
                type: (role === 'functional' ? 'FUNGSIONAL' : 'PELAKSANA') as PositionType,
              };
      const person = makePerson(agency, unit, post, role, calendar, goLive, goLiveDate, now, random, used);
      people.push(person);
      if (role === 'head') heads.set(unit.id, person);
    }
  });
  for (const demo of demos) {
    const unit = agency.units.find((x) => x.id === demo.unitId) ?? agency.units[0];
    people.push({
      agency,
      unit,
      nip: demo.nip,
      name: demo.name,
      grade: demo.grade,
      gradeSince: demo.gradeSince,
      positionTitle: demo.positionTitle,
      positionType: demo.positionType,
      registeredAt: calendar.snap(goLive + random.int(0, 3) * DAY, random),
      appointedOn: `${demo.nip.slice(8, 12)}-${demo.nip.slice(12, 14)}-01`,
      performance: demo.roles.includes('employee') ? 'star' : 'solid',
      tier: demo.roles.includes('employee') ? 'some' : 'high',
      demo,
      goodPeriods: new Set(),
      trainingWindow: null,
      isHead: false,
      busy: true,
      appraisals: [],
      trainings: [],
      sanctions: [],
    });
  }

  // Who proposes and decides: the demo user of the role most of the time, and a few colleagues.
  const colleagues = (unitIds: string[], n: number) => {
    const found = people
      .filter((p) => !p.demo && !p.busy && !p.isHead && unitIds.includes(p.unit.id) && p.positionType !== 'PELAKSANA')
      .slice(0, n);
    for (const p of found) p.busy = true;
    return found.map((p) => p.nip);
  };
  const pool = (role: Role, others: string[]): PlannedActor[] => {
    const lead = demoUser(agency.id, role).nip;
    return [lead, lead, lead, ...others].map((nip) => ({ nip, roles: [role] }));
  };
  return {
    agency,
    calendar,
    people,
    heads,
    pools: {
      hr: pool('hr', colleagues(['bkpsdm'], 1)),
      verifier: pool('verifier', colleagues(['bkpsdm'], 2)),
      committee: pool('committee', colleagues(['sekretariat-daerah', 'bappeda', 'inspektorat'], 2)),
      ppk: pool('ppk', []),
    },
  };
}

function functionalShare(unit: DemoUnit): number {
  if (unit.id === 'dinas-pendidikan') return 0.85;
  if (unit.id.includes('kesehatan') || unit.id.startsWith('rsud')) return 0.75;
  if (unit.id === 'inspektorat') return 0.7;
  if (unit.id.startsWith('kelurahan') || unit.id.startsWith('kecamatan')) return 0.15;
  return 0.4;
}

function makePerson(
  agency: DemoAgency,
  unit: DemoUnit,
  post: { title: string; type: PositionType },
  role: 'head' | 'structural' | 'functional' | 'staff',
  calendar: OfficeCalendar,
  goLive: number,
  goLiveDate: string,
  now: number,
  random: Random,
  used: Set<string>,
): Person {
  const nowYear = DateTime.fromMillis(now).year;
  const female = unit.id === 'dinas-pendidikan' || unit.id.includes('kesehatan') || unit.id.startsWith('rsud') ? 0.65 : 0.45;
  const sex: 1 | 2 = random.chance(female) ? 2 : 1;
  const newHire = role !== 'head' && role !== 'structural' && random.chance(0.06);
  const seniority = role === 'head' ? [48, 57] : role === 'structural' ? [38, 55] : [24, 57];
  let appointment: DateTime;
  let birth: DateTime;
  if (newHire) {
    // CPNS appointed after go-live (formasi of the last two years), registered on appointment.
    const months = Math.max(1, Math.floor((now - goLive) / (30 * DAY)) - 1);
    appointment = DateTime.fromMillis(goLive, { zone: agency.timeZone })
      .startOf('month')
      .plus({ months: random.int(1, months) });
    birth = appointment.minus({ years: random.int(22, 30) }).set({ month: random.int(1, 12), day: random.int(1, 28) });
  } else {
    const age = random.int(seniority[0], seniority[1]);
    birth = DateTime.fromObject({ year: nowYear - age, month: random.int(1, 12), day: random.int(1, 28) }, { zone: agency.timeZone });
    const atAge = random.int(21, Math.min(35, age - 3));
    appointment = DateTime.fromObject(
      { year: birth.year + atAge, month: random.pick([1, 2, 3, 3, 4, 12]), day: 1 },
      { zone: agency.timeZone },
    );
    if (appointment.toMillis() > goLive - 400 * DAY)
      appointment = DateTime.fromMillis(goLive - 400 * DAY, { zone: agency.timeZone }).startOf('month');
  }
  const appointedOn = appointment.toISODate() as string;
  const nip = uniqueNip(birth, appointment, sex, random, used);

  // Entry grade by education, then roughly a step every four years, capped; structural posts need more.
  // Functional posts (teachers, nurses, auditors) need a degree; executing staff often joined with SMA or D3.
  const entry = random.weighted<Grade>(
    role === 'functional'
      ? [
          ['II/c', 0.05],
          ['III/a', 0.8],
          ['III/b', 0.15],
        ]
      : role === 'staff'
        ? [
            ['II/a', 0.4],
            ['II/c', 0.25],
            ['III/a', 0.35],
          ]
        : [
            ['II/c', 0.1],
            ['III/a', 0.7],
            ['III/b', 0.2],
          ],
  );
  const cap: Record<string, Grade> = { 'II/a': 'III/b', 'II/c': 'III/c', 'III/a': 'IV/a', 'III/b': 'IV/b' };
  let index = gradeIndex(entry);
  const years = (goLive - appointment.toMillis()) / (365.25 * DAY);
  if (!newHire) index = Math.min(gradeIndex(cap[entry]), index + Math.floor(Math.max(0, years - 1) / random.between(4, 5)));
  const floor = {
    head: post.type === 'JPT' ? 'IV/b' : post.type === 'ADMINISTRATOR' ? 'IV/a' : 'III/c',
    structural: post.type === 'ADMINISTRATOR' ? 'III/d' : 'III/b',
  } as Record<string, Grade>;
  if (role === 'head' || role === 'structural') index = Math.max(index, gradeIndex(floor[role]));
  if (role === 'head' && post.type === 'JPT') index = gradeIndex(random.pick<Grade>(['IV/b', 'IV/c', 'IV/c', 'IV/d']));
  const grade = GRADES[Math.min(index, GRADES.length - 2)];

  let gradeSince: string;
  let registeredAt: number;
  if (newHire) {
    gradeSince = appointedOn;
    registeredAt = calendar.snap(appointment.toMillis() + random.int(2, 20) * DAY, random);
  } else {
    // Last promotion on a 1 April or 1 October in the seven and a half years before go-live, never before appointment.
    const since = DateTime.fromMillis(goLive - random.between(0.3, 7.5) * 365.25 * DAY, { zone: agency.timeZone });
    const tmt = DateTime.fromObject(
      { year: since.year, month: since.month >= 10 ? 10 : since.month >= 4 ? 4 : 10, day: 1 },
      { zone: agency.timeZone },
    ).minus({ years: since.month < 4 ? 1 : 0 });
    gradeSince = tmt.toMillis() < appointment.toMillis() ? appointedOn : (tmt.toISODate() as string);
    if (gradeSince > goLiveDate) gradeSince = appointedOn;
    registeredAt = calendar.snap(goLive + random.int(0, 14) * DAY + random.int(0, 6) * HOUR, random);
  }

  // Training reaches some units and posts far more than others.
  const access = unit.trainingAccess * (role === 'head' ? 2 : role === 'structural' ? 1.6 : role === 'functional' ? 1 : 0.8);
  const score = random.next() / access;
  const tier: TrainingTier = score < 0.1 ? 'high' : score < 0.3 ? 'some' : score < 0.48 ? 'rare' : 'none';
  const performance = random.weighted<Performance>([
    ['star', 0.1],
    ['solid', 0.78],
    ['weak', 0.09],
    ['poor', 0.03],
  ]);

  return {
    agency,
    unit,
    nip,
    name: uniqueName(agency.region, sex, random),
    grade,
    gradeSince,
    positionTitle: post.title,
    positionType: post.type,
    registeredAt,
    appointedOn,
    performance,
    tier,
    demo: null,
    goodPeriods: new Set(),
    trainingWindow: null,
    isHead: role === 'head',
    busy: false,
    appraisals: [],
    trainings: [],
    sanctions: [],
  };
}

const DEMO_NAMES = new Set(DEMO_USERS.map((u) => u.name));

/** A regional name that no demo user carries (signing in as "Sri Wahyuni" should be unambiguous). */
function uniqueName(region: DemoAgency['region'], sex: 1 | 2, random: Random): string {
  for (;;) {
    const name = personName(region, sex, random);
    if (!DEMO_NAMES.has(name)) return name;
  }
}

function uniqueNip(birth: DateTime, appointment: DateTime, sex: 1 | 2, random: Random, used: Set<string>): string {
  const prefix = `${birth.toFormat('yyyyMMdd')}${appointment.toFormat('yyyyMM')}${sex}`;
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    const nip = `${prefix}${String(random.int(1, 999)).padStart(3, '0')}`;
    if (!used.has(nip) && isValidNip(nip)) {
      used.add(nip);
      return nip;
    }
  }
  throw new Error(`no free NIP sequence for ${prefix}`);
}
