/**
 * The invitee store (migration 12): tokens, RSVPs, REPLY mails read, link schedules and the
 * event look-ups, on SQLite and PostgreSQL alike.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CalendarEvent } from '../../src/core/events.js';
import { defaultSchedule } from '../../src/core/link-schedule.js';
import type { Store } from '../../src/core/ports.js';
import { makeStore } from '../support/app.js';
import { createDatabase } from '../support/postgres.js';

const event: CalendarEvent = {
  id: 'ev1',
  uid: 'ev1@example.org',
  sequence: 2,
  linkId: 'link1',
  teamId: null,
  ownerId: null,
  title: 'Weekly',
  start: '2027-01-04T10:00:00',
  end: '2027-01-04T11:00:00',
  timeZone: 'Europe/Berlin',
  organizer: { name: 'Ann', email: 'ann@example.org' },
  attendees: [{ name: 'Bob', email: 'bob@example.org' }],
  description: null,
  recurrence: 'FREQ=WEEKLY',
  overrides: [],
  status: 'confirmed',
  createdAt: new Date(1000),
  updatedAt: new Date(1000),
  cancelledAt: null,
  lastEnd: null,
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`the invitee store on ${kind}`, () => {
    let store: Store;
    let cleanup: () => void;
    beforeAll(async () => {
      const url =
        kind === 'postgres'
          ? await createDatabase({ url: inject('pgUrl') }, 'contract_rsvp')
          : undefined;
      ({ store, cleanup } = await makeStore(kind, url));
      await store.events.insert(event);
    });
    afterAll(async () => {
      await store.close();
      cleanup();
    });

    it('finds events by UID and by link', async () => {
      expect(await store.eventLookup.idByUid('ev1@example.org')).toBe('ev1');
      expect(await store.eventLookup.idByUid('nope')).toBeUndefined();
      expect(await store.eventLookup.idsForLink('link1')).toEqual(['ev1']);
    });

    it('keeps tokens by hash and revokes them per attendee', async () => {
      const t = {
        id: '0123456789abcdef',
        eventId: 'ev1',
        linkId: 'link1',
        email: 'bob@example.org',
        tokenHash: 'h'.repeat(64),
        createdAt: new Date(2000),
        revokedAt: null,
      };
      await store.invitees.insert(t);
      expect(await store.invitees.findByHash(t.tokenHash)).toEqual(t);
      expect(await store.invitees.get(t.id)).toEqual(t);
      expect(await store.invitees.revoke('ev1', ['bob@example.org'], new Date(3000))).toBe(1);
      expect(await store.invitees.revoke('ev1', ['bob@example.org'], new Date(4000))).toBe(0);
      expect((await store.invitees.get(t.id))?.revokedAt).toEqual(new Date(3000));
    });

    it('replaces an answer, but never one given to a newer SEQUENCE', async () => {
      const base = {
        eventId: 'ev1',
        email: 'bob@example.org',
        recurrenceId: '',
        source: 'imap-reply' as const,
      };
      expect(
        await store.rsvps.put({ ...base, rsvp: 'accepted', sequence: 2, answeredAt: new Date(1) }),
      ).toBe(true);
      expect(
        await store.rsvps.put({ ...base, rsvp: 'accepted', sequence: 2, answeredAt: new Date(2) }),
      ).toBe(false);
      expect(
        await store.rsvps.put({ ...base, rsvp: 'declined', sequence: 1, answeredAt: new Date(3) }),
      ).toBe(false);
      expect(
        await store.rsvps.put({
          ...base,
          recurrenceId: '2027-01-11T10:00:00',
          rsvp: 'declined',
          sequence: null,
          source: 'mail-button',
          answeredAt: new Date(4),
        }),
      ).toBe(true);
      expect(
        (await store.rsvps.list('ev1')).map((r) => [r.recurrenceId, r.rsvp, r.sequence]),
      ).toEqual([
        ['', 'accepted', 2],
        ['2027-01-11T10:00:00', 'declined', null],
      ]);
    });

    it('processes a Message-ID once and lists replies newest first', async () => {
      const r = {
        messageId: '<a@b>',
        eventId: 'ev1',
        email: 'bob@example.org',
        outcome: 'recorded' as const,
        reason: null,
        receivedAt: new Date(5000),
      };
      expect(await store.replies.insert(r)).toBe(true);
      expect(await store.replies.insert({ ...r, outcome: 'skipped', reason: 'x' })).toBe(false);
      await store.replies.insert({
        ...r,
        messageId: '<c@d>',
        eventId: null,
        receivedAt: new Date(6000),
      });
      expect(await store.replies.has('<a@b>')).toBe(true);
      expect((await store.replies.list({ limit: 10 })).map((x) => x.messageId)).toEqual([
        '<c@d>',
        '<a@b>',
      ]);
      expect(await store.replies.list({ eventId: 'ev1', limit: 10 })).toEqual([r]);
    });

    it('stores and changes a link schedule', async () => {
      expect(await store.schedules.get('link1')).toBeUndefined();
      const s = { ...defaultSchedule('link1'), openMinutesBefore: 5, startingMail: true };
      await store.schedules.put(s);
      expect(await store.schedules.get('link1')).toEqual(s);
      await store.schedules.put({ ...s, openMinutesBefore: null, waitForHost: true });
      expect(await store.schedules.get('link1')).toEqual({
        ...s,
        openMinutesBefore: null,
        waitForHost: true,
      });
      expect(await store.schedules.withStartingMail()).toEqual([]);
    });
  });
}
