/**
 * Meetings and their occurrences: the stored shape, input validation and what counts as a real
 * change (a change raises SEQUENCE, which is how Outlook, Google and Apple know an update
 * replaces what they hold).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from './errors.js';
import { LANGUAGES } from './messages/index.js';
import { findOccurrence } from './occurrence-lookup.js';
import { checkRecurrence } from './recurrence.js';
import { closeZones, isKnownZone, wallMillis, zonedTime } from './zone-time.js';

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
  /**
   * Local date-time in timeZone, `yyyy-MM-ddTHH:mm:ss`, as the organizer gave it (a time a DST
   * gap skips stays as given: RFC 5545 moves it forward by the gap); or a date `yyyy-MM-dd` for
   * an all-day event, whose end date is exclusive.
   */
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

/** NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR. */
const UNICODE_BREAKS = /[\u0085\u2028\u2029]/g;

// One-line fields: any control character (CR and LF above all) could start a new property
// in a hand-made iCalendar writer or a new header in mail, so they are refused outright.
const oneLine = (max: number) =>
  z
    .string()
    // Unicode line breaks are not control characters but end lines for some readers
    // (node-ical drops a SUMMARY holding U+2028): a space is what was meant.
    .overwrite((s) => s.replace(UNICODE_BREAKS, ' '))
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
  .transform((s) => s.replace(/\r\n?/g, '\n').replace(UNICODE_BREAKS, '\n'));
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
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/,
    'must be a local date-time like 2026-03-10T09:00, or a date like 2026-03-10 for all day',
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

/** Refuses a zone the runtime does not know, naming the known ones that look like it. */
export function checkZone(zone: string): void {
  if (isKnownZone(zone)) return;
  const close = closeZones(zone);
  throw new AppError(
    'invalid_time_zone',
    `"${zone}" is not an IANA time zone like Europe/Berlin.${close.length ? ` Did you mean ${close.join(', ')}?` : ''}`,
    { details: { field: 'timeZone', ...(close.length ? { suggestions: close } : {}) } },
  );
}

/**
 * A local date-time in an IANA zone, refusing unknown zones. A time that happens twice is the
 * first, one a DST gap skips is moved forward by the gap (RFC 5545 §3.3.5), as calendars read it.
 */
export function zoned(local: string, zone: string, field = 'start'): DateTime {
  checkZone(zone);
  const dt = zonedTime(local, zone);
  if (!dt.isValid || local.length <= 10) {
    throw new AppError('validation_failed', `${field} is not a real date-time.`, {
      details: { field },
    });
  }
  return dt;
}

/** `yyyy-MM-ddTHH:mm[:ss]` with seconds, or `yyyy-MM-dd`, as stored. */
const normal = (local: string) =>
  new Date(wallMillis(local)).toISOString().slice(0, local.length <= 10 ? 10 : 19);

export interface Schedule {
  start: string;
  end: string;
  timeZone: string;
  recurrence: string | null;
  lastEnd: Date | null;
}

const DAY = 86_400_000;

function tooLong(days: number): void {
  if (days > 31) {
    throw new AppError('invalid_time_range', 'An event may last at most 31 days.', {
      details: { field: 'end' },
    });
  }
}

/** An all-day event: dates, end exclusive; its call is open that whole local day. */
function checkAllDay(input: {
  start: string;
  end: string;
  timeZone: string;
  recurrence?: string | null | undefined;
}): Schedule {
  checkZone(input.timeZone);
  const [start, end] = [wallMillis(input.start), wallMillis(input.end)];
  for (const [field, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (Number.isNaN(value)) {
      throw new AppError('validation_failed', `${field} is not a real date.`, {
        details: { field },
      });
    }
  }
  if (end <= start) {
    throw new AppError(
      'invalid_time_range',
      'The end date must be after the start date (it is exclusive: a one-day event ends the next day).',
      { details: { field: 'end' } },
    );
  }
  tooLong((end - start) / DAY);
  let recurrence: string | null = null;
  let lastDay: number | null = end;
  if (input.recurrence) {
    const checked = checkRecurrence(input.recurrence, DateTime.fromMillis(start, { zone: 'utc' }));
    // With a DATE start, UNTIL must be a DATE too (RFC 5545 §3.3.10).
    recurrence = checked.rule.replace(/UNTIL=(\d{8})T\d{6}Z/, 'UNTIL=$1');
    lastDay = checked.lastStart ? checked.lastStart.getTime() + (end - start) : null;
  }
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    start: day(start),
    end: day(end),
    timeZone: input.timeZone,
    recurrence,
    lastEnd: lastDay === null ? null : zonedTime(day(lastDay), input.timeZone).toJSDate(),
  };
}

/** Validates when an event happens and normalizes it; throws AppError with a code. */
export function checkSchedule(input: {
  start: string;
  end: string;
  timeZone: string;
  recurrence?: string | null | undefined;
}): Schedule {
  const dates = [input.start, input.end].filter((v) => v.length <= 10).length;
  if (dates === 2) return checkAllDay(input);
  if (dates === 1) {
    throw new AppError(
      'validation_failed',
      'start and end must both be dates (an all-day event) or both local date-times.',
      { details: { field: input.start.length <= 10 ? 'start' : 'end' } },
    );
  }
  const start = zoned(input.start, input.timeZone, 'start');
  const end = zoned(input.end, input.timeZone, 'end');
  if (end <= start) {
    throw new AppError('invalid_time_range', 'The end must be after the start.', {
      details: { field: 'end' },
    });
  }
  tooLong(end.diff(start, 'days').days);
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
    start: normal(input.start),
    end: normal(input.end),
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

/**
 * Finds the occurrence addressed by a URL segment: a local time (as in the rule, or as shown
 * after a DST shift), a UTC instant ending in Z, or a date for an all-day series.
 */
export function occurrenceKey(event: CalendarEvent, raw: string): string {
  if (!event.recurrence) {
    throw new AppError('not_found', 'This event does not repeat, so it has no occurrences.');
  }
  return findOccurrence({ ...event, recurrence: event.recurrence }, raw);
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
