/**
 * Organizer routes (bearer) around calls: host keys to hand to co-hosts, and attendance.
 */
import { Router } from 'express';
import { viewAttendance } from '../../../core/attendance.js';
import { AppError } from '../../../core/errors.js';
import { linkUrl } from '../../../core/links.js';
import {
  OCCURRENCE_MARGIN_MS,
  attendanceByOccurrence,
} from '../../../core/occurrence-attendance.js';
import { findLink } from '../../../core/usecases/links.js';
import { getEvent } from '../../../core/usecases/schedule-event.js';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import { inlineJobs } from '../../jobs/jobs.js';
import type { AppDeps } from '../context.js';
import { audit } from '../audit-note.js';
import { assertOwner } from '../principal.js';

/** Another organizer's link looks unknown, as in routes/links.ts. */
const notYours = () => new AppError('link_not_found', 'No call link has this address.');

function dateParam(raw: unknown, name: string): Date | undefined {
  if (raw === undefined || raw === '') return undefined;
  const d = typeof raw === 'string' ? new Date(raw) : new Date(NaN);
  // Years outside 1900-9999 are refused: date arithmetic on them leaves the Date range.
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1900 || d.getUTCFullYear() > 9999) {
    throw new AppError(
      'validation_failed',
      `Invalid ${name}: use an ISO date-time between the years 1900 and 9999.`,
      { details: { field: name } },
    );
  }
  return d;
}

export function callAdminRoutes(deps: AppDeps): Router {
  const router = Router();
  const jobs = deps.jobs ?? inlineJobs();

  router.post('/links/:id/host-key', async (req, res) => {
    const link = await findLink(deps.store, req.params.id);
    assertOwner(req, link.ownerId, notYours());
    const hostKey = `hk_${newSecret(24)}`;
    const createdAt = deps.clock.now();
    const expiresAt = new Date(createdAt.getTime() + deps.config.hostKeyTtlDays * 86_400_000);
    const keyHash = hashSecret(hostKey);
    await deps.store.hostKeys.insert({ linkId: link.id, keyHash, createdAt, expiresAt });
    const id = keyHash.slice(0, 16);
    await audit(deps, req, 'host_key.create', id, { after: { linkId: link.id, expiresAt } });
    res.set('Cache-Control', 'no-store');
    res.status(201).json({
      id,
      hostKey,
      hostUrl: `${linkUrl(deps.config.publicUrl, link.id)}#host=${hostKey}`,
      expiresAt: expiresAt.toISOString(),
    });
  });

  // Host keys of a link (never the keys themselves), and revoking one.
  router.get('/links/:id/host-keys', async (req, res) => {
    const link = await findLink(deps.store, req.params.id, { allowRevoked: true });
    assertOwner(req, link.ownerId, notYours());
    const ttl = deps.config.hostKeyTtlDays * 86_400_000;
    const now = deps.clock.now().getTime();
    res.set('Cache-Control', 'no-store');
    res.json({
      hostKeys: (await deps.store.hostKeys.list(link.id)).map((k) => {
        const expires = k.expiresAt ?? new Date(k.createdAt.getTime() + ttl);
        return {
          id: k.id,
          createdAt: k.createdAt.toISOString(),
          expiresAt: expires.toISOString(),
          revokedAt: k.revokedAt?.toISOString() ?? null,
          active: !k.revokedAt && !link.revokedAt && expires.getTime() > now,
        };
      }),
    });
  });

  router.delete('/links/:id/host-keys/:keyId', async (req, res) => {
    const link = await findLink(deps.store, req.params.id, { allowRevoked: true });
    assertOwner(req, link.ownerId, notYours());
    if (!(await deps.store.hostKeys.revoke(link.id, req.params.keyId, deps.clock.now()))) {
      throw new AppError('not_found', 'This link has no such active host key.');
    }
    await audit(deps, req, 'host_key.revoke', req.params.keyId, { after: { linkId: link.id } });
    res.status(204).end();
  });

  router.get('/links/:id/attendance', async (req, res) => {
    const link = await findLink(deps.store, req.params.id, { allowRevoked: true });
    assertOwner(req, link.ownerId, notYours());
    const from = dateParam(req.query.from, 'from');
    const to = dateParam(req.query.to, 'to');
    const records = await deps.store.attendance.list(link.id, {
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
    const now = deps.clock.now();
    res.json({ linkId: link.id, attendance: records.map((r) => viewAttendance(r, now)) });
  });

  // Per occurrence of an event (default: its occurrences of the last 90 days up to now).
  router.get('/events/:id/attendance', async (req, res) => {
    const event = await getEvent(deps, req.params.id);
    assertOwner(req, event.ownerId, new AppError('not_found', 'No event has this id.'));
    const now = deps.clock.now();
    const to = dateParam(req.query.to, 'to') ?? now;
    const from = dateParam(req.query.from, 'from') ?? new Date(to.getTime() - 90 * 86_400_000);
    const windows = await jobs.occurrences(event, from, to);
    const records = await deps.store.attendance.list(event.linkId, {
      from: new Date(from.getTime() - OCCURRENCE_MARGIN_MS),
      to: new Date(
        Math.max(to.getTime(), ...windows.map((w) => w.end.getTime())) + OCCURRENCE_MARGIN_MS,
      ),
    });
    res.json({
      eventId: event.id,
      linkId: event.linkId,
      occurrences: attendanceByOccurrence(windows, records, now),
    });
  });

  return router;
}
