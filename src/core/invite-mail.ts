/**
 * The mail that carries an invite: a subject and plain/HTML bodies for people, and the
 * iCalendar part (with its METHOD) for their calendar. Written in the event's language.
 */
import { DateTime } from 'luxon';
import type { CalendarEvent } from './events.js';
import { describe } from './ics/build.js';
import { message } from './messages/index.js';

export type MailKind = 'invite' | 'update' | 'cancel';

export function inviteMail(
  event: CalendarEvent,
  linkUrl: string,
  kind: MailKind,
  occurrence?: string,
): { subject: string; text: string; html: string } {
  const lang = event.language;
  const when = DateTime.fromISO(occurrence ?? event.start, { zone: event.timeZone });
  // English keeps its fixed pattern; other languages get their own date words from Intl.
  const whenText = `${
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
  return {
    subject,
    text: `${lead}\n\n${event.title}\n${whenText}\n\n${kind === 'cancel' ? '' : `${body.plain}\n`}`,
    html: `<p>${esc(lead)}</p><p><strong>${esc(event.title)}</strong><br>${esc(whenText)}</p>${
      kind === 'cancel' ? '' : body.html
    }`,
  };
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
