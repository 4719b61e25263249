/**
 * Events with a call link: date, times and time zone (the browser's by default), attendees;
 * then the invite (.ics download), add-to-Google/Outlook buttons and the link to share; and
 * the caller's recent events, from the server.
 */
import { explain, missingRoute, type Api, type LinkView } from './api.js';
import { attendancePanel } from './attendance.js';
import { el, field, fill, say } from './dom.js';
import { LINKS_CHANGED } from './links.js';
import { copyButton } from './share.js';

interface Person {
  name: string;
  email: string;
}
export interface EventView {
  id: string;
  title: string;
  start: string;
  end: string;
  timeZone: string;
  linkId: string;
  linkUrl: string;
  status?: string;
  attendees: Person[];
  inviteUrl?: string;
  icsUrl?: string;
  addToCalendar?: { ics?: string; google?: string; outlook?: string; office365?: string };
}

const ORGANIZER_KEY = 'callink.organizer.me';

/** The browser's IANA zone, and every zone it knows (the browser's first). */
export function timeZones(): { current: string; all: string[] } {
  const current = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const known = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  const all = [...new Set([current, 'UTC', ...known])];
  return { current, all };
}

/** Splits on commas, semicolons and line ends, but not inside "quotes" or <angle brackets>. */
function splitPeople(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const c of text) {
    if (c === '"' && !angled) quoted = !quoted;
    else if (c === '<' && !quoted) angled = true;
    else if (c === '>' && !quoted) angled = false;
    if (!quoted && !angled && /[,;\n]/.test(c)) {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items.map((i) => i.trim()).filter((i) => i.length > 0);
}

/** "Ana <ana@example.com>", "ana@example.com", one per line or comma. */
export function parseAttendees(text: string): { people: Person[]; bad: string[] } {
  const people: Person[] = [];
  const bad: string[] = [];
  for (const item of splitPeople(text)) {
    const m =
      /^(?:"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+\.[^<>\s]+)>|([^\s<>"]+@[^\s<>"]+\.[^\s<>"]+))$/.exec(
        item,
      );
    const email = m?.[2] ?? m?.[3];
    if (!email) bad.push(item);
    else people.push({ name: (m?.[1] ?? '').trim() || (email.split('@')[0] ?? email), email });
  }
  return { people, bad };
}

function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2027-06-07 10:00–10:30", or "2027-06-07 (all day)" / "2027-06-07 – 2027-06-08 (all day)". */
function when(event: EventView, withEnd = true): string {
  if (event.start.length === 10) {
    const last = isoDate(new Date(Date.parse(`${event.end}T12:00`) - 86_400_000));
    return `${event.start}${withEnd && last !== event.start ? ` – ${last}` : ''} (all day)`;
  }
  const start = event.start.slice(0, 16).replace('T', ' ');
  return withEnd ? `${start}–${event.end.slice(11, 16)}` : start;
}

export function eventCard(api: Api, event: EventView): HTMLElement {
  const add = event.addToCalendar ?? {};
  const external = (href: string | undefined, label: string) =>
    href
      ? el(
          'a',
          { class: 'button secondary', href, target: '_blank', rel: 'noopener noreferrer' },
          label,
        )
      : null;
  const download = el('button', { type: 'button' }, 'Download invite (.ics)');
  const status = el('p', { role: 'status', class: 'status' });
  download.addEventListener('click', async () => {
    try {
      await api.download(
        `/api/events/${encodeURIComponent(event.id)}/invite.ics`,
        `${event.title || 'invite'}.ics`,
      );
      say(status, 'Invite downloaded: attach it to your mail, or open it in your calendar.');
    } catch (error) {
      say(status, explain(error), 'error');
    }
  });
  const mail = event.attendees.length
    ? el(
        'a',
        {
          class: 'button secondary',
          href: `mailto:${event.attendees.map((a) => a.email).join(',')}?subject=${encodeURIComponent(event.title)}&body=${encodeURIComponent(`Join the call: ${event.linkUrl}`)}`,
        },
        'Email attendees',
      )
    : null;
  return el(
    'div',
    { class: 'card result', 'data-event-id': event.id },
    el('h3', {}, 'Your event'),
    el('p', {}, el('strong', {}, event.title), ` · ${when(event)} (${event.timeZone})`),
    el('p', {}, 'Call link: ', el('code', {}, event.linkUrl), ' ', copyButton(event.linkUrl)),
    el(
      'div',
      { class: 'actions' },
      download,
      external(add.google, 'Add to Google Calendar'),
      external(add.outlook, 'Add to Outlook'),
      external(add.office365, 'Add to Outlook (work or school)'),
      external(add.ics, 'Add to Apple Calendar'),
      mail,
    ),
    status,
    attendancePanel(api, event),
  );
}

