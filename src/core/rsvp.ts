/**
 * Invitees and their answers: the personal join token each attendee gets (stored hashed), the
 * RSVP per occurrence ('' stands for the whole series), REPLY mails already read, and what the
 * store must offer for them (kept apart from ports.ts so each concept stays small).
 */

/** iCalendar PARTSTAT values we keep, as the API names them. */
export type Rsvp = 'accepted' | 'tentative' | 'declined';
export const RSVPS: readonly Rsvp[] = ['accepted', 'tentative', 'declined'];

/** Where an answer came from. */
export type RsvpSource = 'mail-button' | 'imap-reply' | 'caldav';

export function rsvpOfPartstat(raw: string): Rsvp | 'needs-action' | undefined {
  const p = raw.trim().toUpperCase();
  if (p === 'ACCEPTED') return 'accepted';
  if (p === 'TENTATIVE') return 'tentative';
  if (p === 'DECLINED') return 'declined';
  if (p === 'NEEDS-ACTION') return 'needs-action';
  return undefined;
}

/** A URL segment or form value (yes/maybe/no or the API's own words) → an answer. */
export function rsvpOfWord(raw: unknown): Rsvp | undefined {
  const w = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (w === 'yes' || w === 'accepted' || w === 'accept') return 'accepted';
  if (w === 'maybe' || w === 'tentative') return 'tentative';
  if (w === 'no' || w === 'declined' || w === 'decline') return 'declined';
  return undefined;
}

export interface InviteeToken {
  /** Public id (16 hex characters): goes into the invitee's call identity, never the secret. */
  id: string;
  eventId: string;
  linkId: string;
  email: string;
  tokenHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface RsvpRecord {
  eventId: string;
  email: string;
  /** The occurrence's RECURRENCE-ID (local, event zone); '' for the whole series. */
  recurrenceId: string;
  rsvp: Rsvp;
  /** The invite SEQUENCE the answer was given to (null when not known: a mail button). */
  sequence: number | null;
  source: RsvpSource;
  answeredAt: Date;
}

export type ReplyOutcome = 'recorded' | 'skipped';

/** One REPLY mail read from the mailbox: each Message-ID is processed once. */
export interface MailReply {
  messageId: string;
  eventId: string | null;
  email: string | null;
  outcome: ReplyOutcome;
  /** Why it was skipped (unknown_uid, not_invited, future_sequence, malformed, too_large …). */
  reason: string | null;
  receivedAt: Date;
}

export interface InviteeTokenRepo {
  insert(token: InviteeToken): Promise<void>;
  findByHash(tokenHash: string): Promise<InviteeToken | undefined>;
  get(id: string): Promise<InviteeToken | undefined>;
  /** Revokes every token of these addresses for the event; returns how many. */
  revoke(eventId: string, emails: readonly string[], at: Date): Promise<number>;
}

export interface RsvpRepo {
  /**
   * Records an answer, replacing an earlier one for the same occurrence unless that one was
   * given to a newer SEQUENCE. Returns false when nothing changed.
   */
  put(record: RsvpRecord): Promise<boolean>;
  list(eventId: string): Promise<RsvpRecord[]>;
}

export interface MailReplyRepo {
  /** False when this Message-ID was already processed (nothing is changed then). */
  insert(reply: MailReply): Promise<boolean>;
  has(messageId: string): Promise<boolean>;
  /** Newest first; with eventId, only that event's. */
  list(options: { eventId?: string; limit: number }): Promise<MailReply[]>;
}

/** Look-ups of events by what calendars and links know them by. */
export interface EventLookup {
  idByUid(uid: string): Promise<string | undefined>;
  idsForLink(linkId: string): Promise<string[]>;
}

/** What a REPLY or a mail button changes: the answer for one occurrence or the series. */
export function answerKey(recurrenceId: string | null | undefined): string {
  return recurrenceId ?? '';
}

/** The answer in force for an occurrence: its own, else the series'. */
export function rsvpFor(
  records: readonly RsvpRecord[],
  email: string,
  recurrenceId: string,
): RsvpRecord | undefined {
  const mine = records.filter((r) => r.email === email);
  return (
    mine.find((r) => r.recurrenceId === recurrenceId) ?? mine.find((r) => r.recurrenceId === '')
  );
}
