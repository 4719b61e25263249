import type { Migration } from '../sql.js';

/**
 * E2EE by key exchange: links get a mode (links made before it carried their key in `#k=`, so
 * they are passphrase links), and each participant of an exchange-mode call has a row with the
 * public key their browser sent and, for a guest, the room key a host wrapped for it (a
 * ciphertext only that guest's browser can open). Removed participants stay marked so no key
 * is relayed to them again.
 */
export const e2eeExchange: Migration = {
  version: 14,
  name: 'e2ee-exchange',
  up: `
ALTER TABLE links ADD COLUMN e2ee_mode TEXT;
UPDATE links SET e2ee_mode = 'passphrase' WHERE e2ee = 1;
CREATE TABLE e2ee_peers (
  link_id TEXT NOT NULL,
  identity TEXT NOT NULL,
  public_key TEXT NOT NULL,
  host INTEGER NOT NULL,
  wrapped_key TEXT,
  created_at BIGINT NOT NULL,
  removed_at BIGINT,
  PRIMARY KEY (link_id, identity)
)
`,
};
