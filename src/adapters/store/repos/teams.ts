import type { Feed, FeedRepo, Team, TeamRepo } from '../../../core/store-ports.js';
import { toDate, type Sql } from '../sql.js';

interface TeamRow {
  id: string;
  name: string;
  created_at: number | string;
  owner_id: string | null;
  version: number | string;
  updated_at: number | string;
}
interface FeedRow {
  id: string;
  team_id: string;
  secret_hash: string;
  created_at: number | string;
  revoked_at: number | string | null;
}

const team = (r: TeamRow): Team => ({
  id: r.id,
  name: r.name,
  createdAt: new Date(Number(r.created_at)),
  ownerId: r.owner_id,
  version: Number(r.version),
  updatedAt: new Date(Number(r.updated_at)),
});
const feed = (r: FeedRow): Feed => ({
  id: r.id,
  teamId: r.team_id,
  secretHash: r.secret_hash,
  createdAt: new Date(Number(r.created_at)),
  revokedAt: toDate(r.revoked_at),
});

export function createTeamRepo(db: Sql): TeamRepo {
  return {
    async insert(t) {
      const ownerId = t.ownerId ?? null;
      await db.run(
        'INSERT INTO teams (id, name, created_at, owner_id, version, updated_at) VALUES (?, ?, ?, ?, 0, ?)',
        [t.id, t.name, t.createdAt.getTime(), ownerId, t.createdAt.getTime()],
      );
      return { ...t, ownerId, version: 0, updatedAt: t.createdAt };
    },
    async get(id) {
      const row = await db.get<TeamRow>('SELECT * FROM teams WHERE id = ?', [id]);
      return row ? team(row) : undefined;
    },
    async list(options = {}) {
      const limit = Math.min(Math.max(options.limit ?? 1000, 1), 10000);
      const order = 'ORDER BY created_at DESC, id LIMIT ?';
      const rows =
        options.ownerId === undefined
          ? await db.all<TeamRow>(`SELECT * FROM teams ${order}`, [limit])
          : options.ownerId === null
            ? await db.all<TeamRow>(`SELECT * FROM teams WHERE owner_id IS NULL ${order}`, [limit])
            : await db.all<TeamRow>(`SELECT * FROM teams WHERE owner_id = ? ${order}`, [
                options.ownerId,
                limit,
              ]);
      return rows.map(team);
    },
  };
}

export function createFeedRepo(db: Sql): FeedRepo {
  return {
    async insert(f) {
      await db.run('INSERT INTO feeds (id, team_id, secret_hash, created_at) VALUES (?, ?, ?, ?)', [
        f.id,
        f.teamId,
        f.secretHash,
        f.createdAt.getTime(),
      ]);
      return { ...f, revokedAt: null };
    },
    async findActiveByHash(secretHash) {
      const row = await db.get<
        FeedRow & {
          name: string;
          version: number;
          updated_at_team: number;
          team_created_at: number;
          owner_id: string | null;
        }
      >(
        `SELECT f.*, t.name, t.owner_id, t.version, t.updated_at AS updated_at_team, t.created_at AS team_created_at
           FROM feeds f JOIN teams t ON t.id = f.team_id
          WHERE f.secret_hash = ? AND f.revoked_at IS NULL`,
        [secretHash],
      );
      if (!row) return undefined;
      return {
        feed: feed(row),
        team: team({
          id: row.team_id,
          name: row.name,
          created_at: row.team_created_at,
          owner_id: row.owner_id,
          version: row.version,
          updated_at: row.updated_at_team,
        }),
      };
    },
    async list(teamId) {
      const rows = await db.all<FeedRow>(
        'SELECT * FROM feeds WHERE team_id = ? ORDER BY created_at, id',
        [teamId],
      );
      return rows.map(feed);
    },
    async listForTeams(teamIds) {
      if (teamIds.length === 0) return [];
      const rows = await db.all<FeedRow>(
        `SELECT * FROM feeds WHERE team_id IN (${teamIds.map(() => '?').join(', ')})
          ORDER BY created_at, id`,
        [...teamIds],
      );
      return rows.map(feed);
    },
    async revoke(teamId, feedId, at) {
      const res = await db.run(
        'UPDATE feeds SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND team_id = ?',
        [at.getTime(), feedId, teamId],
      );
      return res.changes > 0;
    },
  };
}
