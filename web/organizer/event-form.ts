/**
 * The fields of an event, shared by "new event" and "edit event": title, date and times, time
 * zone, the organizer, attendees, description, call link, team feed and the repeat controls.
 * Other features add their controls with `extra` (e.g. all-day) without touching this file.
 */
import type { Api, LinkView } from './api.js';
import { el, field, fill } from './dom.js';
import { t } from './i18n.js';
import { recurrenceControl, type RecurrenceControl } from './recurrence.js';

export interface Person {
  name: string;
  email: string;
}

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

export function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const addDay = (date: string) => isoDate(new Date(Date.parse(`${date}T12:00`) + 86_400_000));

export interface EventValues {
  title: string;
  start: string;
  end: string;
  timeZone: string;
  organizer: Person;
  attendees: Person[];
  description: string | null;
  recurrence: string | null;
  linkId: string;
  teamId: string;
}

export interface EventFields {
  /** The controls, in order, to put into a form. */
  nodes: HTMLElement[];
  title: HTMLInputElement;
  date: HTMLInputElement;
  start: HTMLInputElement;
  end: HTMLInputElement;
  zone: HTMLSelectElement;
  linkChoice: HTMLSelectElement;
  team: HTMLSelectElement;
  recurrence: RecurrenceControl;
  /** The values, or the attendee entries that are not addresses. */
  values(): { ok: true; values: EventValues } | { ok: false; bad: string[] };
  set(values: Partial<EventValues>): void;
  offerLinks(links: LinkView[]): void;
  offerTeams(teams: { id: string; name: string }[]): void;
}

export function eventFields(
  api: Api,
  saved: Partial<Person>,
  options: { repeat?: boolean; occurrenceOnly?: boolean; extra?: HTMLElement[] } = {},
): EventFields {
  const zones = timeZones();
  const tomorrow = new Date(Date.now() + 86_400_000);
  const title = el('input', { name: 'title', required: true, maxlength: 300 });
  const date = el('input', {
    type: 'date',
    name: 'date',
    required: true,
    value: isoDate(tomorrow),
  });
  const start = el('input', { type: 'time', name: 'start', required: true, value: '10:00' });
  const end = el('input', { type: 'time', name: 'end', required: true, value: '10:30' });
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
  const linkChoice = el(
    'select',
    { name: 'linkId' },
    el('option', { value: '' }, t('new_link_option')),
  );
  const team = el('select', { name: 'teamId' }, el('option', { value: '' }, t('no_team_option')));
  // All day: dates only (the call is open that whole local day); the times step aside.
  const allDay = el('input', { type: 'checkbox', name: 'allDay' });
  const times = [field(t('field_starts'), start), field(t('field_ends'), end)];
  allDay.addEventListener('change', () => {
    for (const input of [start, end]) {
      input.disabled = allDay.checked;
      input.required = !allDay.checked;
    }
    for (const f of times) f.hidden = allDay.checked;
  });
  const endDate = () => (end.value <= start.value ? addDay(date.value) : date.value);
  const recurrence = recurrenceControl(api, () => ({
    date: date.value,
    time: start.value,
    end: `${endDate()}T${end.value}:00`,
    timeZone: zone.value,
  }));
  for (const input of [date, start, end, zone]) input.addEventListener('change', recurrence.update);

  const only = options.occurrenceOnly === true;
  const nodes = only
    ? [
        field(t('field_title'), title),
        el(
          'div',
          { class: 'row' },
          field(t('field_date'), date),
          field(t('field_starts'), start),
          field(t('field_ends'), end),
        ),
        field(t('field_description'), description),
      ]
    : [
        field(t('field_title'), title),
        el('div', { class: 'row' }, field(t('field_date'), date), ...times),
        el('label', { class: 'check' }, allDay, ` ${t('all_day_label')}`),
        field(t('field_time_zone'), zone),
        ...(options.extra ?? []),
        options.repeat === false ? null : recurrence.root,
        el(
          'div',
          { class: 'row' },
          field(t('field_your_name'), orgName),
          field(t('field_your_email'), orgEmail),
        ),
        field(t('field_attendees'), attendees, t('attendees_hint')),
        field(t('field_description'), description),
        el(
          'div',
          { class: 'row' },
          field(t('field_call_link'), linkChoice),
          field(t('field_team_feed'), team),
        ),
      ].filter((n): n is HTMLElement => n !== null);

  return {
    nodes,
    title,
    date,
    start,
    end,
    zone,
    linkChoice,
    team,
    recurrence,
    values() {
      const { people, bad } = parseAttendees(attendees.value);
      if (bad.length) return { ok: false, bad };
      return {
        ok: true,
        values: {
          title: title.value.trim(),
          ...(allDay.checked && !only
            ? { start: date.value, end: addDay(date.value) }
            : { start: `${date.value}T${start.value}:00`, end: `${endDate()}T${end.value}:00` }),
          timeZone: zone.value,
          organizer: { name: orgName.value.trim(), email: orgEmail.value.trim() },
          attendees: people,
          description: description.value.trim() ? description.value.trim() : null,
          recurrence: options.repeat === false || only ? null : recurrence.rule(),
          linkId: linkChoice.value,
          teamId: team.value,
        },
      };
    },
    set(v) {
      if (v.title !== undefined) title.value = v.title;
      if (v.start) {
        date.value = v.start.slice(0, 10);
        start.value = v.start.slice(11, 16);
      }
      if (v.end) end.value = v.end.slice(11, 16);
      if (v.timeZone) {
        if (![...zone.options].some((o) => o.value === v.timeZone)) {
          zone.append(el('option', { value: v.timeZone }, v.timeZone));
        }
        zone.value = v.timeZone;
      }
      if (v.organizer) {
        orgName.value = v.organizer.name;
        orgEmail.value = v.organizer.email;
      }
      if (v.attendees) {
        attendees.value = v.attendees.map((a) => `${a.name} <${a.email}>`).join(', ');
      }
      if (v.description !== undefined) description.value = v.description ?? '';
      if (v.recurrence !== undefined) recurrence.set(v.recurrence);
      if (v.linkId !== undefined) linkChoice.value = v.linkId;
      if (v.teamId !== undefined) team.value = v.teamId;
      recurrence.update();
    },
    offerLinks(links) {
      const current = linkChoice.value;
      fill(
        linkChoice,
        el('option', { value: '' }, t('new_link_option')),
        ...links
          .filter((l) => !l.revokedAt)
          .map((l) => {
            const label = l.title ?? l.id;
            // Long titles are cut in the list (the whole one is its tooltip): no wide page.
            return el(
              'option',
              { value: l.id, title: label },
              label.length > 60 ? `${label.slice(0, 57)}…` : label,
            );
          }),
      );
      linkChoice.value = current;
    },
    offerTeams(teams) {
      const current = team.value;
      fill(
        team,
        el('option', { value: '' }, t('no_team_option')),
        ...teams.map((x) =>
          el(
            'option',
            { value: x.id, title: x.name },
            x.name.length > 60 ? `${x.name.slice(0, 57)}…` : x.name,
          ),
        ),
      );
      team.value = current;
    },
  };
}
