/**
 * One link's lobby (people knocking, admit or deny) and attendance (who joined, for how long).
 * The lobby refreshes every few seconds while the panel is open.
 */
import { explain, missingRoute, type Api, type LinkView } from './api.js';
import { el, fill } from './dom.js';
import { makeHostLinkButton } from './host-keys.js';
import { formatWhen, t } from './i18n.js';

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
  if (seconds < 60) return t('duration_seconds', { n: seconds });
  const m = Math.round(seconds / 60);
  return m < 60
    ? t('duration_minutes', { n: m })
    : t('duration_hours', { h: Math.floor(m / 60), m: m % 60 });
}

export function callPanel(api: Api, root: HTMLElement, link: LinkView): void {
  if (timer) clearInterval(timer);
  const lobby = el('ul', { class: 'items', 'aria-label': t('waiting_in_lobby') });
  const attendance = el('div', {});
  const close = el('button', { type: 'button', class: 'secondary' }, t('close'));
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
          ? [el('li', { class: 'empty' }, t('nobody_waiting'))]
          : waiting.map((k) => knockRow(k))),
      );
      // A knock that is gone takes its failure with it.
      for (const ticket of failures.keys()) {
        if (!waiting.some((k) => k.ticket === ticket)) failures.delete(ticket);
      }
    } catch (error) {
      if (timer) clearInterval(timer);
      fill(
        lobby,
        el('li', { class: 'empty' }, missingRoute(error) ? t('no_lobby_api') : explain(error)),
      );
    }
  }

  /** What went wrong deciding a knock, said on its row until it is decided or gone. */
  const failures = new Map<string, string>();

  function knockRow(k: Knock): HTMLLIElement {
    const decide = (action: 'admit' | 'deny') => async () => {
      try {
        await api.post(`/api/links/${id}/lobby/${encodeURIComponent(k.ticket)}/${action}`);
        failures.delete(k.ticket);
      } catch (error) {
        failures.set(k.ticket, explain(error));
      }
      await loadLobby();
    };
    const failed = failures.get(k.ticket);
    return el(
      'li',
      { 'data-ticket': k.ticket },
      el(
        'div',
        { class: 'what' },
        el('strong', {}, k.name),
        el('small', {}, t('knocked_at', { when: formatWhen(k.since) })),
        ...(failed ? [el('span', { class: 'error', role: 'alert' }, failed)] : []),
      ),
      el(
        'div',
        { class: 'actions' },
        el(
          'button',
          { type: 'button', onclick: decide('admit') },
          t('admit_name', { name: k.name }),
        ),
        el('button', { type: 'button', class: 'danger', onclick: decide('deny') }, t('deny')),
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
          ? el('p', { class: 'empty' }, t('nobody_joined'))
          : el(
              'table',
              { 'aria-label': t('attendance') },
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  el('th', {}, t('col_name')),
                  el('th', {}, t('col_joined')),
                  el('th', {}, t('col_left')),
                  el('th', {}, t('col_time_in_call')),
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
        el('p', { class: 'empty' }, missingRoute(error) ? t('no_attendance_api') : explain(error)),
      );
    }
  }

  const hostBox = el('div', { class: 'actions' });
  const makeHost = makeHostLinkButton(api, link.id, hostBox);
  fill(hostBox, makeHost);

  const refresh = el('button', { type: 'button', class: 'secondary' }, t('refresh'));
  refresh.addEventListener('click', () => void Promise.all([loadLobby(), loadAttendance()]));
  fill(
    root,
    el(
      'section',
      {
        class: 'card',
        'aria-label': t('lobby_attendance_of', { title: link.title ?? t('this_call') }),
      },
      // Wrapped, not cut: a phone has no tooltip to read the rest in.
      el(
        'h3',
        { class: 'wraps' },
        t('lobby_attendance_heading', { title: link.title ?? t('call') }),
      ),
      el('p', { class: 'hint' }, t('host_links_hint')),
      hostBox,
      el('h4', {}, t('waiting_to_join')),
      lobby,
      el('h4', {}, t('attendance')),
      attendance,
      el('div', { class: 'actions' }, refresh, close),
    ),
  );
  void loadLobby();
  void loadAttendance();
  timer = setInterval(() => void loadLobby(), 4000);
}
