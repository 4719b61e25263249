/**
 * The mail that carries an invite: a subject and plain/HTML bodies for people, and the
 * iCalendar part (with its METHOD) for their calendar.
 */
import { DateTime } from 'luxon';
import type { CalendarEvent } from './events.js';
import { describe } from './ics/build.js';

export type MailKind = 'invite' | 'update' | 'cancel';

export function inviteMail(
  event: CalendarEvent,
  linkUrl: string,
  kind: MailKind,
  occurrence?: string,
): { subject: string; text: string; html: string } {
  const when = DateTime.fromISO(occurrence ?? event.start, { zone: event.timeZone });
  const whenText = `${when.toFormat('ccc d LLL yyyy, HH:mm')} (${event.timeZone})`;
  const prefix = kind === 'invite' ? 'Invitation' : kind === 'update' ? 'Updated' : 'Cancelled';
  const subject = `${prefix}: ${event.title} @ ${whenText}`;
  const body = describe(linkUrl, event.description);
  const lead =
    kind === 'cancel'
      ? `${event.organizer.name} cancelled ${occurrence ? 'one occurrence of ' : ''}this meeting.`
      : `${event.organizer.name} invites you to a call.`;
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
