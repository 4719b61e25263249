/**
 * Store ports for teams, their feeds and the mail outbox (kept apart from ports.ts so each
 * concept stays small).
 */
import type { NewMail } from './ports.js';

export interface Team {
  id: string;
  name: string;
  createdAt: Date;
  /** The creating key's id; null for the admin token (and teams made before owners existed). */
  ownerId: string | null;
  /** Raised by every change to the team's events; the feed cache key. */
  version: number;
  /** When the team's events last changed. */
  updatedAt: Date;
}

export interface Feed {
  id: string;
  teamId: string;
  /** SHA-256 hex of the secret in the URL; the secret itself is never stored. */
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface TeamRepo {
  insert(team: {
    id: string;
    name: string;
    createdAt: Date;
    ownerId?: string | null;
  }): Promise<Team>;
  get(id: string): Promise<Team | undefined>;
  /** Newest first; ownerId filters (null: the admin token's), absent: everyone's. */
  list(options?: { ownerId?: string | null; limit?: number }): Promise<Team[]>;
}

export interface FeedRepo {
  insert(feed: { id: string; teamId: string; secretHash: string; createdAt: Date }): Promise<Feed>;
  /** The active feed with this secret hash, with its team's version: one indexed lookup. */
  findActiveByHash(secretHash: string): Promise<{ feed: Feed; team: Team } | undefined>;
  list(teamId: string): Promise<Feed[]>;
  /** The feeds of several teams at once, oldest first. */
  listForTeams(teamIds: readonly string[]): Promise<Feed[]>;
  /** Revokes for good; false when no such feed in that team. */
  revoke(teamId: string, feedId: string, at: Date): Promise<boolean>;
}

/** A queued mail as the outbox holds it: what was queued, and how sending went. */
export interface OutboxMail extends NewMail {
  attempts: number;
  sentAt: Date | null;
  lastError: string | null;
  /** Set when the mail failed for good (the SMTP server refused it): never retried. */
  deadAt: Date | null;
}

export interface OutboxRepo {
  /**
   * Takes up to `limit` unsent mails due at `now` and leases them to `owner` until
   * `leaseUntil`, so that another instance does not send them at the same time.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number, owner: string): Promise<OutboxMail[]>;
  /**
   * Extends `owner`'s lease on one mail; false when the lease passed to another worker (or
   * the mail is no longer pending): the caller must not send it then.
   */
  renew(id: string, owner: string, leaseUntil: Date): Promise<boolean>;
  /** Records the mail as sent; false (and nothing changed) unless `owner` holds its lease. */
  markSent(id: string, at: Date, owner: string): Promise<boolean>;
  /** Records a failed attempt; the mail is retried from `retryAt`. Owner-checked like markSent. */
  markFailed(id: string, error: string, retryAt: Date, owner: string): Promise<boolean>;
  /** A permanent failure: the mail moves to the dead letters with the reason. Owner-checked. */
  markDead(id: string, error: string, at: Date, owner: string): Promise<boolean>;
  /** Gives back a lease that will not be used (a batch stopped early). */
  release(id: string, owner: string): Promise<void>;
  listForEvent(eventId: string): Promise<OutboxMail[]>;
  /** Dead letters, newest first. */
  listDead(limit: number): Promise<OutboxMail[]>;
  /** Unsent mail that will still be tried (dead letters excluded). */
  pendingCount(): Promise<number>;
}

/** Fixed-window counters shared by every instance on the database (rate limits without Redis). */
export interface CounterRepo {
  /** Counts one hit on `key` in the window running at `now`; a new window starts when it ends. */
  hit(key: string, now: Date, windowMs: number): Promise<{ hits: number; resetAt: Date }>;
  /** Takes one hit back (a request that should not count after all). */
  unhit(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  /** Drops windows that ended before `now`. */
  sweep(now: Date): Promise<number>;
}

/**
 * Messages between the instances that share a store (PostgreSQL LISTEN/NOTIFY, or Redis
 * pub/sub): best effort, so receivers still re-read the store now and then.
 */
export interface MessageBus {
  publish(topic: string, message: string): Promise<void>;
  /** Calls handler for each message on topic, from this or any other instance; returns unsubscribe. */
  subscribe(topic: string, handler: (message: string) => void): () => void;
  close(): Promise<void>;
}
