/**
 * Personal join links and RSVPs. Each attendee's invite carries the event's one call link plus
 * a token of their own in the `invite` query parameter (mail link rewriters such as Outlook's
 * Safe Links, Gmail's redirector and Apple Mail keep query strings; some drop fragments). Only
 * the token's hash is stored. A token works only on its event's link, only while its attendee
 * is still invited, and is revoked when the attendee is taken off the list.
 */
import type { CalendarEvent, Person } from '../events.js';
import { AppError } from '../errors.js';
import { base64Url, linkUrl } from '../links.js';
import type { Clock, Ids, Store } from '../ports.js';
import { answerKey, type InviteeToken, type Rsvp, type RsvpRecord } from '../rsvp.js';

export const INVITE_PARAM = 'invite';
const TOKEN_PATTERN = /^iv[\w-]{32}$/;

export interface InviteeDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  /** SHA-256 hex of a secret (the adapters' hashSecret). */
  hashSecret: (secret: string) => string;
}

export interface Invitee {
  token: InviteeToken;
  event: CalendarEvent;
  attendee: Person;
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The attendee's link: the event's call link with their token as a query parameter. */
export function personalLinkUrl(publicUrl: string, linkId: string, token: string): string {
  return `${linkUrl(publicUrl, linkId)}?${INVITE_PARAM}=${token}`;
}

/** One-click answer page (GET shows a confirmation, POST records). */
export function rsvpUrl(publicUrl: string, token: string, answer: 'yes' | 'maybe' | 'no'): string {
  return `${publicUrl.replace(/\/+$/, '')}/rsvp/${token}?answer=${answer}`;
}

/** The call identity of an invitee: the token's public id, then randomness per join. */
export function inviteeIdentity(tokenId: string, random: Uint8Array): string {
  return `i_${tokenId}_${base64Url(random)}`;
}

/** The token id inside an invitee identity, or undefined for anyone else. */
export function tokenIdOfIdentity(identity: string): string | undefined {
  return /^i_([0-9a-f]{16})_/.exec(identity)?.[1];
}

/** Makes a new personal token for an attendee of the event (the secret is returned once). */
export async function issueInviteeToken(
  deps: InviteeDeps,
  event: CalendarEvent,
  email: string,
): Promise<string> {
  const secret = `iv${base64Url(deps.ids.randomBytes(24))}`;
  await deps.store.invitees.insert({
    id: hex(deps.ids.randomBytes(8)),
    eventId: event.id,
    linkId: event.linkId,
    email,
    tokenHash: deps.hashSecret(secret),
    createdAt: deps.clock.now(),
    revokedAt: null,
  });
  return secret;
}

/**
 * The invitee a presented token belongs to; undefined when it is malformed, unknown, revoked,
 * its attendee is no longer invited, or its event was cancelled.
 */
export async function findInvitee(
  deps: Pick<InviteeDeps, 'store' | 'hashSecret'>,
  raw: unknown,
): Promise<Invitee | undefined> {
  if (typeof raw !== 'string' || !TOKEN_PATTERN.test(raw)) return undefined;
  const token = await deps.store.invitees.findByHash(deps.hashSecret(raw));
  if (!token || token.revokedAt) return undefined;
  return inviteeOf(deps, token);
}

async function inviteeOf(
  deps: Pick<InviteeDeps, 'store'>,
  token: InviteeToken,
): Promise<Invitee | undefined> {
  const event = await deps.store.events.get(token.eventId);
  if (!event || event.status === 'cancelled') return undefined;
  const attendee = event.attendees.find((a) => a.email === token.email);
  return attendee ? { token, event, attendee } : undefined;
}

/** The invitee behind a call identity (for attendance and the host panel). */
export async function inviteeOfIdentity(
  deps: Pick<InviteeDeps, 'store'>,
  identity: string,
): Promise<InviteeToken | undefined> {
  const id = tokenIdOfIdentity(identity);
  return id ? deps.store.invitees.get(id) : undefined;
}

/** The token-free error for a bad RSVP link: it says nothing about which part was wrong. */
export const badRsvpLink = () =>
  new AppError(
    'not_found',
    'This answer link is not valid (any more): it may be cut, or you were taken off the invitation.',
  );

/** Records an answer from a mail button. Answering again replaces it; the same again is a no-op. */
export async function answerByToken(
  deps: InviteeDeps,
  raw: unknown,
  answer: Rsvp,
  recurrenceId?: string,
): Promise<{ invitee: Invitee; changed: boolean; record: RsvpRecord }> {
  const invitee = await findInvitee(deps, raw);
  if (!invitee) throw badRsvpLink();
  const record: RsvpRecord = {
    eventId: invitee.event.id,
    email: invitee.attendee.email,
    recurrenceId: answerKey(recurrenceId),
    rsvp: answer,
    sequence: invitee.event.sequence,
    source: 'mail-button',
    answeredAt: deps.clock.now(),
  };
  const changed = await deps.store.rsvps.put(record);
  return { invitee, changed, record };
}
