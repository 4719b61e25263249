/**
 * Issue 14, item 1 over HTTP: a rule that matches nothing is refused quickly on create and on
 * change, and the server keeps answering other clients meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const base = {
  title: 'Standup',
  start: '2026-06-01T09:00',
  end: '2026-06-01T09:15',
  timeZone: 'Europe/Berlin',
  organizer: { name: 'Ann', email: 'ann@example.org' },
};

describe('recurrence rules over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('a BYSETPOS daily rule does not freeze the server', async () => {
    const before = await app.store.links.count();
    const [created, health] = await Promise.all([
      app.api('/api/events', {
        method: 'POST',
        json: { ...base, recurrence: 'RRULE:FREQ=DAILY;BYSETPOS=2' },
      }),
      app.api('/healthz', { token: null }),
    ]);
    expect(created.status).toBe(400);
    expect(((await created.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_recurrence',
    );
    expect(health.status).toBe(200);
    expect(await app.store.links.count()).toBe(before);

    const ok = await app.api('/api/events', { method: 'POST', json: base });
    const { id } = (await ok.json()) as { id: string };
    const patched = await app.api(`/api/events/${id}`, {
      method: 'PATCH',
      json: { recurrence: 'RRULE:FREQ=WEEKLY;BYDAY=MO;BYSETPOS=2;UNTIL=20300101' },
    });
    expect(patched.status).toBe(400);
    const stored = (await (await app.api(`/api/events/${id}`)).json()) as { recurrence: null };
    expect(stored.recurrence).toBeNull();
  });
});
