// Chart.js, served by the api from node_modules (never a CDN), loaded on first use.

let loading;
export function loadChartJs() {
  if (window.Chart) return Promise.resolve(window.Chart);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/console/chart.umd.js';
    script.onload = () => (window.Chart ? resolve(window.Chart) : reject(new Error('Chart.js did not load')));
    script.onerror = () => {
      loading = undefined;
      reject(new Error('Chart.js could not be loaded'));
    };
    document.head.append(script);
  });
  return loading.then((Chart) => {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#475569';
    Chart.defaults.borderColor = '#e2e8f0';
    Chart.defaults.plugins.legend.labels.boxWidth = 12;
    Chart.defaults.plugins.legend.labels.boxHeight = 12;
    Chart.defaults.maintainAspectRatio = false;
    if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) Chart.defaults.animation = false;
    else Chart.defaults.animation.duration = 350;
    return Chart;
  });
}

export const COLORS = {
  primary: '#0b5cad',
  primarySoft: '#9cc3eb',
  teal: '#0f8a7e',
  green: '#15803d',
  amber: '#d97706',
  red: '#dc2626',
  grey: '#94a3b8',
  violet: '#7c3aed',
};

export const STATUS_COLORS = {
  IN_PROGRESS: COLORS.primary,
  RETURNED: COLORS.amber,
  APPROVED: COLORS.green,
  REJECTED: COLORS.red,
  WITHDRAWN: COLORS.grey,
};

export const PREDICATE_COLORS = {
  SANGAT_BAIK: '#166534',
  BAIK: '#4ade80',
  BUTUH_PERBAIKAN: '#fbbf24',
  KURANG: '#f97316',
  SANGAT_KURANG: '#b91c1c',
};

/** Green at or above 90 %, amber from 75 %, red below. */
export const complianceColor = (ratio) =>
  ratio === null || ratio === undefined ? COLORS.grey : ratio >= 0.9 ? COLORS.green : ratio >= 0.75 ? COLORS.amber : COLORS.red;
