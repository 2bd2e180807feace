// What a reader of a case can do to it: the stage's decision (with its verdicts, pertek or decree),
// the claim, and the proposer's resubmission or withdrawal of a returned file.
import { api } from './api.js';
import { h, icon } from './dom.js';
import { label, t } from './i18n.js';
import { busy, button, card, errorAlert, notice, toast } from './ui.js';
import { personLabel } from './words.js';

const DECISIONS = ['APPROVE', 'RETURN', 'REJECT'];
const STAGE_ROLES = ['verifier', 'committee', 'ppk', 'hr', 'admin', 'bkn'];

function field(id, text, input) {
  return h('div', { class: 'field' }, h('label', { for: id }, text), input);
}

/** The first other file waiting on me, or the queue when none is left. */
async function nextFile(ctx, caseId) {
  try {
    const queue = await api('/api/queues/mine');
    const next = (queue?.items ?? []).find((i) => i.caseId !== caseId && i.status !== 'RETURNED');
    ctx.navigate(next ? `#/cases/${next.caseId}` : '#/queue');
  } catch {
    ctx.navigate('#/queue');
  }
}

function savedFlash(ctx, caseId, message) {
  return h(
    'div',
    { class: 'alert alert-success', role: 'status', dataset: { testid: 'decision-saved' } },
    icon('check'),
    h(
      'div',
      {},
      h('p', {}, message),
      button(t('case.nextFile'), { kind: 'primary', size: 'sm', dataset: { action: 'next-file' }, onClick: () => nextFile(ctx, caseId) }),
    ),
  );
}

/** After a refused decision: if the file moved on meanwhile, reload it with a plain word instead of the refusal. */
async function explainRace({ read, reload, view }, error, feedback) {
  if (error.code === 'CONCURRENCY_CONFLICT') {
    await reload(h('div', {}, errorAlert(error), notice(t('case.stale'), 'warning')));
    return;
  }
  if (error.code === 'CONFLICT' || error.code === 'FORBIDDEN') {
    const latest = await read().catch(() => null);
    if (latest && (latest.version !== view.version || latest.stage !== view.stage || latest.status !== view.status)) {
      await reload(
        h(
          'div',
          { class: 'alert alert-warning', role: 'status', dataset: { testid: 'moved-on' } },
          icon('alert'),
          h('p', {}, t('case.movedOn')),
        ),
      );
      return;
    }
  }
  feedback.replaceChildren(errorAlert(error));
}

