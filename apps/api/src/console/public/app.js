// The console's shell: a hash router, the header and navigation, the language switch.
import { api, whenUnauthenticated } from './api.js';
import { clear, h, icon } from './dom.js';
import { agencyName, dateTime, initials, nip as formatNip, setTimeZone } from './format.js';
import { language, setLanguage, t } from './i18n.js';
import { currentSession, hasRole, signOut } from './session.js';
import { emptyState } from './ui.js';
import { errorText } from './words.js';
import { renderSignIn } from './page-signin.js';
import { renderQueue } from './page-queue.js';
import { renderCase } from './page-case.js';
import { renderCareer } from './page-career.js';
import { renderDashboards } from './page-dashboards.js';
import { renderAudit } from './page-audit.js';
import { renderPropose } from './page-propose.js';
import { renderRegister } from './page-register.js';
import { renderRecord } from './page-record.js';
import { renderDelegations } from './page-delegations.js';
import { renderEligible } from './page-eligible.js';
import { renderSearch, SEARCH_ROLES, searchBox } from './page-search.js';

const QUEUE_ROLES = ['verifier', 'committee', 'ppk', 'bkn', 'hr', 'admin'];
// Only an admin may read the agency's configuration; everyone else sees the defaults (WIB, default stages).
const AGENCY_READERS = ['admin'];

const NAV = [
  { id: 'queue', href: '#/queue', icon: 'queue', label: 'nav.queue', roles: QUEUE_ROLES },
  { id: 'career', href: '#/career', icon: 'file', label: 'nav.myFile', roles: ['employee'] },
  { id: 'search', href: '#/search', icon: 'search', label: 'nav.search', roles: SEARCH_ROLES },
  { id: 'eligible', href: '#/eligible', icon: 'check', label: 'nav.eligible', roles: ['hr'] },
  { id: 'propose', href: '#/propose', icon: 'flag', label: 'nav.propose', roles: ['hr'] },
  { id: 'register', href: '#/employees/new', icon: 'user', label: 'nav.register', roles: ['hr'] },
  { id: 'employees', href: '#/employees', icon: 'file', label: 'nav.employees', roles: ['hr', 'auditor'] },
  { id: 'dashboards', href: '#/dashboards', icon: 'chart', label: 'nav.dashboards', roles: ['admin', 'auditor'] },
  { id: 'delegations', href: '#/delegations', icon: 'key', label: 'nav.delegations', roles: ['admin'] },
  { id: 'audit', href: '#/audit', icon: 'shield', label: 'nav.audit', roles: ['auditor'] },
];

const ROUTES = [
  { pattern: /^\/queue$/, nav: 'queue', roles: QUEUE_ROLES, render: renderQueue },
  { pattern: /^\/cases\/([A-Za-z0-9-]{1,64})$/, nav: null, render: renderCase, params: ['caseId'] },
  { pattern: /^\/career$/, nav: 'career', roles: ['employee'], render: renderCareer, self: true },
  { pattern: /^\/search(?:\/([^/]{1,200}))?$/, nav: 'search', roles: SEARCH_ROLES, render: renderSearch, params: ['q'] },
  {
    pattern: /^\/propose(?:\/(\d{18})(?:\/([A-Z_]{1,32}))?)?$/,
    nav: 'propose',
    roles: ['hr'],
    render: renderPropose,
    params: ['nip', 'kind'],
  },
  { pattern: /^\/eligible$/, nav: 'eligible', roles: ['hr'], render: renderEligible },
  { pattern: /^\/employees\/new$/, nav: 'register', roles: ['hr'], render: renderRegister },
  { pattern: /^\/employees\/(\d{18})\/record$/, nav: 'employees', roles: ['hr'], render: renderRecord, params: ['nip'] },
  { pattern: /^\/employees(?:\/(\d{18}))?$/, nav: 'employees', roles: ['hr', 'auditor'], render: renderCareer, params: ['nip'] },
  { pattern: /^\/dashboards$/, nav: 'dashboards', roles: ['admin', 'auditor'], render: renderDashboards },
  { pattern: /^\/delegations$/, nav: 'delegations', roles: ['admin'], render: renderDelegations },
  { pattern: /^\/audit$/, nav: 'audit', roles: ['auditor'], render: renderAudit },
];

function homeOf(session) {
  if (hasRole(session, 'verifier', 'committee', 'ppk', 'bkn')) return '#/queue';
  if (hasRole(session, 'admin', 'auditor')) return '#/dashboards';
  if (hasRole(session, 'hr')) return '#/queue';
  if (hasRole(session, 'employee')) return '#/career';
  return '#/none';
}

/** The agency's name, time zone and stages, read once per session when the roles allow it. */
const agencyCache = new Map();
async function agencyOf(session) {
  const key = `${session.agency}:${session.nip}`;
  if (!agencyCache.has(key)) {
    const fallback = { agencyId: session.agency, name: agencyName(session.agency), timeZone: 'Asia/Jakarta', stages: null };
    const load = hasRole(session, ...AGENCY_READERS)
      ? api(`/api/agencies/${encodeURIComponent(session.agency)}`)
          .then((a) => ({ ...fallback, ...a, name: agencyName(session.agency, a?.name) }))
          .catch(() => fallback)
      : Promise.resolve(fallback);
    agencyCache.set(key, load);
  }
  return agencyCache.get(key);
}

const root = document.getElementById('app');
let renderSeq = 0;
let cleanups = [];

