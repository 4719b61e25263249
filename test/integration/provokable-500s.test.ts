/**
 * Issue 14, item 6 (and the lint size cap from its "also seen" list): inputs that answered 500
 * now get a 4xx with a code, or work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PROBLEMS } from '../../src/core/ics/lint.js';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const codeOf = async (res: Response) =>
  ((await res.json()) as { error?: { code?: string } }).error?.code;

describe('requests that answered 500', () => {
  it.each([
    ['GET', '/j/%'],
    ['GET', '/j/%E0%A4%A'],
    ['GET', '/api/lobby/%'],
    ['GET', '/feeds/%.ics'],
    ['GET', '/events/%.ics'],
    ['POST', '/api/links/%/join'],
    ['GET', '/api/links/%25%/attendance'],
  ])('a malformed percent escape in %s %s is a 400, not a 500', async (method, path) => {
    const res = await app.api(path, { method, ...(method === 'POST' ? { json: {} } : {}) });
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe('bad_request');
  });

  it('60,000 nested BEGINs in /api/lint do not overflow the stack', async () => {
    const text =
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n' +
      'BEGIN:X\r\n'.repeat(60_000) +
      'END:X\r\n'.repeat(60_000) +
      'END:VCALENDAR\r\n';
    const res = await app.api('/api/lint', {
      method: 'POST',
      headers: { 'content-type': 'text/calendar' },
      body: text,
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { problems: { message: string }[] };
    expect(report.problems.map((p) => p.message)).toContain(
      'Components are nested deeper than 32.',
    );
  });

  it('an attendance window at the edge of the Date range is a 400', async () => {
    const ev = await app.api('/api/events', {
      method: 'POST',
      json: {
        title: 'Weekly',
        start: '2026-06-01T09:00',
        end: '2026-06-01T09:30',
        timeZone: 'UTC',
        organizer: { email: 'ann@example.org' },
        recurrence: 'RRULE:FREQ=WEEKLY',
      },
    });
    const { id, linkId } = (await ev.json()) as { id: string; linkId: string };
    for (const path of [
      `/api/events/${id}/attendance?to=-271821-04-20T00:00:00Z`,
      `/api/events/${id}/attendance?from=275760-09-13T00:00:00Z`,
      `/api/links/${linkId}/attendance?to=-271821-04-20T00:00:00Z`,
    ]) {
      const res = await app.api(path);
      expect(res.status, path).toBe(400);
      expect(await codeOf(res)).toBe('validation_failed');
    }
    const far = await app.api(
      `/api/events/${id}/attendance?from=2900-01-01T00:00:00Z&to=2900-06-01T00:00:00Z`,
    );
    expect(far.status).toBe(200);
  });

  it('a lint answer is capped, not ten times its input', async () => {
    const events = Array.from(
      { length: 2000 },
      (_, i) => `BEGIN:VEVENT\r\nDTSTART:2026010${i % 9}T000000Z\r\nATTENDEE:x\r\nEND:VEVENT\r\n`,
    ).join('');
    const text = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nMETHOD:REQUEST\r\n${events}END:VCALENDAR\r\n`;
    const res = await app.api('/api/lint', {
      method: 'POST',
      headers: { 'content-type': 'text/calendar' },
      body: text,
    });
    const body = await res.text();
    const report = JSON.parse(body) as { problems: unknown[]; omitted?: number; ok: boolean };
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(MAX_PROBLEMS);
    expect(report.omitted).toBeGreaterThan(1000);
    expect(body.length).toBeLessThan(text.length);
  });
});
