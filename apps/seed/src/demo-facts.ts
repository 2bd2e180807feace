import { DateTime } from 'luxon';
import {
  predicateFor,
  type CompetencyKind,
  type PositionType,
  type Predicate,
  type Rating,
  type SanctionLevel,
  type SanctionType,
} from '#domain';
import { demoUser } from '#demo';
import {
  DAY,
  HOUR,
  iso,
  type AgencyPeople,
  type Performance,
  type Person,
  type PlannedActor,
  type PlannedFact,
} from './demo-plan-model.js';
import type { Random } from './random.js';

/** Appraisals, trainings and sanctions of the demo plan, recorded as they would have been since go-live. */

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

const SANCTIONS: [SanctionLevel, SanctionType, string][] = [
  ['LIGHT', 'WRITTEN_REPRIMAND', 'Tidak masuk kerja tanpa keterangan yang sah selama 5 hari kerja'],
  ['LIGHT', 'ORAL_REPRIMAND', 'Terlambat masuk kerja berulang tanpa alasan yang sah'],
  ['MODERATE', 'ALLOWANCE_CUT_6M', 'Tidak masuk kerja tanpa keterangan yang sah selama 12 hari kerja dalam satu tahun'],
  ['MODERATE', 'ALLOWANCE_CUT_9M', 'Tidak mencapai target kinerja tanpa alasan yang sah'],
];

const UNIVERSITIES: Record<string, string[]> = {
  aceh: ['Universitas Samudra', 'Universitas Syiah Kuala', 'Universitas Terbuka UPBJJ Banda Aceh'],
  sumut: ['Universitas Sumatera Utara', 'Universitas Muhammadiyah Sumatera Utara', 'Universitas Terbuka UPBJJ Medan'],
  jateng: ['Universitas Diponegoro', 'Universitas Negeri Semarang', 'Universitas Terbuka UPBJJ Semarang'],
};

