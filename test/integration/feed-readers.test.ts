/**
 * A 2,000-event team feed across every zone and alias (597 names): the occurrences libical,
 * python3-icalendar with recurring_ical_events and callink's own expansion (the attendance
 * windows) find must be identical. A difference is allowed only as a named reader quirk whose
 * condition the test checks; each is counted and printed, none is skipped silently.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSchedule, type CalendarEvent } from '../../src/core/events.js';
import { buildFeed } from '../../src/core/ics/build.js';
import { lintCalendar } from '../../src/core/ics/lint.js';
import { occurrenceWindows } from '../../src/core/occurrence-attendance.js';
import { isRepeated, isSkipped, offsetSeconds } from '../../src/core/zone-time.js';
import { readOccurrences, type Reader } from '../support/zone-readers.js';

function zoneNames(dir = '/usr/share/zoneinfo', prefix = ''): string[] {
  const names: string[] = [];
  for (const f of readdirSync(dir)) {
    if (['posix', 'right', 'posixrules', 'localtime', 'Factory'].includes(f)) continue;
    if (/\./.test(f) || /^[a-z]/.test(f)) continue;
    const path = join(dir, f);
    if (statSync(path).isDirectory()) names.push(...zoneNames(path, `${prefix}${f}/`));
    else names.push(prefix + f);
  }
  return names;
}

const FROM = new Date(Date.UTC(2026, 0, 1));
const TO = new Date(Date.UTC(2030, 0, 1));
const RULES = [
  null,
  'RRULE:FREQ=WEEKLY;COUNT=12',
  'RRULE:FREQ=DAILY;COUNT=6',
  'RRULE:FREQ=MONTHLY;COUNT=10',
  'RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20281231T235959Z',
];

function makeEvents(zones: string[]): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (let i = 0; i < 2000; i++) {
    const zone = zones[i % zones.length] ?? 'Europe/Berlin';
    const day = new Date(Date.UTC(2027, 0, 4) + ((i * 37) % 600) * 86_400_000);
    const date = day.toISOString().slice(0, 10);
    const allDay = i % 40 === 7;
    // Every 25th event at 02:30, where spring and autumn clock changes fall in many zones.
    const hour =
      i % 25 === 3 ? '02:30' : `${String(7 + (i % 12)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
    const rule = RULES[i % RULES.length] ?? null;
    const next = new Date(day.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    const schedule = checkSchedule({
      start: allDay ? date : `${date}T${hour}`,
      end: allDay ? next : `${date}T${hour === '02:30' ? '03:15' : `${hour.slice(0, 2)}:45`}`,
      timeZone: zone,
      recurrence: allDay ? 'RRULE:FREQ=WEEKLY;COUNT=3' : rule,
    });
    const event: CalendarEvent = {
      id: `e${i}`,
      uid: `e${i}@feed.test`,
      sequence: 0,
      linkId: `link${i}`,
      teamId: 't1',
      ownerId: null,
      title: `Event ${i} in ${zone}`,
      organizer: { name: 'Ann', email: 'ann@example.org' },
      attendees: [],
      description: null,
      overrides: [],
      status: 'confirmed',
      createdAt: new Date(0),
      updatedAt: new Date(0),
      cancelledAt: null,
      ...schedule,
    };
    if (event.recurrence && i % 3 === 0) {
      const windows = occurrenceWindows(event, FROM, TO);
      const [, second, third] = windows;
      const base = {
        title: null,
        description: null,
        sequence: 1,
      };
      if (second)
        event.overrides.push({
          ...base,
          recurrenceId: second.recurrenceId,
          cancelled: true,
          start: null,
          end: null,
        });
      if (third && !allDay) {
        // Moved an hour later.
        const at = new Date(third.start.getTime() + 3_600_000);
        const moved = checkSchedule({
          start: localIn(at, zone),
          end: localIn(new Date(at.getTime() + 30 * 60_000), zone),
          timeZone: zone,
        });
        event.overrides.push({
          ...base,
          recurrenceId: third.recurrenceId,
          cancelled: false,
          start: moved.start,
          end: moved.end,
        });
      }
    }
    events.push(event);
  }
  return events;
}

function localIn(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

const iso = (d: Date) => d.toISOString().replace('.000Z', 'Z');

function callinkOccurrences(e: CalendarEvent): string[] {
  return occurrenceWindows(e, FROM, TO).map((w) =>
    e.start.length === 10
      ? `${e.uid} ${w.recurrenceId}/${localIn(w.end, e.timeZone).slice(0, 10)}`
      : `${e.uid} ${iso(w.start)}/${iso(w.end)}`,
  );
}

describe('a 2,000-event feed across 400+ zones', () => {
  it(
    'has the same occurrences in libical, python3-icalendar + recurring_ical_events and callink',
    { timeout: 900_000 },
    () => {
      const zones = [...new Set([...Intl.supportedValuesOf('timeZone'), ...zoneNames()])].sort();
      expect(zones.length).toBeGreaterThan(400);
      const events = makeEvents(zones);
      const feed = buildFeed({
        name: 'Everywhere',
        timeZone: 'Europe/Berlin',
        events: events.map((event) => ({
          event,
          linkUrl: `https://meet.example.org/j/${event.linkId}`,
        })),
      });
      expect(lintCalendar(feed).problems.filter((p) => p.severity === 'error')).toEqual([]);
      const byUid = new Map(events.map((e) => [e.uid, e]));
      const callink = events.flatMap(callinkOccurrences).sort();
      const window = { text: feed, start: FROM.getTime() / 1000, end: TO.getTime() / 1000 };
      const table: Record<string, Record<string, number>> = {};
      for (const reader of ['libical', 'python'] as const) {
        const [read] = readOccurrences(reader, [window]);
        expect(read?.errors).toEqual([]);
        expect(read?.unmatched).toEqual([]);
        const got = new Set((read?.occurrences ?? []).map((o) => `${o.uid} ${o.start}/${o.end}`));
        const want = new Set(callink);
        const counts: Record<string, number> = { agree: 0 };
        const explainedUids = new Set<string>();
        const readStarts = new Set((read?.occurrences ?? []).map((o) => `${o.uid} ${o.start}`));
        const unexplained: string[] = [];
        for (const w of want) {
          if (got.has(w)) {
            counts.agree = (counts.agree ?? 0) + 1;
            got.delete(w);
            continue;
          }
          const quirk = explain(reader, w, byUid, readStarts);
          if (quirk) {
            counts[quirk] = (counts[quirk] ?? 0) + 1;
            explainedUids.add(w.split(' ')[0] ?? '');
          } else unexplained.push(`missing in ${reader}: ${w}`);
        }
        // What the reader has instead must belong to the same explained occurrences.
        for (const g of got) {
          const quirk = explain(reader, g, byUid, readStarts);
          if (!quirk && !explainedUids.has(g.split(' ')[0] ?? '')) {
            unexplained.push(`extra in ${reader}: ${g}`);
          }
        }
        table[reader] = counts;
        expect(unexplained.slice(0, 20)).toEqual([]);
      }
      console.log(
        `feed of ${events.length} events in ${zones.length} zones, ${callink.length} occurrences:`,
        JSON.stringify(table),
      );
    },
  );
});

/**
 * The named quirks: both readers take the second of two local times (libical 3.0, and python's
 * pytz with is_dst=False), where RFC 5545 and callink take the first; libical carries a DST
 * gap's shift into the rest of a series. Returns the quirk's name when `line`'s occurrence is
 * one such case.
 */
