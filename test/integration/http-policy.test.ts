/**
 * The organization's policy over HTTP: read, replace whole or refuse whole, and its effects
 * on links and join pages, applied at once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());
beforeEach(async () => {
  expect((await app.api('/api/policy', { method: 'PUT', json: DEFAULT_POLICY })).status).toBe(200);
});

interface ErrorBody {
  error: { code: string; message: string; details?: { fields: { path: string }[] } };
}
const put = (json: unknown) => app.api('/api/policy', { method: 'PUT', json });
const getPolicy = async () =>
  (await (await app.api('/api/policy')).json()) as typeof DEFAULT_POLICY;

describe('GET /api/policy', () => {
  it('answers the defaults on a new install', async () => {
    const fresh = await startTestApp();
    try {
      const res = await fresh.api('/api/policy');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(DEFAULT_POLICY);
    } finally {
      await fresh.close();
    }
  });

  it('answers 401 without a token', async () => {
    expect((await app.api('/api/policy', { token: null })).status).toBe(401);
  });
});

describe('PUT /api/policy', () => {
  it('replaces the whole policy and keeps one canonical browser list', async () => {
    const res = await put({
      linksEnabled: true,
      lobbyByDefault: true,
      maxParticipants: 10,
      allowedBrowsers: ['safari', 'firefox', 'firefox', 'samsung'],
      guestsAllowed: false,
    });
    expect(res.status).toBe(200);
    const expected = {
      linksEnabled: true,
      lobbyByDefault: true,
      maxParticipants: 10,
      allowedBrowsers: ['firefox', 'safari', 'samsung'],
      guestsAllowed: false,
    };
    expect(await res.json()).toEqual(expected);
    expect(await getPolicy()).toEqual(expected);
  });

  it('refuses a bad policy whole, naming every field, and changes nothing', async () => {
    await put({ ...DEFAULT_POLICY, maxParticipants: 12 });
    const res = await put({
      linksEnabled: 'no',
      lobbyByDefault: true,
      maxParticipants: 500,
      allowedBrowsers: ['chrome', 'netscape'],
      extra: 1,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toMatch(/refused whole/);
    const paths = body.error.details?.fields.map((f) => f.path) ?? [];
    for (const field of ['linksEnabled', 'maxParticipants', 'allowedBrowsers.1', 'guestsAllowed']) {
      expect(paths).toContain(field);
    }
    expect(JSON.stringify(body)).toMatch(/extra/);
    expect((await getPolicy()).maxParticipants).toBe(12);
  });

  it.each([
    [{ ...DEFAULT_POLICY, allowedBrowsers: [] }, 'allowedBrowsers'],
    [{ ...DEFAULT_POLICY, maxParticipants: 0 }, 'maxParticipants'],
    [{ ...DEFAULT_POLICY, maxParticipants: 2.5 }, 'maxParticipants'],
    [{ linksEnabled: false }, 'lobbyByDefault'],
    [[DEFAULT_POLICY], ''],
    ['off', ''],
  ])('refuses %j (400, field %s)', async (body, field) => {
    const before = await getPolicy();
    const res = await put(body);
    expect(res.status).toBe(400);
    const err = (await res.json()) as ErrorBody;
    expect(err.error.code).toBe('validation_failed');
    if (field) expect(err.error.details?.fields.map((f) => f.path)).toContain(field);
    expect(await getPolicy()).toEqual(before);
  });

  it('answers 400 invalid_json for malformed JSON and keeps the policy', async () => {
    const res = await app.api('/api/policy', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"linksEnabled": fal',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe('invalid_json');
    expect(await getPolicy()).toEqual(DEFAULT_POLICY);
  });
});

describe('policy effects, at once', () => {
  it('links off: creation answers 403 links_disabled and join pages say so', async () => {
    const made = await app.api('/api/links', { method: 'POST', json: { title: 'Before' } });
    const link = (await made.json()) as { id: string };
    await put({ ...DEFAULT_POLICY, linksEnabled: false });
    const count = await app.store.links.count();
    const res = await app.api('/api/links', { method: 'POST', json: {} });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error.code).toBe('links_disabled');
    expect(await app.store.links.count()).toBe(count);
    const page = await fetch(`${app.url}/j/${link.id}`);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain('data-state="error"');
    expect(html).toMatch(/disabled by your organization/);
    await put(DEFAULT_POLICY);
    expect((await fetch(`${app.url}/j/${link.id}`)).status).toBe(200);
  });

  it('a link may not ask for more than the cap; the default size fits under it', async () => {
    await put({ ...DEFAULT_POLICY, maxParticipants: 6 });
    const over = await app.api('/api/links', { method: 'POST', json: { maxParticipants: 7 } });
    expect(over.status).toBe(400);
    const err = (await over.json()) as ErrorBody;
    expect(err.error.code).toBe('validation_failed');
    expect(err.error.message).toMatch(/at most 6/);
    const fits = await app.api('/api/links', { method: 'POST', json: { maxParticipants: 6 } });
    expect(fits.status).toBe(201);
    const dflt = await app.api('/api/links', { method: 'POST', json: {} });
    expect(((await dflt.json()) as { maxParticipants: number }).maxParticipants).toBe(6);
  });

  it('lobby by default applies to new links that do not choose', async () => {
    await put({ ...DEFAULT_POLICY, lobbyByDefault: true });
    const res = await app.api('/api/links', { method: 'POST', json: {} });
    expect(((await res.json()) as { lobby: boolean }).lobby).toBe(true);
    const chosen = await app.api('/api/links', { method: 'POST', json: { lobby: false } });
    expect(((await chosen.json()) as { lobby: boolean }).lobby).toBe(false);
  });
});

describe('GET /api/audit', () => {
  it('records each policy change with who, when, before and after', async () => {
    await put({ ...DEFAULT_POLICY, guestsAllowed: false });
    const res = await app.api('/api/audit?limit=1');
    expect(res.status).toBe(200);
    const { entries } = (await res.json()) as {
      entries: { action: string; at: string; actor: unknown; before: unknown; after: unknown }[];
    };
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'policy.update',
      actor: { kind: 'admin', id: null },
      before: DEFAULT_POLICY,
      after: { ...DEFAULT_POLICY, guestsAllowed: false },
    });
    expect(Date.now() - Date.parse(entries[0]?.at ?? '')).toBeLessThan(60_000);
  });

  it('does not log a refused policy', async () => {
    const before = (await (await app.api('/api/audit?limit=1000')).json()) as {
      entries: unknown[];
    };
    await put({ linksEnabled: 1 });
    const after = (await (await app.api('/api/audit?limit=1000')).json()) as { entries: unknown[] };
    expect(after.entries.length).toBe(before.entries.length);
  });

  it('answers 400 for a bad limit', async () => {
    expect((await app.api('/api/audit?limit=0')).status).toBe(400);
    expect((await app.api('/api/audit?limit=abc')).status).toBe(400);
  });
});
