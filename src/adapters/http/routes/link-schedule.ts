/**
 * A link's schedule (bearer, owner): GET/PUT /api/links/:id/schedule. And for hosts in the
 * call (bearer or X-Host-Key): GET /api/links/:id/expected, the invitees of the current
 * occurrence who have not said no, each marked here or not yet.
 */
import { Router } from 'express';
import { AppError } from '../../../core/errors.js';
import { scheduleInput } from '../../../core/link-schedule.js';
import { occurrenceWindows } from '../../../core/occurrence-attendance.js';
import { rsvpFor } from '../../../core/rsvp.js';
import { callTimes, changeSchedule, eventsOfLink } from '../../../core/usecases/call-schedule.js';
import { tokenIdOfIdentity } from '../../../core/usecases/invitees.js';
import { roomOf } from '../../../core/usecases/join.js';
import { findLink } from '../../../core/usecases/links.js';
import type { AppDeps } from '../context.js';
import { requireHost } from '../host-auth.js';
import { assertOwner } from '../principal.js';
import { parseBody } from '../validate.js';

const notYours = () => new AppError('link_not_found', 'No call link has this address.');

export async function viewTimes(deps: Pick<AppDeps, 'store' | 'clock'>, linkId: string) {
  const t = await callTimes(deps, linkId);
  return {
    ...t.schedule,
    open: t.open,
    opensAt: t.opensAt?.toISOString() ?? null,
    next: t.next
      ? {
          eventId: t.next.eventId,
          title: t.next.title,
          recurrenceId: t.next.recurrenceId,
          start: t.next.start.toISOString(),
          end: t.next.end.toISOString(),
          timeZone: t.next.timeZone,
        }
      : null,
  };
}

export function linkScheduleRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/links/:id/schedule', async (req, res) => {
    const link = await findLink(deps.store, req.params.id);
    assertOwner(req, link.ownerId, notYours());
    res.json(await viewTimes(deps, link.id));
  });
  router.put('/links/:id/schedule', async (req, res) => {
    const input = parseBody(scheduleInput, req.body);
    const link = await findLink(deps.store, req.params.id);
    assertOwner(req, link.ownerId, notYours());
    await changeSchedule(deps.store, link.id, input);
    res.json(await viewTimes(deps, link.id));
  });
  return router;
}

export function expectedRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/links/:id/expected', async (req, res) => {
    const link = await findLink(deps.store, String(req.params.id));
    await requireHost(deps, req, link);
    const now = deps.clock.now();
    const events = await eventsOfLink(deps.store, link.id);
    const here = deps.rooms ? await deps.rooms.participants(roomOf(link)) : [];
    const present = new Set<string>();
    for (const p of here) {
      const id = tokenIdOfIdentity(p.identity);
      const token = id ? await deps.store.invitees.get(id) : undefined;
      if (token) present.add(`${token.eventId} ${token.email}`);
    }
    const expected: { name: string; email: string; rsvp: string; here: boolean }[] = [];
    // The occurrence running now (or starting within the hour) of each event on this link.
    for (const event of events) {
      const window = occurrenceWindows(
        event,
        new Date(now.getTime() - 86_400_000),
        new Date(now.getTime() + 3_600_000),
      ).find((w) => w.end > now);
      if (!window) continue;
      const rsvps = await deps.store.rsvps.list(event.id);
      for (const a of event.attendees) {
        const answer = rsvpFor(rsvps, a.email, window.recurrenceId)?.rsvp ?? 'none';
        if (answer === 'declined') continue;
        expected.push({
          name: a.name,
          email: a.email,
          rsvp: answer,
          here: present.has(`${event.id} ${a.email}`),
        });
      }
    }
    res.set('Cache-Control', 'no-store');
    res.json({ expected, missing: expected.filter((e) => !e.here).map((e) => e.name) });
  });
  return router;
}
