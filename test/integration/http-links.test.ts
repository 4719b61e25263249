import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_ID_LENGTH } from '../../src/core/links.js';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

interface LinkBody {
  id: string;
  url: string;
  title: string | null;
  lobby: boolean;
  e2ee: boolean;
  maxParticipants: number;
  createdAt: string;
}

async function create(body: unknown = {}): Promise<LinkBody> {
  const res = await app.api('/api/links', { method: 'POST', json: body });
  expect(res.status).toBe(201);
  return (await res.json()) as LinkBody;
}

describe('health', () => {
  it('answers ok with the store kind', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, store: 'sqlite', livekit: 'down' });
  });
});

describe('POST /api/links', () => {
  it('creates a link with defaults and a public URL', async () => {
    const link = await create({ title: 'Standup' });
    expect(link.id).toHaveLength(LINK_ID_LENGTH);
    expect(link).toMatchObject({
      title: 'Standup',
      lobby: false,
      e2ee: false,
      maxParticipants: 32,
    });
    expect(link.url).toBe(`http://localhost:9999/j/${link.id}`);
    expect(new Date(link.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('puts the E2EE key only in the URL fragment, never in later answers', async () => {
    const link = await create({ e2ee: true, e2eeMode: 'passphrase' });
    expect(link.url).toMatch(new RegExp(`/j/${link.id}#k=[A-Za-z0-9_-]{43}$`));
    const again = (await (await app.api(`/api/links/${link.id}`)).json()) as LinkBody;
    expect(again.url).not.toContain('#');
    expect(JSON.stringify(await (await app.api('/api/links')).json())).not.toContain(
      link.url.split('#k=')[1],
    );
  });

  it.each([
    [{ maxParticipants: 0 }],
    [{ maxParticipants: 101 }],
    [{ maxParticipants: 2.5 }],
    [{ lobby: 'yes' }],
    [{ title: 'x'.repeat(201) }],
    [{ unknownField: 1 }],
    [[1, 2]],
    ['just a string'],
  ])('answers 400 validation_failed for %j and stores nothing', async (body) => {
    const before = await app.store.links.count();
    const res = await app.api('/api/links', { method: 'POST', json: body });
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe('validation_failed');
    expect(err.error.message.length).toBeGreaterThan(5);
    expect(await app.store.links.count()).toBe(before);
  });

  it('answers 400 invalid_json for malformed JSON', async () => {
    const res = await app.api('/api/links', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });

  it('answers 413 for an oversize body', async () => {
    const res = await app.api('/api/links', {
      method: 'POST',
      json: { title: 'x'.repeat(100_000) },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'payload_too_large',
    );
  });
});

describe('auth', () => {
  it('answers 401 without a token', async () => {
    const res = await app.api('/api/links', { token: null });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('answers 401 for a wrong token', async () => {
    expect((await app.api('/api/links', { token: 'wrong-token-wrong-token' })).status).toBe(401);
    expect((await app.api('/api/links', { method: 'POST', json: {}, token: 'x' })).status).toBe(
      401,
    );
  });
});

describe('GET and DELETE /api/links/:id', () => {
  it('lists created links', async () => {
    const link = await create({ title: 'Listed' });
    const body = (await (await app.api('/api/links')).json()) as { links: LinkBody[] };
    expect(body.links.map((l) => l.id)).toContain(link.id);
  });

  it('tells a cut id (400 link_incomplete) from an unknown one (404)', async () => {
    const link = await create();
    const cut = await app.api(`/api/links/${link.id.slice(0, 20)}`);
    expect(cut.status).toBe(400);
    expect(((await cut.json()) as { error: { code: string } }).error.code).toBe('link_incomplete');
    const unknown = await app.api(`/api/links/${'0'.repeat(28)}`);
    expect(unknown.status).toBe(404);
  });

  it('revokes with 204, keeps the record, and the join page says 410', async () => {
    const link = await create();
    expect((await app.api(`/api/links/${link.id}`, { method: 'DELETE' })).status).toBe(204);
    const after = (await (await app.api(`/api/links/${link.id}`)).json()) as {
      revokedAt: string | null;
    };
    expect(after.revokedAt).not.toBeNull();
    expect((await fetch(`${app.url}/j/${link.id}`)).status).toBe(410);
    expect((await app.api(`/api/links/${link.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('answers JSON 404 for unknown API routes', async () => {
    const res = await app.api('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('GET /j/:id', () => {
  it('serves the join page for an active link', async () => {
    const link = await create({ title: 'Design review' });
    const res = await fetch(`${app.url}/j/${link.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('says "incomplete" (400) for a truncated link', async () => {
    const link = await create();
    const res = await fetch(`${app.url}/j/${link.id.slice(0, -3)}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/incomplete/i);
  });

  it('says "incomplete" (400) for a mistyped link', async () => {
    const link = await create();
    const swapped = link.id.slice(0, 5) + link.id[6] + link.id[5] + link.id.slice(7);
    const res = await fetch(
      `${app.url}/j/${link.id[5] === link.id[6] ? link.id.slice(0, 10) : swapped}`,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/incomplete/i);
  });

  it('says not found (404) for a well-formed unknown id', async () => {
    const res = await fetch(`${app.url}/j/${'0'.repeat(28)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/not found/i);
  });

  it('treats path tricks as malformed, never as files', async () => {
    for (const path of ['/j/..%2f..%2fetc%2fpasswd', '/j/%00', '/j/<script>']) {
      const res = await fetch(app.url + path);
      expect([400, 404]).toContain(res.status);
      expect(await res.text()).not.toMatch(/root:|<script>/);
    }
  });
});
