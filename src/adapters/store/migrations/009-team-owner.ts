import type { Migration } from '../sql.js';

/**
 * Teams get an owner (the creating key's id, NULL for the admin token) so organizers see and
 * change only their own teams and feeds; events get an index for "my events, newest first".
 */
export const teamOwner: Migration = {
  version: 9,
  name: 'team-owner',
  up: `
ALTER TABLE teams ADD COLUMN owner_id TEXT;
CREATE INDEX teams_owner ON teams (owner_id, created_at);
CREATE INDEX events_owner ON events (owner_id, created_at)
`,
};
