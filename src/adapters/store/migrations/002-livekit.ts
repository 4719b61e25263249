import type { Migration } from '../sql.js';

/** Lobby knocks, host keys (hashes only) and attendance from LiveKit's webhooks. */
export const livekit: Migration = {
  version: 2,
  name: 'livekit',
  up: `
CREATE TABLE lobby_tickets (
  ticket TEXT PRIMARY KEY,
  link_id TEXT NOT NULL,
  name TEXT NOT NULL,
  identity TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  decided_at BIGINT
);
CREATE INDEX lobby_tickets_link ON lobby_tickets (link_id, status, created_at);
CREATE TABLE host_keys (
  key_hash TEXT PRIMARY KEY,
  link_id TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX host_keys_link ON host_keys (link_id);
CREATE TABLE attendance (
  session_id TEXT PRIMARY KEY,
  link_id TEXT NOT NULL,
  identity TEXT NOT NULL,
  name TEXT NOT NULL,
  joined_at BIGINT NOT NULL,
  left_at BIGINT
);
CREATE INDEX attendance_link ON attendance (link_id, joined_at);
`,
};