export function eventsSection(
  api: Api,
  root: HTMLElement,
  teams: () => { id: string; name: string }[],
  onCreated: () => void,
): void {
  const zones = timeZones();
  const tomorrow = new Date(Date.now() + 86_400_000);
  const saved = JSON.parse(localStorage.getItem(ORGANIZER_KEY) ?? '{}') as Partial<Person>;

  const title = el('input', { name: 'title', required: true, maxlength: 300 });
  const date = el('input', {
    type: 'date',
    name: 'date',
    required: true,
    value: isoDate(tomorrow),
  });
  const start = el('input', { type: 'time', name: 'start', required: true, value: '10:00' });
  const end = el('input', { type: 'time', name: 'end', required: true, value: '10:30' });
  // All day: dates only (the call is open that whole local day); the times step aside.
  const allDay = el('input', { type: 'checkbox', name: 'allDay' });
  const times = [field('Starts', start), field('Ends', end)];
  allDay.addEventListener('change', () => {
    for (const input of [start, end]) {
      input.disabled = allDay.checked;
      input.required = !allDay.checked;
    }
    for (const f of times) f.hidden = allDay.checked;
  });
  const zone = el(
    'select',
    { name: 'timeZone' },
    ...zones.all.map((z) => el('option', { value: z }, z)),
  );
  zone.value = zones.current;
  const orgName = el('input', { name: 'organizerName', required: true, value: saved.name ?? '' });
  const orgEmail = el('input', {
    type: 'email',
    name: 'organizerEmail',
    required: true,
    value: saved.email ?? '',
  });
  const attendees = el('textarea', {
    name: 'attendees',
    rows: 3,
    placeholder: 'Ana <ana@example.com>, bo@example.com',
  });
  const description = el('textarea', { name: 'description', rows: 2 });
  const linkChoice = el('select', { name: 'linkId' }, el('option', { value: '' }, 'A new link'));
  const team = el('select', { name: 'teamId' }, el('option', { value: '' }, 'No team feed'));
  const status = el('p', { role: 'status', class: 'status' });
  const result = el('div', { id: 'event-result' });
  const recent = el('ul', { class: 'items', id: 'event-list', 'aria-label': 'Your events' });

  async function loadEvents(): Promise<void> {
    try {
      const { events } = await api.get<{ events: EventView[] }>('/api/events?limit=50');
      fill(
        recent,
        ...(events.length === 0
          ? [el('li', { class: 'empty' }, 'No events yet.')]
          : events.map(eventRow)),
      );
    } catch (error) {
      if (!missingRoute(error)) fill(recent, el('li', { class: 'empty' }, explain(error)));
    }
  }

  function eventRow(ev: EventView): HTMLLIElement {
    const show = el('button', { type: 'button', class: 'secondary' }, 'Show');
    show.addEventListener('click', () => fill(result, eventCard(api, ev)));
    return el(
      'li',
      { 'data-event-id': ev.id },
      el(
        'div',
        { class: 'what' },
        el('strong', {}, ev.title),
        el(
          'small',
          {},
          `${when(ev, false)} (${ev.timeZone})${ev.status === 'cancelled' ? ' · cancelled' : ''}`,
        ),
      ),
      el('div', { class: 'actions' }, copyButton(ev.linkUrl), show),
    );
  }

  const form = el(
    'form',
    { class: 'card', 'aria-label': 'New event' },
    el('h3', {}, 'New event with a call link'),
    field('Title', title),
    el('div', { class: 'row' }, field('Date', date), ...times),
    el('label', { class: 'check' }, allDay, ' All day'),
    field('Time zone', zone),
    el('div', { class: 'row' }, field('Your name', orgName), field('Your email', orgEmail)),
    field('Attendees', attendees, 'One per line or comma: "Name <email>" or just the email.'),
    field('Description', description),
    el('div', { class: 'row' }, field('Call link', linkChoice), field('Team feed', team)),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Create event')),
    status,
  );

  form.addEventListener('focusin', () => {
    // Teams may have been added since the form was drawn.
    const current = team.value;
    fill(
      team,
      el('option', { value: '' }, 'No team feed'),
      ...teams().map((t) => el('option', { value: t.id }, t.name)),
    );
    team.value = current;
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { people, bad } = parseAttendees(attendees.value);
    if (bad.length) {
      say(status, `These attendees are not email addresses: ${bad.join(', ')}`, 'error');
      return;
    }
    const endDate =
      end.value <= start.value
        ? isoDate(new Date(Date.parse(`${date.value}T12:00`) + 86_400_000))
        : date.value;
    const organizer = { name: orgName.value.trim(), email: orgEmail.value.trim() };
    localStorage.setItem(ORGANIZER_KEY, JSON.stringify(organizer));
    say(status, 'Creating…');
    try {
      const created = await api.post<EventView>('/api/events', {
        title: title.value.trim(),
        ...(allDay.checked
          ? {
              start: date.value,
              end: isoDate(new Date(Date.parse(`${date.value}T12:00`) + 86_400_000)),
            }
          : { start: `${date.value}T${start.value}:00`, end: `${endDate}T${end.value}:00` }),
        timeZone: zone.value,
        organizer,
        attendees: people,
        ...(description.value.trim() ? { description: description.value.trim() } : {}),
        ...(linkChoice.value ? { linkId: linkChoice.value } : {}),
        ...(team.value ? { teamId: team.value } : {}),
      });
      say(status, 'Event created.');
      fill(result, eventCard(api, created));
      onCreated();
      void loadEvents();
    } catch (error) {
      say(
        status,
        missingRoute(error) ? 'This server cannot schedule events yet.' : explain(error),
        'error',
      );
    }
  });

  function offerLinks(links: LinkView[]): void {
    const current = linkChoice.value;
    fill(
      linkChoice,
      el('option', { value: '' }, 'A new link'),
      ...links
        .filter((l) => !l.revokedAt)
        .map((l) => el('option', { value: l.id }, l.title ?? l.id)),
    );
    linkChoice.value = current;
  }

  fill(root, el('h2', {}, 'Events'), form, result, el('h3', {}, 'Your events'), recent);
  void loadEvents();
  document.addEventListener(LINKS_CHANGED, (e) =>
    offerLinks((e as CustomEvent<LinkView[]>).detail),
  );
}
