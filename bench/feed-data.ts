/**
 * A SQLite store holding one team with N events (a fifth of them weekly series with an
 * override), for the feed benchmarks. Also the same build with nothing but ical-generator.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { openStore } from '../src/adapters/store/open.js';
import { createSqliteSql } from '../src/adapters/store/sqlite.js';
import type { Sql } from '../src/adapters/store/sql.js';
import type { CalendarEvent } from '../src/core/events.js';
import { describe } from '../src/core/ics/build.js';
import { vtimezone } from '../src/core/ics/timezones.js';
import { linkUrl } from '../src/core/links.js';
import type { Store } from '../src/core/ports.js';

export const TEAM = 'benchteam';
export const PUBLIC_URL = 'https://meet.example.org';
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Europe/London',
  'Australia/Sydney',
];

export async function openBenchStore(dir: string): Promise<{ store: Store; sql: Sql }> {
  mkdirSync(dir, { recursive: true });
  const { sql, close } = createSqliteSql(join(dir, 'callink.sqlite'));
  const store = await openStore('sqlite', sql, async () => close());
  return { store, sql };
}

export async function fillBenchStore(dir: string, count: number): Promise<void> {
  const { store, sql } = await openBenchStore(dir);
  await sql.run('PRAGMA synchronous = OFF'); // bulk load only; the app runs with FULL
  const now = new Date();
  await store.teams.insert({ id: TEAM, name: 'Bench team', createdAt: now });
  const base = DateTime.now().startOf('day').plus({ days: 1 });
  for (let i = 0; i < count; i++) {
    const zone = ZONES[i % ZONES.length] as string;
    const start = base.plus({ hours: i * 3 }).setZone(zone, { keepLocalTime: true });
    const recurring = i % 5 === 0;
    const fmt = "yyyy-LL-dd'T'HH:mm:ss";
    const event: CalendarEvent = {
      id: `ev${i}`,
      uid: `ev${i}@meet.example.org`,
      sequence: 1,
      linkId: `link${String(i).padStart(24, '0')}`,
      teamId: TEAM,
      ownerId: null,
      title: `Meeting ${i}: roadmap review`,
      start: start.toFormat(fmt),
      end: start.plus({ minutes: 45 }).toFormat(fmt),
      timeZone: zone,
      organizer: { name: 'Ann Organizer', email: 'ann@example.org' },
      attendees: [
        { name: 'Bob', email: 'bob@example.org' },
        { name: 'Cy', email: 'cy@example.org' },
      ],
      description: 'Agenda:\n1. Status\n2. Risks\n3. Next steps',
      recurrence: recurring ? 'RRULE:FREQ=WEEKLY;COUNT=12' : null,
      overrides: recurring
        ? [
            {
              recurrenceId: start.plus({ weeks: 1 }).toFormat(fmt),
              cancelled: false,
              start: start.plus({ weeks: 1, hours: 1 }).toFormat(fmt),
              end: start.plus({ weeks: 1, hours: 2 }).toFormat(fmt),
              title: `Meeting ${i} (moved)`,
              description: null,
              sequence: 1,
            },
          ]
        : [],
      status: 'confirmed',
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
      lastEnd: null,
    };
    await store.events.insert(event);
  }
  await store.close();
}

/** The same events with bare ical-generator: same fields, no CONFERENCE, no re-folding. */
export function bareFeed(events: CalendarEvent[]): string {
  const cal = ical({ name: 'Bench team', ttl: 3600 });
  // The same generator as ours, over the years the bench events use.
  cal.timezone({ name: null, generator: (zone) => vtimezone(zone, 2025, 2028) });
  for (const e of events) {
    const url = linkUrl(PUBLIC_URL, e.linkId);
    const main = {
      id: e.uid,
      sequence: e.sequence,
      stamp: DateTime.fromJSDate(e.updatedAt, { zone: 'utc' }),
      timezone: e.timeZone,
      location: url,
      url,
      description: describe(url, e.description),
      organizer: e.organizer,
    };
    cal.createEvent({
      ...main,
      start: DateTime.fromISO(e.start, { zone: e.timeZone }),
      end: DateTime.fromISO(e.end, { zone: e.timeZone }),
      summary: e.title,
      repeating: e.recurrence,
    });
    for (const o of e.overrides) {
      cal.createEvent({
        ...main,
        start: DateTime.fromISO(o.start ?? o.recurrenceId, { zone: e.timeZone }),
        end: DateTime.fromISO(o.end ?? o.recurrenceId, { zone: e.timeZone }),
        recurrenceId: DateTime.fromISO(o.recurrenceId, { zone: e.timeZone }),
        summary: o.title ?? e.title,
      });
    }
  }
  return cal.toString();
}
