/**
 * The policy at the door of a call, against the shared real LiveKit: calls off, members only,
 * the size cap on older links; and organizer keys as hosts of their own links only.
 */
import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, type TestApp } from '../support/app.js';

const lk = inject('livekit');
let app: TestApp;
let ana: { id: string; key: string };
let bo: { id: string; key: string };

async function newKey(name: string): Promise<{ id: string; key: string }> {
  const res = await app.api('/api/keys', { method: 'POST', json: { name, role: 'organizer' } });
  return (await res.json()) as { id: string; key: string };
}
async function createLink(body: Record<string, unknown>, token?: string): Promise<string> {
  const res = await app.api('/api/links', {
    method: 'POST',
    json: body,
    ...(token ? { token } : {}),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
function join(id: string, token: string | null = null, body: Record<string, unknown> = {}) {
  return app.api(`/api/links/${id}/join`, {
    method: 'POST',
    json: { name: 'Guest', ...body },
    token,
  });
}
const code = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;
const setPolicy = (change: Partial<typeof DEFAULT_POLICY>) =>
  app.api('/api/policy', { method: 'PUT', json: { ...DEFAULT_POLICY, ...change } });

beforeAll(async () => {
  app = await startTestApp({ overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) } });
  ana = await newKey('Ana');
  bo = await newKey('Bo');
});
afterAll(async () => app.close());
beforeEach(async () => {
  await setPolicy({});
});

describe('joining under the policy', () => {
  it('refuses every join while calls are off, and lets them in again at once', async () => {
    const id = await createLink({});
    await setPolicy({ linksEnabled: false });
    const res = await join(id);
    expect(res.status).toBe(403);
    expect(await code(res)).toBe('links_disabled');
    await setPolicy({ linksEnabled: true });
    expect((await join(id)).status).toBe(200);
  });

  it('lets only members in when guests are not allowed', async () => {
    const id = await createLink({}, ana.key);
    await setPolicy({ guestsAllowed: false });
    const guest = await join(id);
    expect(guest.status).toBe(403);
    expect(await code(guest)).toBe('guests_not_allowed');
    expect((await join(id, 'ck_0000000000000000_forged')).status).toBe(403);
    // Another organizer is a member (joins) but not a host of Ana's link.
    const member = await join(id, bo.key);
    expect(member.status).toBe(200);
    expect(await member.json()).toMatchObject({ host: false });
    const hostKey = await app.api(`/api/links/${id}/host-key`, { method: 'POST', token: ana.key });
    const { hostKey: hk } = (await hostKey.json()) as { hostKey: string };
    expect((await join(id, null, { hostKey: hk })).status).toBe(200);
  });

  it('holds a link made before the cap was lowered to the new cap', async () => {
    const id = await createLink({ maxParticipants: 20 });
    await setPolicy({ maxParticipants: 3 });
    const res = await join(id);
    const { token } = (await res.json()) as { token: string };
    const claims = await new TokenVerifier(lk.apiKey, lk.apiSecret).verify(token);
    expect(claims.roomConfig).toMatchObject({ maxParticipants: 3 });
  });
});

describe('organizer keys and calls', () => {
  it('makes the owner of a link its host (skipping the lobby), nobody else', async () => {
    const id = await createLink({ lobby: true }, ana.key);
    const owner = await join(id, ana.key);
    expect(owner.status).toBe(200);
    expect(await owner.json()).toMatchObject({ host: true });
    expect((await join(id, bo.key)).status).toBe(202);
    expect((await app.api(`/api/links/${id}/lobby`, { token: ana.key })).status).toBe(200);
    expect((await app.api(`/api/links/${id}/lobby`, { token: bo.key })).status).toBe(401);
  });

  it('keeps another organizer’s attendance and host keys out of reach (404)', async () => {
    const id = await createLink({}, ana.key);
    for (const [method, path] of [
      ['GET', `/api/links/${id}/attendance`],
      ['POST', `/api/links/${id}/host-key`],
    ] as const) {
      const theirs = await app.api(path, { method, token: bo.key });
      expect(theirs.status, path).toBe(404);
      expect((await app.api(path, { method, token: ana.key })).status).toBeLessThan(300);
    }
  });
});
