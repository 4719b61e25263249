/**
 * Issue 14, "also seen": U+2028, U+2029 and U+0085 in text fields were written raw, and
 * node-ical silently dropped such a SUMMARY. Titles get spaces, descriptions line breaks.
 */
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('Unicode line breaks in text', () => {
  it('a SUMMARY with U+2028 is not dropped by node-ical', async () => {
    const res = await app.api('/api/events', {
      method: 'POST',
      json: {
        title: 'Plan\u2028ning\u0085day',
        description: 'one\u2029two',
        start: '2026-06-01T09:00',
        end: '2026-06-01T10:00',
        timeZone: 'UTC',
        organizer: { name: 'Ann\u2028Lee', email: 'ann@example.org' },
      },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const text = await (await app.api(`/api/events/${id}/invite.ics`)).text();
    expect(text).not.toMatch(/[\u0085\u2028\u2029]/);
    const ev = Object.values(ical.sync.parseICS(text)).find((c) => c?.type === 'VEVENT') as VEvent;
    expect(ev.summary).toBe('Plan ning day');
    expect(String(ev.description)).toMatch(/one\ntwo/);
  });

  it('a link title with line breaks is kept on one line', async () => {
    const res = await app.api('/api/links', {
      method: 'POST',
      json: { title: 'Board\u2028meeting\nnow' },
    });
    expect(((await res.json()) as { title: string }).title).toBe('Board meeting now');
  });
});
