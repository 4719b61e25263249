/**
 * jsonBody as the app mounts it: /api bodies up to 64 KiB, read by the public router and again
 * (skipped) by the bearer router, 400 invalid_json and 413 payload_too_large from the app's
 * error handler, compressed and UTF-16 bodies through body-parser on both routers.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const LIMIT = 64 * 1024;
const auth = { authorization: `Bearer ${TEST_TOKEN}` };

async function codeOf(res: Response): Promise<string | undefined> {
  return ((await res.json()) as { error?: { code?: string } }).error?.code;
}

function post(path: string, body: BodyInit, headers: Record<string, string>) {
  return fetch(app.url + path, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(10_000),
  });
}

describe('JSON bodies on /api', () => {
  it('creates a link from a plain JSON body (read once, the second reader skips it)', async () => {
    const res = await post('/api/links', JSON.stringify({ title: 'Plain' }), {
      ...auth,
      'content-type': 'application/json',
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const link = await app.api(`/api/links/${id}`);
    expect(((await link.json()) as { title?: string }).title).toBe('Plain');
  });

  it('regression: a gzip body reaches the route through both routers’ readers', async () => {
    const res = await post('/api/links', gzipSync(JSON.stringify({ title: 'Zipped' })), {
      ...auth,
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const link = await app.api(`/api/links/${id}`);
    expect(((await link.json()) as { title?: string }).title).toBe('Zipped');
  });

  it('a UTF-16 body too', async () => {
    const res = await post('/api/links', Buffer.from(JSON.stringify({ title: 'Zoë' }), 'utf16le'), {
      ...auth,
      'content-type': 'application/json; charset=utf-16le',
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const link = await app.api(`/api/links/${id}`);
    expect(((await link.json()) as { title?: string }).title).toBe('Zoë');
  });

  it('400 invalid_json on an authenticated route', async () => {
    const res = await post('/api/links', '{"title":', {
      ...auth,
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe('invalid_json');
  });

  it('400 invalid_json on the join route, before anything else runs', async () => {
    const res = await post('/api/links/abc/join', '{nope', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe('invalid_json');
  });

  it('413 payload_too_large over 64 KiB, on the join route and on the bearer routes', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(LIMIT) });
    const join = await post('/api/links/abc/join', big, { 'content-type': 'application/json' });
    expect(join.status).toBe(413);
    expect(await codeOf(join)).toBe('payload_too_large');
    const links = await post('/api/links', big, { ...auth, 'content-type': 'application/json' });
    expect(links.status).toBe(413);
    expect(await codeOf(links)).toBe('payload_too_large');
  });

  it('a body of exactly 64 KiB is read (whatever the route then says of it)', async () => {
    const pad = 'x'.repeat(LIMIT - JSON.stringify({ title: 'T', pad: '' }).length);
    const body = JSON.stringify({ title: 'T', pad });
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    const res = await post('/api/links', body, { ...auth, 'content-type': 'application/json' });
    expect(res.status).not.toBe(413);
    const code = res.status >= 400 ? await codeOf(res) : undefined;
    expect(code).not.toBe('invalid_json');
    expect(code).not.toBe('payload_too_large');
  });
});
