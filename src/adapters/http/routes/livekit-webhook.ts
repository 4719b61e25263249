/**
 * POST /livekit/webhook: LiveKit reports who joined and left each room. The signature is
 * checked over the raw body before anything is read from it; a forged call records nothing.
 * Every node of a LiveKit cluster sends here through the load balancer, so any instance may
 * get any event, late (retried) or twice: times come from the event itself (`createdAt`), and
 * each event id takes effect once.
 */
import express, { Router } from 'express';
import { AppError } from '../../../core/errors.js';
import { linkIdOfRoom, roomOf } from '../../../core/usecases/join.js';
import type { AppDeps } from '../context.js';

interface ParticipantInfoLike {
  sid?: string;
  identity?: string;
  name?: string;
  joinedAt?: bigint | number;
  joinedAtMs?: bigint | number;
}
interface WebhookEventLike {
  id?: string;
  event?: string;
  createdAt?: bigint | number;
  room?: { name?: string };
  participant?: ParticipantInfoLike;
}

function joinedAt(p: ParticipantInfoLike, fallback: Date): Date {
  const ms = Number(p.joinedAtMs ?? 0) || Number(p.joinedAt ?? 0) * 1000;
  return ms > 0 ? new Date(ms) : fallback;
}

export function livekitWebhookRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post(
    '/livekit/webhook',
    express.raw({ type: () => true, limit: '256kb' }),
    async (req, res) => {
      const verify = deps.verifyLivekitWebhook;
      if (!verify) throw new AppError('not_found', 'No media server is configured.');
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const event = (await verify(raw, req.get('authorization'))) as WebhookEventLike;
      const linkId = linkIdOfRoom(event.room?.name ?? '');
      const at = event.createdAt ? new Date(Number(event.createdAt) * 1000) : deps.clock.now();
      const p = event.participant;
      // A removed guest reconnecting with a token from before the removal is put out again.
      if (
        linkId &&
        p?.identity &&
        event.event === 'participant_joined' &&
        (await deps.store.lobby.isRemoved(linkId, p.identity))
      ) {
        await deps.rooms?.remove(roomOf({ id: linkId }), p.identity).catch(() => false);
        res.json({ ok: true });
        return;
      }
      const apply = async (store: typeof deps.store) => {
        if (event.id && !(await store.attendance.firstDelivery(event.id, deps.clock.now()))) return;
        if (linkId && p?.sid && p.identity) {
          const record = {
            sessionId: p.sid,
            linkId,
            identity: p.identity,
            name: p.name ?? '',
            joinedAt: joinedAt(p, at),
          };
          if (event.event === 'participant_joined') await store.attendance.joined(record);
          // The leave happened when LiveKit says, not when (after retries) the report arrived.
          if (event.event === 'participant_left') {
            await store.attendance.left({ ...record, leftAt: at });
          }
        }
        if (linkId && event.event === 'room_finished') {
          await store.attendance.closeAll(linkId, at);
        }
      };
      await deps.store.transaction(apply);
      res.json({ ok: true });
    },
  );
  return router;
}
