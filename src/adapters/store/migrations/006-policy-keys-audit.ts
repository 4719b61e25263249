import type { Migration } from '../sql.js';

/** The organization policy (one row, JSON body), named keys (hashed) and the audit log. */
export const policyKeysAudit: Migration = {
  version: 6,
  name: 'policy-keys-audit',
  up: `
CREATE TABLE org_policy (
  id INTEGER PRIMARY KEY,
  body TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
`,
};
