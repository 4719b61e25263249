/**
 * Meetings and their occurrences: the stored shape, input validation and what counts as a real
 * change (a change raises SEQUENCE, which is how Outlook, Google and Apple know an update
 * replaces what they hold).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from './errors.js';
import { vtimezone } from './ics/timezones.js';
import { LANGUAGES } from './messages/index.js';
import { LOCAL_FORMAT, checkRecurrence, isOccurrence } from './recurrence.js';

export interface Person {
  name: string;
  email: string;
}

/** A change to one occurrence of a series (RECURRENCE-ID = its original start). */
export interface OccurrenceOverride {
  /** Original local start in the event's zone, `yyyy-MM-ddTHH:mm:ss`. */
  recurrenceId: string;
  cancelled: boolean;
  start: string | null;
  end: string | null;
  title: string | null;
  description: string | null;
  /** The event's SEQUENCE when this occurrence last changed. */
  sequence: number;
}

export interface CalendarEvent {
  id: string;
  /** Stable for life: calendars match updates and cancels by it. */
  uid: string;
  sequence: number;
  linkId: string;
  teamId: string | null;
  ownerId: string | null;
  title: string;
  /** Local date-time in timeZone, `yyyy-MM-ddTHH:mm:ss`. */
  start: string;
  end: string;
  timeZone: string;
  organizer: Person;
  attendees: Person[];
  description: string | null;
  recurrence: string | null;
  overrides: OccurrenceOverride[];
  status: 'confirmed' | 'cancelled';
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  /** End of the last occurrence (UTC); null for a series without end. For feed windows. */
  lastEnd: Date | null;
  /** Language of the mails and of the invite's join hint (absent: English). */
  language?: string;
}

export const MAX_DESCRIPTION = 8000;
export const MAX_ATTENDEES = 200;

// One-line fields: any control character (CR and LF above all) could start a new property
// in a hand-made iCalendar writer or a new header in mail, so they are refused outright.
const oneLine = (max: number) =>
  z
    .string()
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must be one line without control characters')
    .trim()
    .min(1)
    .max(max);
// A description may have line breaks (they are escaped as \n in iCalendar), nothing else.
const multiLine = z
  .string()
  .max(MAX_DESCRIPTION, `must be at most ${MAX_DESCRIPTION} characters`)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'must not hold control characters')
  .transform((s) => s.replace(/\r\n?/g, '\n'));
const email = z
  .string()
  .max(254)
  .regex(
    /^[^\s@<>()",;:\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$/,
    'is not an email address',
  )
  .transform((s) => s.toLowerCase());
// A name is optional: without one, the address's local part is shown (as mail clients do).
const person = z
  .object({ name: oneLine(200).optional(), email })
  .strict()
  .transform((p) => ({ name: p.name ?? p.email.split('@')[0] ?? p.email, email: p.email }));
const localTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/,
    'must be a local date-time like 2026-03-10T09:00',
  );

export const createEventInput = z
  .object({
    title: oneLine(300),
    start: localTime,
    end: localTime,
    timeZone: oneLine(64),
    organizer: person,
    attendees: z.array(person).max(MAX_ATTENDEES).default([]),
    description: multiLine.nullable().optional(),
    recurrence: oneLine(500).nullable().optional(),
    teamId: oneLine(64).nullable().optional(),
    linkId: oneLine(64).optional(),
    /** Language of the invite mails and the invite's join hint: en, de, fr or es. */
    language: z.enum(LANGUAGES).optional(),
  })
  .strict();
export type CreateEventInput = z.infer<typeof createEventInput>;

// linkId moves the event to another link of the caller's (the invite's address changes).
export const patchEventInput = createEventInput
  .extend({ attendees: z.array(person).max(MAX_ATTENDEES) })
  .partial()
  .strict();
export type PatchEventInput = z.infer<typeof patchEventInput>;

export const patchOccurrenceInput = z
  .object({
    title: oneLine(300).optional(),
    start: localTime.optional(),
    end: localTime.optional(),
    description: multiLine.nullable().optional(),
  })
  .strict();
export type PatchOccurrenceInput = z.infer<typeof patchOccurrenceInput>;

