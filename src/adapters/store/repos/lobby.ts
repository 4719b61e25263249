import type { LobbyTicket } from '../../../core/lobby.js';
import type { LobbyRepo } from '../../../core/ports.js';
import { toDate, type Sql } from '../sql.js';

interface TicketRow {
  ticket: string;
  link_id: string;
  name: string;
  identity: string;
  status: string;
  created_at: number | string;
  decided_at: number | string | null;
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
  };
}

export function createLobbyRepo(db: Sql): LobbyRepo {
  return {
    async insert(t) {
      await db.run(
        'INSERT INTO lobby_tickets (ticket, link_id, name, identity, status, created_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [
          t.ticket,
          t.linkId,
          t.name,
          t.identity,
          t.status,
          t.createdAt.getTime(),
          t.decidedAt ? t.decidedAt.getTime() : null,
        ],
      );
    },
    async get(ticket) {
      const row = await db.get<TicketRow>('SELECT * FROM lobby_tickets WHERE ticket = ?', [ticket]);
      return row ? fromRow(row) : undefined;
    },
    async waiting(linkId, since) {
      const rows = await db.all<TicketRow>(
        "SELECT * FROM lobby_tickets WHERE link_id = ? AND status = 'waiting' AND created_at > ? ORDER BY created_at, ticket",
        [linkId, since.getTime()],
      );
      return rows.map(fromRow);
    },
    async decide(ticket, status, at) {
      // Only a waiting ticket changes: two hosts answering at once cannot both win.
      const res = await db.run(
        "UPDATE lobby_tickets SET status = ?, decided_at = ? WHERE ticket = ? AND status = 'waiting'",
        [status, at.getTime(), ticket],
      );
      return res.changes > 0;
    },
  };
}
