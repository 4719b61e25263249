/**
 * Invites by mail through a real SMTP server on loopback: the raw MIME is what Outlook, Gmail
 * and Apple Mail treat as an invitation, and the outbox keeps mail across failures and restarts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startOutboxWorker } from '../../src/adapters/mail/outbox-worker.js';
import { createSmtpSender } from '../../src/adapters/mail/transport.js';
import { createSqliteStore } from '../../src/adapters/store/sqlite.js';
import { lintCalendar } from '../../src/core/ics/lint.js';
import type { Clock, Store } from '../../src/core/ports.js';
import { startTestApp } from '../support/app.js';
import { readWithIcalJs, readWithPython } from '../support/calendar-readers.js';
import { freePort } from '../support/net.js';
import { mimePart, startSmtp } from '../support/smtp.js';

const dir = mkdtempSync(join(tmpdir(), 'callink-mail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logger = pino({ level: 'silent' });
const event = {
  title: 'Kickoff',
  start: '2026-09-01T15:00',
  end: '2026-09-01T16:00',
  timeZone: 'Europe/London',
  organizer: { name: 'Ann', email: 'ann@example.org' },
  attendees: [
    { name: 'Bob', email: 'bob@example.org' },
    { name: 'Cy', email: 'cy@example.org' },
  ],
};

function worker(store: Store, url: string, clock: Clock = { now: () => new Date() }) {
  return startOutboxWorker({
    store,
    clock,
    sender: createSmtpSender({ url, from: 'callink <callink@example.org>' }),
    logger,
    intervalMs: 0,
  });
}

describe('invites by mail', () => {
  it('mails each attendee a multipart/alternative invite with text/calendar; method=…', async () => {
    const smtp = await startSmtp();
    const app = await startTestApp({ env: { CALLINK_SMTP_URL: smtp.url } });
    const w = worker(app.store, smtp.url);
    try {
      const created = (await (
        await app.api('/api/events', { method: 'POST', json: event })
      ).json()) as { id: string; uid: string; linkUrl: string };
      expect(await w.drain()).toBe(2);
      expect(smtp.messages.map((m) => m.to).sort()).toEqual([
        ['bob@example.org'],
        ['cy@example.org'],
      ]);
      const raw = smtp.messages[0]!.raw;
      expect(raw).toMatch(/^Content-Type: multipart\/alternative;/m);
      expect(raw).toMatch(
        /^Subject: Invitation: Kickoff @ Tue 1 Sep 2026, 15:00 \(Europe\/London\)/m,
      );
      const cal = mimePart(raw, 'text/calendar');
      expect(cal?.headers).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
      expect(mimePart(raw, 'text/plain')?.body).toContain(created.linkUrl);
      expect(mimePart(raw, 'text/html')?.body).toContain(created.linkUrl);
      const ics = cal!.body;
      expect(lintCalendar(ics, { mimeMethod: 'REQUEST' }).problems).toEqual([]);
      expect(readWithIcalJs(ics).events[0]?.uid).toBe(created.uid);

      await app.api(`/api/events/${created.id}`, {
        method: 'PATCH',
        json: { start: '2026-09-01T16:00', end: '2026-09-01T17:00' },
      });
      await app.api(`/api/events/${created.id}`, { method: 'DELETE' });
      expect(await w.drain()).toBe(4);
      const later = smtp.messages.slice(2).map((m) => m.raw);
      const update = later.find((r) => /^Subject: Updated:/m.test(r)) as string;
      const cancel = later.find((r) => /^Subject: Cancelled:/m.test(r)) as string;
      expect(mimePart(update, 'text/calendar')?.headers).toMatch(/method=REQUEST/);
      expect(mimePart(cancel, 'text/calendar')?.headers).toMatch(/method=CANCEL/);
      const py = readWithPython([
        mimePart(update, 'text/calendar')!.body,
        mimePart(cancel, 'text/calendar')!.body,
      ]);
      expect(
        py.map((c) => [c.method, c.events[0]?.sequence, c.events[0]?.status, c.events[0]?.uid]),
      ).toEqual([
        ['REQUEST', 1, 'CONFIRMED', created.uid],
        ['CANCEL', 2, 'CANCELLED', created.uid],
      ]);
      expect(await app.store.outbox.pendingCount()).toBe(0);

      // Taking someone off the list sends them a CANCEL and the others an update.
      const second = (await (
        await app.api('/api/events', { method: 'POST', json: event })
      ).json()) as { id: string };
      await w.drain();
      const sentBefore = smtp.messages.length;
      await app.api(`/api/events/${second.id}`, {
        method: 'PATCH',
        json: { attendees: [event.attendees[0]] },
      });
      expect(await w.drain()).toBe(2);
      const latest = smtp.messages.slice(sentBefore);
      const toCy = latest.find((m) => m.to[0] === 'cy@example.org')!.raw;
      const toBob = latest.find((m) => m.to[0] === 'bob@example.org')!.raw;
      expect(mimePart(toCy, 'text/calendar')?.headers).toMatch(/method=CANCEL/);
      expect(mimePart(toBob, 'text/calendar')?.headers).toMatch(/method=REQUEST/);
      expect(readWithIcalJs(mimePart(toCy, 'text/calendar')!.body).events[0]?.attendees).toEqual([
        'mailto:cy@example.org',
      ]);
    } finally {
      await w.stop();
      await app.close();
      await smtp.close();
    }
  });

  it('keeps the event and the mail when SMTP is down, and sends after a restart', async () => {
    const port = await freePort();
    const url = `smtp://127.0.0.1:${port}`;
    let store = await createSqliteStore({ dataDir: dir });
    const app = await startTestApp({ store, env: { CALLINK_SMTP_URL: url } });
    const res = await app.api('/api/events', { method: 'POST', json: event });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const down = worker(store, url);
    expect(await down.drain()).toBe(0);
    await down.stop();
    const queued = await store.outbox.listForEvent(id);
    expect(queued.map((m) => [m.attempts, m.sentAt])).toEqual([
      [1, null],
      [1, null],
    ]);
    expect(queued[0]?.lastError).toBeTruthy();
    expect((await app.api(`/api/events/${id}`)).status).toBe(200);
    await app.close();
    await store.close();

    // A new process: the store is reopened from disk, the SMTP server is back.
    const smtp = await startSmtp(port);
    store = await createSqliteStore({ dataDir: dir });
    try {
      const early = worker(store, url);
      expect(await early.drain()).toBe(0); // still backing off
      await early.stop();
      const later = worker(store, url, { now: () => new Date(Date.now() + 60 * 60_000) });
      expect(await later.drain()).toBe(2);
      await later.stop();
      expect(smtp.messages).toHaveLength(2);
      expect((await store.outbox.listForEvent(id)).every((m) => m.sentAt !== null)).toBe(true);
      expect(await store.events.get(id)).toBeDefined();
    } finally {
      await store.close();
      await smtp.close();
    }
  });

  it('a refused address is retried forever: SMTP 550 moves that mail to the dead letters, with the reason in the API', async () => {
    const smtp = await startSmtp(0, { refuse: (a) => a === 'cy@example.org' });
    const app = await startTestApp({ env: { CALLINK_SMTP_URL: smtp.url } });
    const w = worker(app.store, smtp.url);
    try {
      const res = await app.api('/api/events', { method: 'POST', json: event });
      const { id } = (await res.json()) as { id: string };
      expect(await w.drain()).toBe(1);
      expect(smtp.messages.map((m) => m.to)).toEqual([['bob@example.org']]);
      // Long after any backoff: the refused mail is not tried again.
      const later = worker(app.store, smtp.url, { now: () => new Date(Date.now() + 86_400_000) });
      expect(await later.drain()).toBe(0);
      await later.stop();
      expect(await app.store.outbox.pendingCount()).toBe(0);
      const dead = await app.api('/api/outbox/dead');
      expect(dead.status).toBe(200);
      const body = (await dead.json()) as {
        mails: { eventId: string; to: string; attempts: number; reason: string; deadAt: string }[];
      };
      expect(body.mails).toHaveLength(1);
      expect(body.mails[0]).toMatchObject({
        eventId: id,
        to: '"Cy" <cy@example.org>',
        attempts: 1,
      });
      expect(body.mails[0]?.reason).toMatch(/550.*No such user/);
      expect(Date.parse(body.mails[0]?.deadAt ?? '')).toBeGreaterThan(0);
      expect(await (await app.api('/api/outbox')).json()).toEqual({ pending: 0 });
    } finally {
      await w.stop();
      await app.close();
      await smtp.close();
    }
  });

  it('duplicate invite mail: two workers and a slow SMTP server send each attendee one message', async () => {
    const smtp = await startSmtp(0, { delayMs: 600 });
    const app = await startTestApp({ env: { CALLINK_SMTP_URL: smtp.url } });
    const attendees = Array.from({ length: 6 }, (_, i) => ({
      name: `P${i}`,
      email: `p${i}@example.org`,
    }));
    // Leases far shorter than the batch takes at this server's pace: without owner tokens the
    // second worker would take over the tail of the first one's batch and both would send it.
    const make = () =>
      startOutboxWorker({
        store: app.store,
        clock: { now: () => new Date() },
        sender: createSmtpSender({ url: smtp.url, from: 'callink <callink@example.org>' }),
        logger,
        intervalMs: 0,
        leaseMs: 1000,
      });
    const a = make();
    const b = make();
    try {
      await app.api('/api/events', { method: 'POST', json: { ...event, attendees } });
      let done = false;
      const first = a.drain().finally(() => (done = true));
      let second = 0;
      while (!done) {
        second += await b.drain();
        await new Promise((r) => setTimeout(r, 100));
      }
      const total = (await first) + second + (await b.drain()) + (await a.drain());
      const to = smtp.messages.map((m) => m.to[0]).sort();
      expect(to).toEqual(attendees.map((p) => p.email).sort());
      expect(total).toBe(6);
      expect(second).toBeGreaterThan(0); // the second worker really took part
      expect(await app.store.outbox.pendingCount()).toBe(0);
    } finally {
      await a.stop();
      await b.stop();
      await app.close();
      await smtp.close();
    }
  });
});
