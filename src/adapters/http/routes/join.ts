/**
 * The routes a guest's browser calls without a bearer token: join, wait in the lobby,
 * and a throwaway room for a network check. All rate limited.
 */
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import { LOBBY_TTL_MS, clampWait } from '../../../core/lobby.js';
import { linkUrl } from '../../../core/links.js';
import { findLink } from '../../../core/usecases/links.js';
import {
  cancelTicket,
  joinCall,
  preflight,
  readTicket,
  type TicketAnswer,
} from '../../../core/usecases/join.js';
import { hashSecret } from '../../auth/secrets.js';
import { announceKnock, knockNotice } from '../../notify/knock-webhook.js';
import type { AppDeps } from '../context.js';
import { bearerPrincipal } from '../auth.js';
import { isHost } from '../host-auth.js';
import type { LobbySignal } from '../lobby-signal.js';
import { limitStoresFor } from '../rate-limit-stores.js';
import { perIp, perLink, type PublicRateLimits } from '../rate-limits.js';
import { inSequence } from '../in-sequence.js';
import { sendJson } from '../send-json.js';
import { parseBody } from '../validate.js';
import { scheduledAdmission } from './join-admission.js';

/** Name length and characters are checked by validateDisplayName, with clearer messages. */
export const joinInput = z.object({
  name: z.string({ error: 'Enter your name.' }).max(1000),
  hostKey: z.string().max(200).optional(),
  /** The personal token from the invite (`?invite=` on the join page's address). */
  invite: z.string().max(200).optional(),
  /** An exchange-mode E2EE call's browser public key (checked by parsePublicKey). */
  publicKey: z.unknown().optional(),
});

/** The joins counter's label for a refused join. */
function refusal(error: unknown): string {
  if (!(error instanceof AppError)) return 'error';
  if (error.code === 'call_full') return 'full';
  if (error.code === 'unavailable') return 'unavailable';
  return 'refused';
}

/** Remembers which tickets were already counted as expired (bounded: a metric, not a ledger). */
function onceEach(max = 10_000): (key: string) => boolean {
  let seen = new Set<string>();
  return (key) => {
    if (seen.has(key)) return false;
    if (seen.size >= max) seen = new Set();
    seen.add(key);
    return true;
  };
}

function answer(t: TicketAnswer): Record<string, unknown> {
  if (t.status !== 'admitted') return { status: t.status };
  // An E2EE guest's room key, wrapped by the admitting host for this guest's public key only.
  return { status: 'admitted', ...t.grant, ...(t.key ? { e2ee: { key: t.key } } : {}) };
}

/**
 * POST /api/links/:id/join, the hot path: its two limits and the join, as one handler (app.ts
 * mounts it on the app itself, so a join walks the fewest router layers).
 */
export function joinRoute(
  deps: AppDeps,
  signal: LobbySignal,
  limits: PublicRateLimits,
): RequestHandler {
  const stores = limitStoresFor(deps);
  const joinLimits = [
    perIp(limits.joinPerIp, stores, 'join-ip'),
    perLink(limits.joinPerLink, stores),
  ];

  const join: RequestHandler = async (req, res) => {
    const joins = deps.metrics?.joins;
    let result: Awaited<ReturnType<typeof joinCall>>;
    let link: Awaited<ReturnType<typeof findLink>>;
    try {
      const body = parseBody(joinInput, req.body);
      link = await findLink(deps.store, String(req.params.id));
      const host = await isHost(deps, req, link, body.hostKey);
      const admission = await scheduledAdmission(deps, link, host, body.invite);
      if (admission.waitForHost) {
        joins?.inc({ result: 'lobby' });
        res.setHeader('Cache-Control', 'no-store');
        res.setHeader('Retry-After', '5');
        sendJson(res, { status: 'waiting_for_host', retryAfterSeconds: 5 }, 202);
        return;
      }
      const member =
        host || admission.invitee !== undefined || (await bearerPrincipal(deps, req)) !== undefined;
      result = await joinCall(
        { ...deps, policy: await deps.policy() },
        link, // found just above: not looked up twice
        { name: body.name, userAgent: req.headers['user-agent'], publicKey: body.publicKey },
        host,
        member,
        admission.invitee,
      );
    } catch (error) {
      joins?.inc({ result: refusal(error) });
      throw error;
    }
    joins?.inc({ result: result.status === 'joined' ? 'token' : 'lobby' });
    res.setHeader('Cache-Control', 'no-store');
    if (result.status === 'joined') {
      sendJson(res, result.grant);
      return;
    }
    const notice = knockNotice(link, result.ticket, linkUrl(deps.config.publicUrl, link.id));
    void announceKnock(
      { rooms: deps.rooms, webhookUrl: deps.config.knockWebhook, logger: deps.logger },
      notice,
    );
    sendJson(
      res,
      {
        status: 'waiting',
        ticket: result.ticket.ticket,
        expiresAt: new Date(result.ticket.createdAt.getTime() + LOBBY_TTL_MS).toISOString(),
      },
      202,
    );
  };
  return inSequence([...joinLimits, join]);
}

/**
 * The other guest routes, added to `router` (app.ts passes the public API's own router, so
 * they are not walked through one more router level).
 */
export function joinRoutes(
  deps: AppDeps,
  signal: LobbySignal,
  limits: PublicRateLimits,
  router: Router = Router(),
): Router {
  const stores = limitStoresFor(deps);
  const firstExpiry = onceEach();

  router.post(
    '/links/:id/preflight',
    perIp(limits.joinPerIp, stores, 'preflight-ip'),
    async (req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      sendJson(
        res,
        await preflight({ ...deps, policy: await deps.policy() }, String(req.params.id)),
      );
    },
  );

  router.get('/lobby/:ticket', perIp(limits.pollPerIp, stores, 'poll-ip'), async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!(await deps.policy()).linksEnabled) {
      throw new AppError('links_disabled', 'Calls are disabled by your organization.');
    }
    const waitMs = clampWait(req.query.wait) * 1000;
    const deadline = Date.now() + waitMs;
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const joinDeps = { ...deps, policy: await deps.policy() };
    // Hosts answer by the ticket's handle (its hash): wait on that.
    const handle = hashSecret(String(req.params.ticket));
    let current = await readTicket(joinDeps, String(req.params.ticket), req.get('user-agent'));
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
      await signal.wait(handle, Math.min(signal.recheckMs, deadline - Date.now()), gone.signal);
      current = await readTicket(joinDeps, String(req.params.ticket), req.get('user-agent'));
    }
    if (current.status === 'expired' && firstExpiry(String(req.params.ticket))) {
      deps.metrics?.lobbyWaits.inc({ result: 'expired' });
    }
    if (!gone.signal.aborted) sendJson(res, answer(current));
  });

  router.delete('/lobby/:ticket', perIp(limits.pollPerIp), async (req, res) => {
    await cancelTicket(deps, String(req.params.ticket));
    // Wakes the guest's own long poll, which then answers "denied".
    signal.notify(hashSecret(String(req.params.ticket)));
    res.status(204).end();
  });

  return router;
}
