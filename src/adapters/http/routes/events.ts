/**
 * /api/events: meetings with call links, their invites (METHOD:REQUEST / CANCEL) and
 * per-occurrence changes; plus the public "add to calendar" download at /events/:id.ics.
 */
import { revokeLink } from '../../../core/usecases/links.js';
import { audit } from '../audit-note.js';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { addToCalendarLinks } from '../../../core/add-to-calendar.js';
import {
  createEventInput,
  patchEventInput,
  patchOccurrenceInput,
  type CalendarEvent,
} from '../../../core/events.js';
import { buildDownload, buildInvite, type InviteMethod } from '../../../core/ics/build.js';
import {
  cancelEvent,
  changeOccurrence,
  createEvent,
  eventLinkUrl,
  getEvent,
  updateEvent,
  type EventDeps,
} from '../../../core/usecases/schedule-event.js';
import { issueInviteeToken, personalLinkUrl } from '../../../core/usecases/invitees.js';
import { AppError } from '../../../core/errors.js';
import { hashSecret } from '../../auth/secrets.js';
import type { AppDeps } from '../context.js';
import { ownerScope } from '../principal.js';
import { parseBody } from '../validate.js';

const listQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(1000).default(100) })
  .strict();

export function sendCalendar(res: Response, body: string, method?: InviteMethod | 'PUBLISH'): void {
  res.set('Cache-Control', 'no-store');
  res.type(`text/calendar; charset=utf-8${method ? `; method=${method}` : ''}`).send(body);
}

export function viewEvent(deps: Pick<EventDeps, 'publicUrl'>, event: CalendarEvent) {
  const url = eventLinkUrl(deps, event);
  const base = deps.publicUrl;
  return {
    id: event.id,
    uid: event.uid,
    sequence: event.sequence,
    status: event.status,
    linkId: event.linkId,
    linkUrl: url,
    teamId: event.teamId,
    title: event.title,
    start: event.start,
    end: event.end,
    timeZone: event.timeZone,
    organizer: event.organizer,
    attendees: event.attendees,
    description: event.description,
    recurrence: event.recurrence,
    occurrences: event.overrides.map((o) => ({
      recurrenceId: o.recurrenceId,
      cancelled: o.cancelled,
      start: o.start,
      end: o.end,
      title: o.title,
      description: o.description,
    })),
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
    inviteUrl: `${base}/api/events/${event.id}/invite.ics`,
    icsUrl: `${base}/events/${event.id}.ics`,
    addToCalendar: { ics: `${base}/events/${event.id}.ics`, ...addToCalendarLinks(event, url) },
  };
}

export function eventDepsOf(deps: AppDeps): () => Promise<EventDeps> {
  return async () => ({
    ...deps,
    publicUrl: deps.config.publicUrl,
    policy: await deps.policy(),
    mail: deps.config.smtpUrl !== undefined,
    hashSecret,
    ...(deps.jobs ? { inviteBatch: deps.jobs.invites } : {}),
  });
}

async function personalInviteUrl(
  d: EventDeps,
  event: CalendarEvent,
  raw: unknown,
): Promise<string> {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!event.attendees.some((a) => a.email === email)) {
    throw new AppError('not_found', 'This address is not among the attendees of this event.', {
      details: { field: 'attendee' },
    });
  }
  const token = await issueInviteeToken({ ...d, hashSecret }, event, email);
  return personalLinkUrl(d.publicUrl, event.linkId, token);
}

export function eventRoutes(deps: AppDeps): Router {
  const router = Router();
  const ctx = eventDepsOf(deps);

  router.post('/events', async (req, res) => {
    const input = parseBody(createEventInput, req.body);
    const d = await ctx();
    const event = await createEvent(d, input, req.principal?.id ?? null);
    res.status(201).location(`/api/events/${event.id}`).json(viewEvent(d, event));
  });

  // The caller's events (admins: everyone's), newest first.
  router.get('/events', async (req, res) => {
    const { limit } = parseBody(listQuery, { ...(req.query as Record<string, unknown>) });
    const d = await ctx();
    const events = await deps.store.events.list({ ...ownerScope(req), limit });
    res.json({ events: events.map((e) => viewEvent(d, e)) });
  });

  router.get('/events/:id', async (req, res) => {
    const d = await ctx();
    res.json(viewEvent(d, await getEvent(d, req.params.id)));
  });

  router.patch('/events/:id', async (req, res) => {
    const patch = parseBody(patchEventInput, req.body);
    const d = await ctx();
    res.json(viewEvent(d, await updateEvent(d, req.params.id, patch)));
  });

  router.get('/events/:id/invite.ics', async (req, res) => {
    const d = await ctx();
    const event = await getEvent(d, req.params.id);
    const method: InviteMethod = event.status === 'cancelled' ? 'CANCEL' : 'REQUEST';
    // ?attendee=EMAIL: that attendee's invite to forward, with a personal link of their own.
    const url =
      req.query.attendee !== undefined && method === 'REQUEST'
        ? await personalInviteUrl(d, event, req.query.attendee)
        : eventLinkUrl(d, event);
    const body = buildInvite({ event, linkUrl: url }, { method, stamp: d.clock.now() });
    sendCalendar(res, body, method);
  });

  router.delete('/events/:id', async (req, res) => {
    const d = await ctx();
    const event = await cancelEvent(d, req.params.id);
    // ?retireLink=1 also revokes the event's call link, so nobody meets there by mistake.
    if (req.query.retireLink === '1' || req.query.retireLink === 'true') {
      const link = await deps.store.links.get(event.linkId);
      if (link && !link.revokedAt) {
        await revokeLink(deps, link.id);
        await audit(deps, req, 'link.revoke', link.id, { after: { eventId: event.id } });
        await deps.rooms?.end(link.id).catch(() => undefined);
      }
    }
    const body = buildInvite(
      { event, linkUrl: eventLinkUrl(d, event) },
      { method: 'CANCEL', stamp: d.clock.now() },
    );
    sendCalendar(res, body, 'CANCEL');
  });

  router.patch('/events/:id/occurrences/:start', async (req, res) => {
    const patch = parseBody(patchOccurrenceInput, req.body);
    const d = await ctx();
    const { event } = await changeOccurrence(d, req.params.id, req.params.start, patch);
    res.json(viewEvent(d, event));
  });

  router.delete('/events/:id/occurrences/:start', async (req, res) => {
    const d = await ctx();
    const { event, occurrence } = await changeOccurrence(
      d,
      req.params.id,
      req.params.start,
      'cancel',
    );
    const body = buildInvite(
      { event, linkUrl: eventLinkUrl(d, event) },
      { method: 'CANCEL', stamp: d.clock.now(), occurrence },
    );
    sendCalendar(res, body, 'CANCEL');
  });

  return router;
}

/** Public: the "add to calendar" .ics. The event id (128 random bits) is the capability. */
export function eventDownloadRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/events/:file', async (req, res, next) => {
    const m = /^([\w-]{1,64})\.ics$/.exec(req.params.file);
    if (!m?.[1]) {
      next();
      return;
    }
    const event = await deps.store.events.get(m[1]);
    if (!event) {
      next();
      return;
    }
    const d = { publicUrl: deps.config.publicUrl };
    res.set('Content-Disposition', `attachment; filename="${m[1]}.ics"`);
    sendCalendar(res, buildDownload({ event, linkUrl: eventLinkUrl(d, event) }), 'PUBLISH');
  });
  return router;
}
