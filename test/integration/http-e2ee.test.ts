/**
 * E2EE by key exchange over HTTP against the shared real LiveKit: the plain link, the lobby
 * every encrypted link has, public keys carried by knocks and joins (and into the tokens),
 * the wrapped room key handed over at admission, relays, and the 400/404 answers to bad input.
 * The browsers' side is in test/e2e/e2ee-call.test.ts.
 */
import { createServer, type Server } from 'node:http';
import { TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashSecret } from '../../src/adapters/auth/secrets.js';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import type { WrappedKey } from '../../src/core/e2ee.js';
import {
  newKeyPair,
  newRoomKey,
  unwrapRoomKey,
  wrapRoomKey,
  type KeyPair,
} from '../../web/call/e2ee/crypto.js';
import { startTestApp, type TestApp } from '../support/app.js';

const lk = inject('livekit');
let app: TestApp;
let hook: Server;
const knocks: { ticket?: string }[] = [];

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      knocks.push(JSON.parse(body) as { ticket?: string });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  app = await startTestApp({
    env: {
      CALLINK_KNOCK_WEBHOOK: `http://127.0.0.1:${(hook.address() as { port: number }).port}/knock`,
    },
    overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
  });
});
afterAll(async () => {
  await app?.close();
  await new Promise<void>((r) => hook.close(() => r()));
});

interface Call {
  id: string;
  url: string;
  hostKey: string;
}

async function e2eeCall(): Promise<Call> {
  const res = await app.api('/api/links', { method: 'POST', json: { e2ee: true } });
  expect(res.status).toBe(201);
  const link = await json<{ id: string; url: string }>(res);
  const key = await json<{ hostKey: string }>(
    await app.api(`/api/links/${link.id}/host-key`, { method: 'POST' }),
  );
  return { ...link, hostKey: key.hostKey };
}

const join = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  app.api(`/api/links/${id}/join`, { method: 'POST', json: body, token: null, headers });

async function knock(call: Call, name: string, pair: KeyPair): Promise<string> {
  const res = await join(call.id, { name, publicKey: pair.publicKey });
  expect(res.status).toBe(202);
  return (await json<{ ticket: string }>(res)).ticket;
}

const asHost = (call: Call, path: string, body?: unknown) =>
  app.api(`/api/links/${call.id}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    token: null,
    headers: { 'x-host-key': call.hostKey },
    ...(body === undefined ? {} : { json: body }),
  });

async function wrapped(host: KeyPair, to: string, room: string): Promise<WrappedKey> {
  return wrapRoomKey({ room, roomKey: newRoomKey(), index: 0, me: host, to });
}

describe('creating an E2EE link', () => {
  it('makes a key-exchange link by default: a plain URL without a key, and always a lobby', async () => {
    const res = await app.api('/api/links', { method: 'POST', json: { e2ee: true } });
    const link = await json<Record<string, unknown>>(res);
    expect(link).toMatchObject({ e2ee: true, e2eeMode: 'exchange', lobby: true });
    expect(link.url).toBe(`http://localhost:9999/j/${String(link.id)}`);
    const refused = await app.api('/api/links', {
      method: 'POST',
      json: { e2ee: true, lobby: false },
    });
    expect(refused.status).toBe(400);
    expect((await json<{ error: { code: string } }>(refused)).error.code).toBe('validation_failed');
  });

  it('still makes passphrase links, whose key is in the fragment, when asked', async () => {
    const res = await app.api('/api/links', {
      method: 'POST',
      json: { e2ee: true, e2eeMode: 'passphrase' },
    });
    const link = await json<{ url: string; e2eeMode: string }>(res);
    expect(link.e2eeMode).toBe('passphrase');
    expect(link.url).toMatch(/#k=[\w-]{43}$/);
  });

  it('reads links made before modes existed as passphrase links', async () => {
    const res = await app.api('/api/links', { method: 'POST', json: { e2ee: true } });
    const { id } = await json<{ id: string }>(res);
    const db = app.store as unknown as { links: { get(id: string): Promise<unknown> } };
    expect(await db.links.get(id)).toMatchObject({ e2eeMode: 'exchange' });
    const plain = await json<{ e2eeMode: unknown }>(
      await app.api('/api/links', { method: 'POST', json: {} }),
    );
    expect(plain.e2eeMode).toBeNull();
  });
});

