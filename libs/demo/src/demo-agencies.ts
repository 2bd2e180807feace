import type { PositionType } from '#domain';
import type { DemoAgencyId } from './demo-users.js';

/** A unit (OPD, kecamatan, kelurahan) of a demo agency and what kind of people work there. */
export interface DemoUnit {
  id: string;
  name: string;
  /** Relative size: share of the agency's employees. */
  weight: number;
  /** The head's title and position type (appraises the unit's staff). */
  head: { title: string; type: PositionType };
  /** Second-line structural posts (kepala bidang, sekretaris, kasubbag, kasi). */
  structural: { title: string; type: PositionType }[];
  /** Functional posts (guru, perawat, auditor, …) and executing staff (pelaksana). */
  functional: string[];
  staff: string[];
  /** How much training reaches this unit (1 = typical): head offices get much more than kelurahan. */
  trainingAccess: number;
}

export interface DemoAgency {
  id: DemoAgencyId;
  name: string;
  timeZone: string;
  /** Share of all demo employees. */
  share: number;
  region: 'aceh' | 'sumut' | 'jateng';
  trainingProvider: string;
  units: DemoUnit[];
}

const ADMIN_STAFF = [
  'Pengadministrasi Umum',
  'Pengelola Data',
  'Pengelola Keuangan',
  'Pengadministrasi Perkantoran',
  'Pengemudi',
  'Pengelola Barang Milik Daerah',
];

function office(
  id: string,
  name: string,
  weight: number,
  head: string,
  structural: string[],
  functional: string[],
  trainingAccess: number,
  headType: PositionType = 'JPT',
): DemoUnit {
  return {
    id,
    name,
    weight,
    head: { title: head, type: headType },
    structural: structural.map((title) => ({
      title,
      type: /^(Kepala Bidang|Sekretaris|Inspektur Pembantu|Camat|Kepala Bagian)/.test(title) ? 'ADMINISTRATOR' : 'PENGAWAS',
    })),
    functional,
    staff: ADMIN_STAFF,
    trainingAccess,
  };
}

function commonUnits(city: string): DemoUnit[] {
  return [
    office(
      'sekretariat-daerah',
      `Sekretariat Daerah ${city}`,
      6,
      'Asisten Administrasi Umum',
      ['Kepala Bagian Umum', 'Kepala Bagian Organisasi', 'Kepala Bagian Hukum', 'Kepala Subbagian Tata Usaha'],
      ['Analis Kebijakan', 'Perancang Peraturan Perundang-undangan', 'Arsiparis'],
      1.8,
    ),
    office(
      'bkpsdm',
      `Badan Kepegawaian dan Pengembangan SDM ${city}`,
      3,
      'Kepala BKPSDM',
      ['Sekretaris BKPSDM', 'Kepala Bidang Mutasi dan Promosi', 'Kepala Bidang Pengembangan Kompetensi', 'Kepala Subbagian Umum'],
      ['Analis SDM Aparatur', 'Pranata Komputer', 'Assessor SDM Aparatur'],
      2.5,
    ),
    office(
      'inspektorat',
      `Inspektorat ${city}`,
      2,
      'Inspektur',
      ['Sekretaris Inspektorat', 'Inspektur Pembantu Wilayah I', 'Inspektur Pembantu Wilayah II'],
      ['Auditor', 'Pengawas Penyelenggaraan Urusan Pemerintahan Daerah'],
      2.2,
    ),
    office(
      'bappeda',
      `Badan Perencanaan Pembangunan Daerah ${city}`,
      2,
      'Kepala Bappeda',
      ['Sekretaris Bappeda', 'Kepala Bidang Perencanaan Ekonomi', 'Kepala Bidang Infrastruktur'],
      ['Perencana', 'Statistisi'],
      1.6,
    ),
    office(
      'dinas-pendidikan',
      `Dinas Pendidikan ${city}`,
      34,
      'Kepala Dinas Pendidikan',
      [
        'Sekretaris Dinas',
        'Kepala Bidang Pembinaan SD',
        'Kepala Bidang Pembinaan SMP',
        'Kepala Seksi Kurikulum',
        'Kepala Seksi Peserta Didik',
      ],
      ['Guru Kelas SD', 'Guru Matematika', 'Guru Bahasa Indonesia', 'Guru IPA', 'Guru Pendidikan Agama', 'Pengawas Sekolah', 'Pustakawan'],
      0.55,
    ),
    office(
      'dinas-kesehatan',
      `Dinas Kesehatan ${city}`,
      20,
      'Kepala Dinas Kesehatan',
      [
        'Sekretaris Dinas',
        'Kepala Bidang Pelayanan Kesehatan',
        'Kepala Bidang Kesehatan Masyarakat',
        'Kepala Puskesmas',
        'Kepala Seksi Farmasi',
      ],
      ['Perawat', 'Bidan', 'Dokter', 'Apoteker', 'Nutrisionis', 'Sanitarian', 'Epidemiolog Kesehatan'],
      0.9,
    ),
    office(
      'dinas-pupr',
      `Dinas Pekerjaan Umum dan Penataan Ruang ${city}`,
      6,
      'Kepala Dinas PUPR',
      ['Sekretaris Dinas', 'Kepala Bidang Bina Marga', 'Kepala Bidang Sumber Daya Air', 'Kepala Seksi Jalan dan Jembatan'],
      ['Teknik Jalan dan Jembatan', 'Penata Ruang', 'Pengawas Konstruksi'],
      0.8,
    ),
    office(
      'dinas-sosial',
      `Dinas Sosial ${city}`,
      3,
      'Kepala Dinas Sosial',
      ['Sekretaris Dinas', 'Kepala Bidang Perlindungan Sosial', 'Kepala Seksi Rehabilitasi Sosial'],
      ['Pekerja Sosial', 'Penyuluh Sosial'],
      0.7,
    ),
  ];
}

