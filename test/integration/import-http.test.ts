/**
 * POST /api/import over HTTP with a real store: what an organizer sees when running a
 * calendar through callink.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, makeStore, type TestApp } from '../support/app.js';
import { createDatabase } from '../support/postgres.js';
import {
  LINK_RE,
  PUBLIC_URL,
  assertIntact,
  bodyText,
  readWithIcalJs,
  readWithPython,
} from '../support/ics-check.js';

const ics = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const event = (uid: string, ...lines: string[]) => [
  'BEGIN:VEVENT',
  `UID:${uid}`,
  'DTSTAMP:20260101T000000Z',
  ...lines,
  'END:VEVENT',
];
const calendar = (...events: string[][]) =>
  ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events.flat(), 'END:VCALENDAR');

/** A weekly series with a moved occurrence, a past one-off, a Meet call and a reminder. */
const TEAM = calendar(
  event(
    'series@test',
    'DTSTART;TZID=Europe/Berlin:20260105T100000',
    'DTEND;TZID=Europe/Berlin:20260105T103000',
    'RRULE:FREQ=WEEKLY;BYDAY=MO',
    'SUMMARY:Weekly sync',
    'ATTENDEE;CN=Ann:mailto:ann@example.org',
  ),
  event(
    'series@test',
    'RECURRENCE-ID;TZID=Europe/Berlin:20260112T100000',
    'DTSTART;TZID=Europe/Berlin:20260113T100000',
    'DTEND;TZID=Europe/Berlin:20260113T103000',
    'SUMMARY:Weekly sync (moved)',
    'ATTENDEE;CN=Ann:mailto:ann@example.org',
  ),
  event(
    'past@test',
    'DTSTART:20010101T100000Z',
    'DTEND:20010101T110000Z',
    'SUMMARY:Old review',
    'ATTENDEE:mailto:bob@example.org',
  ),
  event(
    'meet@test',
    'DTSTART:20990101T100000Z',
    'SUMMARY:Customer call',
    'X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij',
    'ATTENDEE:mailto:c@example.org',
  ),
  event('solo@test', 'DTSTART;VALUE=DATE:20990102', 'SUMMARY:Dentist'),
);

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`POST /api/import on ${kind}`, () => {
    let app: TestApp;
    let cleanup: () => void;

    beforeAll(async () => {
      const url =
        kind === 'postgres'
          ? await createDatabase({ url: inject('pgUrl') }, 'import_http')
          : undefined;
      const made = await makeStore(kind, url);
      cleanup = made.cleanup;
      app = await startTestApp({
        store: made.store,
        env: {
          CALLINK_PUBLIC_URL: PUBLIC_URL,
          CALLINK_IMPORT_MAX_BYTES: '65536',
          CALLINK_IMPORT_MAX_EVENTS: '40',
        },
      });
    });
    afterAll(async () => {
      await app.close();
      await app.store.close();
      cleanup();
    });

    const post = (body: string | Uint8Array<ArrayBuffer>, query = '', type = 'text/calendar') =>
      app.api(`/api/import${query}`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });

    it('gives a series and its moved occurrence one link, and the rest their own', async () => {
      const before = await app.store.links.count();
      const res = await post(TEAM);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
      const out = await bodyText(res);
      assertIntact(TEAM, out);
      const events = readWithIcalJs(out);
      const confs = events.map((e) => e.conference[0] ?? null);
      expect(confs[0]).toMatch(LINK_RE);
      expect(confs[1]).toBe(confs[0]);
      expect(confs[2]).toMatch(LINK_RE);
      expect(confs[2]).not.toBe(confs[0]);
      expect(confs[3]).toBeNull(); // it has a Meet call already
      expect(confs[4]).toMatch(LINK_RE);
      expect(await app.store.links.count()).toBe(before + 3);
      expect(res.headers.get('x-callink-import')).toContain('linked=4; new-links=3');
    });

    it('changes nothing when the same calendar or its output comes back', async () => {
      const first = await bodyText(await post(TEAM));
      const links = await app.store.links.count();
      expect(await bodyText(await post(TEAM))).toBe(first);
      expect(await bodyText(await post(first))).toBe(first);
      expect(await bodyText(await post(first, '?mode=all'))).not.toBe(first); // the Meet event
      expect(await app.store.links.count()).toBe(links + 1);
    });

    it('adds ours beside another service’s call only with mode=all', async () => {
      const out = await bodyText(await post(TEAM, '?mode=all'));
      const meet = readWithIcalJs(out)[3];
      expect(meet?.conference[0]).toMatch(LINK_RE);
      expect(out).toContain('X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r\n');
    });

    it('filters: future events, events with attendees, summary pattern', async () => {
      const linkedUids = async (query: string) => {
        const events = readWithIcalJs(await bodyText(await post(TEAM, query)));
        return events.filter((e) => e.conference.some((c) => LINK_RE.test(c))).map((e) => e.uid);
      };
      expect(await linkedUids('?future=1')).toEqual(['series@test', 'series@test', 'solo@test']);
      expect(await linkedUids('?attendees=1')).toEqual(['series@test', 'series@test', 'past@test']);
      expect(await linkedUids('?summary=weekly*')).toEqual(['series@test', 'series@test']);
      expect(await linkedUids('?summary=dent%3Fst')).toEqual(['solo@test']);
    });

    it('reads what exporters write when filtering for the future (Outlook, floating, Windows zones)', async () => {
      const cal = calendar(
        event(
          'allday-ahead',
          'DTSTART;VALUE=DATE:20990105',
          'DTEND;VALUE=DATE:20990106',
          'RRULE:FREQ=WEEKLY;UNTIL=20990301T230000Z',
        ),
        event(
          'allday-over',
          'DTSTART;VALUE=DATE:20200105',
          'DTEND;VALUE=DATE:20200106',
          'RRULE:FREQ=WEEKLY;UNTIL=20200301T230000Z',
        ),
        event('floating', 'DTSTART:20990101T100000', 'DTEND:20990101T110000'),
        event(
          'windows-ahead',
          'DTSTART;TZID=W. Europe Standard Time:20990101T100000',
          'DTEND;TZID=W. Europe Standard Time:20990101T110000',
        ),
        event(
          'windows-over',
          'DTSTART;TZID=W. Europe Standard Time:20010101T100000',
          'DTEND;TZID=W. Europe Standard Time:20010101T110000',
        ),
        event(
          'endless',
          'DTSTART:20010101T100000Z',
          'DTEND:20010101T110000Z',
          'RRULE:FREQ=MONTHLY',
        ),
        event(
          'counted-out',
          'DTSTART:20010101T100000Z',
          'DTEND:20010101T110000Z',
          'RRULE:FREQ=DAILY;COUNT=3',
        ),
      );
      const out = await bodyText(await post(cal, '?future=1'));
      assertIntact(cal, out);
      const linked = readWithIcalJs(out)
        .filter((e) => e.conference.length > 0)
        .map((e) => e.uid);
      expect(linked).toEqual(['allday-ahead', 'floating', 'windows-ahead', 'endless']);
    });

    it('answers a dry run with counts and creates nothing', async () => {
      const before = await app.store.links.count();
      const res = await post(calendar(event('new@test', 'DTSTART:20990101T100000Z')), '?dryRun=1');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        dryRun: true,
        events: 1,
        linked: 1,
        series: 1,
        newLinks: 1,
        alreadyLinked: 0,
        hadOtherCall: 0,
        filteredOut: 0,
      });
      expect(await app.store.links.count()).toBe(before);
    });

    it('gives a new link when the remembered one was revoked', async () => {
      const cal = calendar(event('revoke@test', 'DTSTART:20990101T100000Z'));
      const first = readWithIcalJs(await bodyText(await post(cal)))[0]?.conference[0] ?? '';
      const id = first.split('/j/')[1] ?? '';
      expect((await app.api(`/api/links/${id}`, { method: 'DELETE' })).status).toBe(204);
      const second = readWithIcalJs(await bodyText(await post(cal)))[0]?.conference[0];
      expect(second).toMatch(LINK_RE);
      expect(second).not.toBe(first);
      expect(readWithIcalJs(await bodyText(await post(cal)))[0]?.conference[0]).toBe(second);
    });

    it('refuses malformed input with 400 naming the line', async () => {
      const res = await post(ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x', 'END:VCALENDAR'));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: {
          code: 'calendar_invalid',
          message: 'Line 4 is not valid iCalendar: END:VCALENDAR closes BEGIN:VEVENT.',
          details: { line: 4 },
        },
      });
      const latin1: Uint8Array<ArrayBuffer> = new Uint8Array([
        ...new TextEncoder().encode('BEGIN:VCALENDAR\r\nSUMMARY:Caf'),
        0xe9,
        ...new TextEncoder().encode('\r\nEND:VCALENDAR\r\n'),
      ]);
      const bad = await post(latin1);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
        'Line 2 is not valid UTF-8.',
      );
      expect((await post('')).status).toBe(400);
    });

    it('refuses a __proto__ UID without polluting anything', async () => {
      const res = await post(calendar(event('__proto__', 'DTSTART:20990101T100000Z')), '?future=1');
      expect(res.status).toBe(400);
      expect(({} as Record<string, unknown>).dtstart).toBeUndefined();
    });

    it('refuses a __proto__ UID folded inside its name (regression: the fuzz polluted Object.prototype)', async () => {
      // Found by the import fuzz: LF line ends, the name itself folded ("U" / " ID:__p" / …).
      const text = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//test//EN',
        'BEGIN:VEVENT',
        'U',
        ' ID:__p',
        ' roto',
        ' __',
        'DTSTAMP:20300101T000000Z',
        'DTSTART:20300107T100000Z',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\n');
      for (const query of ['', '?future=1']) {
        const res = await post(text, query);
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
          /UID "__proto__" is not allowed/,
        );
      }
      expect(({} as Record<string, unknown>).type).toBeUndefined();
    });

    it('answers 413 over the size or event limit and 415 for other content types', async () => {
      const big = calendar(
        event('big@test', `DESCRIPTION:${'x'.repeat(70_000)}`, 'DTSTART:20990101T100000Z'),
      );
      const tooBig = await post(big);
      expect(tooBig.status).toBe(413);
      expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe(
        'payload_too_large',
      );
      const many = calendar(...Array.from({ length: 41 }, (_, i) => event(`m${i}`)));
      expect((await post(many)).status).toBe(413);
      const json = await post('{}', '', 'application/json');
      expect(json.status).toBe(415);
      expect((await post(TEAM, '?mode=some')).status).toBe(400);
      const anon = await app.api('/api/import', { method: 'POST', token: null, body: TEAM });
      expect(anon.status).toBe(401);
    });

    it('writes output that python3-icalendar reads with every link in place', async () => {
      const out = await bodyText(await post(TEAM, '?mode=all'));
      const [read] = readWithPython([out]);
      expect(read?.ok).toBe(true);
      if (!read?.ok) return;
      expect(read.events).toHaveLength(5);
      for (const ev of read.events) {
        expect(ev.conference[0]).toMatch(LINK_RE);
        expect(ev.location).toMatch(LINK_RE);
        expect(ev.url).toMatch(LINK_RE);
      }
    });
  });
}
