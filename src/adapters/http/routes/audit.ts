/**
 * GET /api/audit (admins only): policy and key changes, newest first.
 * `?limit=` (1..1000, default 100) and `?before=<entry id>` to page on.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../context.js';
import { requireAdmin } from '../principal.js';
import { parseBody } from '../validate.js';

const query = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    before: z.string().min(1).max(64).optional(),
  })
  .strict();

export function auditRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/audit', requireAdmin());
  router.get('/audit', async (req, res) => {
    const q = parseBody(query, { ...(req.query as Record<string, unknown>) });
    const entries = await deps.store.audit.list({
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
      ...(q.before !== undefined ? { before: q.before } : {}),
    });
    res.json({
      entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })),
      next: entries.length > 0 && entries.length === (q.limit ?? 100) ? entries.at(-1)?.id : null,
    });
  });
  return router;
}
