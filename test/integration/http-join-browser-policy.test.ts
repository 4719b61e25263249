/**
 * Issue 14, item 9: the browser policy was checked only in the page, so a Chrome user agent
 * and curl got tokens under a Firefox-only policy. Joins and lobby tokens now apply the same
 * matrix as the page (core/browsers.ts) to the User-Agent.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, type TestApp } from '../support/app.js';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const CURL = 'curl/8.5.0';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    overrides: { rooms: createLivekitRooms({ ...inject('livekit'), loopback: true }) },
  });
});
afterAll(async () => {
  await app.api('/api/policy', { method: 'PUT', json: DEFAULT_POLICY });
  await app.close();
});

const join = (id: string, ua: string) =>
  app.api(`/api/links/${id}/join`, {
    method: 'POST',
    token: null,
    headers: { 'user-agent': ua },
    json: { name: 'Guest' },
  });
const link = async (body: object) =>
  ((await (await app.api('/api/links', { method: 'POST', json: body })).json()) as { id: string })
    .id;

describe('the browser policy at join', () => {
  it('a Chrome user agent and curl get no token under a Firefox-only policy', async () => {
    const put = await app.api('/api/policy', {
      method: 'PUT',
      json: { ...DEFAULT_POLICY, allowedBrowsers: ['firefox'] },
    });
    expect(put.status).toBe(200);
    const id = await link({});
    for (const ua of [CHROME, CURL, '']) {
      const res = await join(id, ua);
      expect(res.status, ua).toBe(403);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('browser_not_allowed');
      expect(body.error.message).toMatch(/only these browsers for calls: Firefox/);
    }
    expect((await join(id, FIREFOX)).status).toBe(200);
  });

  it('a lobby ticket is not redeemed by a browser the policy refuses', async () => {
    await app.api('/api/policy', {
      method: 'PUT',
      json: { ...DEFAULT_POLICY, allowedBrowsers: ['firefox'] },
    });
    const id = await link({ lobby: true });
    const knock = await join(id, FIREFOX);
    const { ticket } = (await knock.json()) as { ticket: string };
    await app.api(`/api/links/${id}/lobby/${ticket}/admit`, { method: 'POST' });
    const poll = (ua: string) =>
      app.api(`/api/lobby/${ticket}`, { token: null, headers: { 'user-agent': ua } });
    expect((await poll(CURL)).status).toBe(403);
    const ok = (await (await poll(FIREFOX)).json()) as { status: string };
    expect(ok.status).toBe('admitted');
  });

  it('lets any client in when every browser is allowed (the default)', async () => {
    await app.api('/api/policy', { method: 'PUT', json: DEFAULT_POLICY });
    expect((await join(await link({}), CURL)).status).toBe(200);
  });
});
