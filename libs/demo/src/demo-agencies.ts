import type { Eselon, PositionType } from '#domain';
import type { DemoAgencyId } from './demo-users.js';

/** A structural post: its type and eselon (the grade range follows from the reference data). */
export interface DemoPost {
  title: string;
  type: PositionType;
  eselon: Eselon | null;
}

/** A unit (OPD, kecamatan, kelurahan) of a demo agency and what kind of people work there. */
export interface DemoUnit {
  id: string;
  name: string;
  /** The unit it belongs to in the agency's configuration (a kelurahan under its kecamatan). */
  parentId: string | null;
  /** Relative size: share of the agency's employees. */
  weight: number;
  /** The head's post (the unit's staff report up to them; the head reports to the Sekda). */
  head: DemoPost;
  /** Structural posts below the head: ADMINISTRATOR (sekretaris, kepala bidang) report to the head, PENGAWAS (kasi, kasubbag) to them. */
  structural: DemoPost[];
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
  /** The PPK: the Wali Kota, who signs the decrees up to IV/b (no NIP; the `ppk` role is the officer he authorises). */
  signatory: { name: string; title: string };
  /** The BKN regional office (Kanreg) that gives the pertek, and its number prefix. */
  bknOffice: { name: string; pertekPrefix: string };
  /** The prefix of the agency's decree numbers (823.3 is the archive code of kenaikan pangkat). */
  decreePrefix: string;
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

/**
 * The eselon of a structural title in a city government: Sekretaris of a dinas/badan and Kepala
 * Bagian of the Setda III.a, Kepala Bidang, Inspektur Pembantu and Sekretaris Kecamatan III.b,
 * Kepala Seksi/Subbagian/Subbidang IV.a (IV.b in a kelurahan, whose Sekretaris is IV.a).
 */
function structuralPost(title: string, kelurahan: boolean): DemoPost {
  if (kelurahan) return { title, type: 'PENGAWAS', eselon: /^Sekretaris/.test(title) ? 'IV.a' : 'IV.b' };
  if (/^(Sekretaris Kecamatan|Kepala Bidang|Inspektur Pembantu)/.test(title)) return { title, type: 'ADMINISTRATOR', eselon: 'III.b' };
  if (/^(Sekretaris|Kepala Bagian)/.test(title)) return { title, type: 'ADMINISTRATOR', eselon: 'III.a' };
  return { title, type: 'PENGAWAS', eselon: 'IV.a' };
}

function office(
  id: string,
  name: string,
  weight: number,
  head: string,
  structural: string[],
  functional: string[],
  trainingAccess: number,
  headPost: Omit<DemoPost, 'title'> = { type: 'JPT', eselon: 'II.b' },
  parentId: string | null = null,
): DemoUnit {
  const kelurahan = id.startsWith('kelurahan');
  return {
    id,
    name,
    parentId,
    weight,
    head: { title: head, ...headPost },
    structural: structural.map((title) => structuralPost(title, kelurahan)),
    functional,
    staff: ADMIN_STAFF,
    trainingAccess,
  };
}

function commonUnits(city: string, setdaHead: string): DemoUnit[] {
  return [
    office(
      'sekretariat-daerah',
      `Sekretariat Daerah ${city}`,
      6,
      setdaHead,
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
        'Kepala Subbagian Umum dan Kepegawaian',
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

function area(id: string, name: string, weight: number, kind: 'kecamatan' | 'kelurahan', parentId: string | null = null): DemoUnit {
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
        { type: 'ADMINISTRATOR', eselon: 'III.a' },
      )
    : office(
        id,
        name,
        weight,
        `Lurah ${name.replace(/^Kelurahan /, '')}`,
        ['Sekretaris Kelurahan', 'Kepala Seksi Pemerintahan', 'Kepala Seksi Pembangunan'],
        ['Penyuluh Keluarga Berencana'],
        0.3,
        { type: 'ADMINISTRATOR', eselon: 'III.b' },
        parentId,
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
    signatory: { name: 'Teuku Syahrul Akbar', title: 'Wali Kota Langsa' },
    bknOffice: { name: 'Kantor Regional XIII BKN Banda Aceh', pertekPrefix: 'AR-13.03' },
    decreePrefix: '823.3',
    units: [
      ...commonUnits('Kota Langsa', 'Asisten Perekonomian dan Pembangunan'),
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
    signatory: { name: 'Hasudungan Pardamean Lubis', title: 'Wali Kota Medan' },
    bknOffice: { name: 'Kantor Regional VI BKN Medan', pertekPrefix: 'AR-06.02' },
    decreePrefix: '823.3',
    units: [
      ...commonUnits('Kota Medan', 'Asisten Perekonomian dan Pembangunan'),
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
      area('kelurahan-labuhan-deli', 'Kelurahan Labuhan Deli', 1, 'kelurahan', 'kecamatan-medan-marelan'),
      area('kelurahan-paya-pasir', 'Kelurahan Paya Pasir', 1, 'kelurahan', 'kecamatan-medan-marelan'),
      area('kelurahan-rengas-pulau', 'Kelurahan Rengas Pulau', 1, 'kelurahan', 'kecamatan-medan-marelan'),
      area('kelurahan-tanah-enam-ratus', 'Kelurahan Tanah Enam Ratus', 1, 'kelurahan', 'kecamatan-medan-marelan'),
      area('kelurahan-terjun', 'Kelurahan Terjun', 1, 'kelurahan', 'kecamatan-medan-marelan'),
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
    signatory: { name: 'Sulistyo Adi Nugroho', title: 'Wali Kota Semarang' },
    bknOffice: { name: 'Kantor Regional I BKN Yogyakarta', pertekPrefix: 'AR-01.04' },
    decreePrefix: '823.3',
    units: [
      ...commonUnits('Kota Semarang', 'Asisten Pemerintahan dan Kesejahteraan Rakyat'),
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
export const DEMO_UNITS: Record<string, { id: string; name: string; parentId: string | null }[]> = Object.fromEntries(
  DEMO_AGENCY_DATA.map((a) => [a.id, a.units.map((u) => ({ id: u.id, name: u.name, parentId: u.parentId }))]),
);
