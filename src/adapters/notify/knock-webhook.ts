/**
 * Tells hosts someone is knocking: a data message to the hosts in the call, and a POST to
 * the configured webhook (CALLINK_KNOCK_WEBHOOK) so a knock reaches someone even when no
 * host is in the call. Both are best effort: a failure is logged, never shown to the guest.
 */
import type { Logger } from 'pino';
import type { Link } from '../../core/links.js';
import type { LobbyTicket } from '../../core/lobby.js';
import type { Rooms } from '../../core/ports.js';
import { hashSecret } from '../auth/secrets.js';
import { roomOf } from '../../core/usecases/join.js';

export const KNOCK_TOPIC = 'callink.lobby';

export interface KnockNotice {
  type: 'lobby.knock';
  linkId: string;
  title: string | null;
  joinUrl: string;
  ticket: string;
  name: string;
  since: string;
}

export function knockNotice(link: Link, ticket: LobbyTicket, joinUrl: string): KnockNotice {
  return {
    type: 'lobby.knock',
    linkId: link.id,
    title: link.title,
    joinUrl,
    // The handle hosts answer by, never the guest's own ticket (that would let a host, or
    // anyone reading the webhook, take the guest's place).
    ticket: hashSecret(ticket.ticket),
    name: ticket.name,
    since: ticket.createdAt.toISOString(),
  };
}

export async function announceKnock(
  deps: { rooms: Rooms | undefined; webhookUrl: string | undefined; logger: Logger },
  notice: KnockNotice,
): Promise<void> {
  const tasks: Promise<unknown>[] = [];
  if (deps.rooms) {
    const rooms = deps.rooms;
    const room = roomOf({ id: notice.linkId });
    tasks.push(
      rooms.participants(room).then((people) =>
        rooms.notify(
          room,
          people.filter((p) => p.host).map((p) => p.identity),
          KNOCK_TOPIC,
          notice,
        ),
      ),
    );
  }
  if (deps.webhookUrl) {
    tasks.push(
      fetch(deps.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'callink' },
        body: JSON.stringify(notice),
        signal: AbortSignal.timeout(5000),
        redirect: 'error',
      }).then((res) => {
        if (!res.ok) throw new Error(`knock webhook answered ${res.status}`);
      }),
    );
  }
  const results = await Promise.allSettled(tasks);
  for (const r of results) {
    if (r.status === 'rejected') {
      // No link id: it is the call's secret address (and the room's name).
      deps.logger.warn({ err: r.reason }, 'could not announce a knock');
    }
  }
}
