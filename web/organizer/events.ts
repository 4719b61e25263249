/**
 * Events with a call link: the new-event form (with repeat controls), the invite and the link
 * to share, and the caller's events from the server, each with edit and cancel. The agenda of
 * upcoming occurrences is drawn by agenda.ts; edits and cancels by event-actions.ts.
 */
import { explain, missingRoute, type Api, type LinkView } from './api.js';
import { el, fill, say } from './dom.js';
import { agendaSection } from './agenda.js';
import { attendancePanel } from './attendance.js';
import { eventFields, type Person } from './event-form.js';
import { cancelButton, editForm } from './event-actions.js';
import { formatLocal, lang, t } from './i18n.js';
import { LINKS_CHANGED } from './links.js';
import { copyButton } from './share.js';

export { parseAttendees, timeZones } from './event-form.js';

export interface EventView {
  id: string;
  uid?: string;
  sequence?: number;
  title: string;
  start: string;
  end: string;
  timeZone: string;
  linkId: string;
  linkUrl: string;
  status?: string;
  organizer?: Person;
  attendees: Person[];
  description?: string | null;
  recurrence?: string | null;
  teamId?: string | null;
  occurrences?: { recurrenceId: string; cancelled: boolean; start: string | null }[];
  inviteUrl?: string;
  icsUrl?: string;
  addToCalendar?: { ics?: string; google?: string; outlook?: string; office365?: string };
}

const ORGANIZER_KEY = 'callink.organizer.me';

export function eventCard(api: Api, event: EventView, heading = t('your_event')): HTMLElement {
  const add = event.addToCalendar ?? {};
  const external = (href: string | undefined, label: string) =>
    href
      ? el(
          'a',
          { class: 'button secondary', href, target: '_blank', rel: 'noopener noreferrer' },
          label,
        )
      : null;
  const download = el('button', { type: 'button' }, t('download_invite'));
  const status = el('p', { role: 'status', class: 'status' });
  download.addEventListener('click', async () => {
    try {
      await api.download(
        `/api/events/${encodeURIComponent(event.id)}/invite.ics`,
        `${event.title.slice(0, 80) || 'invite'}.ics`,
      );
      say(status, t('invite_downloaded'));
    } catch (error) {
      say(status, explain(error), 'error');
    }
  });
  const mail = event.attendees.length
    ? el(
        'a',
        {
          class: 'button secondary',
          href: `mailto:${event.attendees.map((a) => a.email).join(',')}?subject=${encodeURIComponent(event.title)}&body=${encodeURIComponent(`${t('join_the_call')}: ${event.linkUrl}`)}`,
        },
        t('email_attendees'),
      )
    : null;
  return el(
    'div',
    { class: 'card result', 'data-event-id': event.id },
    el('h3', {}, heading),
    el(
      'p',
      { class: 'event-title' },
      el('strong', { class: 'clip', title: event.title }, event.title),
      el('span', {}, ` ${whenText(event)}`),
    ),
    el(
      'p',
      { class: 'link-line' },
      `${t('field_call_link')}: `,
      el('code', {}, event.linkUrl),
      ' ',
      copyButton(event.linkUrl),
    ),
    el(
      'div',
      { class: 'actions' },
      download,
      external(add.google, t('add_google')),
      external(add.outlook, t('add_outlook')),
      external(add.office365, t('add_office365')),
      external(add.ics, t('add_apple')),
      mail,
    ),
    status,
    attendancePanel(api, event),
  );
}

