/**
 * Property-based fuzzing of every JSON route: whatever the body, path segment, host key or
 * token, never a 5xx, never a hang over 2 s, always a JSON error {error:{code,message}} on a
 * 4xx, and a rejected request changes nothing stored. The join and host routes run against
 * a real livekit-server (the shared one from global-setup), so 503 is never an excuse here.
 * "Nothing stored changed" is checked on the SQLite file itself (support/store-watch.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite.js';
import { startTestApp, TEST_TOKEN, type TestApp } from '../support/app.js';
import { RAW, anyRule, inPath, malformedEscape } from '../support/fuzz-rules.js';
import { watchSqliteStore, type StoreWatch } from '../support/store-watch.js';

const lk = inject('livekit');
/** CALLINK_FUZZ_RUNS is the total over both fuzz files (default 10,000); this one takes 70%. */
const RUNS = Math.ceil(Number(process.env.CALLINK_FUZZ_RUNS ?? 10_000) * 0.7);

let app: TestApp;
let dir: string;
let watch: StoreWatch;
let openLink: string;
let lobbyLink: string;
let hostKey: string;
let eventId: string;
let ticket: string;
let cases = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callink-fuzz-'));
  const store = await createSqliteStore({ dataDir: dir });
  app = await startTestApp({
    store,
    overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
    // The limits are tested elsewhere; here they would only turn fuzz cases into 429s.
    appOptions: { rateLimits: { joinPerIp: 1e9, joinPerLink: 1e9, pollPerIp: 1e9 } },
  });
  const link = async (json: object) =>
    ((await (await app.api('/api/links', { method: 'POST', json })).json()) as { id: string }).id;
  openLink = await link({ title: 'fuzz' });
  lobbyLink = await link({ title: 'fuzz lobby', lobby: true });
  hostKey = (
    (await (await app.api(`/api/links/${lobbyLink}/host-key`, { method: 'POST' })).json()) as {
      hostKey: string;
    }
  ).hostKey;
  const knock = await app.api(`/api/links/${lobbyLink}/join`, {
    method: 'POST',
    token: null,
    json: { name: 'Knocker' },
  });
  ticket = ((await knock.json()) as { ticket: string }).ticket;
  const ev = await app.api('/api/events', {
    method: 'POST',
    json: {
      title: 'Fuzz weekly',
      start: '2030-01-07T10:00:00',
      end: '2030-01-07T11:00:00',
      timeZone: 'Europe/Berlin',
      organizer: { name: 'Ann', email: 'ann@example.org' },
      recurrence: 'RRULE:FREQ=WEEKLY;COUNT=5',
    },
  });
  expect(ev.status, await ev.clone().text()).toBe(201);
  eventId = ((await ev.json()) as { id: string }).id;
  watch = watchSqliteStore(dir);
});
afterAll(async () => {
  console.log(`fuzz json-routes: ${cases} cases`);
  watch?.close();
  await app?.close();
  await app?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** JSON-ish bodies, biased towards objects with the fields our routes read. */
const field = fc.oneof(
  fc.constantFrom(
    'title',
    'lobby',
    'e2ee',
    'maxParticipants',
    'name',
    'hostKey',
    'role',
    'kind',
    'linksEnabled',
    'allowedBrowsers',
    'start',
    'end',
    'timeZone',
    'recurrence',
    'attendees',
    'organizer',
    'description',
    'linkId',
    'cancelled',
    'ics',
    'previous',
    'mimeMethod',
    '__proto__',
    'constructor',
  ),
  fc.string(),
);
const value = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '2030-01-07T10:00:00',
    '2030-01-14T10:00:00',
    'Europe/Berlin',
    'Mars/Olympus',
    'audio',
    'video',
    'organizer',
    'admin',
    'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    'x'.repeat(70_000),
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  anyRule,
);
const body = fc.oneof(
  fc.dictionary(field, value, { maxKeys: 6 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary' }).map((s) => ({ raw: s })),
);
/** A path segment: usually a real one, sometimes garbage. */
const seg = (real: () => string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(null).map(() => real()) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '.', '..', '%', '%00', 'a'.repeat(500)) },
    { weight: 1, arbitrary: malformedEscape },
  );
/** Who calls: the admin, nobody, a wrong token, the host key, a wrong host key. */
const who = fc.constantFrom('admin', 'none', 'wrong', 'host', 'badhost');

interface Route {
  method: string;
  path: (s: string[]) => string;
  segs: fc.Arbitrary<string>[];
  body: boolean;
  /** A body of this route's own shape instead of the generic one. */
  shaped?: fc.Arbitrary<unknown>;
}
/** A valid event whose rule is built from every BY part (issue 14: rules that froze the loop). */
const eventWithRule = fc.record({
  title: fc.constant('Fuzz rule'),
  start: fc.constantFrom('2030-01-07T10:00:00', '2030-02-29T10:00:00', '2032-02-29T10:00:00'),
  end: fc.constant('2030-01-07T11:00:00'),
  timeZone: fc.constantFrom('Europe/Berlin', 'UTC'),
  organizer: fc.constant({ email: 'ann@example.org' }),
  recurrence: anyRule.map((r) => `RRULE:${r}`),
});
const linkSeg = seg(() => openLink);
const anyLink = fc.oneof(
  linkSeg,
  seg(() => lobbyLink),
);
const routes: Route[] = [
  { method: 'POST', path: () => '/api/links', segs: [], body: true },
  { method: 'GET', path: ([id]) => `/api/links/${id}`, segs: [anyLink], body: false },
  { method: 'POST', path: ([id]) => `/api/links/${id}/join`, segs: [anyLink], body: true },
  { method: 'POST', path: ([id]) => `/api/links/${id}/preflight`, segs: [anyLink], body: true },
  { method: 'GET', path: ([t]) => `/api/lobby/${t}`, segs: [seg(() => ticket)], body: false },
  { method: 'GET', path: ([id]) => `/api/links/${id}/lobby`, segs: [anyLink], body: false },
  {
    method: 'POST',
    path: ([id, t, a]) => `/api/links/${id}/lobby/${t}/${a}`,
    segs: [anyLink, fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('admit', 'deny')],
    body: true,
  },
  {
    method: 'POST',
    path: ([id, p]) => `/api/links/${id}/participants/${p}/mute`,
    segs: [anyLink, fc.string({ maxLength: 40 })],
    body: true,
  },
  {
    method: 'POST',
    path: ([id, p]) => `/api/links/${id}/participants/${p}/remove`,
    segs: [anyLink, fc.string({ maxLength: 40 })],
    body: true,
  },
  { method: 'GET', path: ([id]) => `/api/links/${id}/participants`, segs: [anyLink], body: false },
  { method: 'POST', path: ([id]) => `/api/links/${id}/end`, segs: [anyLink], body: true },
  { method: 'POST', path: ([id]) => `/api/links/${id}/host-key`, segs: [anyLink], body: true },
  { method: 'POST', path: () => '/api/events', segs: [], body: true },
  { method: 'PATCH', path: ([id]) => `/api/events/${id}`, segs: [seg(() => eventId)], body: true },
  {
    method: 'PATCH',
    path: ([id, s]) => `/api/events/${id}/occurrences/${s}`,
    segs: [
      seg(() => eventId),
      fc.oneof(
        fc.constantFrom('2030-01-14T10:00:00', '2030-01-15T10:00:00', '2031-01-01'),
        fc.string({ maxLength: 30 }),
      ),
    ],
    body: true,
  },
  { method: 'POST', path: () => '/api/events', segs: [], body: true, shaped: eventWithRule },
  {
    method: 'PATCH',
    path: ([id]) => `/api/events/${id}`,
    segs: [seg(() => eventId)],
    body: true,
    shaped: anyRule.map((r) => ({ recurrence: r })),
  },
  {
    method: 'GET',
    path: ([id, q]) => `/api/events/${id}/attendance?${q}`,
    segs: [
      seg(() => eventId),
      fc
        .constantFrom(
          'to=-271821-04-20T00:00:00Z',
          'from=275760-09-13T00:00:00Z',
          'from=9999-01-01T00:00:00Z',
          'to=2030-06-01T00:00:00Z',
        )
        .map((q) => RAW + q),
    ],
    body: false,
  },
  { method: 'GET', path: ([s]) => `/feeds/${s}.ics`, segs: [malformedEscape], body: false },
  { method: 'GET', path: ([s]) => `/j/${s}`, segs: [malformedEscape], body: false },
  { method: 'GET', path: ([s]) => `/events/${s}.ics`, segs: [malformedEscape], body: false },
  { method: 'POST', path: () => '/api/lint', segs: [], body: true },
  { method: 'PUT', path: () => '/api/policy', segs: [], body: true },
  { method: 'POST', path: () => '/api/keys', segs: [], body: true },
];

function headersFor(caller: string): Record<string, string> {
  switch (caller) {
    case 'admin':
      return { authorization: `Bearer ${TEST_TOKEN}` };
    case 'wrong':
      return { authorization: 'Bearer not-the-token' };
    case 'host':
      return { 'x-host-key': hostKey };
    case 'badhost':
      return { 'x-host-key': 'hk_wrong' };
    default:
      return {};
  }
}

describe('fuzzing JSON routes (real LiveKit behind join and host routes)', () => {
  it('never answers 5xx or hangs, errors are JSON, rejected input changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes).chain((r) =>
          fc.record({
            route: fc.constant(r),
            segs: fc.tuple(...r.segs),
            body: r.shaped ?? body,
            caller: who,
            breakJson: fc.boolean(),
          }),
        ),
        async ({ route, segs, body: b, caller, breakJson }) => {
          cases++;
          watch.mark();
          const t0 = Date.now();
          const init: RequestInit = { method: route.method, headers: headersFor(caller) };
          if (route.body) {
            init.headers = { ...init.headers, 'content-type': 'application/json' };
            const text = JSON.stringify(b) ?? 'null';
            init.body = breakJson ? text.slice(0, -1) : text;
          }
          const path = route.path(segs.map(inPath));
          const res = await fetch(app.url + path, {
            ...init,
            signal: AbortSignal.timeout(5000),
          });
          const text = await res.text();
          const took = Date.now() - t0;
          const where = `${route.method} ${path} as ${caller} → ${res.status} ${text.slice(0, 300)}`;
          expect(took, where).toBeLessThan(2000);
          expect(res.status, where).toBeLessThan(500);
          if (res.status >= 400) {
            const err = JSON.parse(text) as { error: { code: string; message: string } };
            expect(err.error.code, where).toMatch(/^[a-z_]+$/);
            expect(typeof err.error.message, where).toBe('string');
            expect(watch.changed(), where).toBeNull();
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 300_000);
});
