/**
 * Joining over HTTP against the shared real LiveKit (signalling and server API only; the
 * WebRTC tests are in livekit-call.test.ts).
 */
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms, createWebhookVerifier } from '../../src/adapters/livekit/rooms.js';
import { makeLinkId } from '../../src/core/links.js';
import { LOBBY_TTL_MS } from '../../src/core/lobby.js';
import { startTestApp, type TestApp } from '../support/app.js';

const lk = inject('livekit');
let offsetMs = 0;
let app: TestApp;
let knocks: unknown[];
let hook: Server;

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
async function createLink(body: Record<string, unknown> = {}): Promise<string> {
  const res = await app.api('/api/links', { method: 'POST', json: body });
  expect(res.status).toBe(201);
  return (await json<{ id: string }>(res)).id;
}
function join(id: string, body: unknown, headers: Record<string, string> = {}) {
  return app.api(`/api/links/${id}/join`, { method: 'POST', json: body, token: null, headers });
}

beforeAll(async () => {
  knocks = [];
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      knocks.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  const hookPort = (hook.address() as { port: number }).port;
  app = await startTestApp({
    env: { CALLINK_KNOCK_WEBHOOK: `http://127.0.0.1:${hookPort}/knock` },
    overrides: {
      rooms: createLivekitRooms({ ...lk, loopback: true }),
      verifyLivekitWebhook: createWebhookVerifier(lk.apiKey, lk.apiSecret),
      clock: { now: () => new Date(Date.now() + offsetMs) },
    },
  });
});
afterAll(async () => {
  await app.close();
  await new Promise<void>((r) => hook.close(() => r()));
});

