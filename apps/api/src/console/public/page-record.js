// HR keeps an employee's record: education (with its study permit), a post change, training, a PAK, a service exam.
import { api } from './api.js';
import { h } from './dom.js';
import { nip as formatNip } from './format.js';
import { label, t } from './i18n.js';
import { input, values } from './forms.js';
import { postFields } from './page-register.js';
import { educationLevelsOf, loadReference } from './reference.js';
import { busy, button, card, errorAlert, loading, pageHeader, toast } from './ui.js';
import { personName, rememberPerson } from './words.js';

const TRAINING_KINDS = ['TECHNICAL', 'MANAGERIAL', 'SOCIOCULTURAL'];

function recordForm({ id, title, fields, submit: post }) {
  const feedback = h('div');
  const submit = button(t('record.save'), { kind: 'primary', type: 'submit', dataset: { action: `save-${id}` } });
  const form = h('form', { class: 'form-grid', dataset: { testid: `record-${id}` } }, fields, h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    feedback.replaceChildren();
    void busy(submit, async () => {
      try {
        await post(values(form));
        form.reset();
        toast(t('record.saved', { what: title }));
        feedback.replaceChildren(
          h('p', { class: 'alert alert-success', dataset: { testid: `saved-${id}` } }, t('record.saved', { what: title })),
        );
      } catch (error) {
        feedback.replaceChildren(errorAlert(error));
      }
    });
  });
  return card({ title, body: h('div', {}, form, feedback) });
}

export async function renderRecord(ctx) {
  const { main, params } = ctx;
  const nip = params.nip;
  main.replaceChildren(loading());
  let reference;
  try {
    reference = await loadReference();
    const career = await api(`/api/employees/${nip}/career`).catch(() => null);
    if (career) rememberPerson(nip, career.name);
  } catch (error) {
    main.replaceChildren(pageHeader({ title: t('record.title') }), errorAlert(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  ctx.setTitle(t('record.title'));
  const base = `/api/employees/${nip}`;
  const post = (path, body) => api(`${base}${path}`, { method: 'POST', body });
  main.replaceChildren(
    pageHeader({
      title: personName(nip) ?? formatNip(nip),
      eyebrow: `${t('record.title')} · ${formatNip(nip)}`,
      subtitle: t('record.subtitle'),
      back: { href: `#/employees/${nip}`, label: t('record.career') },
      actions: [h('a', { class: 'btn btn-primary', href: `#/propose/${nip}`, dataset: { action: 'propose-for' } }, t('propose.title'))],
    }),
    h(
      'div',
      { class: 'record-grid' },
      recordForm({
        id: 'education',
        title: t('record.education'),
        fields: [
          input({
            name: 'level',
            label: t('field.education'),
            type: 'select',
            required: true,
            options: educationLevelsOf(reference).map((e) => [e, e]),
          }),
          input({ name: 'institution', label: t('record.institution'), required: true }),
          input({ name: 'graduatedOn', label: t('record.graduatedOn'), type: 'date', required: true }),
          input({ name: 'studyPermitNumber', label: t('record.studyPermitNumber') }),
          input({ name: 'studyPermitDate', label: t('record.studyPermitDate'), type: 'date' }),
        ],
        submit: (v) => post('/education', v),
      }),
      recordForm({
        id: 'post',
        title: t('record.post'),
        fields: [input({ name: 'unitId', label: t('field.unitId'), required: true }), postFields(reference, { since: 'since' })],
        submit: (v) => post('/posts', v),
      }),
      recordForm({
        id: 'training',
        title: t('record.training'),
        fields: [
          input({ name: 'title', label: t('career.trainingTitle'), required: true }),
          input({ name: 'hours', label: t('career.hours'), type: 'number', required: true, attrs: { min: '1', max: '1000' } }),
          input({
            name: 'kind',
            label: t('career.kind'),
            type: 'select',
            required: true,
            options: TRAINING_KINDS.map((k) => [k, label('trainingKind', k)]),
          }),
          input({ name: 'provider', label: t('career.provider'), required: true }),
          input({ name: 'completedOn', label: t('career.completedOn'), type: 'date', required: true }),
          input({ name: 'certificateNo', label: t('record.certificateNo'), required: true }),
        ],
        submit: (v) => api('/api/trainings', { method: 'POST', body: { ...v, nip, hours: Number(v.hours) } }),
      }),
      recordForm({
        id: 'pak',
        title: t('record.pak'),
        fields: [
          input({ name: 'pakNumber', label: t('record.pakNumber'), required: true }),
          input({ name: 'statedOn', label: t('record.statedOn'), type: 'date', required: true }),
          input({ name: 'points', label: t('record.points'), type: 'number', required: true, attrs: { min: '0', step: '0.001' } }),
        ],
        submit: (v) => post('/credit-points', { ...v, points: Number(v.points) }),
      }),
      recordForm({
        id: 'service-exam',
        title: t('record.serviceExam'),
        fields: [
          input({
            name: 'level',
            label: t('record.examLevel'),
            type: 'select',
            required: true,
            options: [
              ['1', 'I'],
              ['2', 'II'],
            ],
          }),
          input({ name: 'passedOn', label: t('record.passedOn'), type: 'date', required: true }),
          input({ name: 'certificateNo', label: t('record.certificateNo'), required: true }),
        ],
        submit: (v) => post('/service-exams', { ...v, level: Number(v.level) }),
      }),
    ),
  );
}
