/**
 * On an event: who said yes and who came, per occurrence ("5 accepted · 4 came · 1 no-show ·
 * 2 uninvited guests"), with the people behind each number and a CSV download; the call's
 * schedule (open N minutes before, wait for a host, invitees skip the lobby); and whether the
 * mailbox that RSVPs arrive in can be read.
 */
import { explain, type Api } from './api.js';
import { el, fill, formatWhen, say } from './dom.js';
import { t } from './i18n.js';

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
  summary: {
    accepted: number;
    tentative: number;
    declined: number;
    came: number;
    noShow: number;
    uninvited: number;
  };
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

const ANSWER = {
  accepted: 'att_yes',
  tentative: 'att_maybe',
  declined: 'att_no',
  none: 'att_no_answer',
} as const satisfies Record<InviteeLine['rsvp'], string>;

/** "5 accepted · 4 came · 1 no-show · 2 uninvited guests", in the page's language. */
export function reportLine(s: OccurrenceReport['summary']): string {
  return t('att_line', { ...s });
}

function occurrenceItem(r: OccurrenceReport): HTMLLIElement {
  const rows = [
    ...r.invitees.map((i) =>
      el(
        'tr',
        { 'data-email': i.email },
        el('td', {}, i.name),
        el('td', {}, t(ANSWER[i.rsvp])),
        el('td', {}, i.joined ? t('att_came', { minutes: i.minutes }) : t('att_did_not_come')),
      ),
    ),
    ...r.uninvited.map((g) =>
      el(
        'tr',
        { class: 'guest' },
        el('td', {}, g.name),
        el('td', {}, t('att_not_invited')),
        el('td', {}, t('att_came', { minutes: g.minutes })),
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
        el('span', { class: 'line' }, reportLine(r.summary)),
      ),
      el(
        'table',
        {},
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', {}, t('att_col_who')),
            el('th', {}, t('att_col_answer')),
            el('th', {}, t('att_col_call')),
          ),
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
    placeholder: t('sched_always_open'),
    'aria-label': t('sched_minutes_aria'),
  });
  const box = (label: string) => {
    const input = el('input', { type: 'checkbox' });
    return { input, label: el('label', { class: 'check' }, input, ` ${label}`) };
  };
  const wait = box(t('sched_wait'));
  const skip = box(t('sched_skip'));
  const mail = box(t('sched_mail'));
  const status = el('p', { role: 'status', class: 'status' });
  const form = el(
    'form',
    { class: 'schedule', 'aria-label': t('sched_form') },
    el('label', { class: 'field' }, el('span', {}, t('sched_minutes_label')), minutes),
    wait.label,
    skip.label,
    mail.label,
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'secondary' }, t('sched_save')),
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
        ? t('sched_open_now')
        : s.next
          ? t('sched_opens_before', { when: formatWhen(s.next.start) })
          : t('sched_closed'),
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
      m.status.nextAttemptAt
        ? t('mailbox_error_retry', {
            error: m.status.lastError ?? t('mailbox_failed'),
            when: formatWhen(m.status.nextAttemptAt),
          })
        : t('mailbox_error', { error: m.status.lastError ?? t('mailbox_failed') }),
      'error',
    );
  } else {
    say(node, t('mailbox_ok'));
  }
}

export function attendancePanel(api: Api, event: { id: string; linkId: string }): HTMLElement {
  const list = el('ul', { class: 'occurrences', 'aria-label': t('att_occurrences') });
  const status = el('p', { role: 'status', class: 'status' });
  const mailbox = el('p', { class: 'status mailbox', 'data-part': 'mailbox' });
  const csv = el('button', { type: 'button', class: 'secondary' }, t('att_csv'));
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
      if (shown.length === 0) say(status, t('att_none'));
      fill(list, ...shown.map(occurrenceItem));
    } catch (error) {
      say(status, explain(error), 'error');
    }
  };
  void load();
  void mailboxLine(api, mailbox);
  return el(
    'section',
    { class: 'attendance', 'aria-label': t('att_heading') },
    el('h4', {}, t('att_heading')),
    mailbox,
    list,
    el('div', { class: 'actions' }, csv),
    status,
    el('h4', {}, t('sched_heading')),
    scheduleForm(api, event.linkId),
  );
}
