/**
 * The mail that carries an invite: a subject and plain/HTML bodies for people, and the
 * iCalendar part (with its METHOD) for their calendar.
 */
import { DateTime } from 'luxon';
import type { CalendarEvent } from './events.js';
import { describe } from './ics/build.js';
import { occurrenceEnd } from './ics/event-dates.js';
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
  const local = occurrence ?? event.start;
  const when = zonedTime(local, event.timeZone);
  const whenText =
    local.length === 10
      ? `${when.toFormat('ccc d LLL yyyy')}${allDayUntil(event, local)}, all day (${event.timeZone})`
      : `${when.toFormat('ccc d LLL yyyy, HH:mm')} (${event.timeZone})`;
  const prefix = kind === 'invite' ? 'Invitation' : kind === 'update' ? 'Updated' : 'Cancelled';
  const subject = `${prefix}: ${event.title} @ ${whenText}`;
  const body = describe(linkUrl, event.description);
  const lead =
    kind === 'cancel'
      ? `${event.organizer.name} cancelled ${occurrence ? 'one occurrence of ' : ''}this meeting.`
      : `${event.organizer.name} invites you to a call.`;
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
