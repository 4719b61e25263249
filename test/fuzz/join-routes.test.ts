/**
 * Property-based fuzzing of the routes guests and hosts call without a bearer token, against
 * the real LiveKit: whatever the body or header, never a 5xx, always a JSON error with a code,
 * and a rejected request queues no knock.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
let open: string;
let lobby: string;
let hostKey: string;

beforeAll(async () => {
  app = await startTestApp({
    overrides: { rooms: createLivekitRooms({ ...inject('livekit'), loopback: true }) },
    appOptions: { rateLimits: { joinPerIp: 1e9, joinPerLink: 1e9, pollPerIp: 1e9 } },
  });
  const make = async (body: object) =>
    ((await (await app.api('/api/links', { method: 'POST', json: body })).json()) as { id: string })
      .id;
  open = await make({});
  lobby = await make({ lobby: true });
  hostKey = (
    (await (await app.api(`/api/links/${lobby}/host-key`, { method: 'POST' })).json()) as {
      hostKey: string;
    }
  ).hostKey;
});
afterAll(async () => app.close());

const value = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ unit: 'binary' }),
  fc.string({ maxLength: 80 }),
  fc.integer(),
  fc.constant(null),
);
const body = fc.oneof(
  fc.dictionary(fc.constantFrom('name', 'hostKey', 'kind', '__proto__', 'x'), value, {
    maxKeys: 4,
  }),
  fc.jsonValue({ maxDepth: 3 }),
);
const routes = [
  () => `/api/links/${open}/join`,
  () => `/api/links/${lobby}/join`,
  () => `/api/links/${lobby}/participants/p_x/mute`,
  () => `/api/links/${open}/preflight`,
];

describe('fuzzing the join and host routes', () => {
  it('never answers 5xx, and a rejected join queues no knock', async () => {
    const waiting = async () => JSON.stringify(await app.store.lobby.waiting(lobby, new Date(0)));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        body,
        fc.option(fc.string({ maxLength: 300 })),
        async (path, b, key) => {
          const before = await waiting();
          const res = await app.api(path(), {
            method: 'POST',
            token: null,
            headers: {
              'content-type': 'application/json',
              ...(key !== null ? { 'x-host-key': key.replace(/[^\x21-\x7e]/g, '') || 'k' } : {}),
            },
            body: JSON.stringify(b),
          });
          const text = await res.text();
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect((JSON.parse(text) as { error: { code: string } }).error.code).toMatch(
              /^[a-z_]+$/,
            );
            expect(await waiting()).toBe(before);
          }
        },
      ),
      { numRuns: Number(process.env.CALLINK_FUZZ_RUNS ?? 300) },
    );
    // The real host key still works after all that.
    const res = await app.api(`/api/links/${lobby}/lobby`, {
      token: null,
      headers: { 'x-host-key': hostKey },
    });
    expect(res.status).toBe(200);
  }, 120_000);
});
