import { DateTime } from 'luxon';
import {
  GRADES,
  entryGrade,
  eselonRange,
  gradeIndex,
  isGradeInRange,
  isValidNip,
  jenjangRange,
  regularCeiling,
  type EducationLevel,
  type Eselon,
  type Grade,
  type Jenjang,
  type PositionType,
  type ReferenceData,
  type Role,
} from '#domain';
import { DEMO_USERS, demoUser, type DemoAgency, type DemoPost, type DemoUnit, type DemoUser } from '#demo';
import { personName } from './demo-names.js';
import { DAY, HOUR, type AgencyPeople, type Performance, type Person, type PlannedActor, type TrainingTier } from './demo-plan-model.js';
import type { OfficeCalendar } from './office-calendar.js';
import type { Random } from './random.js';

/**
 * The staff of the demo agencies: posts per unit with eselon or jenjang, grades within the post's
 * range and the education's entry grade and ceiling, appointment and registration dates, and the
 * direct superior along the unit hierarchy (staff → Kasi/Kasubbag → Kabid/Sekretaris → head → Sekda).
 */

/** Functional posts with a skill track (D3: Terampil, Mahir, Penyelia) besides the expert one. */
const SKILL_TRACK = /^(Perawat|Bidan|Radiografer|Pranata|Perekam Medis|Fisioterapis|Sanitarian|Arsiparis|Pustakawan|Nutrisionis)/;

const JENJANG_TITLE: Record<Jenjang, string> = {
  PEMULA: 'Pemula',
  TERAMPIL: 'Terampil',
  MAHIR: 'Mahir',
  PENYELIA: 'Penyelia',
  AHLI_PERTAMA: 'Ahli Pertama',
  AHLI_MUDA: 'Ahli Muda',
  AHLI_MADYA: 'Ahli Madya',
  AHLI_UTAMA: 'Ahli Utama',
};
const SKILL_JENJANGS: Jenjang[] = ['TERAMPIL', 'MAHIR', 'PENYELIA'];
const EXPERT_JENJANGS: Jenjang[] = ['AHLI_PERTAMA', 'AHLI_MUDA', 'AHLI_MADYA'];

/** The jenjang of a track whose grade range holds `grade`, if any. */
function jenjangFor(ref: ReferenceData, track: 'skill' | 'expert', grade: Grade): Jenjang | null {
  return (track === 'skill' ? SKILL_JENJANGS : EXPERT_JENJANGS).find((j) => isGradeInRange(grade, jenjangRange(ref, j))) ?? null;
}

function functionalTitle(base: string, jenjang: Jenjang): string {
  return `${base} ${JENJANG_TITLE[jenjang]}`;
}

type Role4 = 'head' | 'structural' | 'functional' | 'staff';

export function peopleOf(
  agency: DemoAgency,
  count: number,
  calendar: OfficeCalendar,
  goLive: number,
  now: number,
  random: Random,
  used: Set<string>,
  ref: ReferenceData,
): AgencyPeople {
  const demos = DEMO_USERS.filter((u) => u.agency === agency.id && !u.employer);
  const generated = Math.max(count - demos.length, agency.units.length * 3);
  const weights = agency.units.reduce((sum, u) => sum + u.weight, 0);
  // Every unit gets its head and at least two more; the rest by weight.
  const sizes = agency.units.map((u) => 3 + Math.floor(((generated - agency.units.length * 3) * u.weight) / weights));
  let spare = generated - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; spare > 0; i = (i + 1) % sizes.length, spare -= 1) sizes[i] += 1;

  const people: Person[] = [];
  // "Sekretaris Kelurahan Terjun" holds the post "Sekretaris Kelurahan" of its unit.
  const heldByDemo = (unitId: string, title: string) => demos.some((d) => d.unitId === unitId && d.positionTitle.startsWith(title));
  const goLiveDate = calendar.date(goLive);
  agency.units.forEach((unit, u) => {
    const structural = unit.structural.slice(0, Math.max(1, Math.floor(sizes[u] / 5) + 1));
    for (let i = 0; i < sizes[u]; i += 1) {
      let role: Role4 =
        i === 0 ? 'head' : i <= structural.length ? 'structural' : random.chance(functionalShare(unit)) ? 'functional' : 'staff';
      // A post a demo user holds is theirs (the Camat of Medan Marelan, a Kabid, a Sekretaris Kelurahan): the slot is staff.
      const planned = role === 'head' ? unit.head : role === 'structural' ? structural[i - 1] : null;
      if (planned && heldByDemo(unit.id, planned.title)) role = 'staff';
      const post: DemoPost =
        role === 'head'
          ? unit.head
          : role === 'structural'
            ? structural[i - 1]
            : role === 'functional'
              ? { title: random.pick(unit.functional), type: 'FUNGSIONAL', eselon: null }
              : { title: random.pick(unit.staff), type: 'PELAKSANA', eselon: null };
      people.push(makePerson(agency, unit, post, role, calendar, goLive, goLiveDate, now, random, used, ref));
    }
  });
  for (const demo of demos) people.push(demoPerson(agency, demo, calendar, goLive, goLiveDate, random));
  assignSuperiors(agency, people, random);

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
  const heads = new Map(people.filter((p) => p.isHead).map((p) => [p.unit.id, p]));
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
      bkn: pool('bkn', []),
    },
  };
}

