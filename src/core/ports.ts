/**
 * The interfaces adapters implement. The core depends only on these.
 */
import type { AttendanceRecord } from './attendance.js';
import type { Link } from './links.js';
import type { LobbyTicket } from './lobby.js';
import type { CalendarEvent } from './events.js';
import type { CounterRepo, FeedRepo, MessageBus, OutboxRepo, TeamRepo } from './store-ports.js';
import type { E2eePeerRepo } from './e2ee-ports.js';
import type { AuditAction, AuditEntry, AuditNote } from './audit.js';
import type { ApiKey, KeyRole } from './keys.js';
import type { Policy } from './policy.js';
import type { EventLookup, InviteeTokenRepo, MailReplyRepo, RsvpRepo } from './rsvp.js';
import type { ScheduleRepo } from './link-schedule.js';

export interface Clock {
  now(): Date;
}

export interface Ids {
  /** Cryptographically strong random bytes. */
  randomBytes(length: number): Uint8Array;
}

/** A link as created: revocation comes later. */
export type NewLink = Omit<Link, 'revokedAt'>;

export interface LinkRepo {
  insert(link: NewLink): Promise<Link>;
  get(id: string): Promise<Link | undefined>;
  /** Newest first. With ownerId, only that owner's links. */
  list(options?: { ownerId?: string | null; limit?: number }): Promise<Link[]>;
  /** Marks the link revoked; returns false when it does not exist. Revoking twice keeps the first time. */
  revoke(id: string, at: Date): Promise<boolean>;
  count(): Promise<number>;
  /**
   * Changes a link's settings and writes the audit entry in the same transaction; undefined
   * when the link does not exist. The id never changes.
   */
  update(id: string, changes: LinkSettings, audit: AuditNote): Promise<Link | undefined>;
}

/** What an organizer may change on a link after creating it. */
export type LinkSettings = Partial<Pick<Link, 'title' | 'lobby' | 'maxParticipants'>>;

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

