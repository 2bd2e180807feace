// A promotion case: where it is, how long each stage took, the merit rules, and the decision.
import { api, readUntil } from './api.js';
import { h, icon, replace } from './dom.js';
import { date, dateTime, nip as formatNip, unitName, untilDue } from './format.js';
import { label, t } from './i18n.js';
import { hasRole } from './session.js';
import { busy, button, card, errorAlert, facts, loading, notice, pageHeader, passFail, slaBadge, statusBadge, table, toast } from './ui.js';

const DEFAULT_STAGES = ['verification', 'committee', 'approval'];
const DECISIONS = ['APPROVE', 'RETURN', 'REJECT'];

export async function renderCase(ctx) {
  const { main, session, params, agency } = ctx;
  const caseId = params.caseId;
  const read = () => api(`/api/promotions/${encodeURIComponent(caseId)}`);
  const back = hasRole(session, 'verifier', 'committee', 'ppk', 'hr', 'admin')
    ? { href: '#/queue', label: t('nav.queue') }
    : hasRole(session, 'employee')
      ? { href: '#/career', label: t('nav.myFile') }
      : { href: '#/audit', label: t('nav.audit') };
  main.replaceChildren(loading());

  let view;
  try {
    view = await read();
  } catch (error) {
    if (!ctx.isCurrent()) return;
    main.replaceChildren(pageHeader({ title: t('case.title'), back }), errorAlert(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  draw(view);

  function draw(current, flash) {
    ctx.setTitle(`${current.name ?? current.nip} · ${t('case.title')}`);
    const open = current.status === 'IN_PROGRESS';
    replace(
      main,
      pageHeader({
        back,
        eyebrow: `${t('case.title')} · ${current.caseId}`,
        title: current.name ?? formatNip(current.nip),
        subtitle: t('case.proposal', { kind: label('kind', current.kind), from: current.fromGrade, to: current.toGrade }),
      }),
      flash ?? null,
      current.exception
        ? h(
            'div',
            { class: 'alert alert-warning exception-banner', dataset: { testid: 'exception' } },
            icon('flag'),
            h('div', {}, h('strong', {}, t('case.exception')), h('p', {}, current.exceptionJustification || t('case.exceptionHint'))),
          )
        : null,
      summaryStrip(current, open),
      h(
        'div',
        { class: 'case-grid' },
        h('div', { class: 'case-main' }, timelineCard(current), rulesCard(current)),
        h('aside', { class: 'case-side' }, decisionCard(current, open), detailsCard(current)),
      ),
    );
  }

  function summaryStrip(current, open) {
    const held = current.heldBy;
    const heldText = !held
      ? t('common.none')
      : current.status === 'RETURNED'
        ? t('career.returnedToProposer', { nip: formatNip(held.claimedBy ?? current.proposer) })
        : [
            label('role', held.role),
            held.claimedBy
              ? held.claimedBy === session.nip
                ? t('case.claimYou')
                : t('case.claimOther', { nip: formatNip(held.claimedBy) })
              : null,
          ]
            .filter(Boolean)
            .join(' · ');
    return h(
      'section',
      { class: 'card summary-strip', dataset: { testid: 'case-summary' } },
      facts([
        [t('case.status'), statusBadge(current.status)],
        [
          t('case.stage'),
          h(
            'span',
            { class: 'stage-name', dataset: { testid: 'case-stage', stage: current.stage ?? '' } },
            current.stage ? label('stage', current.stage) : t('common.none'),
          ),
        ],
        [t('queue.col.sla'), open ? slaBadge(current.slaState) : t('common.none')],
        [
          t('case.due'),
          open && current.dueAt
            ? h('span', {}, dateTime(current.dueAt), h('span', { class: 'due-rel' }, ` · ${untilDue(current.dueAt)}`))
            : t('common.none'),
        ],
        [t('case.heldBy'), heldText],
        [t('case.effective'), date(current.effectiveDate)],
      ]),
    );
  }

  function timelineCard(current) {
    const visits = current.stages ?? [];
    const stageOrder = agency.stages?.map((s) => s.id) ?? DEFAULT_STAGES;
    const roleOf = Object.fromEntries((agency.stages ?? []).map((s) => [s.id, s.role]));
    let upcoming = [];
    if (current.status === 'IN_PROGRESS' || current.status === 'RETURNED') {
      const at = stageOrder.indexOf(current.stage);
      if (at >= 0) upcoming = stageOrder.slice(at + 1);
    }
    const items = visits.map((v, index) => {
      const isCurrent = !v.leftAt && current.status === 'IN_PROGRESS' && index === visits.length - 1;
      const kind = isCurrent
        ? 'current'
        : v.decision === 'APPROVE'
          ? 'approved'
          : v.decision === 'RETURN'
            ? 'returned'
            : v.decision === 'REJECT'
              ? 'rejected'
              : 'closed';
      const visitNo = visits.filter((o, j) => j <= index && o.stage === v.stage).length;
      return h(
        'li',
        { class: `tl-item tl-${kind}`, dataset: { stage: v.stage, current: isCurrent ? 'true' : 'false' } },
        h(
          'span',
          { class: 'tl-marker', 'aria-hidden': 'true' },
          kind === 'approved' ? icon('check') : kind === 'rejected' ? icon('cross') : kind === 'returned' ? icon('back') : null,
        ),
        h(
          'div',
          { class: 'tl-content' },
          h(
            'div',
            { class: 'tl-head' },
            h(
              'h3',
              {},
              label('stage', v.stage),
              visitNo > 1 ? h('span', { class: 'muted small' }, ` · ${t('case.visit', { n: visitNo })}`) : null,
            ),
            h('span', { class: 'tl-role' }, label('role', v.role ?? roleOf[v.stage])),
            isCurrent ? h('span', { class: 'badge current' }, t('case.inStage')) : null,
            slaBadge(v.slaState),
            v.breached ? h('span', { class: 'badge breach-flag' }, icon('alert'), t('case.breached')) : null,
          ),
          facts(
            [
              [t('case.enteredAt'), dateTime(v.enteredAt)],
              [t('case.dueAt'), dateTime(v.dueAt)],
              v.leftAt ? [t('case.leftAt'), dateTime(v.leftAt)] : null,
              v.decidedBy
                ? [
                    t('case.decidedBy'),
                    h(
                      'span',
                      {},
                      h('span', { class: 'mono' }, v.decidedBy === session.nip ? t('common.you') : formatNip(v.decidedBy)),
                      ' ',
                      h('span', { class: `badge decision decision-${String(v.decision).toLowerCase()}` }, label('decided', v.decision)),
                    ),
                  ]
                : null,
              v.reason ? [t('case.reason'), h('span', { class: 'reason' }, v.reason)] : null,
            ],
            'compact',
          ),
        ),
      );
    });
    for (const stage of upcoming) {
      items.push(
        h(
          'li',
          { class: 'tl-item tl-upcoming', dataset: { stage } },
          h('span', { class: 'tl-marker', 'aria-hidden': 'true' }),
          h(
            'div',
            { class: 'tl-content' },
            h(
              'div',
              { class: 'tl-head' },
              h('h3', {}, label('stage', stage)),
              h('span', { class: 'tl-role' }, label('role', roleOf[stage])),
              h('span', { class: 'muted small' }, t('case.upcoming')),
            ),
          ),
        ),
      );
    }
    return card({ title: t('case.timeline'), body: h('ol', { class: 'timeline', dataset: { testid: 'timeline' } }, items) });
  }

  function rulesCard(current) {
    const rules = Array.isArray(current.rules) ? current.rules : [];
    return card({
      title: t('case.rules'),
      hint: current.policyVersion ? t('case.policyVersion', { version: current.policyVersion }) : undefined,
      actions: h(
        'span',
        { class: `badge ${current.eligible ? 'pass' : 'fail'}` },
        icon(current.eligible ? 'check' : 'cross'),
        t(current.eligible ? 'case.eligible' : 'case.notEligible'),
      ),
      body: table(
        [
          {
            label: t('case.rule'),
            render: (r) =>
              h('div', {}, h('span', { class: 'strong' }, label('rule', r.rule)), h('span', { class: 'mono muted small block' }, r.rule)),
          },
          { label: t('case.result'), render: (r) => passFail(r.passed) },
          {
            label: t('case.detail'),
            render: (r) => h('span', { class: 'detail' }, typeof r.detail === 'string' ? r.detail : JSON.stringify(r.detail ?? '')),
          },
        ],
        rules,
        { className: 'rules-table', rowAttrs: (r) => ({ dataset: { rule: r.rule, passed: String(r.passed) } }) },
      ),
    });
  }

  function decisionCard(current, open) {
    // Candidates and auditors read the file; only holders of a stage role see the decision panel.
    if (!hasRole(session, 'verifier', 'committee', 'ppk', 'hr', 'admin')) return null;
    const stageRole = current.heldBy?.role ?? current.stages?.at(-1)?.role;
    if (!open) {
      return card({ title: t('case.decide'), body: notice(current.status === 'RETURNED' ? t('case.returned') : t('case.closed')) });
    }
    if (!stageRole || !session.roles.includes(stageRole)) {
      return card({ title: t('case.decide'), body: notice(t('case.notYourStage', { role: label('role', stageRole) })) });
    }
    const feedback = h('div', { class: 'decision-feedback' });
    const claimedBy = current.claimedBy ?? current.heldBy?.claimedBy ?? null;
    const mine = claimedBy === session.nip;
    const claimLine = h(
      'div',
      { class: 'claim-line' },
      icon('user'),
      h('span', {}, !claimedBy ? t('case.claimNone') : mine ? t('case.claimYou') : t('case.claimOther', { nip: formatNip(claimedBy) })),
    );
    const claimButton =
      !claimedBy || mine
        ? button(t(mine ? 'action.release' : 'action.claim'), {
            size: 'sm',
            kind: 'ghost',
            dataset: { action: mine ? 'release' : 'claim' },
          })
        : null;
    claimButton?.addEventListener('click', () =>
      busy(claimButton, async () => {
        try {
          const res = mine
            ? await api(`/api/promotions/${current.caseId}/claim`, { method: 'DELETE' })
            : await api(`/api/promotions/${current.caseId}/claim`, { method: 'POST', body: { expectedVersion: current.version } });
          toast(t(mine ? 'queue.released' : 'queue.claimed'));
          const next = await readUntil(read, (v) => v.version >= res.version);
          if (ctx.isCurrent()) draw(next);
        } catch (error) {
          feedback.replaceChildren(errorAlert(error));
        }
      }),
    );

    let chosen = null;
    const reason = h('textarea', { id: 'decision-reason', name: 'reason', rows: '3', maxlength: '4000' });
    const reasonLabel = h('label', { for: 'decision-reason' });
    const confirm = button('', { kind: 'primary', type: 'submit', dataset: { action: 'confirm-decision' } });
    const form = h(
      'form',
      { class: 'decision-form', hidden: true },
      reasonLabel,
      reason,
      h('div', { class: 'form-actions' }, confirm, button(t('action.cancel'), { kind: 'ghost', onClick: () => choose(null) })),
    );
    const choices = DECISIONS.map((d) =>
      button(label('decision', d), {
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
      reasonLabel.textContent = required ? `${t('case.reasonLabel')} *` : t('case.reasonOptional');
      reason.required = required;
      confirm.querySelector('span').textContent = t('case.confirm', { decision: label('decision', decision) });
      confirm.className = `btn btn-${decision === 'APPROVE' ? 'success' : decision === 'REJECT' ? 'danger' : 'warning'}`;
      reason.focus();
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!chosen) return;
      const text = reason.value.trim();
      if (chosen !== 'APPROVE' && !text) {
        feedback.replaceChildren(errorAlert({ code: 'VALIDATION_FAILED', message: t('case.reasonRequired') }));
        return;
      }
      void busy(confirm, async () => {
        try {
          const res = await api(`/api/promotions/${current.caseId}/decisions`, {
            method: 'POST',
            body: { decision: chosen, ...(text ? { reason: text } : {}), expectedVersion: current.version },
          });
          const message = `${t('case.decisionSaved')} ${res.stage ? t('case.movedTo', { stage: label('stage', res.stage) }) : t('case.closedAs', { status: label('status', res.status) })}`;
          toast(message);
          const next = await readUntil(read, (v) => v.version >= res.version);
          if (ctx.isCurrent())
            draw(
              next,
              h(
                'div',
                { class: 'alert alert-success', role: 'status', dataset: { testid: 'decision-saved' } },
                icon('check'),
                h('div', {}, h('p', {}, message)),
              ),
            );
        } catch (error) {
          if (error.code === 'CONCURRENCY_CONFLICT') {
            try {
              const latest = await read();
              if (ctx.isCurrent()) draw(latest, h('div', {}, errorAlert(error), notice(t('case.stale'), 'warning')));
              return;
            } catch {
              /* fall through to showing the original error */
            }
          }
          feedback.replaceChildren(errorAlert(error));
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
        h('div', { class: 'claim-row' }, claimLine, claimButton),
        h('div', { class: 'decision-buttons' }, choices),
        form,
        feedback,
      ),
    });
  }

  function detailsCard(current) {
    return card({
      title: t('case.details'),
      body: facts([
        [t('case.candidate'), h('span', {}, current.name ?? '', h('span', { class: 'mono muted block' }, formatNip(current.nip)))],
        current.unitId ? [t('case.unit'), unitName(current.unitId)] : null,
        [t('case.justification'), current.justification ?? t('common.none')],
        current.exceptionJustification ? [t('case.exceptionJustification'), current.exceptionJustification] : null,
        [
          t('case.proposer'),
          h('span', { class: 'mono' }, current.proposer === session.nip ? t('common.you') : formatNip(current.proposer)),
        ],
        [t('case.proposedAt'), dateTime(current.proposedAt)],
        current.closedAt ? [t('case.closedAt'), dateTime(current.closedAt)] : null,
        [t('case.version'), h('span', { class: 'mono', dataset: { testid: 'case-version' } }, String(current.version))],
      ]),
    });
  }
}
