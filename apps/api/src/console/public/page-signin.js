// Sign in: paste a token, or (embedded default only) pick a demo user.
import { api } from './api.js';
import { h } from './dom.js';
import { agencyName, initials, nip as formatNip } from './format.js';
import { t } from './i18n.js';
import { readClaims, signIn, takeNotice } from './session.js';
import { button, busy, errorAlert, notice, roleChip } from './ui.js';

export async function renderSignIn(ctx) {
  const { main } = ctx;
  const message = takeNotice();
  const devSlot = h('div', { class: 'dev-slot' });
  const tokenError = h('div', { class: 'form-error', role: 'alert' });
  const textarea = h('textarea', {
    id: 'token',
    name: 'token',
    rows: '4',
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: 'eyJhbGciOiJIUzI1NiIs…',
    required: true,
  });

  const form = h(
    'form',
    {
      class: 'token-form',
      onSubmit: (event) => {
        event.preventDefault();
        tokenError.textContent = '';
        const token = textarea.value.trim();
        const claims = readClaims(token);
        if (!claims) {
          tokenError.textContent = t('signin.tokenInvalid');
          return;
        }
        if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
          tokenError.textContent = t('signin.tokenExpired');
          return;
        }
        signIn(token, null);
        textarea.value = '';
        ctx.navigate('#/');
      },
    },
    h('label', { for: 'token' }, t('signin.tokenLabel')),
    textarea,
    tokenError,
    button(t('signin.tokenSubmit'), { kind: 'primary', type: 'submit', iconName: 'key' }),
  );

  main.append(
    h(
      'div',
      { class: 'signin-card' },
      h(
        'div',
        { class: 'signin-hero' },
        h('span', { class: 'brand-mark large', 'aria-hidden': 'true' }, 'J'),
        h('h1', {}, t('signin.title')),
        h('p', { class: 'subtitle' }, t('signin.subtitle')),
        h('p', { class: 'tagline' }, t('app.tagline')),
      ),
      message ? notice(t(message === 'expired' ? 'signin.noticeExpired' : 'signin.noticeUnauthenticated'), 'warning') : null,
      devSlot,
      h(
        'section',
        { class: 'signin-section' },
        h('h2', {}, t('signin.tokenTitle')),
        h('p', { class: 'hint' }, t('signin.tokenHint')),
        form,
      ),
    ),
  );

  let users;
  try {
    users = (await api('/api/dev/users', { auth: false }))?.users ?? [];
  } catch {
    return; // 404 when dev sign-in is off: only the token form is offered
  }
  if (!ctx.isCurrent() || users.length === 0) return;

  const failure = h('div', { class: 'dev-error' });
  const byAgency = new Map();
  for (const user of users) byAgency.set(user.agency, [...(byAgency.get(user.agency) ?? []), user]);
  devSlot.append(
    h(
      'section',
      { class: 'signin-section dev-signin', dataset: { testid: 'dev-sign-in' } },
      h('h2', {}, t('signin.devTitle')),
      h('p', { class: 'hint' }, t('signin.devHint')),
      failure,
      [...byAgency.entries()].map(([agency, list]) =>
        h(
          'details',
          { class: 'agency-group', open: agency === users[0].agency },
          h('summary', {}, agencyName(agency), h('span', { class: 'count' }, String(list.length))),
          h(
            'ul',
            { class: 'user-list' },
            list.map((user) => {
              const choose = h(
                'button',
                { class: 'user-option', type: 'button', dataset: { nip: user.nip, roles: user.roles.join(',') } },
                h('span', { class: 'avatar' }, initials(user.name)),
                h(
                  'span',
                  { class: 'user-option-text' },
                  h('span', { class: 'user-option-name' }, user.name),
                  h('span', { class: 'user-option-label' }, user.label),
                  h('span', { class: 'user-option-nip' }, formatNip(user.nip)),
                ),
                h('span', { class: 'user-option-roles' }, user.roles.map(roleChip)),
                h('span', { class: 'user-option-go' }, t('signin.devAs')),
              );
              choose.addEventListener('click', () =>
                busy(choose, async () => {
                  failure.replaceChildren();
                  try {
                    const result = await api('/api/dev/sign-in', { method: 'POST', body: { nip: user.nip }, auth: false });
                    signIn(result.token, { nip: user.nip, name: user.name, label: user.label });
                    ctx.navigate('#/');
                  } catch (error) {
                    failure.replaceChildren(errorAlert(error));
                  }
                }),
              );
              return h('li', {}, choose);
            }),
          ),
        ),
      ),
    ),
    h('div', { class: 'divider' }, h('span', {}, t('signin.or'))),
  );
}
