/**
 * Issue 14, items 1 and 6: POST /api/import?future=1 decides which long series are still ahead
 * without walking node-ical's iterator (a daily series from 1995 answered 500 "Maximum
 * iterations" after seconds of CPU), and answers correctly for ended and endless series.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const event = (uid: string, rule: string) => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  'DTSTAMP:19950101T000000Z',
  'DTSTART;TZID=Europe/Berlin:19950102T090000',
  'DTEND;TZID=Europe/Berlin:19950102T093000',
  `RRULE:${rule}`,
  `SUMMARY:${uid}`,
  'END:VEVENT',
];
const calendar = (...events: string[][]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events.flat(), 'END:VCALENDAR']
    .join('\r\n')
    .concat('\r\n');

describe('import of old series with future=1', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('a daily series from 1995 imported with future=1 works instead of Maximum iterations', async () => {
    const res = await app.api('/api/import?future=1&dryRun=1', {
      method: 'POST',
      headers: { 'content-type': 'text/calendar' },
      body: calendar(
        event('endless', 'FREQ=DAILY'),
        event('counted-ahead', 'FREQ=DAILY;COUNT=100000'),
        event('counted-over', 'FREQ=DAILY;COUNT=9000'),
        event('weekly-mondays-over', 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=40'),
        event('never-matches', 'FREQ=DAILY;BYSETPOS=2;COUNT=3'),
        event('until-over', 'FREQ=DAILY;UNTIL=20000101T000000Z'),
        event('until-ahead', 'FREQ=DAILY;UNTIL=20990101T000000Z'),
        event('hourly-over', 'FREQ=HOURLY;COUNT=1000'),
      ),
    });
    const body = (await res.json()) as { events: number; filteredOut: number };
    expect(res.status, JSON.stringify(body)).toBe(200);
    // Ahead: endless, counted-ahead, until-ahead, and the rule that never matches (kept when in
    // doubt: nothing can say it ended). Over: the other four.
    expect(body).toMatchObject({ events: 8, filteredOut: 4 });
  });
});
