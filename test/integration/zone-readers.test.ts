/**
 * Meetings at the right time in every calendar: invites built over HTTP are expanded by libical
 * (trusting the VTIMEZONE, as Outlook and Apple do) and by python3-icalendar with
 * recurring_ical_events, and must give callink's own instants (RFC 5545 §3.3.5: the first of
 * two local times, a skipped one moved forward by the gap). Where a reader is known to read
 * otherwise, the quirk is listed below by reader and case with what it reads, so a change in
 * either shows; nothing is skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintCalendar } from '../../src/core/ics/lint.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { readOccurrences, type Reader } from '../support/zone-readers.js';

const person = {
  organizer: { name: 'Ann', email: 'ann@example.org' },
  attendees: [{ name: 'Bob', email: 'bob@example.org' }],
};
const WINDOW = { start: Date.UTC(2026, 0, 1) / 1000, end: Date.UTC(2029, 0, 1) / 1000 };

/**
 * Known reader quirks, by case and reader, with what the reader reads instead of callink's
 * instants. libical 3.0 carries a gap's shift into the rest of a series: after 02:30 became
 * 03:30 on 2027-03-28, it reads every later 02:30 occurrence as 03:30.
 */
const QUIRKS: Record<string, { reader: Reader; reads: string[] }> = {
  'Berlin weekly gap': {
    reader: 'libical',
    reads: [
      '2027-03-07T01:30:00Z/2027-03-07T02:00:00Z',
      '2027-03-14T01:30:00Z/2027-03-14T02:00:00Z',
      '2027-03-21T01:30:00Z/2027-03-21T02:00:00Z',
      '2027-03-28T01:30:00Z/2027-03-28T02:00:00Z',
      '2027-04-04T01:30:00Z/2027-04-04T02:00:00Z',
    ],
  },
};

interface Created {
  id: string;
  addToCalendar: { google: string; outlook: string };
}

