/**
 * Invitee tokens, RSVPs, REPLY mails read, link schedules, and event look-ups by UID or link.
 */
import type { LinkSchedule, ScheduleRepo } from '../../../core/link-schedule.js';
import type {
  EventLookup,
  InviteeToken,
  InviteeTokenRepo,
  MailReply,
  MailReplyRepo,
  Rsvp,
  RsvpRecord,
  RsvpRepo,
  RsvpSource,
} from '../../../core/rsvp.js';
import { bool, toDate, type Sql } from '../sql.js';
import { insertMail } from './outbox.js';

type Ms = number | string;

interface TokenRow {
  id: string;
  event_id: string;
  link_id: string;
  email: string;
  token_hash: string;
  created_at: Ms;
  revoked_at: Ms | null;
}

const tokenOf = (r: TokenRow): InviteeToken => ({
  id: r.id,
  eventId: r.event_id,
  linkId: r.link_id,
  email: r.email,
  tokenHash: r.token_hash,
  createdAt: new Date(Number(r.created_at)),
  revokedAt: toDate(r.revoked_at),
});

export function createInviteeTokenRepo(db: Sql): InviteeTokenRepo {
  return {
    async insert(t) {
      await db.run(
        'INSERT INTO invitee_tokens (id, event_id, link_id, email, token_hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, NULL)',
        [t.id, t.eventId, t.linkId, t.email, t.tokenHash, t.createdAt.getTime()],
      );
    },
    async findByHash(hash) {
      const row = await db.get<TokenRow>('SELECT * FROM invitee_tokens WHERE token_hash = ?', [
        hash,
      ]);
      return row ? tokenOf(row) : undefined;
    },
    async get(id) {
      const row = await db.get<TokenRow>('SELECT * FROM invitee_tokens WHERE id = ?', [id]);
      return row ? tokenOf(row) : undefined;
    },
    async revoke(eventId, emails, at) {
      let n = 0;
      for (const email of emails) {
        const res = await db.run(
          'UPDATE invitee_tokens SET revoked_at = ? WHERE event_id = ? AND email = ? AND revoked_at IS NULL',
          [at.getTime(), eventId, email],
        );
        n += res.changes;
      }
      return n;
    },
  };
}

interface RsvpRow {
  event_id: string;
  email: string;
  recurrence_id: string;
  partstat: string;
  sequence: number | string | null;
  source: string;
  answered_at: Ms;
}

const rsvpOf = (r: RsvpRow): RsvpRecord => ({
  eventId: r.event_id,
  email: r.email,
  recurrenceId: r.recurrence_id,
  rsvp: r.partstat as Rsvp,
  sequence: r.sequence === null ? null : Number(r.sequence),
  source: r.source as RsvpSource,
  answeredAt: new Date(Number(r.answered_at)),
});

export function createRsvpRepo(db: Sql): RsvpRepo {
  return {
    async put(r) {
      return db.tx(async (tx) => {
        const old = await tx.get<RsvpRow>(
          'SELECT * FROM rsvps WHERE event_id = ? AND email = ? AND recurrence_id = ?',
          [r.eventId, r.email, r.recurrenceId],
        );
        if (old) {
          const prev = rsvpOf(old);
          // An answer to an older invite never overrides one given to a newer invite.
          if (prev.sequence !== null && r.sequence !== null && r.sequence < prev.sequence) {
            return false;
          }
          if (prev.rsvp === r.rsvp && prev.sequence === r.sequence) return false;
          await tx.run(
            'UPDATE rsvps SET partstat = ?, sequence = ?, source = ?, answered_at = ? WHERE event_id = ? AND email = ? AND recurrence_id = ?',
            [
              r.rsvp,
              r.sequence,
              r.source,
              r.answeredAt.getTime(),
              r.eventId,
              r.email,
              r.recurrenceId,
            ],
          );
          return true;
        }
        await tx.run(
          'INSERT INTO rsvps (event_id, email, recurrence_id, partstat, sequence, source, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [
            r.eventId,
            r.email,
            r.recurrenceId,
            r.rsvp,
            r.sequence,
            r.source,
            r.answeredAt.getTime(),
          ],
        );
        return true;
      });
    },
    async list(eventId) {
      const rows = await db.all<RsvpRow>(
        'SELECT * FROM rsvps WHERE event_id = ? ORDER BY email, recurrence_id',
        [eventId],
      );
      return rows.map(rsvpOf);
    },
  };
}

