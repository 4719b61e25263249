/**
 * What the join page adds for personal links and scheduled calls: the invitee's name (from
 * the `invite` query parameter, only for a valid token of this link) and, while the call is
 * not open yet, when it opens, with the server's clock so the countdown is right even when
 * the visitor's clock is not.
 */
import type { Request } from 'express';
import type { Link } from '../../core/links.js';
import { callTimes } from '../../core/usecases/call-schedule.js';
import { INVITE_PARAM, findInvitee } from '../../core/usecases/invitees.js';
import { hashSecret } from '../auth/secrets.js';
import type { AppDeps } from './context.js';

export interface JoinPageExtras {
  invitee: { name: string } | null;
  /** Null while the call is open. */
  closed: { opensAt: string | null; startsAt: string | null; title: string | null } | null;
  serverNow: string;
}

export async function joinPageExtras(
  link: Link,
  deps: AppDeps,
  req: Request | undefined,
): Promise<JoinPageExtras> {
  const raw = req?.query[INVITE_PARAM];
  const found =
    typeof raw === 'string' ? await findInvitee({ ...deps, hashSecret }, raw) : undefined;
  const times = await callTimes(deps, link.id);
  return {
    invitee: found && found.token.linkId === link.id ? { name: found.attendee.name } : null,
    closed: times.open
      ? null
      : {
          opensAt: times.opensAt?.toISOString() ?? null,
          startsAt: times.next?.start.toISOString() ?? null,
          title: times.next?.title ?? null,
        },
    serverNow: deps.clock.now().toISOString(),
  };
}
