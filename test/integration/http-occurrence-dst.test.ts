/**
 * Regression tests for issue 19 over HTTP: occurrences in DST gaps and overlaps that could not
 * be changed, UTC series that wrote EXDATE;TZID=UTC, alias zones sent under another name,
 * properties written after VALARM, and all-day events that were refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintCalendar } from '../../src/core/ics/lint.js';
import { unfoldLines } from '../../src/core/ics/fold.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { readWithIcalJs, readWithPython } from '../support/calendar-readers.js';

const person = {
  organizer: { name: 'Ann', email: 'ann@example.org' },
  attendees: [{ name: 'Bob', email: 'bob@example.org' }],
};

describe('occurrences and zones over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function create(body: object): Promise<{ id: string; start: string; end: string }> {
    const res = await app.api('/api/events', { method: 'POST', json: { ...person, ...body } });
    const json = (await res.json()) as { id: string; start: string; end: string };
    expect(res.status, JSON.stringify(json)).toBe(201);
    return json;
  }
  const invite = async (id: string) => (await app.api(`/api/events/${id}/invite.ics`)).text();

  const berlinNights = {
    title: 'Night shift handover',
    start: '2027-03-07T02:30',
    end: '2027-03-07T03:00',
    timeZone: 'Europe/Berlin',
    recurrence: 'RRULE:FREQ=WEEKLY;COUNT=6',
  };

  it.each(['2027-03-28T02:30', '2027-03-28T03:30', '2027-03-28T01:30:00Z'])(
    'cancels the Berlin occurrence a DST gap skips when addressed as %s (was 404)',
    async (address) => {
      const { id } = await create(berlinNights);
      const res = await app.api(`/api/events/${id}/occurrences/${address}`, { method: 'DELETE' });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(unfoldLines(text)).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20270328T023000');
      expect(unfoldLines(await invite(id))).toContain('EXDATE;TZID=Europe/Berlin:20270328T023000');
    },
  );

  it('changes the Berlin gap occurrence with PATCH by its shifted time (was 404)', async () => {
    const { id } = await create(berlinNights);
    const res = await app.api(`/api/events/${id}/occurrences/2027-03-28T03:30`, {
      method: 'PATCH',
      json: { title: 'Handover (clocks change tonight)' },
    });
    expect(res.status).toBe(200);
    const lines = unfoldLines(await invite(id));
    expect(lines).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20270328T023000');
    // The moved-forward time as an instant, so no reader moves it back.
    expect(lines).toContain('DTSTART:20270328T013000Z');
  });

  it('finds an occurrence in the autumn overlap by local time and by the first instant only', async () => {
    const { id } = await create({
      title: 'Early sync',
      start: '2026-10-20T02:30',
      end: '2026-10-20T03:00',
      timeZone: 'Europe/Berlin',
      recurrence: 'RRULE:FREQ=DAILY;COUNT=10',
    });
    const patch = (address: string) =>
      app.api(`/api/events/${id}/occurrences/${address}`, {
        method: 'PATCH',
        json: { title: `Early sync ${address}` },
      });
    expect((await patch('2026-10-25T02:30')).status).toBe(200);
    expect((await patch('2026-10-25T00:30:00Z')).status).toBe(200);
    expect((await patch('2026-10-25T01:30:00Z')).status).toBe(404);
  });

  it('writes EXDATE and RECURRENCE-ID of a UTC series in UTC, never TZID=UTC', async () => {
    const { id } = await create({
      title: 'UTC standup',
      start: '2027-01-04T09:00',
      end: '2027-01-04T09:15',
      timeZone: 'UTC',
      recurrence: 'RRULE:FREQ=DAILY;COUNT=5',
    });
    const cancel = await app.api(`/api/events/${id}/occurrences/2027-01-05T09:00`, {
      method: 'DELETE',
    });
    expect(unfoldLines(await cancel.text())).toContain('RECURRENCE-ID:20270105T090000Z');
    const text = await invite(id);
    expect(unfoldLines(text)).toContain('EXDATE:20270105T090000Z');
    expect(text).not.toContain('TZID=UTC');
    expect(lintCalendar(text, { mimeMethod: 'REQUEST' }).problems).toEqual([]);
  });

  it.each([
    ['Canada/Atlantic', true],
    ['Canada/Newfoundland', true],
    ['Asia/Calcutta', false],
    ['Asia/Katmandu', false],
    ['Asia/Rangoon', false],
    ['US/Eastern', true],
  ])('sends an alias zone %s under its own TZID with its real rules', async (zone, dst) => {
    const { id } = await create({
      title: `In ${zone}`,
      start: '2027-02-01T10:00',
      end: '2027-02-01T11:00',
      timeZone: zone,
      recurrence: 'RRULE:FREQ=MONTHLY;COUNT=12',
    });
    const text = await invite(id);
    const read = readWithIcalJs(text);
    expect(read.timezones).toEqual([zone]);
    expect(read.events[0]?.tzid).toBe(zone);
    expect(text.includes('BEGIN:DAYLIGHT')).toBe(dst);
    expect(lintCalendar(text, { mimeMethod: 'REQUEST' }).problems).toEqual([]);
  });

  it('refuses an unknown zone and names the close ones', async () => {
    const res = await app.api('/api/events', {
      method: 'POST',
      json: { ...person, ...berlinNights, timeZone: 'Europe/Berln' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_time_zone');
    expect(body.error.message).toContain('Europe/Berlin');
  });

  it('writes every event property before the VALARM (URL, STATUS, CONFERENCE came after it)', async () => {
    const { id } = await create(berlinNights);
    const lines = unfoldLines(await invite(id));
    const alarmEnd = lines.indexOf('END:VALARM');
    expect(alarmEnd).toBeGreaterThan(0);
    expect(lines[alarmEnd + 1]).toBe('END:VEVENT');
    for (const name of ['URL', 'STATUS', 'CONFERENCE', 'LAST-MODIFIED']) {
      const at = lines.findIndex((l) => l.startsWith(`${name};`) || l.startsWith(`${name}:`));
      expect(at, name).toBeGreaterThan(0);
      expect(at, name).toBeLessThan(lines.indexOf('BEGIN:VALARM'));
    }
  });

  it('accepts an all-day event (was refused) and cancels one day of an all-day series by its date', async () => {
    const workshop = await create({
      title: 'Workshop',
      start: '2027-06-07',
      end: '2027-06-09',
      timeZone: 'Europe/Berlin',
    });
    expect([workshop.start, workshop.end]).toEqual(['2027-06-07', '2027-06-09']);
    const text = await invite(workshop.id);
    expect(lintCalendar(text, { mimeMethod: 'REQUEST' }).problems).toEqual([]);
    const [py] = readWithPython([text]);
    expect(py?.events[0]?.start).toBe('2027-06-07');

    const series = await create({
      title: 'Team day',
      start: '2027-06-07',
      end: '2027-06-08',
      timeZone: 'Europe/Berlin',
      recurrence: 'RRULE:FREQ=WEEKLY;UNTIL=20270705',
    });
    const cancel = await app.api(`/api/events/${series.id}/occurrences/2027-06-14`, {
      method: 'DELETE',
    });
    expect(cancel.status).toBe(200);
    expect(unfoldLines(await cancel.text())).toContain('RECURRENCE-ID;VALUE=DATE:20270614');
    const seriesText = await invite(series.id);
    const lines = unfoldLines(seriesText);
    expect(lines).toContain('RRULE:FREQ=WEEKLY;UNTIL=20270705');
    expect(lines).toContain('EXDATE;VALUE=DATE:20270614');
    expect(lintCalendar(seriesText, { mimeMethod: 'REQUEST' }).problems).toEqual([]);
  });
});
