/**
 * Organizer routes (bearer) around calls: host keys to hand to co-hosts, and attendance.
 */
import { Router } from 'express';
import { viewAttendance } from '../../../core/attendance.js';
import { AppError } from '../../../core/errors.js';
import { linkUrl } from '../../../core/links.js';
import { findLink } from '../../../core/usecases/links.js';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import type { AppDeps } from '../context.js';

function dateParam(raw: unknown, name: string): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  const d = typeof raw === 'string' ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(d.getTime())) {
    throw new AppError('validation_failed', `Invalid ${name}: use an ISO date-time.`, {
      details: { field: name },
    });
  }
  return d;
}

export function callAdminRoutes(deps: AppDeps): Router {
  const router = Router();

  router.post('/links/:id/host-key', async (req, res) => {
    const link = await findLink(deps.store, req.params.id);
    const hostKey = `hk_${newSecret(24)}`;
    await deps.store.hostKeys.insert({
      linkId: link.id,
      keyHash: hashSecret(hostKey),
      createdAt: deps.clock.now(),
    });
    res.set('Cache-Control', 'no-store');
    res.status(201).json({
      hostKey,
      hostUrl: `${linkUrl(deps.config.publicUrl, link.id)}#host=${hostKey}`,
    });
  });

  router.get('/links/:id/attendance', async (req, res) => {
    const link = await findLink(deps.store, req.params.id, { allowRevoked: true });
    const from = dateParam(req.query.from, 'from');
    const to = dateParam(req.query.to, 'to');
    const records = await deps.store.attendance.list(link.id, {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
    const now = deps.clock.now();
    res.json({ linkId: link.id, attendance: records.map((r) => viewAttendance(r, now)) });
  });

  return router;
}
