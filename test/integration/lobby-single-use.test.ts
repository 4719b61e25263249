/**
 * Issue 14, items 2 and 11: a lobby ticket gives one token, once; Remove and Deny invalidate
 * it; a removed identity that reconnects is put out again and not counted; tickets are kept
 * only as hashes, and hosts (and the knock webhook) see a handle, never the guest's ticket.
 * Real store and the shared real livekit-server.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AccessToken } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms, createWebhookVerifier } from '../../src/adapters/livekit/rooms.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite.js';
import { startTestApp, type TestApp } from '../support/app.js';

const lk = inject('livekit');
let app: TestApp;
let dir: string;
const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callink-lobby-'));
  app = await startTestApp({
    store: await createSqliteStore({ dataDir: dir }),
    overrides: {
      rooms: createLivekitRooms({ ...lk, loopback: true }),
      verifyLivekitWebhook: createWebhookVerifier(lk.apiKey, lk.apiSecret),
    },
  });
});
afterAll(async () => {
  await app?.close();
  await app?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function lobbyLink() {
  const { id } = await json<{ id: string }>(
    await app.api('/api/links', { method: 'POST', json: { lobby: true } }),
  );
  const { hostKey } = await json<{ hostKey: string }>(
    await app.api(`/api/links/${id}/host-key`, { method: 'POST' }),
  );
  return { id, host: { 'x-host-key': hostKey } };
}
async function knock(id: string, name: string): Promise<string> {
  const res = await app.api(`/api/links/${id}/join`, {
    method: 'POST',
    token: null,
    json: { name },
  });
  expect(res.status).toBe(202);
  return (await json<{ ticket: string }>(res)).ticket;
}
const poll = async (ticket: string) =>
  json<{ status: string; token?: string; identity?: string }>(
    await app.api(`/api/lobby/${ticket}`, { token: null }),
  );
async function handleOf(id: string, host: Record<string, string>, name: string) {
  const list = await json<{ waiting: { ticket: string; name: string }[] }>(
    await app.api(`/api/links/${id}/lobby`, { token: null, headers: host }),
  );
  const entry = list.waiting.find((w) => w.name === name);
  if (!entry) throw new Error(`${name} is not waiting`);
  return entry.ticket;
}
const act = (id: string, host: Record<string, string>, path: string) =>
  app.api(`/api/links/${id}/${path}`, { method: 'POST', token: null, headers: host });

describe('lobby tickets', () => {
  it('a removed guest cannot walk back in by polling the same ticket again', async () => {
    const { id, host } = await lobbyLink();
    const ticket = await knock(id, 'Mallory');
    const handle = await handleOf(id, host, 'Mallory');
    expect((await act(id, host, `lobby/${handle}/admit`)).status).toBe(204);
    const first = await poll(ticket);
    expect(first).toMatchObject({ status: 'admitted', token: expect.any(String) });
    // Before: every poll for ten minutes gave a fresh token, also after a Remove.
    await act(id, host, `participants/${first.identity}/remove`);
    expect(await poll(ticket)).toEqual({ status: 'expired' });
    expect(await poll(ticket)).toEqual({ status: 'expired' });
  });

  it('a denied ticket never gives a token', async () => {
    const { id, host } = await lobbyLink();
    const ticket = await knock(id, 'Trudy');
    expect((await act(id, host, `lobby/${await handleOf(id, host, 'Trudy')}/deny`)).status).toBe(
      204,
    );
    expect(await poll(ticket)).toEqual({ status: 'denied' });
  });

  it('a removed identity reconnecting with an older token is not let back in or counted', async () => {
    const { id, host } = await lobbyLink();
    const ticket = await knock(id, 'Oscar');
    await act(id, host, `lobby/${await handleOf(id, host, 'Oscar')}/admit`);
    const { identity = '' } = await poll(ticket);
    // Arrange: the host removed them from the call (the WebRTC test in livekit-call.test.ts
    // does this with a real participant); here the webhook's side is checked alone.
    await app.store.lobby.markRemoved(id, identity, new Date());
    const body = JSON.stringify({
      event: 'participant_joined',
      id: 'EV_rejoin',
      createdAt: Math.floor(Date.now() / 1000),
      room: { name: id },
      participant: { sid: 'PA_rejoin', identity, name: 'Oscar' },
    });
    const at = new AccessToken(lk.apiKey, lk.apiSecret, {});
    at.sha256 = createHash('sha256').update(body).digest('base64');
    const res = await fetch(`${app.url}/livekit/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() },
      body,
    });
    expect(res.status).toBe(200);
    expect(await app.store.attendance.list(id)).toEqual([]);
  });

  it('lobby tickets are stored as hashes, and hosts see a handle, not the ticket', async () => {
    const { id, host } = await lobbyLink();
    const ticket = await knock(id, 'Peggy');
    const handle = await handleOf(id, host, 'Peggy');
    expect(handle).not.toBe(ticket);
    // The handle is no ticket: it does not let anyone wait in the guest's place.
    expect((await app.api(`/api/lobby/${handle}`, { token: null })).status).toBe(404);
    const db = new Database(join(dir, 'callink.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT * FROM lobby_tickets').all();
    db.close();
    expect(JSON.stringify(rows)).not.toContain(ticket);
  });
});
