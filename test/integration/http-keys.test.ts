/**
 * Named keys with roles over HTTP: created once-shown and stored hashed, revocable at once,
 * organizers confined to their own links and kept out of policy, keys and audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/adapters/auth/secrets.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

interface CreatedKey {
  id: string;
  name: string;
  role: string;
  key: string;
  createdAt: string;
}
const code = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;

async function newKey(name: string, role: string, token?: string): Promise<CreatedKey> {
  const res = await app.api('/api/keys', {
    method: 'POST',
    json: { name, role },
    ...(token ? { token } : {}),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedKey;
}
async function newLink(token: string, title: string): Promise<{ id: string }> {
  const res = await app.api('/api/links', { method: 'POST', json: { title }, token });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

describe('POST /api/keys', () => {
  it('shows the key once and stores only its hash', async () => {
    const created = await newKey('Ana', 'organizer');
    expect(created).toMatchObject({ name: 'Ana', role: 'organizer' });
    expect(created.key).toMatch(/^ck_[0-9a-z]{16}_[\w-]{43}$/);
    const stored = await app.store.keys.get(created.id);
    expect(stored?.hash).toBe(hashSecret(created.key));
    const listed = await (await app.api('/api/keys')).text();
    expect(listed).toContain(created.id);
    expect(listed).not.toContain(created.key.slice(20));
    expect(listed).not.toContain(stored?.hash);
  });

  it.each([
    [{ name: '', role: 'organizer' }, 'name'],
    [{ name: 'X', role: 'owner' }, 'role'],
    [{ name: 'X' }, 'role'],
    [{ name: 'X', role: 'admin', key: 'mine' }, ''],
  ])('answers 400 for %j and stores nothing', async (body, field) => {
    const before = (await app.store.keys.list()).length;
    const res = await app.api('/api/keys', { method: 'POST', json: body });
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe('validation_failed');
    expect(err.error.message).toContain(field);
    expect((await app.store.keys.list()).length).toBe(before);
  });
});

describe('signing in with a key', () => {
  it('GET /api/me tells who the caller is', async () => {
    const k = await newKey('Bo', 'organizer');
    const me = await app.api('/api/me', { token: k.key });
    expect(await me.json()).toEqual({
      kind: 'key',
      id: k.id,
      name: 'Bo',
      role: 'organizer',
      admin: false,
      limits: { linksEnabled: true, lobbyByDefault: false, maxParticipants: 100 },
    });
    expect(await (await app.api('/api/me')).json()).toMatchObject({ kind: 'admin', admin: true });
  });

  it('refuses a forged key with a real id (401)', async () => {
    const k = await newKey('Cy', 'admin');
    const forged = k.key.slice(0, -4) + (k.key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await app.api('/api/links', { token: forged })).status).toBe(401);
  });

  it('stops a revoked key at once (401), and revoking again is harmless', async () => {
    const k = await newKey('Dee', 'organizer');
    expect((await app.api('/api/links', { token: k.key })).status).toBe(200);
    expect((await app.api(`/api/keys/${k.id}`, { method: 'DELETE' })).status).toBe(204);
    const res = await app.api('/api/links', { token: k.key });
    expect(res.status).toBe(401);
    expect(await code(res)).toBe('unauthorized');
    expect((await app.api(`/api/keys/${k.id}`, { method: 'DELETE' })).status).toBe(204);
    const listed = (await (await app.api('/api/keys')).json()) as { keys: CreatedKey[] };
    expect(listed.keys.find((x) => x.id === k.id)).toMatchObject({ revokedAt: expect.any(String) });
  });

  it('answers 404 for revoking an unknown key', async () => {
    const res = await app.api('/api/keys/nosuchkey', { method: 'DELETE' });
    expect(res.status).toBe(404);
  });
});

describe('organizers see and change only their own links', () => {
  it('lists only their links and gets 404 for anyone else’s', async () => {
    const ana = await newKey('Ana2', 'organizer');
    const bo = await newKey('Bo2', 'organizer');
    const mine = await newLink(ana.key, 'Ana’s');
    const theirs = await newLink(bo.key, 'Bo’s');
    const adminLink = await newLink(TEST_TOKEN, 'Admin’s');

    const list = (await (await app.api('/api/links', { token: ana.key })).json()) as {
      links: { id: string }[];
    };
    expect(list.links.map((l) => l.id)).toEqual([mine.id]);
    for (const other of [theirs, adminLink]) {
      const get = await app.api(`/api/links/${other.id}`, { token: ana.key });
      expect(get.status).toBe(404);
      expect(await code(get)).toBe('link_not_found');
      const del = await app.api(`/api/links/${other.id}`, { method: 'DELETE', token: ana.key });
      expect(del.status).toBe(404);
      expect((await app.store.links.get(other.id))?.revokedAt).toBeNull();
    }
    expect(
      (await app.api(`/api/links/${mine.id}`, { method: 'DELETE', token: ana.key })).status,
    ).toBe(204);
    expect((await app.store.links.get(mine.id))?.ownerId).toBe(ana.id);
  });

  it('admins (token or admin key) see everyone’s links', async () => {
    const boss = await newKey('Boss', 'admin');
    const org = await newKey('Org', 'organizer');
    const link = await newLink(org.key, 'Org’s');
    for (const token of [boss.key, TEST_TOKEN]) {
      const list = (await (await app.api('/api/links', { token })).json()) as {
        links: { id: string }[];
      };
      expect(list.links.map((l) => l.id)).toContain(link.id);
      expect((await app.api(`/api/links/${link.id}`, { token })).status).toBe(200);
    }
  });
});

describe('roles', () => {
  it('keeps organizers out of policy, keys and audit (403 forbidden)', async () => {
    const org = await newKey('Eve', 'organizer');
    const attempts: [string, RequestInit & { json?: unknown }][] = [
      ['/api/policy', {}],
      ['/api/policy', { method: 'PUT', json: { ...DEFAULT_POLICY, linksEnabled: false } }],
      ['/api/keys', {}],
      ['/api/keys', { method: 'POST', json: { name: 'Me too', role: 'admin' } }],
      [`/api/keys/${org.id}`, { method: 'DELETE' }],
      ['/api/audit', {}],
    ];
    for (const [path, init] of attempts) {
      const res = await app.api(path, { ...init, token: org.key });
      expect(res.status, `${init.method ?? 'GET'} ${path}`).toBe(403);
      expect(await code(res)).toBe('forbidden');
    }
    expect((await app.api('/api/policy')).status).toBe(200);
    expect(
      ((await (await app.api('/api/policy')).json()) as { linksEnabled: boolean }).linksEnabled,
    ).toBe(true);
    expect((await app.store.keys.get(org.id))?.revokedAt).toBeNull();
  });

  it('an admin key manages keys and policy, and the audit names it', async () => {
    const boss = await newKey('Chief', 'admin');
    const made = await newKey('Made by chief', 'organizer', boss.key);
    expect(
      (await app.api(`/api/keys/${made.id}`, { method: 'DELETE', token: boss.key })).status,
    ).toBe(204);
    const res = await app.api('/api/audit?limit=2', { token: boss.key });
    const { entries } = (await res.json()) as {
      entries: {
        action: string;
        target: string;
        actor: { kind: string; id: string; name: string };
      }[];
    };
    expect(entries.map((e) => e.action)).toEqual(['key.revoke', 'key.create']);
    for (const e of entries) {
      expect(e.target).toBe(made.id);
      expect(e.actor).toEqual({ kind: 'key', id: boss.id, name: 'Chief' });
    }
    const all = await (await app.api('/api/audit?limit=1000')).text();
    expect(all).not.toContain(made.key.slice(20));
    expect(all).not.toMatch(/[0-9a-f]{64}/);
  });
});

describe('organizers see and change only their own events', () => {
  const event = (extra: Record<string, unknown> = {}) => ({
    title: 'Planning',
    start: '2030-03-04T10:00:00',
    end: '2030-03-04T10:30:00',
    timeZone: 'Europe/Berlin',
    organizer: { name: 'Ana', email: 'ana@example.com' },
    attendees: [{ name: 'Bo', email: 'bo@example.com' }],
    ...extra,
  });

  it('answers 404 to another organizer for every event route, and lets the owner in', async () => {
    const ana = await newKey('Ana3', 'organizer');
    const bo = await newKey('Bo3', 'organizer');
    const made = await app.api('/api/events', { method: 'POST', json: event(), token: ana.key });
    expect(made.status).toBe(201);
    const { id, linkId } = (await made.json()) as { id: string; linkId: string };
    expect((await app.store.links.get(linkId))?.ownerId).toBe(ana.id);

    for (const [method, path, json] of [
      ['GET', `/api/events/${id}`, undefined],
      ['GET', `/api/events/${id}/invite.ics`, undefined],
      ['PATCH', `/api/events/${id}`, { title: 'Taken over' }],
      ['DELETE', `/api/events/${id}`, undefined],
    ] as const) {
      const res = await app.api(path, { method, token: bo.key, ...(json ? { json } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const reuse = await app.api('/api/events', {
      method: 'POST',
      json: event({ linkId }),
      token: bo.key,
    });
    expect(reuse.status).toBe(404);

    const own = await app.api(`/api/events/${id}`, { token: ana.key });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ title: 'Planning', sequence: 0 });
    expect((await app.api(`/api/events/${id}`)).status).toBe(200);
  });
});
