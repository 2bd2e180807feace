import type { Random } from './random.js';

/** Given names and family or second names as they are common in each region. */
const NAMES = {
  aceh: {
    male: ['Muhammad', 'Teuku', 'Rizki', 'Fadhil', 'Zulfikar', 'Iskandar', 'Mukhlis', 'Munawar', 'Azhari', 'Khairul', 'Fauzan', 'Mahdi', 'Ridwan', 'Syukri', 'Irfan', 'Nazaruddin', 'Safrizal', 'Junaidi', 'Hasbi', 'Zainal', 'Taufik', 'Bukhari', 'Maimun', 'Razali'],
    female: ['Cut', 'Nurul', 'Fitri', 'Rahmah', 'Nurhayati', 'Rosmawati', 'Intan', 'Syarifah', 'Nanda', 'Maulida', 'Rahmawati', 'Zahara', 'Salwa', 'Hafsah', 'Nuraini', 'Yusnidar', 'Mardhiah', 'Raihan', 'Ulfa', 'Khairunnisa'],
    family: ['Hasan', 'Ibrahim', 'Yusuf', 'Ismail', 'Abdullah', 'Daud', 'Saleh', 'Mahmud', 'Amin', 'Harun', 'Usman', 'Syah', 'Basyah', 'Idris', 'Ramli', 'Hamzah', 'Umar', 'Ali'],
  },
  sumut: {
    male: ['Rudi', 'Hendra', 'Andi', 'Ronald', 'Fransiskus', 'Budi', 'Ahmad', 'Rahmat', 'Parulian', 'Togar', 'Lamhot', 'Darwin', 'Hotman', 'Benny', 'Edison', 'Syahrial', 'Irwansyah', 'Wahyudi', 'Juliadi', 'Mangasi', 'Saut', 'Robert'],
    female: ['Rina', 'Dewi', 'Maria', 'Yohana', 'Sri', 'Nurhalimah', 'Rosmaida', 'Lenny', 'Agustina', 'Mariani', 'Elfrida', 'Juliana', 'Risma', 'Fitriani', 'Nurasiah', 'Sondang', 'Herlina', 'Debora', 'Erna', 'Tiurma'],
    family: ['Siregar', 'Nasution', 'Harahap', 'Lubis', 'Simanjuntak', 'Sitompul', 'Sinaga', 'Sihombing', 'Pardede', 'Hutagalung', 'Tambunan', 'Panjaitan', 'Silalahi', 'Ginting', 'Tarigan', 'Sembiring', 'Manurung', 'Situmorang', 'Pasaribu', 'Damanik', 'Saragih', 'Batubara', 'Rangkuti', 'Daulay'],
  },
  jateng: {
    male: ['Agus', 'Bambang', 'Budi', 'Slamet', 'Joko', 'Wahyu', 'Heru', 'Dwi', 'Tri', 'Eko', 'Ari', 'Nugroho', 'Sigit', 'Bayu', 'Teguh', 'Hadi', 'Rahmat', 'Yoga', 'Adi', 'Gunawan', 'Imam', 'Sutrisno'],
    female: ['Sri', 'Endang', 'Rina', 'Siti', 'Dian', 'Ratna', 'Yuni', 'Puji', 'Fitri', 'Retno', 'Wulan', 'Dewi', 'Tri', 'Ika', 'Novi', 'Ani', 'Lestari', 'Indah', 'Astuti', 'Kartika'],
    familyMale: ['Santoso', 'Wibowo', 'Setiawan', 'Purnomo', 'Susanto', 'Hartono', 'Kusuma', 'Pratama', 'Wijaya', 'Prasetyo', 'Saputra', 'Hidayat', 'Nugroho', 'Sutrisno', 'Raharjo', 'Suryanto'],
    familyFemale: ['Handayani', 'Lestari', 'Rahayu', 'Wulandari', 'Utami', 'Suryani', 'Puspitasari', 'Kusumawati', 'Wahyuningsih', 'Susilowati', 'Rahmawati', 'Anggraini', 'Hastuti', 'Purwanti'],
  },
} as const;

export function personName(region: 'aceh' | 'sumut' | 'jateng', sex: 1 | 2, random: Random): string {
  if (region === 'jateng') {
    const pool = NAMES.jateng;
    const given = random.pick(sex === 1 ? pool.male : pool.female);
    const family = random.pick(sex === 1 ? pool.familyMale : pool.familyFemale);
    return given === family ? given : `${given} ${family}`;
  }
  const pool = NAMES[region];
  const given = random.pick(sex === 1 ? pool.male : pool.female);
  // Acehnese names often have no family name; a second given name or the father's name instead.
  if (region === 'aceh' && random.chance(0.25)) return given;
  if (region === 'aceh' && (given === 'Cut' || given === 'Teuku')) return `${given} ${random.pick(sex === 1 ? pool.male.slice(2) : pool.female.slice(1))} ${random.pick(pool.family)}`;
  return `${given} ${random.pick(pool.family)}`;
}
