/**
 * Personal join links and RSVPs over HTTP with a real SMTP server: each attendee's mail
 * carries their own link (same link id) and Yes / Maybe / No buttons; a button only shows a
 * confirmation, the form records; forged and revoked links record nothing; the report per
 * occurrence says who answered what and who came; a link that opens 5 minutes early refuses
 * at T-10 and admits at T-4 (injected clock).
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashSecret } from '../../src/adapters/auth/secrets.js';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';
import { startOutboxWorker } from '../../src/adapters/mail/outbox-worker.js';
import { createSmtpSender } from '../../src/adapters/mail/transport.js';
import { inviteeIdentity } from '../../src/core/usecases/invitees.js';
import { queueStartingMails } from '../../src/core/usecases/starting-mail.js';
import { readWithIcalJs } from '../support/calendar-readers.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { mimePart, startSmtp, type TestSmtp } from '../support/smtp.js';

const lk = inject('livekit');
let now = new Date('2026-12-20T09:00:00Z');
let app: TestApp;
let smtp: TestSmtp;

const series = {
  title: 'Weekly planning',
  start: '2027-01-04T10:00',
  end: '2027-01-04T10:45',
  timeZone: 'Europe/Berlin',
  recurrence: 'RRULE:FREQ=WEEKLY;COUNT=6',
  organizer: { name: 'Olga Organizer', email: 'olga@example.org' },
  attendees: [
    { name: 'Ada', email: 'ada@example.org' },
    { name: 'Ben', email: 'ben@example.org' },
    { name: 'Cleo', email: 'cleo@example.org' },
    { name: 'Dan', email: 'dan@example.org' },
  ],
};

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

async function mailedEvent(extra: Record<string, unknown> = {}): Promise<{
  id: string;
  uid: string;
  linkId: string;
  linkUrl: string;
  mails: Map<string, string>;
}> {
  const before = smtp.messages.length;
  const res = await app.api('/api/events', { method: 'POST', json: { ...series, ...extra } });
  expect(res.status).toBe(201);
  const event = await json<{ id: string; uid: string; linkId: string; linkUrl: string }>(res);
  const worker = startOutboxWorker({
    store: app.store,
    clock: { now: () => now },
    sender: createSmtpSender({ url: smtp.url, from: 'callink <callink@example.org>' }),
    logger: pino({ level: 'silent' }),
    intervalMs: 0,
  });
  await worker.drain();
  await worker.stop();
  const mails = new Map<string, string>();
  // Only this event's invites (the drain also sends what earlier tests queued).
  for (const m of smtp.messages.slice(before)) {
    if (m.raw.includes(`/j/${event.linkId}?invite=`)) mails.set(m.to[0] ?? '', m.raw);
  }
  return { ...event, mails };
}

/** The personal link and the answer links of one mail (its plain-text part). */
function linksIn(raw: string) {
  const text = mimePart(raw, 'text/plain')?.body ?? '';
  const personal = /Join the call: (\S+)/.exec(text)?.[1] ?? '';
  const yes = /Yes: (\S+)/.exec(text)?.[1] ?? '';
  const no = /No: (\S+)/.exec(text)?.[1] ?? '';
  const maybe = /Maybe: (\S+)/.exec(text)?.[1] ?? '';
  return { personal, yes, no, maybe, token: new URL(personal).searchParams.get('invite') ?? '' };
}

const local = (u: string) => {
  const url = new URL(u);
  return app.url + url.pathname + url.search;
};

