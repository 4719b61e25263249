/**
 * Scheduling meetings with call links: create, change, cancel, and the same for one occurrence
 * of a series. Every real change raises SEQUENCE; the link never changes. With mail on, each
 * change queues one invite per attendee in the same transaction as the change itself.
 */
import { AppError } from '../errors.js';
import {
  checkPeople,
  checkSchedule,
  occurrenceKey,
  sameInvite,
  type CalendarEvent,
  type CreateEventInput,
  type PatchEventInput,
  type PatchOccurrenceInput,
} from '../events.js';
import { type InviteMethod } from '../ics/build.js';
import {
  buildInviteBatch,
  POOLED_INVITE_BATCH,
  type InviteBatch,
  type InviteBatchItem,
} from '../invite-batch.js';
import { occurrenceEnd } from '../ics/event-dates.js';
import type { MailKind } from '../invite-mail.js';
import { base64Url, linkUrl } from '../links.js';
import type { NewMail } from '../ports.js';
import { issueInviteeToken, personalLinkUrl, rsvpUrl } from './invitees.js';
import { createLink, findLink, type LinkDeps } from './links.js';

export interface EventDeps extends LinkDeps {
  /** Queue invites by mail (CALLINK_SMTP_URL set). */
  mail: boolean;
  /** Given: each mailed invite carries the attendee's personal link and answer buttons. */
  hashSecret?: ((secret: string) => string) | undefined;
  /** Builds a large batch of invites off the event loop (the worker pool); inline when absent. */
  inviteBatch?: ((batch: InviteBatch) => Promise<InviteBatchItem[]>) | undefined;
}

export const newId = (deps: EventDeps) => base64Url(deps.ids.randomBytes(16));

export async function getEvent(deps: Pick<EventDeps, 'store'>, id: string): Promise<CalendarEvent> {
  const event = /^[\w-]{1,64}$/.test(id) ? await deps.store.events.get(id) : undefined;
  if (!event) throw new AppError('not_found', 'No event has this id.');
  return event;
}

export function eventLinkUrl(deps: Pick<EventDeps, 'publicUrl'>, event: CalendarEvent): string {
  return linkUrl(deps.publicUrl, event.linkId);
}

/**
 * One mail per attendee. With personal links on (hashSecret given), each invite carries the
 * attendee's own join link and Yes / Maybe / No answer links; a cancel needs neither. The
 * tokens and ids are made here (the store, in attendee order as before); the bodies by
 * buildInviteBatch, in the worker pool for a large batch (deps.inviteBatch).
 */
export async function mails(
  deps: EventDeps,
  event: CalendarEvent,
  kind: MailKind,
  occurrence?: string,
): Promise<NewMail[]> {
  if (!deps.mail || event.attendees.length === 0) return [];
  const method: InviteMethod = kind === 'cancel' ? 'CANCEL' : 'REQUEST';
  const url = eventLinkUrl(deps, event);
  const now = deps.clock.now();
  const personal = kind !== 'cancel' && deps.hashSecret !== undefined;
  const people: InviteBatch['people'] = [];
  const ids: string[] = [];
  for (const a of event.attendees) {
    if (personal && deps.hashSecret) {
      const token = await issueInviteeToken(
        { ...deps, hashSecret: deps.hashSecret },
        event,
        a.email,
      );
      people.push({
        linkUrl: personalLinkUrl(deps.publicUrl, event.linkId, token),
        answers: {
          yes: rsvpUrl(deps.publicUrl, token, 'yes'),
          maybe: rsvpUrl(deps.publicUrl, token, 'maybe'),
          no: rsvpUrl(deps.publicUrl, token, 'no'),
        },
      });
    } else {
      people.push(null);
    }
    ids.push(newId(deps));
  }
  const batch: InviteBatch = {
    event,
    kind,
    stamp: now,
    sharedUrl: url,
    people,
    ...(occurrence !== undefined ? { occurrence } : {}),
  };
  const items =
    deps.inviteBatch && people.length >= POOLED_INVITE_BATCH
      ? await deps.inviteBatch(batch)
      : buildInviteBatch(batch);
  return event.attendees.map((a, i) => {
    const item = items[i] as InviteBatchItem;
    return {
      id: ids[i] as string,
      eventId: event.id,
      to: a.name ? `"${a.name.replace(/["\\]/g, '')}" <${a.email}>` : a.email,
      subject: item.subject,
      text: item.text,
      html: item.html,
      ics: item.ics,
      method,
      createdAt: now,
    };
  });
}

export async function createEvent(
  deps: EventDeps,
  input: CreateEventInput,
  ownerId: string | null,
): Promise<CalendarEvent> {
  const schedule = checkSchedule(input);
  checkPeople(input.organizer, input.attendees);
  if (input.teamId && !(await deps.store.teams.get(input.teamId))) {
    throw new AppError('not_found', 'No team has this id.', { details: { field: 'teamId' } });
  }
  const linkId = input.linkId
    ? (await findLink(deps.store, input.linkId)).id
    : (await createLink(deps, { title: input.title }, ownerId)).id;
  const now = deps.clock.now();
  const id = newId(deps);
  const host = new URL(deps.publicUrl).hostname || 'callink';
  const event: CalendarEvent = {
    id,
    uid: `${id}@${host}`,
    sequence: 0,
    linkId,
    teamId: input.teamId ?? null,
    ownerId,
    title: input.title,
    ...schedule,
    organizer: input.organizer,
    attendees: input.attendees,
    description: input.description ?? null,
    overrides: [],
    ...(input.language ? { language: input.language } : {}),
    status: 'confirmed',
    createdAt: now,
    updatedAt: now,
    cancelledAt: null,
  };
  await deps.store.events.insert(event, await mails(deps, event, 'invite'));
  return event;
}

