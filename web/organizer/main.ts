/**
 * The organizer page at `/`: sign in with an organizer key, then links, events, team feeds,
 * lobby and attendance, and for admins the organization's policy, keys and audit log.
 * The key stays in this tab (sessionStorage) unless the person asks to be remembered.
 */
import { Api, ApiError, explain, type Me } from './api.js';
import { adminSection } from './admin.js';
import { byId, el, field, fill, say } from './dom.js';
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
    { class: 'card signin', 'aria-label': 'Sign in' },
    el('h2', {}, 'Sign in'),
    el('p', {}, 'Use the organizer key your administrator gave you (or the admin token).'),
    field('Organizer key', key),
    el('label', { class: 'check' }, remember, ' Remember me on this device'),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Sign in')),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = key.value.trim();
    say(status, 'Signing in…');
    try {
      const me = await new Api(token).get<Me>('/api/me');
      (remember.checked ? localStorage : sessionStorage).setItem(TOKEN_KEY, token);
      await renderSignedIn(new Api(token), me);
    } catch (error) {
      say(
        status,
        error instanceof ApiError && error.status === 401
          ? 'This key is not valid, or it was revoked. Ask your administrator.'
          : explain(error),
        'error',
      );
    }
  });
  fill(byId('who'));
  fill(byId('app'), form);
  key.focus();
}

async function renderSignedIn(api: Api, me: Me): Promise<void> {
  document.body.dataset.state = 'signed-in';
  document.body.dataset.role = me.admin ? 'admin' : 'organizer';
  const out = el('button', { type: 'button', class: 'secondary', onclick: signOut }, 'Sign out');
  fill(byId('who'), el('span', {}, `Signed in as ${me.name ?? 'admin'} (${me.role})`), ' ', out);

  const links = el('section', { id: 'links', 'aria-label': 'Call links' });
  const events = el('section', { id: 'events', 'aria-label': 'Events' });
  const feeds = el('section', { id: 'feeds', 'aria-label': 'Team feeds' });
  const admin = me.admin
    ? el('section', { id: 'organization', 'aria-label': 'Organization' })
    : null;
  const nav = el(
    'nav',
    { 'aria-label': 'Sections' },
    el('a', { href: '#links' }, 'Links'),
    el('a', { href: '#events' }, 'Events'),
    el('a', { href: '#feeds' }, 'Team feeds'),
    admin ? el('a', { href: '#organization' }, 'Organization') : null,
  );
  fill(byId('app'), nav, links, events, feeds, admin);

  // Organizers see only the limits of the policy (from /api/me); the server enforces it all.
  const policy = me.limits ?? null;
  if (policy && !policy.linksEnabled) {
    byId('app').prepend(
      el(
        'p',
        { class: 'card warn', role: 'alert' },
        'Calls are switched off by your organization.',
      ),
    );
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
      error instanceof ApiError && error.status === 401
        ? 'Your key is no longer valid. Sign in again.'
        : explain(error),
    );
  }
}

void start();
