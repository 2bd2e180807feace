import type { Grade, PositionType, Role } from '#domain';

/**
 * The people the demo data is built around: per agency, one holder of each working role and one
 * employee whose promotion file is in the middle of the pipeline (at `committee`). The seed
 * registers every one of them as an employee, so their careers exist, and runs its commands as
 * them (the hr user proposes, the verifier verifies, ...). The web console offers them for
 * sign-in; `npm run token -- --sub <nip> --agency <agency> --roles <roles>` prints a token.
 */
export interface DemoUser {
  nip: string;
  name: string;
  agency: string;
  roles: Role[];
  /** What the console shows next to the name, e.g. "HR (BKPSDM)". */
  label: string;
  unitId: string;
  grade: Grade;
  gradeSince: string;
  positionTitle: string;
  positionType: PositionType;
}

export const DEMO_AGENCIES = ['pemkot-langsa', 'pemkot-medan', 'pemkot-semarang'] as const;
export type DemoAgencyId = (typeof DEMO_AGENCIES)[number];

export const DEMO_USERS: readonly DemoUser[] = [
  // Kota Langsa
  { nip: '198607142010012003', name: 'Cut Nurul Aini', agency: 'pemkot-langsa', roles: ['hr'], label: 'HR (BKPSDM)', unitId: 'bkpsdm', grade: 'III/c', gradeSince: '2018-04-01', positionTitle: 'Analis Sumber Daya Manusia Aparatur', positionType: 'FUNGSIONAL' },
  { nip: '197911052005011002', name: 'Teuku Rizki Maulana', agency: 'pemkot-langsa', roles: ['evaluator'], label: 'Appraiser (Kepala Bidang, Dinas Kesehatan)', unitId: 'dinas-kesehatan', grade: 'IV/a', gradeSince: '2017-10-01', positionTitle: 'Kepala Bidang Pelayanan Kesehatan', positionType: 'ADMINISTRATOR' },
  { nip: '198802202011012001', name: 'Nurhayati', agency: 'pemkot-langsa', roles: ['verifier'], label: 'Verifier (BKPSDM)', unitId: 'bkpsdm', grade: 'III/b', gradeSince: '2019-04-01', positionTitle: 'Verifikator Kepangkatan', positionType: 'PELAKSANA' },
  { nip: '197503171999031004', name: 'Muhammad Iqbal', agency: 'pemkot-langsa', roles: ['committee'], label: 'Committee (TPK)', unitId: 'sekretariat-daerah', grade: 'IV/b', gradeSince: '2016-04-01', positionTitle: 'Asisten Administrasi Umum', positionType: 'ADMINISTRATOR' },
  { nip: '196808121994031005', name: 'Said Mahdi', agency: 'pemkot-langsa', roles: ['ppk'], label: 'PPK (Sekretaris Daerah)', unitId: 'sekretariat-daerah', grade: 'IV/c', gradeSince: '2015-10-01', positionTitle: 'Sekretaris Daerah', positionType: 'JPT' },
  { nip: '198204252006042002', name: 'Rahmawati Yusuf', agency: 'pemkot-langsa', roles: ['auditor'], label: 'Auditor (Inspektorat)', unitId: 'inspektorat', grade: 'III/d', gradeSince: '2018-10-01', positionTitle: 'Auditor Muda', positionType: 'FUNGSIONAL' },
  { nip: '199001152014031001', name: 'Fadhil Azhari', agency: 'pemkot-langsa', roles: ['admin'], label: 'Administrator (BKPSDM)', unitId: 'bkpsdm', grade: 'III/b', gradeSince: '2020-04-01', positionTitle: 'Pranata Komputer Ahli Pertama', positionType: 'FUNGSIONAL' },
  { nip: '198412032009011003', name: 'Zulfikar Hasan', agency: 'pemkot-langsa', roles: ['employee'], label: 'Employee (file at committee)', unitId: 'dinas-pendidikan', grade: 'III/b', gradeSince: '2019-04-01', positionTitle: 'Pengelola Data Pendidikan', positionType: 'PELAKSANA' },
  // Kota Medan
  { nip: '198705092011012004', name: 'Rina Siregar', agency: 'pemkot-medan', roles: ['hr'], label: 'HR (BKPSDM)', unitId: 'bkpsdm', grade: 'III/c', gradeSince: '2019-04-01', positionTitle: 'Analis Sumber Daya Manusia Aparatur', positionType: 'FUNGSIONAL' },
  { nip: '198011182006041003', name: 'Hendra Sitompul', agency: 'pemkot-medan', roles: ['evaluator'], label: 'Appraiser (Camat Medan Marelan)', unitId: 'kecamatan-medan-marelan', grade: 'IV/a', gradeSince: '2018-04-01', positionTitle: 'Camat Medan Marelan', positionType: 'ADMINISTRATOR' },
  { nip: '198903272014022001', name: 'Dewi Lestari Nasution', agency: 'pemkot-medan', roles: ['verifier'], label: 'Verifier (BKPSDM)', unitId: 'bkpsdm', grade: 'III/b', gradeSince: '2020-04-01', positionTitle: 'Verifikator Kepangkatan', positionType: 'PELAKSANA' },
  { nip: '197609141998031002', name: 'Parulian Simanjuntak', agency: 'pemkot-medan', roles: ['committee'], label: 'Committee (TPK)', unitId: 'sekretariat-daerah', grade: 'IV/b', gradeSince: '2017-04-01', positionTitle: 'Asisten Pemerintahan', positionType: 'ADMINISTRATOR' },
  { nip: '196902281993031004', name: 'Syahrial Lubis', agency: 'pemkot-medan', roles: ['ppk'], label: 'PPK (Sekretaris Daerah)', unitId: 'sekretariat-daerah', grade: 'IV/d', gradeSince: '2016-10-01', positionTitle: 'Sekretaris Daerah', positionType: 'JPT' },
  { nip: '198306062008012005', name: 'Mariani Harahap', agency: 'pemkot-medan', roles: ['auditor'], label: 'Auditor (Inspektorat)', unitId: 'inspektorat', grade: 'III/d', gradeSince: '2019-10-01', positionTitle: 'Auditor Muda', positionType: 'FUNGSIONAL' },
  { nip: '199108212015031002', name: 'Andi Saputra', agency: 'pemkot-medan', roles: ['admin'], label: 'Administrator (BKPSDM)', unitId: 'bkpsdm', grade: 'III/b', gradeSince: '2021-04-01', positionTitle: 'Pranata Komputer Ahli Pertama', positionType: 'FUNGSIONAL' },
  { nip: '198511102010011004', name: 'Rudi Hartono Sinaga', agency: 'pemkot-medan', roles: ['employee'], label: 'Employee (file at committee)', unitId: 'kelurahan-terjun', grade: 'III/b', gradeSince: '2019-10-01', positionTitle: 'Sekretaris Kelurahan Terjun', positionType: 'PENGAWAS' },
  // Kota Semarang
  { nip: '198602182010012002', name: 'Sri Wahyuni', agency: 'pemkot-semarang', roles: ['hr'], label: 'HR (BKPSDM)', unitId: 'bkpsdm', grade: 'III/c', gradeSince: '2018-10-01', positionTitle: 'Analis Sumber Daya Manusia Aparatur', positionType: 'FUNGSIONAL' },
  { nip: '197807232003121003', name: 'Agus Setiawan', agency: 'pemkot-semarang', roles: ['evaluator'], label: 'Appraiser (Kepala Bidang, Dinas Pendidikan)', unitId: 'dinas-pendidikan', grade: 'IV/a', gradeSince: '2017-04-01', positionTitle: 'Kepala Bidang Pembinaan SD', positionType: 'ADMINISTRATOR' },
  { nip: '199004042015032001', name: 'Fitri Handayani', agency: 'pemkot-semarang', roles: ['verifier'], label: 'Verifier (BKPSDM)', unitId: 'bkpsdm', grade: 'III/b', gradeSince: '2020-10-01', positionTitle: 'Verifikator Kepangkatan', positionType: 'PELAKSANA' },
  { nip: '197410101998031006', name: 'Bambang Sutrisno', agency: 'pemkot-semarang', roles: ['committee'], label: 'Committee (TPK)', unitId: 'sekretariat-daerah', grade: 'IV/b', gradeSince: '2016-10-01', positionTitle: 'Asisten Perekonomian dan Pembangunan', positionType: 'ADMINISTRATOR' },
  { nip: '196712151992031003', name: 'Hari Purnomo', agency: 'pemkot-semarang', roles: ['ppk'], label: 'PPK (Sekretaris Daerah)', unitId: 'sekretariat-daerah', grade: 'IV/d', gradeSince: '2015-04-01', positionTitle: 'Sekretaris Daerah', positionType: 'JPT' },
  { nip: '198109302005022004', name: 'Endang Kusumawati', agency: 'pemkot-semarang', roles: ['auditor'], label: 'Auditor (Inspektorat)', unitId: 'inspektorat', grade: 'III/d', gradeSince: '2018-04-01', positionTitle: 'Auditor Muda', positionType: 'FUNGSIONAL' },
  { nip: '199206062017031001', name: 'Yoga Pratama', agency: 'pemkot-semarang', roles: ['admin'], label: 'Administrator (BKPSDM)', unitId: 'bkpsdm', grade: 'III/a', gradeSince: '2021-10-01', positionTitle: 'Pranata Komputer Ahli Pertama', positionType: 'FUNGSIONAL' },
  { nip: '198803152012012003', name: 'Dian Puspitasari', agency: 'pemkot-semarang', roles: ['employee'], label: 'Employee (file at committee)', unitId: 'dinas-kesehatan', grade: 'III/b', gradeSince: '2020-04-01', positionTitle: 'Perawat Penyelia', positionType: 'FUNGSIONAL' },
];

/** The demo user of `agency` holding `role` (each agency has exactly one per role). */
export function demoUser(agency: string, role: Role): DemoUser {
  const user = DEMO_USERS.find((u) => u.agency === agency && u.roles.includes(role));
  if (!user) throw new Error(`No demo user with role ${role} in ${agency}`);
  return user;
}
