/**
 * Attendance per occurrence of an event: each session in the event's call is counted for the
 * occurrence whose time (with a margin for people who come early or stay late) it overlaps.
 */
import { DateTime } from 'luxon';
import { viewAttendance, type AttendanceRecord, type AttendanceView } from './attendance.js';
import type { CalendarEvent } from './events.js';
import { occurrencesBetween } from './recurrence.js';
import { zonedTime } from './zone-time.js';

/** People join a little early and overrun: sessions this close to an occurrence count for it. */
export const OCCURRENCE_MARGIN_MS = 30 * 60_000;
/** Most occurrences one report lists. */
export const MAX_REPORTED_OCCURRENCES = 500;

export interface OccurrenceWindow {
  /** The occurrence's original local start (its RECURRENCE-ID); the event start if single. */
  recurrenceId: string;
  start: Date;
  end: Date;
}

/** The event's (not cancelled) occurrences that start in [from, to), oldest first. */
export function occurrenceWindows(event: CalendarEvent, from: Date, to: Date): OccurrenceWindow[] {
  const zone = event.timeZone;
  // An all-day event's dates are local midnights: its call counts for that whole local day.
  const start = zonedTime(event.start, zone);
  const length = zonedTime(event.end, zone).toMillis() - start.toMillis();
  const starts = event.recurrence
    ? occurrencesBetween(
        event.recurrence,
        start,
        DateTime.fromJSDate(from, { zone }),
        DateTime.fromJSDate(to, { zone }),
        MAX_REPORTED_OCCURRENCES,
      )
    : [start];
  const windows: OccurrenceWindow[] = [];
  for (const original of starts) {
    // Rules repeat at most daily, so every occurrence keeps the start's wall-clock time: the
    // RECURRENCE-ID of one a DST gap moved (02:30 shown as 03:30) is still the rule's 02:30.
    const recurrenceId =
      event.start.length === 10
        ? original.toFormat('yyyy-LL-dd')
        : `${original.toFormat('yyyy-LL-dd')}${event.start.slice(10)}`;
    const override = event.overrides.find((o) => o.recurrenceId === recurrenceId);
    if (override?.cancelled) continue;
    const s = override?.start ? zonedTime(override.start, zone) : original;
    const e = override?.end ? zonedTime(override.end, zone) : s.plus({ milliseconds: length });
    windows.push({ recurrenceId, start: s.toJSDate(), end: e.toJSDate() });
  }
  return windows.filter((w) => w.start >= from && w.start < to);
}

export interface OccurrenceAttendance {
  recurrenceId: string;
  start: string;
  end: string;
  attendance: AttendanceView[];
}

/** Groups sessions by the occurrence they overlap (with the margin); others are left out. */
export function attendanceByOccurrence(
  windows: OccurrenceWindow[],
  records: AttendanceRecord[],
  now: Date,
): OccurrenceAttendance[] {
  return windows.map((w) => {
    const from = w.start.getTime() - OCCURRENCE_MARGIN_MS;
    const to = w.end.getTime() + OCCURRENCE_MARGIN_MS;
    const inside = records.filter(
      (r) => r.joinedAt.getTime() < to && (r.leftAt ?? now).getTime() >= from,
    );
    return {
      recurrenceId: w.recurrenceId,
      start: w.start.toISOString(),
      end: w.end.toISOString(),
      attendance: inside.map((r) => viewAttendance(r, now)),
    };
  });
}
