import { DateTime } from 'luxon';
import {
  addSla,
  addYearsToDate,
  allowedEffectiveDates,
  closeCurrentVisit,
  decreeAuthorityFor,
  entryGrade,
  eselonRange,
  gradeIndex,
  isGradeInRange,
  isVisitBreached,
  isVisitClosed,
  jenjangRange,
  nextGrade,
  openVisit,
  pipelineFor,
  regularCeiling,
  serviceExamFor,
  slaState,
  type AgencySettings,
  type DocumentType,
  type Grade,
  type PromotionKind,
  type ReferenceData,
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
  type PlannedDocument,
  type PlannedFact,
  type PlannedStep,
  type Person,
} from './demo-plan-model.js';
import type { OfficeCalendar } from './office-calendar.js';
import type { Random } from './random.js';

/**
 * Promotion cases of the demo plan: KP kinds that follow the candidate's post, a TMT on a KP period
 * date, the berkas uploaded by the proposer, and scenarios walked through the pipeline
 * (verification → committee for STRUCTURAL → approval → bkn → decree) with realistic stage durations.
 */

// ---------------------------------------------------------------------------------------------
// Scenarios. `A`/`R`/`X` decide the current stage (approve, return, reject); `to` approves until the
// case reaches a stage; `late` makes the decision come after the stage's deadline; `open` leaves the
// file at its stage with the given SLA state now; `resubmit` re-uploads what was found wanting first.

type ScriptItem =
  | { t: 'A' | 'X'; late?: boolean }
  | { t: 'R'; late?: boolean }
  | { t: 'to'; stage: 'committee' | 'approval' | 'bkn' | 'decree' }
  | { t: 'resubmit' }
  | { t: 'withdraw' }
  | { t: 'conflict' }
  | { t: 'refused-decree' }
  | { t: 'open'; target: SlaState; claim?: boolean }
  | { t: 'waiting' };

interface Scenario {
  name: string;
  weight: number;
  recent: boolean;
  script: ScriptItem[];
  /** Only for this kind (the committee runs for STRUCTURAL cases). */
  kind?: PromotionKind;
  /** No decision late unless the script says so (otherwise about one in twelve is). */
  punctual?: boolean;
  /** The verification decision is taken by an acting official (Plh) under a delegation. */
  acting?: boolean;
  /** The candidate's target is IV/c or above: a presidential decree. */
  keppres?: boolean;
}

const DECREED: ScriptItem[] = [{ t: 'to', stage: 'decree' }, { t: 'A' }];

const SCENARIOS: Scenario[] = [
  { name: 'decreed', weight: 26, recent: false, script: DECREED },
  { name: 'open-verification-on-track', weight: 5, recent: true, script: [{ t: 'open', target: 'ON_TRACK', claim: true }] },
  { name: 'open-verification-late', weight: 3, recent: true, script: [{ t: 'open', target: 'BREACHED' }] },
  { name: 'returned-deficient-waiting', weight: 4, recent: true, script: [{ t: 'R' }, { t: 'waiting' }] },
  {
    name: 'waiting-at-bkn',
    weight: 7,
    recent: true,
    script: [
      { t: 'to', stage: 'bkn' },
      { t: 'open', target: 'ON_TRACK' },
    ],
  },
  {
    name: 'breached-at-bkn',
    weight: 4,
    recent: true,
    script: [
      { t: 'to', stage: 'bkn' },
      { t: 'open', target: 'BREACHED' },
    ],
  },
  {
    name: 'open-committee-on-track',
    weight: 3,
    recent: true,
    kind: 'STRUCTURAL',
    script: [{ t: 'A' }, { t: 'open', target: 'ON_TRACK', claim: true }],
  },
  {
    name: 'open-approval-on-track',
    weight: 3,
    recent: true,
    script: [
      { t: 'to', stage: 'approval' },
      { t: 'open', target: 'ON_TRACK' },
    ],
  },
  { name: 'decreed-after-return', weight: 5, recent: false, script: [{ t: 'R' }, { t: 'resubmit' }, ...DECREED] },
  {
    name: 'returned-by-bkn-resubmitted',
    weight: 3,
    recent: false,
    script: [{ t: 'to', stage: 'bkn' }, { t: 'R' }, { t: 'resubmit' }, ...DECREED],
  },
  {
    name: 'returned-by-bkn-waiting-again',
    weight: 2,
    recent: true,
    script: [{ t: 'to', stage: 'bkn' }, { t: 'R' }, { t: 'resubmit' }, { t: 'to', stage: 'bkn' }, { t: 'open', target: 'ON_TRACK' }],
  },
  { name: 'returned-by-bkn-waiting', weight: 2, recent: true, script: [{ t: 'to', stage: 'bkn' }, { t: 'R' }, { t: 'waiting' }] },
  { name: 'decreed-late-at-bkn', weight: 4, recent: false, script: [{ t: 'to', stage: 'bkn' }, { t: 'A', late: true }, { t: 'A' }] },
  {
    name: 'open-decree',
    weight: 2,
    recent: true,
    script: [
      { t: 'to', stage: 'decree' },
      { t: 'open', target: 'ON_TRACK' },
    ],
  },
  {
    name: 'resubmitted-at-verification',
    weight: 2,
    recent: true,
    script: [{ t: 'R' }, { t: 'resubmit' }, { t: 'open', target: 'ON_TRACK' }],
  },
  { name: 'open-committee-late', weight: 2, recent: true, kind: 'STRUCTURAL', script: [{ t: 'A' }, { t: 'open', target: 'BREACHED' }] },
  {
    name: 'open-approval-late',
    weight: 2,
    recent: true,
    script: [
      { t: 'to', stage: 'approval' },
      { t: 'open', target: 'BREACHED' },
    ],
  },
  { name: 'open-verification-at-risk', weight: 2, recent: true, script: [{ t: 'open', target: 'AT_RISK' }] },
  { name: 'rejected-at-verification', weight: 1, recent: false, script: [{ t: 'X' }] },
  { name: 'rejected-at-committee', weight: 1, recent: false, kind: 'STRUCTURAL', script: [{ t: 'A' }, { t: 'X' }] },
  { name: 'rejected-by-bkn', weight: 1, recent: false, script: [{ t: 'to', stage: 'bkn' }, { t: 'X' }] },
  { name: 'withdrawn', weight: 1, recent: false, script: [{ t: 'A' }, { t: 'withdraw' }] },
  { name: 'withdrawn-after-return', weight: 1, recent: false, script: [{ t: 'R' }, { t: 'withdraw' }] },
];