export function decisionCard(actions) {
  const { ctx, session, view, reload, verdicts } = actions;
  if (!STAGE_ROLES.some((r) => session.roles.includes(r))) return null;
  const open = view.status === 'IN_PROGRESS';
  if (!open) return card({ title: t('case.decide'), body: notice(view.status === 'RETURNED' ? t('case.returned') : t('case.closed')) });
  const stageRole = view.heldBy?.role ?? (view.pipeline ?? []).find((s) => s.stage === view.stage)?.role;
  if (!stageRole || !session.roles.includes(stageRole)) {
    return card({ title: t('case.decide'), body: notice(t('case.notYourStage', { role: label('role', stageRole) })) });
  }
  const feedback = h('div', { class: 'decision-feedback' });
  const claimedBy = view.claimedBy ?? view.heldBy?.claimedBy ?? null;
  const mine = claimedBy === session.nip;
  if (claimedBy && !mine) {
    return card({
      title: t('case.decide'),
      body: h(
        'div',
        { class: 'alert alert-info', dataset: { testid: 'claimed-by-other' } },
        icon('lock'),
        h('p', {}, t('case.readOnlyClaimed', { who: personLabel(claimedBy) })),
      ),
    });
  }
  const claimButton = button(t(mine ? 'action.release' : 'action.claim'), {
    size: 'sm',
    kind: 'ghost',
    dataset: { action: mine ? 'release' : 'claim' },
  });
  claimButton.addEventListener('click', () =>
    busy(claimButton, async () => {
      try {
        const res = mine
          ? await api(`/api/promotions/${view.caseId}/claim`, { method: 'DELETE' })
          : await api(`/api/promotions/${view.caseId}/claim`, { method: 'POST', body: { expectedVersion: view.version } });
        toast(t(mine ? 'queue.released' : 'queue.claimed'));
        await reload(null, res.version);
      } catch (error) {
        await explainRace(actions, error, feedback);
      }
    }),
  );

  const stage = view.stage;
  const reason = h('textarea', { id: 'decision-reason', name: 'reason', rows: '3', maxlength: '4000' });
  const reasonLabel = h('label', { for: 'decision-reason' });
  const pertekNumber = h('input', { id: 'pertek-number', type: 'text', maxlength: '100', autocomplete: 'off' });
  const pertekDate = h('input', { id: 'pertek-date', type: 'date' });
  const decreeNumber = h('input', { id: 'decree-number', type: 'text', maxlength: '100', autocomplete: 'off' });
  const decreeDate = h('input', { id: 'decree-date', type: 'date' });
  const approveFields = h(
    'div',
    { class: 'stage-fields', hidden: true },
    stage === 'bkn'
      ? [field('pertek-number', `${t('case.pertekNumber')} *`, pertekNumber), field('pertek-date', `${t('case.pertekDate')} *`, pertekDate)]
      : null,
    stage === 'decree'
      ? [
          view.authority === 'PRESIDENT'
            ? h('p', { class: 'alert alert-info small', dataset: { testid: 'keppres' } }, t('case.keppresHint'))
            : null,
          field('decree-number', `${t(view.authority === 'PRESIDENT' ? 'case.keppresNumber' : 'case.decreeNumber')} *`, decreeNumber),
          field('decree-date', `${t(view.authority === 'PRESIDENT' ? 'case.keppresDate' : 'case.decreeDate')} *`, decreeDate),
        ]
      : null,
    stage === 'verification' ? h('p', { class: 'muted small' }, t('case.verdictsHint')) : null,
  );
  const confirm = button('', { kind: 'primary', type: 'submit', dataset: { action: 'confirm-decision' } });
  const form = h(
    'form',
    { class: 'decision-form', hidden: true },
    approveFields,
    reasonLabel,
    reason,
    h('div', { class: 'form-actions' }, confirm, button(t('action.cancel'), { kind: 'ghost', onClick: () => choose(null) })),
  );
  let chosen = null;
  const choices = DECISIONS.map((d) =>
    button(label(stage === 'bkn' ? 'bknDecision' : 'decision', d), {
      kind: d === 'APPROVE' ? 'success' : d === 'REJECT' ? 'danger' : 'warning',
      iconName: d === 'APPROVE' ? 'check' : d === 'REJECT' ? 'cross' : 'back',
      dataset: { decision: d },
      onClick: () => choose(d),
    }),
  );
  function choose(decision) {
    chosen = decision;
    for (const c of choices) c.classList.toggle('selected', c.dataset.decision === decision);
    form.hidden = !decision;
    feedback.replaceChildren();
    if (!decision) return;
    const required = decision !== 'APPROVE';
    approveFields.hidden = decision !== 'APPROVE' && stage !== 'verification';
    reasonLabel.textContent = required ? `${t(stage === 'bkn' ? 'case.bknReason' : 'case.reasonLabel')} *` : t('case.reasonOptional');
    reason.required = required;
    confirm.querySelector('span').textContent = t('case.confirm', { decision: label('decision', decision) });
    confirm.className = `btn btn-${decision === 'APPROVE' ? 'success' : decision === 'REJECT' ? 'danger' : 'warning'}`;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!chosen) return;
    const text = reason.value.trim();
    if (chosen !== 'APPROVE' && !text) {
      feedback.replaceChildren(notice(t('case.reasonRequired'), 'warning'));
      return;
    }
    const body = { decision: chosen, ...(text ? { reason: text } : {}), expectedVersion: view.version };
    if (stage === 'verification') {
      const marks = verdicts();
      if (marks.length) body.documents = marks;
    }
    if (chosen === 'APPROVE' && stage === 'bkn')
      Object.assign(body, { pertekNumber: pertekNumber.value.trim(), pertekDate: pertekDate.value });
    if (chosen === 'APPROVE' && stage === 'decree')
      Object.assign(body, { decreeNumber: decreeNumber.value.trim(), decreeDate: decreeDate.value });
    void busy(confirm, async () => {
      try {
        const res = await api(`/api/promotions/${view.caseId}/decisions`, { method: 'POST', body });
        const message = `${t('case.decisionSaved')} ${res.stage ? t('case.movedTo', { stage: label('stage', res.stage) }) : t('case.closedAs', { status: label('status', res.status) })}`;
        toast(message);
        await reload(savedFlash(ctx, view.caseId, message), res.version);
      } catch (error) {
        await explainRace(actions, error, feedback);
      }
    });
  });
  return card({
    title: t('case.decide'),
    className: 'decision-card',
    hint: t('case.decideHint'),
    body: h(
      'div',
      { dataset: { testid: 'decision-panel' } },
      h(
        'div',
        { class: 'claim-row' },
        h('div', { class: 'claim-line' }, icon('user'), h('span', {}, mine ? t('case.claimYou') : t('case.claimNone'))),
        claimButton,
      ),
      h('div', { class: 'decision-buttons' }, choices),
      form,
      feedback,
    ),
  });
}

