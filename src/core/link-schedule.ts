/**
 * When a link's call is open: always (the default, as before), or from N minutes before each
 * occurrence of the events that use it until that occurrence ends. Also who waits: guests
 * until a host is in the call, and whether invitees with their personal link skip the lobby.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CalendarEvent } from './events.js';
import type { NewMail } from './ports.js';
import { occurrenceWindows, type OccurrenceWindow } from './occurrence-attendance.js';

export interface LinkSchedule {
  linkId: string;
  /** null: always open. */
  openMinutesBefore: number | null;
  waitForHost: boolean;
  inviteesSkipLobby: boolean;
  /** Mail each attendee their personal link when the call opens. */
  startingMail: boolean;
}

export const MAX_OPEN_MINUTES_BEFORE = 24 * 60;

export const scheduleInput = z
  .object({
    openMinutesBefore: z.number().int().min(0).max(MAX_OPEN_MINUTES_BEFORE).nullable().optional(),
    waitForHost: z.boolean().optional(),
    inviteesSkipLobby: z.boolean().optional(),
    startingMail: z.boolean().optional(),
  })
  .strict();
export type ScheduleInput = z.infer<typeof scheduleInput>;

export function defaultSchedule(linkId: string): LinkSchedule {
  return {
    linkId,
    openMinutesBefore: null,
    waitForHost: false,
    inviteesSkipLobby: true,
    startingMail: false,
  };
}

export interface ScheduleRepo {
  get(linkId: string): Promise<LinkSchedule | undefined>;
  put(schedule: LinkSchedule): Promise<void>;
  /** Links that open on a schedule and mail attendees when they do. */
  withStartingMail(): Promise<LinkSchedule[]>;
  /**
   * Marks an occurrence's "starting now" mail as sent and queues the mails, in one
   * transaction; false (and nothing queued) when it was already marked.
   */
  queueStartingMails(
    eventId: string,
    recurrenceId: string,
    at: Date,
    mails: readonly NewMail[],
  ): Promise<boolean>;
}

export interface NextOccurrence extends OccurrenceWindow {
  eventId: string;
  title: string;
  timeZone: string;
}

/** The current or next occurrence (not cancelled, overrides applied) of these events. */
export function nextOccurrence(
  events: readonly CalendarEvent[],
  now: Date,
  lookAheadDays = 400,
): NextOccurrence | undefined {
  let best: NextOccurrence | undefined;
  const to = new Date(now.getTime() + lookAheadDays * 86_400_000);
  for (const event of events) {
    if (event.status === 'cancelled') continue;
    // Occurrences that started up to a day ago may still be running.
    const from = new Date(now.getTime() - 86_400_000);
    const windows = occurrenceWindows(event, from, to).filter((w) => w.end > now);
    const first = windows[0];
    if (first && (!best || first.start < best.start)) {
      best = { ...first, eventId: event.id, title: event.title, timeZone: event.timeZone };
    }
  }
  return best;
}

export type CallGate =
  { open: true } | { open: false; next: NextOccurrence | undefined; opensAt: Date | undefined };

/** Whether a guest may join now. Hosts are never held back (the caller skips this). */
export function callGate(
  schedule: LinkSchedule,
  events: readonly CalendarEvent[],
  now: Date,
): CallGate {
  if (schedule.openMinutesBefore === null || events.length === 0) return { open: true };
  const next = nextOccurrence(events, now);
  if (!next) return { open: false, next: undefined, opensAt: undefined };
  const opensAt = new Date(next.start.getTime() - schedule.openMinutesBefore * 60_000);
  if (now >= opensAt) return { open: true };
  return { open: false, next, opensAt };
}

/** "10:00" in a zone, for messages. */
export function clockTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('HH:mm');
}
