// HR's nominative list for a coming KP period: who would pass every blocking rule of some kind
// and has no open case (GET /api/promotions/eligible?tmt=), each one click from a proposal.
import { api } from './api.js';
import { h } from './dom.js';
import { date, nip as formatNip, unitName } from './format.js';
import { label, t } from './i18n.js';
import { input } from './forms.js';
import { comingKpDates, loadReference } from './reference.js';
import { card, emptyState, errorAlert, loading, pageHeader, table, unavailableFrom } from './ui.js';
import { rememberPeople } from './words.js';

export async function renderEligible(ctx) {
  const { main } = ctx;
  ctx.setTitle(t('eligible.title'));
  main.replaceChildren(loading());
  let reference;
  try {
    reference = await loadReference();
  } catch (error) {
    main.replaceChildren(pageHeader({ title: t('eligible.title') }), errorAlert(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  const tmts = comingKpDates(reference);
  const picker = input({
    name: 'tmt',
    label: t('propose.tmt'),
    type: 'select',
    required: true,
    value: tmts[0],
    options: tmts.map((d) => [d, date(d)]),
  });
  const select = picker.querySelector('select');
  const results = h('div', { dataset: { testid: 'eligible-list' } });

  async function load() {
    if (!select.value) return;
    results.replaceChildren(loading());
    try {
      const found = await api('/api/promotions/eligible', { query: { tmt: select.value } });
      if (!ctx.isCurrent()) return;
      rememberPeople(found.employees);
      results.replaceChildren(
        found.employees?.length
          ? table(
              [
                {
                  label: t('queue.col.candidate'),
                  render: (e) =>
                    h(
                      'div',
                      { class: 'person' },
                      h('span', { class: 'strong' }, e.name),
                      h('span', { class: 'mono muted' }, formatNip(e.nip)),
                    ),
                },
                { label: t('career.unit'), render: (e) => unitName(e.unitId) },
                { label: t('career.grade'), render: (e) => e.grade },
                {
                  label: t('eligible.kinds'),
                  render: (e) =>
                    h(
                      'div',
                      { class: 'row-actions' },
                      (e.kinds ?? []).map((k) =>
                        h(
                          'a',
                          {
                            class: 'btn btn-secondary btn-sm',
                            href: `#/propose/${e.nip}/${k}`,
                            dataset: { action: 'propose-kind', kind: k },
                          },
                          label('kind', k),
                        ),
                      ),
                    ),
                },
              ],
              found.employees,
              { rowAttrs: (e) => ({ dataset: { nip: e.nip } }) },
            )
          : emptyState('check', t('eligible.none'), ''),
      );
    } catch (error) {
      if (ctx.isCurrent()) results.replaceChildren(error.status === 404 ? unavailableFrom(error) : errorAlert(error));
    }
  }
  select.addEventListener('change', () => void load());
  main.replaceChildren(
    pageHeader({ title: t('eligible.title'), subtitle: t('eligible.subtitle') }),
    card({ body: picker }),
    card({ title: t('eligible.list'), body: results }),
  );
  await load();
}
