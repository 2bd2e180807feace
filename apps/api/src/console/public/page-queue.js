// My queue: open cases at a stage whose role I hold, earliest deadline first.
import { api, readUntil } from './api.js';
import { h } from './dom.js';
import { dateTime, dateTimeShort, nip as formatNip, setTimeZone, time, untilDue } from './format.js';
import { label, t } from './i18n.js';
import { busy, button, card, emptyState, errorAlert, loading, pageHeader, slaBadge, table, toast } from './ui.js';
import { personLabel, rememberPeople } from './words.js';

const REFRESH_MS = 30_000;

export async function renderQueue(ctx) {
  const { main, session } = ctx;
  ctx.setTitle(t('queue.title'));
  const state = { items: null, error: null, loadedAt: null, stage: '', unclaimedOnly: false };
  const content = h('div', { class: 'queue' });
  const updated = h('span', { class: 'updated' });
  const refreshButton = button(t('action.refresh'), { iconName: 'refresh', onClick: () => busy(refreshButton, load) });
  const caseInput = h('input', {
    type: 'text',
    name: 'caseId',
    placeholder: t('queue.caseIdPlaceholder'),
    'aria-label': t('queue.caseIdPlaceholder'),
    pattern: '[A-Za-z0-9\\-]{1,64}',
  });
  const openForm = h(
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
  );

  main.replaceChildren(
    pageHeader({ title: t('queue.title'), subtitle: t('queue.subtitle'), actions: [updated, refreshButton] }),
    content,
    h('div', { class: 'queue-footer' }, h('span', { class: 'muted' }, t('queue.openCase')), openForm),
  );
  content.append(loading());

  const read = () => api('/api/queues/mine');

  async function load() {
    try {
      const result = await read();
      if (result?.timeZone) setTimeZone(result.timeZone);
      rememberPeople(result?.items);
      state.items = result?.items ?? [];
      state.error = null;
    } catch (error) {
      state.error = error;
    }
    state.loadedAt = new Date();
    if (ctx.isCurrent()) draw();
  }

  async function claimAction(item, release, buttonEl) {
    await busy(buttonEl, async () => {
      try {
        if (release) await api(`/api/promotions/${item.caseId}/claim`, { method: 'DELETE' });
        else await api(`/api/promotions/${item.caseId}/claim`, { method: 'POST', body: {} });
        toast(t(release ? 'queue.released' : 'queue.claimed'));
        const wanted = release ? null : session.nip;
        const result = await readUntil(read, (r) => (r?.items ?? []).find((i) => i.caseId === item.caseId)?.claimedBy === wanted, {
          timeoutMs: 3000,
        });
        state.items = result?.items ?? [];
        state.error = null;
      } catch (error) {
        state.error = error;
      }
      if (ctx.isCurrent()) draw();
    });
  }

  function summary(items) {
    const count = (s) => items.filter((i) => i.slaState === s).length;
    const stat = (value, text, kind) =>
      h('div', { class: `stat stat-${kind}` }, h('span', { class: 'stat-value' }, String(value)), h('span', { class: 'stat-label' }, text));
    return h(
      'div',
      { class: 'stats' },
      stat(items.length, t('queue.total'), 'total'),
      stat(count('ON_TRACK'), t('sla.ON_TRACK'), 'on-track'),
      stat(count('AT_RISK'), t('sla.AT_RISK'), 'at-risk'),
      stat(count('BREACHED'), t('sla.BREACHED'), 'breached'),
    );
  }

  function filters(items) {
    const stages = [...new Set(items.map((i) => i.stage))];
    const select = h(
      'select',
      { 'aria-label': t('queue.filterStage'), onChange: (e) => ((state.stage = e.target.value), draw()) },
      h('option', { value: '' }, t('queue.allStages')),
      stages.map((s) => h('option', { value: s, selected: s === state.stage }, label('stage', s))),
    );
    const check = h('input', {
      type: 'checkbox',
      checked: state.unclaimedOnly,
      onChange: (e) => ((state.unclaimedOnly = e.target.checked), draw()),
    });
    return h(
      'div',
      { class: 'toolbar' },
      h('label', { class: 'field-inline' }, h('span', {}, t('queue.filterStage')), select),
      h('label', { class: 'check' }, check, h('span', {}, t('queue.onlyUnclaimed'))),
    );
  }

  function returnedCard(returned) {
    return card({
      title: t('queue.returnedTitle'),
      hint: t('queue.returnedHint'),
      className: 'returned-card',
      body: h(
        'ul',
        { class: 'returned-list', dataset: { testid: 'returned-files' } },
        returned.map((i) =>
          h(
            'li',
            { class: 'returned-item', dataset: { returnedCaseId: i.caseId } },
            h(
              'div',
              { class: 'person' },
              h('a', { href: `#/cases/${i.caseId}`, class: 'strong' }, i.name),
              h('span', { class: 'mono muted' }, formatNip(i.nip)),
              h('span', { class: 'muted small' }, `${label('kind', i.kind)} · ${i.fromGrade} → ${i.toGrade}`),
            ),
            h(
              'div',
              {},
              h('p', { class: 'small' }, t('queue.returnedBy', { stage: label('stage', i.stage) })),
              h('p', { class: 'reason', dataset: { testid: 'returned-reason' } }, i.reason ?? ''),
              i.deficientDocuments?.length
                ? h(
                    'p',
                    { class: 'small', dataset: { testid: 'deficient-docs' } },
                    `${t('case.deficientDocs')}: ${i.deficientDocuments.map((d) => label('doc', d)).join(', ')}`,
                  )
                : null,
            ),
            h('a', { class: 'btn btn-primary btn-sm', href: `#/cases/${i.caseId}`, dataset: { action: 'fix' } }, t('queue.fix')),
          ),
        ),
      ),
    });
  }

  function draw() {
    updated.textContent = state.loadedAt ? t('common.updatedAt', { time: time(state.loadedAt) }) : '';
    const parts = [];
    if (state.error) parts.push(errorAlert(state.error));
    if (state.items === null) {
      content.replaceChildren(...parts);
      return;
    }
    const returned = state.items.filter((i) => i.status === 'RETURNED');
    if (returned.length) parts.push(returnedCard(returned));
    const items = state.items
      .filter((i) => i.status !== 'RETURNED')
      .sort((a, b) => String(a.dueAt ?? '9').localeCompare(String(b.dueAt ?? '9')));
    parts.push(summary(items));
    if (items.length === 0 && returned.length === 0) {
      parts.push(h('div', { class: 'card' }, emptyState('check', t('queue.empty'), t('queue.emptyHint'))));
      content.replaceChildren(...parts);
      return;
    }
    if (items.length === 0) {
      content.replaceChildren(...parts);
      return;
    }
    parts.push(filters(items));
    const shown = items.filter((i) => (!state.stage || i.stage === state.stage) && (!state.unclaimedOnly || !i.claimedBy));
    const now = Date.now();
    parts.push(
      h(
        'div',
        { class: 'card flush' },
        table(
          [
            {
              label: t('queue.col.candidate'),
              render: (i) =>
                h(
                  'div',
                  { class: 'person' },
                  h('a', { href: `#/cases/${i.caseId}`, class: 'strong', dataset: { caseLink: i.caseId } }, i.name),
                  h('span', { class: 'mono muted' }, formatNip(i.nip)),
                ),
            },
            {
              label: t('queue.col.proposal'),
              render: (i) =>
                h(
                  'div',
                  { class: 'proposal' },
                  h('span', { class: 'grades' }, i.fromGrade, h('span', { class: 'arrow' }, '→'), i.toGrade),
                  h('span', { class: 'muted small' }, label('kind', i.kind)),
                ),
            },
            {
              label: t('queue.col.stage'),
              render: (i) =>
                h(
                  'div',
                  { class: 'stage-cell' },
                  h('span', { class: 'stage-name' }, label('stage', i.stage)),
                  h('span', { class: 'muted small nowrap' }, `${t('queue.entered')} ${dateTimeShort(i.enteredStageAt)}`),
                ),
            },
            {
              label: t('queue.col.due'),
              className: 'nowrap',
              render: (i) =>
                h(
                  'div',
                  { class: 'due' },
                  h('span', {}, dateTime(i.dueAt)),
                  h('span', { class: `due-rel ${i.slaState === 'BREACHED' ? 'late' : ''}` }, untilDue(i.dueAt, now)),
                ),
            },
            { label: t('queue.col.sla'), render: (i) => slaBadge(i.slaState) },
            {
              label: t('queue.col.claim'),
              render: (i) =>
                !i.claimedBy
                  ? h('span', { class: 'muted' }, t('common.none'))
                  : i.claimedBy === session.nip
                    ? h('span', { class: 'badge mine' }, t('common.you'))
                    : h('span', { class: 'small' }, personLabel(i.claimedBy)),
            },
            {
              label: t('queue.col.actions'),
              className: 'actions',
              render: (i) => {
                const mine = i.claimedBy === session.nip;
                const claim =
                  !i.claimedBy || mine
                    ? button(t(mine ? 'action.release' : 'action.claim'), {
                        size: 'sm',
                        kind: mine ? 'ghost' : 'secondary',
                        dataset: { action: mine ? 'release' : 'claim' },
                      })
                    : null;
                claim?.addEventListener('click', () => claimAction(i, mine, claim));
                return h(
                  'div',
                  { class: 'row-actions' },
                  claim,
                  h('a', { class: 'btn btn-primary btn-sm', href: `#/cases/${i.caseId}`, dataset: { action: 'open' } }, t('action.open')),
                );
              },
            },
          ],
          shown,
          {
            className: 'queue-table',
            rowAttrs: (i) => ({
              dataset: { caseId: i.caseId, sla: i.slaState ?? '' },
              class: `sla-row-${String(i.slaState ?? '').toLowerCase()}`,
            }),
          },
        ),
      ),
    );
    content.replaceChildren(...parts);
  }

  await load();
  const timer = setInterval(() => void load(), REFRESH_MS);
  ctx.onCleanup(() => clearInterval(timer));
}
