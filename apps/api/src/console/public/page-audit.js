// Auditor: the signed ledger checkpoint, a full chain verification, and case/employee look-ups.
import { api } from './api.js';
import { h, icon } from './dom.js';
import { dateTime, number } from './format.js';
import { label, t } from './i18n.js';
import { busy, button, card, copyButton, errorAlert, facts, loading, pageHeader, unavailableFrom } from './ui.js';

/** A full verification re-hashes every event: run once per signed-in user on its own, then on request. */
let lastVerification = null;

export async function renderAudit(ctx) {
  const { main, session } = ctx;
  const who = `${session.agency}:${session.nip}`;
  ctx.setTitle(t('audit.title'));
  const checkpointSlot = h('div', { class: 'panel-slot' }, card({ title: t('audit.checkpoint'), body: loading() }));
  const verifyResult = h('div', { class: 'verify-result', dataset: { testid: 'verify-result' } }, loading());
  const verifyButton = button(t('audit.verifyRun'), { kind: 'primary', iconName: 'shield', onClick: () => busy(verifyButton, verify) });

  const caseInput = h('input', {
    type: 'text',
    name: 'caseId',
    placeholder: t('queue.caseIdPlaceholder'),
    'aria-label': t('queue.caseIdPlaceholder'),
  });
  const nipInput = h('input', {
    type: 'text',
    name: 'nip',
    inputmode: 'numeric',
    maxlength: '18',
    placeholder: t('career.searchPlaceholder'),
    'aria-label': t('career.searchLabel'),
  });
  const lookups = card({
    title: t('audit.caseLookup'),
    hint: t('audit.caseLookupHint'),
    body: h(
      'div',
      { class: 'lookups' },
      h(
        'form',
        {
          class: 'inline-form',
          onSubmit: (e) => {
            e.preventDefault();
            const id = caseInput.value.trim();
            if (/^[A-Za-z0-9-]{1,64}$/.test(id)) ctx.navigate(`#/cases/${id}`);
          },
        },
        caseInput,
        button(t('action.open'), { type: 'submit', size: 'sm' }),
      ),
      h(
        'form',
        {
          class: 'inline-form',
          onSubmit: (e) => {
            e.preventDefault();
            const v = nipInput.value.replace(/\s+/g, '');
            if (/^\d{18}$/.test(v)) ctx.navigate(`#/employees/${v}`);
          },
        },
        nipInput,
        button(t('audit.employeeLookup'), { type: 'submit', size: 'sm' }),
      ),
    ),
  });

  main.replaceChildren(
    pageHeader({ title: t('audit.title'), subtitle: t('audit.subtitle') }),
    h('div', { class: 'grid-2' }, checkpointSlot, card({ title: t('audit.verify'), actions: verifyButton, body: verifyResult })),
    lookups,
  );

  const hash = (value) => h('div', { class: 'hash' }, h('code', { class: 'mono break' }, value ?? '—'), value ? copyButton(value) : null);

  async function loadCheckpoint() {
    try {
      const cp = await api('/api/audit/checkpoints/latest');
      if (!ctx.isCurrent()) return;
      checkpointSlot.replaceChildren(
        card({
          title: t('audit.checkpoint'),
          body: h(
            'div',
            { dataset: { testid: 'checkpoint' } },
            h('div', { class: 'big-number' }, number(cp.treeSize), h('span', { class: 'muted small' }, ` ${t('audit.treeSize')}`)),
            facts(
              [
                [t('audit.signedAt'), dateTime(cp.signedAt)],
                [t('audit.rootHash'), hash(cp.rootHash)],
                [t('audit.signature'), hash(cp.signature)],
                [t('audit.publicKey'), hash(cp.publicKey)],
              ],
              'stack',
            ),
          ),
        }),
      );
    } catch (error) {
      if (!ctx.isCurrent()) return;
      checkpointSlot.replaceChildren(
        card({ title: t('audit.checkpoint'), body: error.status === 404 ? unavailableFrom(error) : errorAlert(error) }),
      );
    }
  }

  async function verify() {
    verifyResult.replaceChildren(h('div', { class: 'loading' }, h('span', { class: 'spinner' }), t('audit.verifying')));
    try {
      lastVerification = { who, result: await api('/api/audit/verify'), at: new Date() };
      if (!ctx.isCurrent()) return;
      showVerification();
    } catch (error) {
      if (!ctx.isCurrent()) return;
      verifyResult.replaceChildren(error.status === 404 ? unavailableFrom(error) : errorAlert(error));
    }
  }

  function showVerification() {
    const { result: r, at } = lastVerification;
    verifyResult.replaceChildren(
      r.ok
        ? h(
            'div',
            { class: 'alert alert-success', dataset: { ok: 'true' } },
            icon('check'),
            h('div', {}, h('strong', {}, 'OK'), h('p', {}, t('audit.verifyOk', { n: number(r.checkedEvents) }))),
          )
        : h(
            'div',
            { class: 'alert alert-error', dataset: { ok: 'false' } },
            icon('alert'),
            h(
              'div',
              {},
              h('strong', {}, t('audit.verifyFail')),
              facts([
                [t('audit.kind'), r.kind ? `${label('auditKind', r.kind)} (${r.kind})` : '—'],
                [t('audit.firstInvalid'), r.firstInvalidPosition ?? '—'],
                [t('audit.reason'), r.reason ?? '—'],
                [t('audit.checkedEvents'), number(r.checkedEvents)],
              ]),
            ),
          ),
      h('p', { class: 'muted small' }, t('audit.verifiedAt', { time: dateTime(at.toISOString()) })),
    );
  }

  await Promise.all([loadCheckpoint(), lastVerification?.who === who ? showVerification() : verify()]);
}
