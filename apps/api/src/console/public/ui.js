// Shared pieces of the console: badges, cards, tables, alerts, toasts.
import { h, icon } from './dom.js';
import { label, t } from './i18n.js';
import { errorText } from './words.js';

export function slaBadge(state) {
  if (!state) return h('span', { class: 'muted' }, t('common.none'));
  return h(
    'span',
    { class: `badge sla sla-${String(state).toLowerCase().replace(/_/g, '-')}`, dataset: { sla: state } },
    h('span', { class: 'dot' }),
    label('sla', state),
  );
}

export function statusBadge(status) {
  return h(
    'span',
    { class: `badge status status-${String(status).toLowerCase().replace(/_/g, '-')}`, dataset: { status } },
    label('status', status),
  );
}

export function predicateBadge(predicate) {
  return h(
    'span',
    { class: `badge predicate predicate-${String(predicate).toLowerCase().replace(/_/g, '-')}` },
    label('predicate', predicate),
  );
}

export function roleChip(role) {
  return h('span', { class: 'chip' }, label('role', role));
}

export function pageHeader({ title, subtitle, actions = [], back, eyebrow }) {
  return h(
    'header',
    { class: 'page-header' },
    h(
      'div',
      { class: 'page-heading' },
      back ? h('a', { class: 'back-link', href: back.href }, icon('back'), back.label) : null,
      eyebrow ? h('div', { class: 'eyebrow' }, eyebrow) : null,
      h('h1', {}, title),
      subtitle ? h('p', { class: 'subtitle' }, subtitle) : null,
    ),
    actions.length ? h('div', { class: 'page-actions' }, actions) : null,
  );
}

export function card({ title, hint, actions, body, className, id }) {
  return h(
    'section',
    { class: ['card', className], id },
    title || actions
      ? h(
          'div',
          { class: 'card-header' },
          h('div', {}, title ? h('h2', {}, title) : null, hint ? h('p', { class: 'card-hint' }, hint) : null),
          actions ? h('div', { class: 'card-actions' }, actions) : null,
        )
      : null,
    h('div', { class: 'card-body' }, body),
  );
}

/** The API's error worded from its code and details; the raw code stays visible for support. */
export function errorAlert(error, { title } = {}) {
  const code = error?.code ?? 'generic';
  const heading = title ?? (label('error', code) === code ? t('error.generic') : label('error', code));
  const text = error?.code ? errorText(error) : (error?.message ?? String(error));
  return h(
    'div',
    { class: 'alert alert-error', role: 'alert', dataset: { code } },
    icon('alert'),
    h(
      'div',
      {},
      h('strong', {}, heading),
      h('p', { dataset: { testid: 'error-text' } }, text),
      h('code', { class: 'error-code', title: error?.message ?? '' }, error?.status ? `${error.status} ${code}` : code),
    ),
  );
}

export function notice(text, kind = 'info') {
  return h(
    'div',
    { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    icon(kind === 'warning' ? 'alert' : 'clock'),
    h('div', {}, h('p', {}, text)),
  );
}

export function emptyState(iconName, title, hint) {
  return h('div', { class: 'empty' }, icon(iconName, 'empty-icon'), h('h3', {}, title), hint ? h('p', {}, hint) : null);
}

/** For a 404: a route that does not exist here says "not enabled"; any other 404 shows the API's message. */
export function unavailableFrom(error) {
  return unavailable(/^Cannot [A-Z]+ /.test(error?.message ?? '') ? undefined : errorText(error));
}

function unavailable(hint = t('common.notAvailableHint')) {
  return h(
    'div',
    { class: 'empty unavailable', dataset: { unavailable: 'true' } },
    icon('lock', 'empty-icon'),
    h('h3', {}, t('common.notAvailable')),
    h('p', {}, hint),
  );
}

export function loading() {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner' }), t('app.loading'));
}

let toastHost;
export function toast(message, kind = 'success') {
  toastHost ??= document.body.appendChild(h('div', { class: 'toasts', 'aria-live': 'polite' }));
  const el = h(
    'div',
    { class: `toast toast-${kind}`, role: 'status' },
    icon(kind === 'success' ? 'check' : 'alert'),
    h('span', {}, message),
  );
  toastHost.append(el);
  setTimeout(() => el.classList.add('leaving'), 4200);
  setTimeout(() => el.remove(), 4600);
}

/**
 * table([{ key, label, render(row), className }], rows). Each cell carries its column label,
 * so on a narrow screen the rows become cards (see styles.css).
 */
export function table(columns, rows, { className, rowAttrs } = {}) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: ['table', className] },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            rowAttrs ? rowAttrs(row) : {},
            columns.map((c) =>
              h('td', { class: c.className, dataset: { label: c.label } }, c.render ? c.render(row) : (row[c.key] ?? t('common.none'))),
            ),
          ),
        ),
      ),
    ),
  );
}

export function copyButton(text) {
  const button = h('button', { class: 'btn btn-ghost btn-sm', type: 'button' }, t('action.copy'));
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = t('action.copied');
      setTimeout(() => (button.textContent = t('action.copy')), 1500);
    } catch {
      /* clipboard refused (not a secure context): the value is selectable anyway */
    }
  });
  return button;
}

/** A definition list: [[label, value], ...]. */
export function facts(pairs, className = '') {
  return h(
    'dl',
    { class: `facts ${className}`.trim() },
    pairs.filter(Boolean).map(([term, value]) => h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, value ?? t('common.none')))),
  );
}

export function button(text, { kind = 'secondary', iconName, onClick, type = 'button', size, disabled, dataset, title } = {}) {
  return h(
    'button',
    { class: ['btn', `btn-${kind}`, size ? `btn-${size}` : null], type, onClick, disabled, dataset, title },
    iconName ? icon(iconName) : null,
    h('span', {}, text),
  );
}

/** Disables a button while an async action runs; returns the action's result. */
export async function busy(buttonEl, action) {
  buttonEl.disabled = true;
  buttonEl.classList.add('is-busy');
  try {
    return await action();
  } finally {
    buttonEl.disabled = false;
    buttonEl.classList.remove('is-busy');
  }
}
