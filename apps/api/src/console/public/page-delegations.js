// Acting officials (admin): grant a delegation of a stage role, hr or superior, list them, revoke one.
import { api } from './api.js';
import { h } from './dom.js';
import { date } from './format.js';
import { label, t } from './i18n.js';
import { input, values } from './forms.js';
import { busy, button, card, emptyState, errorAlert, loading, pageHeader, table, toast } from './ui.js';
import { personLabel } from './words.js';

const DELEGABLE = ['verifier', 'committee', 'ppk', 'bkn', 'hr', 'superior'];

export async function renderDelegations(ctx) {
  const { main } = ctx;
  ctx.setTitle(t('deleg.title'));
  const list = h('div', {}, loading());
  const feedback = h('div');
  const submit = button(t('deleg.grant'), { kind: 'primary', type: 'submit', dataset: { action: 'grant' } });
  const nipAttrs = { inputmode: 'numeric', pattern: '\\d{18}', maxlength: '18' };
  const form = h(
    'form',
    { class: 'form-grid', dataset: { testid: 'delegation-form' } },
    input({ name: 'delegateNip', label: t('deleg.delegate'), required: true, attrs: nipAttrs }),
    input({ name: 'role', label: t('deleg.role'), type: 'select', required: true, options: DELEGABLE.map((r) => [r, label('role', r)]) }),
    input({ name: 'onBehalfOf', label: t('deleg.onBehalfOf'), required: true, attrs: nipAttrs }),
    input({ name: 'from', label: t('dash.from'), type: 'date', required: true }),
    input({ name: 'until', label: t('dash.to'), type: 'date', required: true }),
    input({ name: 'reason', label: t('field.reason'), type: 'textarea', required: true }),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    feedback.replaceChildren();
    void busy(submit, async () => {
      try {
        await api('/api/delegations', { method: 'POST', body: values(form) });
        form.reset();
        toast(t('deleg.granted'));
        await load();
      } catch (error) {
        feedback.replaceChildren(errorAlert(error));
      }
    });
  });

  async function revoke(id, el) {
    await busy(el, async () => {
      try {
        await api(`/api/delegations/${encodeURIComponent(id)}`, { method: 'DELETE' });
        toast(t('deleg.revoked'));
        await load();
      } catch (error) {
        feedback.replaceChildren(errorAlert(error));
      }
    });
  }

  async function load() {
    let rows;
    try {
      rows = (await api('/api/delegations'))?.delegations ?? [];
    } catch (error) {
      if (ctx.isCurrent()) list.replaceChildren(errorAlert(error));
      return;
    }
    if (!ctx.isCurrent()) return;
    list.replaceChildren(
      rows.length
        ? table(
            [
              { label: t('deleg.delegate'), render: (d) => personLabel(d.delegateNip) },
              { label: t('deleg.role'), render: (d) => label('role', d.role) },
              { label: t('deleg.onBehalfOf'), render: (d) => personLabel(d.onBehalfOf) },
              { label: t('deleg.period'), render: (d) => `${date(d.from)} – ${date(d.until)}` },
              { label: t('field.reason'), render: (d) => d.reason },
              {
                label: t('case.status'),
                render: (d) => t(d.revoked ? 'deleg.stateRevoked' : d.inForce ? 'deleg.stateInForce' : 'deleg.stateNotInForce'),
              },
              {
                label: t('queue.col.actions'),
                render: (d) => {
                  if (d.revoked) return t('common.none');
                  const el = button(t('deleg.revoke'), { kind: 'ghost', size: 'sm', dataset: { action: 'revoke' } });
                  el.addEventListener('click', () => revoke(d.delegationId, el));
                  return el;
                },
              },
            ],
            rows,
            { rowAttrs: (d) => ({ dataset: { delegationId: d.delegationId } }) },
          )
        : emptyState('user', t('deleg.none'), ''),
    );
  }

  main.replaceChildren(
    pageHeader({ title: t('deleg.title'), subtitle: t('deleg.subtitle') }),
    h(
      'div',
      { class: 'case-grid' },
      h('div', { class: 'case-main' }, card({ title: t('deleg.list'), body: list })),
      h('aside', { class: 'case-side' }, card({ title: t('deleg.grant'), body: h('div', {}, form, feedback) })),
    ),
  );
  await load();
}
