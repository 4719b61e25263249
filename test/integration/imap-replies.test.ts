/**
 * iTIP REPLYs read over IMAP from a real Dovecot on loopback: Outlook-, Gmail- and Apple-shaped
 * answers are matched by UID, RECURRENCE-ID, ATTENDEE and SEQUENCE; bad ones are skipped with a
 * reason the API shows; reading the mailbox again (even after a restart) changes nothing; a
 * mailbox that refuses the password or cannot be reached is said in /healthz and retried with
 * backoff.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mailboxBackoffMs,
  startReplyReader,
  type ReplyReader,
} from '../../src/adapters/imap/reply-reader.js';
import type { Store } from '../../src/core/ports.js';
import { makeStore, startTestApp, type TestApp } from '../support/app.js';
import { startImap, type TestImap } from '../support/imap.js';
import { freePort } from '../support/net.js';
import { replyCalendar, replyMail, type ReplyClient } from '../support/reply-mail.js';

const logger = pino({ level: 'silent' });
const clock = { now: () => new Date('2026-12-28T09:00:00Z') };
let imap: TestImap;
let store: Store;
let cleanup: () => void;
let app: TestApp;
let reader: ReplyReader;
let event: { id: string; uid: string; sequence: number };

const series = {
  title: 'Weekly planning',
  start: '2027-01-04T10:00',
  end: '2027-01-04T10:45',
  timeZone: 'Europe/Berlin',
  recurrence: 'RRULE:FREQ=WEEKLY;COUNT=6',
  organizer: { name: 'Olga', email: 'olga@example.org' },
  attendees: [
    { name: 'Ada', email: 'ada@example.org' },
    { name: 'Ben', email: 'ben@example.org' },
    { name: 'Cleo', email: 'cleo@example.org' },
    { name: 'Dan', email: 'dan@example.org' },
  ],
};

let n = 0;
async function deliver(
  client: ReplyClient,
  who: { name: string; email: string },
  values: Record<string, string> = {},
): Promise<string> {
  const messageId = `<reply-${++n}-${client}@mail.example.org>`;
  const calendar = replyCalendar(client, {
    UID: event.uid,
    ATTENDEE: who.email,
    NAME: who.name,
    ORGANIZER: 'olga@example.org',
    SEQUENCE: String(event.sequence),
    TITLE: series.title,
    LOCATION: 'http://localhost:9999/j/x',
    DTSTART_UTC: '20270104T090000Z',
    DTEND_UTC: '20270104T094500Z',
    DTSTART_LOCAL: '20270104T100000',
    DTEND_LOCAL: '20270104T104500',
    RECURRENCE_ID: '20270111T100000',
    RECURRENCE_END: '20270111T104500',
    ...values,
  });
  await imap.append(
    'olga',
    replyMail(client, {
      messageId,
      from: `${who.name} <${who.email}>`,
      to: 'olga@example.org',
      subject: `Reply: ${series.title}`,
      calendar,
    }),
  );
  return messageId;
}

beforeAll(async () => {
  imap = await startImap({ olga: 'correct horse' });
  ({ store, cleanup } = await makeStore('sqlite'));
  reader = startReplyReader({
    url: imap.url('olga'),
    moveTo: 'callink-processed',
    pollMs: 3_600_000,
    store,
    clock,
    logger,
    timeoutMs: 5000,
  });
  // The reader's first look at the mailbox, at start, ends before any reply is delivered:
  // under a loaded CI run it was still connecting when the first ones came, took one, and the
  // check below counted 8 of 9 (checkNow joins a check under way, or starts one).
  expect(await reader.checkNow()).toBe(0);
  app = await startTestApp({ store, overrides: { clock, mailbox: reader } });
  const res = await app.api('/api/events', { method: 'POST', json: series });
  event = (await res.json()) as typeof event;
});
afterAll(async () => {
  await reader?.stop();
  await app?.close();
  await store?.close();
  cleanup?.();
  await imap?.stop();
});

const rsvps = async () =>
  (await store.rsvps.list(event.id)).map((r) => [r.email, r.recurrenceId, r.rsvp, r.sequence]);

describe('REPLYs read over IMAP', () => {
  it('records Outlook, Gmail and Apple answers, skips bad ones with a reason, and never twice', async () => {
    const [ada, ben, cleo, dan] = series.attendees as [
      (typeof series.attendees)[0],
      (typeof series.attendees)[0],
      (typeof series.attendees)[0],
      (typeof series.attendees)[0],
    ];
    await deliver('gmail', ada);
    await deliver('apple', ben);
    await deliver('outlook', cleo); // declines the occurrence of 11 January only
    const unknown = await deliver('gmail', dan, { UID: 'someone-else@google.com' });
    const stranger = await deliver('gmail', { name: 'Eve', email: 'eve@example.org' });
    const future = await deliver('apple', dan, { SEQUENCE: '7' });
    const wrongDay = await deliver('outlook', dan, { RECURRENCE_ID: '20270112T100000' });
    const malformed = `<malformed@mail.example.org>`;
    await imap.append(
      'olga',
      `Message-ID: ${malformed}\r\nFrom: dan@example.org\r\nSubject: Accepted\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; method=REPLY\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n`,
    );
    const huge = `<huge@mail.example.org>`;
    await imap.append(
      'olga',
      `Message-ID: ${huge}\r\nFrom: dan@example.org\r\nSubject: Accepted\r\nMIME-Version: 1.0\r\nContent-Type: text/calendar; method=REPLY\r\n\r\n${'X-PAD:0123456789abcdef0123456789abcdef0123456789abcdef0123456789\r\n'.repeat(5000)}`,
    );
    await imap.append(
      'olga',
      'Message-ID: <lunch@mail.example.org>\r\nFrom: ada@example.org\r\nSubject: Lunch?\r\n\r\nNoon?\r\n',
    );

    expect(await reader.checkNow()).toBe(9);
    expect(await rsvps()).toEqual([
      ['ada@example.org', '', 'accepted', 0],
      ['ben@example.org', '', 'accepted', 0],
      ['cleo@example.org', '2027-01-11T10:00:00', 'declined', 0],
    ]);
    const res = await app.api(`/api/mailbox`);
    const body = (await res.json()) as {
      status: { state: string };
      replies: { messageId: string; outcome: string; reason: string | null; from: string }[];
    };
    expect(body.status.state).toBe('ok');
    const why = new Map(body.replies.map((r) => [r.messageId, [r.outcome, r.reason]]));
    expect(why.get(unknown)).toEqual(['skipped', 'unknown_uid']);
    expect(why.get(stranger)).toEqual(['skipped', 'not_invited']);
    expect(body.replies.find((r) => r.messageId === stranger)?.from).toBe('eve@example.org');
    expect(why.get(future)).toEqual(['skipped', 'future_sequence']);
    expect(why.get(wrongDay)).toEqual(['skipped', 'unknown_occurrence']);
    expect(why.get(malformed)?.[0]).toBe('skipped');
    expect(why.get(malformed)?.[1]).toMatch(/^malformed/);
    expect(why.get(huge)).toEqual(['skipped', 'too_large']);
    expect(why.has('<lunch@mail.example.org>')).toBe(false);
    // The stranger is on record only as not invited, never as an invitee.
    expect((await rsvps()).map((r) => r[0])).not.toContain('eve@example.org');
    // Read replies moved out of the inbox; ordinary mail left where it was.
    expect(await imap.list('olga')).toEqual(['<lunch@mail.example.org>']);
    expect(await imap.list('olga', 'callink-processed')).toHaveLength(9);
    const eventReplies = (await (await app.api(`/api/events/${event.id}/replies`)).json()) as {
      replies: unknown[];
    };
    expect(eventReplies.replies.length).toBeGreaterThanOrEqual(5);
  });

  it('changes nothing when the mailbox is read again, even by a restarted reader', async () => {
    const before = await rsvps();
    const replies = await store.replies.list({ limit: 100 });
    // The same mails back in the inbox (as when replies are left there, not moved).
    const again = startReplyReader({
      url: imap.url('olga', undefined, 'callink-processed'),
      moveTo: undefined,
      pollMs: 3_600_000,
      store,
      clock,
      logger,
    });
    try {
      expect(await again.checkNow()).toBe(0);
      expect(await again.checkNow()).toBe(0);
    } finally {
      await again.stop();
    }
    expect(await rsvps()).toEqual(before);
    expect(await store.replies.list({ limit: 100 })).toEqual(replies);
    expect(await imap.list('olga', 'callink-processed')).toHaveLength(9);
  });

  it('records an answer to an older SEQUENCE as such, never over a newer answer', async () => {
    const ada = { name: 'Ada', email: 'ada@example.org' };
    const patched = await app.api(`/api/events/${event.id}`, {
      method: 'PATCH',
      json: { title: 'Weekly planning (new room)' },
    });
    event = (await patched.json()) as typeof event;
    expect(event.sequence).toBe(1);
    await deliver('gmail', ada, {
      SEQUENCE: '1',
      // Gmail writes the new PARTSTAT in the same ATTENDEE line.
    });
    await deliver('outlook', ada, { SEQUENCE: '1', RECURRENCE_ID: '20270118T100000' });
    const stale = await deliver('apple', ada, { SEQUENCE: '0' });
    await reader.checkNow();
    const adas = (await rsvps()).filter((r) => r[0] === 'ada@example.org');
    expect(adas).toEqual([
      ['ada@example.org', '', 'accepted', 1],
      ['ada@example.org', '2027-01-18T10:00:00', 'declined', 1],
    ]);
    const staleReply = (await store.replies.list({ limit: 100 })).find(
      (r) => r.messageId === stale,
    );
    expect([staleReply?.outcome, staleReply?.reason]).toEqual(['recorded', 'older_sequence']);
  });
});

describe('a mailbox that cannot be read', () => {
  it('says a refused password in /healthz and retries with growing backoff', async () => {
    const bad = startReplyReader({
      url: imap.url('olga', 'wrong password'),
      moveTo: undefined,
      pollMs: 60_000,
      store,
      clock,
      logger,
      timeoutMs: 5000,
    });
    const badApp = await startTestApp({ store, overrides: { clock, mailbox: bad } });
    try {
      await expect(bad.checkNow()).rejects.toThrow();
      await expect(bad.checkNow()).rejects.toThrow();
      const health = (await (await fetch(`${badApp.url}/healthz`)).json()) as {
        ok: boolean;
        details: { mailbox: { state: string; lastError: string; failures: number } };
      };
      expect(health.ok).toBe(true); // the store is fine: liveness is not the mailbox
      expect(health.details.mailbox).toMatchObject({
        state: 'error',
        failures: 2,
        lastError: 'The mailbox refused the user name or password: check CALLINK_IMAP_URL.',
      });
      expect(JSON.stringify(health)).not.toContain('wrong password');
      expect(badApp.logs()).not.toContain('wrong password');
      expect(mailboxBackoffMs(1, 60_000)).toBe(60_000);
      expect(mailboxBackoffMs(3, 60_000)).toBe(240_000);
      expect(mailboxBackoffMs(30, 60_000)).toBe(15 * 60_000);
    } finally {
      await bad.stop();
      await badApp.close();
    }
  });

  it('says an unreachable mailbox server plainly', async () => {
    const port = await freePort();
    const down = startReplyReader({
      url: `imap://olga:x@127.0.0.1:${port}/INBOX`,
      moveTo: undefined,
      pollMs: 60_000,
      store,
      clock,
      logger,
      timeoutMs: 3000,
    });
    try {
      await expect(down.checkNow()).rejects.toThrow();
      expect(down.status()).toMatchObject({
        state: 'error',
        lastError: 'The mailbox server cannot be reached (ECONNREFUSED): check its host and port.',
      });
    } finally {
      await down.stop();
    }
  });
});
