/**
 * The lobby ("waiting for approval"): a knock is a ticket that a host admits or denies, and
 * that expires when nobody answers in time.
 */

/** How long a knock waits for a host before it expires. */
export const LOBBY_TTL_MS = 10 * 60_000;
/** Longest single long poll on a ticket. */
export const LOBBY_MAX_WAIT_SECONDS = 25;

export type TicketStatus = 'waiting' | 'admitted' | 'denied' | 'expired';

export interface LobbyTicket {
  ticket: string;
  linkId: string;
  name: string;
  /** The identity the guest will have in the room once admitted. */
  identity: string;
  status: 'waiting' | 'admitted' | 'denied';
  createdAt: Date;
  decidedAt: Date | null;
  /** When the admitted guest took their token: a ticket gives one token, once. */
  redeemedAt?: Date | null;
}

/** The status a guest sees now: a waiting ticket past its time is expired. */
export function ticketStatus(ticket: LobbyTicket, now: Date): TicketStatus {
  if (ticket.status === 'waiting' && now.getTime() - ticket.createdAt.getTime() >= LOBBY_TTL_MS) {
    return 'expired';
  }
  return ticket.status;
}

/**
 * Admitted tickets can be redeemed for a token until the lobby TTL runs out counted from the
 * decision, so a guest whose poll was in flight still gets in.
 */
export function admissionValid(ticket: LobbyTicket, now: Date): boolean {
  return (
    ticket.status === 'admitted' &&
    ticket.decidedAt !== null &&
    now.getTime() - ticket.decidedAt.getTime() < LOBBY_TTL_MS
  );
}

/** Clamps a requested long-poll wait to 0..LOBBY_MAX_WAIT_SECONDS. */
export function clampWait(raw: unknown): number {
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n <= 0) return 0;
  return Math.min(Math.floor(n), LOBBY_MAX_WAIT_SECONDS);
}
