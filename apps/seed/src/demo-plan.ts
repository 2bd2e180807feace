import { DateTime } from 'luxon';
import {
  addSla,
  closeCurrentVisit,
  DEFAULT_MERIT_POLICY,
  DEFAULT_STAGES,
  evaluateMerit,
  GRADES,
  gradeIndex,
  isEligible,
  isValidNip,
  isVisitBreached,
  isVisitClosed,
  nextGrade,
  openVisit,
  predicateFor,
  slaState,
  type CompetencyKind,
  type Grade,
  type PositionType,
  type Predicate,
  type PromotionKind,
  type Rating,
  type Role,
  type SanctionLevel,
  type SlaState,
  type StageDefinition,
  type StageVisit,
} from '#domain';
import { personName } from './demo-names.js';
import { DEMO_AGENCY_DATA, DEMO_USERS, demoUser, type DemoAgency, type DemoUnit, type DemoUser } from '#demo';
import { indonesianHolidays } from './holidays.js';
import { OfficeCalendar } from './office-calendar.js';
import { Random } from './random.js';

/**
 * The demo data as a plan: every command with its actor and the instant it happens at, computed
 * up front (pure, seeded), then run through the command path by the seed runner. Time walks
 * through the past: the system "went live" in January two years ago, the staff was registered
 * then (new hires at their appointment), appraisals of the three last years were submitted each
 * January–February, trainings recorded as they were completed, and promotion cases moved through
 * the pipeline with realistic stage durations, some of them late.
 */

export const DEFAULT_SEED_EMPLOYEES = 2000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface PlanOptions {
  now: Date;
  /** Employees in all (the demo users included). */
  employees?: number;
  seed?: number;
  /** NIPs already registered (a `--force` run): skipped, with everything planned for them. */
  existingNips?: ReadonlySet<string>;
}

export interface PlannedActor {
  nip: string;
  roles: Role[];
}

interface PlannedAgency {
  agencyId: string;
  name: string;
  timeZone: string;
  holidays: string[];
  at: string;
  actor: PlannedActor;
}

interface PlannedEmployee {
  agency: string;
  at: string;
  actor: PlannedActor;
  body: { nip: string; name: string; unitId: string; grade: Grade; gradeSince: string; positionTitle: string; positionType: PositionType };
}

export type PlannedFact =
  | {
      kind: 'sanction';
      agency: string;
      at: string;
      actor: PlannedActor;
      body: { nip: string; level: SanctionLevel; reason: string; from: string; until: string };
    }
  | {
      kind: 'appraisal';
      agency: string;
      at: string;
      actor: PlannedActor;
      body: { nip: string; period: number; results: Rating; behaviour: Rating; notes?: string };
    }
  | {
      kind: 'training';
      agency: string;
      at: string;
      actor: PlannedActor;
      body: {
        nip: string;
        title: string;
        hours: number;
        kind: CompetencyKind;
        provider: string;
        completedOn: string;
        certificateNo: string;
      };
    };

type CaseAction = 'propose' | 'decide' | 'resubmit' | 'withdraw' | 'claim' | 'breach';

interface PlannedStep {
  action: CaseAction;
  at: string;
  actor: PlannedActor;
  decision?: 'APPROVE' | 'RETURN' | 'REJECT';
  reason?: string | null;
}

export interface PlannedCase {
  agency: string;
  scenario: string;
  proposal: {
    nip: string;
    kind: PromotionKind;
    toGrade: Grade;
    effectiveDate: string;
    justification: string;
    exceptionJustification?: string;
  };
  /** What the plan expects the decider to find (every rule passing, or an exception). */
  expectEligible: boolean;
  steps: PlannedStep[];
}

