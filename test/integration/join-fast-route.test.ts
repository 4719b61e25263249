/**
 * POST /api/links/:id/join is served ahead of Express's dispatch (fast-route.ts), on Node's own
 * request and response. These tests pin, against the real app and the shared real LiveKit, that
 * it answers as Express would: the path spellings Express matches, the other methods left to
 * Express, the per-request layer (request id, access log, metrics, security headers) on every
 * answer, the body reader's errors, and req.ip read with the app's 'trust proxy'.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { makeLinkId } from '../../src/core/links.js';
import { startTestApp, type TestApp } from '../support/app.js';

const lk = inject('livekit');
let app: TestApp;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_LINK = makeLinkId(new Uint8Array(17).fill(9));

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
async function code(res: Response): Promise<string> {
  return (await json<{ error: { code: string } }>(res)).error.code;
}
async function createLink(body: Record<string, unknown> = {}, on: TestApp = app): Promise<string> {
  const res = await on.api('/api/links', { method: 'POST', json: body });
  expect(res.status).toBe(201);
  return (await json<{ id: string }>(res)).id;
}
/** A join to `path` as it is written (fetch keeps its case and its % escapes). */
function post(
  path: string,
  body: unknown = { name: 'Ada' },
  headers: Record<string, string> = {},
  on: TestApp = app,
) {
  return fetch(on.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
/** The id with one letter written as its %6x escape (or one digit as %3x). */
function percentEncoded(id: string, upperHex = false): string {
  const i = [...id].findIndex((c) => c >= 'a' && c <= 'o');
  const at = i === -1 ? 0 : i;
  const hex = id.charCodeAt(at).toString(16);
  return `${id.slice(0, at)}%${upperHex ? hex.toUpperCase() : hex}${id.slice(at + 1)}`;
}

/** What every answer of the per-request layer carries. */
function expectPerRequestHeaders(res: Response) {
  expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(res.headers.get('x-powered-by')).toBeNull();
  expect(res.headers.get('x-request-id')).toMatch(UUID);
}

/** callink_http_requests_total for this route, method and status (0 when not yet counted). */
async function requests(on: TestApp, method: string, route: string, status: number) {
  const text = await (await fetch(`${on.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('callink_http_requests_total{') &&
        l.includes(`method="${method}"`) &&
        l.includes(`route="${route}"`) &&
        l.includes(`status="${status}"`),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** The access-log lines written for this request id. */
function accessLines(on: TestApp, reqId: string): Record<string, unknown>[] {
  return on
    .logs()
    .split('\n')
    .filter((l) => l.includes(reqId))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.reqId === reqId && String(l.msg).startsWith('request '));
}

beforeAll(async () => {
  app = await startTestApp({
    overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
    appOptions: { rateLimits: { joinPerIp: 1e9, joinPerLink: 1e9 } },
  });
});
afterAll(async () => {
  await app.close();
});

describe('the paths the fast route serves', () => {
  it('answers the same for every spelling Express matches', async () => {
    const id = await createLink();
    const spellings = [
      `/api/links/${id}/join`,
      `/API/LINKS/${id}/JOIN`,
      `/Api/Links/${id}/Join`,
      `/api/links/${id}/join/`,
      `/api/links/${id}/join?x=1&y=2`,
      `/api/links/${id}/join/?`,
      `/api/links/${percentEncoded(id)}/join`,
      `/api/links/${percentEncoded(id, true)}/join`,
      `/API/LINKS/${percentEncoded(id, true)}/JOIN/?a=%zz`,
    ];
    expect(spellings[6]).toMatch(/%[36][0-9a-f]/);
    for (const path of spellings) {
      const res = await post(path);
      expect([path, res.status]).toEqual([path, 200]);
      const body = await json<{ room: string; host: boolean; livekitUrl: string; token: string }>(
        res,
      );
      expect(body).toMatchObject({ room: id, host: false, livekitUrl: lk.url });
      expect(body.token).toMatch(/^eyJ/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expectPerRequestHeaders(res);
    }
  });

  it('answers a malformed % escape with 400 bad_request JSON, as Express does on its routes', async () => {
    const res = await post('/api/links/%E0%A4%A/join');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json(res)).toEqual({
      error: { code: 'bad_request', message: 'The address has a malformed % escape.' },
    });
    // The same escape on a route Express dispatches (the preflight, on the same router level).
    const express = await post('/api/links/%E0%A4%A/preflight');
    expect(express.status).toBe(400);
    expect(await code(express)).toBe('bad_request');
    // Other malformed escapes, never a 500.
    for (const bad of ['%', '%zz', '%E0%A4', 'a%2']) {
      const r = await post(`/api/links/${bad}/join`);
      expect([bad, r.status, await code(r)]).toEqual([bad, 400, 'bad_request']);
    }
  });

  // Regression: serveFastRoute once decoded the params, and answered a malformed escape, before
  // the per-request layer ran: that 400 had no security headers, X-Request-Id, access-log line
  // or count. Express runs app.use(perRequest) before the router fails to decode the params,
  // so the same 400 from an Express route (the preflight below) has all of them.
  it('gives a malformed-escape 400 the per-request layer, as Express does', async () => {
    const express = await post('/api/links/%E0%A4%A/preflight');
    expectPerRequestHeaders(express);
    const res = await post(
      '/api/links/%E0%A4%A/join',
      { name: 'A' },
      { 'x-request-id': 'bad-esc-1' },
    );
    expect(res.headers.get('x-request-id')).toBe('bad-esc-1');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    await expect.poll(() => accessLines(app, 'bad-esc-1').length).toBe(1);
  });

  it('leaves GET, PUT and DELETE on the join path to Express (an unknown API route)', async () => {
    const id = await createLink();
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      for (const token of [undefined, null] as const) {
        const init = method === 'GET' ? { method, token } : { method, token, json: { name: 'A' } };
        const unknown = await app.api('/api/no-such-route/at-all', init);
        const res = await app.api(`/api/links/${id}/join`, init);
        const expected = { status: unknown.status, body: await json(unknown) };
        expect({ method, token, status: res.status, body: await json(res) }).toEqual({
          method,
          token,
          ...expected,
        });
        expect(res.status).toBe(token === null ? 401 : 404);
        expectPerRequestHeaders(res);
      }
    }
  });

  it('leaves paths that only look like the join path to Express', async () => {
    const id = await createLink();
    const unknown = await app.api('/api/no-such-route/at-all', { method: 'POST', json: {} });
    expect(unknown.status).toBe(404);
    const expected = await json(unknown);
    for (const path of [
      `/api/links/${id}/join/extra`,
      `/api/links/${id}/joins`,
      `/api/links/${id}//join`,
      `/api/links//join`,
    ]) {
      const res = await app.api(path, { method: 'POST', json: { name: 'A' } });
      expect([path, res.status, await json(res)]).toEqual([path, 404, expected]);
    }
  });
});

