/**
 * `callink caldav sync` against a real Radicale started here: links added in place to upcoming
 * events, idempotent, If-Match with a re-read on 412, and one-line errors for an unreachable
 * server or a refused password.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalDavSource } from '../../src/adapters/caldav/source.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite.js';
import { cryptoIds, systemClock } from '../../src/adapters/system/clock.js';
import { runCli } from '../../src/cli.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import { syncCalendar } from '../../src/core/usecases/sync-calendar.js';
import { LINK_RE, PUBLIC_URL, readWithIcalJs } from '../support/ics-check.js';
import { freePort, waitFor } from '../support/net.js';
import { basic, startRadicale, type Radicale } from '../support/radicale.js';
import { cliWith } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'callink-caldav-'));
const env = { CALLINK_DATA_DIR: join(dir, 'data'), CALLINK_PUBLIC_URL: PUBLIC_URL };
const ROOT = join(import.meta.dirname, '..', '..');

const cli = cliWith(env);

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000);
const vevent = (uid: string, start: Date, ...lines: string[]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//callink test//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(new Date(start.getTime() + 3_600_000))}`,
    ...lines,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

async function put(url: string, body: string, user = 'alice'): Promise<void> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'text/calendar; charset=utf-8', authorization: basic(user) },
    body,
  });
  if (res.status >= 300) throw new Error(`PUT ${url}: ${res.status}`);
}

async function get(url: string): Promise<{ etag: string | null; text: string }> {
  const res = await fetch(url, { headers: { authorization: basic('alice') } });
  return { etag: res.headers.get('etag'), text: await res.text() };
}

describe('callink caldav sync against Radicale', () => {
  let radicale: Radicale;
  let cal: string;

  beforeAll(async () => {
    radicale = await startRadicale();
    cal = await radicale.makeCalendar('alice', 'work');
    await put(`${cal}soon.ics`, vevent('soon@test', inDays(2), 'SUMMARY:Planning'));
    await put(
      `${cal}weekly.ics`,
      vevent('weekly@test', inDays(-14), 'SUMMARY:Weekly', 'RRULE:FREQ=WEEKLY;COUNT=10'),
    );
    await put(`${cal}past.ics`, vevent('past@test', inDays(-30), 'SUMMARY:Old'));
    await put(
      `${cal}teams.ics`,
      vevent(
        'teams@test',
        inDays(3),
        'SUMMARY:Vendor',
        'X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/1',
      ),
    );
  });
  afterAll(async () => {
    await radicale?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports what a dry run would change and changes nothing', async () => {
    const before = await get(`${cal}soon.ics`);
    const r = await cli(
      'caldav',
      'sync',
      '--url',
      cal,
      '--user',
      'alice',
      '--password',
      'x',
      '--dry-run',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      dryRun: true,
      objects: 3,
      updated: 2,
      linked: 2,
      hadOtherCall: 1,
    });
    expect((await get(`${cal}soon.ics`)).etag).toBe(before.etag);
  });

  it('adds links in place to upcoming events only', async () => {
    const past = await get(`${cal}past.ics`);
    const teams = await get(`${cal}teams.ics`);
    const r = await cli('caldav', 'sync', '--url', cal, '--user', 'alice', '--password', 'x');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(
      'caldav sync: 3 upcoming calendar objects; 2 updated (2 events, 2 new links); 1 carry another call.',
    );
    for (const name of ['soon', 'weekly']) {
      const [ev] = readWithIcalJs((await get(`${cal}${name}.ics`)).text);
      expect(ev?.conference[0], name).toMatch(LINK_RE);
      expect(ev?.location).toMatch(LINK_RE);
    }
    expect(await get(`${cal}past.ics`)).toEqual(past);
    expect(await get(`${cal}teams.ics`)).toEqual(teams);
  });

  it('changes nothing on a second run', async () => {
    const before = await get(`${cal}soon.ics`);
    const r = await cli(
      'caldav',
      'sync',
      '--url',
      cal,
      '--user',
      'alice',
      '--password',
      'x',
      '--json',
    );
    expect(JSON.parse(r.out)).toMatchObject({ updated: 0, alreadyLinked: 2, newLinks: 0 });
    expect(await get(`${cal}soon.ics`)).toEqual(before);
  });

  it('reads an object again when it changed after it was listed (412) and keeps both edits', async () => {
    const url = `${cal}race.ics`;
    await put(url, vevent('race@test', inDays(5), 'SUMMARY:Before'));
    const source = createCalDavSource({ url: cal, username: 'alice', password: 'x' });
    const stale = await source.list({ start: new Date(), end: inDays(30) });
    // Someone edits the event between our read and our write.
    await put(url, vevent('race@test', inDays(5), 'SUMMARY:Edited meanwhile'));
    const store = await createSqliteStore({ dataDir: join(dir, 'race') });
    try {
      const summary = await syncCalendar(
        {
          store,
          clock: systemClock,
          ids: cryptoIds,
          publicUrl: PUBLIC_URL,
          policy: DEFAULT_POLICY,
          source: { ...source, list: async () => stale.filter((o) => o.url === url) },
        },
        { mode: 'missing' },
      );
      expect(summary).toMatchObject({ updated: 1, retried: 1, failed: [] });
    } finally {
      await store.close();
    }
    const text = (await get(url)).text;
    expect(text).toContain('SUMMARY:Edited meanwhile');
    expect(readWithIcalJs(text)[0]?.conference[0]).toMatch(LINK_RE);
  });

  it('reads attendees’ answers (PARTSTAT) back into callink’s own events, once', async () => {
    // A server that does scheduling (iCloud, Fastmail, Nextcloud) writes each attendee's
    // answer into the organizer's copy; here that copy is put as such a server leaves it.
    const store = await createSqliteStore({ dataDir: join(dir, 'answers') });
    const start = inDays(4);
    try {
      await store.events.insert({
        id: 'ev-answers',
        uid: 'answers@callink.test',
        sequence: 1,
        linkId: 'link-answers',
        teamId: null,
        ownerId: null,
        title: 'Answers',
        start: start.toISOString().slice(0, 19),
        end: new Date(start.getTime() + 3_600_000).toISOString().slice(0, 19),
        timeZone: 'UTC',
        organizer: { name: 'Alice', email: 'alice@example.org' },
        attendees: [
          { name: 'Bob', email: 'bob@example.org' },
          { name: 'Cy', email: 'cy@example.org' },
          { name: 'Di', email: 'di@example.org' },
        ],
        description: null,
        recurrence: null,
        overrides: [],
        status: 'confirmed',
        createdAt: new Date(),
        updatedAt: new Date(),
        cancelledAt: null,
        lastEnd: null,
      });
      await put(
        `${cal}answers.ics`,
        vevent(
          'answers@callink.test',
          start,
          'SUMMARY:Answers',
          'SEQUENCE:1',
          'ORGANIZER;CN=Alice:mailto:alice@example.org',
          'ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED;SCHEDULE-STATUS=2.0:mailto:bob@example.org',
          'ATTENDEE;CN=Cy;PARTSTAT=DECLINED:mailto:CY@example.org',
          'ATTENDEE;CN=Di;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:di@example.org',
          'ATTENDEE;CN=Eve;PARTSTAT=ACCEPTED:mailto:eve@example.org',
        ),
      );
      const source = createCalDavSource({ url: cal, username: 'alice', password: 'x' });
      const deps = {
        store,
        clock: systemClock,
        ids: cryptoIds,
        publicUrl: PUBLIC_URL,
        policy: DEFAULT_POLICY,
        source,
      };
      expect((await syncCalendar(deps, { mode: 'missing' })).answers).toBe(2);
      expect(
        (await store.rsvps.list('ev-answers')).map((r) => [r.email, r.rsvp, r.source]),
      ).toEqual([
        ['bob@example.org', 'accepted', 'caldav'],
        ['cy@example.org', 'declined', 'caldav'],
      ]);
      expect((await syncCalendar(deps, { mode: 'missing' })).answers).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('watches: links an event added later, then stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'callink.js'), 'caldav', 'sync', '--url', cal, '--watch', '1s'],
      {
        cwd: ROOT,
        env: { ...process.env, ...env, CALLINK_CALDAV_USER: 'alice', CALLINK_CALDAV_PASSWORD: 'x' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(() => out.includes('caldav sync:'), {
        timeoutMs: 20000,
        what: 'a first round',
      });
      await put(`${cal}later.ics`, vevent('later@test', inDays(1), 'SUMMARY:Added later'));
      await waitFor(async () => LINK_RE.test((await get(`${cal}later.ics`)).text), {
        timeoutMs: 15000,
        what: 'the watcher to link the new event',
      });
    } finally {
      const code = await new Promise<number | null>((resolve) => {
        child.once('exit', (c) => resolve(c));
        child.kill('SIGTERM');
      });
      expect(code, out).toBe(0);
    }
  });

  it('fails in one line with a non-zero exit when the server is unreachable or the URL wrong', async () => {
    const port = await freePort();
    const down = await cli('caldav', 'sync', '--url', `http://127.0.0.1:${port}/alice/work/`);
    expect(down.code).toBe(69);
    expect(down.err).toBe(
      `callink: Cannot reach the CalDAV server at http://127.0.0.1:${port} (ECONNREFUSED).\n`,
    );
    const missing = await cli(
      'caldav',
      'sync',
      '--url',
      `${radicale.origin}/alice/nope/`,
      '--user',
      'alice',
    );
    expect(missing.code).toBe(66);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('callink caldav sync with a password', () => {
  let radicale: Radicale;
  let cal: string;

  beforeAll(async () => {
    radicale = await startRadicale({ users: { bob: 'right-horse-battery' } });
    cal = await radicale.makeCalendar('bob', 'work', 'right-horse-battery');
    const res = await fetch(`${cal}soon.ics`, {
      method: 'PUT',
      headers: {
        'content-type': 'text/calendar',
        authorization: basic('bob', 'right-horse-battery'),
      },
      body: vevent('pw@test', inDays(2), 'SUMMARY:Secret'),
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await radicale?.stop();
  });

  it('refuses a wrong password in one line without printing it', async () => {
    const r = await cli(
      'caldav',
      'sync',
      '--url',
      cal,
      '--user',
      'bob',
      '--password',
      'wrong-staple-9',
    );
    expect(r.code).toBe(77);
    expect(r.err).toBe(
      `callink: The CalDAV server at ${radicale.origin} refused the user name or password.\n`,
    );
    expect(r.out + r.err).not.toContain('wrong-staple-9');
  });

  it('works with the right password from the environment', async () => {
    let out = '';
    const code = await runCli(
      ['caldav', 'sync', '--url', cal],
      { ...env, CALLINK_CALDAV_USER: 'bob', CALLINK_CALDAV_PASSWORD: 'right-horse-battery' },
      { out: (t) => (out += t), err: (t) => (out += t) },
    );
    expect(code).toBe(0);
    expect(out).toContain('1 updated');
    expect(out).not.toContain('right-horse-battery');
  });
});
