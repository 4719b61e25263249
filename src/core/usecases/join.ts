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
import { validateDisplayName } from '../participants.js';
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
  /** The organization's call size cap (policy.maxParticipants); it holds for older links too. */
  callCap?: number;
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

async function assertRoomHasSpace(rooms: Rooms, link: Link): Promise<void> {
  const inCall = await rooms.participants(roomOf(link));
  if (inCall.length >= link.maxParticipants) {
    throw new AppError(
      'call_full',
      `This call is full: it already has ${link.maxParticipants} of ${link.maxParticipants} participants.`,
      { details: { maxParticipants: link.maxParticipants } },
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
  await assertRoomHasSpace(rooms, link);
  const token = await rooms.token({
    room: roomOf(link),
    identity,
    name,
    ttlSeconds: JOIN_TOKEN_TTL_SECONDS,
    maxParticipants: link.maxParticipants,
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
 * at once rather than after a wait.
 */
export async function joinCall(
  deps: JoinDeps,
  rawLinkId: string,
  input: { name: unknown },
  host: boolean,
): Promise<JoinResult> {
  const found = await findLink(deps.store, rawLinkId);
  const link = {
    ...found,
    maxParticipants: Math.min(found.maxParticipants, deps.callCap ?? found.maxParticipants),
  };
  const name = validateDisplayName(input.name);
  if (!link.lobby || host) {
    return {
      status: 'joined',
      grant: await grantFor(deps, link, name, newIdentity(deps.ids, host), host),
    };
  }
  await assertRoomHasSpace(requireRooms(deps.rooms), link);
  const ticket: LobbyTicket = {
    ticket: base64Url(deps.ids.randomBytes(18)),
    linkId: link.id,
    name,
    identity: newIdentity(deps.ids, false),
    status: 'waiting',
    createdAt: deps.clock.now(),
    decidedAt: null,
  };
  await deps.store.lobby.insert(ticket);
  return { status: 'waiting', ticket };
}

export type TicketAnswer =
  { status: Exclude<TicketStatus, 'admitted'> } | { status: 'admitted'; grant: JoinGrant };

/** What a waiting guest sees for a ticket; an admitted one comes with its join token. */
export async function readTicket(deps: JoinDeps, rawTicket: string): Promise<TicketAnswer> {
  const ticket = await deps.store.lobby.get(rawTicket);
  if (!ticket) throw new AppError('not_found', 'This lobby ticket is unknown.');
  const now = deps.clock.now();
  const status = ticketStatus(ticket, now);
  if (status !== 'admitted') return { status };
  if (!admissionValid(ticket, now)) return { status: 'expired' };
  const link = await findLink(deps.store, ticket.linkId);
  return {
    status: 'admitted',
    grant: await grantFor(deps, link, ticket.name, ticket.identity, false),
  };
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
  const ticket = await deps.store.lobby.get(rawTicket);
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
    const again = await deps.store.lobby.get(ticket.ticket);
    if (again?.status !== decision) {
      throw new AppError('conflict', 'Another host answered this knock first.');
    }
  }
  return { ...ticket, status: decision, decidedAt: now };
}

/** A token for a throwaway one-person room, so a browser can test its network first. */
export async function preflight(
  deps: JoinDeps,
  rawLinkId: string,
): Promise<Omit<JoinGrant, 'host' | 'identity'>> {
  await findLink(deps.store, rawLinkId);
  const rooms = requireRooms(deps.rooms);
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
