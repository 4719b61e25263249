/**
 * The invites of one change for all its attendees: each attendee's iCalendar body and mail
 * text, from the event and each one's join link (and answer links). Pure and cloneable in and
 * out, so a batch for many attendees can run in a worker (adapters/jobs) while the event loop
 * keeps admitting people into calls; small batches run inline. Either way the same bytes.
 */
import type { CalendarEvent } from './events.js';
import { buildInvite, type InviteMethod } from './ics/build.js';
import { inviteMail, type MailKind } from './invite-mail.js';

export interface InviteBatch {
  event: CalendarEvent;
  kind: MailKind;
  occurrence?: string;
  stamp: Date;
  /** The link everyone without a personal one gets. */
  sharedUrl: string;
  /** One per attendee, in order: a personal link with its answer links, or null (shared). */
  people: ({ linkUrl: string; answers: { yes: string; maybe: string; no: string } } | null)[];
}

export interface InviteBatchItem {
  ics: string;
  subject: string;
  text: string;
  html: string;
}

/** At least this many attendees go to the worker pool; fewer are a few ms on the loop. */
export const POOLED_INVITE_BATCH = 8;

export function buildInviteBatch(batch: InviteBatch): InviteBatchItem[] {
  const { event, kind, occurrence } = batch;
  const method: InviteMethod = kind === 'cancel' ? 'CANCEL' : 'REQUEST';
  const build = (linkUrl: string) =>
    buildInvite(
      { event, linkUrl },
      { method, stamp: batch.stamp, ...(occurrence !== undefined ? { occurrence } : {}) },
    );
  let shared: InviteBatchItem | undefined;
  return batch.people.map((person) => {
    if (!person) {
      shared ??= {
        ics: build(batch.sharedUrl),
        ...inviteMail(event, batch.sharedUrl, kind, occurrence),
      };
      return shared;
    }
    return {
      ics: build(person.linkUrl),
      ...inviteMail(event, person.linkUrl, kind, occurrence, person.answers),
    };
  });
}
