import type { HostKeyRecord, HostKeyRepo } from '../../../core/ports.js';
import { toDate, type Sql } from '../sql.js';

interface Row {
  key_hash: string;
  link_id: string;
  created_at: number | string;
  expires_at: number | string | null;
  revoked_at: number | string | null;
}

/** A short public handle: the first 16 hex digits of the hash (the key is 192 random bits). */
const handle = (keyHash: string) => keyHash.slice(0, 16);

function fromRow(r: Row): HostKeyRecord {
  return {
    id: handle(r.key_hash),
    linkId: r.link_id,
    createdAt: new Date(Number(r.created_at)),
    expiresAt: toDate(r.expires_at),
    revokedAt: toDate(r.revoked_at),
  };
}

/** Host keys are stored only as SHA-256 hashes. */
export function createHostKeyRepo(db: Sql): HostKeyRepo {
  return {
    async insert(key) {
      await db.run(
        'INSERT INTO host_keys (key_hash, link_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
        [key.keyHash, key.linkId, key.createdAt.getTime(), key.expiresAt?.getTime() ?? null],
      );
    },
    async linkOf(keyHash) {
      const row = await db.get<{ link_id: string }>(
        'SELECT link_id FROM host_keys WHERE key_hash = ?',
        [keyHash],
      );
      return row?.link_id;
    },
    async find(keyHash) {
      const row = await db.get<Row>('SELECT * FROM host_keys WHERE key_hash = ?', [keyHash]);
      return row ? fromRow(row) : undefined;
    },
    async list(linkId) {
      const rows = await db.all<Row>(
        'SELECT * FROM host_keys WHERE link_id = ? ORDER BY created_at DESC, key_hash',
        [linkId],
      );
      return rows.map(fromRow);
    },
    async revoke(linkId, id, at) {
      if (!/^[0-9a-f]{16}$/.test(id)) return false;
      const res = await db.run(
        'UPDATE host_keys SET revoked_at = ? WHERE link_id = ? AND substr(key_hash, 1, 16) = ? AND revoked_at IS NULL',
        [at.getTime(), linkId, id],
      );
      return res.changes > 0;
    },
  };
}