export async function save(
  deps: EventDeps,
  next: CalendarEvent,
  previous: CalendarEvent,
  kind: MailKind,
  occurrence?: string,
  extra: NewMail[] = [],
): Promise<CalendarEvent> {
  const queued = [...(await mails(deps, next, kind, occurrence)), ...extra];
  const ok = await deps.store.events.update(next, previous, queued);
  if (!ok) {
    throw new AppError('conflict', 'The event was changed at the same time; fetch it and retry.');
  }
  return next;
}

export function live(event: CalendarEvent): void {
  if (event.status === 'cancelled') {
    throw new AppError('conflict', 'This event was cancelled; it can no longer be changed.');
  }
}

export async function updateEvent(
  deps: EventDeps,
  id: string,
  patch: PatchEventInput,
): Promise<CalendarEvent> {
  const previous = await getEvent(deps, id);
  live(previous);
  const merged = { ...previous, ...definedOnly(patch) };
  const schedule = checkSchedule(merged);
  checkPeople(merged.organizer, merged.attendees);
  if (
    merged.teamId &&
    merged.teamId !== previous.teamId &&
    !(await deps.store.teams.get(merged.teamId))
  ) {
    throw new AppError('not_found', 'No team has this id.', { details: { field: 'teamId' } });
  }
  if (merged.linkId !== previous.linkId)
    merged.linkId = (await findLink(deps.store, merged.linkId)).id;
  const candidate: CalendarEvent = {
    ...merged,
    ...schedule,
    description: merged.description ?? null,
    teamId: merged.teamId ?? null,
    // A new time or rule makes old per-occurrence changes meaningless.
    overrides:
      schedule.start === previous.start && schedule.recurrence === previous.recurrence
        ? previous.overrides
        : [],
  };
  if (sameInvite(candidate, previous)) return previous;
  const next = { ...candidate, sequence: previous.sequence + 1, updatedAt: bump(deps, previous) };
  // People taken off the list get a CANCEL, or the meeting stays in their calendars.
  const kept = new Set(next.attendees.map((a) => a.email));
  const removed = previous.attendees.filter((a) => !kept.has(a.email));
  const extra =
    removed.length > 0 ? await mails(deps, { ...next, attendees: removed }, 'cancel') : [];
  const saved = await save(deps, next, previous, 'update', undefined, extra);
  // Their personal links die with their place on the list.
  if (removed.length > 0) {
    await deps.store.invitees.revoke(
      next.id,
      removed.map((a) => a.email),
      deps.clock.now(),
    );
  }
  return saved;
}

export async function cancelEvent(deps: EventDeps, id: string): Promise<CalendarEvent> {
  const previous = await getEvent(deps, id);
  if (previous.status === 'cancelled') return previous;
  const at = bump(deps, previous);
  const next: CalendarEvent = {
    ...previous,
    status: 'cancelled',
    sequence: previous.sequence + 1,
    updatedAt: at,
    cancelledAt: at,
  };
  return save(deps, next, previous, 'cancel');
}

export async function changeOccurrence(
  deps: EventDeps,
  id: string,
  rawStart: string,
  patch: PatchOccurrenceInput | 'cancel',
): Promise<{ event: CalendarEvent; occurrence: string }> {
  const previous = await getEvent(deps, id);
  live(previous);
  const key = occurrenceKey(previous, rawStart);
  const old = previous.overrides.find((o) => o.recurrenceId === key);
  if (old?.cancelled) throw new AppError('conflict', 'This occurrence was already cancelled.');
  const sequence = previous.sequence + 1;
  const override =
    patch === 'cancel'
      ? {
          recurrenceId: key,
          cancelled: true,
          start: null,
          end: null,
          title: null,
          description: null,
          sequence,
        }
      : {
          recurrenceId: key,
          cancelled: false,
          start: patch.start ?? old?.start ?? null,
          end: patch.end ?? old?.end ?? null,
          title: patch.title ?? old?.title ?? null,
          description:
            patch.description !== undefined ? patch.description : (old?.description ?? null),
          sequence,
        };
  if (override.start !== null || override.end !== null) {
    const start = override.start ?? key;
    const end = override.end ?? occurrenceEnd(previous, start);
    const checked = checkSchedule({ start, end, timeZone: previous.timeZone });
    override.start = checked.start;
    override.end = checked.end;
  }
  const next: CalendarEvent = {
    ...previous,
    overrides: [...previous.overrides.filter((o) => o.recurrenceId !== key), override],
    sequence,
    updatedAt: bump(deps, previous),
  };
  await save(deps, next, previous, patch === 'cancel' ? 'cancel' : 'update', key);
  return { event: next, occurrence: key };
}

/** updatedAt must move forward even when the clock stands still (pinned in tests). */
export function bump(deps: EventDeps, previous: CalendarEvent): Date {
  const now = deps.clock.now();
  return now > previous.updatedAt ? now : new Date(previous.updatedAt.getTime() + 1);
}

export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
