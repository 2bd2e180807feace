// HR registers an employee: grade and its TMT, education, the post (type, title, eselon or jenjang), superior.
import { api } from './api.js';
import { h } from './dom.js';
import { label, t } from './i18n.js';
import { control, input, values } from './forms.js';
import {
  educationLevelsOf,
  eselonsOf,
  gradesOf,
  jenjangsOf,
  loadReference,
  POSITION_TYPES,
  rankName,
  STRUCTURAL_TYPES,
} from './reference.js';
import { busy, button, card, errorAlert, loading, pageHeader, toast } from './ui.js';

/** The post fields shared by registration and a post change: eselon shows for structural posts, jenjang for functional. */
export function postFields(reference, { since } = {}) {
  const eselon = input({ name: 'eselon', label: t('field.eselon'), type: 'select', options: eselonsOf(reference).map((e) => [e, e]) });
  const jenjang = input({
    name: 'jenjang',
    label: t('field.jenjang'),
    type: 'select',
    options: jenjangsOf(reference).map((j) => [j, label('jenjang', j)]),
  });
  const type = input({
    name: 'positionType',
    label: t('field.positionType'),
    type: 'select',
    required: true,
    options: POSITION_TYPES.map((p) => [p, label('positionType', p)]),
  });
  const select = type.querySelector('select');
  const sync = () => {
    eselon.hidden = !STRUCTURAL_TYPES.includes(select.value);
    jenjang.hidden = select.value !== 'FUNGSIONAL';
    if (eselon.hidden) eselon.querySelector('select').value = '';
    if (jenjang.hidden) jenjang.querySelector('select').value = '';
  };
  select.addEventListener('change', sync);
  sync();
  return [
    input({ name: 'positionTitle', label: t('field.positionTitle'), required: true, attrs: { maxlength: '200' } }),
    type,
    eselon,
    jenjang,
    since ? input({ name: since, label: t('record.postSince'), type: 'date', required: since === 'since' }) : null,
    input({ name: 'superiorNip', label: t('field.superiorNip'), attrs: { inputmode: 'numeric', pattern: '\\d{18}', maxlength: '18' } }),
  ];
}

export async function renderRegister(ctx) {
  const { main } = ctx;
  ctx.setTitle(t('register.title'));
  main.replaceChildren(loading());
  let reference;
  try {
    reference = await loadReference();
  } catch (error) {
    main.replaceChildren(pageHeader({ title: t('register.title') }), errorAlert(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  const feedback = h('div');
  const submit = button(t('register.submit'), { kind: 'primary', type: 'submit', dataset: { action: 'register' } });
  const form = h(
    'form',
    { class: 'form-grid', dataset: { testid: 'register-form' } },
    input({ name: 'nip', label: t('form.nip'), required: true, attrs: { inputmode: 'numeric', pattern: '\\d{18}', maxlength: '18' } }),
    input({ name: 'name', label: t('form.name'), required: true, attrs: { maxlength: '200' } }),
    input({
      name: 'unitId',
      label: t('field.unitId'),
      required: true,
      hint: t('register.unitHint'),
      attrs: { pattern: '[a-z0-9\\-]{1,64}' },
    }),
    input({
      name: 'grade',
      label: t('field.grade'),
      type: 'select',
      required: true,
      options: gradesOf(reference).map((g) => [g, `${g} · ${rankName(reference, g)}`]),
    }),
    input({ name: 'gradeSince', label: t('field.gradeSince'), type: 'date', required: true }),
    input({
      name: 'education',
      label: t('field.education'),
      type: 'select',
      required: true,
      options: educationLevelsOf(reference).map((e) => [e, e]),
    }),
    postFields(reference, { since: 'positionSince' }),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    feedback.replaceChildren();
    void busy(submit, async () => {
      try {
        const res = await api('/api/employees', { method: 'POST', body: values(form) });
        toast(t('register.done', { name: control(form, 'name').value }));
        ctx.navigate(`#/employees/${res.nip}/record`);
      } catch (error) {
        feedback.replaceChildren(errorAlert(error));
      }
    });
  });
  main.replaceChildren(
    pageHeader({ title: t('register.title'), subtitle: t('register.subtitle'), back: { href: '#/employees', label: t('nav.employees') } }),
    card({ title: t('register.formTitle'), body: h('div', {}, form, feedback) }),
  );
}
