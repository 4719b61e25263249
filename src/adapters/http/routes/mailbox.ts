/**
 * GET /api/mailbox (bearer): the REPLY mailbox's status and the replies read lately, with why
 * any was skipped. POST /api/mailbox/check reads it now.
 */
import { Router } from 'express';
import { AppError } from '../../../core/errors.js';
import type { AppDeps } from '../context.js';
import { viewReply } from './invitee-report.js';

export function mailboxRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/mailbox', async (_req, res) => {
    const replies = await deps.store.replies.list({ limit: 100 });
    res.set('Cache-Control', 'no-store');
    res.json({
      configured: deps.mailbox !== undefined,
      status: deps.mailbox?.status() ?? null,
      replies: replies.map(viewReply),
    });
  });
  router.post('/mailbox/check', async (_req, res) => {
    if (!deps.mailbox)
      throw new AppError('not_found', 'No mailbox is configured (CALLINK_IMAP_URL).');
    const processed = await deps.mailbox.checkNow().catch(() => null);
    res.json({ processed, status: deps.mailbox.status() });
  });
  return router;
}