/** The proposer's panel: why the file came back, what is wanting, resubmit or withdraw. */
export function proposerCard(actions) {
  const { session, view, reload } = actions;
  if (view.proposer !== session.nip || !['RETURNED', 'IN_PROGRESS'].includes(view.status)) return null;
  const feedback = h('div');
  const returned = view.status === 'RETURNED';
  const resubmit = returned ? button(t('case.resubmit'), { kind: 'primary', dataset: { action: 'resubmit' } }) : null;
  resubmit?.addEventListener('click', () =>
    busy(resubmit, async () => {
      try {
        const res = await api(`/api/promotions/${view.caseId}/resubmission`, { method: 'POST', body: { expectedVersion: view.version } });
        toast(t('case.resubmitted'));
        await reload(
          h(
            'div',
            { class: 'alert alert-success', role: 'status', dataset: { testid: 'resubmitted' } },
            icon('check'),
            h('p', {}, t('case.resubmitted')),
          ),
          res.version,
        );
      } catch (error) {
        feedback.replaceChildren(errorAlert(error));
      }
    }),
  );
  const withdrawConfirm = button(t('case.withdrawConfirm'), { kind: 'danger', size: 'sm', dataset: { action: 'confirm-withdraw' } });
  withdrawConfirm.hidden = true;
  const withdraw = button(t('case.withdraw'), {
    kind: 'ghost',
    size: 'sm',
    dataset: { action: 'withdraw' },
    onClick: () => (withdrawConfirm.hidden = false),
  });
  withdrawConfirm.addEventListener('click', () =>
    busy(withdrawConfirm, async () => {
      try {
        const res = await api(`/api/promotions/${view.caseId}/withdrawal`, { method: 'POST', body: { expectedVersion: view.version } });
        toast(t('case.withdrawn'));
        await reload(null, res.version);
      } catch (error) {
        feedback.replaceChildren(errorAlert(error));
      }
    }),
  );
  const back = view.returned;
  return card({
    title: returned ? t('case.returnedTitle') : t('case.yourProposal'),
    className: returned ? 'returned-card' : '',
    body: h(
      'div',
      { dataset: { testid: 'proposer-panel' } },
      returned && back
        ? h(
            'div',
            { class: 'alert alert-warning', dataset: { testid: 'returned-reason' } },
            icon('back'),
            h(
              'div',
              {},
              h('strong', {}, t('case.returnedBy', { stage: label('stage', back.stage) })),
              h('p', {}, back.reason),
              back.deficientDocuments?.length
                ? h('p', {}, `${t('case.deficientDocs')}: ${back.deficientDocuments.map((d) => label('doc', d)).join(', ')}`)
                : null,
            ),
          )
        : null,
      returned ? h('p', { class: 'muted small' }, t('case.resubmitHint')) : null,
      h('div', { class: 'form-actions' }, resubmit, withdraw, withdrawConfirm),
      feedback,
    ),
  });
}