describe('POST /api/links/:id/join', () => {
  it('gives a short-lived token for this link’s room only, with the call size', async () => {
    const id = await createLink({ maxParticipants: 7 });
    const res = await join(id, { name: '  Ada  ' });
    expect(res.status).toBe(200);
    const body = await json<{ token: string; room: string; identity: string; host: boolean }>(res);
    expect(body).toMatchObject({ livekitUrl: lk.url, room: id, host: false, iceServers: [] });
    const claims = await new TokenVerifier(lk.apiKey, lk.apiSecret).verify(body.token);
    expect(claims.video).toMatchObject({ roomJoin: true, room: id });
    expect(claims.video?.roomAdmin).toBeFalsy();
    expect(claims.name).toBe('Ada');
    expect(claims.sub).toBe(body.identity);
    expect((claims.exp ?? 0) - (claims.nbf ?? 0)).toBeLessThanOrEqual(600);
    expect(claims.roomConfig).toMatchObject({ maxParticipants: 7, emptyTimeout: 120 });
  });

  it('gives every joiner a different random identity', async () => {
    const id = await createLink();
    const a = await json<{ identity: string }>(await join(id, { name: 'Same' }));
    const b = await json<{ identity: string }>(await join(id, { name: 'Same' }));
    expect(a.identity).not.toBe(b.identity);
  });

  it.each([
    [{}],
    [{ name: '' }],
    [{ name: 'x'.repeat(65) }],
    [{ name: 'a\u0000b' }],
    [{ name: 7 }],
  ])('answers 400 validation_failed for %j', async (body) => {
    const id = await createLink();
    const res = await join(id, body);
    expect(res.status).toBe(400);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('validation_failed');
  });

  it('answers 410 for a revoked link, 404 for an unknown one, 400 for a cut one', async () => {
    const id = await createLink();
    await app.api(`/api/links/${id}`, { method: 'DELETE' });
    const code = async (res: Response) => (await json<{ error: { code: string } }>(res)).error.code;
    const revoked = await join(id, { name: 'A' });
    expect([revoked.status, await code(revoked)]).toEqual([410, 'link_revoked']);
    const cut = await join(id.slice(0, 20), { name: 'A' });
    expect([cut.status, await code(cut)]).toEqual([400, 'link_incomplete']);
    const unknown = await join(makeLinkId(new Uint8Array(17).fill(9)), { name: 'A' });
    expect([unknown.status, await code(unknown)]).toEqual([404, 'link_not_found']);
  });

  it('needs no bearer token', async () => {
    const id = await createLink();
    const res = await fetch(`${app.url}/api/links/${id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'No token' }),
    });
    expect(res.status).toBe(200);
  });
});

describe('host keys', () => {
  it('are issued to the organizer only, and stored as a hash', async () => {
    const id = await createLink({ lobby: true });
    expect(
      (await app.api(`/api/links/${id}/host-key`, { method: 'POST', token: null })).status,
    ).toBe(401);
    const res = await app.api(`/api/links/${id}/host-key`, { method: 'POST' });
    expect(res.status).toBe(201);
    const { hostKey, hostUrl } = await json<{ hostKey: string; hostUrl: string }>(res);
    expect(hostUrl).toBe(`http://localhost:9999/j/${id}#host=${hostKey}`);
    const { hashSecret } = await import('../../src/adapters/auth/secrets.js');
    expect(await app.store.hostKeys.linkOf(hashSecret(hostKey))).toBe(id);
    expect(await app.store.hostKeys.linkOf(hostKey)).toBeUndefined();
  });

  it('let a host skip the lobby with admin rights; a wrong key is refused', async () => {
    const id = await createLink({ lobby: true });
    const { hostKey } = await json<{ hostKey: string }>(
      await app.api(`/api/links/${id}/host-key`, { method: 'POST' }),
    );
    const res = await join(id, { name: 'Host', hostKey });
    expect(res.status).toBe(200);
    const body = await json<{ token: string; host: boolean }>(res);
    expect(body.host).toBe(true);
    const claims = await new TokenVerifier(lk.apiKey, lk.apiSecret).verify(body.token);
    expect(claims.video?.roomAdmin).toBe(true);
    expect((await join(id, { name: 'Host', hostKey: 'hk_wrong' })).status).toBe(403);
    // A key for another link opens nothing here.
    const other = await createLink({ lobby: true });
    expect((await join(other, { name: 'Host', hostKey })).status).toBe(403);
    expect(
      (
        await app.api(`/api/links/${other}/lobby`, {
          token: null,
          headers: { 'x-host-key': hostKey },
        })
      ).status,
    ).toBe(403);
  });
});

describe('the lobby', () => {
  async function lobbyLink() {
    const id = await createLink({ lobby: true, title: 'Board meeting' });
    const { hostKey } = await json<{ hostKey: string }>(
      await app.api(`/api/links/${id}/host-key`, { method: 'POST' }),
    );
    return { id, host: { 'x-host-key': hostKey } };
  }
  const knock = async (id: string, name: string) => {
    const res = await join(id, { name });
    expect(res.status).toBe(202);
    const body = await json<{ status: string; ticket: string }>(res);
    expect(body.status).toBe('waiting');
    return body.ticket;
  };
  const poll = async (ticket: string, wait = 0) =>
    app.api(`/api/lobby/${ticket}?wait=${wait}`, { token: null });

  it('holds a guest until a host admits, then hands over the token', async () => {
    const { id, host } = await lobbyLink();
    const ticket = await knock(id, 'Guest');
    expect(await json(await poll(ticket))).toEqual({ status: 'waiting' });
    const list = await json<{ waiting: { ticket: string; name: string; since: string }[] }>(
      await app.api(`/api/links/${id}/lobby`, { token: null, headers: host }),
    );
    // Hosts see the ticket's handle (its hash), never the guest's ticket itself.
    const handle = createHash('sha256').update(ticket).digest('hex');
    expect(list.waiting).toEqual([{ ticket: handle, name: 'Guest', since: expect.any(String) }]);
    // A long poll returns as soon as the host answers.
    const started = Date.now();
    const waiting = poll(ticket, 20);
    await new Promise((r) => setTimeout(r, 300));
    const admit = await app.api(`/api/links/${id}/lobby/${ticket}/admit`, {
      method: 'POST',
      token: null,
      headers: host,
    });
    expect(admit.status).toBe(204);
    const answer = await json<{ status: string; token: string; room: string; identity: string }>(
      await waiting,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answer).toMatchObject({ status: 'admitted', room: id, livekitUrl: lk.url, host: false });
    const claims = await new TokenVerifier(lk.apiKey, lk.apiSecret).verify(answer.token);
    expect(claims.video?.room).toBe(id);
    expect(claims.name).toBe('Guest');
    const after = await json<{ waiting: unknown[] }>(
      await app.api(`/api/links/${id}/lobby`, { headers: {} }),
    );
    expect(after.waiting).toEqual([]);
  });

  it('tells a denied guest, and keeps the answer final', async () => {
    const { id, host } = await lobbyLink();
    const ticket = await knock(id, 'Mallory');
    const deny = (action: string) =>
      app.api(`/api/links/${id}/lobby/${ticket}/${action}`, {
        method: 'POST',
        token: null,
        headers: host,
      });
    expect((await deny('deny')).status).toBe(204);
    expect((await deny('deny')).status).toBe(204);
    expect((await deny('admit')).status).toBe(409);
    expect(await json(await poll(ticket))).toEqual({ status: 'denied' });
  });

  it('expires a knock nobody answers within ten minutes', async () => {
    const { id, host } = await lobbyLink();
    const ticket = await knock(id, 'Late');
    offsetMs = LOBBY_TTL_MS + 1000;
    try {
      expect(await json(await poll(ticket))).toEqual({ status: 'expired' });
      const admit = await app.api(`/api/links/${id}/lobby/${ticket}/admit`, {
        method: 'POST',
        token: null,
        headers: host,
      });
      expect(admit.status).toBe(409);
    } finally {
      offsetMs = 0;
    }
  });

  it('answers 404 for an unknown ticket, and keeps host routes for hosts', async () => {
    const { id } = await lobbyLink();
    expect((await poll('nope')).status).toBe(404);
    expect((await app.api(`/api/links/${id}/lobby`, { token: null })).status).toBe(401);
    expect((await app.api(`/api/links/${id}/lobby`)).status).toBe(200);
    const ticket = await knock(id, 'Guest');
    const other = await lobbyLink();
    const res = await app.api(`/api/links/${other.id}/lobby/${ticket}/admit`, {
      method: 'POST',
      token: null,
      headers: other.host,
    });
    expect(res.status).toBe(404);
  });

  it('posts each knock to the knock webhook', async () => {
    const { id } = await lobbyLink();
    const ticket = await knock(id, 'Webhook Guest');
    await expect
      .poll(() =>
        knocks.find(
          (k) =>
            (k as { ticket: string }).ticket === createHash('sha256').update(ticket).digest('hex'),
        ),
      )
      .toEqual({
        type: 'lobby.knock',
        linkId: id,
        title: 'Board meeting',
        joinUrl: `http://localhost:9999/j/${id}`,
        ticket: createHash('sha256').update(ticket).digest('hex'),
        name: 'Webhook Guest',
        since: expect.any(String),
      });
  });
});

describe('preflight and limits', () => {
  it('gives a throwaway one-person room for a network check', async () => {
    const id = await createLink();
    const res = await app.api(`/api/links/${id}/preflight`, { method: 'POST', token: null });
    expect(res.status).toBe(200);
    const body = await json<{ token: string; room: string }>(res);
    expect(body.room).toMatch(/^preflight-/);
    const claims = await new TokenVerifier(lk.apiKey, lk.apiSecret).verify(body.token);
    expect(claims.video?.room).toBe(body.room);
    expect(claims.roomConfig?.maxParticipants).toBe(1);
    expect((claims.exp ?? 0) - (claims.nbf ?? 0)).toBeLessThanOrEqual(60);
  });

  it('answers 429 once one address joins too often', async () => {
    const limited = await startTestApp({
      store: app.store,
      overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
      appOptions: { rateLimits: { joinPerIp: 3 } },
    });
    try {
      const id = await createLink();
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.api(`/api/links/${id}/join`, {
          method: 'POST',
          json: { name: 'A' },
          token: null,
        });
        statuses.push(res.status);
        if (res.status === 429) {
          expect((await json<{ error: { code: string } }>(res)).error.code).toBe('rate_limited');
        }
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('answers 429 once one link is joined too often from anywhere', async () => {
    const limited = await startTestApp({
      store: app.store,
      overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
      appOptions: { rateLimits: { joinPerLink: 2 } },
    });
    try {
      const [a, b] = [await createLink(), await createLink()];
      const go = (id: string) =>
        limited.api(`/api/links/${id}/join`, { method: 'POST', json: { name: 'A' }, token: null });
      expect([(await go(a)).status, (await go(a)).status, (await go(a)).status]).toEqual([
        200, 200, 429,
      ]);
      expect((await go(b)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('without a media server', () => {
  it('says calls are unavailable, and keeps everything else working', async () => {
    const bare = await startTestApp({ store: app.store });
    try {
      const id = await createLink({});
      const res = await bare.api(`/api/links/${id}/join`, {
        method: 'POST',
        json: { name: 'A' },
        token: null,
      });
      expect(res.status).toBe(503);
      expect((await json<{ error: { code: string } }>(res)).error.code).toBe('unavailable');
      expect(await json(await fetch(`${bare.url}/healthz`))).toMatchObject({
        ok: true,
        livekit: 'down',
      });
      // Healthy but not ready: a load balancer drains it rather than sending joins for a 503.
      const ready = await fetch(`${bare.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await json(ready)).toMatchObject({ ready: false, store: 'up', livekit: 'down' });
      const page = await fetch(`${bare.url}/j/${id}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Calls are unavailable');
      expect((await bare.api('/api/links')).status).toBe(200);
    } finally {
      await bare.close();
    }
  });
});

describe('POST /livekit/webhook', () => {
  const signed = async (body: string, secret: string, bodyForHash = body) => {
    const at = new AccessToken(lk.apiKey, secret, {});
    at.sha256 = createHash('sha256').update(bodyForHash).digest('base64');
    return at.toJwt();
  };
  const post = (body: string, authorization?: string) =>
    fetch(`${app.url}/livekit/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/webhook+json',
        ...(authorization ? { authorization } : {}),
      },
      body,
    });
  const event = (id: string, sid: string) =>
    JSON.stringify({
      event: 'participant_joined',
      id: `EV_${sid}`,
      createdAt: Math.floor(Date.now() / 1000),
      room: { name: id },
      participant: {
        sid,
        identity: 'p_x',
        name: 'Someone',
        joinedAt: Math.floor(Date.now() / 1000),
      },
    });

  it('refuses a forged, tampered or unsigned webhook and records nothing', async () => {
    const id = await createLink();
    const body = event(id, 'PA_forged');
    for (const authorization of [
      undefined,
      'nonsense',
      await signed(body, 'x'.repeat(40)), // signed with another secret
      await signed(body, lk.apiSecret, event(id, 'PA_other')), // body changed after signing
    ]) {
      expect((await post(body, authorization)).status).toBe(401);
    }
    expect(await app.store.attendance.list(id)).toEqual([]);
  });

  it('records a correctly signed join', async () => {
    const id = await createLink();
    const body = event(id, 'PA_signed');
    expect((await post(body, await signed(body, lk.apiSecret))).status).toBe(200);
    const res = await app.api(`/api/links/${id}/attendance`);
    const { attendance } = await json<{ attendance: { name: string; leftAt: null }[] }>(res);
    expect(attendance).toMatchObject([{ identity: 'p_x', name: 'Someone', leftAt: null }]);
    expect((await app.api(`/api/links/${id}/attendance`, { token: null })).status).toBe(401);
    expect((await app.api(`/api/links/${id}/attendance?from=yesterday`)).status).toBe(400);
  });

  it('attendance depends on one instance: leftAt is the event time, not when a retried report arrived, and a repeat counts once', async () => {
    const id = await createLink();
    const joinedAt = Math.floor(Date.now() / 1000) - 40;
    const leave = (eventId: string, createdAt: number) =>
      JSON.stringify({
        event: 'participant_left',
        id: eventId,
        createdAt,
        room: { name: id },
        participant: { sid: 'PA_late', identity: 'p_late', name: 'Late', joinedAt },
      });
    const join = JSON.stringify({
      event: 'participant_joined',
      id: 'EV_late_join',
      createdAt: joinedAt,
      room: { name: id },
      participant: { sid: 'PA_late', identity: 'p_late', name: 'Late', joinedAt },
    });
    // The leave arrives ~36 s after it happened (the first instance was down), before the join.
    const left = leave('EV_late_left', joinedAt + 4);
    expect((await post(left, await signed(left, lk.apiSecret))).status).toBe(200);
    expect((await post(join, await signed(join, lk.apiSecret))).status).toBe(200);
    // Delivered again by a retry, and a different leave report for the same session later.
    expect((await post(left, await signed(left, lk.apiSecret))).status).toBe(200);
    const again = leave('EV_other_left', joinedAt + 30);
    expect((await post(again, await signed(again, lk.apiSecret))).status).toBe(200);
    const records = await app.store.attendance.list(id);
    expect(records.map((r) => [r.sessionId, r.joinedAt.getTime(), r.leftAt?.getTime()])).toEqual([
      ['PA_late', joinedAt * 1000, (joinedAt + 4) * 1000],
    ]);
    expect(await app.store.attendance.firstDelivery('EV_late_left', new Date())).toBe(false);
  });
});

describe('GET /api/events/:id/attendance', () => {
  it('reports who came to each occurrence of an event', async () => {
    const res = await app.api('/api/events', {
      method: 'POST',
      json: {
        title: 'Weekly',
        start: '2026-06-01T09:00',
        end: '2026-06-01T09:30',
        timeZone: 'America/New_York',
        organizer: { name: 'Ann', email: 'ann@example.org' },
        attendees: [{ name: 'Bob', email: 'bob@example.org' }],
        recurrence: 'RRULE:FREQ=WEEKLY;COUNT=3',
      },
    });
    expect(res.status).toBe(201);
    const event = await json<{ id: string; linkId: string }>(res);
    const base = { linkId: event.linkId, identity: 'p_b', name: 'Bob' };
    await app.store.attendance.left({
      ...base,
      sessionId: 'PA_w2',
      joinedAt: new Date('2026-06-08T13:02:00Z'),
      leftAt: new Date('2026-06-08T13:31:00Z'),
    });
    const report = await app.api(
      `/api/events/${event.id}/attendance?from=2026-05-01T00:00:00Z&to=2026-07-01T00:00:00Z`,
    );
    expect(report.status).toBe(200);
    const body = await json<{
      occurrences: { start: string; attendance: { name: string; durationSeconds: number }[] }[];
    }>(report);
    expect(
      body.occurrences.map((o) => [o.start, o.attendance.map((a) => [a.name, a.durationSeconds])]),
    ).toEqual([
      ['2026-06-01T13:00:00.000Z', []],
      ['2026-06-08T13:00:00.000Z', [['Bob', 29 * 60]]],
      ['2026-06-15T13:00:00.000Z', []],
    ]);
    expect((await app.api('/api/events/nope/attendance')).status).toBe(404);
  });
});

describe('policy and organizer keys', () => {
  const policy = (over: Record<string, unknown>) =>
    app.api('/api/policy', {
      method: 'PUT',
      json: {
        linksEnabled: true,
        lobbyByDefault: false,
        maxParticipants: 100,
        // Every browser: these joins come from Node's fetch (no browser user agent).
        allowedBrowsers: ['chrome', 'edge', 'firefox', 'safari', 'samsung'],
        guestsAllowed: true,
        ...over,
      },
    });
  const organizerKey = async (name: string) =>
    (
      await json<{ key: string }>(
        await app.api('/api/keys', { method: 'POST', json: { name, role: 'organizer' } }),
      )
    ).key;

  it('refuses joins when calls are off, guests when only members may join, and applies a lowered cap', async () => {
    const id = await createLink({ maxParticipants: 7 });
    const { hostKey } = await json<{ hostKey: string }>(
      await app.api(`/api/links/${id}/host-key`, { method: 'POST' }),
    );
    try {
      expect((await policy({ linksEnabled: false })).status).toBe(200);
      const off = await join(id, { name: 'A' });
      expect([off.status, (await json<{ error: { code: string } }>(off)).error.code]).toEqual([
        403,
        'links_disabled',
      ]);
      expect((await policy({ guestsAllowed: false, maxParticipants: 3 })).status).toBe(200);
      const guest = await join(id, { name: 'Guest' });
      expect([guest.status, (await json<{ error: { code: string } }>(guest)).error.code]).toEqual([
        403,
        'guests_not_allowed',
      ]);
      const member = await app.api(`/api/links/${id}/join`, {
        method: 'POST',
        json: { name: 'Member' },
        token: await organizerKey('member'),
      });
      expect(member.status).toBe(200);
      const host = await join(id, { name: 'Host', hostKey });
      expect(host.status).toBe(200);
      const claims = await new TokenVerifier(lk.apiKey, lk.apiSecret).verify(
        (await json<{ token: string }>(host)).token,
      );
      expect(claims.roomConfig?.maxParticipants).toBe(3);
    } finally {
      await policy({});
    }
  });

  it('makes the owning organizer key a host, and hides the link from other organizers', async () => {
    const [owner, other] = [await organizerKey('owner'), await organizerKey('other')];
    const created = await app.api('/api/links', {
      method: 'POST',
      json: { lobby: true },
      token: owner,
    });
    const { id } = await json<{ id: string }>(created);
    expect((await app.api(`/api/links/${id}/lobby`, { token: owner })).status).toBe(200);
    expect((await app.api(`/api/links/${id}/lobby`, { token: other })).status).toBe(401);
    expect((await app.api(`/api/links/${id}/attendance`, { token: other })).status).toBe(404);
    expect(
      (await app.api(`/api/links/${id}/host-key`, { method: 'POST', token: other })).status,
    ).toBe(404);
    const asOwner = await app.api(`/api/links/${id}/join`, {
      method: 'POST',
      json: { name: 'Owner' },
      token: owner,
    });
    expect(asOwner.status).toBe(200);
    expect((await json<{ host: boolean }>(asOwner)).host).toBe(true);
  });
});