describe('every answer of the fast route', () => {
  it('carries the security headers and a request id: 200, 404, 400, 413 and a non-JSON type', async () => {
    const id = await createLink();
    const ok = await post(`/api/links/${id}/join`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expectPerRequestHeaders(ok);

    const cases: [string, Response, number, string][] = [
      ['unknown link', await post(`/api/links/${UNKNOWN_LINK}/join`), 404, 'link_not_found'],
      ['no name', await post(`/api/links/${id}/join`, {}), 400, 'validation_failed'],
      ['bad JSON', await post(`/api/links/${id}/join`, '{"name":'), 400, 'invalid_json'],
      [
        'over 64 KiB',
        await post(`/api/links/${id}/join`, { name: 'A', pad: 'x'.repeat(70_000) }),
        413,
        'payload_too_large',
      ],
      [
        'over 64 KiB, chunked',
        await fetch(`${app.url}/api/links/${id}/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: new ReadableStream({
            start(c) {
              c.enqueue(new TextEncoder().encode(`{"name":"A","pad":"${'x'.repeat(70_000)}"}`));
              c.close();
            },
          }),
          duplex: 'half',
        } as RequestInit),
        413,
        'payload_too_large',
      ],
      // No JSON type: the body is not read (as body-parser leaves it), so the name is missing.
      [
        'text/plain',
        await fetch(`${app.url}/api/links/${id}/join`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: '{"name":"A"}',
        }),
        400,
        'validation_failed',
      ],
      // charset=utf8 goes to body-parser, which refuses it.
      [
        'charset=utf8',
        await post(
          `/api/links/${id}/join`,
          { name: 'A' },
          { 'content-type': 'application/json; charset=utf8' },
        ),
        415,
        'unsupported_media_type',
      ],
      ['cut link id', await post(`/api/links/${id.slice(0, 20)}/join`), 400, 'link_incomplete'],
    ];
    for (const [what, res, status, errorCode] of cases) {
      expect([what, res.status, res.headers.get('content-type')]).toEqual([
        what,
        status,
        'application/json; charset=utf-8',
      ]);
      const body = await json<{ error: { code: string; message: string } }>(res);
      expect([what, body.error.code, typeof body.error.message]).toEqual([
        what,
        errorCode,
        'string',
      ]);
      expectPerRequestHeaders(res);
    }
  });

  it('keeps a client request id of a safe shape, and replaces one that could be a secret', async () => {
    const id = await createLink();
    const idOf = async (requestId: string, path = `/api/links/${id}/join`) =>
      (await post(path, { name: 'A' }, { 'x-request-id': requestId })).headers.get('x-request-id');
    for (const safe of ['abc-123.XYZ_9', 'trace-0001', randomUUID(), 'a'.repeat(64)]) {
      expect(await idOf(safe)).toBe(safe);
      expect(await idOf(safe, `/api/links/${UNKNOWN_LINK}/join`)).toBe(safe);
    }
    const secretLike = [
      'a'.repeat(28), // the shape of a link id
      id,
      UNKNOWN_LINK,
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3OCJ9.c2lnbmF0dXJl', // a JWT
      'iv' + 'x'.repeat(32), // a personal invite token
      'hk_abcdefghijklmnop', // a host key
      'a'.repeat(65),
      'has space',
      '',
    ];
    for (const secret of secretLike) {
      const echoed = await idOf(secret);
      expect([secret, echoed]).toEqual([secret, expect.stringMatching(UUID)]);
      expect(echoed).not.toBe(secret);
    }
    // A fresh one each time.
    expect(await idOf(id)).not.toBe(await idOf(id));
  });

  // Regression: a link id is looked up case-insensitively (the capitals open the same link, as
  // the join below shows), but the link-id pattern that decided whether a client's X-Request-Id
  // could be a secret was lower-case only. So a link id in capitals was kept as the request id
  // and written in clear into the access-log line (whose fields are not scrubbed again).
  it('replaces a link id in capitals as a request id too', async () => {
    const id = await createLink();
    const upper = id.toUpperCase();
    const res = await post(`/api/links/${upper}/join`, { name: 'A' }, { 'x-request-id': upper });
    expect(res.status).toBe(200); // the capitals are the same link
    expect(res.headers.get('x-request-id')).toMatch(UUID);
    await new Promise((r) => setTimeout(r, 50));
    expect(app.logs()).not.toContain(upper);
  });

  it('is counted in /metrics under the route pattern, by status', async () => {
    const route = '/api/links/:id/join';
    const id = await createLink();
    const [ok0, missing0] = [
      await requests(app, 'POST', route, 200),
      await requests(app, 'POST', route, 404),
    ];
    expect((await post(`/api/links/${id}/join`)).status).toBe(200);
    expect((await post(`/API/LINKS/${id}/JOIN/?q=1`)).status).toBe(200);
    expect((await post(`/api/links/${UNKNOWN_LINK}/join`)).status).toBe(404);
    await expect.poll(() => requests(app, 'POST', route, 200)).toBe(ok0 + 2);
    expect(await requests(app, 'POST', route, 404)).toBe(missing0 + 1);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toContain(`route="${route}"`);
    expect(text).not.toContain(id);
    expect(text).not.toContain(UNKNOWN_LINK);
  });

  it('writes one access-log line with the path’s shape and no link id', async () => {
    const id = await createLink();
    const cases: [string, number, string][] = [
      [`/api/links/${id}/join`, 200, '/api/links/[redacted]/join'],
      [`/API/LINKS/${id}/JOIN`, 200, '/API/LINKS/[redacted]/JOIN'],
      [`/api/links/${id}/join?invite=iv_secret`, 200, '/api/links/[redacted]/join?[query]'],
      [`/api/links/${percentEncoded(id)}/join`, 200, '/api/links/[redacted]/join'],
      [`/api/links/${UNKNOWN_LINK}/join`, 404, '/api/links/[redacted]/join'],
    ];
    for (const [path, status, url] of cases) {
      const reqId = `log-${randomUUID()}`;
      const res = await post(path, { name: 'Ada' }, { 'x-request-id': reqId });
      expect(res.status).toBe(status);
      await res.arrayBuffer();
      await expect.poll(() => accessLines(app, reqId).length).toBe(1);
      const line = accessLines(app, reqId)[0] as Record<string, unknown>;
      expect(line).toMatchObject({
        level: 30,
        msg: 'request completed',
        reqId,
        req: { id: reqId, method: 'POST', url },
        res: { statusCode: status },
        responseTime: expect.any(Number),
      });
      const raw = app
        .logs()
        .split('\n')
        .find((l) => l.includes(reqId) && l.includes('request completed')) as string;
      expect(raw).not.toContain(id);
      expect(raw).not.toContain(id.toUpperCase());
      expect(raw).not.toContain(percentEncoded(id));
      expect(raw).not.toContain(UNKNOWN_LINK);
      expect(raw).not.toContain('iv_secret');
    }
  });
});

describe('req.ip with the app’s trust proxy', () => {
  const limited = async (env: Record<string, string>) =>
    startTestApp({
      store: app.store,
      env,
      overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
      appOptions: { rateLimits: { joinPerIp: 2, joinPerLink: 1e9 } },
    });
  const from = (on: TestApp, id: string, forwarded: string) =>
    post(`/api/links/${id}/join`, { name: 'A' }, { 'x-forwarded-for': forwarded }, on);

  it('limits two forwarded addresses apart when the proxy is trusted', async () => {
    const trusting = await limited({ CALLINK_TRUST_PROXY: 'loopback' });
    try {
      expect(trusting.deps.config.trustProxy).toEqual(['loopback']);
      const id = await createLink();
      const a = [await from(trusting, id, '203.0.113.1'), await from(trusting, id, '203.0.113.1')];
      expect(a.map((r) => r.status)).toEqual([200, 200]);
      const third = await from(trusting, id, '203.0.113.1');
      expect(third.status).toBe(429);
      expect(await code(third)).toBe('rate_limited');
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expectPerRequestHeaders(third);
      // Another client behind the same proxy has its own count.
      const b = await from(trusting, id, '203.0.113.2');
      expect(b.status).toBe(200);
      expect(b.headers.get('ratelimit')).toMatch(/^"join-ip"; r=1; t=\d+$/);
      // The preflight (an Express route) reads the same address: the same per-IP keys apart.
      const pre = await fetch(`${trusting.url}/api/links/${id}/preflight`, {
        method: 'POST',
        headers: { 'x-forwarded-for': '203.0.113.3' },
      });
      expect(pre.status).toBe(200);
    } finally {
      await trusting.close();
    }
  });

  it('counts every forwarded address as the proxy’s own when the proxy is not trusted', async () => {
    const plain = await limited({});
    try {
      expect(plain.deps.config.trustProxy ?? false).toBe(false);
      const id = await createLink();
      expect((await from(plain, id, '203.0.113.1')).status).toBe(200);
      expect((await from(plain, id, '203.0.113.2')).status).toBe(200);
      const third = await from(plain, id, '203.0.113.3');
      expect(third.status).toBe(429);
      expect(await code(third)).toBe('rate_limited');
    } finally {
      await plain.close();
    }
  });
});

describe('the 202 answers', () => {
  it('tells a guest to wait for the host (a schedule with waitForHost)', async () => {
    const id = await createLink({ title: 'Standup' });
    const schedule = await app.api(`/api/links/${id}/schedule`, {
      method: 'PUT',
      json: { waitForHost: true },
    });
    expect(schedule.status).toBe(200);
    for (const path of [`/api/links/${id}/join`, `/API/LINKS/${id}/JOIN/?x`]) {
      const res = await post(path, { name: 'Gus' }, { 'x-request-id': 'wait-for-host-1' });
      expect(res.status).toBe(202);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('x-request-id')).toBe('wait-for-host-1');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('strict-transport-security')).toBe('max-age=15552000');
      expect(await json(res)).toEqual({ status: 'waiting_for_host', retryAfterSeconds: 5 });
    }
  });

  it('puts a guest of a lobby link in the lobby, with a ticket', async () => {
    const id = await createLink({ lobby: true, title: 'Board meeting' });
    const res = await post(`/api/links/${percentEncoded(id)}/join/`, { name: 'Guest' });
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expectPerRequestHeaders(res);
    const body = await json<{ status: string; ticket: string; expiresAt: string }>(res);
    expect(body).toEqual({
      status: 'waiting',
      ticket: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    // The ticket is a real one: the lobby poll (an Express route) knows it.
    const poll = await fetch(`${app.url}/api/lobby/${body.ticket}?wait=0`);
    expect(await json(poll)).toEqual({ status: 'waiting' });
  });
});
