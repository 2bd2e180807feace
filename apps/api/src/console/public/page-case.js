// A promotion case: where it is, the rules worded from their codes, the berkas, and the decision
// that the current stage asks for (document verdicts, BKN's pertek, the decree).
import { api, readUntil } from './api.js';
import { h, icon, replace } from './dom.js';
import { date, dateTime, nip as formatNip, setTimeZone, unitName, untilDue } from './format.js';
import { label, t } from './i18n.js';
import { hasRole } from './session.js';
import { berkasCard } from './berkas.js';
import { decisionCard, proposerCard } from './case-actions.js';
import { resolvePeople } from './people.js';
import { card, errorAlert, facts, loading, pageHeader, slaBadge, statusBadge, table } from './ui.js';
import { personLabel, rememberPerson, ruleOutcomeText } from './words.js';

const STAGE_ROLES = ['verifier', 'committee', 'ppk', 'hr', 'admin', 'bkn'];

export async function renderCase(ctx) {
  const { main, session, params } = ctx;
  const caseId = params.caseId;
  const read = () => api(`/api/promotions/${encodeURIComponent(caseId)}`);
  const back = hasRole(session, ...STAGE_ROLES)
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

  async function reload(flash, wantVersion) {
    const next = wantVersion ? await readUntil(read, (v) => v.version >= wantVersion) : await read();
    if (ctx.isCurrent()) draw(next, flash);
    return next;
  }

  function draw(current, flash) {
    view = current;
    setTimeZone(current.timeZone);
    rememberPerson(current.nip, current.name);
    // The case names everyone on it who is a registered employee (proposer, deciders, claimant).
    for (const [nip, name] of Object.entries(current.names ?? {})) rememberPerson(nip, name);
    rememberPerson(session.nip, session.name);
    ctx.setTitle(`${current.name ?? current.nip} · ${t('case.title')}`);
    const open = current.status === 'IN_PROGRESS';
    const mine = current.proposer === session.nip;
    const atVerification = current.stage === 'verification';
    const claimedBy = current.claimedBy ?? current.heldBy?.claimedBy ?? null;
    const heldByOther = Boolean(claimedBy && claimedBy !== session.nip);
    const reviewer = open && atVerification && hasRole(session, 'verifier') && !heldByOther && !mine && current.nip !== session.nip;
    const berkas = berkasCard({
      view: current,
      canUpload: mine && ((open && atVerification) || current.status === 'RETURNED'),
      canReview: reviewer,
      onChanged: (version) => reload(null, version),
      onCleanup: ctx.onCleanup,
    });
    const actionCtx = { ctx, session, view: current, read, reload, verdicts: berkas.verdicts };
    replace(
      main,
      pageHeader({
        back,
        eyebrow: `${t('case.title')} · ${current.caseId}`,
        title: current.name ?? formatNip(current.nip),
        subtitle: t('case.proposal', { kind: label('kind', current.kind), from: current.fromGrade, to: current.toGrade }),
      }),
      flash ?? null,
      summaryStrip(current, open, claimedBy),
      h(
        'div',
        { class: 'case-grid' },
        h('div', { class: 'case-main' }, berkas.element, rulesCard(current), timelineCard(current)),
        h('aside', { class: 'case-side' }, proposerCard(actionCtx), decisionCard(actionCtx), detailsCard(current)),
      ),
    );
    const nips = [current.proposer, claimedBy, ...(current.stages ?? []).map((s) => s.decidedBy)];
    void resolvePeople(session, nips).then((learnt) => {
      if (learnt && ctx.isCurrent() && view === current) draw(current, flash);
    });
  }

  function summaryStrip(current, open, claimedBy) {
    const held = current.heldBy;
    const heldText = !held
      ? t('common.none')
      : current.status === 'RETURNED'
        ? t('career.returnedToProposer', { nip: personLabel(current.proposer) })
        : [label('role', held.role), claimedBy ? t('case.claimOther', { nip: personLabel(claimedBy, { you: session.nip }) }) : null]
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
        [t('case.heldBy'), h('span', { dataset: { testid: 'held-by' } }, heldText)],
        [t('case.effective'), date(current.effectiveDate)],
      ]),
    );
  }

  function timelineCard(current) {
    const visits = current.stages ?? [];
    const pipeline = current.pipeline ?? [];
    const roleOf = Object.fromEntries(pipeline.map((s) => [s.stage, s.role]));
    let upcoming = [];
    if (current.status === 'IN_PROGRESS' || current.status === 'RETURNED') {
      const at = pipeline.findIndex((s) => s.stage === current.stage);
      if (at >= 0) upcoming = pipeline.slice(at + 1).map((s) => s.stage);
    }
    const items = visits.map((v, index) => {
      const isCurrent = !v.leftAt && current.status === 'IN_PROGRESS' && index === visits.length - 1;
      const visitNo = visits.filter((o, j) => j <= index && o.stage === v.stage).length;
      const kind = isCurrent ? 'current' : ({ APPROVE: 'approved', RETURN: 'returned', REJECT: 'rejected' }[v.decision] ?? 'closed');
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
                      h('span', { dataset: { testid: 'decided-by' } }, personLabel(v.decidedBy, { you: session.nip })),
                      v.onBehalfOf
                        ? h('span', { class: 'muted small block' }, t('case.onBehalfOf', { nip: personLabel(v.onBehalfOf) }))
                        : null,
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
    return card({
      title: t('case.rules'),
      hint: current.referenceVersion ? t('case.referenceVersion', { version: current.referenceVersion }) : undefined,
      actions: h(
        'span',
        { class: `badge ${current.eligible ? 'pass' : 'fail'}` },
        icon(current.eligible ? 'check' : 'cross'),
        t(current.eligible ? 'case.eligible' : 'case.notEligible'),
      ),
      body: rulesTable(current.rules),
    });
  }

  function detailsCard(current) {
    return card({
      title: t('case.details'),
      body: facts([
        [t('case.candidate'), h('span', {}, current.name ?? '', h('span', { class: 'mono muted block' }, formatNip(current.nip)))],
        current.unitId ? [t('case.unit'), unitName(current.unitId)] : null,
        [t('case.justification'), current.justification || t('common.none')],
        [t('case.authority'), label('authority', current.authority)],
        current.pertek ? [t('case.pertek'), `${current.pertek.number} · ${date(current.pertek.date)}`] : null,
        current.decree
          ? [
              t('case.decree'),
              h(
                'span',
                { dataset: { testid: 'decree' } },
                `${current.decree.number} · ${date(current.decree.date)} · ${label('authority', current.decree.authority)}`,
              ),
            ]
          : null,
        [t('case.proposer'), h('span', { dataset: { testid: 'proposer' } }, personLabel(current.proposer, { you: session.nip }))],
        [t('case.proposedAt'), dateTime(current.proposedAt)],
        current.closedAt ? [t('case.closedAt'), dateTime(current.closedAt)] : null,
        [t('case.version'), h('span', { class: 'mono', dataset: { testid: 'case-version' } }, String(current.version))],
      ]),
    });
  }
}

/** Every rule's outcome worded from its code; advisory rules marked as such. Shared with the proposal preview. */
export function rulesTable(rules) {
  return table(
    [
      {
        label: t('case.rule'),
        render: (r) =>
          h(
            'div',
            {},
            h('span', { class: 'strong' }, label('rule', r.rule)),
            h('span', { class: 'muted small block' }, t(r.blocking === false ? 'outcome.advisory' : 'outcome.blocking')),
          ),
      },
      {
        label: t('case.result'),
        render: (r) =>
          r.passed
            ? h('span', { class: 'badge pass' }, icon('check'), t('case.passed'))
            : h(
                'span',
                { class: `badge ${r.blocking === false ? 'warn' : 'fail'}` },
                icon(r.blocking === false ? 'alert' : 'cross'),
                t('case.failed'),
              ),
      },
      { label: t('case.detail'), render: (r) => h('span', { class: 'detail', dataset: { code: r.code ?? '' } }, ruleOutcomeText(r)) },
    ],
    Array.isArray(rules) ? rules : [],
    { className: 'rules-table', rowAttrs: (r) => ({ dataset: { rule: r.rule, passed: String(r.passed), code: r.code ?? '' } }) },
  );
}