/** Once per agency, whatever the size of the seed. */
const SPECIAL: Scenario[] = [
  {
    name: 'decreed-keppres',
    weight: 0,
    recent: false,
    keppres: true,
    kind: 'STRUCTURAL',
    script: [
      { t: 'to', stage: 'decree' },
      { t: 'A', late: true },
    ],
  },
  {
    name: 'decree-refused-sanction',
    weight: 0,
    recent: false,
    punctual: true,
    script: [{ t: 'to', stage: 'decree' }, { t: 'refused-decree' }, { t: 'X' }],
  },
  {
    name: 'acting-verifier',
    weight: 0,
    recent: true,
    punctual: true,
    acting: true,
    script: [{ t: 'A' }, { t: 'to', stage: 'bkn' }, { t: 'open', target: 'ON_TRACK' }],
  },
  {
    name: 'conflict-of-interest',
    weight: 0,
    recent: true,
    punctual: true,
    script: [{ t: 'conflict' }, { t: 'A' }, { t: 'open', target: 'ON_TRACK' }],
  },
  { name: 'decreed', weight: 0, recent: false, script: DECREED },
  {
    name: 'waiting-at-bkn',
    weight: 0,
    recent: true,
    script: [
      { t: 'to', stage: 'bkn' },
      { t: 'open', target: 'ON_TRACK' },
    ],
  },
  {
    name: 'returned-by-bkn-resubmitted',
    weight: 0,
    recent: false,
    script: [{ t: 'to', stage: 'bkn' }, { t: 'R' }, { t: 'resubmit' }, ...DECREED],
  },
  {
    name: 'breached-at-bkn',
    weight: 0,
    recent: true,
    script: [
      { t: 'to', stage: 'bkn' },
      { t: 'open', target: 'BREACHED' },
    ],
  },
  { name: 'rejected-by-bkn', weight: 0, recent: false, script: [{ t: 'to', stage: 'bkn' }, { t: 'X' }] },
  { name: 'withdrawn', weight: 0, recent: false, script: [{ t: 'A' }, { t: 'withdraw' }] },
  { name: 'returned-deficient-waiting', weight: 0, recent: true, script: [{ t: 'R' }, { t: 'waiting' }] },
];

