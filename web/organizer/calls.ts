/**
 * One link's lobby (people knocking, admit or deny) and attendance (who joined, for how long).
 * The lobby refreshes every few seconds while the panel is open.
 */
import { explain, missingRoute, type Api, type LinkView } from './api.js';
import { el, fill, formatWhen } from './dom.js';
import { copyButton } from './share.js';

interface Knock {
  ticket: string;
  name: string;
  since: string;
}
interface Attendance {
  identity: string;
  name: string;
  joinedAt: string;
  leftAt: string | null;
  durationSeconds: number;
}

let timer: ReturnType<typeof setInterval> | undefined;

function minutes(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function callPanel(api: Api, root: HTMLElement, link: LinkView): void {
  if (timer) clearInterval(timer);
  const lobby = el('ul', { class: 'items', 'aria-label': 'Waiting in the lobby' });
  const attendance = el('div', {});
  const close = el('button', { type: 'button', class: 'secondary' }, 'Close');
  close.addEventListener('click', () => {
    if (timer) clearInterval(timer);
    root.replaceChildren();
  });
  const id = encodeURIComponent(link.id);

  async function loadLobby(): Promise<void> {
    try {
      const { waiting } = await api.get<{ waiting: Knock[] }>(`/api/links/${id}/lobby`);
      fill(
        lobby,
        ...(waiting.length === 0
          ? [el('li', { class: 'empty' }, 'Nobody is waiting.')]
          : waiting.map((k) => knockRow(k))),
      );
    } catch (error) {
      if (timer) clearInterval(timer);
      fill(
        lobby,
        el(
          'li',
          { class: 'empty' },
          missingRoute(error) ? 'This server has no lobby yet.' : explain(error),
        ),
      );
    }
  }

  function knockRow(k: Knock): HTMLLIElement {
    const decide = (action: 'admit' | 'deny') => async () => {
      try {
        await api.post(`/api/links/${id}/lobby/${encodeURIComponent(k.ticket)}/${action}`);
      } finally {
        await loadLobby();
      }
    };
    return el(
      'li',
      { 'data-ticket': k.ticket },
      el(
        'div',
        { class: 'what' },
        el('strong', {}, k.name),
        el('small', {}, `knocked ${formatWhen(k.since)}`),
      ),
      el(
        'div',
        { class: 'actions' },
        el('button', { type: 'button', onclick: decide('admit') }, `Admit ${k.name}`),
        el('button', { type: 'button', class: 'danger', onclick: decide('deny') }, 'Deny'),
      ),
    );
  }

  async function loadAttendance(): Promise<void> {
    try {
      const body = await api.get<{ attendance: Attendance[] }>(`/api/links/${id}/attendance`);
      const rows = body.attendance;
      fill(
        attendance,
        rows.length === 0
          ? el('p', { class: 'empty' }, 'Nobody has joined yet.')
          : el(
              'table',
              { 'aria-label': 'Attendance' },
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  el('th', {}, 'Name'),
                  el('th', {}, 'Joined'),
                  el('th', {}, 'Left'),
                  el('th', {}, 'Time in call'),
                ),
              ),
              el(
                'tbody',
                {},
                ...rows.map((r) =>
                  el(
                    'tr',
                    {},
                    el('td', {}, r.name),
                    el('td', {}, formatWhen(r.joinedAt)),
                    el('td', {}, r.leftAt ? formatWhen(r.leftAt) : 'still in the call'),
                    el('td', {}, minutes(r.durationSeconds)),
                  ),
                ),
              ),
            ),
      );
    } catch (error) {
      fill(
        attendance,
        el(
          'p',
          { class: 'empty' },
          missingRoute(error) ? 'This server records no attendance yet.' : explain(error),
        ),
      );
    }
  }

  const hostBox = el('div', { class: 'actions' });
  const makeHost = el('button', { type: 'button', class: 'secondary' }, 'Make a host link');
  makeHost.addEventListener('click', async () => {
    try {
      const { hostUrl } = await api.post<{ hostUrl: string }>(`/api/links/${id}/host-key`);
      fill(
        hostBox,
        el('code', { class: 'secret' }, hostUrl),
        copyButton(hostUrl, 'Copy host link'),
        el(
          'a',
          { class: 'button', href: hostUrl, target: '_blank', rel: 'noopener' },
          'Join as host',
        ),
      );
    } catch (error) {
      fill(hostBox, el('p', { class: 'error' }, explain(error)));
    }
  });
  fill(hostBox, makeHost);

  const refresh = el('button', { type: 'button', class: 'secondary' }, 'Refresh');
  refresh.addEventListener('click', () => void Promise.all([loadLobby(), loadAttendance()]));
  fill(
    root,
    el(
      'section',
      { class: 'card', 'aria-label': `Lobby and attendance of ${link.title ?? 'this call'}` },
      el('h3', {}, `${link.title ?? 'Call'}: lobby and attendance`),
      el('p', { class: 'hint' }, 'A host link lets its holder admit people and run the call.'),
      hostBox,
      el('h4', {}, 'Waiting to join'),
      lobby,
      el('h4', {}, 'Attendance'),
      attendance,
      el('div', { class: 'actions' }, refresh, close),
    ),
  );
  void loadLobby();
  void loadAttendance();
  timer = setInterval(() => void loadLobby(), 4000);
}
