/**
 * Where rate-limit counters live, so that N instances allow the limit once, not N times:
 * Redis when configured (express-rate-limit's own Redis store), else the PostgreSQL store that
 * every instance shares, else (one instance on SQLite) memory.
 */
import type { Store as LimitStore, Options } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Store } from '../../core/ports.js';
import type { CounterRepo } from '../../core/store-ports.js';

/** A fresh counter store per limiter, named so two limiters never share keys. */
export type LimitStores = (name: string) => LimitStore | undefined;

export function databaseLimitStore(counters: CounterRepo, name: string): LimitStore {
  let windowMs = 60_000;
  let lastSweep = 0;
  const key = (k: string) => `${name}:${k}`;
  return {
    prefix: `${name}:`,
    localKeys: false,
    init(options: Options) {
      windowMs = options.windowMs;
    },
    async increment(k) {
      const now = new Date();
      if (now.getTime() - lastSweep > windowMs) {
        lastSweep = now.getTime();
        void counters.sweep(new Date(now.getTime() - windowMs)).catch(() => undefined);
      }
      const { hits, resetAt } = await counters.hit(key(k), now, windowMs);
      return { totalHits: hits, resetTime: resetAt };
    },
    decrement: (k) => counters.unhit(key(k)),
    resetKey: (k) => counters.reset(key(k)),
  };
}

export function limitStoresFor(deps: {
  store: Store;
  redis?: { sendCommand(args: string[]): Promise<unknown> } | undefined;
}): LimitStores {
  const redis = deps.redis;
  if (redis) {
    return (name) =>
      new RedisStore({
        prefix: `callink:rl:${name}:`,
        sendCommand: (...args: string[]) => redis.sendCommand(args) as Promise<RedisReply>,
      });
  }
  if (deps.store.kind === 'postgres')
    return (name) => databaseLimitStore(deps.store.counters, name);
  return () => undefined;
}