const VERIFIER_RETURNS = [
  'Berkas belum lengkap: dokumen yang ditandai kurang diunggah ulang',
  'Salinan dokumen tidak terbaca; mohon unggah pindaian ulang yang jelas',
  'Dokumen belum dilegalisir pejabat yang berwenang',
];
const DEFICIENT_NOTES: Partial<Record<DocumentType, string>> = {
  LAST_GRADE_DECREE: 'Salinan SK pangkat terakhir tidak dilegalisir',
  POST_DECREE: 'SK jabatan yang diunggah bukan SK jabatan terakhir',
  INSTALLATION_RECORD: 'Berita acara pelantikan tidak ditandatangani',
  FUNCTIONAL_POST_DECREE: 'SK pengangkatan dalam jabatan fungsional tidak terbaca',
  DIPLOMA: 'Ijazah belum dilegalisir perguruan tinggi',
  TRANSCRIPT: 'Transkrip nilai halaman kedua tidak ada',
  STUDY_PERMIT: 'Surat izin belajar tidak sesuai nama pegawai',
  ADJUSTMENT_EXAM_CERTIFICATE: 'Surat tanda lulus ujian penyesuaian kenaikan pangkat belum ada',
  AWARD_DECREE: 'Piagam penghargaan tanpa SK pemberian penghargaan',
  SERVICE_EXAM_CERTIFICATE: 'STTPL ujian dinas tidak dilegalisir',
};
const BKN_RETURNS = [
  'Pertek belum dapat diterbitkan: SK pangkat terakhir pada SIASN berbeda dengan berkas usulan',
  'Berkas usulan belum lengkap: SK pangkat terakhir yang dilegalisir belum diterima',
  'Salinan SK pangkat terakhir tidak terbaca pada layanan Docudigital; mohon pindaian ulang',
];
const BKN_REJECTIONS = ['Tidak memenuhi syarat: masa kerja golongan belum terpenuhi menurut data SIASN'];
const REJECT_REASONS = [
  'Formasi pada jabatan yang dituju tidak tersedia',
  'Berkas usulan tidak sesuai dengan data kepegawaian; diusulkan kembali pada periode berikutnya',
];
const COMMITTEE_REJECTIONS = ['Rapat TPK: penempatan pada jabatan struktural sedang dievaluasi'];
const WITHDRAW_REASONS = ['Diusulkan ulang pada periode berikutnya', 'Pegawai mengajukan pindah ke instansi lain', null];
const CONFLICT_REASONS = ['Calon adalah saudara kandung verifikator', 'Calon adalah suami/istri dari verifikator'];
const SANCTION_REJECTION =
  'SK tidak dapat ditetapkan: pegawai sedang menjalani hukuman disiplin tingkat sedang (pemotongan tunjangan kinerja 25%); diusulkan kembali setelah masa hukuman berakhir';

const DOCUMENT_TITLES: Record<DocumentType, string> = {
  LAST_GRADE_DECREE: 'SK Kenaikan Pangkat Terakhir',
  APPRAISALS: 'Penilaian Kinerja',
  POST_DECREE: 'SK Pengangkatan dalam Jabatan',
  INSTALLATION_RECORD: 'Berita Acara Pelantikan',
  FUNCTIONAL_POST_DECREE: 'SK Pengangkatan dalam Jabatan Fungsional',
  CREDIT_POINTS: 'Penetapan Angka Kredit',
  DIPLOMA: 'Ijazah',
  TRANSCRIPT: 'Transkrip Nilai',
  STUDY_PERMIT: 'Surat Izin Belajar',
  ADJUSTMENT_EXAM_CERTIFICATE: 'Surat Tanda Lulus Ujian Penyesuaian Kenaikan Pangkat',
  AWARD_DECREE: 'SK Penghargaan Prestasi Luar Biasa',
  SERVICE_EXAM_CERTIFICATE: 'STTPL Ujian Dinas',
};

/** The berkas of a KP kind (DOMAIN.md §Documents): the types the proposer uploads. */
export function uploadedTypes(ref: ReferenceData, kind: PromotionKind, serviceExam: boolean): DocumentType[] {
  const d = ref.documents;
  return [...new Set([...d.all, ...d.byKind[kind], ...(serviceExam ? d.serviceExam : [])])].filter((t) => !d.derived.includes(t));
}

interface SimStep {
  action: CaseAction;
  at: number;
  role?: Role;
  decision?: 'APPROVE' | 'RETURN' | 'REJECT';
  stage?: string;
  /** For `upload`: the whole berkas, or what a return found wanting (`REUPLOAD`). */
  types?: DocumentType[];
  late?: boolean;
}

interface Simulation {
  steps: SimStep[];
  /** The walk's stage visits, kept with the domain's lifecycle (`openVisit`, `closeCurrentVisit`). */
  visits: StageVisit[];
  final: SlaState | null;
}

export interface CaseContext {
  ref: ReferenceData;
  settings: AgencySettings;
  now: number;
  year: number;
  random: Random;
  /** Facts the cases add to the plan (delegations). */
  facts: PlannedFact[];
  /** Numbers of pertek and decrees, per agency and year. */
  counters: Map<string, number>;
  /** Seeding a database that already has the demo data (`--force`). */
  force: boolean;
  id(): string;
}

