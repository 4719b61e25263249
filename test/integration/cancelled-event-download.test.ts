/**
 * Issue 14, item 13: after a cancel, the public /events/<id>.ics still said STATUS:CONFIRMED
 * (with a reminder) and the link stayed joinable. It now says CANCELLED, and the cancel can
 * retire the link with ?retireLink=1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { readWithIcalJs, readWithPython } from '../support/calendar-readers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const base = {
  title: 'Review',
  start: '2026-06-01T09:00',
  end: '2026-06-01T10:00',
  timeZone: 'Europe/Berlin',
  organizer: { email: 'ann@example.org' },
};
const create = async () =>
  (await (await app.api('/api/events', { method: 'POST', json: base })).json()) as {
    id: string;
    linkId: string;
  };

describe('a cancelled event', () => {
  it('a cancelled event download says STATUS:CANCELLED, not CONFIRMED', async () => {
    const ev = await create();
    expect((await app.api(`/api/events/${ev.id}`, { method: 'DELETE' })).status).toBe(200);
    const text = await (await fetch(`${app.url}/events/${ev.id}.ics`)).text();
    expect(readWithIcalJs(text).events.map((e) => e.status)).toEqual(['CANCELLED']);
    expect(readWithPython([text])[0]?.events.map((e) => e.status)).toEqual(['CANCELLED']);
    expect(text).not.toContain('BEGIN:VALARM');
    // Without being asked, the link stays (someone may still meet there on purpose).
    expect((await app.api(`/api/links/${ev.linkId}`)).status).toBe(200);
  });

  it('cancelling with retireLink=1 also revokes the call link', async () => {
    const ev = await create();
    const res = await app.api(`/api/events/${ev.id}?retireLink=1`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    const join = await app.api(`/api/links/${ev.linkId}/join`, {
      method: 'POST',
      token: null,
      json: { name: 'Late' },
    });
    expect(join.status).toBe(410);
  });
});
