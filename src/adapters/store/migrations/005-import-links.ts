import type { Migration } from '../sql.js';

/**
 * UID → link for imported calendars: a series and its overrides (same UID) share one link,
 * and importing the same calendar again finds it here. Scoped by the importing owner ('' for
 * the admin token and the CLI) so two organizers' UIDs never collide.
 */
export const importLinks: Migration = {
  version: 5,
  name: 'import-links',
  up: `
CREATE TABLE import_links (
  scope TEXT NOT NULL,
  uid TEXT NOT NULL,
  link_id TEXT NOT NULL REFERENCES links (id),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (scope, uid)
);
CREATE INDEX import_links_link ON import_links (link_id);
`,
};
