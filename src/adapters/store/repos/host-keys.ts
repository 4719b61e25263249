import type { HostKeyRepo } from '../../../core/ports.js';
import type { Sql } from '../sql.js';

/** Host keys are stored only as SHA-256 hashes. */
export function createHostKeyRepo(db: Sql): HostKeyRepo {
  return {
    async insert(key) {
      await db.run('INSERT INTO host_keys (key_hash, link_id, created_at) VALUES (?, ?, ?)', [
        key.keyHash,
        key.linkId,
        key.createdAt.getTime(),
      ]);
    },
    async linkOf(keyHash) {
      const row = await db.get<{ link_id: string }>(
        'SELECT link_id FROM host_keys WHERE key_hash = ?',
        [keyHash],
      );
      return row?.link_id;
    },
  };
}
