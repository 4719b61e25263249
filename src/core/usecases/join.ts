/**
 * Joining a call: a token for the link's room (one room only, a random identity, a short
 * TTL), refused with call_full before any token is spent when the room is at its cap; or,
 * for a lobby link, a ticket to wait on until a host admits or denies it.
 */
import { AppError } from '../errors.js';
import { base64Url, type Link } from '../links.js';
import {
  LOBBY_TTL_MS,
  admissionValid,
  ticketStatus,
  type LobbyTicket,
  type TicketStatus,
} from '../lobby.js';
import { assertBrowserAllowed } from '../browser-policy.js';
import { validateDisplayName } from '../participants.js';
import { DEFAULT_POLICY, assertMayJoin, effectiveCallSize, type Policy } from '../policy.js';
import type { Clock, Ids, Rooms, Store } from '../ports.js';
import { findLink } from './links.js';

/** Long enough to connect; a connected client gets fresh tokens from the media server. */
export const JOIN_TOKEN_TTL_SECONDS = 300;
/** An empty room closes after this long. */
export const EMPTY_TIMEOUT_SECONDS = 120;
export const PREFLIGHT_TTL_SECONDS = 60;

export interface JoinDeps {
  store: Store;
  rooms?: Rooms | undefined;
  clock: Clock;
  ids: Ids;
  /** The organization's policy in force (defaults when absent). */
  policy?: Policy | undefined;
}

export interface JoinGrant {
  token: string;
  livekitUrl: string;
  room: string;
  identity: string;
  host: boolean;
  iceServers?: { urls: string[] }[];
}

export type JoinResult =
  { status: 'joined'; grant: JoinGrant } | { status: 'waiting'; ticket: LobbyTicket };

/** The LiveKit room of a link: exactly one per link. */
export function roomOf(link: Pick<Link, 'id'>): string {
  return link.id;
}

/** The link a room belongs to, or undefined for rooms we did not make for links. */
export function linkIdOfRoom(room: string): string | undefined {
  return /^[0-9a-z]{28}$/.test(room) ? room : undefined;
}

export function requireRooms(rooms: Rooms | undefined): Rooms {
  if (!rooms) {
    throw new AppError(
      'unavailable',
      'Calls are unavailable on this server: no media server is configured.',
    );
  }
  return rooms;
}

function newIdentity(ids: Ids, host: boolean): string {
  return `${host ? 'h' : 'p'}_${base64Url(ids.randomBytes(12))}`;
}

/** The link's call size, under a policy cap that may have been lowered since. */
function callSize(deps: JoinDeps, link: Link): number {
  return effectiveCallSize(link.maxParticipants, deps.policy ?? DEFAULT_POLICY);
}

async function assertRoomHasSpace(deps: JoinDeps, rooms: Rooms, link: Link): Promise<void> {
  const max = callSize(deps, link);
  // A shared count is enough to let someone in; "full" is always confirmed with a fresh
  // lookup, so a seat freed a moment ago is never refused.
  const room = roomOf(link);
  if (
    (await rooms.occupancy(room)) >= max &&
    (await rooms.occupancy(room, { fresh: true })) >= max
  ) {
    throw new AppError(
      'call_full',
      `This call is full: it already has ${max} of ${max} participants.`,
      { details: { maxParticipants: max } },
    );
  }
}

async function grantFor(
  deps: JoinDeps,
  link: Link,
  name: string,
  identity: string,
  host: boolean,
): Promise<JoinGrant> {
  const rooms = requireRooms(deps.rooms);
  await assertRoomHasSpace(deps, rooms, link);
  const token = await rooms.token({
    room: roomOf(link),
    identity,
    name,
    ttlSeconds: JOIN_TOKEN_TTL_SECONDS,
    maxParticipants: callSize(deps, link),
    emptyTimeoutSeconds: EMPTY_TIMEOUT_SECONDS,
    host,
  });
  return {
    token,
    livekitUrl: rooms.url,
    room: roomOf(link),
    identity,
    host,
    ...(rooms.iceServers ? { iceServers: rooms.iceServers } : {}),
  };
}

/**
 * Joins a link's call. Hosts skip the lobby; everyone else on a lobby link gets a ticket.
 * The media server is asked first in both cases, so a full or unreachable call is said
 * at once rather than after a wait. `member` (any valid key, or host) matters when the
 * policy allows no guests.
 */
export async function joinCall(
  deps: JoinDeps,
  /** The link as the caller already found it, or its raw id. */
  linkOrId: Link | string,
  input: { name: unknown; userAgent?: string | undefined },
  host: boolean,
  member: boolean = host,
  /** An invitee on their personal link: their own identity, and maybe past the lobby. */
  invitee: { identity: string; skipLobby: boolean } | undefined = undefined,
): Promise<JoinResult> {
  const link = typeof linkOrId === 'string' ? await findLink(deps.store, linkOrId) : linkOrId;
  assertMayJoin(deps.policy ?? DEFAULT_POLICY, member || host);
  assertBrowserAllowed(deps.policy ?? DEFAULT_POLICY, input.userAgent);
  const name = validateDisplayName(input.name);
  const identity = invitee?.identity ?? newIdentity(deps.ids, host);
  if (!link.lobby || host || invitee?.skipLobby) {
    return { status: 'joined', grant: await grantFor(deps, link, name, identity, host) };
  }
  await assertRoomHasSpace(deps, requireRooms(deps.rooms), link);
  const ticket: LobbyTicket = {
    ticket: base64Url(deps.ids.randomBytes(18)),
    linkId: link.id,
    name,
    identity,
    status: 'waiting',
    createdAt: deps.clock.now(),
    decidedAt: null,
  };
  await deps.store.lobby.insert(ticket);
  return { status: 'waiting', ticket };
}