describe('knocking and admission', () => {
  it('needs a well-formed public key with every join and knock: 400 invalid_public_key', async () => {
    const call = await e2eeCall();
    const good = (await newKeyPair()).publicKey;
    for (const publicKey of [undefined, 'short', 'A'.repeat(50_000), `${good}xx`, 7, { x: 1 }]) {
      const res = await join(call.id, { name: 'Guest', publicKey });
      expect(res.status).toBe(400);
      expect((await json<{ error: { code: string } }>(res)).error.code).toBe('invalid_public_key');
    }
    const host = await join(call.id, { name: 'Host', hostKey: call.hostKey, publicKey: 'bad' });
    expect(host.status).toBe(400);
  });

  it('puts the public key into the token and hands the admitted guest only its wrapped key', async () => {
    const call = await e2eeCall();
    const [host, guest] = await Promise.all([newKeyPair(), newKeyPair()]);
    const hostJoin = await join(call.id, {
      name: 'Host',
      hostKey: call.hostKey,
      publicKey: host.publicKey,
    });
    expect(hostJoin.status).toBe(200);
    const hostGrant = await json<{ token: string; room: string }>(hostJoin);
    const verifier = new TokenVerifier(lk.apiKey, lk.apiSecret);
    expect((await verifier.verify(hostGrant.token)).attributes).toMatchObject({
      'callink.pk': host.publicKey,
      'callink.host': 'true',
    });

    const ticket = await knock(call, 'Guest', guest);
    await expect
      .poll(() => knocks.some((k) => k.ticket === hashSecret(ticket)), { timeout: 10_000 })
      .toBe(true);
    const lobby = await json<{ waiting: { ticket: string; publicKey: string }[] }>(
      await asHost(call, '/lobby'),
    );
    expect(lobby.waiting).toEqual([
      expect.objectContaining({ ticket: hashSecret(ticket), publicKey: guest.publicKey }),
    ]);

    const roomKey = newRoomKey();
    const key = await wrapRoomKey({
      room: hostGrant.room,
      roomKey,
      index: 0,
      me: host,
      to: guest.publicKey,
    });
    expect((await asHost(call, `/lobby/${ticket}/admit`, { key })).status).toBe(204);
    const answer = await json<{ status: string; token: string; e2ee: { key: WrappedKey } }>(
      await app.api(`/api/lobby/${ticket}`, { token: null }),
    );
    expect(answer.status).toBe('admitted');
    expect(answer.e2ee.key).toEqual(key);
    expect((await verifier.verify(answer.token)).attributes).toMatchObject({
      'callink.pk': guest.publicKey,
    });
    const opened = await unwrapRoomKey({
      room: hostGrant.room,
      wrapped: answer.e2ee.key,
      me: guest,
    });
    expect(Buffer.from(opened).equals(Buffer.from(roomKey))).toBe(true);
  });

  it('refuses an admission without a key, or with a malformed one, with 400 invalid_wrapped_key', async () => {
    const call = await e2eeCall();
    const [host, guest] = await Promise.all([newKeyPair(), newKeyPair()]);
    const ticket = await knock(call, 'Guest', guest);
    const good = await wrapped(host, guest.publicKey, call.id);
    for (const body of [
      {},
      { key: 'x' },
      { key: { ...good, ct: 'A'.repeat(20_000) } },
      { key: { ...good, index: -1 } },
      { key: { ...good, from: 'A'.repeat(87) } },
    ]) {
      const res = await asHost(call, `/lobby/${ticket}/admit`, body);
      expect(res.status).toBe(400);
      expect((await json<{ error: { code: string } }>(res)).error.code).toBe('invalid_wrapped_key');
    }
    const still = await json<{ status: string }>(
      await app.api(`/api/lobby/${ticket}`, { token: null }),
    );
    expect(still.status).toBe('waiting');
  });

  it('answers 404 to a wrapped key addressed to a ticket of another call', async () => {
    const [call, other] = await Promise.all([e2eeCall(), e2eeCall()]);
    const [host, guest] = await Promise.all([newKeyPair(), newKeyPair()]);
    const ticket = await knock(other, 'Guest', guest);
    const res = await asHost(call, `/lobby/${ticket}/admit`, {
      key: await wrapped(host, guest.publicKey, call.id),
    });
    expect(res.status).toBe(404);
    const still = await json<{ status: string }>(
      await app.api(`/api/lobby/${ticket}`, { token: null }),
    );
    expect(still.status).toBe('waiting');
  });
});

describe('relaying keys to people in the call', () => {
  it('answers 404 for an unknown or removed recipient and 400 for a malformed relay', async () => {
    const call = await e2eeCall();
    const [host, guest] = await Promise.all([newKeyPair(), newKeyPair()]);
    const ticket = await knock(call, 'Guest', guest);
    const key = await wrapped(host, guest.publicKey, call.id);
    expect((await asHost(call, `/lobby/${ticket}/admit`, { key })).status).toBe(204);
    const grant = await json<{ identity: string }>(
      await app.api(`/api/lobby/${ticket}`, { token: null }),
    );
    for (const body of [{}, { keys: [] }, { keys: [{ to: grant.identity }] }, { keys: 'x' }]) {
      expect((await asHost(call, '/e2ee/keys', body)).status).toBe(400);
    }
    const unknown = await asHost(call, '/e2ee/keys', { keys: [{ to: 'p_nobody', key }] });
    expect(unknown.status).toBe(404);

    // Removal marks the guest first, so no host can hand it a key again (it is not connected
    // here, so the media server itself answers that nobody was removed).
    await asHost(call, `/participants/${grant.identity}/remove`, {});
    const removed = await asHost(call, '/e2ee/keys', { keys: [{ to: grant.identity, key }] });
    expect(removed.status).toBe(404);
  });

  it('refuses relays for calls without key exchange, and for anyone but a host', async () => {
    const plain = await json<{ id: string }>(
      await app.api('/api/links', { method: 'POST', json: { lobby: true } }),
    );
    const host = await newKeyPair();
    const key = await wrapped(host, host.publicKey, plain.id);
    const res = await app.api(`/api/links/${plain.id}/e2ee/keys`, {
      method: 'POST',
      json: { keys: [{ to: 'p_x', key }] },
    });
    expect(res.status).toBe(409);
    const call = await e2eeCall();
    const stranger = await app.api(`/api/links/${call.id}/e2ee/keys`, {
      method: 'POST',
      token: null,
      json: { keys: [{ to: 'p_x', key }] },
    });
    expect(stranger.status).toBe(401);
  });
});
