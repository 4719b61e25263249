import type { Migration } from '../sql.js';

/**
 * Invitees and their answers: personal join tokens (hashed), RSVPs per occurrence ('' = the
 * whole series), the mailbox's REPLYs already read (by Message-ID, with why one was skipped),
 * and a link's schedule settings (open N minutes before, wait for a host, invitees skip lobby).
 */
export const rsvp: Migration = {
  version: 12,
  name: 'rsvp',
  up: `
CREATE TABLE invitee_tokens (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  link_id TEXT NOT NULL,
  email TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX invitee_tokens_event ON invitee_tokens (event_id, email);
CREATE TABLE rsvps (
  event_id TEXT NOT NULL,
  email TEXT NOT NULL,
  recurrence_id TEXT NOT NULL,
  partstat TEXT NOT NULL,
  sequence INTEGER,
  source TEXT NOT NULL,
  answered_at BIGINT NOT NULL,
  PRIMARY KEY (event_id, email, recurrence_id)
);
CREATE TABLE mail_replies (
  message_id TEXT PRIMARY KEY,
  event_id TEXT,
  email TEXT,
  outcome TEXT NOT NULL,
  reason TEXT,
  received_at BIGINT NOT NULL
);
CREATE INDEX mail_replies_event ON mail_replies (event_id, received_at);
CREATE TABLE link_schedules (
  link_id TEXT PRIMARY KEY,
  open_minutes_before INTEGER,
  wait_for_host INTEGER NOT NULL,
  invitees_skip_lobby INTEGER NOT NULL,
  starting_mail INTEGER NOT NULL
);
CREATE TABLE starting_mails (
  event_id TEXT NOT NULL,
  recurrence_id TEXT NOT NULL,
  queued_at BIGINT NOT NULL,
  PRIMARY KEY (event_id, recurrence_id)
)
`,
};
