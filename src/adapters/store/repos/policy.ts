import type { PolicyRepo } from '../../../core/ports.js';
import type { Sql } from '../sql.js';
import { insertAudit } from './audit.js';

const ROW_ID = 1;

export function createPolicyRepo(db: Sql): PolicyRepo {
  const read = async (conn: Sql, lock = false): Promise<unknown> => {
    // PostgreSQL: lock the row so two concurrent changes log true before/after pairs.
    // SQLite transactions (BEGIN IMMEDIATE) are already serial.
    const suffix = lock && conn.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const row = await conn.get<{ body: string }>(
      `SELECT body FROM org_policy WHERE id = ?${suffix}`,
      [ROW_ID],
    );
    return row ? JSON.parse(row.body) : undefined;
  };
  return {
    get: () => read(db),
    async stamp() {
      const row = await db.get<{ at: number | string; size: number | string }>(
        'SELECT updated_at AS at, length(body) AS size FROM org_policy WHERE id = ?',
        [ROW_ID],
      );
      return row ? `${String(row.at)}:${String(row.size)}` : undefined;
    },
    replace(policy, audit) {
      return db.tx(async (tx) => {
        const before = await read(tx, true);
        await tx.run(
          'INSERT INTO org_policy (id, body, updated_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at',
          [ROW_ID, JSON.stringify(policy), audit.at.getTime()],
        );
        await insertAudit(tx, audit, {
          action: 'policy.update',
          target: 'policy',
          before: before ?? null,
          after: policy,
        });
        return before;
      });
    },
  };
}