/** Superiors along the unit hierarchy; the Sekda (the PPK's authorised officer) reports to the Wali Kota, outside the system. */
function assignSuperiors(agency: DemoAgency, people: Person[], random: Random): void {
  const sekda = demoUser(agency.id, 'ppk').nip;
  const byUnit = new Map<string, Person[]>();
  for (const p of people) byUnit.set(p.unit.id, [...(byUnit.get(p.unit.id) ?? []), p]);
  const headOf = (unitId: string) => byUnit.get(unitId)?.find((p) => p.isHead) ?? null;
  for (const p of people) {
    if (p.nip === sekda) {
      p.superiorNip = null;
      continue;
    }
    const unit = byUnit.get(p.unit.id) ?? [];
    const head = headOf(p.unit.id);
    const admins = unit.filter((x) => !x.isHead && x.positionType === 'ADMINISTRATOR');
    const supervisors = unit.filter((x) => !x.isHead && x.positionType === 'PENGAWAS');
    let superior: Person | null;
    if (p.isHead || p.positionType === 'JPT') superior = p.unit.parentId ? headOf(p.unit.parentId) : null;
    else if (p.positionType === 'ADMINISTRATOR') superior = head;
    else if (p.positionType === 'PENGAWAS') superior = admins.length > 0 ? admins[supervisors.indexOf(p) % admins.length] : head;
    else superior = supervisors.length > 0 ? random.pick(supervisors) : admins.length > 0 ? random.pick(admins) : head;
    p.superiorNip = superior && superior.nip !== p.nip ? superior.nip : sekda;
  }
}

function functionalShare(unit: DemoUnit): number {
  if (unit.id === 'dinas-pendidikan') return 0.85;
  if (unit.id.includes('kesehatan') || unit.id.startsWith('rsud')) return 0.75;
  if (unit.id === 'inspektorat') return 0.7;
  if (unit.id.startsWith('kelurahan') || unit.id.startsWith('kecamatan')) return 0.15;
  return 0.4;
}

function demoPerson(
  agency: DemoAgency,
  demo: DemoUser,
  calendar: OfficeCalendar,
  goLive: number,
  goLiveDate: string,
  random: Random,
): Person {
  const unit = agency.units.find((x) => x.id === demo.unitId) ?? agency.units[0];
  const structural = demo.positionType === 'JPT' || demo.positionType === 'ADMINISTRATOR' || demo.positionType === 'PENGAWAS';
  // Installed in a structural post some time after the last KP; functional and executing posts since it.
  const positionSince = structural ? (DateTime.fromISO(demo.gradeSince).plus({ days: 200 }).toISODate() as string) : demo.gradeSince;
  return {
    agency,
    unit,
    nip: demo.nip,
    name: demo.name,
    grade: demo.grade,
    gradeSince: demo.gradeSince,
    education: demo.education,
    positionTitle: demo.positionTitle,
    positionType: demo.positionType,
    eselon: demo.eselon ?? null,
    jenjang: demo.jenjang ?? null,
    positionSince: positionSince < goLiveDate ? positionSince : demo.gradeSince,
    superiorNip: null,
    track: demo.jenjang ? (SKILL_JENJANGS.includes(demo.jenjang) ? 'skill' : 'expert') : null,
    registeredAt: calendar.snap(goLive + random.int(0, 3) * DAY, random),
    appointedOn: `${demo.nip.slice(8, 12)}-${demo.nip.slice(12, 14)}-01`,
    performance: demo.roles.includes('employee') ? 'star' : 'solid',
    tier: demo.roles.includes('employee') ? 'some' : 'high',
    demo,
    goodPeriods: new Set(),
    starPeriods: new Set(),
    needs: {},
    trainingWindow: null,
    isHead: unit.head.title === demo.positionTitle,
    busy: true,
    appraisals: [],
    trainings: [],
    sanctions: [],
  };
}

const at = (index: number) => GRADES[Math.max(0, Math.min(index, GRADES.length - 1))];