export function factsOf(group: AgencyPeople, now: number, year: number, goLive: number, random: Random): PlannedFact[] {
  const { agency, calendar } = group;
  const facts: PlannedFact[] = [];
  const hr: PlannedActor = { nip: demoUser(agency.id, 'hr').nip, roles: ['hr'] };
  const today = calendar.date(now);
  let certificate = 0;
  let decree = random.int(20, 60);
  const short = agency.id.slice(7, 10).toUpperCase();
  /** A moment after registration and before `before` (a proposal): when HR records a fact on file. */
  const onFile = (p: Person, after: number, before: number): number | null => {
    const at = calendar.snap(Math.max(after, p.registeredAt + HOUR) + random.int(1, 10) * DAY, random);
    return at < before - HOUR && at < now ? at : null;
  };

  for (const p of group.people) {
    // The direct superior appraises (the Sekda is appraised by the Wali Kota, outside the system).
    const appraiser = p.superiorNip;
    for (const period of [year - 3, year - 2, year - 1]) {
      if (!appraiser || Number(p.appointedOn.slice(0, 4)) > period) continue;
      const submitted =
        calendar.momentOn(`${period + 1}-01-${String(random.int(8, 31)).padStart(2, '0')}`, random) + random.int(0, 28) * DAY;
      let at = Math.max(calendar.snap(submitted, random), p.registeredAt + HOUR);
      // A candidate proposed in January or February was appraised before the proposal.
      const by = p.needs.appraisedBy;
      if (by !== undefined && period === Number(calendar.date(by).slice(0, 4)) - 1 && at > by - HOUR)
        at = Math.max(Date.parse(`${period + 1}-01-02T01:00:00Z`), by - random.int(2, 48) * HOUR);
      if (at >= now) continue;
      let predicate = random.weighted(PERFORMANCE[p.performance]);
      if (p.goodPeriods.has(period) && predicate !== 'SANGAT_BAIK' && predicate !== 'BAIK') predicate = 'BAIK';
      if (p.starPeriods.has(period)) predicate = 'SANGAT_BAIK';
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
      // Recorded on or after the day it was completed: just after local midnight, "an hour ago" may be yesterday.
      if (at <= p.registeredAt || calendar.date(at) < completedOn) return;
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

    // What a candidate's record needs before the proposal: a service exam, a diploma with its study permit.
    const { serviceExam, diploma, sanctionFrom, sanctionBefore } = p.needs;
    if (serviceExam) {
      const passedOn = DateTime.fromISO(serviceExam.before)
        .minus({ days: random.int(200, 900) })
        .toISODate() as string;
      const at = onFile(p, Date.parse(`${passedOn}T12:00:00Z`), Date.parse(`${serviceExam.before}T00:00:00Z`));
      if (at !== null) {
        certificate += 1;
        facts.push({
          kind: 'service-exam',
          agency: agency.id,
          at: iso(at),
          actor: hr,
          body: {
            nip: p.nip,
            level: serviceExam.level,
            passedOn: passedOn < p.appointedOn ? p.appointedOn : passedOn,
            certificateNo: `UD-${serviceExam.level === 1 ? 'I' : 'II'}/${passedOn.slice(0, 4)}/${short}-${String(certificate).padStart(5, '0')}`,
          },
        });
      }
    }
    if (diploma) {
      const at = onFile(p, Date.parse(`${diploma.graduatedOn}T12:00:00Z`) + 7 * DAY, now);
      if (at !== null) {
        decree += 1;
        facts.push({
          kind: 'education',
          agency: agency.id,
          at: iso(at),
          actor: hr,
          body: {
            nip: p.nip,
            level: diploma.level,
            institution: random.pick(UNIVERSITIES[agency.region]),
            graduatedOn: diploma.graduatedOn,
            studyPermitNumber: `800.1.4/${decree}/IB/BKPSDM/${diploma.permitOn.slice(0, 4)}`,
            studyPermitDate: diploma.permitOn,
          },
        });
      }
    }
    if (sanctionFrom && sanctionBefore) {
      // MODERATE, imposed after the proposal: the decree that follows is refused while it runs.
      const decreeDate = DateTime.fromISO(sanctionFrom)
        .minus({ days: random.int(1, 4) })
        .toISODate() as string;
      const at = Math.min(calendar.snap(calendar.momentOn(sanctionFrom, random), random), sanctionBefore - 2 * HOUR);
      decree += 1;
      p.sanctions.push({ from: sanctionFrom, level: 'MODERATE', at });
      facts.push({
        kind: 'sanction',
        agency: agency.id,
        at: iso(at),
        actor: hr,
        body: {
          nip: p.nip,
          level: 'MODERATE',
          type: 'ALLOWANCE_CUT_6M',
          reason: 'Tidak masuk kerja tanpa keterangan yang sah selama 12 hari kerja dalam satu tahun',
          decreeNumber: `800.1.6.4/${decree}/BKPSDM/${decreeDate.slice(0, 4)}`,
          decreeDate,
          from: sanctionFrom,
        },
      });
    }

    // A few disciplinary sanctions (PP 94/2021), never on a promotion candidate.
    if (!p.busy && !p.demo && random.chance(0.012)) {
      const [level, type, reason] = random.pick(SANCTIONS);
      const decreeDate = calendar.date(random.between(goLive + 60 * DAY, now - 30 * DAY));
      const from = DateTime.fromISO(decreeDate)
        .plus({ days: random.int(0, 7) })
        .toISODate() as string;
      const at = calendar.snap(calendar.momentOn(from, random) + random.int(0, 3) * DAY, random);
      if (at < now && at > p.registeredAt && from <= calendar.date(at)) {
        decree += 1;
        p.sanctions.push({ from, level, at });
        facts.push({
          kind: 'sanction',
          agency: agency.id,
          at: iso(at),
          actor: hr,
          body: { nip: p.nip, level, type, reason, decreeNumber: `800.1.6.4/${decree}/BKPSDM/${decreeDate.slice(0, 4)}`, decreeDate, from },
        });
      }
    }
  }
  return facts;
}
