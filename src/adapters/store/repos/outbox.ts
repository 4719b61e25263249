import type { NewMail } from '../../../core/ports.js';
import type { OutboxMail, OutboxRepo } from '../../../core/store-ports.js';
import { toDate, type Sql } from '../sql.js';

interface MailRow {
  id: string;
  event_id: string | null;
  to_addr: string;
  subject: string;
  text_body: string;
  html_body: string;
  ics: string;
  method: string;
  created_at: number | string;
  attempts: number | string;
  sent_at: number | string | null;
  last_error: string | null;
  dead_at: number | string | null;
}

function fromRow(r: MailRow): OutboxMail {
  return {
    id: r.id,
    eventId: r.event_id,
    to: r.to_addr,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    ics: r.ics,
    method: r.method,
    createdAt: new Date(Number(r.created_at)),
    attempts: Number(r.attempts),
    sentAt: toDate(r.sent_at),
    lastError: r.last_error,
    deadAt: toDate(r.dead_at),
  };
}

/** Used inside the event repo's transactions so an event change and its mail commit together. */
export async function insertMail(db: Sql, m: NewMail): Promise<void> {
  await db.run(
    'INSERT INTO mail_outbox (id, event_id, to_addr, subject, text_body, html_body, ics, method, created_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
    [
      m.id,
      m.eventId,
      m.to,
      m.subject,
      m.text,
      m.html,
      m.ics,
      m.method,
      m.createdAt.getTime(),
      m.createdAt.getTime(),
    ],
  );
}

/** Every write after the claim names the lease holder: a worker whose lease ran out changes nothing. */
const HELD = 'id = ? AND lease_owner = ? AND sent_at IS NULL AND dead_at IS NULL';

export function createOutboxRepo(db: Sql): OutboxRepo {
  return {
    async claimDue(now, leaseUntil, limit, owner) {
      const due = await db.all<{ id: string }>(
        `SELECT id FROM mail_outbox WHERE sent_at IS NULL AND dead_at IS NULL AND next_attempt_at <= ?
           AND (lease_until IS NULL OR lease_until <= ?) ORDER BY next_attempt_at, id LIMIT ?`,
        [now.getTime(), now.getTime(), limit],
      );
      const claimed: OutboxMail[] = [];
      for (const { id } of due) {
        // Conditional update: only one instance wins each mail.
        const res = await db.run(
          'UPDATE mail_outbox SET lease_until = ?, lease_owner = ? WHERE id = ? AND sent_at IS NULL AND dead_at IS NULL AND (lease_until IS NULL OR lease_until <= ?)',
          [leaseUntil.getTime(), owner, id, now.getTime()],
        );
        if (res.changes === 0) continue;
        const row = await db.get<MailRow>('SELECT * FROM mail_outbox WHERE id = ?', [id]);
        if (row) claimed.push(fromRow(row));
      }
      return claimed;
    },
    async renew(id, owner, leaseUntil) {
      const res = await db.run(`UPDATE mail_outbox SET lease_until = ? WHERE ${HELD}`, [
        leaseUntil.getTime(),
        id,
        owner,
      ]);
      return res.changes > 0;
    },
    async markSent(id, at, owner) {
      const res = await db.run(
        `UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1, lease_until = NULL, lease_owner = NULL, last_error = NULL WHERE ${HELD}`,
        [at.getTime(), id, owner],
      );
      return res.changes > 0;
    },
    async markFailed(id, error, retryAt, owner) {
      const res = await db.run(
        `UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, lease_until = NULL, lease_owner = NULL WHERE ${HELD}`,
        [error.slice(0, 500), retryAt.getTime(), id, owner],
      );
      return res.changes > 0;
    },
    async markDead(id, error, at, owner) {
      const res = await db.run(
        `UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, dead_at = ?, lease_until = NULL, lease_owner = NULL WHERE ${HELD}`,
        [error.slice(0, 500), at.getTime(), id, owner],
      );
      return res.changes > 0;
    },
    async release(id, owner) {
      await db.run(`UPDATE mail_outbox SET lease_until = NULL, lease_owner = NULL WHERE ${HELD}`, [
        id,
        owner,
      ]);
    },
    async listForEvent(eventId) {
      const rows = await db.all<MailRow>(
        'SELECT * FROM mail_outbox WHERE event_id = ? ORDER BY created_at, id',
        [eventId],
      );
      return rows.map(fromRow);
    },
    async listDead(limit) {
      const rows = await db.all<MailRow>(
        'SELECT * FROM mail_outbox WHERE dead_at IS NOT NULL ORDER BY dead_at DESC, id LIMIT ?',
        [limit],
      );
      return rows.map(fromRow);
    },
    async pendingCount() {
      const row = await db.get<{ n: number | string }>(
        'SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at IS NULL AND dead_at IS NULL',
      );
      return Number(row?.n ?? 0);
    },
  };
}