function whenText(ev: EventView): string {
  // All day: dates only (end exclusive).
  if (ev.start.length === 10) {
    const last = new Date(Date.parse(`${ev.end}T12:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    const first = formatLocal(`${ev.start}T00:00`, 'date');
    return `${first}${last !== ev.start ? ` – ${formatLocal(`${last}T00:00`, 'date')}` : ''} (${t('all_day')}, ${ev.timeZone})`;
  }
  return `${formatLocal(ev.start)}–${formatLocal(ev.end, 'time')} (${ev.timeZone})`;
}

export function eventsSection(
  api: Api,
  root: HTMLElement,
  teams: () => { id: string; name: string }[],
  onCreated: () => void,
): void {
  const saved = JSON.parse(localStorage.getItem(ORGANIZER_KEY) ?? '{}') as Partial<Person>;
  const fields = eventFields(api, saved);
  const status = el('p', { role: 'status', class: 'status' });
  const result = el('div', { id: 'event-result' });
  const recent = el('ul', { class: 'items', id: 'event-list', 'aria-label': t('your_events') });
  const agendaRoot = el('div', { id: 'agenda' });
  let links: LinkView[] = [];
  const agenda = agendaSection(api, agendaRoot, (ev, occurrence) => openEdit(ev, occurrence));

  async function loadEvents(): Promise<void> {
    try {
      const { events } = await api.get<{ events: EventView[] }>('/api/events?limit=50');
      fill(
        recent,
        ...(events.length === 0
          ? [el('li', { class: 'empty' }, t('no_events'))]
          : events.map(eventRow)),
      );
    } catch (error) {
      if (!missingRoute(error)) fill(recent, el('li', { class: 'empty' }, explain(error)));
    }
  }

  function refresh(): void {
    void loadEvents();
    void agenda.refresh();
  }

  function openEdit(ev: EventView, occurrence?: string): void {
    fill(
      result,
      editForm(api, ev, {
        occurrence,
        links,
        teams: teams(),
        onDone: (changed) => {
          if (changed) fill(result, eventCard(api, changed, t('event_changed')));
          else result.replaceChildren();
          refresh();
        },
      }),
    );
    result.querySelector<HTMLInputElement>('input[name="title"]')?.focus();
  }

  function eventRow(ev: EventView): HTMLLIElement {
    const cancelled = ev.status === 'cancelled';
    const show = el('button', { type: 'button', class: 'secondary' }, t('show'));
    show.addEventListener('click', () => fill(result, eventCard(api, ev)));
    const edit = el('button', { type: 'button', class: 'secondary' }, t('edit'));
    edit.addEventListener('click', () => openEdit(ev));
    return el(
      'li',
      { 'data-event-id': ev.id, 'data-cancelled': cancelled ? 'yes' : 'no' },
      el(
        'div',
        { class: 'what' },
        el('strong', { class: 'clip', title: ev.title }, ev.title),
        el(
          'small',
          {},
          `${whenText(ev)}${ev.recurrence ? ` · ${t('repeats')}` : ''}${cancelled ? ` · ${t('cancelled')}` : ''}`,
        ),
      ),
      el(
        'div',
        { class: 'actions' },
        copyButton(ev.linkUrl),
        show,
        cancelled ? null : edit,
        cancelled ? null : cancelButton(api, ev, undefined, refresh),
      ),
    );
  }

  const form = el(
    'form',
    { class: 'card', 'aria-label': t('new_event') },
    el('h3', {}, t('new_event_heading')),
    ...fields.nodes,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, t('create_event'))),
    status,
  );

  form.addEventListener('focusin', () => fields.offerTeams(teams()));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const read = fields.values();
    if (!read.ok) {
      say(status, t('attendees_bad', { list: read.bad.join(', ') }), 'error');
      return;
    }
    const v = read.values;
    localStorage.setItem(ORGANIZER_KEY, JSON.stringify(v.organizer));
    say(status, t('creating'));
    try {
      const created = await api.post<EventView>('/api/events', {
        title: v.title,
        start: v.start,
        end: v.end,
        timeZone: v.timeZone,
        organizer: v.organizer,
        attendees: v.attendees,
        ...(v.description ? { description: v.description } : {}),
        ...(v.recurrence ? { recurrence: v.recurrence } : {}),
        ...(v.linkId ? { linkId: v.linkId } : {}),
        ...(v.teamId ? { teamId: v.teamId } : {}),
        language: lang(),
      });
      say(status, t('event_created'));
      fill(result, eventCard(api, created));
      onCreated();
      refresh();
    } catch (error) {
      say(status, missingRoute(error) ? t('no_events_api') : explain(error), 'error');
    }
  });

  fill(
    root,
    el('h2', {}, t('events')),
    form,
    result,
    el('h3', {}, t('agenda')),
    agendaRoot,
    el('h3', {}, t('your_events')),
    recent,
  );
  refresh();
  document.addEventListener(LINKS_CHANGED, (e) => {
    links = (e as CustomEvent<LinkView[]>).detail;
    fields.offerLinks(links);
  });
}
