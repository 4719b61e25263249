/**
 * Team feeds as calendar apps poll them: content read by ical.js and python3-icalendar,
 * conditional requests answered with 304 without building, compression, revocation, and a
 * change on one instance invalidating another instance's cache over one PostgreSQL database.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FeedCache } from '../../src/adapters/http/feed-cache.js';
import { createPostgresStore } from '../../src/adapters/store/postgres.js';
import { lintCalendar } from '../../src/core/ics/lint.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { readWithIcalJs, readWithPython } from '../support/calendar-readers.js';
import { createDatabase } from '../support/postgres.js';

interface NewFeed {
  id: string;
  url: string;
  webcalUrl: string;
  googleUrl: string;
}
const person = { name: 'Ann', email: 'ann@example.org' };
const soon = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
};

async function setup(app: TestApp) {
  const team = (await (
    await app.api('/api/teams', { method: 'POST', json: { name: 'Design team' } })
  ).json()) as { id: string };
  const feed = (await (
    await app.api(`/api/teams/${team.id}/feeds`, { method: 'POST' })
  ).json()) as NewFeed;
  return { team, feed, path: new URL(feed.url).pathname };
}

/** Raw GET (fetch would decompress and hide Content-Encoding). */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('team feeds', () => {
  let app: TestApp;
  const cache = new FeedCache();
  let ctx: Awaited<ReturnType<typeof setup>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp({ appOptions: { feedCache: cache } });
    ctx = await setup(app);
    const make = async (name: string, body: object) => {
      const res = await app.api('/api/events', {
        method: 'POST',
        json: {
          organizer: person,
          attendees: [{ name: 'Bob', email: 'bob@example.org' }],
          timeZone: 'Europe/Berlin',
          teamId: ctx.team.id,
          ...body,
        },
      });
      expect(res.status).toBe(201);
      ids[name] = ((await res.json()) as { id: string }).id;
    };
    await make('weekly', {
      title: 'Weekly',
      start: soon(1, 9),
      end: soon(1, 10),
      recurrence: 'RRULE:FREQ=DAILY;COUNT=10',
    });
    await make('dropped', { title: 'Dropped', start: soon(2, 11), end: soon(2, 12) });
    await make('ancient', { title: 'Ancient', start: '2025-01-06T09:00', end: '2025-01-06T10:00' });
    await make('other', { title: 'Other team', start: soon(3, 9), end: soon(3, 10), teamId: null });
    await app.api(`/api/events/${ids.weekly}/occurrences/${soon(3, 9)}`, {
      method: 'PATCH',
      json: { title: 'Weekly (longer)', end: soon(3, 11) },
    });
    await app.api(`/api/events/${ids.weekly}/occurrences/${soon(4, 9)}`, { method: 'DELETE' });
    await app.api(`/api/events/${ids.dropped}`, { method: 'DELETE' });
  });
  afterAll(() => app.close());

  it('offers webcal and Google "add by URL" links with a 256-bit secret', () => {
    expect(ctx.feed.url).toMatch(/^http:\/\/localhost:9999\/feeds\/[\w-]{43}\.ics$/);
    expect(ctx.feed.webcalUrl).toBe(ctx.feed.url.replace('http://', 'webcal://'));
    expect(new URL(ctx.feed.googleUrl).searchParams.get('cid')).toBe(ctx.feed.webcalUrl);
  });

  it('serves the team events with links, overrides and cancellations, read alike by two parsers', async () => {
    const res = await get(app.url + ctx.path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers.etag).toMatch(/^"v\d+-d\d+"$/);
    expect(res.headers['last-modified']).toBeTruthy();
    const text = res.body.toString('utf8');
    expect(text).not.toMatch(/^METHOD:/m);
    for (const line of [
      'X-WR-CALNAME:Design team',
      'NAME:Design team',
      'X-WR-TIMEZONE:Europe/Berlin',
      'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
      'X-PUBLISHED-TTL:PT1H',
    ]) {
      expect(text).toContain(`\r\n${line}\r\n`);
    }
    expect(text).not.toContain('ATTENDEE');
    expect(lintCalendar(text).problems).toEqual([]);
    const js = readWithIcalJs(text);
    const [py] = readWithPython([text]);
    expect(py?.errors).toEqual([]);
    const summary = (c: {
      events: {
        summary: string;
        status: string | null;
        recurrenceId: string | null;
        conference: string | null;
        location: string | null;
      }[];
    }) =>
      c.events
        .map((e) => [
          e.summary,
          e.status,
          e.recurrenceId !== null,
          e.conference === e.location && e.conference !== null,
        ])
        .sort();
    expect(summary(js)).toEqual([
      ['Dropped', 'CANCELLED', false, true],
      ['Weekly (longer)', 'CONFIRMED', true, true],
      ['Weekly', 'CONFIRMED', false, true],
    ]);
    expect(summary(py!)).toEqual(summary(js));
    expect(js.timezones).toEqual(['Europe/Berlin']);
    expect(text).toMatch(/EXDATE;TZID=Europe\/Berlin:\d{8}T090000/);
  });

  it('answers 304 to If-None-Match and If-Modified-Since without building', async () => {
    const first = await get(app.url + ctx.path);
    const builds = cache.builds;
    const inm = await get(app.url + ctx.path, { 'if-none-match': String(first.headers.etag) });
    expect(inm.status).toBe(304);
    expect(inm.body.length).toBe(0);
    const ims = await get(app.url + ctx.path, {
      'if-modified-since': String(first.headers['last-modified']),
    });
    expect(ims.status).toBe(304);
    const stale = await get(app.url + ctx.path, { 'if-none-match': '"v0-d1"' });
    expect(stale.status).toBe(200);
    expect(cache.builds).toBe(builds);
  });

  it('compresses with br or gzip for clients that ask', async () => {
    const plain = (await get(app.url + ctx.path)).body;
    const gz = await get(app.url + ctx.path, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body)).toEqual(plain);
    const br = await get(app.url + ctx.path, { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body)).toEqual(plain);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
  });

  it('changes its ETag when an event changes', async () => {
    const before = await get(app.url + ctx.path);
    await app.api(`/api/events/${ids.weekly}`, { method: 'PATCH', json: { title: 'Weekly sync' } });
    const after = await get(app.url + ctx.path, { 'if-none-match': String(before.headers.etag) });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.toString()).toContain('SUMMARY:Weekly sync');
  });

  it('rotates: a revoked feed answers 404 like a guessed one, the other feed keeps working', async () => {
    const second = (await (
      await app.api(`/api/teams/${ctx.team.id}/feeds`, { method: 'POST' })
    ).json()) as NewFeed;
    expect(
      (await app.api(`/api/teams/${ctx.team.id}/feeds/${ctx.feed.id}`, { method: 'DELETE' }))
        .status,
    ).toBe(204);
    const revoked = await get(app.url + ctx.path);
    const guessed = await get(`${app.url}/feeds/${'A'.repeat(43)}.ics`);
    expect(revoked.status).toBe(404);
    expect(guessed.status).toBe(404);
    expect(revoked.body.toString()).toBe(guessed.body.toString());
    expect((await get(app.url + new URL(second.url).pathname)).status).toBe(200);
    const listed = (await (await app.api(`/api/teams/${ctx.team.id}/feeds`)).json()) as {
      feeds: { id: string; revokedAt: string | null }[];
    };
    expect(listed.feeds.map((f) => [f.id, f.revokedAt !== null])).toEqual([
      [ctx.feed.id, true],
      [second.id, false],
    ]);
    expect(JSON.stringify(listed)).not.toContain(new URL(second.url).pathname.slice(7, 40));
    expect(
      (await app.api(`/api/teams/${ctx.team.id}/feeds/nope`, { method: 'DELETE' })).status,
    ).toBe(404);
  });

  it('refuses bad team input', async () => {
    expect((await app.api('/api/teams', { method: 'POST', json: { name: 'a\r\nb' } })).status).toBe(
      400,
    );
    expect((await app.api('/api/teams/nope/feeds', { method: 'POST' })).status).toBe(404);
  });
});

