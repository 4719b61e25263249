/**
 * Recurring meetings beyond one occurrence: a preview of what a rule makes (before saving)
 * "this and following" (the series split per RFC 5545, same call link, or ended there when
 * they are cancelled), and the agenda of upcoming occurrences.
 */
import { Router } from 'express';
import { z } from 'zod';
import { agenda, agendaAnswers } from '../../../core/agenda.js';
import type { RsvpRecord } from '../../../core/rsvp.js';
import { linkUrl } from '../../../core/links.js';
import { patchEventInput } from '../../../core/events.js';
import { previewRecurrence, recurrencePreviewInput } from '../../../core/recurrence-preview.js';
import { endSeriesFrom, splitSeries } from '../../../core/usecases/split-series.js';
import type { AppDeps } from '../context.js';
import { ownerScope } from '../principal.js';
import { parseBody } from '../validate.js';
import { eventDepsOf, viewEvent } from './events.js';

export function seriesRoutes(deps: AppDeps): Router {
  const router = Router();
  const ctx = eventDepsOf(deps);

  router.post('/recurrence/preview', (req, res) => {
    res.json(previewRecurrence(parseBody(recurrencePreviewInput, req.body)));
  });

  // Ownership of :id is checked by eventOwnershipRoutes, mounted in front.
  router.post('/events/:id/occurrences/:start/split', async (req, res) => {
    const patch = parseBody(patchEventInput, req.body);
    const d = await ctx();
    const { before, after } = await splitSeries(d, req.params.id, req.params.start, patch);
    res
      .status(before ? 201 : 200)
      .json({ before: before ? viewEvent(d, before) : null, after: viewEvent(d, after) });
  });
  // Cancel this and following: the series ends before the occurrence (update mail with the
  // UNTIL); from its first occurrence on, the whole series is cancelled (CANCEL mail).
  router.delete('/events/:id/occurrences/:start/following', async (req, res) => {
    const d = await ctx();
    const { event, cancelled } = await endSeriesFrom(d, req.params.id, req.params.start);
    res.json({ event: viewEvent(d, event), cancelled });
  });
  // The caller's upcoming occurrences (admins: everyone's), soonest first; ?days=1..366.
  router.get('/agenda', async (req, res) => {
    const { days } = parseBody(agendaQuery, { ...(req.query as Record<string, unknown>) });
    const now = deps.clock.now();
    const events = await deps.store.events.list({ ...ownerScope(req), limit: 1000 });
    const items = agenda(events, now, new Date(now.getTime() + days * 86_400_000));
    // Each event's answers are read once, and only for events with invitees on the agenda.
    const byId = new Map(events.map((e) => [e.id, e]));
    const answers = new Map<string, RsvpRecord[]>();
    for (const id of new Set(items.map((i) => i.eventId))) {
      if ((byId.get(id)?.attendees.length ?? 0) > 0)
        answers.set(id, await deps.store.rsvps.list(id));
    }
    res.json({
      from: now.toISOString(),
      days,
      items: items.map((i) => {
        const event = byId.get(i.eventId);
        const rsvps = answers.get(i.eventId);
        return {
          ...i,
          linkUrl: linkUrl(deps.config.publicUrl, i.linkId),
          answers: event && rsvps ? agendaAnswers(event, rsvps, i.recurrenceId) : null,
        };
      }),
    });
  });
  return router;
}

const agendaQuery = z
  .object({ days: z.coerce.number().int().min(1).max(366).default(28) })
  .strict();