export function casesOf(group: AgencyPeople, count: number, ctx: CaseContext): PlannedCase[] {
  const { random } = ctx;
  const cases: PlannedCase[] = [];
  const free = group.people.filter((p) => !p.busy && !p.demo && p.superiorNip !== null && nextGrade(p.grade) !== null);
  const plan: { scenario: Scenario; person?: Person }[] = [];

  // The demo employees' files: in the middle of the pipeline, where each one can be followed.
  for (const p of group.people.filter((x) => x.demo?.roles.includes('employee'))) {
    const kind: PromotionKind = p.positionType === 'PELAKSANA' ? 'REGULAR' : p.positionType === 'FUNGSIONAL' ? 'FUNCTIONAL' : 'STRUCTURAL';
    const stop = kind === 'STRUCTURAL' ? 'committee' : kind === 'REGULAR' ? 'approval' : 'bkn';
    plan.push({
      scenario: {
        name: `demo-employee-at-${stop}`,
        weight: 0,
        recent: true,
        punctual: true,
        kind,
        script: [
          { t: 'to', stage: stop },
          { t: 'open', target: 'ON_TRACK' },
        ],
      },
      person: p,
    });
  }
  // A second (--force) seed grants no second delegation: it could overlap the first one's.
  for (const s of SPECIAL) if (!(ctx.force && s.acting)) plan.push({ scenario: s });
  for (let i = plan.length; i < count; i += 1) plan.push({ scenario: random.weighted(SCENARIOS.map((s) => [s, s.weight] as const)) });

  for (const { scenario, person: fixed } of plan) {
    const kinds: PromotionKind[] = scenario.kind
      ? [scenario.kind]
      : [
          random.weighted<PromotionKind>([
            ['REGULAR', 0.33],
            ['FUNCTIONAL', 0.35],
            ['STRUCTURAL', 0.22],
            ['DIPLOMA_ADJUSTMENT', 0.07],
            ['OUTSTANDING', 0.015],
          ]),
        ];
    if (!scenario.kind) kinds.push('FUNCTIONAL', 'REGULAR', 'STRUCTURAL');
    let made: PlannedCase | null = null;
    for (const kind of kinds) {
      made = planCase(group, scenario, kind, fixed ?? null, free, ctx);
      if (made) break;
    }
    if (made) cases.push(made);
  }
  return cases;
}

/** What the candidate is proposed to, and on which TMT, if the basic rules can pass; their record fills the rest. */
function fit(
  person: Person,
  kind: PromotionKind,
  proposedOn: string,
  ref: ReferenceData,
  keppres: boolean,
  random: Random,
): { toGrade: Grade; tmt: string } | null {
  const next = nextGrade(person.grade);
  let toGrade: Grade | null = next;
  let years = 4;
  switch (kind) {
    case 'REGULAR':
      if (person.positionType !== 'PELAKSANA' || !next || gradeIndex(next) > gradeIndex(regularCeiling(ref, person.education))) return null;
      break;
    case 'STRUCTURAL': {
      if (!person.eselon || !next) return null;
      const range = eselonRange(ref, person.eselon);
      if (!isGradeInRange(next, range)) return null;
      if (gradeIndex(person.grade) === gradeIndex(range.from) - 1) years = 1;
      break;
    }
    case 'FUNCTIONAL':
      if (!person.jenjang || !next || !isGradeInRange(next, jenjangRange(ref, person.jenjang))) return null;
      years = 2;
      break;
    case 'DIPLOMA_ADJUSTMENT': {
      // A PELAKSANA with SLTA who finished S1 (entry III/a) or D3 (entry II/c) with a study permit.
      if (person.positionType !== 'PELAKSANA' || person.education !== 'SLTA') return null;
      const target =
        gradeIndex(person.grade) < gradeIndex('II/c') && person.grade !== 'II/b' ? entryGrade(ref, 'D3') : entryGrade(ref, 'S1');
      if (gradeIndex(target) <= gradeIndex(person.grade)) return null;
      toGrade = target;
      years = 1;
      break;
    }
    case 'OUTSTANDING':
      if (!next || person.positionType === 'JPT') return null;
      // Within what the post allows all the same: the ceiling of a PELAKSANA, the range of the eselon or jenjang.
      if (person.positionType === 'PELAKSANA' && gradeIndex(next) > gradeIndex(regularCeiling(ref, person.education))) return null;
      if (person.eselon && !isGradeInRange(next, eselonRange(ref, person.eselon))) return null;
      if (person.jenjang && !isGradeInRange(next, jenjangRange(ref, person.jenjang))) return null;
      years = 1;
      break;
  }
  if (!toGrade) return null;
  if (keppres !== gradeIndex(toGrade) >= gradeIndex('IV/c')) return null;
  const eligibleFrom = addYearsToDate(person.gradeSince, years);
  const dates = allowedEffectiveDates(proposedOn, ref).filter((d) => d >= eligibleFrom);
  if (dates.length === 0) return null;
  // TIME_IN_POST: a year in structural posts since installation.
  if (kind === 'STRUCTURAL' && addYearsToDate(person.positionSince, 1) > dates[0]) return null;
  // The next period mostly; now and then the one after.
  return { toGrade, tmt: dates[dates.length > 1 && random.chance(0.15) ? 1 : 0] };
}

