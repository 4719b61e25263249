/**
 * Interpreting dates with node-ical (string in, never a URL): which events still lie ahead.
 * Editing never depends on this; only the "future events only" filter does.
 */
import ical, { type CalendarComponent, type VEvent } from 'node-ical';
import { AppError } from '../errors.js';
import { splitLines, unfold } from './lines.js';
import { seriesHasOccurrenceFrom } from './series-ahead.js';
import { assertSafeUid } from './uid-guard.js';

/**
 * Refuses UIDs and TZIDs that would pollute or break node-ical's plain-object maps. The name is
 * read from the unfolded line: a fold inside the name itself (`U` CRLF ` ID:__proto__`) is
 * joined by node-ical, so it must be here too (found by the import fuzz: it polluted
 * Object.prototype in the server).
 */
function guard(text: string): void {
  for (const line of splitLines(text).lines) {
    const unfolded = unfold(line.raw).replace(/^\uFEFF/, '');
    const name = /^[A-Za-z0-9-]+/.exec(unfolded)?.[0]?.toUpperCase();
    if (name !== 'UID' && name !== 'TZID') continue;
    // Every split at a colon, not only the first: a quoted parameter may hold a colon.
    for (let at = unfolded.indexOf(':'); at >= 0; at = unfolded.indexOf(':', at + 1)) {
      assertSafeUid(unfolded.slice(at + 1), line.lineNo);
    }
  }
}

/** Parses with node-ical after the UID guard; a node-ical failure becomes calendar_invalid. */
export function parseWithNodeIcal(text: string): Record<string, CalendarComponent> {
  guard(text);
  try {
    return ical.sync.parseICS(text) as Record<string, CalendarComponent>;
  } catch (error) {
    throw new AppError(
      'calendar_invalid',
      `The dates in this calendar could not be read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

function endOf(ev: { start?: Date | undefined; end?: Date | undefined }): number {
  const end = ev.end ?? ev.start;
  return end ? new Date(end).getTime() : Number.NaN;
}

function seriesIsAhead(ev: VEvent, now: Date): boolean {
  const start = ev.start ? new Date(ev.start).getTime() : Number.NaN;
  const end = endOf(ev);
  if (!Number.isFinite(start)) return true; // no readable date: keep it rather than drop it
  if (end >= now.getTime()) return true;
  if (!ev.rrule) return false;
  const duration = Number.isFinite(end) ? end - start : 0;
  // An occurrence that started before now but has not ended yet still counts. Never ask
  // node-ical's iterator: it walks period by period (seconds, then "Maximum iterations").
  return seriesHasOccurrenceFrom(
    ev.rrule.toString(),
    new Date(start),
    new Date(now.getTime() - duration),
  );
}

/**
 * The UIDs of events with an occurrence that ends at or after `now`: a series counts while
 * any occurrence or any moved occurrence is still ahead.
 */
export function upcomingUids(text: string, now: Date): Set<string> {
  const parsed = parseWithNodeIcal(text);
  const ahead = new Set<string>();
  for (const item of Object.values(parsed)) {
    if (item.type !== 'VEVENT') continue;
    const ev = item as VEvent;
    const overrides = Object.values(ev.recurrences ?? {});
    if (
      seriesIsAhead(ev, now) ||
      overrides.some((o) => endOf(o as { start?: Date; end?: Date }) >= now.getTime())
    ) {
      if (ev.uid) ahead.add(ev.uid.trim());
    }
  }
  return ahead;
}