function explain(
  reader: Reader,
  line: string,
  byUid: Map<string, CalendarEvent>,
  byReader: Set<string>,
): string | null {
  const [uid, span] = line.split(' ');
  const event = byUid.get(uid ?? '');
  if (!event || !span || event.start.length === 10) return null;
  const localTime = event.start.slice(11, 16);
  // Occurrences at the series' wall-clock time that is repeated or skipped on that day.
  const day = (() => {
    const at = new Date(span.split('/')[0] ?? '');
    return localIn(at, event.timeZone).slice(0, 10);
  })();
  for (const d of [day, shiftDay(day, -1), shiftDay(day, 1)]) {
    const local = `${d}T${localTime}`;
    if (isRepeated(local, event.timeZone)) return 'second of two local times (overlap)';
    if (reader === 'libical' && isSkipped(local, event.timeZone))
      return 'libical: DST gap shift carried on';
  }
  if (
    reader === 'python' &&
    [0, 1, 2, 3].every((q) => offsetSeconds(event.timeZone, Date.UTC(2027, q * 3)) === 0)
  ) {
    // recurring_ical_events applies X-WR-TIMEZONE (x-wr-timezone) to UTC times: a UTC
    // series in a feed whose zone is Europe/Berlin keeps Berlin's wall-clock time instead.
    const at = Date.parse(span.split('/')[0] ?? '');
    for (const shift of [-3_600_000, 3_600_000]) {
      const moved = new Date(at + shift).toISOString().replace('.000Z', 'Z');
      if (byReader.has(`${uid} ${moved}`))
        return 'recurring_ical_events: X-WR-TIMEZONE applied to UTC';
    }
  }
  if (reader === 'libical') {
    // libical 3.0 read some local times with the offset before a change a few weeks earlier
    // (Melbourne 2028-10-09 02:30 as +10:00; the same lookup alone gives +11:00).
    const at = Date.parse(span.split('/')[0] ?? '');
    const wall = at + offsetSeconds(event.timeZone, at) * 1000;
    for (let back = 1; back <= 45; back++) {
      const before = offsetSeconds(event.timeZone, at - back * 86_400_000);
      if (before !== offsetSeconds(event.timeZone, at)) {
        const read = byReader.has(
          `${uid} ${new Date(wall - before * 1000).toISOString().replace('.000Z', 'Z')}`,
        );
        if (read) return 'libical: offset before a recent change';
        break;
      }
    }
  }
  if (reader === 'libical' && event.recurrence) {
    const skippedBefore = occurrenceWindows(event, FROM, new Date(span.split('/')[0] ?? '')).some(
      (w) => isSkipped(`${w.recurrenceId.slice(0, 10)}T${localTime}`, event.timeZone),
    );
    if (skippedBefore) return 'libical: DST gap shift carried on';
  }
  return null;
}

function shiftDay(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
}
