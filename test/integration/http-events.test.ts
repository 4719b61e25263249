/**
 * /api/events over HTTP with a real SQLite store: links that survive reschedules, SEQUENCE,
 * occurrences, add-to-calendar links, and bad input refused with a code and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintCalendar } from '../../src/core/ics/lint.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { readWithIcalJs, readWithPython } from '../support/calendar-readers.js';

const base = {
  title: 'Planning',
  start: '2026-06-01T09:00',
  end: '2026-06-01T09:30',
  timeZone: 'America/New_York',
  organizer: { name: 'Ann', email: 'ann@example.org' },
  attendees: [{ name: 'Bob', email: 'bob@example.org' }],
};

interface EventView {
  id: string;
  uid: string;
  sequence: number;
  linkId: string;
  linkUrl: string;
  icsUrl: string;
  recurrence: string | null;
  addToCalendar: { google: string; outlook: string; office365: string; ics: string };
}

describe('events API', () => {
  let app: TestApp;
  // Every stored event owns a link made with it, so the link count shows whether anything was stored.
  const eventCount = () => app.store.links.count();
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const create = async (body: object) => {
    const res = await app.api('/api/events', { method: 'POST', json: body });
    return {
      status: res.status,
      body: (await res.json()) as EventView & { error?: { code: string } },
    };
  };

  it('creates an event with a new call link and an invite that lints clean', async () => {
    const { status, body } = await create(base);
    expect(status).toBe(201);
    expect(body.sequence).toBe(0);
    expect(body.linkUrl).toBe(`http://localhost:9999/j/${body.linkId}`);
    const link = await app.api(`/api/links/${body.linkId}`);
    expect(link.status).toBe(200);
    const invite = await app.api(`/api/events/${body.id}/invite.ics`);
    expect(invite.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=REQUEST');
    const text = await invite.text();
    expect(lintCalendar(text, { mimeMethod: 'REQUEST' }).problems).toEqual([]);
    const read = readWithIcalJs(text);
    expect(read.events[0]?.uid).toBe(body.uid);
    expect(read.timezones).toEqual(['America/New_York']);
  });

  it('keeps the link and UID through reschedules and raises SEQUENCE only on real changes', async () => {
    const { body: created } = await create({ ...base, recurrence: 'RRULE:FREQ=DAILY;COUNT=5' });
    const patch = (json: object) =>
      app
        .api(`/api/events/${created.id}`, { method: 'PATCH', json })
        .then((r) => r.json() as Promise<EventView>);
    const moved = await patch({ start: '2026-06-01T10:00', end: '2026-06-01T10:30' });
    expect(moved.sequence).toBe(1);
    expect(moved.linkUrl).toBe(created.linkUrl);
    expect(moved.uid).toBe(created.uid);
    const same = await patch({ title: 'Planning' });
    expect(same.sequence).toBe(1);
    const renamed = await patch({ title: 'Planning (moved)' });
    expect(renamed.sequence).toBe(2);
    const cancel = await app.api(`/api/events/${created.id}`, { method: 'DELETE' });
    expect(cancel.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=CANCEL');
    const [py] = readWithPython([await cancel.text()]);
    expect(py?.method).toBe('CANCEL');
    expect(py?.events.map((e) => [e.uid, e.sequence, e.status])).toEqual([
      [created.uid, 3, 'CANCELLED'],
    ]);
    const again = await app.api(`/api/events/${created.id}`, {
      method: 'PATCH',
      json: { title: 'x' },
    });
    expect(again.status).toBe(409);
  });

  it('changes and cancels one occurrence with RECURRENCE-ID', async () => {
    const { body } = await create({ ...base, recurrence: 'RRULE:FREQ=WEEKLY;COUNT=4' });
    const moved = await app.api(`/api/events/${body.id}/occurrences/2026-06-08T09:00`, {
      method: 'PATCH',
      json: { start: '2026-06-09T14:00', title: 'Planning (Tuesday)' },
    });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as EventView).sequence).toBe(1);
    const gone = await app.api(`/api/events/${body.id}/occurrences/2026-06-15T13:00:00Z`, {
      method: 'DELETE',
    });
    expect(gone.status).toBe(200);
    const cancelText = await gone.text();
    const read = readWithIcalJs(cancelText);
    expect(read.method).toBe('CANCEL');
    expect(read.events).toHaveLength(1);
    expect(read.events[0]?.recurrenceId).toBe('2026-06-15T09:00:00');
    const full = readWithIcalJs(await (await app.api(`/api/events/${body.id}/invite.ics`)).text());
    expect(full.events.map((e) => [e.recurrenceId, e.summary, e.sequence])).toEqual([
      [null, 'Planning', 2],
      ['2026-06-08T09:00:00', 'Planning (Tuesday)', 2],
    ]);
    const text = await (await app.api(`/api/events/${body.id}/invite.ics`)).text();
    expect(text).toContain('EXDATE;TZID=America/New_York:20260615T090000');
    const missing = await app.api(`/api/events/${body.id}/occurrences/2026-06-10T09:00`, {
      method: 'DELETE',
    });
    expect(missing.status).toBe(404);
  });

  it('attaches an existing link and offers add-to-calendar links and a public .ics', async () => {
    const link = (await (
      await app.api('/api/links', { method: 'POST', json: { title: 'Standing' } })
    ).json()) as { id: string };
    const { body } = await create({ ...base, linkId: link.id });
    expect(body.linkId).toBe(link.id);
    const google = new URL(body.addToCalendar.google);
    expect(google.searchParams.get('dates')).toBe('20260601T130000Z/20260601T133000Z');
    expect(google.searchParams.get('location')).toBe(body.linkUrl);
    const outlook = new URL(body.addToCalendar.outlook);
    expect(outlook.searchParams.get('startdt')).toBe('2026-06-01T13:00:00Z');
    const path = new URL(body.icsUrl).pathname;
    const download = await fetch(`${app.url}${path}`);
    expect(download.status).toBe(200);
    const text = await download.text();
    expect(text).not.toContain('ATTENDEE');
    expect(text).toContain(body.linkUrl);
    expect(lintCalendar(text).problems).toEqual([]);
    expect((await fetch(`${app.url}/events/nope.ics`)).status).toBe(404);
  });

  it.each([
    ['end before start', { end: '2026-06-01T08:00' }, 'invalid_time_range'],
    ['unknown zone', { timeZone: 'Mars/Olympus' }, 'invalid_time_zone'],
    ['Windows zone name', { timeZone: 'W. Europe Standard Time' }, 'invalid_time_zone'],
    ['bad email', { organizer: { name: 'A', email: 'not-an-email' } }, 'validation_failed'],
    ['hourly rule', { recurrence: 'RRULE:FREQ=HOURLY;COUNT=3' }, 'invalid_recurrence'],
    ['BYHOUR bomb', { recurrence: 'RRULE:FREQ=DAILY;BYHOUR=1,2,3' }, 'invalid_recurrence'],
    ['count bomb', { recurrence: 'RRULE:FREQ=DAILY;COUNT=100000' }, 'invalid_recurrence'],
    ['far UNTIL', { recurrence: 'RRULE:FREQ=DAILY;UNTIL=29990101T000000Z' }, 'invalid_recurrence'],
    [
      'nonsense rule',
      { recurrence: 'RRULE:FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2' },
      'invalid_recurrence',
    ],
    ['unknown part', { recurrence: 'RRULE:FREQ=WEEKLY;X-BOMB=1' }, 'invalid_recurrence'],
    ['CRLF in title', { title: 'Hi\r\nATTENDEE:mailto:evil@example.org' }, 'validation_failed'],
    [
      'LF in name',
      { attendees: [{ name: 'Bob\nX', email: 'bob@example.org' }] },
      'validation_failed',
    ],
    [
      'CRLF in email',
      { organizer: { name: 'A', email: 'a@example.org\r\nBcc: x@y.z' } },
      'validation_failed',
    ],
    ['oversize description', { description: 'x'.repeat(8001) }, 'validation_failed'],
    [
      'a date with a date-time',
      { start: '2026-03-08', end: '2026-03-08T03:30' },
      'validation_failed',
    ],
    ['unknown team', { teamId: 'nope' }, 'not_found'],
  ])('refuses %s with 400 and stores nothing', async (_name, change, code) => {
    const links = await eventCount();
    const { status, body } = await create({ ...base, ...change });
    expect(body.error?.code).toBe(code);
    expect(status).toBe(code === 'not_found' ? 404 : 400);
    expect(await eventCount()).toBe(links);
  });

  it('names people without a name by their address', async () => {
    const { status, body } = await create({ ...base, attendees: [{ email: 'Dee@Example.org' }] });
    expect(status).toBe(201);
    expect((body as unknown as { attendees: unknown }).attendees).toEqual([
      { name: 'dee', email: 'dee@example.org' },
    ]);
  });

  it('leaves the event untouched when a change is refused', async () => {
    const { body } = await create(base);
    for (const json of [
      { end: '2026-06-01T08:00' },
      { recurrence: 'RRULE:FREQ=MINUTELY' },
      { title: 'x\ny' },
      { linkId: 'other' },
    ]) {
      const res = await app.api(`/api/events/${body.id}`, { method: 'PATCH', json });
      expect(res.status).toBe(400);
    }
    const after = (await (await app.api(`/api/events/${body.id}`)).json()) as EventView & {
      title: string;
      end: string;
    };
    expect([after.sequence, after.title, after.end]).toEqual([
      0,
      'Planning',
      '2026-06-01T09:30:00',
    ]);
    expect((await app.api('/api/events/does-not-exist')).status).toBe(404);
  });

  it('never lets a line break in the description become a property', async () => {
    const { status, body } = await create({
      ...base,
      description: 'Notes\r\nATTENDEE;RSVP=TRUE:mailto:evil@example.org\nMETHOD:PUBLISH',
    });
    expect(status).toBe(201);
    const text = await (await app.api(`/api/events/${body.id}/invite.ics`)).text();
    const read = readWithIcalJs(text);
    expect(read.events[0]?.attendees).toEqual(['mailto:bob@example.org']);
    expect(read.method).toBe('REQUEST');
    expect(text).not.toMatch(/\r\nATTENDEE;RSVP=TRUE:mailto:evil/);
  });
});
