/**
 * What a rule would make, before an event is saved: the server's own check of the rule
 * (same limits as POST /api/events), the next occurrences and how many there are in all.
 * The organizer page shows this under its repeat controls.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { checkSchedule } from './events.js';
import { MAX_COUNT, MAX_SPAN_YEARS, occurrencesBetween } from './recurrence.js';

export const recurrencePreviewInput = z
  .object({
    start: z.string().max(40),
    end: z.string().max(40).optional(),
    timeZone: z.string().max(64),
    recurrence: z.string().max(500),
    /** How many occurrences to list (default 5). */
    limit: z.number().int().min(1).max(50).optional(),
  })
  .strict();
export type RecurrencePreviewInput = z.infer<typeof recurrencePreviewInput>;

export interface RecurrencePreview {
  /** The rule as it would be stored (UNTIL in UTC). */
  rule: string;
  /** Local starts and ends in the event's zone, `yyyy-MM-ddTHH:mm:ss`. */
  occurrences: { start: string; end: string }[];
  /** Number of occurrences in all; null for a series without end. */
  total: number | null;
  /** Start of the last occurrence (local), or null for a series without end. */
  last: string | null;
}

/** Throws the same AppErrors as scheduling would (invalid_recurrence, invalid_time_zone, …). */
export function previewRecurrence(input: RecurrencePreviewInput): RecurrencePreview {
  const zone = input.timeZone;
  const startDt = DateTime.fromISO(input.start, { zone });
  const end =
    input.end ??
    (startDt.isValid
      ? startDt.plus({ minutes: 30 }).toFormat("yyyy-LL-dd'T'HH:mm:ss")
      : input.start);
  const schedule = checkSchedule({
    start: input.start,
    end,
    timeZone: zone,
    recurrence: input.recurrence,
  });
  const rule = schedule.recurrence as string;
  const first = DateTime.fromISO(schedule.start, { zone });
  const duration = DateTime.fromISO(schedule.end, { zone }).diff(first);
  const horizon = first.plus({ years: MAX_SPAN_YEARS });
  const fmt = (d: DateTime) => d.toFormat("yyyy-LL-dd'T'HH:mm:ss");
  const next = occurrencesBetween(rule, first, first, horizon, input.limit ?? 5);
  const finite = /;(COUNT|UNTIL)=/.test(`;${rule.replace(/^RRULE:/, '')}`);
  const all = finite ? occurrencesBetween(rule, first, first, horizon, MAX_COUNT) : [];
  const last = all[all.length - 1];
  return {
    rule,
    occurrences: next.map((d) => ({ start: fmt(d), end: fmt(d.plus(duration)) })),
    total: finite ? all.length : null,
    last: last ? fmt(last) : null,
  };
}