describe('feeds on two instances sharing PostgreSQL', () => {
  it('invalidates one instance cache when another changes an event', async () => {
    const url = await createDatabase({ url: inject('pgUrl') }, 'feeds_two_instances');
    const storeA = await createPostgresStore({ url });
    const storeB = await createPostgresStore({ url });
    const a = await startTestApp({ store: storeA });
    const cacheB = new FeedCache();
    const b = await startTestApp({ store: storeB, appOptions: { feedCache: cacheB } });
    try {
      const { team, path } = await setup(a);
      const created = (await (
        await a.api('/api/events', {
          method: 'POST',
          json: {
            title: 'Before',
            start: soon(1, 9),
            end: soon(1, 10),
            timeZone: 'UTC',
            organizer: person,
            teamId: team.id,
          },
        })
      ).json()) as { id: string };
      const first = await get(b.url + path);
      expect(first.body.toString()).toContain('SUMMARY:Before');
      expect(
        (await get(b.url + path, { 'if-none-match': String(first.headers.etag) })).status,
      ).toBe(304);
      await a.api(`/api/events/${created.id}`, { method: 'PATCH', json: { title: 'After' } });
      const second = await get(b.url + path, { 'if-none-match': String(first.headers.etag) });
      expect(second.status).toBe(200);
      expect(second.body.toString()).toContain('SUMMARY:After');
      expect(cacheB.builds).toBe(2);
    } finally {
      await a.close();
      await b.close();
      await storeA.close();
      await storeB.close();
    }
  });
});
