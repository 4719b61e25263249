/**
 * Recurring meetings beyond one occurrence: a preview of what a rule makes (before saving)
 * and "this and following" (the series split per RFC 5545, same call link).
 */
import { Router } from 'express';
import { patchEventInput } from '../../../core/events.js';
import { previewRecurrence, recurrencePreviewInput } from '../../../core/recurrence-preview.js';
import { splitSeries } from '../../../core/usecases/split-series.js';
import type { AppDeps } from '../context.js';
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
  return router;
}
