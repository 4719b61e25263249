/**
 * How full a room is, without one media-server round trip per join.
 *
 * - A burst of people opening the same link shares one lookup: asks that arrive while it is
 *   under way wait for it.
 * - A count stays usable for `reuseMs` after its lookup (1 s by default), as an estimate that
 *   errs high: the count plus every seat handed out since the lookup began (`taken`), whether
 *   or not that person has connected yet. (A token handed out before a lookup and used after
 *   it is in neither, as it never was in a lookup alone: the media server's own cap covers it.)
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
  /** Seats handed out through this instance, ever (only differences matter). */
  seats: number;
  /** The last lookup's answer, when it started, and `seats` then. */
  count?: number;
  at?: number;
  seatsAt?: number;
}

/** Rooms remembered at most; beyond this the oldest are dropped (they are only a shortcut). */
const MAX_ROOMS = 10_000;

export function createOccupancy(
  count: (room: string) => Promise<number>,
  options: { reuseMs?: number; now?: () => number } = {},
): Occupancy {
  const reuseMs = options.reuseMs ?? 1000;
  const now = options.now ?? Date.now;
  const inflight = new Map<string, Promise<number>>();
  /** The fresh lookup under way per room, shared by the fresh asks that come meanwhile. */
  const inflightFresh = new Map<string, Promise<number>>();
  const known = new Map<string, Known>();

  const entry = (room: string): Known => {
    let k = known.get(room);
    if (!k) {
      if (known.size >= MAX_ROOMS) known.delete(known.keys().next().value as string);
      k = { seats: 0 };
      known.set(room, k);
    }
    return k;
  };

  const lookup = (room: string, fresh: boolean): Promise<number> => {
    const at = now();
    const seatsAt = entry(room).seats;
    const settle = () => {
      if (inflight.get(room) === pending) inflight.delete(room);
      if (inflightFresh.get(room) === pending) inflightFresh.delete(room);
    };
    const pending: Promise<number> = count(room).then(
      (n) => {
        settle();
        const k = entry(room);
        // A lookup that started before the one already recorded says less: keep the newer.
        if (k.at === undefined || at >= k.at) Object.assign(k, { count: n, at, seatsAt });
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
          return Promise.resolve(k.count + k.seats - (k.seatsAt as number));
        }
        const pending = inflight.get(room);
        if (pending) return pending;
      }
      return lookup(room, fresh);
    },
    taken(room) {
      entry(room).seats++;
    },
    forget() {
      for (const k of known.values()) {
        k.count = undefined;
        k.at = undefined;
      }
    },
  };
}
