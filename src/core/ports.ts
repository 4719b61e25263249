/**
 * The interfaces adapters implement. The core depends only on these.
 */
import type { Link } from './links.js';

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

/** One calendar object (a .ics resource) of a remote calendar, as last read. */
export interface CalendarObject {
  url: string;
  etag: string | undefined;
  data: string;
}

/** A calendar we edit in place (CalDAV). */
export interface CalendarSource {
  /** Fails with a clear AppError when the calendar cannot be reached or read with these credentials. */
  check(): Promise<void>;
  /** Objects holding an event with an occurrence in [start, end). */
  list(range: { start: Date; end: Date }): Promise<CalendarObject[]>;
  /** The object as it is now; undefined when it was deleted meanwhile. */
  get(url: string): Promise<CalendarObject | undefined>;
  /** Writes only if the object is unchanged since read (If-Match); 'conflict' otherwise. */
  update(object: CalendarObject, data: string): Promise<'ok' | 'conflict'>;
}

/** UID → link of imported calendars, per owner scope ('' for the admin token and the CLI). */
export interface ImportLinkRepo {
  /** The remembered links of these UIDs, with whether each link has since been revoked. */
  getMany(
    scope: string,
    uids: readonly string[],
  ): Promise<Map<string, { linkId: string; revoked: boolean }>>;
  /**
   * Remembers uid → link and returns the link in force: an existing mapping wins unless
   * `replace` (used when the remembered link was revoked).
   */
  put(
    scope: string,
    uid: string,
    linkId: string,
    at: Date,
    options?: { replace?: boolean },
  ): Promise<string>;
  count(scope: string): Promise<number>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly links: LinkRepo;
  readonly importLinks: ImportLinkRepo;
  /** Runs fn on a store whose writes commit together (or not at all). */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** Cheap round trip, for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