function languageSwitch() {
  const other = language() === 'id' ? 'en' : 'id';
  return h(
    'button',
    {
      class: 'btn btn-ghost btn-sm lang-switch',
      type: 'button',
      dataset: { lang: other },
      title: t('lang.label'),
      onClick: () => {
        setLanguage(other);
        void render();
      },
    },
    h('span', { class: 'lang-code' }, other.toUpperCase()),
    h('span', { class: 'lang-name' }, t('lang.switchTo')),
  );
}

function shell(session, agency, activeNav) {
  const nav = NAV.filter((item) => hasRole(session, ...item.roles));
  const who = session.name ?? formatNip(session.nip);
  const header = h(
    'header',
    { class: 'topbar' },
    h(
      'a',
      { class: 'brand', href: homeOf(session) },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'J'),
      h('span', { class: 'brand-name' }, t('app.name')),
    ),
    h('div', { class: 'topbar-agency' }, agency.name),
    hasRole(session, ...SEARCH_ROLES) ? searchBox(navigate) : null,
    h(
      'div',
      { class: 'topbar-right' },
      languageSwitch(),
      h(
        'div',
        { class: 'user', title: session.expiresAt ? t('common.sessionUntil', { time: dateTime(session.expiresAt.toISOString()) }) : '' },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(session.name ?? 'A S N')),
        h(
          'span',
          { class: 'user-text' },
          h('span', { class: 'user-name', dataset: { testid: 'user-name' } }, who),
          h('span', { class: 'user-roles' }, session.roles.map((r) => t(`role.${r}`)).join(' · ')),
        ),
      ),
      h(
        'button',
        {
          class: 'btn btn-ghost btn-sm',
          type: 'button',
          dataset: { action: 'sign-out' },
          'aria-label': t('action.signOut'),
          onClick: () => {
            signOut();
            location.hash = '#/signin';
          },
        },
        icon('logout'),
        h('span', { class: 'hide-sm' }, t('action.signOut')),
      ),
    ),
  );
  const sidebar = h(
    'nav',
    { class: 'sidebar', 'aria-label': t('nav.menu') },
    nav.map((item) =>
      h(
        'a',
        {
          class: ['nav-link', item.id === activeNav ? 'active' : null],
          href: item.href,
          'aria-current': item.id === activeNav ? 'page' : null,
          dataset: { nav: item.id },
        },
        icon(item.icon),
        h('span', {}, t(item.label)),
      ),
    ),
  );
  const main = h('main', { class: 'main', id: 'main', tabindex: '-1' });
  return {
    layout: h(
      'div',
      { class: 'layout' },
      h('a', { class: 'skip', href: '#main' }, t('app.skip')),
      header,
      h('div', { class: 'body' }, sidebar, main),
    ),
    main,
  };
}

async function render() {
  const seq = ++renderSeq;
  for (const fn of cleanups.splice(0)) {
    try {
      fn();
    } catch {
      /* a page's cleanup must not stop the next page */
    }
  }
  document.documentElement.lang = language();
  const path = location.hash.replace(/^#/, '') || '/';
  const session = currentSession();

  if (!session) {
    if (path !== '/signin') {
      location.replace('#/signin');
      return;
    }
    document.title = `${t('signin.title')} · Jenjang`;
    clear(root).append(
      h(
        'div',
        { class: 'signin-layout' },
        h('div', { class: 'signin-lang' }, languageSwitch()),
        h('div', { class: 'signin-main', id: 'main' }),
      ),
    );
    await renderSignIn({
      main: root.querySelector('#main'),
      isCurrent: () => seq === renderSeq,
      navigate,
      onCleanup: (fn) => cleanups.push(fn),
    });
    return;
  }
  if (path === '/' || path === '/signin') {
    location.replace(homeOf(session));
    return;
  }

  const route = ROUTES.find((r) => r.pattern.test(path));
  const agency = await agencyOf(session);
  if (seq !== renderSeq) return;
  setTimeZone(agency.timeZone);
  const { layout, main } = shell(session, agency, route?.nav);
  clear(root).append(layout);

  if (!route) {
    document.title = 'Jenjang';
    main.append(
      emptyState('file', t(path === '/none' ? 'common.forbiddenPage' : 'common.notFoundPage'), ''),
      h('p', { class: 'center' }, h('a', { class: 'btn btn-secondary', href: homeOf(session) }, t('common.home'))),
    );
    return;
  }
  if (route.roles && !hasRole(session, ...route.roles)) {
    main.append(
      emptyState('lock', t('common.forbiddenPage'), ''),
      h('p', { class: 'center' }, h('a', { class: 'btn btn-secondary', href: homeOf(session) }, t('common.home'))),
    );
    return;
  }
  const match = route.pattern.exec(path);
  const params = Object.fromEntries((route.params ?? []).map((name, i) => [name, match[i + 1]]));
  if (route.self) params.nip = session.nip;
  const ctx = {
    session,
    agency,
    params,
    self: Boolean(route.self),
    main,
    isCurrent: () => seq === renderSeq,
    navigate,
    refresh: () => render(),
    onCleanup: (fn) => cleanups.push(fn),
    setTitle: (title) => (document.title = `${title} · Jenjang`),
  };
  try {
    await route.render(ctx);
  } catch (error) {
    if (seq !== renderSeq) return;
    clear(main).append(emptyState('alert', t('common.loadFailed'), error?.code ? errorText(error) : String(error?.message ?? error)));
  }
}

function navigate(hash) {
  if (location.hash === hash) void render();
  else location.hash = hash;
}

whenUnauthenticated(() => {
  location.hash = '#/signin';
  void render();
});
window.addEventListener('hashchange', () => void render());
void render();