async function answer(yesUrl: string, word: string) {
  const url = new URL(yesUrl);
  return fetch(`${app.url}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `answer=${word}`,
    redirect: 'manual',
  });
}

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startTestApp({
    env: { CALLINK_SMTP_URL: smtp.url },
    overrides: {
      clock: { now: () => now },
      rooms: createLivekitRooms({ ...lk, loopback: true }),
    },
  });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

describe('personal join links', () => {
  it('mails each attendee their own link to the same call, and answer buttons', async () => {
    const e = await mailedEvent();
    expect([...e.mails.keys()].sort()).toEqual(series.attendees.map((a) => a.email).sort());
    const tokens = new Set<string>();
    for (const raw of e.mails.values()) {
      const l = linksIn(raw);
      expect(l.personal.startsWith(`${e.linkUrl}?invite=iv`)).toBe(true);
      tokens.add(l.token);
      // The calendar part carries the same personal link, so a calendar's Join opens it too.
      const ics = mimePart(raw, 'text/calendar')?.body ?? '';
      expect(readWithIcalJs(ics).events[0]?.location).toBe(l.personal);
      expect(l.yes).toMatch(/\/rsvp\/iv[\w-]{32}\?answer=yes$/);
      // Hashed at rest: the store knows the hash, never the token.
      const stored = await app.store.invitees.findByHash(hashSecret(l.token));
      expect(stored?.linkId).toBe(e.linkId);
      expect(stored?.tokenHash).not.toContain(l.token);
    }
    expect(tokens.size).toBe(4);
  });

  it('hands the organizer a personal invite to forward: GET invite.ics?attendee=EMAIL', async () => {
    const e = await mailedEvent();
    const res = await app.api(`/api/events/${e.id}/invite.ics?attendee=BEN@example.org`);
    expect(res.status).toBe(200);
    const location = readWithIcalJs(await res.text()).events[0]?.location ?? '';
    expect(location.startsWith(`${e.linkUrl}?invite=iv`)).toBe(true);
    const missing = await app.api(`/api/events/${e.id}/invite.ics?attendee=eve@example.org`);
    expect(missing.status).toBe(404);
    expect((await json<{ error: { code: string } }>(missing)).error.code).toBe('not_found');
  });

  it('lets an invitee past the lobby, but not with a token of another link or a revoked one', async () => {
    const link = await app.api('/api/links', { method: 'POST', json: { lobby: true } });
    const a = await mailedEvent({ linkId: (await json<{ id: string }>(link)).id });
    const b = await mailedEvent();
    const adaOnB = linksIn(b.mails.get('ada@example.org') ?? '').token;
    const join = (token: string) =>
      app.api(`/api/links/${a.linkId}/join`, {
        method: 'POST',
        token: null,
        json: { name: 'Ada', invite: token },
      });
    // Useless on another link: a guest's join, so the lobby holds it.
    expect((await join(adaOnB)).status).toBe(202);
    const adaOnA = linksIn(a.mails.get('ada@example.org') ?? '').token;
    const straight = await join(adaOnA);
    expect(straight.status).toBe(200);
    expect((await json<{ identity: string }>(straight)).identity).toMatch(/^i_[0-9a-f]{16}_/);
    // Taking Ada off the list kills her link.
    const patched = await app.api(`/api/events/${a.id}`, {
      method: 'PATCH',
      json: { attendees: series.attendees.slice(1) },
    });
    expect(patched.status).toBe(200);
    expect((await join(adaOnA)).status).toBe(202);
  });
});

describe('RSVP buttons in the mail', () => {
  it('shows a confirmation on GET and records nothing, as mail scanners open every link', async () => {
    const e = await mailedEvent();
    const yes = linksIn(e.mails.get('ada@example.org') ?? '').yes;
    const page = await fetch(local(yes));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-state="confirm"');
    expect(html).toMatch(/<form method="post" action="\/rsvp\/iv/);
    expect(await app.store.rsvps.list(e.id)).toEqual([]);
  });

  it('records one click, is idempotent, and can be answered again', async () => {
    const e = await mailedEvent();
    const { yes } = linksIn(e.mails.get('ben@example.org') ?? '');
    const first = await answer(yes, 'yes');
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('data-answer="accepted"');
    const once = await app.store.rsvps.list(e.id);
    expect(once.map((r) => [r.email, r.rsvp, r.source])).toEqual([
      ['ben@example.org', 'accepted', 'mail-button'],
    ]);
    now = new Date(now.getTime() + 60_000);
    await answer(yes, 'yes');
    expect(await app.store.rsvps.list(e.id)).toEqual(once); // the same answer again: no change
    await answer(yes, 'no');
    expect((await app.store.rsvps.list(e.id)).map((r) => r.rsvp)).toEqual(['declined']);
    // Opening the button again says the answer in force.
    expect(await (await fetch(local(yes))).text()).toContain('data-current="declined"');
  });

  it('answers 404 to forged and revoked answer links and records nothing', async () => {
    const e = await mailedEvent();
    const { yes } = linksIn(e.mails.get('cleo@example.org') ?? '');
    const token = new URL(yes).pathname.split('/')[2] ?? '';
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const path of [`/rsvp/${forged}`, '/rsvp/ivnot-a-token', `/rsvp/${token}x`]) {
      const res = await fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'answer=yes',
      });
      expect(res.status).toBe(404);
      expect((await fetch(`${app.url}${path}?answer=yes`)).status).toBe(404);
    }
    // A bad answer word is refused too.
    expect((await answer(yes, 'perhaps')).status).toBe(400);
    await app.api(`/api/events/${e.id}`, {
      method: 'PATCH',
      json: { attendees: series.attendees.filter((a) => a.email !== 'cleo@example.org') },
    });
    expect((await answer(yes, 'yes')).status).toBe(404); // replayed after removal
    expect(await app.store.rsvps.list(e.id)).toEqual([]);
  });
});

describe('attendance per occurrence', () => {
  it('lists every invitee with answer and presence, plus uninvited guests, in JSON and CSV', async () => {
    const e = await mailedEvent();
    const links = (email: string) => linksIn(e.mails.get(email) ?? '');
    await answer(links('ada@example.org').yes, 'yes');
    await answer(links('ben@example.org').yes, 'yes');
    const adaToken = await app.store.invitees.findByHash(
      hashSecret(links('ada@example.org').token),
    );
    // Sessions as LiveKit's webhooks record them: Ada by her personal link, a guest by name.
    const start = new Date('2027-01-11T09:00:00Z'); // 10:00 in Berlin
    await app.store.attendance.joined({
      sessionId: 'PA_1',
      linkId: e.linkId,
      identity: inviteeIdentity(adaToken?.id ?? '', new Uint8Array(6)),
      name: 'Ada',
      joinedAt: new Date(start.getTime() - 2 * 60_000),
    });
    await app.store.attendance.left({
      sessionId: 'PA_1',
      linkId: e.linkId,
      identity: inviteeIdentity(adaToken?.id ?? '', new Uint8Array(6)),
      name: 'Ada',
      joinedAt: new Date(start.getTime() - 2 * 60_000),
      leftAt: new Date(start.getTime() + 40 * 60_000),
    });
    await app.store.attendance.joined({
      sessionId: 'PA_2',
      linkId: e.linkId,
      identity: 'p_guest',
      name: 'Gus Guest',
      joinedAt: start,
    });
    now = new Date('2027-01-11T10:00:00Z');
    const res = await app.api(`/api/events/${e.id}/occurrences/2027-01-11T10:00/attendance`);
    expect(res.status).toBe(200);
    const body = await json<{
      occurrences: {
        line: string;
        summary: Record<string, number>;
        invitees: { email: string; rsvp: string; joined: boolean; minutes: number }[];
        uninvited: { name: string }[];
      }[];
    }>(res);
    const occ = body.occurrences[0];
    expect(occ?.line).toBe('2 accepted · 1 came · 1 no-show · 1 uninvited guest');
    expect(occ?.invitees.map((i) => [i.email, i.rsvp, i.joined, i.minutes])).toEqual([
      ['ada@example.org', 'accepted', true, 42],
      ['ben@example.org', 'accepted', false, 0],
      ['cleo@example.org', 'none', false, 0],
      ['dan@example.org', 'none', false, 0],
    ]);
    expect(occ?.uninvited.map((g) => g.name)).toEqual(['Gus Guest']);
    const csv = await (
      await app.api(`/api/events/${e.id}/occurrences/2027-01-11T10:00/attendance?format=csv`)
    ).text();
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      'occurrence_start,kind,name,email,rsvp,answered_at,joined,first_join_at,minutes',
      expect.stringMatching(/^2027-01-11T09:00:00.000Z,invitee,Ada,ada@example.org,accepted,/),
    ]);
    expect(csv).toContain('invitee,Ben,ben@example.org,accepted,');
    expect(csv).toMatch(/uninvited,Gus Guest,,,,true,2027-01-11T09:00:00.000Z,60\r\n/);
    const whole = await json<{ occurrences: unknown[] }>(
      await app.api(`/api/events/${e.id}/report?from=2027-01-01T00:00:00Z&to=2027-03-01T00:00:00Z`),
    );
    expect(whole.occurrences).toHaveLength(6);
    expect(
      (await app.api(`/api/events/${e.id}/occurrences/2027-01-12T10:00/attendance`)).status,
    ).toBe(404);
  });
});

describe('calls on the meeting’s schedule', () => {
  it('refuses a guest at T-10 with when the call opens, and lets them in at T-4', async () => {
    const e = await mailedEvent();
    const put = await app.api(`/api/links/${e.linkId}/schedule`, {
      method: 'PUT',
      json: { openMinutesBefore: 5 },
    });
    expect(put.status).toBe(200);
    const join = () =>
      app.api(`/api/links/${e.linkId}/join`, {
        method: 'POST',
        token: null,
        json: { name: 'Gus' },
      });
    now = new Date('2027-01-18T08:50:00Z'); // 09:50 in Berlin, T-10
    const early = await join();
    expect(early.status).toBe(403);
    const err = (await json<{ error: { code: string; details: Record<string, string> } }>(early))
      .error;
    expect(err.code).toBe('call_not_open');
    expect(err.details).toMatchObject({
      opensAt: '2027-01-18T08:55:00.000Z',
      startsAt: '2027-01-18T09:00:00.000Z',
    });
    now = new Date('2027-01-18T08:56:00Z'); // T-4
    expect((await join()).status).toBe(200);
    // A cancelled occurrence is skipped: the next one opens a week later.
    await app.api(`/api/events/${e.id}/occurrences/2027-01-25T10:00`, { method: 'DELETE' });
    now = new Date('2027-01-24T12:00:00Z');
    const times = await json<{ open: boolean; next: { start: string } }>(
      await app.api(`/api/links/${e.linkId}/schedule`),
    );
    expect(times).toMatchObject({ open: false, next: { start: '2027-02-01T09:00:00.000Z' } });
  });

  it('mails each attendee who did not say no their personal link once, when the call opens', async () => {
    const e = await mailedEvent();
    await answer(linksIn(e.mails.get('dan@example.org') ?? '').yes, 'no');
    await app.api(`/api/links/${e.linkId}/schedule`, {
      method: 'PUT',
      json: { openMinutesBefore: 5, startingMail: true },
    });
    const deps = { ...app.deps, hashSecret, publicUrl: 'http://localhost:9999' };
    now = new Date('2027-01-04T08:50:00Z'); // T-10: not open, nothing to send
    expect(await queueStartingMails(deps)).toBe(0);
    now = new Date('2027-01-04T08:56:00Z'); // T-4: open
    expect(await queueStartingMails(deps)).toBe(3);
    expect(await queueStartingMails(deps)).toBe(0); // once per occurrence
    const before = smtp.messages.length;
    const worker = startOutboxWorker({
      store: app.store,
      clock: { now: () => now },
      sender: createSmtpSender({ url: smtp.url, from: 'callink <callink@example.org>' }),
      logger: pino({ level: 'silent' }),
      intervalMs: 0,
    });
    await worker.drain();
    await worker.stop();
    const sent = smtp.messages.slice(before).filter((m) => /^Subject: Starting now:/m.test(m.raw));
    expect(sent.map((m) => m.to[0]).sort()).toEqual([
      'ada@example.org',
      'ben@example.org',
      'cleo@example.org',
    ]);
    for (const m of sent) {
      expect(mimePart(m.raw, 'text/plain')?.body).toContain(`/j/${e.linkId}?invite=iv`);
      expect(mimePart(m.raw, 'text/calendar')).toBeUndefined();
    }
  });

  it('refuses bad schedule settings with 400', async () => {
    const e = await mailedEvent();
    for (const body of [{ openMinutesBefore: -1 }, { openMinutesBefore: 'soon' }, { nope: 1 }]) {
      const res = await app.api(`/api/links/${e.linkId}/schedule`, { method: 'PUT', json: body });
      expect(res.status).toBe(400);
    }
  });
});
