/**
 * The audit log: who changed the policy or the keys, when, and what it was before and after.
 * Entries never hold secrets (no keys, no hashes).
 */

/** Who acted: the admin token, a named key, or the command line on the server itself. */
export interface Actor {
  kind: 'admin' | 'key' | 'cli';
  id: string | null;
  name: string | null;
}

export type AuditAction =
  | 'policy.update'
  | 'key.create'
  | 'key.revoke'
  | 'link.update'
  | 'host_key.create'
  | 'host_key.revoke'
  | 'link.revoke'
  | 'feed.create'
  | 'feed.revoke';

export interface AuditEntry {
  id: string;
  at: Date;
  actor: Actor;
  action: AuditAction;
  /** What was changed: 'policy', the key id, or the link id. */
  target: string;
  before: unknown;
  after: unknown;
}

/** What the caller supplies; the repository fills in before/after inside its transaction. */
export interface AuditNote {
  id: string;
  at: Date;
  actor: Actor;
}

/** Audit ids sort by time: 13 digits of milliseconds, then random characters. */
export function makeAuditId(at: Date, random: string): string {
  return `${String(at.getTime()).padStart(13, '0')}-${random}`;
}
