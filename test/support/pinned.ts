/** A clock that only moves when told and an id source that counts: byte-stable output. */
import type { Clock, Ids } from '../../src/core/ports.js';

export function pinnedClock(
  iso: string,
): Clock & { advance(ms: number): void; set(iso: string): void } {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    advance(ms) {
      now += ms;
    },
    set(next) {
      now = new Date(next).getTime();
    },
  };
}

export function countingIds(): Ids {
  let n = 0;
  return {
    randomBytes(length) {
      n++;
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = (n * 31 + i * 7) & 0xff;
      return out;
    },
  };
}
