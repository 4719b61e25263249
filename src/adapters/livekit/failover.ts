/**
 * Several LiveKit nodes of one cluster (same keys, one Redis), as named in LIVEKIT_URL: every
 * call goes to the node that answered last, and moves on to the next when that one is
 * unavailable. A node that failed is skipped for a few seconds so that joins do not each pay
 * its timeout. Any node can serve any room, so a join token is good on all of them; the URL
 * handed to the browser is the node that just answered.
 */
import { AppError } from '../../core/errors.js';
import type { Rooms } from '../../core/ports.js';

const SKIP_FAILED_MS = 5000;

export function createFailoverRooms(nodes: readonly Rooms[], now: () => number = Date.now): Rooms {
  if (nodes.length === 0) throw new Error('no LiveKit nodes');
  if (nodes.length === 1) return nodes[0] as Rooms;
  let current = 0;
  const failedAt = new Map<number, number>();

  const attempt = async <T>(fn: (rooms: Rooms) => Promise<T>): Promise<T> => {
    const order = nodes.map((_, i) => (current + i) % nodes.length);
    // Nodes that failed a moment ago go last, not away: when all failed, try them anyway.
    const fresh = order.filter((i) => now() - (failedAt.get(i) ?? -Infinity) > SKIP_FAILED_MS);
    const stale = order.filter((i) => !fresh.includes(i));
    let last: unknown;
    for (const i of [...fresh, ...stale]) {
      try {
        const result = await fn(nodes[i] as Rooms);
        current = i;
        failedAt.delete(i);
        return result;
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'unavailable') throw error;
        failedAt.set(i, now());
        last = error;
      }
    }
    throw last;
  };

  return {
    get url() {
      return (nodes[current] as Rooms).url;
    },
    iceServers: (nodes[0] as Rooms).iceServers,
    // Signing needs no server; every node has the same keys.
    token: (grant) => (nodes[current] as Rooms).token(grant),
    participants: (room) => attempt((r) => r.participants(room)),
    occupancy: (room, options) => attempt((r) => r.occupancy(room, options)),
    remove: (room, identity) => attempt((r) => r.remove(room, identity)),
    mute: (room, identity, kind) => attempt((r) => r.mute(room, identity, kind)),
    end: (room) => attempt((r) => r.end(room)),
    notify: (room, identities, topic, payload) =>
      attempt((r) => r.notify(room, identities, topic, payload)),
    async up() {
      const answers = await Promise.all(nodes.map((n) => n.up()));
      // Browsers are sent to `url`: move it off a node that stopped answering.
      if (!answers[current]) {
        const next = answers.findIndex(Boolean);
        if (next >= 0) current = next;
      }
      return answers.some(Boolean);
    },
  };
}
