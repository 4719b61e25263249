/**
 * The routes a guest's browser calls without a bearer token: join, wait in the lobby,
 * and a throwaway room for a network check. All rate limited.
 */
import { Router } from 'express';
import { z } from 'zod';
import { LOBBY_TTL_MS, clampWait } from '../../../core/lobby.js';
import { linkUrl } from '../../../core/links.js';
import { findLink } from '../../../core/usecases/links.js';
import { joinCall, preflight, readTicket, type TicketAnswer } from '../../../core/usecases/join.js';
import { announceKnock, knockNotice } from '../../notify/knock-webhook.js';
import type { AppDeps } from '../context.js';
import { AppError } from '../../../core/errors.js';
import { assertMayJoin } from '../../../core/policy.js';
import { bearerPrincipal } from '../auth.js';
import { isHost } from '../host-auth.js';
import type { LobbySignal } from '../lobby-signal.js';
import { perIp, perLink, type PublicRateLimits } from '../rate-limits.js';
import { parseBody } from '../validate.js';

/** Name length and characters are checked by validateDisplayName, with clearer messages. */
export const joinInput = z.object({
  name: z.string({ error: 'Enter your name.' }).max(1000),
  hostKey: z.string().max(200).optional(),
});

function answer(t: TicketAnswer): Record<string, unknown> {
  return t.status === 'admitted' ? { status: 'admitted', ...t.grant } : { status: t.status };
}

export function joinRoutes(deps: AppDeps, signal: LobbySignal, limits: PublicRateLimits): Router {
  const router = Router();
  const joinLimits = [perIp(limits.joinPerIp), perLink(limits.joinPerLink)];

  router.post('/links/:id/join', ...joinLimits, async (req, res) => {
    const body = parseBody(joinInput, req.body);
    const link = await findLink(deps.store, String(req.params.id));
    const host = await isHost(deps, req, link, body.hostKey);
    // Policy: calls switched off, members only (a host, or anyone with a valid key), size cap.
    const policy = await deps.policy();
    assertMayJoin(policy, host || (await bearerPrincipal(deps, req)) !== undefined);
    const result = await joinCall(
      { ...deps, callCap: policy.maxParticipants },
      link.id,
      { name: body.name },
      host,
    );
    res.set('Cache-Control', 'no-store');
    if (result.status === 'joined') {
      res.json(result.grant);
      return;
    }
    const notice = knockNotice(link, result.ticket, linkUrl(deps.config.publicUrl, link.id));
    void announceKnock(
      { rooms: deps.rooms, webhookUrl: deps.config.knockWebhook, logger: deps.logger },
      notice,
    );
    res.status(202).json({
      status: 'waiting',
      ticket: result.ticket.ticket,
      expiresAt: new Date(result.ticket.createdAt.getTime() + LOBBY_TTL_MS).toISOString(),
    });
  });

  router.post('/links/:id/preflight', perIp(limits.joinPerIp), async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await preflight(deps, String(req.params.id)));
  });

  router.get('/lobby/:ticket', perIp(limits.pollPerIp), async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!(await deps.policy()).linksEnabled) {
      throw new AppError('links_disabled', 'Calls are disabled by your organization.');
    }
    const waitMs = clampWait(req.query.wait) * 1000;
    const deadline = Date.now() + waitMs;
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    let current = await readTicket(deps, String(req.params.ticket));
    // A server that is shutting down (no longer listening) answers at once, so long polls
    // never hold up a graceful drain; the guest simply polls again.
    const server = (req.socket as { server?: { listening?: boolean } }).server;
    const draining = () => server?.listening === false;
    while (
      current.status === 'waiting' &&
      Date.now() < deadline &&
      !gone.signal.aborted &&
      !draining()
    ) {
      await signal.wait(
        String(req.params.ticket),
        Math.min(1000, deadline - Date.now()),
        gone.signal,
      );
      current = await readTicket(deps, String(req.params.ticket));
    }
    if (!gone.signal.aborted) res.json(answer(current));
  });

  return router;
}
