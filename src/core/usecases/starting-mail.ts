/**
 * The optional "starting now" mail: when a scheduled call opens (N minutes before an
 * occurrence), each attendee who has not said no gets one mail with their personal link.
 * Once per occurrence, whichever instance gets there first (the mark and the mails are written
 * in one transaction).
 */
import { DateTime } from 'luxon';
import { occurrenceWindows } from '../occurrence-attendance.js';
import type { NewMail } from '../ports.js';
import { rsvpFor } from '../rsvp.js';
import { eventsOfLink } from './call-schedule.js';
import { issueInviteeToken, personalLinkUrl, type InviteeDeps } from './invitees.js';
import { base64Url } from '../links.js';

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Queues the mails of every call that has opened and not been announced; returns how many. */
export async function queueStartingMails(
  deps: InviteeDeps & { publicUrl: string },
): Promise<number> {
  const now = deps.clock.now();
  let queued = 0;
  for (const schedule of await deps.store.schedules.withStartingMail()) {
    const before = (schedule.openMinutesBefore ?? 0) * 60_000;
    for (const event of await eventsOfLink(deps.store, schedule.linkId)) {
      // Occurrences whose call is open now and that have not ended.
      const open = occurrenceWindows(
        event,
        new Date(now.getTime() - 86_400_000),
        new Date(now.getTime() + before + 1),
      ).filter((w) => w.start.getTime() - before <= now.getTime() && w.end > now);
      for (const w of open) {
        const rsvps = await deps.store.rsvps.list(event.id);
        const mails: NewMail[] = [];
        const when = DateTime.fromJSDate(w.start, { zone: event.timeZone }).toFormat('HH:mm');
        for (const a of event.attendees) {
          if (rsvpFor(rsvps, a.email, w.recurrenceId)?.rsvp === 'declined') continue;
          const token = await issueInviteeToken(deps, event, a.email);
          const url = personalLinkUrl(deps.publicUrl, event.linkId, token);
          mails.push({
            id: base64Url(deps.ids.randomBytes(16)),
            eventId: event.id,
            to: a.email,
            subject: `Starting now: ${event.title} @ ${when} (${event.timeZone})`,
            text: `${event.title} starts at ${when} (${event.timeZone}). The call is open:\n${url}\n`,
            html: `<p><strong>${esc(event.title)}</strong> starts at ${esc(when)} (${esc(event.timeZone)}). The call is open.</p><p><a href="${esc(url)}">Join the call</a></p>`,
            ics: '',
            method: '',
            createdAt: now,
          });
        }
        if (await deps.store.schedules.queueStartingMails(event.id, w.recurrenceId, now, mails)) {
          queued += mails.length;
        }
      }
    }
  }
  return queued;
}
