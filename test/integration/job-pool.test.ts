/**
 * The worker pool for heavy work (src/adapters/jobs): the same results as running inline on
 * every corpus file; a job over its time limit killed and answered with a code while other
 * requests are served; a full queue refused with 503 busy and Retry-After; a crashed or
 * memory-hungry worker replaced, and the next job done.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineJobs } from '../../src/adapters/jobs/jobs.js';
import { createJobPool, type JobPool } from '../../src/adapters/jobs/pool.js';
import { IMPORT_ASK_PAGE, IMPORT_ASK_WINDOW } from '../../src/adapters/jobs/work.js';
import { AppError } from '../../src/core/errors.js';
import type { CalendarEvent } from '../../src/core/events.js';
import { DEFAULT_POLICY } from '../../src/core/policy.js';
import type { Clock, Ids, Store } from '../../src/core/ports.js';
import { POOLED_INVITE_BATCH } from '../../src/core/invite-batch.js';
import { LINK_BATCH } from '../../src/core/usecases/import-calendar.js';
import { feedTimeZone } from '../../src/core/usecases/publish-feed.js';
import { mails } from '../../src/core/usecases/schedule-event.js';
import { hashSecret } from '../../src/adapters/auth/secrets.js';
import { makeStore, startTestApp } from '../support/app.js';
import { generateCalendar } from '../support/big-calendar.js';

const CORPUS = resolve(import.meta.dirname, '../../../shared/ics-corpus');
const files = readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ics'))
  .sort();
const PUBLIC_URL = 'https://meet.example.org';

/** Ids from a counter: two stores fed the same calls hand out the same links. */
function countingIds(): Ids {
  let n = 0;
  return {
    randomBytes(length) {
      const bytes = new Uint8Array(length);
      let v = ++n;
      for (let i = 0; i < length && v > 0; i++, v = Math.floor(v / 256)) bytes[i] = v % 256;
      return bytes;
    },
  };
}
type LinkDepsOf = Parameters<JobPool['importBytes']>[0];
const fixedClock: Clock = { now: () => new Date('2026-06-01T09:00:00Z') };
/** A store's link deps: two stores fed the same calls hand out the same links. */
const linkDeps = (store: Store): LinkDepsOf => ({
  store,
  clock: fixedClock,
  ids: countingIds(),
  publicUrl: PUBLIC_URL,
  policy: DEFAULT_POLICY,
});

type TestStore = Awaited<ReturnType<typeof makeStore>>;

/** Two fresh SQLite stores for `run` (one for inline, one for the pool), closed and removed after. */
async function withTwoStores(run: (a: TestStore, b: TestStore) => Promise<void>): Promise<void> {
  const a = await makeStore('sqlite');
  const b = await makeStore('sqlite');
  try {
    await run(a, b);
  } finally {
    for (const { store, cleanup } of [a, b]) {
      await store.close();
      cleanup();
    }
  }
}

/** A result, or the code and message it was refused with. */
const settle = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ value }),
    (error: unknown) =>
      error instanceof AppError ? { code: error.code, message: error.message } : { error },
  );

const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    return error instanceof AppError ? { code: error.code, message: error.message } : error;
  }
  return undefined;
};

function sampleEvent(i: number): CalendarEvent {
  const at = new Date('2026-03-01T12:00:00Z');
  return {
    id: `ev${i}`,
    uid: `ev${i}@meet.example.org`,
    sequence: i % 3,
    linkId: `link${String(i).padStart(24, '0')}`,
    teamId: 'team',
    ownerId: null,
    title: `Weekly review ${i} ✓, with; commas`,
    start: '2026-03-10T09:00:00',
    end: '2026-03-10T10:00:00',
    timeZone: i % 2 ? 'Europe/Berlin' : 'America/New_York',
    organizer: { name: 'Ann', email: 'ann@example.org' },
    attendees: [{ name: 'Bo', email: 'bo@example.org' }],
    description: i % 2 ? 'Agenda:\n1. Mockups' : null,
    recurrence: i % 2 ? 'RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=8' : null,
    lastEnd: i % 2 ? new Date('2026-04-28T08:00:00Z') : new Date('2026-03-10T14:00:00Z'),
    overrides: [],
    status: i % 5 === 4 ? 'cancelled' : 'confirmed',
    createdAt: at,
    updatedAt: at,
    cancelledAt: i % 5 === 4 ? at : null,
  };
}