export interface DemoPlan {
  now: string;
  goLive: string;
  agencies: PlannedAgency[];
  employees: PlannedEmployee[];
  facts: PlannedFact[];
  cases: PlannedCase[];
  commands: number;
}

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
const EXCEPTION_JUSTIFICATIONS = [
  'Kebutuhan organisasi: jabatan pengawas kosong dan tidak ada pegawai lain yang memenuhi syarat; disetujui rapat TPK',
  'Penilaian kinerja tahun sebelumnya masih berupa arsip kertas dan belum dimigrasikan',
  'Pengembangan kompetensi diganti penugasan khusus penanganan banjir rob sesuai surat tugas Sekretaris Daerah',
  'Prestasi luar biasa: penghargaan Satyalancana Karya Satya dan inovasi pelayanan publik tingkat provinsi',
];
const PREDICATE_PAIRS: Record<Predicate, [Rating, Rating][]> = {
  SANGAT_BAIK: [['ABOVE', 'ABOVE']],
  BAIK: [
    ['ABOVE', 'AS_EXPECTED'],
    ['AS_EXPECTED', 'AS_EXPECTED'],
    ['AS_EXPECTED', 'AS_EXPECTED'],
    ['AS_EXPECTED', 'ABOVE'],
  ],
  BUTUH_PERBAIKAN: [
    ['BELOW', 'AS_EXPECTED'],
    ['BELOW', 'ABOVE'],
  ],
  KURANG: [
    ['AS_EXPECTED', 'BELOW'],
    ['ABOVE', 'BELOW'],
  ],
  SANGAT_KURANG: [['BELOW', 'BELOW']],
};

type Performance = 'star' | 'solid' | 'weak' | 'poor';
const PERFORMANCE: Record<Performance, [Predicate, number][]> = {
  star: [
    ['SANGAT_BAIK', 0.55],
    ['BAIK', 0.45],
  ],
  solid: [
    ['SANGAT_BAIK', 0.05],
    ['BAIK', 0.9],
    ['BUTUH_PERBAIKAN', 0.04],
    ['KURANG', 0.01],
  ],
  weak: [
    ['BAIK', 0.45],
    ['BUTUH_PERBAIKAN', 0.35],
    ['KURANG', 0.15],
    ['SANGAT_KURANG', 0.05],
  ],
  poor: [
    ['BUTUH_PERBAIKAN', 0.3],
    ['KURANG', 0.45],
    ['SANGAT_KURANG', 0.25],
  ],
};

type TrainingTier = 'high' | 'some' | 'rare' | 'none';

interface TrainingOffer {
  title: string;
  kind: CompetencyKind;
  hours: [number, number];
  provider: 'province' | string;
  /** Who it is for: everyone, structural posts of a type, or unit ids. */
  for?: PositionType[];
  units?: string[];
  prefix: string;
}

