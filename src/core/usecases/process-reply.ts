/**
 * One REPLY mail from the mailbox → answers recorded, or a reason it was skipped. Each
 * Message-ID is processed once, so reading the mailbox again changes nothing. A reply is
 * matched by UID (+ RECURRENCE-ID for one occurrence), ATTENDEE and SEQUENCE: an answer to an
 * older invite is recorded as such (and never overrides one given to a newer invite); one to a
 * SEQUENCE we never sent is skipped; an address not on the list is recorded only as "not
 * invited", never as an invitee.
 */
import { DateTime } from 'luxon';
import type { CalendarEvent } from '../events.js';
import { readAnswers, readReply, type ReplyItem } from '../ics/reply.js';
import { LOCAL_FORMAT, isOccurrence } from '../recurrence.js';
import type { Clock, Store } from '../ports.js';
import { rsvpOfPartstat, type MailReply } from '../rsvp.js';

/** Above this a mail is not read at all (a REPLY is a few kilobytes). */
export const MAX_REPLY_BYTES = 256 * 1024;

export interface IncomingReply {
  messageId: string;
  /** The text/calendar part, decoded; undefined when the mail had none. */
  calendar: string | undefined;
  /** The whole mail's size in bytes. */
  size: number;
}

export interface ReplyDeps {
  store: Store;
  clock: Clock;
}

/** The occurrence key (local, event zone) a REPLY's RECURRENCE-ID names, or null if none. */
export function occurrenceKeyOf(event: CalendarEvent, item: ReplyItem): string | null | 'unknown' {
  if (!item.occurrence) return null;
  if (!event.recurrence) return 'unknown';
  const zone = event.timeZone;
  const candidates = [
    item.occurrence.instant ? DateTime.fromJSDate(item.occurrence.instant, { zone }) : undefined,
    DateTime.fromISO(item.occurrence.local, { zone }),
  ];
  const start = DateTime.fromISO(event.start, { zone });
  for (const c of candidates) {
    if (c?.isValid && isOccurrence(event.recurrence, start, c)) return c.toFormat(LOCAL_FORMAT);
  }
  return 'unknown';
}

async function skip(
  deps: ReplyDeps,
  mail: IncomingReply,
  reason: string,
  eventId: string | null = null,
  email: string | null = null,
): Promise<MailReply> {
  const reply: MailReply = {
    messageId: mail.messageId,
    eventId,
    email,
    outcome: 'skipped',
    reason,
    receivedAt: deps.clock.now(),
  };
  await deps.store.replies.insert(reply);
  return reply;
}

/** Processes one mail; `undefined` when this Message-ID was already processed. */
export async function processReply(
  deps: ReplyDeps,
  mail: IncomingReply,
): Promise<MailReply | undefined> {
  if (await deps.store.replies.has(mail.messageId)) return undefined;
  if (mail.size > MAX_REPLY_BYTES) return skip(deps, mail, 'too_large');
  if (mail.calendar === undefined) return skip(deps, mail, 'no_calendar_part');
  const read = readReply(mail.calendar);
  if (!read.ok) return skip(deps, mail, read.reason);
  let last: { eventId: string; email: string; reason: string | null } | undefined;
  let firstSkip: { reason: string; eventId: string | null; email: string | null } | undefined;
  for (const item of read.items) {
    const eventId = await deps.store.eventLookup.idByUid(item.uid);
    const event = eventId ? await deps.store.events.get(eventId) : undefined;
    if (!event) {
      firstSkip ??= { reason: 'unknown_uid', eventId: null, email: null };
      continue;
    }
    if (item.sequence > event.sequence) {
      firstSkip ??= { reason: 'future_sequence', eventId: event.id, email: null };
      continue;
    }
    const key = occurrenceKeyOf(event, item);
    if (key === 'unknown') {
      firstSkip ??= { reason: 'unknown_occurrence', eventId: event.id, email: null };
      continue;
    }
    for (const answer of item.answers) {
      const invited = event.attendees.some((a) => a.email === answer.email);
      if (!invited) {
        firstSkip ??= { reason: 'not_invited', eventId: event.id, email: answer.email };
        continue;
      }
      const rsvp = rsvpOfPartstat(answer.partstat);
      if (!rsvp || rsvp === 'needs-action') {
        firstSkip ??= { reason: 'unsupported_partstat', eventId: event.id, email: answer.email };
        continue;
      }
      await deps.store.rsvps.put({
        eventId: event.id,
        email: answer.email,
        recurrenceId: key ?? '',
        rsvp,
        sequence: item.sequence,
        source: 'imap-reply',
        answeredAt: deps.clock.now(),
      });
      last = {
        eventId: event.id,
        email: answer.email,
        reason: item.sequence < event.sequence ? 'older_sequence' : null,
      };
    }
  }
  if (!last) {
    const s = firstSkip ?? { reason: 'nothing_to_record', eventId: null, email: null };
    return skip(deps, mail, s.reason, s.eventId, s.email);
  }
  const reply: MailReply = {
    messageId: mail.messageId,
    eventId: last.eventId,
    email: last.email,
    outcome: 'recorded',
    reason: last.reason,
    receivedAt: deps.clock.now(),
  };
  await deps.store.replies.insert(reply);
  return reply;
}

/**
 * PARTSTAT read back from a calendar object (`callink caldav sync` on a server that does
 * scheduling: iCloud, Fastmail, Nextcloud write attendees' answers into the organizer's copy).
 * Only our events' invitees count; NEEDS-ACTION and unknown occurrences are ignored. Returns how
 * many answers changed.
 */
export async function recordCalendarAnswers(deps: ReplyDeps, text: string): Promise<number> {
  const read = readAnswers(text);
  if (!read.ok) return 0;
  let changed = 0;
  for (const item of read.items) {
    const id = await deps.store.eventLookup.idByUid(item.uid);
    const event = id ? await deps.store.events.get(id) : undefined;
    if (!event || item.sequence > event.sequence) continue;
    const key = occurrenceKeyOf(event, item);
    if (key === 'unknown') continue;
    for (const answer of item.answers) {
      const rsvp = rsvpOfPartstat(answer.partstat);
      if (!rsvp || rsvp === 'needs-action') continue;
      if (!event.attendees.some((a) => a.email === answer.email)) continue;
      const put = await deps.store.rsvps.put({
        eventId: event.id,
        email: answer.email,
        recurrenceId: key ?? '',
        rsvp,
        sequence: item.sequence,
        source: 'caldav',
        answeredAt: deps.clock.now(),
      });
      if (put) changed++;
    }
  }
  return changed;
}
