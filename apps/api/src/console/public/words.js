// Rule outcomes and API errors worded in the console's language from their stable codes and
// parameters (the API's English `detail`/`message` are for logs, never shown as the sentence).
import { date, nip as formatNip } from './format.js';
import { label, t } from './i18n.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const PREDICATE_YEAR = /^predicate(\d{4})$/;

/** One parameter as a reader sees it: dates spelled out, enums labelled. */
function paramText(key, value) {
  if (value === null || value === undefined || value === '') return key === 'until' ? t('outcome.noEnd') : t('common.none');
  if (typeof value === 'string' && ISO_DATE.test(value)) return date(value);
  if (key === 'kind') return label('kind', value);
  if (key === 'positionType') return label('positionType', value);
  if (key === 'allowed')
    return String(value)
      .split(',')
      .map((v) => label('positionType', v))
      .join(', ');
  if (key === 'minimum') return label('predicate', value);
  if (key === 'jenjang') return label('jenjang', value);
  if (key === 'level' && typeof value === 'string' && /^[A-Z_]+$/.test(value)) return label('jenjang', value);
  if (key === 'type' && typeof value === 'string') return label('sanctionType', value);
  if (typeof value === 'number') return new Intl.NumberFormat(undefined, { maximumFractionDigits: 3, useGrouping: false }).format(value);
  if (key === 'years' || key === 'missing' || key === 'below') return String(value).split(',').join(', ');
  return String(value);
}

/** The rule's sentence from `code` + `params`; unknown codes say which code they are. */
export function ruleOutcomeText(outcome) {
  const params = outcome?.params ?? {};
  const vars = {};
  for (const [key, value] of Object.entries(params)) vars[key] = paramText(key, value);
  if (outcome?.rule === 'NO_ACTIVE_SANCTION' && params.level) vars.level = label('sanctionLevel', params.level);
  if (outcome?.rule === 'APPRAISALS') {
    const years = String(params.years ?? '')
      .split(',')
      .filter(Boolean);
    vars.found = years
      .map((y) => `${y}: ${params[`predicate${y}`] ? label('predicate', params[`predicate${y}`]) : t('outcome.noAppraisal')}`)
      .join(', ');
    for (const key of Object.keys(params)) if (PREDICATE_YEAR.test(key)) delete vars[key];
  }
  const key = `outcome.${outcome?.code}`;
  const text = t(key, vars);
  return text === key ? t('outcome.unknown', { code: outcome?.code ?? outcome?.rule ?? '?' }) : text;
}

function fieldList(details) {
  const fields = [...new Set((Array.isArray(details) ? details : []).map((d) => String(d?.field ?? '').split('.')[0]).filter(Boolean))];
  return fields.map((f) => label('field', f)).join('; ') || t('common.none');
}

/** The error's explanation in the console's language, from `code` and `details`. */
export function errorText(error) {
  const code = error?.code ?? 'generic';
  const details = error?.details;
  if (code === 'VALIDATION_FAILED') return t('errorText.VALIDATION_FAILED', { fields: fieldList(details) });
  if (code === 'NOT_ELIGIBLE') {
    const failed = (details?.rules ?? []).filter((r) => !r.passed && r.blocking !== false);
    return t('errorText.NOT_ELIGIBLE', {
      rules: failed.map((r) => `${label('rule', r.rule)} (${ruleOutcomeText(r)})`).join(' ') || t('common.none'),
    });
  }
  if (code === 'BERKAS_INCOMPLETE') {
    const docs = (details?.documents ?? []).map((d) => `${label('doc', d.type)} (${label('docStatus', d.status)})`);
    return t('errorText.BERKAS_INCOMPLETE', { documents: docs.join(', ') || t('common.none') });
  }
  const key = `errorText.${code}`;
  const text = t(key);
  return text === key ? t('errorText.generic') : text;
}

/** Names the console has seen (case, queue, search, career): a person is shown by name, with the NIP. */
const names = new Map();
export function rememberPerson(nipValue, name) {
  if (nipValue && name) names.set(String(nipValue), String(name));
}
export function rememberPeople(rows) {
  for (const row of rows ?? []) rememberPerson(row?.nip, row?.name);
}
export function personName(nipValue) {
  return names.get(String(nipValue ?? '')) ?? null;
}
/** `Budi Santoso (1985… )`, or the NIP alone when no name is known. */
export function personLabel(nipValue, { you } = {}) {
  if (!nipValue) return t('common.none');
  const name = personName(nipValue);
  const formatted = formatNip(nipValue);
  const text = name ? `${name} (${formatted})` : formatted;
  return you && you === nipValue ? `${t('common.you')} · ${text}` : text;
}
