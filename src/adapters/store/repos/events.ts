import type { CalendarEvent } from '../../../core/events.js';
import type { EventRepo, NewMail } from '../../../core/ports.js';
import { toDate, type Sql } from '../sql.js';
import { insertMail } from './outbox.js';

/** Events read per query when listing a team's feed (see listForTeam). */
const FEED_PAGE = 1000;

interface EventRow {
  id: string;
  uid: string;
  team_id: string | null;
  link_id: string;
  owner_id: string | null;
  sequence: number | string;
  status: string;
  data: string;
  created_at: number | string;
  updated_at: number | string;
  cancelled_at: number | string | null;
  last_end: number | string | null;
}

type Data = Pick<
  CalendarEvent,
  | 'title'
  | 'start'
  | 'end'
  | 'timeZone'
  | 'organizer'
  | 'attendees'
  | 'description'
  | 'recurrence'
  | 'overrides'
  | 'language'
>;

function fromRow(r: EventRow): CalendarEvent {
  const d = JSON.parse(r.data) as Data;
  return {
    id: r.id,
    uid: r.uid,
    sequence: Number(r.sequence),
    linkId: r.link_id,
    teamId: r.team_id,
    ownerId: r.owner_id,
    title: d.title,
    start: d.start,
    end: d.end,
    timeZone: d.timeZone,
    organizer: d.organizer,
    attendees: d.attendees,
    description: d.description,
    recurrence: d.recurrence,
    overrides: d.overrides,
    ...(d.language ? { language: d.language } : {}),
    status: r.status === 'cancelled' ? 'cancelled' : 'confirmed',
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
    cancelledAt: toDate(r.cancelled_at),
    lastEnd: toDate(r.last_end),
  };
}

function data(e: CalendarEvent): string {
  const d: Data = {
    title: e.title,
    start: e.start,
    end: e.end,
    timeZone: e.timeZone,
    organizer: e.organizer,
    attendees: e.attendees,
    description: e.description,
    recurrence: e.recurrence,
    overrides: e.overrides,
    ...(e.language ? { language: e.language } : {}),
  };
  return JSON.stringify(d);
}

/** Raises a team's version so every instance's feed cache sees the change. */
async function bumpTeam(db: Sql, teamId: string | null, at: Date): Promise<void> {
  if (teamId === null) return;
  await db.run(
    'UPDATE teams SET version = version + 1, updated_at = CASE WHEN updated_at > ? THEN updated_at + 1 ELSE ? END WHERE id = ?',
    [at.getTime(), at.getTime(), teamId],
  );
}

export function createEventRepo(db: Sql): EventRepo {
  async function* teamPages(
    teamId: string,
    window: { since: Date; cancelledSince: Date },
  ): AsyncGenerator<CalendarEvent[]> {
    // In pages, in (created_at, id) order, giving the event loop a turn between pages: one
    // query for a 10,000-event team held it ~100 ms (joins and /healthz waited behind it).
    let after: { createdAt: number; id: string } | undefined;
    for (;;) {
      const rows = await db.all<EventRow>(
        `SELECT * FROM events WHERE team_id = ?
           AND (last_end IS NULL OR last_end >= ?)
           AND (cancelled_at IS NULL OR cancelled_at >= ?)
           ${after ? 'AND (created_at > ? OR (created_at = ? AND id > ?))' : ''}
         ORDER BY created_at, id LIMIT ${FEED_PAGE}`,
        [
          teamId,
          window.since.getTime(),
          window.cancelledSince.getTime(),
          ...(after ? [after.createdAt, after.createdAt, after.id] : []),
        ],
      );
      if (rows.length > 0) yield rows.map(fromRow);
      const last = rows[rows.length - 1];
      if (!last || rows.length < FEED_PAGE) return;
      after = { createdAt: Number(last.created_at), id: last.id };
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  return {
    async insert(e, mail: NewMail[] = []) {
      await db.tx(async (tx) => {
        await tx.run(
          'INSERT INTO events (id, uid, team_id, link_id, owner_id, sequence, status, data, created_at, updated_at, cancelled_at, last_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            e.id,
            e.uid,
            e.teamId,
            e.linkId,
            e.ownerId,
            e.sequence,
            e.status,
            data(e),
            e.createdAt.getTime(),
            e.updatedAt.getTime(),
            e.cancelledAt?.getTime() ?? null,
            e.lastEnd?.getTime() ?? null,
          ],
        );
        for (const m of mail) await insertMail(tx, m);
        await bumpTeam(tx, e.teamId, e.updatedAt);
      });
    },
    async get(id) {
      const row = await db.get<EventRow>('SELECT * FROM events WHERE id = ?', [id]);
      return row ? fromRow(row) : undefined;
    },
    async update(e, previous, mail: NewMail[] = []) {
      return db.tx(async (tx) => {
        const res = await tx.run(
          'UPDATE events SET team_id = ?, sequence = ?, status = ?, data = ?, updated_at = ?, cancelled_at = ?, last_end = ? WHERE id = ? AND sequence = ? AND updated_at = ?',
          [
            e.teamId,
            e.sequence,
            e.status,
            data(e),
            e.updatedAt.getTime(),
            e.cancelledAt?.getTime() ?? null,
            e.lastEnd?.getTime() ?? null,
            e.id,
            previous.sequence,
            previous.updatedAt.getTime(),
          ],
        );
        if (res.changes === 0) return false;
        for (const m of mail) await insertMail(tx, m);
        await bumpTeam(tx, e.teamId, e.updatedAt);
        if (previous.teamId !== e.teamId) await bumpTeam(tx, previous.teamId, e.updatedAt);
        return true;
      });
    },
    async list(options) {
      const limit = Math.min(Math.max(options.limit, 1), 10000);
      const order = 'ORDER BY created_at DESC, id LIMIT ?';
      const rows =
        options.ownerId === undefined
          ? await db.all<EventRow>(`SELECT * FROM events ${order}`, [limit])
          : options.ownerId === null
            ? await db.all<EventRow>(`SELECT * FROM events WHERE owner_id IS NULL ${order}`, [
                limit,
              ])
            : await db.all<EventRow>(`SELECT * FROM events WHERE owner_id = ? ${order}`, [
                options.ownerId,
                limit,
              ]);
      return rows.map(fromRow);
    },
    async listForTeam(teamId, window) {
      const out: CalendarEvent[] = [];
      for await (const page of teamPages(teamId, window)) {
        for (const event of page) out.push(event);
      }
      return out;
    },
    pagesForTeam: teamPages,
  };
}
