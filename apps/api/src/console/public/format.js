// Dates, times, durations and names, in the chosen language and the agency's time zone.
import { locale, t } from './i18n.js';

let timeZone = 'Asia/Jakarta';
/** The agency's IANA zone (WIB/WITA/WIT); deadlines are counted in it, so they are shown in it. */
export function setTimeZone(zone) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    timeZone = zone;
  } catch {
    /* unknown zone: keep the default */
  }
}

const ZONE_ABBREVIATIONS = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

export function dateTime(iso) {
  if (!iso) return t('common.none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const text = new Intl.DateTimeFormat(locale(), {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
  return `${text} ${ZONE_ABBREVIATIONS[timeZone] ?? ''}`.trim();
}

/** `24 Nov 01.32` (the year only when it is not this year): for dense tables. */
export function dateTimeShort(iso) {
  if (!iso) return t('common.none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const thisYear = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(new Date());
  const year = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(d);
  return new Intl.DateTimeFormat(locale(), {
    timeZone,
    day: 'numeric',
    month: 'short',
    ...(year === thisYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** A calendar date `2026-04-01` (no time zone: it is a day, not an instant). */
export function date(isoDate) {
  if (!isoDate) return t('common.none');
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(isoDate));
  if (!m) return String(isoDate);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}

export function time(d = new Date()) {
  return new Intl.DateTimeFormat(locale(), { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
}

/** `2 hari 3 jam` / `2 d 3 h`: the two largest units. */
function duration(ms) {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [];
  if (days) parts.push(t('time.day', { n: days }));
  if (hours) parts.push(t('time.hour', { n: hours }));
  if (!days && (mins || parts.length === 0)) parts.push(t('time.minute', { n: mins }));
  return parts.slice(0, 2).join(' ');
}

/** `dalam 1 hari 4 jam` or `lewat 3 jam` relative to now. */
export function untilDue(iso, now = Date.now()) {
  if (!iso) return '';
  const ms = new Date(iso).getTime() - now;
  return ms >= 0 ? t('time.inFuture', { d: duration(ms) }) : t('time.overdue', { d: duration(ms) });
}

export function number(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return t('common.none');
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(Number(n));
}

/** A ratio 0..1 (or a percentage 0..100 when `alreadyPercent`) as `87,5%`. */
export function percent(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return t('common.none');
  const ratio = Number(value) > 1 ? Number(value) / 100 : Number(value);
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(ratio);
}

const AGENCIES = {
  'pemkot-langsa': 'Pemerintah Kota Langsa',
  'pemkot-medan': 'Pemerintah Kota Medan',
  'pemkot-semarang': 'Pemerintah Kota Semarang',
};
export const agencyName = (id, configured) => (configured && configured !== id ? configured : (AGENCIES[id] ?? id));

const ACRONYMS = new Set([
  'bkpsdm',
  'bpsdm',
  'rsud',
  'opd',
  'dprd',
  'setda',
  'upt',
  'uptd',
  'smp',
  'sd',
  'sma',
  'tpk',
  'ppk',
  'bpkad',
  'bappeda',
  'dpmptsp',
]);
/** `dinas-kesehatan` → `Dinas Kesehatan`, `bkpsdm` → `BKPSDM`. */
export function unitName(unitId) {
  if (!unitId) return t('common.none');
  return String(unitId)
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

export function initials(name) {
  const words = String(name ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? words[words.length - 1][0] : '')).toUpperCase() || '?';
}

/** `1985 0712 2010 01 1 001`: the NIP's parts (birth date, appointment, sex, sequence). */
export function nip(value) {
  const s = String(value ?? '');
  return /^\d{18}$/.test(s) ? `${s.slice(0, 8)} ${s.slice(8, 14)} ${s.slice(14, 15)} ${s.slice(15)}` : s;
}

/** Today's calendar date in the agency's zone, `YYYY-MM-DD`. */
export function todayInZone(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
