/**
 * iCalendar output for invites (METHOD:REQUEST / CANCEL), downloads and team feeds, with
 * ical-generator. Zoned times are passed as luxon DateTimes (a native Date with a zone is
 * rendered in the server's zone), each TZID gets a VTIMEZONE, and the call link goes where
 * every client looks: LOCATION, URL, the first line of DESCRIPTION, X-ALT-DESC and RFC 7986
 * CONFERENCE (which ical-generator cannot write, so it is put in afterwards, folded).
 */
import ical, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
} from 'ical-generator';
import { DateTime } from 'luxon';
import type { CalendarEvent, OccurrenceOverride } from '../events.js';
import { foldLine, unfoldLines } from './fold.js';
import { message } from '../messages/index.js';
import { dateLines, isAllDay, spanYears, type DateLines } from './event-dates.js';
import { encodeParam } from './param.js';
import { vtimezone } from './timezones.js';

export const PRODID = { company: 'callink', product: 'callink', language: 'EN' };
/** The English join hint (each event's language picks its own through `describe`). */
export const JOIN_HINT = message('en', 'join_hint');
export const REMINDER_SECONDS = 10 * 60;
const MARKER = 'X-CALLINK-CONFERENCE';

export type InviteMethod = 'REQUEST' | 'CANCEL';

export interface LinkedEvent {
  event: CalendarEvent;
  linkUrl: string;
}