function area(id: string, name: string, weight: number, kind: 'kecamatan' | 'kelurahan'): DemoUnit {
  return kind === 'kecamatan'
    ? office(
        id,
        name,
        weight,
        `Camat ${name.replace(/^Kecamatan /, '')}`,
        [
          'Sekretaris Kecamatan',
          'Kepala Seksi Pemerintahan',
          'Kepala Seksi Kesejahteraan Sosial',
          'Kepala Seksi Ketenteraman dan Ketertiban',
        ],
        ['Penyuluh Keluarga Berencana', 'Analis Kebijakan'],
        0.45,
        'ADMINISTRATOR',
      )
    : office(
        id,
        name,
        weight,
        `Lurah ${name.replace(/^Kelurahan /, '')}`,
        ['Sekretaris Kelurahan', 'Kepala Seksi Pemerintahan', 'Kepala Seksi Pembangunan'],
        ['Penyuluh Keluarga Berencana'],
        0.3,
        'PENGAWAS',
      );
}

export const DEMO_AGENCY_DATA: readonly DemoAgency[] = [
  {
    id: 'pemkot-langsa',
    name: 'Pemerintah Kota Langsa',
    timeZone: 'Asia/Jakarta',
    share: 0.2,
    region: 'aceh',
    trainingProvider: 'BPSDM Aceh',
    units: [
      ...commonUnits('Kota Langsa'),
      office(
        'rsud-langsa',
        'RSUD Kota Langsa',
        9,
        'Direktur RSUD',
        ['Kepala Bidang Pelayanan Medik', 'Kepala Bidang Keperawatan', 'Kepala Seksi Penunjang Medik'],
        ['Dokter Spesialis', 'Perawat', 'Bidan', 'Radiografer', 'Pranata Laboratorium Kesehatan'],
        0.9,
      ),
      area('kecamatan-langsa-kota', 'Kecamatan Langsa Kota', 2, 'kecamatan'),
      area('kecamatan-langsa-barat', 'Kecamatan Langsa Barat', 2, 'kecamatan'),
      area('kecamatan-langsa-timur', 'Kecamatan Langsa Timur', 2, 'kecamatan'),
    ],
  },
  {
    id: 'pemkot-medan',
    name: 'Pemerintah Kota Medan',
    timeZone: 'Asia/Jakarta',
    share: 0.45,
    region: 'sumut',
    trainingProvider: 'BPSDM Provinsi Sumatera Utara',
    units: [
      ...commonUnits('Kota Medan'),
      office(
        'dinas-kependudukan',
        'Dinas Kependudukan dan Pencatatan Sipil Kota Medan',
        4,
        'Kepala Dinas Dukcapil',
        ['Sekretaris Dinas', 'Kepala Bidang Pelayanan Pendaftaran Penduduk', 'Kepala Seksi Identitas Penduduk'],
        ['Administrator Database Kependudukan'],
        0.7,
      ),
      area('kecamatan-medan-marelan', 'Kecamatan Medan Marelan', 3, 'kecamatan'),
      area('kelurahan-labuhan-deli', 'Kelurahan Labuhan Deli', 1, 'kelurahan'),
      area('kelurahan-paya-pasir', 'Kelurahan Paya Pasir', 1, 'kelurahan'),
      area('kelurahan-rengas-pulau', 'Kelurahan Rengas Pulau', 1, 'kelurahan'),
      area('kelurahan-tanah-enam-ratus', 'Kelurahan Tanah Enam Ratus', 1, 'kelurahan'),
      area('kelurahan-terjun', 'Kelurahan Terjun', 1, 'kelurahan'),
      area('kecamatan-medan-labuhan', 'Kecamatan Medan Labuhan', 3, 'kecamatan'),
    ],
  },
  {
    id: 'pemkot-semarang',
    name: 'Pemerintah Kota Semarang',
    timeZone: 'Asia/Jakarta',
    share: 0.35,
    region: 'jateng',
    trainingProvider: 'BPSDM Provinsi Jawa Tengah',
    units: [
      ...commonUnits('Kota Semarang'),
      office(
        'rsud-wongsonegoro',
        'RSUD K.R.M.T. Wongsonegoro',
        8,
        'Direktur RSUD',
        ['Kepala Bidang Pelayanan Medik', 'Kepala Bidang Keperawatan', 'Kepala Seksi Rekam Medis'],
        ['Dokter Spesialis', 'Perawat', 'Bidan', 'Perekam Medis', 'Fisioterapis'],
        1,
      ),
      area('kecamatan-semarang-tengah', 'Kecamatan Semarang Tengah', 2, 'kecamatan'),
      area('kecamatan-tembalang', 'Kecamatan Tembalang', 2, 'kecamatan'),
      area('kecamatan-banyumanik', 'Kecamatan Banyumanik', 2, 'kecamatan'),
    ],
  },
];

/** Unit names for display (the API stores only unit ids). */
export const DEMO_UNITS: Record<string, { id: string; name: string }[]> = Object.fromEntries(
  DEMO_AGENCY_DATA.map((a) => [a.id, a.units.map((u) => ({ id: u.id, name: u.name }))]),
);
