/**
 * The organizer's agenda: every upcoming occurrence of their events in a window, moved ones
 * at their new time, cancelled ones left out, each with its call link. Expansion is the same
 * as for attendance (occurrence-attendance.ts) and so bounded the same way.
 */
import { DateTime } from 'luxon';
import type { CalendarEvent } from './events.js';
import { occurrenceWindows } from './occurrence-attendance.js';
import { rsvpFor, type RsvpRecord } from './rsvp.js';

export interface AgendaItem {
  eventId: string;
  /** Original local start of the occurrence (its RECURRENCE-ID); the start if single. */
  recurrenceId: string;
  /** UTC instants. */
  start: string;
  end: string;
  /** Local start in the event's zone, `yyyy-MM-ddTHH:mm:ss`. */
  localStart: string;
  timeZone: string;
  title: string;
  recurring: boolean;
  /** This occurrence was moved or retitled on its own. */
  changed: boolean;
  linkId: string;
}

/** Most items one agenda lists. */
export const MAX_AGENDA_ITEMS = 500;

export function agenda(events: CalendarEvent[], from: Date, to: Date): AgendaItem[] {
  const items: AgendaItem[] = [];
  for (const event of events) {
    if (event.status === 'cancelled') continue;
    if (event.lastEnd && event.lastEnd < from) continue;
    for (const w of occurrenceWindows(event, from, to)) {
      const override = event.overrides.find((o) => o.recurrenceId === w.recurrenceId);
      items.push({
        eventId: event.id,
        recurrenceId: w.recurrenceId,
        start: w.start.toISOString(),
        end: w.end.toISOString(),
        localStart: DateTime.fromJSDate(w.start, { zone: event.timeZone }).toFormat(
          "yyyy-LL-dd'T'HH:mm:ss",
        ),
        timeZone: event.timeZone,
        title: override?.title ?? event.title,
        recurring: event.recurrence !== null,
        changed: override !== undefined,
        linkId: event.linkId,
      });
    }
  }
  return items
    .sort((a, b) => a.start.localeCompare(b.start) || a.eventId.localeCompare(b.eventId))
    .slice(0, MAX_AGENDA_ITEMS);
}

/** How the invitees answered for one occurrence (its own answer, else the series'). */
export interface AgendaAnswers {
  invited: number;
  accepted: number;
  tentative: number;
  declined: number;
  none: number;
}

export function agendaAnswers(
  event: Pick<CalendarEvent, 'attendees'>,
  rsvps: readonly RsvpRecord[],
  recurrenceId: string,
): AgendaAnswers {
  const out: AgendaAnswers = { invited: 0, accepted: 0, tentative: 0, declined: 0, none: 0 };
  for (const a of event.attendees) {
    out.invited += 1;
    out[rsvpFor(rsvps, a.email, recurrenceId)?.rsvp ?? 'none'] += 1;
  }
  return out;
}
