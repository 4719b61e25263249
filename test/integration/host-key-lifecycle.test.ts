/**
 * Issue 14, item 12 (and audit entries from its "also seen" list): host keys never expired,
 * could not be listed or revoked, and still worked on revoked links. Now they expire
 * (CALLINK_HOST_KEY_TTL_DAYS, default 90), are listed and revoked by API and CLI, are refused
 * on revoked links, and creating or revoking one, revoking a link and feed changes are audited.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite.js';
import { loadConfig } from '../../src/config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { cliWith } from '../support/cli.js';

let app: TestApp;
let dir: string;
let offsetMs = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callink-hostkeys-'));
  app = await startTestApp({
    store: await createSqliteStore({ dataDir: dir }),
    env: { CALLINK_HOST_KEY_TTL_DAYS: '30' },
    overrides: {
      rooms: createLivekitRooms({ ...inject('livekit'), loopback: true }),
      clock: { now: () => new Date(Date.now() + offsetMs) },
    },
  });
});
afterAll(async () => {
  await app?.close();
  await app?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = async <T>(res: Response) => (await res.json()) as T;
const link = async (body: object = { lobby: true }) =>
  (await json<{ id: string }>(await app.api('/api/links', { method: 'POST', json: body }))).id;
const newHostKey = (id: string) =>
  app
    .api(`/api/links/${id}/host-key`, { method: 'POST' })
    .then((r) => json<{ id: string; hostKey: string; expiresAt: string }>(r));
const lobbyAs = (id: string, hostKey: string) =>
  app.api(`/api/links/${id}/lobby`, { token: null, headers: { 'x-host-key': hostKey } });

describe('host keys', () => {
  it('a host key expires after the configured days', async () => {
    const id = await link();
    const key = await newHostKey(id);
    const days = (Date.parse(key.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect((await lobbyAs(id, key.hostKey)).status).toBe(200);
    offsetMs = 31 * 86_400_000;
    try {
      expect((await lobbyAs(id, key.hostKey)).status).toBe(403);
    } finally {
      offsetMs = 0;
    }
  });

  it('a revoked host key stops working, and the list says so without the key', async () => {
    const id = await link();
    const a = await newHostKey(id);
    const b = await newHostKey(id);
    const del = await app.api(`/api/links/${id}/host-keys/${a.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await app.api(`/api/links/${id}/host-keys/${a.id}`, { method: 'DELETE' })).status).toBe(
      404,
    );
    expect((await lobbyAs(id, a.hostKey)).status).toBe(403);
    expect((await lobbyAs(id, b.hostKey)).status).toBe(200);
    const res = await app.api(`/api/links/${id}/host-keys`);
    const text = await res.text();
    expect(text).not.toContain(a.hostKey);
    const { hostKeys } = JSON.parse(text) as { hostKeys: { id: string; active: boolean }[] };
    expect(hostKeys.map((k) => [k.id, k.active]).sort()).toEqual(
      [
        [a.id, false],
        [b.id, true],
      ].sort(),
    );
    expect((await app.api(`/api/links/${id}/host-keys`, { token: null })).status).toBe(401);
  });

  it('a host key is refused on a revoked link', async () => {
    const id = await link();
    const key = await newHostKey(id);
    expect((await app.api(`/api/links/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await lobbyAs(id, key.hostKey)).status).toBe(403);
    const end = await app.api(`/api/links/${id}/end`, {
      method: 'POST',
      token: null,
      headers: { 'x-host-key': key.hostKey },
    });
    expect(end.status).toBe(403);
  });

  it('the CLI lists and revokes host keys', async () => {
    const id = await link();
    const key = await newHostKey(id);
    const cli = cliWith({ CALLINK_DATA_DIR: dir });
    const list = await cli('host-keys', 'list', id, '--json');
    expect(list.code).toBe(0);
    expect(list.out).not.toContain(key.hostKey);
    expect(JSON.parse(list.out)).toMatchObject({ hostKeys: [{ id: key.id, revokedAt: null }] });
    expect((await cli('host-keys', 'revoke', id, key.id)).code).toBe(0);
    expect((await lobbyAs(id, key.hostKey)).status).toBe(403);
    expect((await cli('host-keys', 'revoke', id, key.id)).code).not.toBe(0);
  });

  it('host-key creation, link revocation and feed changes are in the audit log', async () => {
    const id = await link();
    const key = await newHostKey(id);
    await app.api(`/api/links/${id}/host-keys/${key.id}`, { method: 'DELETE' });
    await app.api(`/api/links/${id}`, { method: 'DELETE' });
    const team = await json<{ id: string }>(
      await app.api('/api/teams', { method: 'POST', json: { name: 'Audit' } }),
    );
    const feed = await json<{ id: string; url: string }>(
      await app.api(`/api/teams/${team.id}/feeds`, { method: 'POST', json: {} }),
    );
    await app.api(`/api/teams/${team.id}/feeds/${feed.id}`, { method: 'DELETE' });
    const text = await (await app.api('/api/audit')).text();
    const { entries } = JSON.parse(text) as { entries: { action: string; target: string }[] };
    const seen = entries.map((e) => `${e.action} ${e.target}`);
    for (const expected of [
      `host_key.create ${key.id}`,
      `host_key.revoke ${key.id}`,
      `link.revoke ${id}`,
      `feed.create ${feed.id}`,
      `feed.revoke ${feed.id}`,
    ]) {
      expect(seen).toContain(expected);
    }
    expect(text).not.toContain(key.hostKey);
    expect(text).not.toContain(new URL(feed.url).pathname.split('/').pop() ?? 'x');
  });
});

describe('CALLINK_TRUST_PROXY', () => {
  it('CALLINK_TRUST_PROXY=true no longer crashes at start and =1 means one proxy', async () => {
    const base = { CALLINK_PUBLIC_URL: 'http://localhost:9999' };
    expect(loadConfig({ ...base, CALLINK_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...base, CALLINK_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, CALLINK_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(
      ['loopback', '10.0.0.0/8'],
    );
    expect(() => loadConfig({ ...base, CALLINK_TRUST_PROXY: 'yes please' })).toThrow(
      /CALLINK_TRUST_PROXY/,
    );
    for (const value of ['true', '1', 'loopback']) {
      const proxied = await startTestApp({ env: { CALLINK_TRUST_PROXY: value } });
      try {
        expect((await proxied.api('/healthz', { token: null })).status).toBe(200);
      } finally {
        await proxied.close();
      }
    }
  });
});
