// The berkas of a case: one row per document type. The proposer uploads; the verifier previews
// each file inline (fetched with the token, shown from a blob: URL) and marks it OK or DEFICIENT.
import { apiBlob, apiUpload } from './api.js';
import { h, icon } from './dom.js';
import { label, t } from './i18n.js';
import { busy, card, errorAlert, toast } from './ui.js';

const ACCEPT = 'application/pdf,image/jpeg,image/png';

function sizeText(bytes) {
  if (!Number.isFinite(bytes)) return '';
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

function statusBadge(status) {
  return h(
    'span',
    { class: `badge doc-status doc-${String(status).toLowerCase()}`, dataset: { docStatus: status } },
    label('docStatus', status),
  );
}

/**
 * berkasCard({ view, canUpload, canReview, onChanged, onCleanup }) → { element, verdicts() }.
 * `verdicts()` lists the verifier's marks for the decision body.
 */
export function berkasCard({ view, canUpload, canReview, onChanged, onCleanup }) {
  const urls = [];
  onCleanup?.(() => urls.forEach((u) => URL.revokeObjectURL(u)));
  const marks = new Map();
  const feedback = h('div', { class: 'berkas-feedback' });

  async function showPreview(doc, host) {
    host.replaceChildren(h('span', { class: 'muted small' }, t('app.loading')));
    try {
      const blob = await apiBlob(`/api/promotions/${encodeURIComponent(view.caseId)}/documents/${encodeURIComponent(doc.documentId)}`);
      const url = URL.createObjectURL(blob);
      urls.push(url);
      const type = doc.mediaType || blob.type;
      const title = `${label('doc', doc.type)}: ${doc.name ?? ''}`;
      host.replaceChildren(
        type.startsWith('image/')
          ? h('img', { class: 'doc-preview', src: url, alt: title, dataset: { preview: doc.type } })
          : h('iframe', { class: 'doc-preview', src: url, title, dataset: { preview: doc.type } }),
        h('a', { class: 'small', href: url, download: doc.name ?? `${doc.type}.pdf` }, t('berkas.download')),
      );
    } catch (error) {
      host.replaceChildren(errorAlert(error));
    }
  }

  function uploadControl(doc) {
    const input = h('input', { type: 'file', accept: ACCEPT, id: `upload-${doc.type}`, dataset: { upload: doc.type } });
    const labelEl = h(
      'label',
      { for: `upload-${doc.type}`, class: 'btn btn-secondary btn-sm' },
      doc.documentId ? t('berkas.replace') : t('berkas.upload'),
    );
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return;
      void busy(input, async () => {
        try {
          const res = await apiUpload(`/api/promotions/${encodeURIComponent(view.caseId)}/documents`, file, {
            type: doc.type,
            name: file.name,
          });
          toast(t('berkas.uploaded', { doc: label('doc', doc.type) }));
          await onChanged?.(res.version);
        } catch (error) {
          feedback.replaceChildren(errorAlert(error));
        }
      });
    });
    return h('span', { class: 'upload' }, input, labelEl);
  }

  function reviewControl(doc) {
    const initial = doc.status === 'OK' || doc.status === 'DEFICIENT' ? doc.status : null;
    if (initial) marks.set(doc.documentId, { verdict: initial, note: doc.note ?? '' });
    const note = h('input', {
      type: 'text',
      maxlength: '500',
      placeholder: t('berkas.notePlaceholder'),
      'aria-label': t('berkas.note'),
      value: doc.note ?? '',
      dataset: { note: doc.type },
    });
    const choices = ['OK', 'DEFICIENT'].map((verdict) =>
      h(
        'button',
        {
          type: 'button',
          class: ['btn', 'btn-sm', 'btn-secondary', 'verdict', initial === verdict ? 'selected' : null],
          'aria-pressed': String(initial === verdict),
          dataset: { verdict, docType: doc.type },
          onClick: () => {
            marks.set(doc.documentId, { verdict, note: note.value.trim() });
            for (const c of choices) {
              const on = c.dataset.verdict === verdict;
              c.classList.toggle('selected', on);
              c.setAttribute('aria-pressed', String(on));
            }
          },
        },
        icon(verdict === 'OK' ? 'check' : 'cross'),
        h('span', {}, label('verdict', verdict)),
      ),
    );
    note.addEventListener('input', () => {
      const mark = marks.get(doc.documentId);
      if (mark) mark.note = note.value.trim();
    });
    return h('div', { class: 'review' }, h('div', { class: 'review-buttons' }, choices), note);
  }

  const rows = (view.documents ?? []).map((doc) => {
    const derived = doc.status === 'DERIVED';
    const preview = h('div', { class: 'doc-preview-host' });
    const hasFile = Boolean(doc.documentId);
    const reviewing = canReview && hasFile;
    if (reviewing) void showPreview(doc, preview);
    return h(
      'li',
      { class: 'doc-row', dataset: { docType: doc.type, docStatus: doc.status } },
      h(
        'div',
        { class: 'doc-head' },
        h('div', {}, h('span', { class: 'strong' }, label('doc', doc.type)), h('span', { class: 'mono muted small block' }, doc.type)),
        statusBadge(doc.status),
      ),
      derived ? h('p', { class: 'muted small' }, t('berkas.derivedHint')) : null,
      hasFile
        ? h(
            'p',
            { class: 'small doc-file' },
            icon('file'),
            ` ${doc.name ?? doc.documentId} · ${sizeText(doc.size)}`,
            doc.sha256 ? h('span', { class: 'mono muted block', title: 'SHA-256' }, doc.sha256.slice(0, 16) + '…') : null,
          )
        : null,
      doc.note && !reviewing ? h('p', { class: 'doc-note', dataset: { testid: 'doc-note' } }, `${t('berkas.note')}: ${doc.note}`) : null,
      h(
        'div',
        { class: 'doc-actions' },
        canUpload && !derived ? uploadControl(doc) : null,
        hasFile && !reviewing
          ? h(
              'button',
              {
                type: 'button',
                class: 'btn btn-ghost btn-sm',
                dataset: { action: 'preview', docType: doc.type },
                onClick: () => showPreview(doc, preview),
              },
              t('berkas.view'),
            )
          : null,
      ),
      reviewing ? reviewControl(doc) : null,
      preview,
    );
  });

  const element = card({
    title: t('berkas.title'),
    hint: canUpload ? t('berkas.uploadHint') : canReview ? t('berkas.reviewHint') : undefined,
    className: 'berkas-card',
    body: h('div', { dataset: { testid: 'berkas' } }, h('ul', { class: 'doc-list' }, rows), feedback),
  });
  return {
    element,
    verdicts: () =>
      [...marks.entries()].map(([documentId, m]) => ({ documentId, verdict: m.verdict, ...(m.note ? { note: m.note } : {}) })),
  };
}