const TRAININGS: TrainingOffer[] = [
  { title: 'Bimbingan Teknis Penyusunan SKP', kind: 'TECHNICAL', hours: [8, 16], provider: 'bkpsdm', prefix: 'BKPSDM' },
  { title: 'Pelatihan Pengadaan Barang/Jasa Pemerintah', kind: 'TECHNICAL', hours: [32, 40], provider: 'LKPP', prefix: 'LKPP' },
  { title: 'Bimtek Pengelolaan Keuangan Daerah', kind: 'TECHNICAL', hours: [24, 32], provider: 'province', prefix: 'BPSDM' },
  {
    title: 'Workshop Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP)',
    kind: 'TECHNICAL',
    hours: [16, 24],
    provider: 'province',
    prefix: 'BPSDM',
  },
  { title: 'Pelatihan Pelayanan Publik Prima', kind: 'SOCIOCULTURAL', hours: [16, 24], provider: 'province', prefix: 'BPSDM' },
  {
    title: 'Pelatihan Wawasan Kebangsaan dan Nilai Bela Negara',
    kind: 'SOCIOCULTURAL',
    hours: [12, 20],
    provider: 'province',
    prefix: 'BPSDM',
  },
  { title: 'E-Learning Manajemen ASN', kind: 'MANAGERIAL', hours: [10, 20], provider: 'BKN', prefix: 'BKN' },
  { title: 'Pelatihan Analisis Jabatan dan Beban Kerja', kind: 'TECHNICAL', hours: [24, 32], provider: 'bkpsdm', prefix: 'BKPSDM' },
  { title: 'Pelatihan Tata Naskah Dinas Elektronik', kind: 'TECHNICAL', hours: [8, 16], provider: 'bkpsdm', prefix: 'BKPSDM' },
  { title: 'Pelatihan Keamanan Informasi', kind: 'TECHNICAL', hours: [16, 24], provider: 'BSSN', prefix: 'BSSN' },
  {
    title: 'Pelatihan Kepemimpinan Pengawas (PKP)',
    kind: 'MANAGERIAL',
    hours: [150, 200],
    provider: 'province',
    for: ['PENGAWAS'],
    prefix: 'PKP',
  },
  {
    title: 'Pelatihan Kepemimpinan Administrator (PKA)',
    kind: 'MANAGERIAL',
    hours: [180, 200],
    provider: 'province',
    for: ['ADMINISTRATOR'],
    prefix: 'PKA',
  },
  {
    title: 'Pelatihan Kepemimpinan Nasional Tingkat II',
    kind: 'MANAGERIAL',
    hours: [200, 200],
    provider: 'LAN RI',
    for: ['JPT'],
    prefix: 'PKN',
  },
  {
    title: 'Pelatihan Implementasi Kurikulum Merdeka',
    kind: 'TECHNICAL',
    hours: [20, 32],
    provider: 'BBGP',
    units: ['dinas-pendidikan'],
    prefix: 'BBGP',
  },
  {
    title: 'Pelatihan Calon Kepala Sekolah',
    kind: 'MANAGERIAL',
    hours: [60, 100],
    provider: 'Kemendikbudristek',
    units: ['dinas-pendidikan'],
    prefix: 'CKS',
  },
  {
    title: 'Pelatihan Penanganan Kegawatdaruratan (BTCLS)',
    kind: 'TECHNICAL',
    hours: [40, 50],
    provider: 'Pusdiklat Kemenkes',
    units: ['dinas-kesehatan', 'rsud-langsa', 'rsud-wongsonegoro'],
    prefix: 'KEMENKES',
  },
  {
    title: 'Pelatihan Pencegahan dan Pengendalian Infeksi',
    kind: 'TECHNICAL',
    hours: [24, 32],
    provider: 'Pusdiklat Kemenkes',
    units: ['dinas-kesehatan', 'rsud-langsa', 'rsud-wongsonegoro'],
    prefix: 'KEMENKES',
  },
  {
    title: 'Diklat Fungsional Auditor Pertama',
    kind: 'TECHNICAL',
    hours: [60, 80],
    provider: 'BPKP',
    units: ['inspektorat'],
    prefix: 'BPKP',
  },
];

const SANCTIONS: [SanctionLevel, string, number][] = [
  ['LIGHT', 'Teguran tertulis: tidak masuk kerja tanpa keterangan 5 hari kerja', 6],
  ['MODERATE', 'Pemotongan tunjangan kinerja 25% selama 6 bulan', 6],
  ['SEVERE', 'Penurunan jabatan setingkat lebih rendah selama 12 bulan', 12],
];

// ---------------------------------------------------------------------------------------------

interface Person {
  agency: DemoAgency;
  unit: DemoUnit;
  nip: string;
  name: string;
  grade: Grade;
  gradeSince: string;
  positionTitle: string;
  positionType: PositionType;
  registeredAt: number;
  appointedOn: string;
  performance: Performance;
  tier: TrainingTier;
  demo: DemoUser | null;
  /** Periods forced to BAIK or better (promotion candidates). */
  goodPeriods: Set<number>;
  /** Training required: at least 20 JP completed in this window (a candidate's proposal). */
  trainingWindow: { from: string; to: string } | null;
  isHead: boolean;
  busy: boolean;
  appraisals: { period: number; predicate: Predicate; at: number }[];
  trainings: { hours: number; completedOn: string; at: number }[];
  sanctions: { from: string; until: string; level: SanctionLevel; at: number }[];
}

interface AgencyPeople {
  agency: DemoAgency;
  calendar: OfficeCalendar;
  people: Person[];
  heads: Map<string, Person>;
  pools: { hr: PlannedActor[]; verifier: PlannedActor[]; committee: PlannedActor[]; ppk: PlannedActor[] };
}

