/**
 * The organizer page at `/`: sign in with an organizer key, then links, events, team feeds,
 * lobby and attendance, and for admins the organization's policy, keys and audit log.
 * The key stays in this tab (sessionStorage) unless the person asks to be remembered.
 */
import { forgetLanguagePick } from '../language-choice.js';
import { Api, ApiError, explain, type Me } from './api.js';
import { adminSection } from './admin.js';
import { byId, el, field, fill, say } from './dom.js';
import { languageSwitcher, t } from './i18n.js';
import { eventsSection } from './events.js';
import { feedsSection, forgetFeeds } from './feeds.js';
import { linksSection } from './links.js';

const TOKEN_KEY = 'callink.organizer.token';

function storedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY) ?? localStorage.getItem(TOKEN_KEY);
}

function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(TOKEN_KEY);
  forgetFeeds();
  document.body.dataset.state = 'signed-out';
  renderSignIn();
}

function renderSignIn(message?: string): void {
  const key = el('input', {
    type: 'password',
    name: 'key',
    required: true,
    autocomplete: 'current-password',
    spellcheck: 'false',
  });
  const remember = el('input', { type: 'checkbox', name: 'remember' });
  const status = el('p', { role: 'status', class: 'status' });
  if (message) say(status, message, 'error');
  const form = el(
    'form',
    { class: 'card signin', 'aria-label': t('sign_in') },
    el('h2', {}, t('sign_in')),
    el('p', {}, t('sign_in_intro')),
    field(t('organizer_key'), key),
    el('label', { class: 'check' }, remember, ` ${t('remember_me')}`),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('sign_in'))),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = key.value.trim();
    say(status, t('signing_in'));
    try {
      const me = await new Api(token).get<Me>('/api/me');
      (remember.checked ? localStorage : sessionStorage).setItem(TOKEN_KEY, token);
      await renderSignedIn(new Api(token), me);
    } catch (error) {
      if (!(error instanceof ApiError)) console.error(error);
      say(
        status,
        error instanceof ApiError && error.status === 401 ? t('key_invalid') : explain(error),
        'error',
      );
    }
  });
  fill(byId('who'), languageSwitcher());
  fill(byId('app'), form);
  key.focus();
}

async function renderSignedIn(api: Api, me: Me): Promise<void> {
  document.body.dataset.state = 'signed-in';
  document.body.dataset.role = me.admin ? 'admin' : 'organizer';
  const out = el('button', { type: 'button', class: 'secondary', onclick: signOut }, t('sign_out'));
  // The admin token has no name of its own: say what it is, not "admin token (admin)".
  const who =
    me.kind === 'admin'
      ? t('signed_in_admin_token')
      : t('signed_in_as', {
          name: me.name ?? '',
          role: t(me.role === 'admin' ? 'role_admin' : 'role_organizer'),
        });
  fill(byId('who'), languageSwitcher(), el('span', { class: 'clip', title: who }, who), ' ', out);

  const links = el('section', { id: 'links', 'aria-label': t('call_links') });
  const events = el('section', { id: 'events', 'aria-label': t('events') });
  const feeds = el('section', { id: 'feeds', 'aria-label': t('team_feeds') });
  const admin = me.admin
    ? el('section', { id: 'organization', 'aria-label': t('organization') })
    : null;
  const nav = el(
    'nav',
    { 'aria-label': t('sections') },
    el('a', { href: '#links' }, t('nav_links')),
    el('a', { href: '#events' }, t('events')),
    el('a', { href: '#feeds' }, t('team_feeds')),
    admin ? el('a', { href: '#organization' }, t('organization')) : null,
  );
  fill(byId('app'), nav, links, events, feeds, admin);

  // Organizers see only the limits of the policy (from /api/me); the server enforces it all.
  const policy = me.limits ?? null;
  if (policy && !policy.linksEnabled) {
    byId('app').prepend(el('p', { class: 'card warn', role: 'alert' }, t('calls_switched_off')));
  }
  let linkView = linksSection(api, links, policy);
  const remembered = localStorage.getItem(TOKEN_KEY) !== null;
  const teamView = feedsSection(
    api,
    feeds,
    me.id ?? 'admin',
    remembered ? localStorage : sessionStorage,
  );
  eventsSection(api, events, teamView.teams, () => void linkView.refresh());
  await linkView.refresh();
  if (admin) {
    // A new policy changes the link form's defaults (lobby, size cap): draw it again.
    await adminSection(api, admin, (next) => {
      linkView = linksSection(api, links, next);
      void linkView.refresh();
    });
  }
}

async function start(): Promise<void> {
  forgetLanguagePick();
  const token = storedToken();
  if (!token) {
    renderSignIn();
    return;
  }
  try {
    const api = new Api(token);
    await renderSignedIn(api, await api.get<Me>('/api/me'));
  } catch (error) {
    sessionStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(TOKEN_KEY);
    if (error instanceof ApiError && error.status === 401) forgetFeeds();
    renderSignIn(
      error instanceof ApiError && error.status === 401 ? t('key_expired') : explain(error),
    );
  }
}

// A failure while drawing must not leave a half-drawn page without a word.
start().catch((error: unknown) => {
  console.error(error);
  byId('app').prepend(el('p', { class: 'card error', role: 'alert' }, explain(error)));
});
