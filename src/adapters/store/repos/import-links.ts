import type { ImportLinkRepo } from '../../../core/ports.js';
import type { Sql } from '../sql.js';

/** Stays well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

export function createImportLinkRepo(db: Sql): ImportLinkRepo {
  return {
    async getMany(scope, uids) {
      const found = new Map<string, { linkId: string; revoked: boolean }>();
      const unique = [...new Set(uids)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const part = unique.slice(i, i + CHUNK);
        const rows = await db.all<{ uid: string; link_id: string; revoked_at: unknown }>(
          `SELECT i.uid, i.link_id, l.revoked_at FROM import_links i JOIN links l ON l.id = i.link_id
           WHERE i.scope = ? AND i.uid IN (${part.map(() => '?').join(', ')})`,
          [scope, ...part],
        );
        for (const r of rows) {
          found.set(r.uid, { linkId: r.link_id, revoked: r.revoked_at !== null });
        }
      }
      return found;
    },
    async put(scope, uid, linkId, at, options = {}) {
      if (options.replace) {
        const res = await db.run(
          'UPDATE import_links SET link_id = ?, created_at = ? WHERE scope = ? AND uid = ?',
          [linkId, at.getTime(), scope, uid],
        );
        if (res.changes > 0) return linkId;
      }
      await db.run(
        'INSERT INTO import_links (scope, uid, link_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (scope, uid) DO NOTHING',
        [scope, uid, linkId, at.getTime()],
      );
      // Two imports racing on one UID: the first mapping stays and both use it.
      const row = await db.get<{ link_id: string }>(
        'SELECT link_id FROM import_links WHERE scope = ? AND uid = ?',
        [scope, uid],
      );
      return row?.link_id ?? linkId;
    },
    async count(scope) {
      const row = await db.get<{ n: number | string }>(
        'SELECT COUNT(*) AS n FROM import_links WHERE scope = ?',
        [scope],
      );
      return Number(row?.n ?? 0);
    },
  };
}