interface Shape {
  /** Attendees and RSVP (invites); feeds and downloads leave them out. */
  attendees: boolean;
  alarm: boolean;
  /** DTSTAMP; feeds use the event's last change so their bytes only move when it does. */
  stamp: Date;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The description every client shows: link first, one line on joining, then the organizer's text. */
export function describe(
  linkUrl: string,
  text: string | null,
  language?: string,
): { plain: string; html: string } {
  const join = message(language, 'join_the_call');
  const hint = message(language, 'join_hint');
  const plain = `${join}: ${linkUrl}\n${hint}${text ? `\n\n${text}` : ''}`;
  const html =
    `<p><a href="${escapeHtml(linkUrl)}">${escapeHtml(join)}</a>: ${escapeHtml(linkUrl)}</p>` +
    `<p>${escapeHtml(hint)}</p>` +
    (text ? `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>` : '');
  return { plain, html };
}

/** What render() puts into each VEVENT in place of ical-generator's lines (by marker index). */
interface Part {
  url: string;
  dates: DateLines;
}

// ical-generator only places the lines: DTSTART/DTEND/RECURRENCE-ID/EXDATE are written by
// event-dates.ts (as stored, so a time in a DST gap keeps its RRULE's wall-clock value).
const placeholder = (value: string) =>
  DateTime.fromISO(value.length === 10 ? `${value}T00:00:00` : value, { zone: 'utc' });

function addVevent(
  cal: ICalCalendar,
  parts: Part[],
  linked: LinkedEvent,
  shape: Shape,
  part: { override?: OccurrenceOverride; status: ICalEventStatus; sequence: number },
): void {
  const { event, linkUrl } = linked;
  const o = part.override;
  const dates = dateLines(event, o);
  const vevent = cal.createEvent({
    id: event.uid,
    sequence: part.sequence,
    stamp: DateTime.fromJSDate(shape.stamp, { zone: 'utc' }),
    start: placeholder(event.start),
    end: placeholder(event.end),
    allDay: isAllDay(event),
    timezone: 'UTC',
    summary: o?.title ?? event.title,
    location: linkUrl,
    url: linkUrl,
    description: describe(
      linkUrl,
      o && o.description !== null ? o.description : event.description,
      event.language,
    ),
    // Names are RFC 6868-encoded here, so ical-generator finds nothing to escape in them.
    organizer: { name: encodeParam(event.organizer.name), email: event.organizer.email },
    status: part.status,
    lastModified: DateTime.fromJSDate(event.updatedAt, { zone: 'utc' }),
  });
  if (!o && event.recurrence) vevent.repeating(event.recurrence);
  if (shape.attendees) {
    for (const a of event.attendees) {
      vevent.createAttendee({
        name: encodeParam(a.name),
        email: a.email,
        rsvp: true,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
      });
    }
  }
  if (shape.alarm && part.status !== ICalEventStatus.CANCELLED) {
    vevent.createAlarm({
      type: ICalAlarmType.display,
      trigger: REMINDER_SECONDS,
      description: message(event.language, 'reminder', { title: o?.title ?? event.title }),
    });
  }
  vevent.x(MARKER, String(parts.length));
  parts.push({ url: linkUrl, dates });
}

function newCalendar(method: ICalCalendarMethod | null): ICalCalendar {
  const cal = ical({ prodId: PRODID });
  if (method) cal.method(method);
  return cal;
}

/**
 * One VEVENT's lines in order: ical-generator's date lines replaced by ours, the call link's
 * CONFERENCE and Outlook hints where the marker was, and sub-components (VALARM) last, after
 * every property of the event, as RFC 5545 lays a component out.
 */
function eventLines(block: string[], parts: Part[]): string[] {
  const marker = block.find((l) => l.startsWith(`${MARKER}:`));
  const part = parts[Number(marker?.slice(MARKER.length + 1))];
  const props: string[] = [];
  const subs: string[] = [];
  let depth = 0;
  for (const line of block.slice(1, -1)) {
    if (line.startsWith('BEGIN:')) depth++;
    if (depth > 0) subs.push(line);
    else if (line.startsWith('DTSTART')) props.push(...(part?.dates.start ?? []));
    else if (line.startsWith('DTEND')) props.push(...(part?.dates.end ?? []));
    else if (line.startsWith('RRULE:')) props.push(line, ...(part?.dates.exdate ?? []));
    else if (line.startsWith('SUMMARY:')) props.push(...(part?.dates.recurrenceId ?? []), line);
    else if (line === marker) props.push(...conferenceLines(part?.url ?? ''));
    // ical-generator writes MAILTO: in capitals; some clients compare addresses as written.
    else if (line.startsWith('ATTENDEE') || line.startsWith('ORGANIZER')) {
      props.push(line.replace(/:MAILTO:/, ':mailto:'));
    } else props.push(line);
    if (line.startsWith('END:')) depth--;
  }
  return [block[0] ?? 'BEGIN:VEVENT', ...props, ...subs, block[block.length - 1] ?? 'END:VEVENT'];
}

/** The call link for clients that show a join button: RFC 7986 CONFERENCE. */
function conferenceLines(url: string): string[] {
  return [`CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Join the call:${url}`];
}

/**
 * Serializes, turning each marker into a CONFERENCE property and folding every line.
 * ical-generator's own folding makes a TextEncoder per character (half of a 10,000-event feed's
 * build time), so the calendar is put together here: its header from ical-generator without
 * events, a VTIMEZONE per zone used (covering the years its events use), then each event's
 * unfolded text, folded once by foldLine. This also puts calendar properties (X-WR-TIMEZONE)
 * before the components, as RFC 5545 wants.
 */
function render(cal: ICalCalendar, parts: Part[], linked: LinkedEvent[]): string {
  const lines: string[] = [];
  takeEvents(cal, parts, lines);
  return assemble(cal, linked, lines);
}

/** The calendar's events so far as their final lines, into `out`; the calendar keeps none. */
function takeEvents(cal: ICalCalendar, parts: Part[], out: string[]): void {
  const body = cal
    .events()
    .map((e) => e.toString())
    .join('');
  cal.clear();
  let block: string[] = [];
  for (const line of body.split('\r\n')) {
    if (line === '') continue;
    if (line === 'BEGIN:VEVENT') block = [];
    block.push(line);
    if (line === 'END:VEVENT') for (const l of eventLines(block, parts)) out.push(foldLine(l));
  }
}

/** The calendar's own lines, the VTIMEZONEs of every event's zone, then the events' lines. */
function assemble(cal: ICalCalendar, linked: LinkedEvent[], eventLines: string[]): string {
  const head = unfoldLines(cal.toString()).filter((l) => l !== '' && l !== 'END:VCALENDAR');
  const out: string[] = head.map((line) => foldLine(line));
  for (const [zone, [from, to]] of spanYears(linked.map((l) => l.event))) {
    const text = vtimezone(zone, from, to);
    if (text) for (const line of text.split(/\r?\n/)) if (line !== '') out.push(line);
  }
  for (const line of eventLines) out.push(line);
  out.push('END:VCALENDAR');
  return `${out.join('\r\n')}\r\n`;
}

function series(
  cal: ICalCalendar,
  parts: Part[],
  linked: LinkedEvent,
  shape: Shape,
  status: ICalEventStatus,
): void {
  const { event } = linked;
  addVevent(cal, parts, linked, shape, { status, sequence: event.sequence });
  for (const o of event.overrides) {
    if (o.cancelled) continue; // EXDATE on the master removes it
    addVevent(cal, parts, linked, shape, { override: o, status, sequence: event.sequence });
  }
}

/**
 * The invite for a whole event (with its changed occurrences) or, with `occurrence`, for that
 * one occurrence only (RECURRENCE-ID), as METHOD:REQUEST or METHOD:CANCEL.
 */
export function buildInvite(
  linked: LinkedEvent,
  options: { method: InviteMethod; stamp: Date; occurrence?: string },
): string {
  const cancel = options.method === 'CANCEL';
  const cal = newCalendar(cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST);
  const parts: Part[] = [];
  const shape: Shape = { attendees: true, alarm: !cancel, stamp: options.stamp };
  const status = cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED;
  if (options.occurrence !== undefined) {
    const override = linked.event.overrides.find((o) => o.recurrenceId === options.occurrence) ?? {
      recurrenceId: options.occurrence,
      cancelled: cancel,
      start: null,
      end: null,
      title: null,
      description: null,
      sequence: linked.event.sequence,
    };
    addVevent(cal, parts, linked, shape, { override, status, sequence: linked.event.sequence });
  } else if (cancel) {
    addVevent(cal, parts, linked, shape, { status, sequence: linked.event.sequence });
  } else {
    series(cal, parts, linked, shape, status);
  }
  return render(cal, parts, [linked]);
}

/**
 * A one-event calendar for "add to calendar" downloads: no attendees, METHOD:PUBLISH; a
 * cancelled event says STATUS:CANCELLED (it used to say CONFIRMED after the cancel).
 */
export function buildDownload(linked: LinkedEvent): string {
  const cal = newCalendar(ICalCalendarMethod.PUBLISH);
  const parts: Part[] = [];
  const cancelled = linked.event.status === 'cancelled';
  series(
    cal,
    parts,
    linked,
    { attendees: false, alarm: !cancelled, stamp: linked.event.updatedAt },
    cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  );
  return render(cal, parts, [linked]);
}

/**
 * A team's subscription feed: no METHOD, the hints Apple and Outlook read, every event with its
 * link and overrides; cancelled events stay as STATUS:CANCELLED so subscribers drop them.
 */
export function buildFeed(options: {
  name: string;
  timeZone: string;
  events: LinkedEvent[];
}): string {
  const feed = feedBuilder(options.name);
  feed.add(options.events);
  return feed.finish(options.timeZone);
}

/**
 * buildFeed in steps, for events that come in pages (the job pool's feeds): each page's events
 * are written as it comes, while the next is read; the calendar's zone, which can depend on all
 * of them, and the VTIMEZONEs at the end. The same bytes as buildFeed for the same events.
 */
export function feedBuilder(name: string): {
  add(events: LinkedEvent[]): void;
  /** Every event added so far, in order (a feed's zone can be chosen from them). */
  readonly events: readonly LinkedEvent[];
  finish(timeZone: string): string;
} {
  const cal = newCalendar(null);
  cal.name(name);
  cal.ttl(3600);
  const parts: Part[] = [];
  const all: LinkedEvent[] = [];
  const lines: string[] = [];
  return {
    events: all,
    add(events) {
      for (const linked of events) {
        const status =
          linked.event.status === 'cancelled'
            ? ICalEventStatus.CANCELLED
            : ICalEventStatus.CONFIRMED;
        const shape: Shape = { attendees: false, alarm: false, stamp: linked.event.updatedAt };
        series(cal, parts, linked, shape, status);
        all.push(linked);
      }
      takeEvents(cal, parts, lines);
    },
    finish(timeZone) {
      // A property of the calendar's own: written in its place whenever it is set.
      cal.x('X-WR-TIMEZONE', timeZone);
      return assemble(cal, all, lines);
    },
  };
}
