// "Where is my file": an employee's grade, appraisals, training and each promotion case's position.
import { api } from './api.js';
import { h, icon } from './dom.js';
import { date, dateTime, nip as formatNip, number, setTimeZone, unitName, untilDue } from './format.js';
import { label, t } from './i18n.js';
import { hasRole } from './session.js';
import { button, card, emptyState, errorAlert, facts, loading, pageHeader, predicateBadge, slaBadge, statusBadge, table } from './ui.js';
import { personLabel, rememberPerson } from './words.js';

/** The national pipeline; the committee runs for STRUCTURAL by default (or when a file is there). */
function stagesOf(p) {
  const committee = p.kind === 'STRUCTURAL' || p.stage === 'committee';
  return ['verification', ...(committee ? ['committee'] : []), 'approval', 'bkn', 'decree'];
}
const JP_TARGET = 20;

export async function renderCareer(ctx) {
  const { main, params, self, agency } = ctx;
  const nip = params.nip;
  const title = self ? t('career.selfTitle') : t('career.title');
  ctx.setTitle(title);

  const header = pageHeader({ title, subtitle: t('career.subtitle') });
  const parts = [header];
  if (!self) parts.push(lookupForm(nip));
  const content = h('div', { class: 'career' });
  parts.push(content);
  main.replaceChildren(...parts);

  if (!nip) {
    content.append(h('div', { class: 'card' }, emptyState('search', t('career.searchLabel'), t('career.searchHint'))));
    return;
  }
  content.append(loading());
  let career;
  try {
    career = await api(`/api/employees/${nip}/career`);
  } catch (error) {
    if (ctx.isCurrent()) content.replaceChildren(errorAlert(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  setTimeZone(career.timeZone);
  rememberPerson(career.nip, career.name);
  rememberPerson(career.superiorNip, career.superiorName);
  if (!self) ctx.setTitle(`${career.name} · ${title}`);
  content.replaceChildren(
    profile(career),
    hrActions(career),
    promotions(career),
    h('div', { class: 'grid-2' }, appraisals(career), training(career)),
    sanctions(career),
  );

  function hrActions(c) {
    if (self || !hasRole(ctx.session, 'hr')) return null;
    return h(
      'div',
      { class: 'page-actions' },
      h('a', { class: 'btn btn-secondary', href: `#/employees/${c.nip}/record` }, t('search.record')),
      h('a', { class: 'btn btn-primary', href: `#/propose/${c.nip}`, dataset: { action: 'propose-for' } }, t('search.propose')),
    );
  }

  function sanctions(c) {
    const list = c.sanctions ?? [];
    if (!list.length) return null;
    return card({
      title: t('career.sanctions'),
      body: table(
        [
          { label: t('career.kind'), render: (x) => `${label('sanctionType', x.type)} (${label('sanctionLevel', x.level)})` },
          { label: t('career.term'), render: (x) => `${date(x.from)} – ${x.until ? date(x.until) : t('outcome.noEnd')}` },
          { label: t('case.status'), render: (x) => (x.annulled ? t('career.annulled') : t('career.inForce')) },
        ],
        list,
      ),
    });
  }

  function lookupForm(value) {
    const input = h('input', {
      type: 'text',
      name: 'nip',
      inputmode: 'numeric',
      value: value ?? '',
      placeholder: t('career.searchPlaceholder'),
      'aria-label': t('career.searchLabel'),
      maxlength: '18',
    });
    const error = h('span', { class: 'form-error' });
    return h(
      'form',
      {
        class: 'card search-bar',
        onSubmit: (e) => {
          e.preventDefault();
          const v = input.value.replace(/\s+/g, '');
          if (!/^\d{18}$/.test(v)) {
            error.textContent = t('career.searchInvalid');
            return;
          }
          ctx.navigate(`#/employees/${v}`);
        },
      },
      h('label', { class: 'field-inline grow' }, h('span', {}, t('career.searchLabel')), input),
      button(t('action.search'), { kind: 'primary', type: 'submit', iconName: 'search' }),
      error,
    );
  }

  function profile(c) {
    return h(
      'section',
      { class: 'card profile', dataset: { testid: 'career-profile' } },
      h(
        'div',
        { class: 'profile-main' },
        h(
          'div',
          {},
          h('h2', { class: 'profile-name' }, c.name),
          h('div', { class: 'mono muted' }, `${t('common.nip')} ${formatNip(c.nip)}`),
        ),
        h(
          'div',
          { class: 'grade-box' },
          h('span', { class: 'grade-label' }, t('career.grade')),
          h('span', { class: 'grade-value', dataset: { testid: 'grade' } }, c.grade),
          h('span', { class: 'grade-since' }, t('career.since', { date: date(c.gradeSince) })),
        ),
      ),
      facts([
        c.rankName ? [t('career.rank'), h('span', { dataset: { testid: 'rank-name' } }, c.rankName)] : null,
        [
          t('career.position'),
          h(
            'span',
            {},
            c.position?.title ?? c.positionTitle ?? t('common.none'),
            h(
              'span',
              { class: 'muted block small' },
              [
                label('positionType', c.position?.type ?? c.positionType),
                c.position?.eselon ? `${t('field.eselon')} ${c.position.eselon}` : null,
                c.position?.jenjang ? label('jenjang', c.position.jenjang) : null,
                c.position?.since ? t('career.since', { date: date(c.position.since) }) : null,
              ]
                .filter(Boolean)
                .join(' · '),
            ),
          ),
        ],
        [t('career.unit'), unitName(c.unitId)],
        [t('field.education'), c.education ?? t('common.none')],
        [t('career.superior'), c.superiorNip ? personLabel(c.superiorNip) : t('common.none')],
        c.creditPoints
          ? [
              t('career.creditPoints'),
              t('career.creditPointsOf', { points: number(c.creditPoints.sinceLastPromotion, 3), target: number(c.creditPoints.target) }),
            ]
          : null,
        [t('common.agency'), agency.name],
      ]),
      c.pendingGrade
        ? h(
            'div',
            { class: 'alert alert-success pending', dataset: { testid: 'pending-grade' } },
            icon('check'),
            h('div', {}, h('p', {}, t('career.pending', { grade: c.pendingGrade.grade, date: date(c.pendingGrade.effectiveDate) }))),
          )
        : null,
    );
  }

  function stepper(p) {
    if (p.status !== 'IN_PROGRESS' && p.status !== 'RETURNED' && p.status !== 'APPROVED') return null;
    const stages = stagesOf(p);
    const at = p.status === 'APPROVED' ? stages.length : stages.indexOf(p.stage);
    if (at < 0) return null;
    return h(
      'ol',
      { class: 'stepper' },
      stages.map((s, i) => {
        const state = i < at ? 'done' : i === at ? (p.status === 'RETURNED' ? 'returned' : 'current') : 'todo';
        return h(
          'li',
          { class: `step step-${state}`, dataset: { stage: s } },
          h('span', { class: 'step-dot' }, state === 'done' ? icon('check') : String(i + 1)),
          h('span', { class: 'step-label' }, label('stage', s)),
        );
      }),
    );
  }

  function holder(p) {
    if (!p.heldBy) return t('common.none');
    if (p.status === 'RETURNED') return t('career.returnedToProposer', { nip: personLabel(p.heldBy.claimedBy) });
    const claimed = p.heldBy.claimedBy ? ` · ${t('career.claimedBy', { nip: personLabel(p.heldBy.claimedBy) })}` : '';
    return `${label('role', p.heldBy.role)}${claimed}`;
  }

  function promotions(c) {
    const list = [...(c.promotions ?? [])].reverse();
    const body = list.length
      ? h(
          'div',
          { class: 'case-cards' },
          list.map((p) =>
            h(
              'article',
              { class: `case-card case-${String(p.status).toLowerCase()}`, dataset: { caseId: p.caseId, status: p.status } },
              h(
                'div',
                { class: 'case-card-head' },
                h(
                  'div',
                  {},
                  h(
                    'h3',
                    {},
                    h(
                      'span',
                      { class: 'grades' },
                      p.fromGrade ?? '',
                      p.fromGrade ? h('span', { class: 'arrow' }, '→') : null,
                      p.toGrade ?? '',
                    ),
                  ),
                  h(
                    'span',
                    { class: 'muted small' },
                    label('kind', p.kind),
                    p.effectiveDate ? ` · ${t('case.effective')} ${date(p.effectiveDate)}` : '',
                  ),
                ),
                h('div', { class: 'badges' }, statusBadge(p.status)),
              ),
              stepper(p),
              p.status === 'IN_PROGRESS' || p.status === 'RETURNED'
                ? facts([
                    [
                      t('career.currentlyAt'),
                      h(
                        'span',
                        { class: 'stage-name', dataset: { testid: 'career-stage', stage: p.stage ?? '' } },
                        label('stage', p.stage),
                      ),
                    ],
                    [t('career.waitingFor'), h('span', { dataset: { testid: 'held-by' } }, holder(p))],
                    p.status === 'IN_PROGRESS'
                      ? [
                          t('career.due'),
                          h(
                            'span',
                            {},
                            dateTime(p.dueAt),
                            ' ',
                            h('span', { class: 'due-rel' }, untilDue(p.dueAt)),
                            ' ',
                            slaBadge(p.slaState),
                          ),
                        ]
                      : null,
                  ])
                : null,
              h('a', { class: 'btn btn-ghost btn-sm', href: `#/cases/${p.caseId}` }, t('career.openCase'), ' →'),
            ),
          ),
        )
      : emptyState('file', t('career.noCases'));
    return card({ title: t('career.promotions'), body });
  }

  function appraisals(c) {
    const list = [...(c.appraisals ?? [])].sort((a, b) => Number(b.period) - Number(a.period));
    return card({
      title: t('career.appraisals'),
      body: list.length
        ? table(
            [
              { label: t('career.period'), render: (a) => h('span', { class: 'strong' }, String(a.period)) },
              { label: t('career.predicate'), render: (a) => predicateBadge(a.predicate) },
            ],
            list,
          )
        : emptyState('file', t('career.noAppraisals')),
    });
  }

  function training(c) {
    const list = [...(c.trainings ?? [])].sort((a, b) => String(b.completedOn).localeCompare(String(a.completedOn)));
    const year = new Date().getFullYear();
    const jp = Number.isFinite(c.jpThisYear)
      ? c.jpThisYear
      : list.filter((x) => String(x.completedOn).startsWith(String(year))).reduce((sum, x) => sum + Number(x.hours ?? 0), 0);
    const met = jp >= JP_TARGET;
    const meter = h(
      'div',
      { class: 'jp-meter', dataset: { testid: 'jp-meter' } },
      h(
        'div',
        { class: 'jp-head' },
        h('span', { class: 'jp-value' }, number(jp)),
        h('span', { class: 'jp-unit' }, `/ ${JP_TARGET} ${t('career.hours')}`),
        h('span', { class: 'muted small' }, t('career.jpYear', { year })),
      ),
      h(
        'div',
        { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': String(JP_TARGET), 'aria-valuenow': String(jp) },
        h('span', { class: `progress-bar ${met ? 'ok' : 'short'}`, style: { width: `${Math.min(100, (jp / JP_TARGET) * 100)}%` } }),
      ),
      h(
        'p',
        { class: `small ${met ? 'ok-text' : 'warn-text'}` },
        met ? t('career.jpMet') : t('career.jpShort', { n: JP_TARGET - jp }),
        ' · ',
        t('career.jpTarget'),
      ),
    );
    return card({
      title: t('career.training'),
      body: h(
        'div',
        {},
        meter,
        list.length
          ? table(
              [
                {
                  label: t('career.trainingTitle'),
                  render: (x) =>
                    h(
                      'div',
                      {},
                      h('span', { class: 'strong' }, x.title),
                      x.provider ? h('span', { class: 'muted small block' }, x.provider) : null,
                    ),
                },
                { label: t('career.kind'), render: (x) => label('trainingKind', x.kind) },
                { label: t('career.hours'), className: 'num', render: (x) => number(x.hours) },
                { label: t('career.completedOn'), className: 'nowrap', render: (x) => date(x.completedOn) },
              ],
              list,
            )
          : emptyState('file', t('career.noTraining')),
      ),
    });
  }
}