/** Grade, education and post level of a new person: consistent with the reference tables. */
function postAndGrade(
  post: DemoPost,
  role: Role4,
  seniorSteps: number,
  newHire: boolean,
  random: Random,
  ref: ReferenceData,
): {
  grade: Grade;
  education: EducationLevel;
  eselon: Eselon | null;
  jenjang: Jenjang | null;
  title: string;
  track: 'skill' | 'expert' | null;
} {
  if (role === 'head' || role === 'structural') {
    const eselon = post.eselon as Eselon;
    const range = eselonRange(ref, eselon);
    const education: EducationLevel =
      post.type === 'JPT'
        ? 'S2'
        : post.type === 'ADMINISTRATOR'
          ? random.chance(0.5)
            ? 'S2'
            : 'S1'
          : random.weighted([
              ['S1', 0.85],
              ['D3', 0.1],
              ['S2', 0.05],
            ]);
    // Mostly within the eselon's range; an ADMINISTRATOR or PENGAWAS may sit one step below it (installed before the grade).
    const low = gradeIndex(range.from) - (post.type === 'JPT' ? 0 : 1);
    const index = Math.max(
      gradeIndex(entryGrade(ref, education)),
      Math.min(
        gradeIndex(range.to),
        low +
          random.weighted(
            post.type === 'JPT'
              ? [
                  [0, 0.55],
                  [1, 0.45],
                ]
              : [
                  [0, 0.25],
                  [1, 0.45],
                  [2, 0.25],
                  [3, 0.05],
                ],
          ),
      ),
    );
    return { grade: at(index), education, eselon, jenjang: null, title: post.title, track: null };
  }
  if (role === 'functional') {
    const track: 'skill' | 'expert' = SKILL_TRACK.test(post.title) && random.chance(0.45) ? 'skill' : 'expert';
    const education: EducationLevel = track === 'skill' ? 'D3' : random.chance(0.1) ? 'S2' : 'S1';
    const entry = gradeIndex(entryGrade(ref, education));
    const top = gradeIndex(track === 'skill' ? 'III/d' : 'IV/b');
    const grade = at(Math.min(top, entry + (newHire ? 0 : seniorSteps)));
    const jenjang = jenjangFor(ref, track, grade) as Jenjang;
    return { grade, education, eselon: null, jenjang, title: functionalTitle(post.title, jenjang), track };
  }
  const education: EducationLevel =
    post.title === 'Pengemudi'
      ? 'SLTA'
      : random.weighted([
          ['SLTA', 0.35],
          ['D3', 0.2],
          ['S1', 0.45],
        ]);
  const entry = gradeIndex(entryGrade(ref, education));
  const grade = at(Math.min(gradeIndex(regularCeiling(ref, education)), entry + (newHire ? 0 : seniorSteps)));
  return { grade, education, eselon: null, jenjang: null, title: post.title, track: null };
}

function makePerson(
  agency: DemoAgency,
  unit: DemoUnit,
  post: DemoPost,
  role: Role4,
  calendar: OfficeCalendar,
  goLive: number,
  goLiveDate: string,
  now: number,
  random: Random,
  used: Set<string>,
  ref: ReferenceData,
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

  // Roughly a grade step every four to five years of service, within what the post and education allow.
  const years = (goLive - appointment.toMillis()) / (365.25 * DAY);
  const steps = Math.floor(Math.max(0, years - 1) / random.between(4, 5));
  const level = postAndGrade(post, role, steps, newHire, random, ref);

  let gradeSince: string;
  let registeredAt: number;
  if (newHire) {
    gradeSince = appointedOn;
    registeredAt = calendar.snap(appointment.toMillis() + random.int(2, 20) * DAY, random);
  } else {
    // Last promotion on a 1 April or 1 October (the periods before 2024) in the seven years before go-live, never before appointment.
    const since = DateTime.fromMillis(goLive - random.between(0.3, 7.5) * 365.25 * DAY, { zone: agency.timeZone });
    const tmt = DateTime.fromObject(
      { year: since.year, month: since.month >= 10 ? 10 : since.month >= 4 ? 4 : 10, day: 1 },
      { zone: agency.timeZone },
    ).minus({ years: since.month < 4 ? 1 : 0 });
    gradeSince = tmt.toMillis() < appointment.toMillis() ? appointedOn : (tmt.toISODate() as string);
    if (gradeSince > goLiveDate) gradeSince = appointedOn;
    registeredAt = calendar.snap(goLive + random.int(0, 14) * DAY + random.int(0, 6) * HOUR, random);
  }
  // Installed in a structural post on an ordinary working day (pelantikan), after appointment and before go-live.
  let positionSince = gradeSince;
  if (role === 'head' || role === 'structural') {
    const earliest = Math.max(appointment.toMillis() + 3 * 365 * DAY, goLive - 6 * 365 * DAY);
    const latest = goLive - 60 * DAY;
    positionSince = calendar.date(calendar.momentOn(calendar.date(earliest < latest ? random.between(earliest, latest) : latest), random));
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
    grade: level.grade,
    gradeSince,
    education: level.education,
    positionTitle: level.title,
    positionType: post.type as PositionType,
    eselon: level.eselon,
    jenjang: level.jenjang,
    positionSince,
    superiorNip: null,
    track: level.track,
    registeredAt,
    appointedOn,
    performance,
    tier,
    demo: null,
    goodPeriods: new Set(),
    starPeriods: new Set(),
    needs: {},
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
