import type { LobbyTicket } from '../../../core/lobby.js';
import type { LobbyRepo } from '../../../core/ports.js';
import { hashSecret } from '../../auth/secrets.js';
import { toDate, type Sql } from '../sql.js';

interface TicketRow {
  ticket: string;
  link_id: string;
  name: string;
  identity: string;
  status: string;
  created_at: number | string;
  decided_at: number | string | null;
  redeemed_at: number | string | null;
}

function fromRow(r: TicketRow): LobbyTicket {
  return {
    ticket: r.ticket,
    linkId: r.link_id,
    name: r.name,
    identity: r.identity,
    status: r.status === 'admitted' || r.status === 'denied' ? r.status : 'waiting',
    createdAt: new Date(Number(r.created_at)),
    decidedAt: toDate(r.decided_at),
    redeemedAt: toDate(r.redeemed_at),
  };
}

/** Tickets are kept as hashes: a copy of the database does not let anyone into a call. */
export function createLobbyRepo(db: Sql): LobbyRepo {
  const one = async (key: string) => {
    const row = await db.get<TicketRow>('SELECT * FROM lobby_tickets WHERE ticket = ?', [key]);
    return row ? fromRow(row) : undefined;
  };
  return {
    async insert(t) {
      await db.run(
        'INSERT INTO lobby_tickets (ticket, link_id, name, identity, status, created_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          hashSecret(t.ticket),
          t.linkId,
          t.name,
          t.identity,
          t.status,
          t.createdAt.getTime(),
          t.decidedAt ? t.decidedAt.getTime() : null,
        ],
      );
    },
    get: (secret) => one(hashSecret(secret)),
    async byHandle(handleOrSecret) {
      return (await one(handleOrSecret)) ?? (await one(hashSecret(handleOrSecret)));
    },
    async waiting(linkId, since) {
      const rows = await db.all<TicketRow>(
        "SELECT * FROM lobby_tickets WHERE link_id = ? AND status = 'waiting' AND created_at > ? ORDER BY created_at, ticket",
        [linkId, since.getTime()],
      );
      return rows.map(fromRow);
    },
    async decide(handle, status, at) {
      // Only a waiting ticket changes: two hosts answering at once cannot both win.
      const res = await db.run(
        "UPDATE lobby_tickets SET status = ?, decided_at = ? WHERE ticket = ? AND status = 'waiting'",
        [status, at.getTime(), handle],
      );
      return res.changes > 0;
    },
    async redeem(handle, at) {
      const res = await db.run(
        "UPDATE lobby_tickets SET redeemed_at = ? WHERE ticket = ? AND status = 'admitted' AND redeemed_at IS NULL",
        [at.getTime(), handle],
      );
      return res.changes > 0;
    },
    async markRemoved(linkId, identity, at) {
      await db.run(
        'INSERT INTO removed_identities (link_id, identity, removed_at) VALUES (?, ?, ?) ON CONFLICT (link_id, identity) DO UPDATE SET removed_at = excluded.removed_at',
        [linkId, identity, at.getTime()],
      );
    },
    async isRemoved(linkId, identity) {
      const row = await db.get<{ n: number }>(
        'SELECT 1 AS n FROM removed_identities WHERE link_id = ? AND identity = ?',
        [linkId, identity],
      );
      return row !== undefined;
    },
  };
}