function planCase(
  group: AgencyPeople,
  scenario: Scenario,
  kind: PromotionKind,
  fixed: Person | null,
  free: Person[],
  ctx: CaseContext,
): PlannedCase | null {
  const { agency, calendar } = group;
  const { ref, random, now, settings } = ctx;
  const stages = pipelineFor(settings, kind);
  if (scenario.script.some((s) => s.t === 'to' && !stages.some((x) => x.id === s.stage))) return null;
  const sla = { timeZone: agency.timeZone, holidays: [...calendar.holidayList] };
  const simulation = simulateCase(scenario, stages, sla, calendar, now, ctx.year, random);
  if (!simulation) return null;
  const proposedAt = simulation.steps[0].at;
  const proposedOn = calendar.date(proposedAt);
  const keppres = scenario.keppres === true;

  let candidate: Person | null = null;
  let target: { toGrade: Grade; tmt: string } | null = null;
  if (fixed) {
    candidate = fixed;
    target = fit(fixed, kind, proposedOn, ref, false, random);
  } else {
    const pool = free.filter(
      (p) =>
        !p.busy &&
        p.registeredAt < proposedAt - 7 * DAY &&
        Number(p.appointedOn.slice(0, 4)) <= Number(proposedOn.slice(0, 4)) - 2 &&
        (kind === 'OUTSTANDING' || p.performance === 'star' || p.performance === 'solid'),
    );
    for (let tries = 0; tries < 60 && pool.length > 0; tries += 1) {
      const p = random.pick(pool);
      const f = fit(p, kind, proposedOn, ref, keppres, random);
      if (f) {
        candidate = p;
        target = f;
        break;
      }
    }
    if (!candidate) {
      for (const p of pool) {
        const f = fit(p, kind, proposedOn, ref, keppres, random);
        if (f) {
          candidate = p;
          target = f;
          break;
        }
      }
    }
  }
  if (!candidate || !target) return null;
  candidate.busy = true;
  const proposalYear = Number(proposedOn.slice(0, 4));
  candidate.goodPeriods.add(proposalYear - 1);
  candidate.goodPeriods.add(proposalYear - 2);
  if (kind === 'OUTSTANDING') candidate.starPeriods.add(proposalYear - 1);
  candidate.trainingWindow = { from: `${proposalYear - 1}-02-01`, to: `${proposalYear - 1}-11-30` };
  if (Number(proposedOn.slice(5, 7)) <= 2) candidate.needs.appraisedBy = proposedAt;
  const serviceExam =
    kind === 'REGULAR' || kind === 'STRUCTURAL' ? serviceExamFor(ref, candidate.grade, target.toGrade, candidate.education) : null;
  if (serviceExam) candidate.needs.serviceExam = { level: serviceExam, before: proposedOn };
  if (kind === 'FUNCTIONAL') candidate.needs.creditPoints = { before: proposedOn };
  if (kind === 'DIPLOMA_ADJUSTMENT') {
    const level = target.toGrade === entryGrade(ref, 'D3') ? 'D3' : 'S1';
    const graduated = DateTime.fromISO(proposedOn).minus({ days: random.int(120, 420) });
    candidate.needs.diploma = {
      level,
      graduatedOn: graduated.toISODate() as string,
      permitOn: graduated.minus({ years: level === 'S1' ? 4 : 3, days: random.int(10, 90) }).toISODate() as string,
    };
  }

  const proposer: PlannedActor = fixed ? { nip: demoUser(agency.id, 'hr').nip, roles: ['hr'] } : random.pick(group.pools.hr);
  const deciders: Partial<Record<Role, PlannedActor>> = {};
  const who = (role: Role): PlannedActor => {
    if (fixed) return { nip: demoUser(agency.id, role).nip, roles: [role] };
    const choice = deciders[role] ?? random.pick(group.pools[role as 'verifier' | 'committee' | 'ppk' | 'bkn']);
    deciders[role] = choice;
    return choice;
  };
  const lead = (role: Role): PlannedActor => ({ nip: demoUser(agency.id, role).nip, roles: [role] });
  if (scenario.name === 'conflict-of-interest') {
    // The lead verifier declares the conflict; a colleague decides.
    const other = group.pools.verifier.find((a) => a.nip !== lead('verifier').nip);
    if (!other) return null;
    deciders.verifier = other;
  }
  let acting: PlannedActor | null = null;
  if (scenario.acting) {
    const delegate = group.people.find((p) => !p.busy && !p.demo && p.unit.id === 'bkpsdm' && p.positionType !== 'PELAKSANA');
    if (!delegate) return null;
    delegate.busy = true;
    acting = { nip: delegate.nip, roles: ['employee'] };
  }
  const sanctioned = scenario.script.some((s) => s.t === 'refused-decree');

  const name = candidate.name;
  const docs = new Map<DocumentType, PlannedDocument>();
  const newDocument = (type: DocumentType, revision: number): PlannedDocument => {
    const title = `${DOCUMENT_TITLES[type]} ${type === 'LAST_GRADE_DECREE' ? `${candidate.grade} ` : ''}— ${name}`;
    return {
      documentId: ctx.id(),
      type,
      name: `${type.toLowerCase().replace(/_/g, '-')}-${candidate.nip}${revision > 0 ? `-rev${revision}` : ''}.pdf`,
      title,
      lines: [
        `NIP ${candidate.nip}`,
        `${agency.name}, ${candidate.unit.name}`,
        `Usulan kenaikan pangkat ${kind} ${candidate.grade} ke ${target.toGrade}, TMT ${target.tmt}`,
        ...(revision > 0 ? [`Pindaian ulang ke-${revision}`] : []),
      ],
    };
  };
  let revisions = 0;
  const reviewed = new Set<string>();
  const berkas = uploadedTypes(ref, kind, serviceExam !== null);
  let wanting: DocumentType[] = [];
  const counter = (key: string) => {
    const n = (ctx.counters.get(key) ?? random.int(40, 120)) + random.int(1, 4);
    ctx.counters.set(key, n);
    return n;
  };

  const steps: PlannedStep[] = [];
  for (const s of simulation.steps) {
    const at = iso(s.at);
    switch (s.action) {
      case 'propose':
      case 'resubmit':
      case 'withdraw':
        steps.push({
          action: s.action,
          at,
          actor: proposer,
          ...(s.action === 'withdraw' ? { reason: random.pick(WITHDRAW_REASONS) } : {}),
        });
        break;
      case 'upload': {
        const types = s.types?.[0] === ('REUPLOAD' as DocumentType) ? (wanting.length > 0 ? wanting : [berkas[0]]) : berkas;
        wanting = [];
        types.forEach((type, i) => {
          const doc = newDocument(type, docs.has(type) ? ++revisions : 0);
          docs.set(type, doc);
          steps.push({ action: 'upload', at: iso(s.at + i * 47_000), actor: proposer, document: doc });
        });
        break;
      }
      case 'breach':
        steps.push({ action: s.action, at, actor: { nip: 'system:sla-clock', roles: [] } });
        break;
      case 'claim':
        steps.push({ action: s.action, at, actor: s.role === 'verifier' && acting ? acting : who(s.role as Role) });
        break;
      case 'conflict':
        steps.push({ action: 'conflict', at, actor: lead('verifier'), reason: random.pick(CONFLICT_REASONS) });
        break;
      case 'refused-decree':
        steps.push({
          action: 'refused-decree',
          at,
          actor: who('ppk'),
          decree: {
            number: `${agency.decreePrefix}/${counter(`${agency.id}|decree|${proposalYear}`)}/BKPSDM/${at.slice(0, 4)}`,
            date: calendar.date(s.at),
          },
        });
        break;
      case 'decide': {
        const stage = s.stage as string;
        const decision = s.decision as 'APPROVE' | 'RETURN' | 'REJECT';
        const actor = stage === 'verification' && acting ? acting : who(s.role as Role);
        const step: PlannedStep = { action: 'decide', at, actor, decision };
        if (acting && stage === 'verification') step.onBehalfOf = demoUser(agency.id, 'verifier').nip;
        if (decision === 'RETURN') {
          // The verifier names one or two deficient files; BKN wants the last grade decree again.
          const current = [...docs.keys()];
          wanting =
            stage === 'verification'
              ? [...new Set([random.pick(current), ...(random.chance(0.3) ? [random.pick(current)] : [])])]
              : stage === 'bkn'
                ? ['LAST_GRADE_DECREE']
                : [];
        }
        if (stage === 'verification') {
          const deficient = new Set(decision === 'RETURN' ? wanting : []);
          step.verdicts = [...docs.values()]
            .filter((d) => !reviewed.has(d.documentId))
            .map((d) => {
              reviewed.add(d.documentId);
              return deficient.has(d.type)
                ? { documentId: d.documentId, verdict: 'DEFICIENT' as const, note: DEFICIENT_NOTES[d.type] ?? 'Dokumen kurang' }
                : { documentId: d.documentId, verdict: 'OK' as const };
            });
          if (step.verdicts.length === 0) delete step.verdicts;
        }
        const local = calendar.date(s.at);
        if (decision === 'APPROVE' && stage === 'bkn') {
          step.pertek = {
            number: `${agency.bknOffice.pertekPrefix}/KP/${local.slice(0, 4)}/${String(counter(`${agency.id}|pertek|${local.slice(0, 4)}`)).padStart(4, '0')}`,
            date: local,
          };
        }
        if (decision === 'APPROVE' && stage === 'decree') {
          step.decree = keppres
            ? { number: `Keppres ${counter(`keppres|${local.slice(0, 4)}`)}/K/${local.slice(0, 4)}`, date: local }
            : {
                number: `${agency.decreePrefix}/${counter(`${agency.id}|decree|${local.slice(0, 4)}`)}/BKPSDM/${local.slice(0, 4)}`,
                date: local,
              };
        }
        if (decision !== 'APPROVE') {
          step.reason =
            decision === 'RETURN'
              ? stage === 'bkn'
                ? random.pick(BKN_RETURNS)
                : stage === 'verification'
                  ? random.pick(VERIFIER_RETURNS)
                  : 'Mohon dilengkapi telaahan staf sebelum diajukan kembali'
              : sanctioned
                ? SANCTION_REJECTION
                : stage === 'bkn'
                  ? random.pick(BKN_REJECTIONS)
                  : stage === 'committee'
                    ? random.pick(COMMITTEE_REJECTIONS)
                    : random.pick(REJECT_REASONS);
        }
        steps.push(step);
        break;
      }
    }
  }
  steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  if (acting) {
    // The Plh verifier's delegation: granted by the admin a few days before the decision, for a week or so.
    const decision = steps.find((s) => s.action === 'decide' && s.onBehalfOf);
    if (!decision) return null;
    const decidedAt = Date.parse(decision.at);
    const grantedAt = calendar.snap(Math.max(proposedAt - 2 * DAY, decidedAt - 5 * DAY), random);
    if (grantedAt >= decidedAt) return null;
    const admin = demoUser(agency.id, 'admin');
    ctx.facts.push({
      kind: 'delegation',
      agency: agency.id,
      at: iso(Math.min(grantedAt, decidedAt - HOUR)),
      actor: { nip: admin.nip, roles: ['admin'] },
      body: {
        nip: acting.nip,
        delegationId: ctx.id(),
        role: 'verifier',
        onBehalfOf: demoUser(agency.id, 'verifier').nip,
        from: calendar.date(Math.min(grantedAt, decidedAt - HOUR)),
        until: DateTime.fromISO(calendar.date(decidedAt)).plus({ days: 6 }).toISODate() as string,
        reason: `Plh. verifikator kepangkatan selama ${demoUser(agency.id, 'verifier').name} menjalankan cuti tahunan`,
      },
    });
  }
  if (sanctioned) {
    // Imposed after the proposal, in force on the day the decree is attempted.
    const refused = steps.find((s) => s.action === 'refused-decree') as PlannedStep;
    const refusedOn = calendar.date(Date.parse(refused.at));
    const earliest = DateTime.fromISO(proposedOn).plus({ days: 1 }).toISODate() as string;
    const from = [
      DateTime.fromISO(refusedOn)
        .minus({ days: random.int(1, 6) })
        .toISODate() as string,
      earliest,
    ].sort()[1];
    if (from > refusedOn) return null;
    candidate.needs.sanctionFrom = from;
    candidate.needs.sanctionBefore = Date.parse(refused.at);
  }

  return {
    agency: agency.id,
    scenario: scenario.name,
    proposal: {
      nip: candidate.nip,
      kind,
      toGrade: target.toGrade,
      effectiveDate: target.tmt,
      justification: justification(kind, candidate, target.toGrade, target.tmt),
    },
    fromGrade: candidate.grade,
    positionType: candidate.positionType,
    authority: decreeAuthorityFor(ref, target.toGrade),
    steps,
  };
}

