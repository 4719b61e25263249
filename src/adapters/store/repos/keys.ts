import type { ApiKey, KeyRole } from '../../../core/keys.js';
import type { KeyRepo } from '../../../core/ports.js';
import { toDate, type Sql } from '../sql.js';
import { insertAudit } from './audit.js';

interface KeyRow {
  id: string;
  name: string;
  role: string;
  hash: string;
  created_at: number | string;
  revoked_at: number | string | null;
}

function fromRow(r: KeyRow): ApiKey {
  return {
    id: r.id,
    name: r.name,
    role: r.role as KeyRole,
    hash: r.hash,
    createdAt: new Date(Number(r.created_at)),
    revokedAt: toDate(r.revoked_at),
  };
}

/** What the audit log may show of a key: never its hash. */
const visible = (k: { id: string; name: string; role: string }) => ({
  id: k.id,
  name: k.name,
  role: k.role,
});

export function createKeyRepo(db: Sql): KeyRepo {
  return {
    insert(key, audit) {
      return db.tx(async (tx) => {
        await tx.run(
          'INSERT INTO api_keys (id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)',
          [key.id, key.name, key.role, key.hash, key.createdAt.getTime()],
        );
        await insertAudit(tx, audit, {
          action: 'key.create',
          target: key.id,
          before: null,
          after: visible(key),
        });
        return { ...key, revokedAt: null };
      });
    },
    async get(id) {
      const row = await db.get<KeyRow>('SELECT * FROM api_keys WHERE id = ?', [id]);
      return row ? fromRow(row) : undefined;
    },
    async list() {
      const rows = await db.all<KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id');
      return rows.map(fromRow);
    },
    revoke(id, audit) {
      return db.tx(async (tx) => {
        // Update first: of two concurrent revokes only one changes the row and logs it.
        const res = await tx.run(
          'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
          [audit.at.getTime(), id],
        );
        const row = await tx.get<KeyRow>('SELECT * FROM api_keys WHERE id = ?', [id]);
        if (!row) return false;
        if (res.changes === 0) return true;
        await insertAudit(tx, audit, {
          action: 'key.revoke',
          target: id,
          before: { ...visible(row), revokedAt: null },
          after: { ...visible(row), revokedAt: audit.at.toISOString() },
        });
        return true;
      });
    },
  };
}
