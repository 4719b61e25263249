/**
 * Host controls, for the organizer (bearer) or a holder of a host key (X-Host-Key): the
 * lobby, the people in the call, removing or muting one, ending the call for everyone.
 */
import { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import {
  decideTicket,
  removeParticipant,
  requireRooms,
  roomOf,
  waitingGuests,
} from '../../../core/usecases/join.js';
import { findLink } from '../../../core/usecases/links.js';
import type { AppDeps } from '../context.js';
import { requireHost } from '../host-auth.js';
import type { LobbySignal } from '../lobby-signal.js';
import { parseBody } from '../validate.js';

export const muteInput = z.object({ kind: z.enum(['audio', 'video']) }).strict();

export function hostRoutes(deps: AppDeps, signal: LobbySignal): Router {
  const router = Router();
  const hostLink = async (req: Parameters<Parameters<typeof router.get>[1]>[0]) => {
    const link = await findLink(deps.store, String(req.params.id), { allowRevoked: true });
    await requireHost(deps, req, link);
    return link;
  };

  router.get('/links/:id/lobby', async (req, res) => {
    const link = await hostLink(req);
    const waiting = await waitingGuests(deps, link);
    res.set('Cache-Control', 'no-store');
    res.json({
      waiting: waiting.map((t) => ({
        ticket: t.ticket,
        name: t.name,
        since: t.createdAt.toISOString(),
      })),
    });
  });

  for (const [action, decision] of [
    ['admit', 'admitted'],
    ['deny', 'denied'],
  ] as const) {
    router.post(`/links/:id/lobby/:ticket/${action}`, async (req, res) => {
      const link = await hostLink(req);
      const asked = deps.clock.now().getTime();
      const decided = await decideTicket(deps, link, req.params.ticket, decision);
      // A repeated answer returns the earlier decision: count each knock's outcome once.
      if ((decided.decidedAt?.getTime() ?? 0) >= asked) {
        deps.metrics?.lobbyWaits.inc({ result: decision });
      }
      signal.notify(decided.ticket);
      res.status(204).end();
    });
  }

  router.get('/links/:id/participants', async (req, res) => {
    const link = await hostLink(req);
    const people = await requireRooms(deps.rooms).participants(roomOf(link));
    res.set('Cache-Control', 'no-store');
    res.json({
      participants: people.map((p) => ({
        identity: p.identity,
        name: p.name,
        host: p.host,
        joinedAt: p.joinedAt ? p.joinedAt.toISOString() : null,
        tracks: p.tracks,
      })),
    });
  });

  router.post('/links/:id/participants/:identity/remove', async (req, res) => {
    const link = await hostLink(req);
    if (!(await removeParticipant(deps, link, req.params.identity))) {
      throw new AppError('not_found', 'Nobody with this identity is in the call.');
    }
    res.status(204).end();
  });

  router.post('/links/:id/participants/:identity/mute', async (req, res) => {
    const link = await hostLink(req);
    const { kind } = parseBody(muteInput, req.body);
    const muted = await requireRooms(deps.rooms).mute(roomOf(link), req.params.identity, kind);
    if (muted < 0) throw new AppError('not_found', 'Nobody with this identity is in the call.');
    res.status(204).end();
  });

  router.post('/links/:id/end', async (req, res) => {
    const link = await hostLink(req);
    await requireRooms(deps.rooms).end(roomOf(link));
    res.status(204).end();
  });

  return router;
}
