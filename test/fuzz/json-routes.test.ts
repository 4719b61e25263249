/**
 * Property-based fuzzing of every JSON route: whatever the body, never a 5xx, never a hang
 * over 2 s, always a JSON error with a code, and a rejected request changes nothing stored.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
let linkId: string;
beforeAll(async () => {
  app = await startTestApp();
  const res = await app.api('/api/links', { method: 'POST', json: { title: 'fuzz' } });
  linkId = ((await res.json()) as { id: string }).id;
});
afterAll(async () => app.close());

/** JSON-ish bodies, biased towards objects with the fields our routes read. */
const field = fc.oneof(
  fc.constantFrom(
    'title',
    'lobby',
    'e2ee',
    'maxParticipants',
    'name',
    'role',
    'linksEnabled',
    'allowedBrowsers',
    '__proto__',
    'constructor',
  ),
  fc.string(),
);
const value = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const body = fc.oneof(
  fc.dictionary(field, value, { maxKeys: 6 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary' }).map((s) => ({ raw: s })),
);

interface Route {
  method: string;
  path: () => string;
}
const routes: Route[] = [
  { method: 'POST', path: () => '/api/links' },
  { method: 'GET', path: () => `/api/links/${linkId}` },
  { method: 'PUT', path: () => '/api/policy' },
  { method: 'POST', path: () => '/api/keys' },
];

async function snapshot(): Promise<string> {
  const { store } = app;
  return JSON.stringify([
    await store.links.list({ limit: 10000 }),
    await store.policy.get(),
    await store.keys.list(),
  ]);
}

describe('fuzzing JSON routes', () => {
  it('never answers 5xx or hangs, and rejected input changes nothing', async () => {
    const runs = Number(process.env.CALLINK_FUZZ_RUNS ?? 2000);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        body,
        fc.boolean(),
        async (route, b, rawText) => {
          const before = await snapshot();
          const t0 = Date.now();
          const init: RequestInit = { method: route.method };
          if (route.method !== 'GET') {
            init.headers = { 'content-type': 'application/json' };
            init.body = rawText ? JSON.stringify(b).slice(0, -1) : JSON.stringify(b);
          }
          const res = await app.api(route.path(), init);
          const text = await res.text();
          expect(Date.now() - t0).toBeLessThan(2000);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            const err = JSON.parse(text) as { error: { code: string; message: string } };
            expect(err.error.code).toMatch(/^[a-z_]+$/);
            expect(await snapshot()).toBe(before);
          }
        },
      ),
      { numRuns: runs },
    );
  }, 120_000);
});
