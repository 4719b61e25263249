/**
 * The interfaces adapters implement. The core depends only on these.
 */
import type { AuditEntry, AuditNote } from './audit.js';
import type { ApiKey, KeyRole } from './keys.js';
import type { Link } from './links.js';
import type { Policy } from './policy.js';

export interface Clock {
  now(): Date;
}

export interface Ids {
  /** Cryptographically strong random bytes. */
  randomBytes(length: number): Uint8Array;
}

export interface NewLink {
  id: string;
  title: string | null;
  lobby: boolean;
  e2ee: boolean;
  maxParticipants: number;
  createdAt: Date;
  ownerId: string | null;
}

export interface LinkRepo {
  insert(link: NewLink): Promise<Link>;
  get(id: string): Promise<Link | undefined>;
  /** Newest first. With ownerId, only that owner's links. */
  list(options?: { ownerId?: string | null; limit?: number }): Promise<Link[]>;
  /** Marks the link revoked; returns false when it does not exist. Revoking twice keeps the first time. */
  revoke(id: string, at: Date): Promise<boolean>;
  count(): Promise<number>;
}

/** The one organization policy. Every change writes its audit entry in the same transaction. */
export interface PolicyRepo {
  /** The stored policy as saved (unvalidated), or undefined when none was ever saved. */
  get(): Promise<unknown>;
  /** Replaces the policy; returns what it replaced (undefined: the defaults were in force). */
  replace(policy: Policy, audit: AuditNote): Promise<unknown>;
}

export interface NewApiKey {
  id: string;
  name: string;
  role: KeyRole;
  hash: string;
  createdAt: Date;
}

export interface KeyRepo {
  insert(key: NewApiKey, audit: AuditNote): Promise<ApiKey>;
  get(id: string): Promise<ApiKey | undefined>;
  /** Oldest first, revoked ones included. */
  list(): Promise<ApiKey[]>;
  /** Revokes for good; false when unknown. A second revoke changes nothing and logs nothing. */
  revoke(id: string, audit: AuditNote): Promise<boolean>;
}

export interface AuditRepo {
  /** Newest first; `before` is an entry id to page on from. */
  list(options?: { limit?: number; before?: string }): Promise<AuditEntry[]>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly links: LinkRepo;
  readonly policy: PolicyRepo;
  readonly keys: KeyRepo;
  readonly audit: AuditRepo;
  /** Cheap round trip, for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