export type TicketAnswer =
  { status: Exclude<TicketStatus, 'admitted'> } | { status: 'admitted'; grant: JoinGrant };

/**
 * What a waiting guest sees for a ticket; an admitted one comes with its join token, once:
 * asking again answers expired.
 */
export async function readTicket(
  deps: JoinDeps,
  rawTicket: string,
  userAgent?: string,
): Promise<TicketAnswer> {
  const ticket = await deps.store.lobby.get(rawTicket);
  if (!ticket) throw new AppError('not_found', 'This lobby ticket is unknown.');
  const now = deps.clock.now();
  const status = ticketStatus(ticket, now);
  if (status !== 'admitted') return { status };
  // Single-use: the one token was handed out; a removed guest never gets another.
  if (!admissionValid(ticket, now) || ticket.redeemedAt) return { status: 'expired' };
  if (await deps.store.lobby.isRemoved(ticket.linkId, ticket.identity)) return { status: 'denied' };
  const link = await findLink(deps.store, ticket.linkId);
  assertMayJoin(deps.policy ?? DEFAULT_POLICY, true); // a host admitted them: a member's guest
  assertBrowserAllowed(deps.policy ?? DEFAULT_POLICY, userAgent);
  const grant = await grantFor(deps, link, ticket.name, ticket.identity, false);
  // Spent only once the token exists (a full call leaves the ticket usable); two polls at
  // once cannot both get one.
  if (!(await deps.store.lobby.redeem(ticket.ticket, now))) return { status: 'expired' };
  return { status: 'admitted', grant };
}

/** Guests waiting in a link's lobby, oldest first. */
export async function waitingGuests(
  deps: Pick<JoinDeps, 'store' | 'clock'>,
  link: Link,
): Promise<LobbyTicket[]> {
  const since = new Date(deps.clock.now().getTime() - LOBBY_TTL_MS);
  return deps.store.lobby.waiting(link.id, since);
}

/**
 * A host's answer to a knock. Repeating the same answer is harmless; changing it, or
 * answering an expired knock, is a conflict.
 */
export async function decideTicket(
  deps: Pick<JoinDeps, 'store' | 'clock'>,
  link: Link,
  rawTicket: string,
  decision: 'admitted' | 'denied',
): Promise<LobbyTicket> {
  const ticket = await deps.store.lobby.byHandle(rawTicket);
  if (!ticket || ticket.linkId !== link.id) {
    throw new AppError('not_found', 'Nobody with this ticket is waiting for this call.');
  }
  const now = deps.clock.now();
  const status = ticketStatus(ticket, now);
  if (status === decision) return ticket;
  if (status !== 'waiting') {
    throw new AppError('conflict', `This knock was already ${status}.`, { details: { status } });
  }
  if (!(await deps.store.lobby.decide(ticket.ticket, decision, now))) {
    const again = await deps.store.lobby.byHandle(ticket.ticket);
    if (again?.status !== decision) {
      throw new AppError('conflict', 'Another host answered this knock first.');
    }
  }
  return { ...ticket, status: decision, decidedAt: now };
}

/**
 * A host removes someone from the call. The identity is remembered, so neither their lobby
 * ticket nor a token they still hold lets them back in (the media server's webhook reports the
 * rejoin, and they are removed again). Someone not in the call is not_found, and nothing is kept.
 */
export async function removeParticipant(
  deps: Pick<JoinDeps, 'store' | 'clock' | 'rooms'>,
  link: Link,
  identity: string,
): Promise<boolean> {
  if (!(await requireRooms(deps.rooms).remove(roomOf(link), identity))) return false;
  await deps.store.lobby.markRemoved(link.id, identity, deps.clock.now());
  return true;
}

/** A token for a throwaway one-person room, so a browser can test its network first. */
export async function preflight(
  deps: JoinDeps,
  rawLinkId: string,
): Promise<Omit<JoinGrant, 'host' | 'identity'>> {
  await findLink(deps.store, rawLinkId);
  if (!(deps.policy ?? DEFAULT_POLICY).linksEnabled) {
    throw new AppError('links_disabled', 'Calls are disabled by your organization.');
  }
  const rooms = requireRooms(deps.rooms);
  // A token for a media server that is down would send the browser to a dead address and
  // make its failure look like the user's network: say the service is unavailable instead.
  if (!(await rooms.up())) {
    throw new AppError(
      'unavailable',
      'Calls are unavailable right now: the media server cannot be reached. Please try again in a minute.',
    );
  }
  const room = `preflight-${base64Url(deps.ids.randomBytes(12))}`;
  const token = await rooms.token({
    room,
    identity: `check_${base64Url(deps.ids.randomBytes(9))}`,
    name: 'Connection check',
    ttlSeconds: PREFLIGHT_TTL_SECONDS,
    maxParticipants: 1,
    emptyTimeoutSeconds: 10,
    host: false,
  });
  return {
    token,
    livekitUrl: rooms.url,
    room,
    ...(rooms.iceServers ? { iceServers: rooms.iceServers } : {}),
  };
}
