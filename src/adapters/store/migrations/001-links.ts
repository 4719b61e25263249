import type { Migration } from '../sql.js';

export const links: Migration = {
  version: 1,
  name: 'links',
  up: `
CREATE TABLE links (
  id TEXT PRIMARY KEY,
  title TEXT,
  lobby INTEGER NOT NULL,
  e2ee INTEGER NOT NULL,
  max_participants INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT,
  owner_id TEXT
);
CREATE INDEX links_created ON links (created_at);
CREATE INDEX links_owner ON links (owner_id, created_at);
`,
};
