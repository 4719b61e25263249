import { E2EE_MODES, type E2eeMode } from '../../../core/e2ee.js';
import type { Link } from '../../../core/links.js';
import type { LinkRepo, NewLink } from '../../../core/ports.js';
import { bool, toDate, type Sql } from '../sql.js';
import { insertAudit } from './audit.js';

interface LinkRow {
  id: string;
  title: string | null;
  lobby: number;
  e2ee: number;
  e2ee_mode?: string | null;
  max_participants: number;
  created_at: number | string;
  revoked_at: number | string | null;
  owner_id: string | null;
}

function fromRow(r: LinkRow): Link {
  return {
    id: r.id,
    title: r.title,
    lobby: Number(r.lobby) === 1,
    e2ee: Number(r.e2ee) === 1,
    // Only E2EE links carry a mode; links from before modes existed read as passphrase links.
    ...(Number(r.e2ee) === 1
      ? {
          e2eeMode: E2EE_MODES.includes(r.e2ee_mode as E2eeMode)
            ? (r.e2ee_mode as E2eeMode)
            : 'passphrase',
        }
      : {}),
    maxParticipants: Number(r.max_participants),
    createdAt: new Date(Number(r.created_at)),
    revokedAt: toDate(r.revoked_at),
    ownerId: r.owner_id,
  };
}

export function createLinkRepo(db: Sql): LinkRepo {
  return {
    async insert(link: NewLink) {
      await db.run(
        'INSERT INTO links (id, title, lobby, e2ee, max_participants, created_at, owner_id, e2ee_mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          link.id,
          link.title,
          bool(link.lobby),
          bool(link.e2ee),
          link.maxParticipants,
          link.createdAt.getTime(),
          link.ownerId,
          link.e2ee ? (link.e2eeMode ?? 'passphrase') : null,
        ],
      );
      const { e2eeMode: _mode, ...rest } = link;
      return {
        ...rest,
        ...(link.e2ee ? { e2eeMode: link.e2eeMode ?? 'passphrase' } : {}),
        revokedAt: null,
      };
    },
    async get(id) {
      const row = await db.get<LinkRow>('SELECT * FROM links WHERE id = ?', [id]);
      return row ? fromRow(row) : undefined;
    },
    async list(options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 1000, 1), 10000);
      const rows =
        options.ownerId === undefined
          ? await db.all<LinkRow>('SELECT * FROM links ORDER BY created_at DESC, id LIMIT ?', [
              limit,
            ])
          : options.ownerId === null
            ? await db.all<LinkRow>(
                'SELECT * FROM links WHERE owner_id IS NULL ORDER BY created_at DESC, id LIMIT ?',
                [limit],
              )
            : await db.all<LinkRow>(
                'SELECT * FROM links WHERE owner_id = ? ORDER BY created_at DESC, id LIMIT ?',
                [options.ownerId, limit],
              );
      return rows.map(fromRow);
    },
    async revoke(id, at) {
      const res = await db.run(
        'UPDATE links SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?',
        [at.getTime(), id],
      );
      return res.changes > 0;
    },
    update(id, changes, audit) {
      return db.tx(async (tx) => {
        const row = await tx.get<LinkRow>('SELECT * FROM links WHERE id = ?', [id]);
        if (!row) return undefined;
        const before = fromRow(row);
        const after: Link = { ...before, ...changes };
        await tx.run('UPDATE links SET title = ?, lobby = ?, max_participants = ? WHERE id = ?', [
          after.title,
          bool(after.lobby),
          after.maxParticipants,
          id,
        ]);
        const settings = (l: Link) => ({
          title: l.title,
          lobby: l.lobby,
          maxParticipants: l.maxParticipants,
        });
        await insertAudit(tx, audit, {
          action: 'link.update',
          target: id,
          before: settings(before),
          after: settings(after),
        });
        return after;
      });
    },
    async count() {
      const row = await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM links');
      return Number(row?.n ?? 0);
    },
  };
}