const iso = (ms: number) => new Date(ms).toISOString();

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
    const rules = evaluateMerit(
      {
        kind: c.proposal.kind,
        currentGrade: person.grade,
        gradeSince: person.gradeSince,
        toGrade: c.proposal.toGrade,
        effectiveDate: c.proposal.effectiveDate,
        proposedOn: calendar.date(proposedAt),
        appraisals: person.appraisals.filter((a) => a.at < proposedAt),
        trainings: person.trainings.filter((t) => t.at < proposedAt),
        sanctions: person.sanctions.filter((s) => s.at < proposedAt),
      },
      DEFAULT_MERIT_POLICY,
    );
    c.expectEligible = isEligible(rules);
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
          positionType: p.positionType,
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

// ---------------------------------------------------------------------------------------------
// People

function peopleOf(
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

// ---------------------------------------------------------------------------------------------
// Promotion cases

interface Simulation {
  steps: { action: CaseAction; at: number; role?: Role; decision?: 'APPROVE' | 'RETURN' | 'REJECT' }[];
  /** The walk's stage visits, kept with the domain's lifecycle (`openVisit`, `closeCurrentVisit`). */
  visits: StageVisit[];
  final: SlaState | null;
}

function casesOf(group: AgencyPeople, count: number, now: number, year: number, random: Random): PlannedCase[] {
  const { agency, calendar } = group;
  const stages = DEFAULT_STAGES;
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
    const kind: PromotionKind = fixed || random.chance(0.85) ? 'REGULAR' : 'SELECTION';
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
  const required = kind === 'SELECTION' ? 1 : 4;
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

// ---------------------------------------------------------------------------------------------
// Appraisals, trainings, sanctions

function factsOf(group: AgencyPeople, now: number, year: number, goLive: number, random: Random): PlannedFact[] {
  const { agency, calendar } = group;
  const facts: PlannedFact[] = [];
  const hr: PlannedActor = { nip: demoUser(agency.id, 'hr').nip, roles: ['hr'] };
  const evaluator = demoUser(agency.id, 'evaluator');
  const ppk = demoUser(agency.id, 'ppk');
  const today = calendar.date(now);
  let certificate = 0;

  const appraiserOf = (p: Person): string | null => {
    if (p.demo?.roles.includes('ppk')) return null; // the Sekda is appraised by the mayor, outside the system
    if (p.isHead) return ppk.nip;
    if (p.demo?.roles.includes('evaluator')) return group.heads.get(p.unit.id)?.nip ?? ppk.nip;
    if (p.unit.id === evaluator.unitId) return evaluator.nip;
    return group.heads.get(p.unit.id)?.nip ?? evaluator.nip;
  };

  for (const p of group.people) {
    // Appraisals of the three last years, submitted in January–February of the year after.
    const appraiser = appraiserOf(p);
    for (const period of [year - 3, year - 2, year - 1]) {
      if (!appraiser || Number(p.appointedOn.slice(0, 4)) > period) continue;
      const submitted =
        calendar.momentOn(`${period + 1}-01-${String(random.int(8, 31)).padStart(2, '0')}`, random) + random.int(0, 28) * DAY;
      const at = Math.max(calendar.snap(submitted, random), p.registeredAt + HOUR);
      if (at >= now) continue;
      let predicate = random.weighted(PERFORMANCE[p.performance]);
      if (p.goodPeriods.has(period) && predicate !== 'SANGAT_BAIK' && predicate !== 'BAIK') predicate = 'BAIK';
      const [results, behaviour] = random.pick(PREDICATE_PAIRS[predicate]);
      if (predicateFor(results, behaviour) !== predicate) throw new Error('predicate table mismatch');
      p.appraisals.push({ period, predicate, at });
      facts.push({
        kind: 'appraisal',
        agency: agency.id,
        at: iso(at),
        actor: { nip: appraiser, roles: ['evaluator'] },
        body: {
          nip: p.nip,
          period,
          results,
          behaviour,
          ...(predicate === 'KURANG' || predicate === 'SANGAT_KURANG'
            ? { notes: 'Rencana pembinaan kinerja disusun bersama atasan langsung' }
            : {}),
        },
      });
    }

    // Trainings: a minority gets a lot, many get nothing.
    const trainingYears = [year - 2, year - 1, year];
    const offers = TRAININGS.filter((o) => (!o.for || o.for.includes(p.positionType)) && (!o.units || o.units.includes(p.unit.id)));
    const record = (offer: TrainingOffer, day: string) => {
      const completedOn = calendar.date(calendar.momentOn(day, random));
      if (completedOn > today || completedOn <= calendar.date(p.registeredAt)) return;
      const at = Math.min(
        calendar.snap(calendar.momentOn(completedOn, random) + random.int(1, 12) * DAY, random),
        now - random.int(1, 60) * 60_000,
      );
      if (at <= p.registeredAt) return;
      const hours = random.int(offer.hours[0], offer.hours[1]);
      certificate += 1;
      const provider =
        offer.provider === 'province'
          ? agency.trainingProvider
          : offer.provider === 'bkpsdm'
            ? `BKPSDM ${agency.name.replace('Pemerintah ', '')}`
            : offer.provider;
      p.trainings.push({ hours, completedOn, at });
      facts.push({
        kind: 'training',
        agency: agency.id,
        at: iso(at),
        actor: hr,
        body: {
          nip: p.nip,
          title: offer.title,
          hours,
          kind: offer.kind,
          provider,
          completedOn,
          certificateNo: `${offer.prefix}/${completedOn.slice(0, 4)}/${agency.id.slice(7, 10).toUpperCase()}-${String(certificate).padStart(5, '0')}`,
        },
      });
    };
    const randomDate = (y: number) => new Date(Date.UTC(y, 0, 1) + random.int(15, 340) * DAY).toISOString().slice(0, 10);
    for (const y of trainingYears) {
      const n =
        p.tier === 'high'
          ? random.int(2, 5)
          : p.tier === 'some'
            ? random.chance(0.65)
              ? random.int(1, 2)
              : 0
            : p.tier === 'rare'
              ? random.chance(0.3)
                ? 1
                : 0
              : 0;
      for (let i = 0; i < n; i += 1) {
        const structural = offers.filter((o) => o.for);
        const offer =
          p.tier === 'high' && structural.length > 0 && i === 0 && random.chance(0.25)
            ? random.pick(structural)
            : random.pick(offers.filter((o) => !o.for));
        record(p.tier === 'rare' ? { ...offer, hours: [4, 12] } : offer, randomDate(y));
      }
    }
    if (p.trainingWindow) {
      // A promotion candidate reaches 20 JP in the 12 months before the proposal.
      const window = p.trainingWindow;
      const within = p.trainings
        .filter((t) => t.completedOn >= window.from && t.completedOn <= window.to)
        .reduce((sum, t) => sum + t.hours, 0);
      if (within < 24) {
        const start = DateTime.fromISO(window.from, { zone: 'utc' });
        const span = Math.max(1, Math.floor(DateTime.fromISO(window.to, { zone: 'utc' }).diff(start, 'days').days) - 14);
        const offer = { ...random.pick(offers.filter((o) => !o.for && o.hours[0] >= 16)), hours: [24, 40] as [number, number] };
        record(offer, start.plus({ days: random.int(1, span) }).toISODate() as string);
      }
    }

    // A few disciplinary sanctions.
    if (!p.busy && !p.demo && random.chance(0.012)) {
      const [level, reason, months] = random.pick(SANCTIONS);
      const from = calendar.date(random.between(goLive + 60 * DAY, now - 30 * DAY));
      const until = DateTime.fromISO(from, { zone: 'utc' }).plus({ months }).minus({ days: 1 }).toISODate() as string;
      const at = calendar.snap(calendar.momentOn(from, random), random);
      if (at < now && at > p.registeredAt) {
        p.sanctions.push({ from, until, level, at });
        facts.push({ kind: 'sanction', agency: agency.id, at: iso(at), actor: hr, body: { nip: p.nip, level, reason, from, until } });
      }
    }
  }
  return facts;
}
