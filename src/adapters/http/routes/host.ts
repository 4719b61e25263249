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
import {
  forgetRemoved,
  isKeyExchange,
  relayKeys,
  storeKeyForGuest,
} from '../../../core/usecases/e2ee.js';
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
    const exchange = isKeyExchange(link);
    res.set('Cache-Control', 'no-store');
    res.json({
      waiting: await Promise.all(
        waiting.map(async (t) => ({
          ticket: t.ticket,
          name: t.name,
          since: t.createdAt.toISOString(),
          // The key a host's browser wraps the room key for, in an E2EE call.
          ...(exchange
            ? { publicKey: (await deps.store.e2ee.get(link.id, t.identity))?.publicKey ?? null }
            : {}),
        })),
      ),
    });
  });

  for (const [action, decision] of [
    ['admit', 'admitted'],
    ['deny', 'denied'],
  ] as const) {
    router.post(`/links/:id/lobby/:ticket/${action}`, async (req, res) => {
      const link = await hostLink(req);
      const asked = deps.clock.now().getTime();
      if (decision === 'admitted' && isKeyExchange(link)) {
        const ticket = await deps.store.lobby.byHandle(req.params.ticket);
        if (!ticket || ticket.linkId !== link.id) {
          throw new AppError('not_found', 'Nobody with this ticket is waiting for this call.');
        }
        await storeKeyForGuest(deps, link, ticket.identity, (req.body as { key?: unknown })?.key);
      }
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
    // Marked first: from now on no host's browser can relay this participant a key.
    await forgetRemoved(deps, link, req.params.identity);
    if (!(await removeParticipant(deps, link, req.params.identity))) {
      throw new AppError('not_found', 'Nobody with this identity is in the call.');
    }
    res.status(204).end();
  });

  router.post('/links/:id/e2ee/keys', async (req, res) => {
    const link = await hostLink(req);
    const relayed = await relayKeys(deps, link, req.body);
    res.status(202).json({ relayed });
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