function justification(kind: PromotionKind, p: Person, toGrade: Grade, tmt: string): string {
  const period = `periode TMT ${tmt}`;
  switch (kind) {
    case 'REGULAR':
      return `Kenaikan pangkat reguler ${period}: ${p.grade} ke ${toGrade}, ${p.positionTitle}`;
    case 'STRUCTURAL':
      return `Kenaikan pangkat pilihan karena menduduki jabatan ${p.positionTitle} (eselon ${p.eselon}), ${period}`;
    case 'FUNCTIONAL':
      return `Kenaikan pangkat pilihan jabatan fungsional ${p.positionTitle}, angka kredit terpenuhi, ${period}`;
    case 'DIPLOMA_ADJUSTMENT':
      return `Kenaikan pangkat penyesuaian ijazah ke ${toGrade} setelah lulus pendidikan dengan izin belajar, ${period}`;
    case 'OUTSTANDING':
      return `Kenaikan pangkat prestasi luar biasa: inovasi pelayanan publik terbaik tingkat provinsi, ${period}`;
  }
}

// ---------------------------------------------------------------------------------------------
// The walk

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
  const long = scenario.script.length > 3;
  const range: [number, number] = !scenario.recent
    ? [lastYearMarch, now - 30 * DAY]
    : target?.target === 'BREACHED'
      ? [now - 45 * DAY, now - 3 * DAY]
      : target
        ? [now - (long ? 40 : 16) * DAY, now - HOUR]
        : [now - 30 * DAY, now - DAY];
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const r = random.fork(attempt);
    let proposedAt = calendar.snap(r.between(range[0], range[1]), r);
    // Appraisals of last year are submitted in January–February: older files wait for them, and a
    // recent one proposed then has its candidate's appraisal in first (never in the first days of January).
    if (proposedAt >= thisYearJanuary && proposedAt < thisYearMarch) {
      if (!scenario.recent) proposedAt = calendar.snap(thisYearMarch + r.int(0, 10) * DAY, r);
      else if (proposedAt < thisYearJanuary + 9 * DAY) continue;
    }
    const result = walk(scenario, stages, calendar, proposedAt, now, r);
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
    const due = addSla(visit.enteredAt, stageOf(stages, visit.stage).sla, sla);
    if (Date.parse(due) !== Date.parse(visit.dueAt))
      throw new Error(
        `seed calendar disagrees with the domain: ${visit.enteredAt} + ${stageOf(stages, visit.stage).sla} = ${due}, not ${visit.dueAt}`,
      );
  }
}