/** The one organization policy. Every change writes its audit entry in the same transaction. */
export interface PolicyRepo {
  /** The stored policy as saved (unvalidated), or undefined when none was ever saved. */
  get(): Promise<unknown>;
  /**
   * What changes whenever the stored policy does (its change time and size), undefined when
   * none was saved: a cheap read that lets a cache skip parsing an unchanged policy.
   */
  stamp(): Promise<string | undefined>;
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
  /** Writes one entry for a change made outside the policy and key repositories. */
  record(
    note: AuditNote,
    change: { action: AuditAction; target: string; before: unknown; after: unknown },
  ): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly links: LinkRepo;
  readonly lobby: LobbyRepo;
  readonly hostKeys: HostKeyRepo;
  readonly attendance: AttendanceRepo;
  readonly importLinks: ImportLinkRepo;
  /** Runs fn on a store whose writes commit together (or not at all). */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  readonly events: EventRepo;
  readonly teams: TeamRepo;
  readonly feeds: FeedRepo;
  readonly outbox: OutboxRepo;
  readonly policy: PolicyRepo;
  readonly keys: KeyRepo;
  readonly audit: AuditRepo;
  /** Rate-limit windows shared through the database. */
  readonly counters: CounterRepo;
  /** Set when several instances can share this store (PostgreSQL): LISTEN/NOTIFY between them. */
  readonly bus?: MessageBus | undefined;
  readonly invitees: InviteeTokenRepo;
  readonly rsvps: RsvpRepo;
  readonly replies: MailReplyRepo;
  readonly schedules: ScheduleRepo;
  readonly eventLookup: EventLookup;
  /** Public keys and wrapped room keys of exchange-mode E2EE calls. */
  readonly e2ee: E2eePeerRepo;
  /** Cheap round trip, for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** What a join token allows: one room, one identity, for a short time. */
export interface RoomGrant {
  room: string;
  identity: string;
  name: string;
  ttlSeconds: number;
  /** Applied when the token's join creates the room: the media server's own cap. */
  maxParticipants: number;
  emptyTimeoutSeconds: number;
  /** Hosts get admin rights in the room (mute, remove) and are told about knocks. */
  host: boolean;
  /** Extra participant attributes everyone in the room sees (e.g. an E2EE public key). */
  attributes?: Record<string, string>;
}

export interface RoomParticipant {
  /** The media server's id of this session (the attendance record's session id). */
  sid?: string;
  identity: string;
  name: string;
  joinedAt: Date | null;
  host: boolean;
  tracks: { sid: string; kind: 'audio' | 'video'; muted: boolean }[];
}

/** The media server, as the core sees it. Failures to reach it throw AppError('unavailable'). */
export interface Rooms {
  /** The URL clients connect to. */
  readonly url: string;
  /** ICE servers for clients: [] for the loopback dev server; undefined leaves the server's. */
  readonly iceServers: { urls: string[] }[] | undefined;
  token(grant: RoomGrant): Promise<string>;
  participants(room: string): Promise<RoomParticipant[]>;
  /**
   * How many people are in the room (or about to join it). May be an estimate that only errs
   * high (a recent count plus the tokens handed out since, see livekit/occupancy.ts);
   * `fresh` asks the media server anew, as refusing someone should.
   */
  occupancy(room: string, options?: { fresh?: boolean }): Promise<number>;
  /** Returns false when no such participant is in the room. */
  remove(room: string, identity: string): Promise<boolean>;
  /** Mutes every published track of that kind; returns how many were muted. */
  mute(room: string, identity: string, kind: 'audio' | 'video'): Promise<number>;
  /** Ends the call for everyone. */
  end(room: string): Promise<void>;
  /** Sends a small JSON message to some participants (by identity). */
  notify(room: string, identities: string[], topic: string, payload: unknown): Promise<void>;
  up(): Promise<boolean>;
}

/**
 * Lobby knocks. The guest's ticket is stored only as a hash; the hash is the ticket's handle,
 * which hosts see and answer by. Every ticket read back carries its handle in `ticket`.
 */
export interface LobbyRepo {
  /** Stores a new knock; `ticket.ticket` is the guest's secret (kept as its hash). */
  insert(ticket: LobbyTicket): Promise<void>;
  /** The knock of a guest's secret ticket. */
  get(secret: string): Promise<LobbyTicket | undefined>;
  /** The knock with this handle (what hosts see), or of this secret ticket. */
  byHandle(handleOrSecret: string): Promise<LobbyTicket | undefined>;
  /** Tickets still waiting that were created after `since`, oldest first. */
  waiting(linkId: string, since: Date): Promise<LobbyTicket[]>;
  /** Decides a waiting ticket; false when it is not waiting (already decided, or unknown). */
  decide(handle: string, status: 'admitted' | 'denied', at: Date): Promise<boolean>;
  /** Spends an admitted ticket; false when it was spent already (tickets are single-use). */
  redeem(handle: string, at: Date): Promise<boolean>;
  /** Remembers that a host removed this identity from the link's call. */
  markRemoved(linkId: string, identity: string, at: Date): Promise<void>;
  isRemoved(linkId: string, identity: string): Promise<boolean>;
}

/** A host key as listed: never the key, nor its hash; `id` is a short public handle. */
export interface HostKeyRecord {
  id: string;
  linkId: string;
  createdAt: Date;
  /** Null for keys made before expiry existed: they expire by the configured lifetime. */
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface HostKeyRepo {
  insert(key: {
    linkId: string;
    keyHash: string;
    createdAt: Date;
    expiresAt?: Date | null;
  }): Promise<void>;
  /** The link a host key (by hash) belongs to, revoked or not. */
  linkOf(keyHash: string): Promise<string | undefined>;
  /** The host key with this hash, for checking its expiry and revocation. */
  find(keyHash: string): Promise<HostKeyRecord | undefined>;
  /** A link's host keys, newest first. */
  list(linkId: string): Promise<HostKeyRecord[]>;
  /** Revokes one; false when the link has no such key (or it was revoked already). */
  revoke(linkId: string, id: string, at: Date): Promise<boolean>;
}

export interface AttendanceRepo {
  /** Records a join; a second report of the same session changes nothing. */
  joined(record: Omit<AttendanceRecord, 'leftAt'>): Promise<void>;
  /** Records a leave (creating the record when the join report never came). */
  left(record: AttendanceRecord & { leftAt: Date }): Promise<void>;
  /** Closes every open session of the link's room (the room ended). */
  closeAll(linkId: string, at: Date): Promise<number>;
  /** Oldest first; optionally only sessions that overlap [from, to). */
  list(linkId: string, range?: { from?: Date; to?: Date }): Promise<AttendanceRecord[]>;
  /**
   * Records a media-server event id; false when it was seen before. Used in the same
   * transaction as the event's effect, so a retried or twice-delivered webhook counts once.
   */
  firstDelivery(eventId: string, at: Date): Promise<boolean>;
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
  /** Newest first; ownerId filters (null: the admin token's), absent: everyone's. */
  list(options: { ownerId?: string | null; limit: number }): Promise<CalendarEvent[]>;
  listForTeam(
    teamId: string,
    window: { since: Date; cancelledSince: Date },
  ): Promise<CalendarEvent[]>;
  /** The same events, a page at a time (in the same order), for those that need not hold all. */
  pagesForTeam(
    teamId: string,
    window: { since: Date; cancelledSince: Date },
  ): AsyncIterable<CalendarEvent[]>;
}
