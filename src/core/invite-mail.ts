/**
 * The mail that carries an invite: a subject and plain/HTML bodies for people, and the
 * iCalendar part (with its METHOD) for their calendar. Written in the event's language.
 */
import { DateTime } from 'luxon';
import type { CalendarEvent } from './events.js';
import { describe } from './ics/build.js';
import { occurrenceEnd } from './ics/event-dates.js';
import { message } from './messages/index.js';
import { zonedTime } from './zone-time.js';

/** " – Tue 8 Jun 2027" for an all-day event of several days (its end date is exclusive). */
function allDayUntil(event: CalendarEvent, start: string): string {
  const last = DateTime.fromISO(occurrenceEnd(event, start), { zone: 'utc' }).minus({ days: 1 });
  return last.toISODate() === start ? '' : ` – ${last.toFormat('ccc d LLL yyyy')}`;
}

export type MailKind = 'invite' | 'update' | 'cancel';

export function inviteMail(
  event: CalendarEvent,
  linkUrl: string,
  kind: MailKind,
  occurrence?: string,
  answers?: { yes: string; maybe: string; no: string },
): { subject: string; text: string; html: string } {
  const lang = event.language;
  const local = occurrence ?? event.start;
  const when = zonedTime(local, event.timeZone);
  // English keeps its fixed pattern; other languages get their own date words from Intl.
  const whenText =
    local.length === 10
      ? `${when.toFormat('ccc d LLL yyyy')}${allDayUntil(event, local)}, all day (${event.timeZone})`
      : `${
          !lang || lang === 'en'
            ? when.toFormat('ccc d LLL yyyy, HH:mm')
            : when.setLocale(lang).toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY)
        } (${event.timeZone})`;
  const prefix = message(lang, `mail_prefix_${kind}`);
  const subject = message(lang, 'mail_subject', { prefix, title: event.title, when: whenText });
  const body = describe(linkUrl, event.description, lang);
  const organizer = event.organizer.name;
  const lead =
    kind === 'cancel'
      ? message(lang, occurrence ? 'mail_cancelled_one' : 'mail_cancelled', { organizer })
      : message(lang, 'mail_invites', { organizer });
  const ask = answers && kind !== 'cancel' ? rsvpButtons(answers) : { plain: '', html: '' };
  return {
    subject,
    text: `${lead}\n\n${event.title}\n${whenText}\n\n${kind === 'cancel' ? '' : `${body.plain}\n`}${ask.plain}`,
    html: `<p>${esc(lead)}</p><p><strong>${esc(event.title)}</strong><br>${esc(whenText)}</p>${
      kind === 'cancel' ? '' : body.html
    }${ask.html}`,
  };
}

/** Yes / Maybe / No: each opens a page that asks once more (mail scanners open links too). */
function rsvpButtons(a: { yes: string; maybe: string; no: string }): {
  plain: string;
  html: string;
} {
  const style =
    'display:inline-block;padding:8px 16px;margin-right:8px;border:1px solid #888;border-radius:4px;text-decoration:none';
  const button = (href: string, label: string) =>
    `<a href="${esc(href)}" style="${style}">${label}</a>`;
  return {
    plain: `\nGoing? Yes: ${a.yes}\nMaybe: ${a.maybe}\nNo: ${a.no}\n`,
    html: `<p>Going? ${button(a.yes, 'Yes')}${button(a.maybe, 'Maybe')}${button(a.no, 'No')}</p>`,
  };
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
