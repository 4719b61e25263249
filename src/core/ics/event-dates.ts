/**
 * An event's date lines as callink writes them: DTSTART/DTEND with the TZID exactly as the event
 * names its zone (wall-clock values as stored, so an occurrence in a DST gap keeps its rule's
 * value and every reader shifts it the same way, RFC 5545 §3.3.5), `…Z` for UTC series (their
 * EXDATE and RECURRENCE-ID too: a TZID=UTC without a VTIMEZONE is unreadable), VALUE=DATE for
 * all-day events; and the years each zone's VTIMEZONE must cover.
 */
import type { CalendarEvent, OccurrenceOverride } from '../events.js';
import { isRepeated, isSkipped, isUtc, zonedTime } from '../zone-time.js';

export interface DateLines {
  start: string[];
  end: string[];
  recurrenceId: string[];
  exdate: string[];
}

/** All-day events store dates (`2027-06-07`) where timed ones store local date-times. */
export function isAllDay(event: Pick<CalendarEvent, 'start'>): boolean {
  return event.start.length === 10;
}

const compact = (value: string) => value.replace(/[-:]/g, '');

function property(name: string, event: CalendarEvent, values: string[]): string {
  if (isAllDay(event)) return `${name};VALUE=DATE:${values.map(compact).join(',')}`;
  if (isUtc(event.timeZone)) return `${name}:${values.map((v) => `${compact(v)}Z`).join(',')}`;
  return `${name};TZID=${event.timeZone}:${values.map(compact).join(',')}`;
}

const DAY = 86_400_000;

/** An occurrence's end: its own, or its start plus the series' length (whole days if all-day). */
export function occurrenceEnd(event: CalendarEvent, start: string): string {
  if (isAllDay(event)) {
    const days = (Date.parse(event.end) - Date.parse(event.start)) / DAY;
    return new Date(Date.parse(start) + days * DAY).toISOString().slice(0, 10);
  }
  const zone = event.timeZone;
  const length = zonedTime(event.end, zone).toMillis() - zonedTime(event.start, zone).toMillis();
  return (
    zonedTime(start, zone)
      .plus({ milliseconds: length })
      .toISO({ includeOffset: false, suppressMilliseconds: true }) ?? start
  );
}

/**
 * DTSTART/DTEND of a single event or one occurrence: a local time that happens twice or not at
 * all is written as its UTC instant (RFC 5545 §3.3.5's reading), because libical and
 * python-icalendar read such times otherwise (the second of two; libical moves a skipped time
 * back). A series' own start keeps its wall-clock value: its rule is in local time.
 */
function instantProperty(name: string, event: CalendarEvent, local: string, own: boolean): string {
  const zone = event.timeZone;
  if (own && !isAllDay(event) && (isRepeated(local, zone) || isSkipped(local, zone))) {
    return `${name}:${zonedTime(local, zone).toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")}`;
  }
  return property(name, event, [local]);
}

/** The date lines of the series' master (no override) or of one overridden occurrence. */
export function dateLines(event: CalendarEvent, o?: OccurrenceOverride): DateLines {
  const start = o?.start ?? o?.recurrenceId ?? event.start;
  const end = o?.end ?? (o ? occurrenceEnd(event, o.recurrenceId) : event.end);
  const cancelled = event.overrides.filter((c) => c.cancelled).map((c) => c.recurrenceId);
  const own = o !== undefined || !event.recurrence;
  return {
    start: [instantProperty('DTSTART', event, start, own)],
    end: [instantProperty('DTEND', event, end, own)],
    recurrenceId: o ? [property('RECURRENCE-ID', event, [o.recurrenceId])] : [],
    exdate: !o && cancelled.length > 0 ? [property('EXDATE', event, cancelled)] : [],
  };
}

/** How far past its start an open-ended series' VTIMEZONE spells out irregular changes. */
export const OPEN_SERIES_YEARS = 10;

/** Per zone, the UTC years (first, last) its events' occurrences use. */
export function spanYears(events: CalendarEvent[]): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  for (const e of events) {
    if (isAllDay(e) || isUtc(e.timeZone)) continue;
    const times = [
      e.start,
      ...e.overrides.flatMap((o) => [o.recurrenceId, o.start ?? o.recurrenceId]),
    ];
    const instants = times.map((t) => zonedTime(t, e.timeZone).toMillis());
    const first = new Date(Math.min(...instants) - DAY).getUTCFullYear();
    const ends = [...e.overrides.map((o) => (o.end ? zonedTime(o.end, e.timeZone).toMillis() : 0))];
    ends.push(
      e.lastEnd
        ? e.lastEnd.getTime()
        : e.recurrence
          ? Date.UTC(first + OPEN_SERIES_YEARS, 11, 31)
          : zonedTime(e.end, e.timeZone).toMillis(),
    );
    const last = new Date(Math.max(...ends) + DAY).getUTCFullYear();
    const span = spans.get(e.timeZone);
    spans.set(
      e.timeZone,
      span ? [Math.min(span[0], first), Math.max(span[1], last)] : [first, last],
    );
  }
  return spans;
}
