import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_RANDOM_BYTES, makeLinkId } from '../../src/core/links.js';
import { cryptoIds } from '../../src/adapters/system/clock.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { CALLINK_JOIN_PAGES_PER_MINUTE: '100' } });
});
afterAll(async () => app.close());

describe('security headers', () => {
  it('sends a CSP that allows no inline script on every page', async () => {
    for (const path of ['/j/abc', `/j/${'0'.repeat(28)}`, '/nothing', '/healthz']) {
      const res = await fetch(app.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).toBe("'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it("lets only a live link's join page (the call, whose blur runs WebAssembly) compile WebAssembly", async () => {
    const res = await app.api('/api/links', { method: 'POST', json: {} });
    const { id } = (await res.json()) as { id: string };
    const page = await fetch(`${app.url}/j/${id}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    // Compiling WebAssembly, not eval of JavaScript, and still no inline script.
    expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self' 'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain("'unsafe-inline';script");
    expect(csp).toContain("script-src-attr 'none'");
    const api = await app.api(`/api/links/${id}`);
    expect(/script-src ([^;]*)/.exec(api.headers.get('content-security-policy') ?? '')?.[1]).toBe(
      "'self'",
    );
  });

  it('keeps CORS closed: no cross-origin grant, even on preflight', async () => {
    const pre = await fetch(`${app.url}/api/links`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const get = await app.api('/api/links', { headers: { origin: 'https://evil.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('secrets stay out of logs', () => {
  it('logs requests without tokens, E2EE keys or link ids', async () => {
    const res = await app.api('/api/links', {
      method: 'POST',
      json: { e2ee: true, e2eeMode: 'passphrase', title: 'secret-call' },
    });
    const link = (await res.json()) as { id: string; url: string };
    const key = link.url.split('#k=')[1] as string;
    await app.api(`/api/links/${link.id}`);
    await fetch(`${app.url}/j/${link.id}`);
    await app.api('/api/links', { token: 'wrong-token-that-is-long' });
    const logs = app.logs();
    expect(logs).toMatch(/request completed/);
    expect(logs).not.toContain(TEST_TOKEN);
    expect(logs).not.toContain('wrong-token-that-is-long');
    expect(logs).not.toContain(key);
    expect(logs).not.toContain(link.id);
  });
});

describe('guessing link ids', () => {
  it('10,000 guessed ids find nothing and are throttled with 429', async () => {
    const fresh = await startTestApp({ env: { CALLINK_JOIN_PAGES_PER_MINUTE: '100' } });
    const statuses = new Map<number, number>();
    const started = Date.now();
    const guesses = Array.from({ length: 10_000 }, () =>
      makeLinkId(cryptoIds.randomBytes(LINK_RANDOM_BYTES)),
    );
    for (let i = 0; i < guesses.length; i += 100) {
      const batch = await Promise.all(
        guesses.slice(i, i + 100).map(async (id) => {
          const r = await fetch(`${fresh.url}/j/${id}`);
          await r.arrayBuffer();
          return r.status;
        }),
      );
      for (const s of batch) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    expect(statuses.get(200) ?? 0).toBe(0);
    // 100 per minute per address: on a slow machine the run may span more than one window.
    const windows = Math.ceil((Date.now() - started) / 60_000);
    expect(statuses.get(404)).toBeGreaterThanOrEqual(100);
    expect(statuses.get(404)).toBeLessThanOrEqual(100 * windows);
    expect((statuses.get(404) ?? 0) + (statuses.get(429) ?? 0)).toBe(10_000);
    await fresh.close();
  }, 180_000);
});
