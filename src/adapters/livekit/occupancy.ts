/**
 * How full a room is, without one media-server round trip per join.
 *
 * - A burst of people opening the same link shares one lookup: asks that arrive while it is
 *   under way wait for it.
 * - A count stays usable for `reuseMs` after its lookup (1 s by default), as an estimate that
 *   errs high: the count plus every seat handed out since `pendingMs` (10 s) before the lookup
 *   began (`taken`), whether or not that person has connected yet. A token handed out shortly
 *   before a lookup may not be in the room when the lookup asks, and so in neither: a full run
 *   saw two people admitted, a lookup made before they connected, and a third let in past a
 *   cap of 2 on that count. Someone counted twice (connected and recent) only makes the
 *   estimate reach the cap sooner, and the cap is always confirmed fresh (below).
 * - When the estimate reaches the cap, the caller asks again with `fresh` before it refuses
 *   anyone, so nobody is turned away on a reused count: the media server confirms every
 *   "full". Fresh asks share the one fresh lookup in flight for the room (it started after
 *   they were asked for, or within that lookup's own round trip), so a room at its cap costs
 *   one lookup per round trip, not one per person refused.
 * - A failed lookup leaves nothing behind, and neither does a failed health probe (forget), so
 *   a media server that stopped answering is noticed by the next join, not reused.
 *
 * What this allows: for at most `reuseMs`, joins through other instances of a cluster are not
 * in this instance's estimate. At the cap the media server enforces the room's own limit (the
 * token carries it), and the call page says "full" then; so the worst case is that the page
 * says so a moment later, not that the cap is broken.
 */
export interface Occupancy {
  get(room: string, options?: { fresh?: boolean }): Promise<number>;
  /** A join token for `room` was just handed out: counted until the next lookup. */
  taken(room: string): void;
  /** Drops every kept count (the media server stopped answering): the next joins ask anew. */
  forget(): void;
}

interface Known {
  /**
   * Seats handed out through this instance in the last pendingMs + reuseMs, counted per second
   * (oldest first): a handful of entries however busy the room.
   */
  taken: { second: number; seats: number }[];
  /** The last lookup's answer, and when it started. */
  count?: number;
  at?: number;
}

/** Rooms remembered at most; beyond this the oldest are dropped (they are only a shortcut). */
const MAX_ROOMS = 10_000;

export function createOccupancy(
  count: (room: string) => Promise<number>,
  options: { reuseMs?: number; pendingMs?: number; now?: () => number } = {},
): Occupancy {
  const reuseMs = options.reuseMs ?? 1000;
  const pendingMs = options.pendingMs ?? 10_000;
  const now = options.now ?? Date.now;
  const inflight = new Map<string, Promise<number>>();
  /** The fresh lookup under way per room, shared by the fresh asks that come meanwhile. */
  const inflightFresh = new Map<string, Promise<number>>();
  const known = new Map<string, Known>();

  const entry = (room: string): Known => {
    let k = known.get(room);
    if (!k) {
      if (known.size >= MAX_ROOMS) known.delete(known.keys().next().value as string);
      k = { taken: [] };
      known.set(room, k);
    }
    return k;
  };

  const lookup = (room: string, fresh: boolean): Promise<number> => {
    const at = now();
    const settle = () => {
      if (inflight.get(room) === pending) inflight.delete(room);
      if (inflightFresh.get(room) === pending) inflightFresh.delete(room);
    };
    const pending: Promise<number> = count(room).then(
      (n) => {
        settle();
        const k = entry(room);
        // A lookup that started before the one already recorded says less: keep the newer.
        if (k.at === undefined || at >= k.at) Object.assign(k, { count: n, at });
        return n;
      },
      (error: unknown) => {
        settle();
        known.delete(room);
        throw error;
      },
    );
    inflight.set(room, pending);
    if (fresh) inflightFresh.set(room, pending);
    return pending;
  };

  return {
    get(room, { fresh = false } = {}) {
      if (fresh) {
        const pending = inflightFresh.get(room);
        if (pending) return pending;
      } else {
        const k = known.get(room);
        if (k?.count !== undefined && now() - (k.at as number) < reuseMs) {
          // Whole seconds: errs high by under a second's seats.
          const since = Math.floor(((k.at as number) - pendingMs) / 1000);
          let recent = 0;
          for (const b of k.taken) if (b.second >= since) recent += b.seats;
          return Promise.resolve(k.count + recent);
        }
        const pending = inflight.get(room);
        if (pending) return pending;
      }
      return lookup(room, fresh);
    },
    taken(room) {
      const k = entry(room);
      const t = now();
      const second = Math.floor(t / 1000);
      const last = k.taken[k.taken.length - 1];
      if (last?.second === second) last.seats++;
      else k.taken.push({ second, seats: 1 });
      // Only the last pendingMs + reuseMs can matter to an estimate.
      const oldest = Math.floor((t - pendingMs - reuseMs) / 1000) - 1;
      while ((k.taken[0]?.second ?? Infinity) < oldest) k.taken.shift();
    },
    forget() {
      for (const k of known.values()) {
        k.count = undefined;
        k.at = undefined;
      }
    },
  };
}
