import type { AttendanceRecord } from '../../../core/attendance.js';
import type { AttendanceRepo } from '../../../core/ports.js';
import { toDate, type Sql } from '../sql.js';

interface AttendanceRow {
  session_id: string;
  link_id: string;
  identity: string;
  name: string;
  joined_at: number | string;
  left_at: number | string | null;
}

function fromRow(r: AttendanceRow): AttendanceRecord {
  return {
    sessionId: r.session_id,
    linkId: r.link_id,
    identity: r.identity,
    name: r.name,
    joinedAt: new Date(Number(r.joined_at)),
    leftAt: toDate(r.left_at),
  };
}

export function createAttendanceRepo(db: Sql): AttendanceRepo {
  return {
    async joined(r) {
      // LiveKit retries webhooks: the session id makes a repeated report a no-op.
      await db.run(
        'INSERT INTO attendance (session_id, link_id, identity, name, joined_at, left_at) VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (session_id) DO NOTHING',
        [r.sessionId, r.linkId, r.identity, r.name, r.joinedAt.getTime()],
      );
    },
    async left(r) {
      // One statement (no transaction of its own, so it also runs inside the webhook's):
      // closes the open session, or records it whole when the join report never came.
      await db.run(
        'INSERT INTO attendance (session_id, link_id, identity, name, joined_at, left_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET left_at = excluded.left_at WHERE attendance.left_at IS NULL',
        [r.sessionId, r.linkId, r.identity, r.name, r.joinedAt.getTime(), r.leftAt.getTime()],
      );
    },
    async closeAll(linkId, at) {
      const res = await db.run(
        'UPDATE attendance SET left_at = ? WHERE link_id = ? AND left_at IS NULL',
        [at.getTime(), linkId],
      );
      return res.changes;
    },
    async firstDelivery(eventId, at) {
      const res = await db.run(
        'INSERT INTO livekit_webhook_events (id, received_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING',
        [eventId, at.getTime()],
      );
      return res.changes > 0;
    },
    async list(linkId, range = {}) {
      const rows = await db.all<AttendanceRow>(
        'SELECT * FROM attendance WHERE link_id = ? AND joined_at < ? AND (left_at IS NULL OR left_at >= ?) ORDER BY joined_at, session_id',
        [
          linkId,
          range.to ? range.to.getTime() : Number.MAX_SAFE_INTEGER,
          range.from ? range.from.getTime() : 0,
        ],
      );
      return rows.map(fromRow);
    },
  };
}
