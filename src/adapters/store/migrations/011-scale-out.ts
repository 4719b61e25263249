import type { Migration } from '../sql.js';

/**
 * Several instances on one database: outbox leases name their holder and permanent failures
 * are kept apart (dead letters); LiveKit webhook events are recorded once per event id; rate
 * limit counters shared by every instance when there is no Redis.
 */
export const scaleOut: Migration = {
  version: 11,
  name: 'scale-out',
  up: `
ALTER TABLE mail_outbox ADD COLUMN lease_owner TEXT;
ALTER TABLE mail_outbox ADD COLUMN dead_at BIGINT;
CREATE TABLE livekit_webhook_events (
  id TEXT PRIMARY KEY,
  received_at BIGINT NOT NULL
);
CREATE TABLE rate_limit_hits (
  key TEXT PRIMARY KEY,
  hits INTEGER NOT NULL,
  reset_at BIGINT NOT NULL
);
CREATE INDEX rate_limit_hits_reset ON rate_limit_hits (reset_at)
`,
};
