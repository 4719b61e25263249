/**
 * Real calls: headless Chromium participants (livekit-client) in a real livekit-server, driven
 * through the callink API. WebRTC, so this file runs only in the loopback-only namespace.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLivekitRooms, createWebhookVerifier } from '../../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startBrowsers, type Browsers } from '../support/browser-participant.js';
import { startLivekit, type TestLivekit } from '../support/livekit.js';
import { freePort } from '../support/net.js';

interface Grant {
  token: string;
  livekitUrl: string;
  room: string;
  identity: string;
  host: boolean;
}

let lk: TestLivekit;
let app: TestApp;
let browsers: Browsers;

const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
async function createLink(body: Record<string, unknown> = {}): Promise<string> {
  const res = await app.api('/api/links', { method: 'POST', json: body });
  expect(res.status).toBe(201);
  return (await json<{ id: string }>(res)).id;
}
async function join(id: string, name: string, hostKey?: string): Promise<Response> {
  return app.api(`/api/links/${id}/join`, {
    method: 'POST',
    json: { name, ...(hostKey ? { hostKey } : {}) },
    token: null,
  });
}
async function grant(id: string, name: string, hostKey?: string): Promise<Grant> {
  const res = await join(id, name, hostKey);
  expect(res.status).toBe(200);
  return json<Grant>(res);
}
async function enter(g: Grant) {
  const p = await browsers.participant();
  const outcome = await p.join(g.livekitUrl, g.token);
  return { p, outcome };
}
async function participants(
  id: string,
): Promise<
  { identity: string; name: string; host: boolean; tracks: { kind: string; muted: boolean }[] }[]
> {
  const res = await app.api(`/api/links/${id}/participants`);
  expect(res.status).toBe(200);
  return (await json<{ participants: [] }>(res)).participants;
}

beforeAll(async () => {
  const port = await freePort();
  lk = await startLivekit({ webhookUrl: `http://127.0.0.1:${port}/livekit/webhook` });
  app = await startTestApp({
    port,
    overrides: {
      rooms: createLivekitRooms({ ...lk, loopback: true, timeoutSeconds: 1 }),
      verifyLivekitWebhook: createWebhookVerifier(lk.apiKey, lk.apiSecret),
    },
  });
  browsers = await startBrowsers();
});
afterAll(async () => {
  await browsers?.close();
  await app?.close();
  await lk?.stop();
});

describe('a join token', () => {
  it("joins its own link's room only; a token edited to name another room is refused", async () => {
    const [a, b] = [await createLink(), await createLink()];
    const g = await grant(a, 'Ann');
    const { p, outcome } = await enter(g);
    expect(outcome).toMatchObject({ ok: true, room: a, identity: g.identity });
    expect((await participants(a)).map((x) => x.identity)).toEqual([g.identity]);
    expect(await participants(b)).toEqual([]);

    const [head, payload, sig] = g.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.video.room = b;
    const forged = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
    const intruder = await browsers.participant();
    const refused = await intruder.join(g.livekitUrl, forged);
    expect(refused.ok).toBe(false);
    expect(await participants(b)).toEqual([]);
    await intruder.leave();

    // Revoking the link ends its call.
    expect((await app.api(`/api/links/${a}`, { method: 'DELETE' })).status).toBe(204);
    await expect.poll(() => p.connected(), { timeout: 10_000 }).toBe(false);
    await p.leave();
  });
});

describe('call size', () => {
  it('holds at N: the API says call_full at N+1, and the server refuses a token issued before the call filled', async () => {
    const id = await createLink({ maxParticipants: 2 });
    const tokens = [await grant(id, 'One'), await grant(id, 'Two'), await grant(id, 'Early three')];
    const first = await enter(tokens[0]!);
    const second = await enter(tokens[1]!);
    expect([first.outcome.ok, second.outcome.ok]).toEqual([true, true]);

    const full = await join(id, 'Three');
    expect(full.status).toBe(409);
    expect((await json<{ error: { code: string } }>(full)).error.code).toBe('call_full');

    // v1.13.5 closes the socket without saying why (livekit-client sees a bare WebSocket
    // error), so the join page asks the API again, which says full without spending a token.
    const late = await enter(tokens[2]!);
    expect(late.outcome).toMatchObject({ ok: false, reason: 6 });
    expect(await participants(id)).toHaveLength(2);
    const retry = await join(id, 'Early three');
    expect(retry.status).toBe(409);
    expect((await json<{ error: { code: string } }>(retry)).error.code).toBe('call_full');

    await second.p.leave();
    await expect.poll(async () => (await participants(id)).length, { timeout: 10_000 }).toBe(1);
    expect((await join(id, 'Three again')).status).toBe(200);
    await first.p.leave();
    await late.p.leave();
  });
});

describe('lobby and host controls in a live call', () => {
  it('shows the knock to the host in the call, admits one guest, denies another, then mute, remove, end', async () => {
    const id = await createLink({ lobby: true, title: 'Interview' });
    const { hostKey } = await json<{ hostKey: string }>(
      await app.api(`/api/links/${id}/host-key`, { method: 'POST' }),
    );
    const hostGrant = await grant(id, 'Host', hostKey);
    expect(hostGrant.host).toBe(true);
    const host = await enter(hostGrant);
    expect(host.outcome.ok).toBe(true);

    const knock = await join(id, 'Candidate');
    expect(knock.status).toBe(202);
    const { ticket } = await json<{ ticket: string }>(knock);
    await expect
      .poll(async () => (await host.p.events()).filter((e) => e.type === 'data'), {
        timeout: 10_000,
      })
      .toEqual([
        expect.objectContaining({
          topic: 'callink.lobby',
          // The handle hosts answer by (the ticket's hash), never the guest's ticket.
          data: expect.objectContaining({
            type: 'lobby.knock',
            ticket: createHash('sha256').update(ticket).digest('hex'),
            name: 'Candidate',
          }),
        }),
      ]);

    const hostHeaders = { 'x-host-key': hostKey };
    const waiting = app.api(`/api/lobby/${ticket}?wait=20`, { token: null });
    expect(
      (
        await app.api(`/api/links/${id}/lobby/${ticket}/admit`, {
          method: 'POST',
          token: null,
          headers: hostHeaders,
        })
      ).status,
    ).toBe(204);
    const admitted = await json<Grant & { status: string }>(await waiting);
    expect(admitted.status).toBe('admitted');
    const guest = await enter(admitted);
    expect(guest.outcome).toMatchObject({ ok: true, room: id });

    const other = await json<{ ticket: string }>(await join(id, 'Stranger'));
    await app.api(`/api/links/${id}/lobby/${other.ticket}/deny`, {
      method: 'POST',
      token: null,
      headers: hostHeaders,
    });
    expect(await json(await app.api(`/api/lobby/${other.ticket}`, { token: null }))).toEqual({
      status: 'denied',
    });

    await guest.p.publishAudio();
    await expect
      .poll(
        async () => (await participants(id)).find((x) => x.identity === admitted.identity)?.tracks,
        { timeout: 10_000 },
      )
      .toEqual([expect.objectContaining({ kind: 'audio', muted: false })]);
    const people = await participants(id);
    expect(people.map((x) => [x.name, x.host]).sort()).toEqual([
      ['Candidate', false],
      ['Host', true],
    ]);

    const hostCall = (path: string, body?: unknown) =>
      app.api(`/api/links/${id}${path}`, {
        method: 'POST',
        token: null,
        headers: hostHeaders,
        ...(body ? { json: body } : {}),
      });
    expect(
      (await hostCall(`/participants/${admitted.identity}/mute`, { kind: 'audio' })).status,
    ).toBe(204);
    await expect
      .poll(async () => (await guest.p.events()).some((e) => e.type === 'muted' && e.local), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(
      (await hostCall(`/participants/${admitted.identity}/mute`, { kind: 'loud' })).status,
    ).toBe(400);

    expect((await hostCall(`/participants/${admitted.identity}/remove`)).status).toBe(204);
    await expect.poll(() => guest.p.connected(), { timeout: 10_000 }).toBe(false);
    expect((await hostCall('/participants/nobody/remove')).status).toBe(404);

    expect((await hostCall('/end')).status).toBe(204);
    await expect.poll(() => host.p.connected(), { timeout: 10_000 }).toBe(false);
    expect(await participants(id)).toEqual([]);

    // LiveKit's own webhooks reached us: both sessions are recorded with their length.
    await expect
      .poll(
        async () =>
          (
            await json<{ attendance: { name: string; leftAt: string | null }[] }>(
              await app.api(`/api/links/${id}/attendance`),
            )
          ).attendance.map((r) => [r.name, r.leftAt !== null]),
        { timeout: 15_000 },
      )
      .toEqual([
        ['Host', true],
        ['Candidate', true],
      ]);
    const { attendance } = await json<{
      attendance: { joinedAt: string; durationSeconds: number }[];
    }>(await app.api(`/api/links/${id}/attendance`));
    for (const r of attendance) {
      expect(new Date(r.joinedAt).getTime()).toBeGreaterThan(Date.now() - 120_000);
      expect(r.durationSeconds).toBeGreaterThanOrEqual(0);
    }
    await guest.p.leave();
    await host.p.leave();
  });
});

describe('LiveKit dying mid-call', () => {
  it('keeps the API answering, says down, refuses joins with 503, and recovers when it returns', async () => {
    const id = await createLink();
    const before = await enter(await grant(id, 'Before'));
    expect(before.outcome.ok).toBe(true);

    await lk.kill();
    await expect
      .poll(async () => (await json(await fetch(`${app.url}/healthz`))).livekit, {
        timeout: 10_000,
      })
      .toBe('down');
    expect((await app.api('/api/links')).status).toBe(200);
    expect((await app.api(`/api/links/${id}`)).status).toBe(200);
    const refused = await join(id, 'During');
    expect(refused.status).toBe(503);
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe('unavailable');
    expect(await (await fetch(`${app.url}/j/${id}`)).text()).toContain('Calls are unavailable');

    await lk.start();
    await expect
      .poll(async () => (await json(await fetch(`${app.url}/healthz`))).livekit, {
        timeout: 15_000,
      })
      .toBe('up');
    const after = await enter(await grant(id, 'After'));
    expect(after.outcome).toMatchObject({ ok: true, room: id });
    await after.p.leave();
    await before.p.leave();
  });
});

describe('a removed guest', () => {
  it('cannot rejoin with the token from before the removal, nor poll the ticket for a new one', async () => {
    const id = await createLink({ lobby: true });
    const { hostKey } = await json<{ hostKey: string }>(
      await app.api(`/api/links/${id}/host-key`, { method: 'POST' }),
    );
    const hostHeaders = { 'x-host-key': hostKey };
    const { ticket } = await json<{ ticket: string }>(await join(id, 'Mallory'));
    await app.api(`/api/links/${id}/lobby/${ticket}/admit`, {
      method: 'POST',
      token: null,
      headers: hostHeaders,
    });
    const admitted = await json<Grant & { status: string }>(
      await app.api(`/api/lobby/${ticket}`, { token: null }),
    );
    expect(admitted.status).toBe('admitted');
    const first = await enter(admitted);
    expect(first.outcome.ok).toBe(true);
    const remove = await app.api(`/api/links/${id}/participants/${admitted.identity}/remove`, {
      method: 'POST',
      token: null,
      headers: hostHeaders,
    });
    expect(remove.status).toBe(204);
    await expect.poll(() => first.p.connected(), { timeout: 10_000 }).toBe(false);
    // Before: the same ticket gave a fresh token for ten minutes.
    expect(await json(await app.api(`/api/lobby/${ticket}`, { token: null }))).toEqual({
      status: 'expired',
    });
    // The old token still passes LiveKit's check; the webhook puts the identity out again.
    const again = await enter(admitted);
    if (again.outcome.ok) {
      await expect.poll(() => again.p.connected(), { timeout: 15_000 }).toBe(false);
    }
    await expect
      .poll(async () => (await participants(id)).map((p) => p.identity), { timeout: 15_000 })
      .not.toContain(admitted.identity);
  });
});
