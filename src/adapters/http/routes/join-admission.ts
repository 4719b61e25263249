/**
 * What the meeting's schedule and the personal link add to a join: a guest who comes before
 * the call opens is refused (call_not_open, with when it opens); with "guests wait until a
 * host joins", a guest is told to wait while no host is in the call; an invitee on their own
 * link gets their identity (so attendance knows who came) and, by default, skips the lobby.
 */
import type { Link } from '../../../core/links.js';
import { assertCallOpen, callTimes } from '../../../core/usecases/call-schedule.js';
import { findInvitee, inviteeIdentity } from '../../../core/usecases/invitees.js';
import { roomOf } from '../../../core/usecases/join.js';
import { hashSecret } from '../../auth/secrets.js';
import type { AppDeps } from '../context.js';

export interface Admission {
  invitee: { identity: string; skipLobby: boolean } | undefined;
  waitForHost: boolean;
}

export async function scheduledAdmission(
  deps: AppDeps,
  link: Link,
  host: boolean,
  invite: string | undefined,
): Promise<Admission> {
  const times = await callTimes(deps, link.id);
  if (host) return { invitee: undefined, waitForHost: false };
  assertCallOpen(times);
  // A token of another link, or a revoked one, is worth nothing: the join is a guest's.
  const found = invite ? await findInvitee({ ...deps, hashSecret }, invite) : undefined;
  const invitee =
    found && found.token.linkId === link.id
      ? {
          identity: inviteeIdentity(found.token.id, deps.ids.randomBytes(6)),
          skipLobby: times.schedule.inviteesSkipLobby,
        }
      : undefined;
  if (times.schedule.waitForHost && deps.rooms) {
    const people = await deps.rooms.participants(roomOf(link));
    if (!people.some((p) => p.host)) return { invitee, waitForHost: true };
  }
  return { invitee, waitForHost: false };
}
