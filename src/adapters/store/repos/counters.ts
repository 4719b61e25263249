import type { CounterRepo } from '../../../core/store-ports.js';
import type { Sql } from '../sql.js';

export function createCounterRepo(db: Sql): CounterRepo {
  return {
    async hit(key, now, windowMs) {
      const t = now.getTime();
      // One statement: concurrent hits from several instances all count.
      const row = await db.get<{ hits: number | string; reset_at: number | string }>(
        `INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES (?, 1, ?)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limit_hits.reset_at <= ? THEN 1 ELSE rate_limit_hits.hits + 1 END,
           reset_at = CASE WHEN rate_limit_hits.reset_at <= ? THEN ? ELSE rate_limit_hits.reset_at END
         RETURNING hits, reset_at`,
        [key, t + windowMs, t, t, t + windowMs],
      );
      return {
        hits: Number(row?.hits ?? 1),
        resetAt: new Date(Number(row?.reset_at ?? t + windowMs)),
      };
    },
    async unhit(key) {
      await db.run('UPDATE rate_limit_hits SET hits = hits - 1 WHERE key = ? AND hits > 0', [key]);
    },
    async reset(key) {
      await db.run('DELETE FROM rate_limit_hits WHERE key = ?', [key]);
    },
    async sweep(now) {
      const res = await db.run('DELETE FROM rate_limit_hits WHERE reset_at <= ?', [now.getTime()]);
      return res.changes;
    },
  };
}