/** A local date-time in an IANA zone, refusing unknown zones and times skipped by DST. */
export function zoned(local: string, zone: string, field = 'start'): DateTime {
  // Without a VTIMEZONE to send, Outlook shows the meeting at the wrong hour: such zones are refused.
  const known = zone === 'UTC' || (/\//.test(zone) && vtimezone(zone) !== null);
  if (!DateTime.local().setZone(zone).isValid || !known) {
    throw new AppError(
      'invalid_time_zone',
      `"${zone}" is not an IANA time zone like Europe/Berlin.`,
      {
        details: { field: 'timeZone' },
      },
    );
  }
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) {
    throw new AppError('validation_failed', `${field} is not a real date-time.`, {
      details: { field },
    });
  }
  if (dt.toFormat(LOCAL_FORMAT) !== DateTime.fromISO(local).toFormat(LOCAL_FORMAT)) {
    throw new AppError(
      'invalid_time_range',
      `${field} does not exist in ${zone} (a clock change skips it).`,
      {
        details: { field },
      },
    );
  }
  return dt;
}

export interface Schedule {
  start: string;
  end: string;
  timeZone: string;
  recurrence: string | null;
  lastEnd: Date | null;
}

/** Validates when an event happens and normalizes it; throws AppError with a code. */
export function checkSchedule(input: {
  start: string;
  end: string;
  timeZone: string;
  recurrence?: string | null | undefined;
}): Schedule {
  const start = zoned(input.start, input.timeZone, 'start');
  const end = zoned(input.end, input.timeZone, 'end');
  if (end <= start) {
    throw new AppError('invalid_time_range', 'The end must be after the start.', {
      details: { field: 'end' },
    });
  }
  if (end.diff(start, 'days').days > 31) {
    throw new AppError('invalid_time_range', 'An event may last at most 31 days.', {
      details: { field: 'end' },
    });
  }
  const duration = end.diff(start);
  let recurrence: string | null = null;
  let lastEnd: Date | null = end.toJSDate();
  if (input.recurrence) {
    const checked = checkRecurrence(input.recurrence, start);
    recurrence = checked.rule;
    lastEnd = checked.lastStart
      ? DateTime.fromJSDate(checked.lastStart).plus(duration).toJSDate()
      : null;
  }
  return {
    start: start.toFormat(LOCAL_FORMAT),
    end: end.toFormat(LOCAL_FORMAT),
    timeZone: input.timeZone,
    recurrence,
    lastEnd,
  };
}

/** The fields whose change is worth a new SEQUENCE (what attendees see). */
export function sameInvite(a: CalendarEvent, b: CalendarEvent): boolean {
  const pick = (e: CalendarEvent) =>
    JSON.stringify([
      e.title,
      e.start,
      e.end,
      e.timeZone,
      e.organizer,
      e.attendees,
      e.description,
      e.recurrence,
      e.teamId,
      e.linkId,
    ]);
  return pick(a) === pick(b);
}

/** Finds the occurrence addressed by a URL segment: a local time, or a UTC instant ending in Z. */
export function occurrenceKey(event: CalendarEvent, raw: string): string {
  if (!event.recurrence) {
    throw new AppError('not_found', 'This event does not repeat, so it has no occurrences.');
  }
  const parsed = /Z$|[+-]\d{2}:?\d{2}$/.test(raw)
    ? DateTime.fromISO(raw, { setZone: true }).setZone(event.timeZone)
    : DateTime.fromISO(raw, { zone: event.timeZone });
  if (!parsed.isValid) {
    throw new AppError('validation_failed', 'The occurrence must be given by its start time.');
  }
  const start = DateTime.fromISO(event.start, { zone: event.timeZone });
  if (!isOccurrence(event.recurrence, start, parsed)) {
    throw new AppError('not_found', 'The series has no occurrence starting then.');
  }
  return parsed.toFormat(LOCAL_FORMAT);
}

/** Emails must be unique among organizer and attendees: a second copy would get two invites. */
export function checkPeople(organizer: Person, attendees: Person[]): void {
  const seen = new Set<string>();
  for (const p of attendees) {
    if (seen.has(p.email)) {
      throw new AppError('validation_failed', `${p.email} is listed twice.`, {
        details: { field: 'attendees' },
      });
    }
    seen.add(p.email);
  }
  void organizer;
}
