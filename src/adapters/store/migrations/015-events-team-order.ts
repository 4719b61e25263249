import type { Migration } from '../sql.js';

/**
 * A team's events in feed order (created_at, id): the feed reads them in pages by that key
 * (events.ts listForTeam), each page an index range instead of a sort of the whole team.
 */
export const eventsTeamOrder: Migration = {
  version: 15,
  name: 'events-team-order',
  up: `CREATE INDEX events_team_order ON events (team_id, created_at, id)`,
};
