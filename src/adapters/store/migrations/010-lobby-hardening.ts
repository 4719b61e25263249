import type { Migration } from '../sql.js';

/**
 * Lobby tickets become single-use and are kept only as hashes (issue 14, items 2 and 11);
 * identities a host removed are remembered so their earlier tokens are thrown out again;
 * host keys get an expiry and can be revoked (item 12).
 * Knocks last ten minutes, and the ones in flight at the upgrade were stored in clear: they
 * are dropped (the guest knocks again) rather than kept readable on disk.
 */
export const lobbyHardening: Migration = {
  version: 10,
  name: 'lobby-hardening',
  up: `
DELETE FROM lobby_tickets;
ALTER TABLE lobby_tickets ADD COLUMN redeemed_at BIGINT;
CREATE TABLE removed_identities (
  link_id TEXT NOT NULL,
  identity TEXT NOT NULL,
  removed_at BIGINT NOT NULL,
  PRIMARY KEY (link_id, identity)
);
ALTER TABLE host_keys ADD COLUMN expires_at BIGINT;
ALTER TABLE host_keys ADD COLUMN revoked_at BIGINT
`,
};
