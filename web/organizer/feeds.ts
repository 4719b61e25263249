/**
 * Team feeds: make a team, give it a feed (an ICS address calendars subscribe to), copy the
 * webcal address, revoke a feed. The server lists the caller's teams and feeds; a feed's
 * address (its secret) is only shown when it is made, so this browser remembers the addresses
 * it was shown, and servers without a team list are served from what this browser created.
 */
import { explain, missingRoute, type Api } from './api.js';
import { el, field, fill, say } from './dom.js';
import { copyButton } from './share.js';
import { formatWhen, t } from './i18n.js';

interface Feed {
  id: string;
  createdAt?: string;
  /** Known only to the browser that made the feed. */
  url?: string;
  webcalUrl?: string;
  googleUrl?: string;
  revoked?: boolean;
}
export interface Team {
  id: string;
  name: string;
  feeds: Feed[];
}

const STORE_KEY = 'callink.organizer.teams';

interface ListedTeam {
  id: string;
  name: string;
  feeds: { id: string; createdAt: string; revokedAt: string | null }[];
}

/**
 * The server's teams and feeds, with the addresses this browser remembers. Teams and feeds
 * made here while the list was on its way (`fresh`) are kept even though it lacks them.
 */
function mergeTeams(listed: ListedTeam[], known: Team[], fresh: Set<string>): Team[] {
  const feeds = new Map(known.flatMap((t) => t.feeds).map((f) => [f.id, f]));
  const merged = listed.map((t) => {
    const local = known.find((k) => k.id === t.id)?.feeds ?? [];
    const onServer = new Set(t.feeds.map((f) => f.id));
    return {
      id: t.id,
      name: t.name,
      feeds: [
        ...t.feeds.map((f) => ({
          ...feeds.get(f.id),
          id: f.id,
          createdAt: f.createdAt,
          revoked: f.revokedAt !== null,
        })),
        ...local.filter((f) => fresh.has(f.id) && !onServer.has(f.id)),
      ],
    };
  });
  const listedIds = new Set(listed.map((t) => t.id));
  return [...known.filter((t) => fresh.has(t.id) && !listedIds.has(t.id)), ...merged];
}

/** Forgets every feed address this browser kept (sign-out): they are secrets. */
export function forgetFeeds(): void {
  for (const storage of [localStorage, sessionStorage]) {
    for (let i = storage.length - 1; i >= 0; i--) {
      const key = storage.key(i);
      if (key?.startsWith(STORE_KEY)) storage.removeItem(key);
    }
  }
}

/**
 * `storage` is where the sign-in key is kept: feed addresses (secrets) stay in this tab
 * unless the person asked to be remembered, and leave with the key at sign-out.
 */
export function feedsSection(
  api: Api,
  root: HTMLElement,
  who: string,
  storage: Storage = sessionStorage,
): { teams: () => Team[] } {
  const storeKey = `${STORE_KEY}.${who}`;
  const teams: Team[] = JSON.parse(storage.getItem(storeKey) ?? '[]') as Team[];
  const save = () => storage.setItem(storeKey, JSON.stringify(teams));
  const fresh = new Set<string>(); // made here since the page loaded
  const list = el('ul', { class: 'items', id: 'team-list', 'aria-label': t('teams') });
  const status = el('p', { role: 'status', class: 'status' });
  const name = el('input', {
    name: 'teamName',
    required: true,
    maxlength: 200,
    placeholder: t('team_placeholder'),
  });

  const form = el(
    'form',
    { class: 'card', 'aria-label': t('new_team') },
    el('h3', {}, t('new_team')),
    field(t('team_name'), name),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('create_team'))),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const team = await api.post<{ id: string; name: string }>('/api/teams', {
        name: name.value.trim(),
      });
      teams.unshift({ id: team.id, name: team.name, feeds: [] });
      fresh.add(team.id);
      save();
      name.value = '';
      say(status, t('team_created', { name: team.name }));
      render();
    } catch (error) {
      say(status, missingRoute(error) ? t('no_feeds_api') : explain(error), 'error');
    }
  });

  function render(): void {
    fill(
      list,
      ...(teams.length === 0 ? [el('li', { class: 'empty' }, t('no_teams'))] : teams.map(teamRow)),
    );
  }

  function teamRow(team: Team): HTMLLIElement {
    const add = el('button', { type: 'button' }, t('new_feed_for', { name: team.name }));
    add.addEventListener('click', async () => {
      try {
        const feed = await api.post<Feed>(`/api/teams/${encodeURIComponent(team.id)}/feeds`);
        // The server's list may have replaced `team` meanwhile: record on the current one.
        (teams.find((t) => t.id === team.id) ?? team).feeds.push(feed);
        fresh.add(feed.id);
        save();
        render();
      } catch (error) {
        say(status, explain(error), 'error');
      }
    });
    const feeds = team.feeds.filter((f) => !f.revoked);
    return el(
      'li',
      { 'data-team-id': team.id },
      el(
        'div',
        { class: 'what' },
        el('strong', { class: 'clip', title: team.name }, team.name),
        feeds.length === 0
          ? el('small', {}, t('no_feed'))
          : el('ul', { class: 'feeds' }, ...feeds.map((f) => feedRow(team, f))),
      ),
      el('div', { class: 'actions' }, add),
    );
  }

  function feedRow(team: Team, feed: Feed): HTMLLIElement {
    const revoke = el('button', { type: 'button', class: 'danger' }, t('revoke_feed'));
    revoke.addEventListener('click', async () => {
      if (!window.confirm(t('confirm_revoke_feed'))) return;
      try {
        await api.del(
          `/api/teams/${encodeURIComponent(team.id)}/feeds/${encodeURIComponent(feed.id)}`,
        );
        for (const tm of teams) for (const f of tm.feeds) if (f.id === feed.id) f.revoked = true;
        feed.revoked = true;
        save();
        render();
      } catch (error) {
        say(status, explain(error), 'error');
      }
    });
    if (!feed.webcalUrl) {
      const made = feed.createdAt ? formatWhen(feed.createdAt) : t('earlier');
      return el(
        'li',
        { 'data-feed-id': feed.id },
        el('small', {}, t('feed_made', { when: made })),
        el('div', { class: 'actions' }, revoke),
      );
    }
    return el(
      'li',
      { 'data-feed-id': feed.id },
      el('code', {}, feed.webcalUrl),
      el(
        'div',
        { class: 'actions' },
        copyButton(feed.webcalUrl, t('copy_webcal')),
        el('a', { class: 'button secondary', href: feed.webcalUrl }, t('subscribe')),
        feed.googleUrl
          ? el(
              'a',
              {
                class: 'button secondary',
                href: feed.googleUrl,
                target: '_blank',
                rel: 'noopener',
              },
              t('add_google'),
            )
          : null,
        revoke,
      ),
    );
  }

  fill(
    root,
    el('h2', {}, t('team_feeds')),
    el('p', { class: 'hint' }, t('feeds_intro')),
    form,
    list,
  );
  render();
  void api
    .get<{ teams: ListedTeam[] }>('/api/teams')
    .then((listed) => {
      teams.splice(0, teams.length, ...mergeTeams(listed.teams, teams, fresh));
      save();
      render();
    })
    .catch((error: unknown) => {
      if (!missingRoute(error)) say(status, explain(error), 'error');
    });
  return { teams: () => teams };
}
