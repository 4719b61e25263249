/**
 * GET /api/outbox/dead (admins only): mail the SMTP server refused for good, newest first,
 * with the server's reason, so someone can fix the address instead of it being retried forever.
 * `GET /api/outbox` says how much mail is still waiting to go out.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../context.js';
import { requireAdmin } from '../principal.js';
import { parseBody } from '../validate.js';

const query = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }).strict();

export function outboxRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use('/outbox', requireAdmin());
  router.get('/outbox', async (_req, res) => {
    res.json({ pending: await deps.store.outbox.pendingCount() });
  });
  router.get('/outbox/dead', async (req, res) => {
    const q = parseBody(query, { ...(req.query as Record<string, unknown>) });
    const dead = await deps.store.outbox.listDead(q.limit ?? 100);
    res.set('Cache-Control', 'no-store');
    res.json({
      mails: dead.map((m) => ({
        id: m.id,
        eventId: m.eventId,
        to: m.to,
        subject: m.subject,
        method: m.method,
        attempts: m.attempts,
        reason: m.lastError,
        createdAt: m.createdAt.toISOString(),
        deadAt: m.deadAt?.toISOString() ?? null,
      })),
    });
  });
  return router;
}
