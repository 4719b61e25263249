/**
 * Team feeds: make a team, give it a feed (an ICS address calendars subscribe to), copy the
 * webcal address, revoke a feed. Servers without a team list are served from what this
 * browser created.
 */
import { explain, missingRoute, type Api } from './api.js';
import { el, field, fill, say } from './dom.js';
import { copyButton } from './share.js';

interface Feed {
  id: string;
  url: string;
  webcalUrl: string;
  googleUrl?: string;
  revoked?: boolean;
}
export interface Team {
  id: string;
  name: string;
  feeds: Feed[];
}

const STORE_KEY = 'callink.organizer.teams';

export function feedsSection(api: Api, root: HTMLElement, who: string): { teams: () => Team[] } {
  const storeKey = `${STORE_KEY}.${who}`;
  const teams: Team[] = JSON.parse(localStorage.getItem(storeKey) ?? '[]') as Team[];
  const save = () => localStorage.setItem(storeKey, JSON.stringify(teams));
  const list = el('ul', { class: 'items', id: 'team-list', 'aria-label': 'Teams' });
  const status = el('p', { role: 'status', class: 'status' });
  const name = el('input', {
    name: 'teamName',
    required: true,
    maxlength: 200,
    placeholder: 'Design team',
  });

  const form = el(
    'form',
    { class: 'card', 'aria-label': 'New team' },
    el('h3', {}, 'New team'),
    field('Team name', name),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Create team')),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const team = await api.post<{ id: string; name: string }>('/api/teams', {
        name: name.value.trim(),
      });
      teams.push({ id: team.id, name: team.name, feeds: [] });
      save();
      name.value = '';
      say(status, `Team "${team.name}" created. Give it a feed below.`);
      render();
    } catch (error) {
      say(
        status,
        missingRoute(error) ? 'This server has no team feeds yet.' : explain(error),
        'error',
      );
    }
  });

  function render(): void {
    fill(
      list,
      ...(teams.length === 0
        ? [el('li', { class: 'empty' }, 'No teams yet.')]
        : teams.map(teamRow)),
    );
  }

  function teamRow(team: Team): HTMLLIElement {
    const add = el('button', { type: 'button' }, `New feed for ${team.name}`);
    add.addEventListener('click', async () => {
      try {
        const feed = await api.post<Feed>(`/api/teams/${encodeURIComponent(team.id)}/feeds`);
        team.feeds.push(feed);
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
        el('strong', {}, team.name),
        feeds.length === 0
          ? el('small', {}, 'No feed yet.')
          : el('ul', { class: 'feeds' }, ...feeds.map((f) => feedRow(team, f))),
      ),
      el('div', { class: 'actions' }, add),
    );
  }

  function feedRow(team: Team, feed: Feed): HTMLLIElement {
    const revoke = el('button', { type: 'button', class: 'danger' }, 'Revoke feed');
    revoke.addEventListener('click', async () => {
      if (!window.confirm('Revoke this feed? Calendars subscribed to it stop updating.')) return;
      try {
        await api.del(
          `/api/teams/${encodeURIComponent(team.id)}/feeds/${encodeURIComponent(feed.id)}`,
        );
        feed.revoked = true;
        save();
        render();
      } catch (error) {
        say(status, explain(error), 'error');
      }
    });
    return el(
      'li',
      { 'data-feed-id': feed.id },
      el('code', {}, feed.webcalUrl),
      el(
        'div',
        { class: 'actions' },
        copyButton(feed.webcalUrl, 'Copy webcal address'),
        el('a', { class: 'button secondary', href: feed.webcalUrl }, 'Subscribe'),
        feed.googleUrl
          ? el(
              'a',
              {
                class: 'button secondary',
                href: feed.googleUrl,
                target: '_blank',
                rel: 'noopener',
              },
              'Add to Google Calendar',
            )
          : null,
        revoke,
      ),
    );
  }

  fill(
    root,
    el('h2', {}, 'Team feeds'),
    el(
      'p',
      { class: 'hint' },
      'A feed is a calendar address: subscribe to it once, and every event of the team appears with its call link.',
    ),
    form,
    list,
  );
  render();
  return { teams: () => teams };
}
