import type { Migration } from '../sql.js';

/** Calendar events. What attendees see lives in `data` (JSON); the columns are what we query. */
export const events: Migration = {
  version: 3,
  name: 'events',
  up: `
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  team_id TEXT,
  link_id TEXT NOT NULL,
  owner_id TEXT,
  sequence INTEGER NOT NULL,
  status TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  cancelled_at BIGINT,
  last_end BIGINT
);
CREATE INDEX events_team ON events (team_id, last_end);
CREATE INDEX events_link ON events (link_id)
`,
};
