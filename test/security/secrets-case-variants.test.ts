/**
 * Issue 14, item 5: routes match paths case-insensitively but redaction did not, so
 * /FEEDS/<secret>.ics, /api/LOBBY/<ticket>, /EVENTS/<id>.ics and /J/<ID> were answered and
 * logged in clear.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../support/app.js';

const lk = inject('livekit');
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) } });
});
afterAll(() => app.close());

const json = async <T>(res: Response) => (await res.json()) as T;

describe('secrets in upper-case paths', () => {
  it('secrets in case-variant paths are not logged in clear', async () => {
    const { id: linkId } = await json<{ id: string }>(
      await app.api('/api/links', { method: 'POST', json: { lobby: true } }),
    );
    const { ticket } = await json<{ ticket: string }>(
      await app.api(`/api/links/${linkId}/join`, {
        method: 'POST',
        token: null,
        json: { name: 'Guest' },
      }),
    );
    const { id: teamId } = await json<{ id: string }>(
      await app.api('/api/teams', { method: 'POST', json: { name: 'Ops' } }),
    );
    const feed = await json<{ url: string }>(
      await app.api(`/api/teams/${teamId}/feeds`, { method: 'POST', json: {} }),
    );
    const feedSecret =
      new URL(feed.url).pathname
        .split('/')
        .pop()
        ?.replace(/\.ics$/, '') ?? '';
    const ev = await json<{ id: string }>(
      await app.api('/api/events', {
        method: 'POST',
        json: {
          title: 'Sync',
          start: '2026-06-01T09:00',
          end: '2026-06-01T09:30',
          timeZone: 'UTC',
          organizer: { email: 'ann@example.org' },
        },
      }),
    );
    const secrets = [linkId, ticket, feedSecret, ev.id];
    expect(secrets.every((s) => s.length > 10)).toBe(true);
    const paths = [
      `/FEEDS/${feedSecret}.ics`,
      `/Feeds/${feedSecret}.ics`,
      `/api/LOBBY/${ticket}`,
      `/EVENTS/${ev.id}.ics`,
      `/J/${linkId.toUpperCase()}`,
      `/API/LINKS/${linkId.toUpperCase()}`,
    ];
    for (const path of paths) await fetch(app.url + path);
    const logs = app.logs().toLowerCase();
    for (const s of secrets) expect(logs).not.toContain(s.toLowerCase());
  });
});
