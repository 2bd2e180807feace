// HR proposes a KP: every rule's outcome is previewed live (POST /api/promotions/preview) as the
// form changes, the TMT is picked from the coming KP period dates, and the berkas is uploaded next.
import { api, readUntil } from './api.js';
import { h } from './dom.js';
import { date } from './format.js';
import { label, t } from './i18n.js';
import { control, input, values } from './forms.js';
import { rulesTable } from './page-case.js';
import { comingKpDates, gradesOf, KP_KINDS, loadReference, rankName } from './reference.js';
import { busy, button, card, errorAlert, loading, notice, pageHeader } from './ui.js';
import { rememberPerson } from './words.js';

const PREVIEW_DELAY_MS = 250;

export async function renderPropose(ctx) {
  const { main, params } = ctx;
  ctx.setTitle(t('propose.title'));
  main.replaceChildren(loading());
  let reference;
  try {
    reference = await loadReference();
  } catch (error) {
    main.replaceChildren(pageHeader({ title: t('propose.title') }), errorAlert(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  const grades = gradesOf(reference);
  const tmts = comingKpDates(reference);
  const form = h(
    'form',
    { class: 'form-grid', dataset: { testid: 'propose-form' } },
    input({
      name: 'nip',
      label: t('form.nip'),
      required: true,
      value: params.nip ?? '',
      attrs: { inputmode: 'numeric', pattern: '\\d{18}', maxlength: '18' },
    }),
    input({
      name: 'kind',
      label: t('field.kind'),
      type: 'select',
      required: true,
      value: 'REGULAR',
      options: KP_KINDS.map((k) => [k, label('kind', k)]),
    }),
    input({
      name: 'toGrade',
      label: t('field.toGrade'),
      type: 'select',
      required: true,
      options: grades.map((g) => [g, `${g} · ${rankName(reference, g)}`]),
    }),
    input({
      name: 'effectiveDate',
      label: t('propose.tmt'),
      type: 'select',
      required: true,
      value: tmts[0],
      options: tmts.map((d) => [d, date(d)]),
      hint: t('propose.tmtHint'),
    }),
    input({ name: 'justification', label: t('field.justification'), type: 'textarea', required: true, attrs: { maxlength: '2000' } }),
  );
  const who = h('div', { class: 'muted small', dataset: { testid: 'propose-who' } });
  const preview = h('div', { dataset: { testid: 'preview' } }, notice(t('propose.previewHint')));
  const feedback = h('div');
  const submit = button(t('propose.submit'), { kind: 'primary', type: 'submit', dataset: { action: 'propose' } });
  form.append(h('div', { class: 'form-actions' }, submit));

  let timer = null;
  let seq = 0;
  async function refreshPreview() {
    const body = values(form);
    delete body.justification;
    if (!/^\d{18}$/.test(body.nip ?? '') || !body.kind || !body.toGrade || !body.effectiveDate) {
      preview.replaceChildren(notice(t('propose.previewHint')));
      return;
    }
    const mySeq = ++seq;
    preview.dataset.state = 'loading';
    try {
      const result = await api('/api/promotions/preview', { method: 'POST', body });
      if (mySeq !== seq || !ctx.isCurrent()) return;
      preview.dataset.state = result.eligible ? 'eligible' : 'not-eligible';
      preview.replaceChildren(
        h(
          'div',
          {
            class: `alert ${result.eligible ? 'alert-success' : 'alert-warning'}`,
            dataset: { testid: 'preview-verdict', eligible: String(result.eligible) },
          },
          h('p', {}, t(result.eligible ? 'propose.eligible' : 'propose.notEligible', { from: result.fromGrade, to: result.toGrade })),
        ),
        rulesTable(result.rules),
        h('h3', {}, t('propose.berkasNeeded')),
        h(
          'ul',
          { class: 'doc-list compact' },
          (result.documents ?? []).map((d) =>
            h(
              'li',
              { dataset: { docType: d.type, docStatus: d.status } },
              label('doc', d.type),
              ' · ',
              h('span', { class: 'muted' }, label('docStatus', d.status)),
            ),
          ),
        ),
        h(
          'p',
          { class: 'muted small' },
          t('propose.pipeline', {
            stages: (result.stages ?? []).map((s) => label('stage', s.id ?? s.stage)).join(' → '),
            authority: label('authority', result.authority),
          }),
        ),
      );
    } catch (error) {
      if (mySeq !== seq || !ctx.isCurrent()) return;
      preview.dataset.state = 'error';
      preview.replaceChildren(errorAlert(error));
    }
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => void refreshPreview(), PREVIEW_DELAY_MS);
  }
  ctx.onCleanup(() => clearTimeout(timer));

  async function lookUp() {
    const nip = control(form, 'nip').value.trim();
    who.textContent = '';
    if (!/^\d{18}$/.test(nip)) return;
    try {
      const career = await api(`/api/employees/${nip}/career`);
      rememberPerson(nip, career.name);
      who.textContent = `${career.name} · ${career.grade} · ${label('positionType', career.position?.type ?? career.positionType)}`;
      const next = grades[grades.indexOf(career.grade) + 1];
      const toGrade = control(form, 'toGrade');
      if (next && !toGrade.value) toGrade.value = next;
    } catch {
      /* the preview says what is wrong */
    }
    schedule();
  }
  control(form, 'nip').addEventListener('change', () => void lookUp());
  for (const name of ['kind', 'toGrade', 'effectiveDate']) control(form, name).addEventListener('change', schedule);
  control(form, 'nip').addEventListener('input', schedule);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    feedback.replaceChildren();
    void busy(submit, async () => {
      try {
        const res = await api('/api/promotions', { method: 'POST', body: values(form) });
        // The case view is a projection: wait until it shows the new case.
        await readUntil(() => api(`/api/promotions/${res.caseId}`).catch(() => null), Boolean);
        ctx.navigate(`#/cases/${res.caseId}`);
      } catch (error) {
        feedback.replaceChildren(errorAlert(error));
      }
    });
  });

  main.replaceChildren(
    pageHeader({ title: t('propose.title'), subtitle: t('propose.subtitle'), back: { href: '#/queue', label: t('nav.queue') } }),
    h(
      'div',
      { class: 'case-grid' },
      h('div', { class: 'case-main' }, card({ title: t('propose.previewTitle'), body: preview })),
      h('aside', { class: 'case-side' }, card({ title: t('propose.formTitle'), body: h('div', {}, who, form, feedback) })),
    ),
  );
  if (params.nip) void lookUp();
  else schedule();
}
