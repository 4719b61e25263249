/**
 * How full a room is, without one media-server round trip per join: a burst of people opening
 * the same link at the start of a meeting shares one lookup (asks that arrive while it is under
 * way wait for it). Counts are never reused after the lookup ends: a reused count could hand out
 * tokens for a media server that just died. A caller about to refuse someone asks with `fresh`,
 * so a lookup that started before a seat was freed does not decide.
 */
export interface Occupancy {
  get(room: string, options?: { fresh?: boolean }): Promise<number>;
}

export function createOccupancy(count: (room: string) => Promise<number>): Occupancy {
  const inflight = new Map<string, Promise<number>>();
  return {
    get(room, options = {}) {
      const pending = inflight.get(room);
      if (pending && !options.fresh) return pending;
      const lookup = count(room).finally(() => {
        if (inflight.get(room) === lookup) inflight.delete(room);
      });
      inflight.set(room, lookup);
      return lookup;
    },
  };
}