describe('the job pool', () => {
  let pool: JobPool;
  beforeAll(() => {
    pool = createJobPool({ workers: 1, queue: 4, timeoutMs: 60_000, maxMemoryMb: 512 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('gives the same import and lint results as inline on every corpus file', async () => {
    expect(files.length).toBeGreaterThan(10);
    const inline = inlineJobs();
    await withTwoStores(async (a, b) => {
      const depsA = linkDeps(a.store);
      const depsB = linkDeps(b.store);
      for (const file of files) {
        const text = readFileSync(join(CORPUS, file), 'utf8');
        for (const options of [
          { mode: 'all' as const },
          { mode: 'missing' as const, futureOnly: true, attendeesOnly: true },
          { mode: 'all' as const, summary: 'e*', dryRun: true },
        ]) {
          const want = await settle(inline.importCalendar(depsA, text, options, null));
          const got = await settle(pool.importCalendar(depsB, text, options, null));
          expect(got, `${file} ${JSON.stringify(options)}`).toEqual(want);
        }
        expect(await pool.lint(text, {}), file).toEqual(await inline.lint(text, {}));
      }
    });
  }, 300_000);

  it('imports from bytes the same as inline on every corpus file, and the same as from text', async () => {
    const inline = inlineJobs();
    const stores = [
      await makeStore('sqlite'),
      await makeStore('sqlite'),
      await makeStore('sqlite'),
    ];
    try {
      const [a, b, c] = stores.map(({ store }) => linkDeps(store)) as [
        LinkDepsOf,
        LinkDepsOf,
        LinkDepsOf,
      ];
      /** A settled importBytes with its bytes as hex, to compare with toEqual. */
      const hex = (r: object) => {
        const v = (r as { value?: { bytes?: Uint8Array } }).value;
        return v?.bytes ? { value: { ...v, bytes: Buffer.from(v.bytes).toString('hex') } } : r;
      };
      for (const file of files) {
        const bytes = readFileSync(join(CORPUS, file));
        for (const options of [{ mode: 'all' as const }, { mode: 'missing' as const }]) {
          const want = hex(await settle(inline.importBytes(a, { bytes }, options, null)));
          const got = hex(await settle(pool.importBytes(b, { bytes }, options, null)));
          expect(got, `${file} ${JSON.stringify(options)}`).toEqual(want);
          const fromText = await settle(
            inline.importCalendar(c, bytes.toString('utf8'), options, null),
          );
          const asText = (fromText as { value?: { text: string } }).value?.text;
          if (asText !== undefined) {
            expect((want as { value?: { bytes: string } }).value?.bytes, file).toBe(
              Buffer.from(asText, 'utf8').toString('hex'),
            );
          }
        }
      }
      // Refusals come back with their codes from the worker as from inline.
      const latin = Buffer.from('BEGIN:VCALENDAR\r\nX:\xe9\r\nEND:VCALENDAR\r\n', 'latin1');
      for (const body of [
        { bytes: latin },
        { bytes: Buffer.from('BEGIN:VCALENDAR\r\n'), charset: 'iso-8859-1' },
        { bytes: Buffer.alloc(0) },
      ]) {
        expect(await settle(pool.importBytes(b, body, { mode: 'all' }, null))).toEqual(
          await settle(inline.importBytes(a, body, { mode: 'all' }, null)),
        );
      }
    } finally {
      for (const { store, cleanup } of stores) {
        await store.close();
        cleanup();
      }
    }
  }, 300_000);

  it('links a calendar of many pages (a message per IMPORT_ASK_PAGE groups) as inline does, dry runs counted over every page; moves bytes given up', async () => {
    const inline = inlineJobs();
    await withTwoStores(async (a, b) => {
      const [depsA, depsB] = [linkDeps(a.store), linkDeps(b.store)];
      const bytes = Buffer.from(generateCalendar(1200), 'utf8');
      const run = async (options: { mode: 'all'; dryRun?: boolean }) => {
        const want = await inline.importBytes(depsA, { bytes }, options, null);
        const got = await pool.importBytes(depsB, { bytes }, options, null);
        expect(got.summary).toEqual(want.summary);
        expect(Buffer.from(got.bytes).equals(Buffer.from(want.bytes))).toBe(true);
        return got;
      };
      const dry = await run({ mode: 'all', dryRun: true });
      expect(dry.summary.series).toBeGreaterThan(3 * IMPORT_ASK_PAGE); // four pages or more
      expect(dry.summary.newLinks).toBe(dry.summary.series); // every page counted, once
      expect(Buffer.from(dry.bytes).equals(bytes)).toBe(true);
      const first = await run({ mode: 'all' });
      expect(first.summary.newLinks).toBe(first.summary.series);
      const links = new Set(
        Buffer.from(first.bytes)
          .toString('utf8')
          .replace(/\r\n[ \t]/g, '')
          .match(/https:\/\/meet\.example\.org\/j\/\w+/g),
      );
      expect(links.size).toBe(first.summary.series);
      const again = await run({ mode: 'all' });
      expect(again.summary.newLinks).toBe(0);
      expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);

      // Bytes the caller gives up are moved to the worker (left empty here), and the answer is
      // the same: a changed calendar, and an unchanged one (a dry run) as its own bytes.
      for (const options of [{ mode: 'all' as const }, { mode: 'all' as const, dryRun: true }]) {
        const given = Buffer.from(bytes);
        const got = await pool.importBytes(depsB, { bytes: given, giveUp: true }, options, null);
        expect(given.byteLength).toBe(0);
        const want = options.dryRun ? bytes : Buffer.from(first.bytes);
        expect(Buffer.from(got.bytes).equals(want)).toBe(true);
      }
      // A view into a larger buffer is copied, never moved (the rest of the buffer is not ours).
      const shared = Buffer.concat([Buffer.from('x'), bytes]).subarray(1);
      const got = await pool.importBytes(
        depsB,
        { bytes: shared, giveUp: true },
        { mode: 'all' },
        null,
      );
      expect(shared.byteLength).toBe(bytes.byteLength);
      expect(Buffer.from(got.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    });
  }, 120_000);

  it('stops linking at a store failure mid-import as inline does, though later pages were sent ahead', async () => {
    // The worker sends IMPORT_ASK_WINDOW pages ahead of their turn: the ones waiting when a
    // page fails must never be linked (inline stops at the failed batch; so must the pool).
    expect(IMPORT_ASK_WINDOW).toBeGreaterThan(1);
    const failAt = Math.ceil(IMPORT_ASK_PAGE / LINK_BATCH) + 2; // in the second page
    /** The store, its transactions counted, the failAt-th failing. */
    const failing = (store: Store) => {
      const seen = { transactions: 0 };
      const wrapped = new Proxy(store, {
        get(target, prop, receiver) {
          if (prop !== 'transaction') return Reflect.get(target, prop, receiver) as unknown;
          return (fn: Parameters<Store['transaction']>[0]) => {
            if (++seen.transactions === failAt)
              return Promise.reject(new Error('disk I/O error (test)'));
            return target.transaction(fn);
          };
        },
      });
      return { store: wrapped, seen };
    };
    const inline = inlineJobs();
    await withTwoStores(async (a, b) => {
      const [fa, fb] = [failing(a.store), failing(b.store)];
      const [depsA, depsB] = [linkDeps(fa.store), linkDeps(fb.store)];
      const bytes = Buffer.from(generateCalendar(1200), 'utf8');
      const want = await rejection(inline.importBytes(depsA, { bytes }, { mode: 'all' }, null));
      const got = await rejection(pool.importBytes(depsB, { bytes }, { mode: 'all' }, null));
      expect(want).toBeInstanceOf(Error);
      expect((got as Error).message).toBe((want as Error).message);
      // Nothing linked after the failure, even a moment later: the same transactions as inline.
      await new Promise((r) => setTimeout(r, 300));
      expect(fb.seen.transactions).toBe(failAt);
      expect(fa.seen.transactions).toBe(failAt);
      // What was linked before the failure is kept, so importing again creates only the rest
      // and gives the same calendar as inline.
      const again = [
        await inline.importBytes(depsA, { bytes }, { mode: 'all' }, null),
        await pool.importBytes(depsB, { bytes }, { mode: 'all' }, null),
      ];
      expect(again[1]?.summary).toEqual(again[0]?.summary);
      expect(again[1]?.summary.newLinks).toBe(again[1]!.summary.series - (failAt - 1) * LINK_BATCH);
      expect(Buffer.from(again[1]!.bytes).equals(Buffer.from(again[0]!.bytes))).toBe(true);
    });
  }, 120_000);

  it('refuses a link a calendar cannot carry as inline does, with every page linked as inline links them, and does the next job', async () => {
    // The worker writes each page's links in as they come, while later pages are linked. A
    // link that cannot be written fails the job with inline's error, not the worker; and only
    // once every page is linked, as inline links all before it writes any (so importing again
    // finds the same links: newLinks 0 on both).
    const inline = inlineJobs();
    await withTwoStores(async (a, b) => {
      // One set of deps per store, so its ids go on counting after the refused import.
      const [depsA, depsB] = [linkDeps(a.store), linkDeps(b.store)];
      const bad = (deps: LinkDepsOf) => ({ ...deps, publicUrl: 'https://meet.example.org/a b' });
      const bytes = Buffer.from(generateCalendar(3 * IMPORT_ASK_PAGE), 'utf8');
      const want = await rejection(
        inline.importBytes(bad(depsA), { bytes }, { mode: 'all' }, null),
      );
      const got = await rejection(pool.importBytes(bad(depsB), { bytes }, { mode: 'all' }, null));
      expect(want).toMatchObject({ code: 'internal' });
      expect(got).toEqual(want);
      const next = await pool.importBytes(depsB, { bytes }, { mode: 'all' }, null);
      const same = await inline.importBytes(depsA, { bytes }, { mode: 'all' }, null);
      expect(next.summary).toEqual(same.summary);
      expect(Buffer.from(next.bytes).equals(Buffer.from(same.bytes))).toBe(true);
    });
  }, 120_000);

  it('builds the same feed bytes as inline', async () => {
    const input = {
      name: 'Team ✓',
      timeZone: 'Europe/Berlin',
      events: Array.from({ length: 40 }, (_, i) => ({
        event: sampleEvent(i),
        linkUrl: `${PUBLIC_URL}/j/link${i}`,
      })),
    };
    const want = await inlineJobs().feed(input);
    const got = await pool.feed(input);
    expect(got.length).toBeGreaterThan(10_000);
    expect(got.equals(want)).toBe(true);
  });

  it('builds the same bytes as inline for a feed sent in pages (1,234 events), and for none', async () => {
    for (const length of [1234, 0]) {
      const input = {
        name: 'Big team',
        timeZone: 'America/New_York',
        events: Array.from({ length }, (_, i) => ({
          event: sampleEvent(i),
          linkUrl: `${PUBLIC_URL}/j/link${i}`,
        })),
      };
      const want = await inlineJobs().feed(input);
      const got = await pool.feed(input);
      expect(got.equals(want), `${length} events`).toBe(true);
    }
  });

  it('builds a feed from pages as they come, the same bytes and time zone as inline', async () => {
    // The first page all in Tokyo, the rest (more of them) in Berlin: the feed's zone is Berlin.
    const events = Array.from({ length: 2100 }, (_, i) => ({
      event: { ...sampleEvent(i), timeZone: i < 1000 ? 'Asia/Tokyo' : 'Europe/Berlin' },
      linkUrl: `${PUBLIC_URL}/j/link${i}`,
    }));
    async function* pages() {
      for (let at = 0; at < events.length; at += 1000) {
        await new Promise((r) => setTimeout(r, 5)); // as a store reads them
        yield events.slice(at, at + 1000);
      }
    }
    const want = await inlineJobs().feed({
      name: 'Paged team',
      timeZone: feedTimeZone(events),
      events,
    });
    expect(feedTimeZone(events)).toBe('Europe/Berlin');
    expect((await pool.feedPages('Paged team', pages())).equals(want)).toBe(true);
    expect((await inlineJobs().feedPages('Paged team', pages())).equals(want)).toBe(true);
  });

  it('ends a feed job at once when its pages stop coming (the store failed), and does the next', async () => {
    async function* failing() {
      yield [{ event: sampleEvent(1), linkUrl: `${PUBLIC_URL}/j/link1` }];
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('the store went away');
    }
    // The pool's time limit is a minute: waiting for it would time this test out.
    await expect(pool.feedPages('Team', failing())).rejects.toThrow('the store went away');
    const next = await pool.feed({ name: 'Team', timeZone: 'UTC', events: [] });
    expect(next.toString('utf8')).toContain('BEGIN:VCALENDAR');
    expect(pool.stats()).toMatchObject({ running: 0, queued: 0 });
  }, 20_000);

  it('builds the same invite batches as inline, byte for byte, for every kind of change', async () => {
    const attendees = Array.from({ length: 3 * POOLED_INVITE_BATCH }, (_, i) => ({
      name: i % 4 ? `Person ${i} "Ø" \\ Ünal` : '',
      email: `p${i}@example.org`,
    }));
    const cases = [
      { event: { ...sampleEvent(1), attendees, language: 'de' }, kind: 'invite' as const },
      { event: { ...sampleEvent(2), attendees, language: 'fr' }, kind: 'update' as const },
      {
        event: { ...sampleEvent(3), attendees },
        kind: 'update' as const,
        occurrence: '2026-03-17T09:00:00',
      },
      { event: { ...sampleEvent(4), attendees, language: 'es' }, kind: 'cancel' as const },
    ];
    await withTwoStores(async (a, b) => {
      const deps = (store: typeof a.store) => ({ ...linkDeps(store), mail: true, hashSecret });
      const inline = deps(a.store);
      const pooled = { ...deps(b.store), inviteBatch: pool.invites };
      let sent = 0;
      const batch = pool.invites;
      pooled.inviteBatch = async (x) => {
        sent++;
        return batch(x);
      };
      for (const c of cases) {
        const label = `${c.kind} ${c.occurrence ?? ''}`;
        const want = await mails(inline, c.event as CalendarEvent, c.kind, c.occurrence);
        const got = await mails(pooled, c.event as CalendarEvent, c.kind, c.occurrence);
        expect(want, label).toHaveLength(attendees.length);
        expect(got, label).toEqual(want);
        // Each attendee (but on a cancel) has their own link and answer buttons.
        const links = new Set(want.map((m) => /invite=(iv[\w-]+)/.exec(m.text)?.[1]));
        expect(links.size, label).toBe(c.kind === 'cancel' ? 1 : attendees.length);
      }
      expect(sent).toBe(cases.length); // every batch went through the pool
      // A small batch stays on the loop: a round trip behind an import is not worth 2 ms.
      const small = { ...sampleEvent(5), status: 'confirmed' as const };
      await mails(pooled, small, 'invite');
      expect(sent).toBe(cases.length);
    });
  });

  it('expands occurrences as inline does', async () => {
    const event = sampleEvent(1);
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2027-01-01T00:00:00Z');
    const want = await inlineJobs().occurrences(event, from, to);
    expect(want).toHaveLength(8);
    expect(await pool.occurrences(event, from, to)).toEqual(want);
  });
});

describe('a job past its limits', () => {
  it('kills an import over its time limit with job_timeout while other requests are served', async () => {
    const pool = createJobPool({ workers: 1, queue: 4, timeoutMs: 200, maxMemoryMb: 512 });
    const app = await startTestApp({ overrides: { jobs: pool } });
    try {
      const big = generateCalendar(10_000);
      let answered = false;
      const importing = app
        .api('/api/import?mode=all', {
          method: 'POST',
          headers: { 'content-type': 'text/calendar' },
          body: big,
        })
        .then(async (res) => {
          answered = true;
          return [res.status, await res.json()] as const;
        });
      // Wait until the worker has the job, then the event loop must still answer.
      await expect.poll(() => pool.stats().running, { timeout: 30_000, interval: 5 }).toBe(1);
      const health = await fetch(`${app.url}/healthz`);
      expect(health.status).toBe(200);
      expect(answered).toBe(false);
      const [status, body] = await importing;
      expect(status).toBe(413);
      expect(body).toMatchObject({ error: { code: 'job_timeout' } });
      expect(pool.stats().killed.timeout).toBe(1);
      // A fresh worker took its place: the next job is done.
      const lint = await app.api('/api/lint', {
        method: 'POST',
        headers: { 'content-type': 'text/calendar' },
        body: generateCalendar(2),
      });
      expect(lint.status).toBe(200);
      const metrics = await (await fetch(`${app.url}/metrics`)).text();
      expect(metrics).toContain('callink_jobs_killed_total{reason="timeout"} 1');
      expect(metrics).toMatch(/callink_event_loop_delay_p99_seconds \d/);
      expect(metrics).toMatch(/callink_event_loop_delay_max_seconds \d/);
      expect(metrics).toContain('callink_jobs_queued 0');
    } finally {
      await app.close();
      await pool.close();
    }
  }, 120_000);

  it('answers 503 busy with Retry-After when the queue is full, and works once it drains', async () => {
    const pool = createJobPool({
      workers: 1,
      queue: 1,
      timeoutMs: 1500,
      maxMemoryMb: 512,
      testJobs: true,
    });
    const app = await startTestApp({ overrides: { jobs: pool } });
    try {
      const running = rejection(pool.runTestJob('spin'));
      await expect.poll(() => pool.stats().running, { timeout: 30_000, interval: 5 }).toBe(1);
      const waiting = rejection(pool.runTestJob('spin'));
      expect(pool.stats().queued).toBe(1);
      const res = await app.api('/api/lint', {
        method: 'POST',
        headers: { 'content-type': 'text/calendar' },
        body: generateCalendar(2),
      });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await res.json()).toMatchObject({ error: { code: 'busy' } });
      // A feed large enough to go in pages is refused the same way (and its refusal is
      // answered, not left as an unhandled rejection that would end the process).
      const big = {
        name: 'Big team',
        timeZone: 'UTC',
        events: Array.from({ length: 1200 }, (_, i) => ({
          event: sampleEvent(i),
          linkUrl: `${PUBLIC_URL}/j/link${i}`,
        })),
      };
      expect(await rejection(pool.feed(big))).toMatchObject({ code: 'busy' });
      expect(await running).toMatchObject({ code: 'job_timeout' });
      expect(await waiting).toMatchObject({ code: 'job_timeout' });
      const again = await app.api('/api/lint', {
        method: 'POST',
        headers: { 'content-type': 'text/calendar' },
        body: generateCalendar(2),
      });
      expect(again.status).toBe(200);
      expect(pool.stats()).toMatchObject({ refused: 2, killed: { timeout: 2 } });
    } finally {
      await app.close();
      await pool.close();
    }
  }, 120_000);

  it('replaces a crashed worker and does the next job', async () => {
    const pool = createJobPool({
      workers: 1,
      queue: 4,
      timeoutMs: 30_000,
      maxMemoryMb: 512,
      testJobs: true,
    });
    try {
      expect(await rejection(pool.runTestJob('crash'))).toMatchObject({ code: 'job_failed' });
      expect(pool.stats().killed.crash).toBe(1);
      const report = await pool.lint(generateCalendar(3), {});
      expect(report).toMatchObject({ events: 3 });
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('stops a job over its memory limit with job_memory and does the next job', async () => {
    const pool = createJobPool({
      workers: 1,
      queue: 4,
      timeoutMs: 60_000,
      maxMemoryMb: 64,
      testJobs: true,
    });
    try {
      expect(await rejection(pool.runTestJob('hog'))).toMatchObject({ code: 'job_memory' });
      expect(pool.stats().killed.memory).toBe(1);
      expect(await pool.lint(generateCalendar(3), {})).toMatchObject({ events: 3 });
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('refuses the test-only jobs in a pool made without testJobs', async () => {
    const pool = createJobPool({ workers: 1, queue: 4, timeoutMs: 30_000, maxMemoryMb: 512 });
    try {
      expect(await rejection(pool.runTestJob('crash'))).toMatchObject({ code: 'bad_request' });
      expect(pool.stats().killed.crash).toBe(0);
    } finally {
      await pool.close();
    }
  });
});
