import type { Migration } from '../sql.js';

/** Teams and their subscription feeds. Feed secrets are stored only as SHA-256 hashes. */
export const teams: Migration = {
  version: 4,
  name: 'teams',
  up: `
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE feeds (
  id TEXT PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES teams (id),
  secret_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX feeds_team ON feeds (team_id)
`,
};