function stageOf(stages: StageDefinition[], id: string): StageDefinition {
  const stage = stages.find((s) => s.id === id);
  if (!stage) throw new Error(`no stage ${id}`);
  return stage;
}

function walk(
  scenario: Scenario,
  stages: StageDefinition[],
  calendar: OfficeCalendar,
  proposedAt: number,
  now: number,
  random: Random,
): Simulation | null {
  const ms = Date.parse;
  const steps: SimStep[] = [{ action: 'propose', at: proposedAt }];
  // The berkas is uploaded right after the proposal (the types are filled in by the case planner).
  steps.push({ action: 'upload', at: proposedAt + 60_000, types: ['*' as DocumentType] });
  let lastUpload = proposedAt + 12 * 60_000;
  let visits: StageVisit[] = [];
  const enter = (stage: StageDefinition, at: number): StageVisit => {
    visits = openVisit(visits, stage.id, iso(at), iso(calendar.due(at, stage.sla)));
    return visits[visits.length - 1];
  };
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
  const decide = (t: 'A' | 'R' | 'X', late: boolean): boolean => {
    if (!visit) return false;
    const stage = stageOf(stages, visit.stage);
    const span = ms(visit.dueAt) - ms(visit.enteredAt);
    const share = late || (!scenario.punctual && random.chance(0.08)) ? random.between(1.05, 2.4) : random.between(0.04, 0.9) ** 1.3;
    let at = calendar.snap(ms(visit.enteredAt) + span * share, random);
    if (stage.id === 'verification' && at < lastUpload + 10 * 60_000) at = calendar.snap(lastUpload + random.int(10, 90) * 60_000, random);
    if (at >= now - 10 * 60_000) return false;
    breachIfLate(visit, at);
    if (random.chance(0.25))
      steps.push({ action: 'claim', at: Math.max(ms(visit.enteredAt) + 60_000, at - random.int(5, 90) * 60_000), role: stage.role });
    const decision = t === 'A' ? 'APPROVE' : t === 'R' ? 'RETURN' : 'REJECT';
    steps.push({ action: 'decide', at, role: stage.role, decision, stage: stage.id, late });
    visits = closeCurrentVisit(visits, iso(at), null, decision);
    last = at;
    const index = stages.findIndex((s) => s.id === stage.id);
    if (t === 'A' && index < stages.length - 1) visit = enter(stages[index + 1], at);
    else if (t === 'R') visit = visits[visits.length - 1];
    else visit = null;
    return true;
  };
  for (const item of scenario.script) {
    switch (item.t) {
      case 'A':
      case 'R':
      case 'X':
        if (!decide(item.t, item.late === true)) return null;
        break;
      case 'to':
        while (visit && visit.stage !== item.stage) if (!decide('A', false)) return null;
        if (!visit) return null;
        break;
      case 'conflict': {
        if (!visit) return null;
        const at = calendar.snap(ms(visit.enteredAt) + random.int(30, 180) * 60_000, random);
        if (at >= now - 10 * 60_000) return null;
        steps.push({ action: 'conflict', at, stage: visit.stage });
        lastUpload = Math.max(lastUpload, at);
        break;
      }
      case 'refused-decree': {
        if (!visit) return null;
        const at = calendar.snap(ms(visit.enteredAt) + random.int(2, 6) * HOUR, random);
        if (at >= now - 10 * 60_000) return null;
        steps.push({ action: 'refused-decree', at });
        last = at;
        // The decision that follows comes the next working day at the earliest.
        visit = { ...visit, enteredAt: iso(calendar.workingDaysLater(at, 1, random) - 8 * HOUR) };
        break;
      }
      case 'resubmit': {
        if (!visit) return null;
        const at = calendar.workingDaysLater(last, random.int(1, 6), random);
        if (at >= now - 10 * 60_000) return null;
        // What the verifier or BKN found wanting is uploaded again first; a changed berkas goes back through verification.
        steps.push({ action: 'upload', at: at - random.int(20, 90) * 60_000, types: ['REUPLOAD' as DocumentType] });
        lastUpload = at;
        steps.push({ action: 'resubmit', at });
        visit = enter(stageOf(stages, 'verification'), at);
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
          if (at > ms(visit.enteredAt) && at > lastUpload) steps.push({ action: 'claim', at, role: stageOf(stages, visit.stage).role });
        }
        break;
      }
    }
  }
  if (steps.some((s) => s.at >= now)) return null;
  steps.sort((a, b) => a.at - b.at);
  return { steps, visits, final };
}