interface ReplyRow {
  message_id: string;
  event_id: string | null;
  email: string | null;
  outcome: string;
  reason: string | null;
  received_at: Ms;
}

export function createMailReplyRepo(db: Sql): MailReplyRepo {
  return {
    async insert(r: MailReply) {
      const res = await db.run(
        'INSERT INTO mail_replies (message_id, event_id, email, outcome, reason, received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING',
        [r.messageId, r.eventId, r.email, r.outcome, r.reason, r.receivedAt.getTime()],
      );
      return res.changes > 0;
    },
    async has(messageId) {
      return (
        (await db.get('SELECT 1 AS x FROM mail_replies WHERE message_id = ?', [messageId])) !==
        undefined
      );
    },
    async list({ eventId, limit }) {
      const rows = eventId
        ? await db.all<ReplyRow>(
            'SELECT * FROM mail_replies WHERE event_id = ? ORDER BY received_at DESC, message_id LIMIT ?',
            [eventId, limit],
          )
        : await db.all<ReplyRow>(
            'SELECT * FROM mail_replies ORDER BY received_at DESC, message_id LIMIT ?',
            [limit],
          );
      return rows.map((r) => ({
        messageId: r.message_id,
        eventId: r.event_id,
        email: r.email,
        outcome: r.outcome === 'recorded' ? 'recorded' : 'skipped',
        reason: r.reason,
        receivedAt: new Date(Number(r.received_at)),
      }));
    },
  };
}

interface ScheduleRow {
  link_id: string;
  open_minutes_before: number | string | null;
  wait_for_host: number | string;
  invitees_skip_lobby: number | string;
  starting_mail: number | string;
}

const scheduleOf = (r: ScheduleRow): LinkSchedule => ({
  linkId: r.link_id,
  openMinutesBefore: r.open_minutes_before === null ? null : Number(r.open_minutes_before),
  waitForHost: Number(r.wait_for_host) === 1,
  inviteesSkipLobby: Number(r.invitees_skip_lobby) === 1,
  startingMail: Number(r.starting_mail) === 1,
});

export function createScheduleRepo(db: Sql): ScheduleRepo {
  return {
    async get(linkId) {
      const row = await db.get<ScheduleRow>('SELECT * FROM link_schedules WHERE link_id = ?', [
        linkId,
      ]);
      return row ? scheduleOf(row) : undefined;
    },
    async put(s) {
      const values = [
        s.openMinutesBefore,
        bool(s.waitForHost),
        bool(s.inviteesSkipLobby),
        bool(s.startingMail),
      ];
      await db.run(
        'INSERT INTO link_schedules (link_id, open_minutes_before, wait_for_host, invitees_skip_lobby, starting_mail) VALUES (?, ?, ?, ?, ?) ON CONFLICT (link_id) DO UPDATE SET open_minutes_before = ?, wait_for_host = ?, invitees_skip_lobby = ?, starting_mail = ?',
        [s.linkId, ...values, ...values],
      );
    },
    async queueStartingMails(eventId, recurrenceId, at, mails) {
      return db.tx(async (tx) => {
        const res = await tx.run(
          'INSERT INTO starting_mails (event_id, recurrence_id, queued_at) VALUES (?, ?, ?) ON CONFLICT (event_id, recurrence_id) DO NOTHING',
          [eventId, recurrenceId, at.getTime()],
        );
        if (res.changes === 0) return false;
        for (const m of mails) await insertMail(tx, m);
        return true;
      });
    },
    async withStartingMail() {
      const rows = await db.all<ScheduleRow>(
        'SELECT * FROM link_schedules WHERE starting_mail = 1 AND open_minutes_before IS NOT NULL ORDER BY link_id',
      );
      return rows.map(scheduleOf);
    },
  };
}

export function createEventLookup(db: Sql): EventLookup {
  return {
    async idByUid(uid) {
      const row = await db.get<{ id: string }>('SELECT id FROM events WHERE uid = ?', [uid]);
      return row?.id;
    },
    async idsForLink(linkId) {
      const rows = await db.all<{ id: string }>(
        'SELECT id FROM events WHERE link_id = ? ORDER BY created_at, id',
        [linkId],
      );
      return rows.map((r) => r.id);
    },
  };
}
