// Search employees and cases by name or NIP (GET /api/search?q=), for every role that reads files.
import { api } from './api.js';
import { h } from './dom.js';
import { nip as formatNip, unitName } from './format.js';
import { label, t } from './i18n.js';
import { hasRole } from './session.js';
import { button, card, emptyState, errorAlert, loading, pageHeader, statusBadge, table, unavailableFrom } from './ui.js';
import { rememberPeople } from './words.js';

export const SEARCH_ROLES = ['hr', 'verifier', 'committee', 'ppk', 'bkn', 'auditor', 'admin'];

/** The search box of the top bar. */
export function searchBox(navigate, value = '') {
  const field = h('input', {
    type: 'search',
    name: 'q',
    value,
    placeholder: t('search.placeholder'),
    'aria-label': t('search.placeholder'),
    minlength: '2',
    dataset: { testid: 'search-input' },
  });
  return h(
    'form',
    {
      class: 'topbar-search',
      role: 'search',
      onSubmit: (e) => {
        e.preventDefault();
        const q = field.value.trim();
        if (q) navigate(`#/search/${encodeURIComponent(q)}`);
      },
    },
    field,
    button(t('action.search'), { type: 'submit', size: 'sm', kind: 'ghost', iconName: 'search' }),
  );
}

export async function renderSearch(ctx) {
  const { main, params, session } = ctx;
  const q = decodeURIComponent(params.q ?? '');
  ctx.setTitle(t('search.title'));
  const results = h('div', { dataset: { testid: 'search-results' } });
  main.replaceChildren(
    pageHeader({ title: t('search.title'), subtitle: q ? t('search.for', { q }) : t('search.hint') }),
    card({ body: searchBox(ctx.navigate, q) }),
    results,
  );
  if (q.length < 2) return;
  results.replaceChildren(loading());
  let found;
  try {
    found = await api('/api/search', { query: { q } });
  } catch (error) {
    if (!ctx.isCurrent()) return;
    results.replaceChildren(error.status === 404 ? unavailableFrom(error) : errorAlert(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  rememberPeople(found.employees);
  rememberPeople(found.cases);
  const hr = hasRole(session, 'hr');
  const canCareer = hasRole(session, 'hr', 'auditor');
  const person = (row) =>
    h('div', { class: 'person' }, h('span', { class: 'strong' }, row.name), h('span', { class: 'mono muted' }, formatNip(row.nip)));
  results.replaceChildren(
    card({
      title: t('search.employees'),
      body: found.employees?.length
        ? table(
            [
              { label: t('queue.col.candidate'), render: person },
              { label: t('career.unit'), render: (e) => unitName(e.unitId) },
              { label: t('career.grade'), render: (e) => e.grade },
              {
                label: t('queue.col.actions'),
                className: 'actions',
                render: (e) =>
                  h(
                    'div',
                    { class: 'row-actions' },
                    canCareer ? h('a', { class: 'btn btn-secondary btn-sm', href: `#/employees/${e.nip}` }, t('search.career')) : null,
                    hr ? h('a', { class: 'btn btn-ghost btn-sm', href: `#/employees/${e.nip}/record` }, t('search.record')) : null,
                    hr
                      ? h(
                          'a',
                          { class: 'btn btn-primary btn-sm', href: `#/propose/${e.nip}`, dataset: { action: 'propose-for' } },
                          t('search.propose'),
                        )
                      : null,
                  ),
              },
            ],
            found.employees,
            { rowAttrs: (e) => ({ dataset: { nip: e.nip } }) },
          )
        : emptyState('user', t('search.noEmployees'), ''),
    }),
    card({
      title: t('search.cases'),
      body: found.cases?.length
        ? table(
            [
              { label: t('queue.col.candidate'), render: person },
              { label: t('queue.col.proposal'), render: (c) => label('kind', c.kind) },
              { label: t('case.status'), render: (c) => statusBadge(c.status) },
              { label: t('queue.col.stage'), render: (c) => label('stage', c.stage) },
              {
                label: t('queue.col.actions'),
                render: (c) => h('a', { class: 'btn btn-primary btn-sm', href: `#/cases/${c.caseId}` }, t('action.open')),
              },
            ],
            found.cases,
            { rowAttrs: (c) => ({ dataset: { caseId: c.caseId } }) },
          )
        : emptyState('file', t('search.noCases'), ''),
    }),
  );
}
