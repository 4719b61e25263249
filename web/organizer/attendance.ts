/**
 * On an event: who said yes and who came, per occurrence ("5 accepted · 4 came · 1 no-show ·
 * 2 uninvited guests"), with the people behind each number and a CSV download; the call's
 * schedule (open N minutes before, wait for a host, invitees skip the lobby); and whether the
 * mailbox that RSVPs arrive in can be read.
 */
import { explain, type Api } from './api.js';
import { el, fill, formatWhen, say } from './dom.js';

interface InviteeLine {
  email: string;
  name: string;
  rsvp: 'accepted' | 'tentative' | 'declined' | 'none';
  joined: boolean;
  minutes: number;
}
interface OccurrenceReport {
  recurrenceId: string;
  start: string;
  end: string;
  line: string;
  invitees: InviteeLine[];
  uninvited: { name: string; minutes: number }[];
}
interface Schedule {
  linkId: string;
  openMinutesBefore: number | null;
  waitForHost: boolean;
  inviteesSkipLobby: boolean;
  startingMail: boolean;
  open: boolean;
  next: { start: string } | null;
}
interface Mailbox {
  configured: boolean;
  status: { state: string; lastError: string | null; nextAttemptAt: string | null } | null;
}

const ANSWER: Record<InviteeLine['rsvp'], string> = {
  accepted: 'Yes',
  tentative: 'Maybe',
  declined: 'No',
  none: 'No answer',
};

function occurrenceItem(r: OccurrenceReport): HTMLLIElement {
  const rows = [
    ...r.invitees.map((i) =>
      el(
        'tr',
        { 'data-email': i.email },
        el('td', {}, i.name),
        el('td', {}, ANSWER[i.rsvp]),
        el('td', {}, i.joined ? `came · ${i.minutes} min` : 'did not come'),
      ),
    ),
    ...r.uninvited.map((g) =>
      el(
        'tr',
        { class: 'guest' },
        el('td', {}, g.name),
        el('td', {}, 'not invited'),
        el('td', {}, `came · ${g.minutes} min`),
      ),
    ),
  ];
  return el(
    'li',
    { 'data-occurrence': r.recurrenceId },
    el(
      'details',
      {},
      el(
        'summary',
        {},
        el('span', { class: 'when' }, formatWhen(r.start)),
        el('span', { class: 'line' }, r.line),
      ),
      el(
        'table',
        {},
        el(
          'thead',
          {},
          el('tr', {}, el('th', {}, 'Who'), el('th', {}, 'Answer'), el('th', {}, 'In the call')),
        ),
        el('tbody', {}, ...rows),
      ),
    ),
  );
}

async function downloadCsv(api: Api, eventId: string): Promise<void> {
  const text = await api.get<string>(
    `/api/events/${encodeURIComponent(eventId)}/report?format=csv`,
  );
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = el('a', { href: url, download: `attendance-${eventId}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function scheduleForm(api: Api, linkId: string): HTMLFormElement {
  const minutes = el('input', {
    type: 'number',
    min: 0,
    max: 1440,
    inputmode: 'numeric',
    placeholder: 'always open',
    'aria-label': 'Open the call this many minutes before each occurrence',
  });
  const box = (label: string) => {
    const input = el('input', { type: 'checkbox' });
    return { input, label: el('label', { class: 'check' }, input, ` ${label}`) };
  };
  const wait = box('Guests wait until a host joins');
  const skip = box('Invited attendees skip the lobby');
  const mail = box('Mail attendees their link when the call opens');
  const status = el('p', { role: 'status', class: 'status' });
  const form = el(
    'form',
    { class: 'schedule', 'aria-label': 'Call schedule' },
    el(
      'label',
      { class: 'field' },
      el('span', {}, 'Open the call … minutes before each occurrence'),
      minutes,
    ),
    wait.label,
    skip.label,
    mail.label,
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'secondary' }, 'Save schedule'),
    ),
    status,
  );
  const show = (s: Schedule) => {
    minutes.value = s.openMinutesBefore === null ? '' : String(s.openMinutesBefore);
    wait.input.checked = s.waitForHost;
    skip.input.checked = s.inviteesSkipLobby;
    mail.input.checked = s.startingMail;
    say(
      status,
      s.open
        ? 'The call is open now.'
        : s.next
          ? `The call opens before ${formatWhen(s.next.start)}.`
          : 'No upcoming occurrence: the call is closed.',
    );
  };
  const path = `/api/links/${encodeURIComponent(linkId)}/schedule`;
  void api.get<Schedule>(path).then(show, (e: unknown) => say(status, explain(e), 'error'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      show(
        await api.put<Schedule>(path, {
          openMinutesBefore: minutes.value === '' ? null : Number(minutes.value),
          waitForHost: wait.input.checked,
          inviteesSkipLobby: skip.input.checked,
          startingMail: mail.input.checked,
        }),
      );
    } catch (error) {
      say(status, explain(error), 'error');
    }
  });
  return form;
}

/** The mailbox line: only said when a mailbox is configured. */
async function mailboxLine(api: Api, node: HTMLElement): Promise<void> {
  const m = await api.get<Mailbox>('/api/mailbox').catch(() => undefined);
  if (!m?.configured || !m.status) return;
  if (m.status.state === 'error') {
    say(
      node,
      `Replies by mail are not being read: ${m.status.lastError ?? 'the mailbox failed'}${
        m.status.nextAttemptAt ? ` Next try ${formatWhen(m.status.nextAttemptAt)}.` : ''
      }`,
      'error',
    );
  } else {
    say(node, 'Replies by mail are read from the mailbox.');
  }
}

export function attendancePanel(api: Api, event: { id: string; linkId: string }): HTMLElement {
  const list = el('ul', { class: 'occurrences', 'aria-label': 'Occurrences' });
  const status = el('p', { role: 'status', class: 'status' });
  const mailbox = el('p', { class: 'status mailbox', 'data-part': 'mailbox' });
  const csv = el('button', { type: 'button', class: 'secondary' }, 'Download attendance (CSV)');
  csv.addEventListener('click', () => {
    downloadCsv(api, event.id).catch((e: unknown) => say(status, explain(e), 'error'));
  });
  const load = async () => {
    try {
      const r = await api.get<{ occurrences: OccurrenceReport[] }>(
        `/api/events/${encodeURIComponent(event.id)}/report`,
      );
      const now = Date.now();
      // What has happened (newest first), then the next one to come.
      const past = r.occurrences.filter((o) => Date.parse(o.start) <= now).reverse();
      const next = r.occurrences.find((o) => Date.parse(o.start) > now);
      const shown = [...(next ? [next] : []), ...past].slice(0, 12);
      if (shown.length === 0) say(status, 'No occurrences in the last 90 days or the next 30.');
      fill(list, ...shown.map(occurrenceItem));
    } catch (error) {
      say(status, explain(error), 'error');
    }
  };
  void load();
  void mailboxLine(api, mailbox);
  return el(
    'section',
    { class: 'attendance', 'aria-label': 'Who said yes, who came' },
    el('h4', {}, 'Who said yes, who came'),
    mailbox,
    list,
    el('div', { class: 'actions' }, csv),
    status,
    el('h4', {}, 'When the call opens'),
    scheduleForm(api, event.linkId),
  );
}
