/**
 * Issue 9: "a token for one room refused by another (real LiveKit)" and "webhook signatures
 * enforced", checked at the real livekit-server without WebRTC: its /rtc/validate endpoint
 * judges join tokens exactly as a connect would, and its Twirp RoomService judges a host
 * token used as an admin credential. The browser test in livekit-call.test.ts covers joining.
 */
import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms, createWebhookVerifier } from '../../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../support/app.js';

const lk = inject('livekit');
const http = lk.url.replace(/^ws/, 'http');
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({
    overrides: {
      rooms: createLivekitRooms({ ...lk, loopback: true }),
      verifyLivekitWebhook: createWebhookVerifier(lk.apiKey, lk.apiSecret),
    },
  });
});
afterAll(async () => app.close());

const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await res).json() as T;
const link = async () =>
  (await json<{ id: string }>(app.api('/api/links', { method: 'POST', json: {} }))).id;
const join = async (id: string, host = false) =>
  json<{ token: string; room: string }>(
    app.api(`/api/links/${id}/join`, {
      method: 'POST',
      token: host ? undefined : null,
      json: { name: host ? 'Host' : 'Guest' },
    }),
  );
/** What livekit-server says of a join token, as on connect: 200 when it would let it in. */
const validate = async (token: string) =>
  (await fetch(`${http}/rtc/validate?access_token=${encodeURIComponent(token)}`)).status;
const editRoom = (token: string, room: string) => {
  const [head, payload, sig] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    video: { room: string };
  };
  claims.video.room = room;
  return `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
};
const twirp = (method: string, token: string, body: object) =>
  fetch(`${http}/twirp/livekit.RoomService/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('join tokens are bound to their room at the media server', () => {
  it('accepts a token for its own room and refuses it edited for another', async () => {
    const [a, b] = [await link(), await link()];
    const g = await join(a);
    expect(g.room).toBe(a);
    expect(await validate(g.token)).toBe(200);
    expect(await validate(editRoom(g.token, b))).toBe(401);
  });

  it('refuses a token for a room minted with any other secret', async () => {
    const b = await link();
    const at = new AccessToken(lk.apiKey, 'guessed-secret-guessed-secret-00', { identity: 'x' });
    at.addGrant({ roomJoin: true, room: b });
    expect(await validate(await at.toJwt())).toBe(401);
  });

  it("a host's token administers its own room only", async () => {
    const [a, b] = [await link(), await link()];
    const host = await join(a, true);
    expect((await twirp('ListParticipants', host.token, { room: a })).status).toBe(200);
    const other = await twirp('ListParticipants', host.token, { room: b });
    expect(other.status).toBeGreaterThanOrEqual(401);
    expect(other.status).toBeLessThan(500);
    const guest = await join(a);
    expect(
      (await twirp('ListParticipants', guest.token, { room: a })).status,
    ).toBeGreaterThanOrEqual(401);
    expect(
      (await twirp('DeleteRoom', host.token, { room: b })).status,
      'a host of one call ends another',
    ).toBeGreaterThanOrEqual(401);
  });
});

describe('webhook signatures are enforced', () => {
  const body = (id: string) =>
    JSON.stringify({
      event: 'participant_joined',
      id: 'EV_scope',
      createdAt: Math.floor(Date.now() / 1000),
      room: { name: id },
      participant: { sid: 'PA_scope', identity: 'p_x', name: 'X', joinedAt: 1 },
    });
  const post = (b: string, authorization: string) =>
    fetch(`${app.url}/livekit/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization },
      body: b,
    });

  it('refuses a join token used as a webhook signature, and another API key', async () => {
    const id = await link();
    const b = body(id);
    // A guest holds a real token signed with the right secret, but it signs no body.
    expect((await post(b, (await join(id)).token)).status).toBe(401);
    const other = new AccessToken('otherkey', lk.apiSecret, {});
    other.sha256 = createHash('sha256').update(b).digest('base64');
    expect((await post(b, await other.toJwt())).status).toBe(401);
    expect(await app.store.attendance.list(id)).toEqual([]);
  });
});
