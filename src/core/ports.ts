/**
 * The interfaces adapters implement. The core depends only on these.
 */
import type { CalendarEvent } from './events.js';
import type { Link } from './links.js';
import type { FeedRepo, OutboxRepo, TeamRepo } from './store-ports.js';

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

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly links: LinkRepo;
  readonly events: EventRepo;
  readonly teams: TeamRepo;
  readonly feeds: FeedRepo;
  readonly outbox: OutboxRepo;
  /** Cheap round trip, for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A mail to send, queued in the same transaction as the event change it announces. */
export interface NewMail {
  id: string;
  eventId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The iCalendar body and its METHOD (REQUEST, CANCEL). */
  ics: string;
  method: string;
  createdAt: Date;
}

export interface EventRepo {
  /** Stores a new event and queues its mail, in one transaction; bumps its team's version. */
  insert(event: CalendarEvent, mail?: NewMail[]): Promise<void>;
  get(id: string): Promise<CalendarEvent | undefined>;
  /**
   * Replaces an event if it is still at `previous` (same sequence and updatedAt), queues the
   * mail and bumps the team versions concerned, in one transaction. False when it changed.
   */
  update(event: CalendarEvent, previous: CalendarEvent, mail?: NewMail[]): Promise<boolean>;
  /** A team's events that end after `since` (or never), cancelled ones only if cancelled after `cancelledSince`. */
  listForTeam(
    teamId: string,
    window: { since: Date; cancelledSince: Date },
  ): Promise<CalendarEvent[]>;
}
