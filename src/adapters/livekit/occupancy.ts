/**
 * How full a room is, without one media-server round trip per join: a burst of people opening
 * the same link at the start of a meeting shares one lookup (asks that arrive while it is under
 * way wait for it). A count may also be reused for `maxAgeMs`, with the join tokens handed out
 * since then added so the answer never understates what this instance knows; a caller about to
 * refuse someone asks again with `fresh`. Admission uses maxAgeMs 0 (see rooms.ts). (Tokens issued by other instances within that window are caught by the
 * media server's own cap, which the join page reports as "full" too.)
 */
interface Entry {
  count: number;
  at: number;
  issued: number;
}

export interface Occupancy {
  /** With `fresh`, the server is asked now (tokens handed out before are no longer added). */
  get(room: string, options?: { fresh?: boolean }): Promise<number>;
  /** A join token for the room was just handed out. */
  issued(room: string): void;
  /** The room changed in a way we caused (someone removed, call ended): read it afresh. */
  forget(room: string): void;
}

export function createOccupancy(
  count: (room: string) => Promise<number>,
  options: { maxAgeMs?: number; maxRooms?: number; now?: () => number } = {},
): Occupancy {
  const maxAge = options.maxAgeMs ?? 1000;
  const maxRooms = options.maxRooms ?? 10_000;
  const now = options.now ?? (() => performance.now());
  const entries = new Map<string, Entry>();
  const inflight = new Map<string, Promise<number>>();

  const read = (room: string): Promise<number> => {
    let pending = inflight.get(room);
    if (!pending) {
      const started = now();
      pending = count(room)
        .then((n) => {
          if (entries.size >= maxRooms) entries.clear();
          entries.set(room, { count: n, at: started, issued: 0 });
          return n;
        })
        .finally(() => inflight.delete(room));
      inflight.set(room, pending);
    }
    return pending;
  };

  return {
    async get(room, options = {}) {
      const entry = entries.get(room);
      if (entry && !options.fresh && now() - entry.at < maxAge) return entry.count + entry.issued;
      entries.delete(room);
      const n = await read(room);
      return n + (entries.get(room)?.issued ?? 0);
    },
    issued(room) {
      const entry = entries.get(room);
      if (entry) entry.issued++;
    },
    forget(room) {
      entries.delete(room);
    },
  };
}
