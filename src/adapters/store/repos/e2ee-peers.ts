import { parseWrappedKey } from '../../../core/e2ee.js';
import type { E2eePeer, E2eePeerRepo } from '../../../core/e2ee-ports.js';
import { toDate, type Sql } from '../sql.js';

interface PeerRow {
  link_id: string;
  identity: string;
  public_key: string;
  host: number | string;
  wrapped_key: string | null;
  created_at: number | string;
  removed_at: number | string | null;
}

function wrappedOf(text: string | null): E2eePeer['wrappedKey'] {
  if (text === null) return null;
  try {
    return parseWrappedKey(JSON.parse(text));
  } catch {
    return null; // never stored unchecked; a damaged row reads as "no key yet"
  }
}

function fromRow(r: PeerRow): E2eePeer {
  return {
    linkId: r.link_id,
    identity: r.identity,
    publicKey: r.public_key,
    host: Number(r.host) === 1,
    wrappedKey: wrappedOf(r.wrapped_key),
    createdAt: new Date(Number(r.created_at)),
    removedAt: toDate(r.removed_at),
  };
}

export function createE2eePeerRepo(db: Sql): E2eePeerRepo {
  return {
    async put(peer) {
      await db.run(
        'INSERT INTO e2ee_peers (link_id, identity, public_key, host, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (link_id, identity) DO NOTHING',
        [peer.linkId, peer.identity, peer.publicKey, peer.host ? 1 : 0, peer.createdAt.getTime()],
      );
    },
    async get(linkId, identity) {
      const row = await db.get<PeerRow>(
        'SELECT * FROM e2ee_peers WHERE link_id = ? AND identity = ?',
        [linkId, identity],
      );
      return row ? fromRow(row) : undefined;
    },
    async setWrappedKey(linkId, identity, key) {
      const res = await db.run(
        'UPDATE e2ee_peers SET wrapped_key = ? WHERE link_id = ? AND identity = ?',
        [JSON.stringify(key), linkId, identity],
      );
      return res.changes > 0;
    },
    async markRemoved(linkId, identity, at) {
      const res = await db.run(
        'UPDATE e2ee_peers SET removed_at = COALESCE(removed_at, ?) WHERE link_id = ? AND identity = ?',
        [at.getTime(), linkId, identity],
      );
      return res.changes > 0;
    },
  };
}
