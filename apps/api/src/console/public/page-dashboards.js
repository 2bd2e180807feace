// Dashboards (admin, auditor, ppk, hr): SLA per stage, pipeline, training equity, the training worklist and ratings per unit.
import { api, ApiError } from './api.js';
import { h } from './dom.js';
import { COLORS, complianceColor, loadChartJs, PREDICATE_COLORS, STATUS_COLORS } from './charts.js';
import { date, number, percent, time, unitName } from './format.js';
import { label, t } from './i18n.js';
import { KP_KINDS } from './reference.js';
import { busy, button, card, emptyState, errorAlert, loading, pageHeader, table, unavailableFrom } from './ui.js';

const STATUSES = ['IN_PROGRESS', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN'];
const PREDICATES = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'];

export async function renderDashboards(ctx) {
  const { main } = ctx;
  ctx.setTitle(t('dash.title'));
  const filters = { from: '', to: '', unitId: '', year: '', period: '', kind: '' };
  const knownUnits = new Set();
  const knownPeriods = new Set();
  const charts = [];
  ctx.onCleanup(() => charts.splice(0).forEach((c) => c.destroy()));

  const fromInput = h('input', { type: 'date', name: 'from', 'aria-label': t('dash.from') });
  const toInput = h('input', { type: 'date', name: 'to', 'aria-label': t('dash.to') });
  const unitSelect = h('select', { name: 'unitId', 'aria-label': t('dash.unit') });
  const yearInput = h('input', {
    type: 'number',
    name: 'year',
    min: '2000',
    max: '2100',
    step: '1',
    'aria-label': t('dash.year'),
    class: 'narrow',
  });
  const periodSelect = h('select', { name: 'period', 'aria-label': t('dash.period') });
  const kindSelect = h(
    'select',
    { name: 'kind', 'aria-label': t('field.kind') },
    h('option', { value: '' }, t('dash.allKinds')),
    KP_KINDS.map((k) => h('option', { value: k }, label('kind', k))),
  );
  const updated = h('span', { class: 'updated' });
  const filterError = h('div', {});
  const applyButton = button(t('action.apply'), { kind: 'primary', type: 'submit', iconName: 'refresh' });
  const form = h(
    'form',
    {
      class: 'card filters',
      onSubmit: (e) => {
        e.preventDefault();
        Object.assign(filters, {
          from: fromInput.value,
          to: toInput.value,
          unitId: unitSelect.value,
          year: yearInput.value,
          period: periodSelect.value,
          kind: kindSelect.value,
        });
        void busy(applyButton, load);
      },
    },
    h('label', { class: 'field' }, h('span', {}, t('dash.from')), fromInput),
    h('label', { class: 'field' }, h('span', {}, t('dash.to')), toInput),
    h('label', { class: 'field' }, h('span', {}, t('dash.unit')), unitSelect),
    h('label', { class: 'field' }, h('span', {}, t('dash.year')), yearInput),
    h('label', { class: 'field' }, h('span', {}, t('dash.period')), periodSelect),
    h('label', { class: 'field' }, h('span', {}, t('field.kind')), kindSelect),
    h('div', { class: 'field field-action' }, applyButton),
  );
  const kpis = h('div', { class: 'kpis' });
  const slots = {
    sla: h('div', { class: 'panel-slot' }, loading()),
    hours: h('div', { class: 'panel-slot' }, loading()),
    pipeline: h('div', { class: 'panel-slot' }, loading()),
    training: h('div', { class: 'panel-slot' }, loading()),
    worklist: h('div', { class: 'panel-slot' }, loading()),
    appraisals: h('div', { class: 'panel-slot' }, loading()),
  };
  main.replaceChildren(
    pageHeader({ title: t('dash.title'), subtitle: t('dash.subtitle'), actions: [updated] }),
    form,
    filterError,
    kpis,
    slots.sla,
    h('div', { class: 'grid-2' }, slots.pipeline, slots.hours),
    h('div', { class: 'grid-2' }, slots.training, slots.appraisals),
    slots.worklist,
  );

  function fillSelects() {
    unitSelect.replaceChildren(
      h('option', { value: '' }, t('dash.allUnits')),
      [...knownUnits].sort().map((u) => h('option', { value: u, selected: u === filters.unitId }, unitName(u))),
    );
    periodSelect.replaceChildren(
      h('option', { value: '' }, t('dash.allPeriods')),
      [...knownPeriods]
        .sort((a, b) => b - a)
        .map((p) => h('option', { value: String(p), selected: String(p) === filters.period }, String(p))),
    );
  }

  const query = (extra) => ({ from: filters.from, to: filters.to, unitId: filters.unitId, ...extra });
  const settle = (promise) =>
    promise.then(
      (value) => ({ value }),
      (error) => ({ error }),
    );

  async function load() {
    filterError.replaceChildren();
    const [sla, pipeline, training, appraisals, worklist] = await Promise.all([
      settle(api('/api/dashboards/sla', { query: query({ kind: filters.kind }) })),
      settle(api('/api/dashboards/pipeline', { query: query({ kind: filters.kind }) })),
      settle(api('/api/dashboards/training', { query: { unitId: filters.unitId, year: filters.year } })),
      settle(api('/api/dashboards/appraisals', { query: query({ period: filters.period }) })),
      settle(api('/api/dashboards/training/worklist', { query: { unitId: filters.unitId, year: filters.year } })),
    ]);
    if (!ctx.isCurrent()) return;
    const invalid = [sla, pipeline, training, appraisals].find((r) => r.error?.code === 'VALIDATION_FAILED');
    if (invalid) filterError.replaceChildren(errorAlert(invalid.error));
    for (const u of training.value?.items ?? []) knownUnits.add(u.unitId);
    for (const u of appraisals.value?.items ?? []) knownUnits.add(u.unitId);
    for (const p of appraisals.value?.periods ?? []) knownPeriods.add(p);
    if (!filters.year && training.value?.window?.from) yearInput.placeholder = training.value.window.from.slice(0, 4);
    fillSelects();
    charts.splice(0).forEach((c) => c.destroy());
    let Chart = null;
    try {
      Chart = await loadChartJs();
    } catch (error) {
      filterError.replaceChildren(errorAlert(new ApiError(0, 'CHART_JS', error.message)));
    }
    if (!ctx.isCurrent()) return;
    drawKpis(sla.value, training.value);
    drawSla(Chart, sla);
    drawHours(Chart, sla);
    drawPipeline(Chart, pipeline);
    drawTraining(Chart, training);
    drawAppraisals(Chart, appraisals);
    drawWorklist(worklist);
    updated.textContent = t('common.updatedAt', { time: time(new Date()) });
  }

  /** A failed panel: "not available" for 404 (endpoint not deployed), the API error otherwise. */
  function failed(slot, titleKey, error) {
    slot.replaceChildren(card({ title: t(titleKey), body: error.status === 404 ? unavailableFrom(error) : errorAlert(error) }));
  }

  function chartBox(name, Chart, config) {
    const canvas = h('canvas', { dataset: { chart: name }, role: 'img', 'aria-label': name });
    const box = h('div', { class: 'chart-box' }, canvas);
    if (Chart) queueMicrotask(() => charts.push(new Chart(canvas, config)));
    return box;
  }

  function kpi(value, text, tone = '') {
    return h('div', { class: `kpi ${tone}` }, h('span', { class: 'kpi-value' }, value), h('span', { class: 'kpi-label' }, text));
  }

  function drawKpis(sla, training) {
    const items = sla?.items ?? [];
    const sum = (k) => items.reduce((s, i) => s + Number(i[k] ?? 0), 0);
    const completed = sum('completed');
    const compliance = completed ? sum('completedWithinSla') / completed : null;
    kpis.replaceChildren(
      kpi(sla ? number(sum('open')) : '—', t('dash.kpi.open')),
      kpi(sla ? number(sum('breached')) : '—', t('dash.kpi.breached'), sum('breached') > 0 ? 'bad' : ''),
      kpi(
        percent(compliance, 1),
        t('dash.kpi.compliance'),
        compliance === null ? '' : compliance >= 0.9 ? 'good' : compliance >= 0.75 ? 'warn' : 'bad',
      ),
      kpi(percent(training?.overall?.shareMeetingTarget ?? null, 0), t('dash.kpi.training')),
      kpi(
        sla?.cycleTime?.medianDays === null || sla?.cycleTime?.medianDays === undefined ? '—' : number(sla.cycleTime.medianDays, 1),
        t('dash.kpi.cycleTime', { n: number(sla?.cycleTime?.decreed ?? 0) }),
      ),
    );
  }

  function drawSla(Chart, result) {
    if (result.error) return failed(slots.sla, 'dash.sla.title', result.error);
    const items = result.value?.items ?? [];
    const labels = items.map((i) => label('stage', i.stage));
    const body = h(
      'div',
      { class: 'split' },
      chartBox('sla-compliance', Chart, {
        type: 'bar',
        data: {
          labels,
          datasets: [
            {
              label: t('dash.compliance'),
              data: items.map((i) => (i.compliance === null || i.compliance === undefined ? null : Math.round(i.compliance * 1000) / 10)),
              backgroundColor: items.map((i) => complianceColor(i.compliance)),
              borderRadius: 6,
              maxBarThickness: 56,
            },
          ],
        },
        options: {
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: (c) => `${t('dash.compliance')}: ${c.parsed.y ?? '—'}%` } },
          },
          scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } }, x: { grid: { display: false } } },
        },
      }),
      table(
        [
          { label: t('dash.stage'), render: (i) => h('span', { class: 'strong' }, label('stage', i.stage)) },
          { label: t('dash.open'), className: 'num', render: (i) => number(i.open) },
          { label: t('dash.atRisk'), className: 'num', render: (i) => h('span', { class: i.atRisk ? 'warn-text' : '' }, number(i.atRisk)) },
          {
            label: t('dash.breached'),
            className: 'num',
            render: (i) => h('span', { class: i.breached ? 'bad-text' : '' }, number(i.breached)),
          },
          { label: t('dash.completed'), className: 'num', render: (i) => number(i.completed) },
          {
            label: t('dash.compliance'),
            className: 'num',
            render: (i) => h('strong', { style: { color: complianceColor(i.compliance) } }, percent(i.compliance, 1)),
          },
          {
            label: t('dash.median'),
            className: 'num',
            render: (i) =>
              i.medianHours === null || i.medianHours === undefined ? '—' : t('time.hoursShort', { n: number(i.medianHours, 1) }),
          },
          {
            label: t('dash.p90Short'),
            className: 'num',
            render: (i) => (i.p90Hours === null || i.p90Hours === undefined ? '—' : t('time.hoursShort', { n: number(i.p90Hours, 1) })),
          },
        ],
        items,
        { className: 'compact-table' },
      ),
    );
    slots.sla.replaceChildren(card({ title: t('dash.sla.title'), hint: t('dash.sla.hint'), body, id: 'panel-sla' }));
  }

  function drawHours(Chart, result) {
    if (result.error) return failed(slots.hours, 'dash.hours.title', result.error);
    const items = result.value?.items ?? [];
    const any = items.some((i) => i.medianHours !== null && i.medianHours !== undefined);
    const body = any
      ? chartBox('stage-hours', Chart, {
          type: 'bar',
          data: {
            labels: items.map((i) => label('stage', i.stage)),
            datasets: [
              {
                label: t('dash.median'),
                data: items.map((i) => i.medianHours),
                backgroundColor: COLORS.primary,
                borderRadius: 6,
                maxBarThickness: 40,
              },
              {
                label: t('dash.p90'),
                data: items.map((i) => i.p90Hours),
                backgroundColor: COLORS.primarySoft,
                borderRadius: 6,
                maxBarThickness: 40,
              },
            ],
          },
          options: {
            plugins: {
              tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${t('time.hoursShort', { n: number(c.parsed.y, 1) })}` } },
            },
            scales: {
              y: { beginAtZero: true, title: { display: true, text: t('time.hoursShort', { n: '' }).trim() } },
              x: { grid: { display: false } },
            },
          },
        })
      : emptyState('clock', t('dash.noData'));
    slots.hours.replaceChildren(card({ title: t('dash.hours.title'), hint: t('dash.hours.hint'), body, id: 'panel-hours' }));
  }

  function drawPipeline(Chart, result) {
    if (result.error) return failed(slots.pipeline, 'dash.pipeline.title', result.error);
    const items = result.value?.items ?? [];
    const total = result.value?.totals?.total ?? items.reduce((s, i) => s + Number(i.total ?? 0), 0);
    const body = total
      ? h(
          'div',
          { class: 'pipeline' },
          chartBox('pipeline', Chart, {
            type: 'bar',
            data: {
              labels: items.map((i) => label('stage', i.stage)),
              datasets: STATUSES.map((s) => ({
                label: label('status', s),
                data: items.map((i) => i.counts?.[s] ?? 0),
                backgroundColor: STATUS_COLORS[s],
                borderRadius: 4,
                maxBarThickness: 64,
              })),
            },
            options: {
              indexAxis: 'y',
              scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true, grid: { display: false } } },
            },
          }),
          h(
            'div',
            { class: 'pipeline-totals' },
            STATUSES.map((s) =>
              h(
                'div',
                { class: 'pipeline-total' },
                h('span', { class: 'swatch', style: { background: STATUS_COLORS[s] } }),
                h('span', {}, label('status', s)),
                h('strong', {}, number(result.value?.totals?.counts?.[s] ?? 0)),
              ),
            ),
          ),
        )
      : emptyState('chart', t('dash.noData'));
    slots.pipeline.replaceChildren(card({ title: t('dash.pipeline.title'), hint: t('dash.pipeline.hint'), body, id: 'panel-pipeline' }));
  }

  function drawTraining(Chart, result) {
    if (result.error) return failed(slots.training, 'dash.training.title', result.error);
    const items = result.value?.items ?? [];
    const win = result.value?.window;
    const hint = `${t('dash.training.hint')}${win ? ` (${date(win.from)} – ${date(win.to)})` : ''}`;
    const body = items.length
      ? h(
          'div',
          {},
          chartBox('training-equity', Chart, {
            type: 'bar',
            data: {
              labels: items.map((i) => unitName(i.unitId)),
              datasets: [
                {
                  type: 'bar',
                  label: `${t('dash.share20')} (%)`,
                  data: items.map((i) => (i.shareMeetingTarget === null ? null : Math.round(i.shareMeetingTarget * 1000) / 10)),
                  backgroundColor: COLORS.teal,
                  borderRadius: 6,
                  yAxisID: 'share',
                  maxBarThickness: 48,
                },
                {
                  type: 'line',
                  label: t('dash.meanJp'),
                  data: items.map((i) => i.meanHours),
                  borderColor: COLORS.violet,
                  backgroundColor: COLORS.violet,
                  yAxisID: 'jp',
                  tension: 0.2,
                  pointRadius: 4,
                },
              ],
            },
            options: {
              scales: {
                share: { position: 'left', min: 0, max: 100, ticks: { callback: (v) => `${v}%` } },
                jp: { position: 'right', beginAtZero: true, grid: { display: false }, title: { display: true, text: 'JP' } },
                x: { grid: { display: false } },
              },
            },
          }),
          table(
            [
              { label: t('dash.unitCol'), render: (i) => h('span', { class: 'strong' }, unitName(i.unitId)) },
              { label: t('dash.employees'), className: 'num', render: (i) => number(i.employees) },
              { label: t('dash.share20'), className: 'num', render: (i) => percent(i.shareMeetingTarget, 0) },
              { label: t('dash.meanJp'), className: 'num', render: (i) => number(i.meanHours, 1) },
              {
                label: t('dash.gini'),
                className: 'num',
                render: (i) =>
                  h(
                    'span',
                    { class: i.giniHours >= 0.4 ? 'warn-text' : '' },
                    i.giniHours === null || i.giniHours === undefined ? '—' : number(i.giniHours, 2),
                  ),
              },
            ],
            items,
            { className: 'compact-table' },
          ),
        )
      : emptyState('chart', t('dash.noData'));
    slots.training.replaceChildren(card({ title: t('dash.training.title'), hint, body, id: 'panel-training' }));
  }

  /** Who is below the 20 JP right this year, per unit, fewest first: whom the office should nominate. */
  function drawWorklist(result) {
    if (result.error) return failed(slots.worklist, 'dash.worklist.title', result.error);
    const rows = (result.value?.items ?? []).flatMap((u) => u.employees.map((e) => ({ ...e, unitId: u.unitId })));
    const year = result.value?.year;
    const hint = `${t('dash.worklist.hint')}${year ? ` (${year})` : ''}`;
    const body = rows.length
      ? table(
          [
            { label: t('dash.unitCol'), render: (e) => unitName(e.unitId) },
            { label: 'NIP', render: (e) => h('a', { href: `#/employees/${e.nip}` }, e.nip) },
            { label: t('dash.worklist.name'), render: (e) => h('span', { class: 'strong' }, e.name) },
            { label: t('dash.worklist.grade'), render: (e) => e.grade },
            { label: 'JP', className: 'num', render: (e) => h('span', { class: e.jp === 0 ? 'bad-text' : 'warn-text' }, number(e.jp)) },
            { label: t('dash.worklist.missing'), className: 'num', render: (e) => number(e.missing) },
          ],
          rows,
          { className: 'compact-table' },
        )
      : emptyState('check', t('dash.worklist.none'));
    slots.worklist.replaceChildren(card({ title: t('dash.worklist.title'), hint, body, id: 'panel-worklist' }));
  }

  function drawAppraisals(Chart, result) {
    if (result.error) return failed(slots.appraisals, 'dash.appraisals.title', result.error);
    const items = result.value?.items ?? [];
    const body = items.length
      ? chartBox('appraisals', Chart, {
          type: 'bar',
          data: {
            labels: items.map((i) => unitName(i.unitId)),
            datasets: PREDICATES.map((p) => ({
              label: label('predicate', p),
              data: items.map((i) => i.counts?.[p] ?? 0),
              backgroundColor: PREDICATE_COLORS[p],
              maxBarThickness: 36,
            })),
          },
          options: {
            indexAxis: 'y',
            scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true, grid: { display: false } } },
          },
        })
      : emptyState('chart', t('dash.noData'));
    slots.appraisals.replaceChildren(
      card({ title: t('dash.appraisals.title'), hint: t('dash.appraisals.hint'), body, id: 'panel-appraisals' }),
    );
  }

  await load();
}