describe('meetings read at the same instants by every reader', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function create(body: object): Promise<{ event: Created; ics: string }> {
    const res = await app.api('/api/events', { method: 'POST', json: { ...person, ...body } });
    expect(res.status).toBe(201);
    const event = (await res.json()) as Created;
    const ics = await (await app.api(`/api/events/${event.id}/invite.ics`)).text();
    expect(lintCalendar(ics, { mimeMethod: 'REQUEST' }).problems).toEqual([]);
    return { event, ics };
  }

  function readAll(ics: string): Record<Reader, string[]> {
    const out = {} as Record<Reader, string[]>;
    for (const reader of ['libical', 'python'] as const) {
      const [read] = readOccurrences(reader, [{ text: ics, ...WINDOW }]);
      expect(read?.errors).toEqual([]);
      expect(read?.unmatched).toEqual([]);
      out[reader] = (read?.occurrences ?? []).map((o) => `${o.start}/${o.end}`).sort();
    }
    return out;
  }

  function expectReaders(name: string, ics: string, callink: string[]): void {
    const read = readAll(ics);
    for (const reader of ['libical', 'python'] as const) {
      const quirk = QUIRKS[name];
      const want = quirk?.reader === reader ? quirk.reads : callink;
      expect(read[reader], `${name} in ${reader}`).toEqual(want);
    }
  }

  it.each([
    [
      'Lord Howe overlap',
      'Australia/Lord_Howe',
      '2026-04-05T01:45',
      '2026-04-05T02:15',
      '2026-04-04T14:45:00Z/2026-04-04T15:45:00Z',
    ],
    [
      'Chatham overlap',
      'Pacific/Chatham',
      '2027-04-04T03:00',
      '2027-04-04T03:30',
      '2027-04-03T13:15:00Z/2027-04-03T13:45:00Z',
    ],
    [
      'Dublin overlap',
      'Europe/Dublin',
      '2026-10-25T01:15',
      '2026-10-25T01:45',
      '2026-10-25T00:15:00Z/2026-10-25T00:45:00Z',
    ],
    [
      'Berlin gap',
      'Europe/Berlin',
      '2027-03-28T02:30',
      '2027-03-28T03:45',
      '2027-03-28T01:30:00Z/2027-03-28T01:45:00Z',
    ],
  ])(
    'reads the %s case (%s %s–%s) as RFC 5545 says, in the add-to-calendar links too',
    async (name, timeZone, start, end, instants) => {
      const { event, ics } = await create({ title: name, start, end, timeZone });
      expectReaders(name, ics, [instants]);
      const [from, to] = instants.split('/').map((t) => t.replace(/[-:]/g, ''));
      const google = new URL(event.addToCalendar.google).searchParams.get('dates');
      expect(google).toBe(`${from}/${to}`);
      const outlook = new URL(event.addToCalendar.outlook).searchParams;
      expect(outlook.get('startdt')).toBe(instants.split('/')[0]);
    },
  );

  it('puts a weekly Berlin 02:30 occurrence that falls in the spring gap at 03:30 CEST in every reader', async () => {
    const { ics } = await create({
      title: 'Night shift handover',
      start: '2027-03-07T02:30',
      end: '2027-03-07T03:00',
      timeZone: 'Europe/Berlin',
      recurrence: 'RRULE:FREQ=WEEKLY;COUNT=5',
    });
    expectReaders('Berlin weekly gap', ics, [
      '2027-03-07T01:30:00Z/2027-03-07T02:00:00Z',
      '2027-03-14T01:30:00Z/2027-03-14T02:00:00Z',
      '2027-03-21T01:30:00Z/2027-03-21T02:00:00Z',
      '2027-03-28T01:30:00Z/2027-03-28T02:00:00Z',
      '2027-04-04T00:30:00Z/2027-04-04T01:00:00Z',
    ]);
  });

  it.each([
    // Tehran dropped DST in 2022, Mexico City in 2022; Cairo brought it back in 2023.
    ['Asia/Tehran', ['05:30', '05:30', '05:30', '05:30']],
    ['America/Mexico_City', ['15:00', '15:00', '15:00', '15:00']],
    ['Africa/Cairo', ['07:00', '07:00', '07:00', '06:00']],
  ])('reads a weekly %s meeting at the same UTC instants everywhere', async (timeZone, times) => {
    const { ics } = await create({
      title: `Weekly in ${timeZone}`,
      start: timeZone === 'America/Mexico_City' ? '2027-03-29T09:00' : '2027-03-22T09:00',
      end: timeZone === 'America/Mexico_City' ? '2027-03-29T10:00' : '2027-03-22T10:00',
      timeZone,
      recurrence: 'RRULE:FREQ=WEEKLY;COUNT=4;INTERVAL=2',
    });
    const read = readAll(ics);
    for (const reader of ['libical', 'python'] as const) {
      expect(
        read[reader].map((o) => o.slice(11, 16)),
        `${timeZone} in ${reader}`,
      ).toEqual(times);
    }
    expect(read.libical).toEqual(read.python);
  });

  it('reads an all-day two-day workshop as two days in every reader, with a date-only invite', async () => {
    const { event, ics } = await create({
      title: 'Offsite workshop',
      start: '2027-06-07',
      end: '2027-06-09',
      timeZone: 'Europe/Berlin',
    });
    expect(ics).toContain('DTSTART;VALUE=DATE:20270607\r\n');
    expect(ics).toContain('DTEND;VALUE=DATE:20270609\r\n');
    expect(ics).not.toContain('BEGIN:VTIMEZONE');
    expectReaders('all-day workshop', ics, ['2027-06-07/2027-06-09']);
    const google = new URL(event.addToCalendar.google).searchParams.get('dates');
    expect(google).toBe('20270607/20270609');
    const outlook = new URL(event.addToCalendar.outlook).searchParams;
    expect([outlook.get('startdt'), outlook.get('enddt'), outlook.get('allday')]).toEqual([
      '2027-06-07',
      '2027-06-09',
      'true',
    ]);
  });
});
