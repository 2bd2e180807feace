import { DateTime } from 'luxon';
import { predicateFor, type CompetencyKind, type PositionType, type Predicate, type Rating, type SanctionLevel } from '#domain';
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

const SANCTIONS: [SanctionLevel, string, number][] = [
  ['LIGHT', 'Teguran tertulis: tidak masuk kerja tanpa keterangan 5 hari kerja', 6],
  ['MODERATE', 'Pemotongan tunjangan kinerja 25% selama 6 bulan', 6],
  ['SEVERE', 'Penurunan jabatan setingkat lebih rendah selama 12 bulan', 12],
];

export function factsOf(group: AgencyPeople, now: number, year: number, goLive: number, random: Random): PlannedFact[] {
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
