import type { Migration } from '../sql.js';

/** Mail waiting to be sent; survives restarts and is retried until it goes out. */
export const outbox: Migration = {
  version: 8,
  name: 'outbox',
  up: `
CREATE TABLE mail_outbox (
  id TEXT PRIMARY KEY,
  event_id TEXT,
  to_addr TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  ics TEXT NOT NULL,
  method TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  lease_until BIGINT,
  sent_at BIGINT,
  last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);
CREATE INDEX mail_outbox_event ON mail_outbox (event_id)
`,
};
