// Small form builders: a labelled field per input, read back as an object of trimmed values.
import { h } from './dom.js';
import { t } from './i18n.js';

let seq = 0;

/**
 * input({ name, label, type: 'text'|'date'|'number'|'select'|'textarea', options: [[value, text]], required, value, hint })
 * → a `.field` with the control carrying `name` (read by values()).
 */
export function input({ name, label: text, type = 'text', options, required, value, hint, attrs = {} }) {
  const id = `f-${name}-${++seq}`;
  let control;
  if (type === 'select') {
    control = h(
      'select',
      { id, name, required, ...attrs },
      required ? h('option', { value: '' }, t('form.choose')) : h('option', { value: '' }, t('common.none')),
      (options ?? []).map(([v, label]) => h('option', { value: v, selected: String(v) === String(value ?? '') }, label)),
    );
  } else if (type === 'textarea') {
    control = h('textarea', { id, name, required, rows: '2', ...attrs });
    if (value) control.value = value;
  } else {
    control = h('input', { id, name, type, required, value: value ?? '', ...attrs });
  }
  return h(
    'div',
    { class: 'field', dataset: { field: name } },
    h('label', { for: id }, required ? `${text} *` : text),
    control,
    hint ? h('span', { class: 'muted small block' }, hint) : null,
  );
}

/** The named controls' values; empty ones left out. */
export function values(form) {
  const out = {};
  for (const el of form.querySelectorAll('[name]')) {
    const v = typeof el.value === 'string' ? el.value.trim() : el.value;
    if (v !== '' && v !== undefined) out[el.name] = v;
  }
  return out;
}

export function control(form, name) {
  return form.querySelector(`[name="${name}"]`);
}
