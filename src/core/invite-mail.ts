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
  return last.toISODate() === start ? '' : ` – ${dateText(last, event.language)}`;
}

/** English keeps its fixed pattern; other languages get their own date words from Intl. */
function dateText(d: DateTime, lang: string | null | undefined): string {
  return !lang || lang === 'en'
    ? d.toFormat('ccc d LLL yyyy')
    : d.setLocale(lang).toLocaleString(DateTime.DATE_MED_WITH_WEEKDAY);
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
      ? `${dateText(when, lang)}${allDayUntil(event, local)}, ${message(lang, 'mail_all_day')} (${event.timeZone})`
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
  const ask = answers && kind !== 'cancel' ? rsvpButtons(answers, lang) : { plain: '', html: '' };
  return {
    subject,
    text: `${lead}\n\n${event.title}\n${whenText}\n\n${kind === 'cancel' ? '' : `${body.plain}\n`}${ask.plain}`,
    html: `<p>${esc(lead)}</p><p><strong>${esc(event.title)}</strong><br>${esc(whenText)}</p>${
      kind === 'cancel' ? '' : body.html
    }${ask.html}`,
  };
}

/** Yes / Maybe / No: each opens a page that asks once more (mail scanners open links too). */
function rsvpButtons(
  a: { yes: string; maybe: string; no: string },
  lang: string | null | undefined,
): {
  plain: string;
  html: string;
} {
  const style =
    'display:inline-block;padding:8px 16px;margin-right:8px;border:1px solid #888;border-radius:4px;text-decoration:none';
  const going = message(lang, 'mail_going');
  const yes = message(lang, 'mail_yes');
  const maybe = message(lang, 'mail_maybe');
  const no = message(lang, 'mail_no');
  const button = (href: string, label: string) =>
    `<a href="${esc(href)}" style="${style}">${label}</a>`;
  return {
    plain: `\n${going} ${yes}: ${a.yes}\n${maybe}: ${a.maybe}\n${no}: ${a.no}\n`,
    html: `<p>${esc(going)} ${button(a.yes, esc(yes))}${button(a.maybe, esc(maybe))}${button(a.no, esc(no))}</p>`,
  };
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
