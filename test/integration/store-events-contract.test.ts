/**
 * Events, teams, feeds and the mail outbox: one contract, SQLite and PostgreSQL alike.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CalendarEvent } from '../../src/core/events.js';
import type { NewMail, Store } from '../../src/core/ports.js';
import { makeStore } from '../support/app.js';
import { createDatabase } from '../support/postgres.js';

const ev = (id: string, over: Partial<CalendarEvent> = {}): CalendarEvent => ({
  id,
  uid: `${id}@example.org`,
  sequence: 0,
  linkId: 'link1',
  teamId: null,
  ownerId: null,
  title: `Event ${id}`,
  start: '2026-03-10T09:00:00',
  end: '2026-03-10T10:00:00',
  timeZone: 'Europe/Berlin',
  organizer: { name: 'Ann', email: 'ann@example.org' },
  attendees: [{ name: 'Bob', email: 'bob@example.org' }],
  description: 'Zoë\nline two',
  recurrence: null,
  overrides: [],
  status: 'confirmed',
  createdAt: new Date(1_700_000_000_000),
  updatedAt: new Date(1_700_000_000_000),
  cancelledAt: null,
  lastEnd: new Date(1_700_000_360_000),
  ...over,
});
const mail = (id: string, eventId: string, at: number): NewMail => ({
  id,
  eventId,
  to: 'bob@example.org',
  subject: 's',
  text: 't',
  html: '<p>h</p>',
  ics: 'BEGIN:VCALENDAR',
  method: 'REQUEST',
  createdAt: new Date(at),
});

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`event store contract on ${kind}`, () => {
    let store: Store;
    let cleanup: () => void;
    beforeAll(async () => {
      const url =
        kind === 'postgres'
          ? await createDatabase({ url: inject('pgUrl') }, 'contract_events')
          : undefined;
      ({ store, cleanup } = await makeStore(kind, url));
    });
    afterAll(async () => {
      await store.close();
      cleanup();
    });

    it('stores an event with its mail and reads it back field for field', async () => {
      await store.events.insert(ev('e1'), [mail('m1', 'e1', 1000)]);
      expect(await store.events.get('e1')).toEqual(ev('e1'));
      expect((await store.outbox.listForEvent('e1')).map((m) => m.id)).toEqual(['m1']);
      expect(await store.events.get('nope')).toBeUndefined();
    });

    it('updates only from the version it read, and bumps team versions', async () => {
      const team = await store.teams.insert({ id: 't1', name: 'Team', createdAt: new Date(5000) });
      expect(team.version).toBe(0);
      const first = ev('e2', { teamId: 't1', updatedAt: new Date(6000) });
      await store.events.insert(first);
      expect((await store.teams.get('t1'))?.version).toBe(1);
      const next = { ...first, sequence: 1, title: 'Moved', updatedAt: new Date(7000) };
      expect(await store.events.update(next, first, [mail('m2', 'e2', 7000)])).toBe(true);
      expect(await store.events.update({ ...next, title: 'Lost' }, first)).toBe(false);
      expect((await store.events.get('e2'))?.title).toBe('Moved');
      const t = await store.teams.get('t1');
      expect(t?.version).toBe(2);
      expect(t?.updatedAt.getTime()).toBe(7000);
    });

    it('lists a team window: ended long ago and long-cancelled events drop out', async () => {
      await store.events.insert(ev('old', { teamId: 't1', lastEnd: new Date(10) }));
      await store.events.insert(ev('forever', { teamId: 't1', lastEnd: null }));
      await store.events.insert(
        ev('gone', { teamId: 't1', status: 'cancelled', cancelledAt: new Date(20) }),
      );
      const ids = (
        await store.events.listForTeam('t1', {
          since: new Date(100),
          cancelledSince: new Date(100),
        })
      ).map((e) => e.id);
      expect(ids.sort()).toEqual(['e2', 'forever']);
    });

    it('regression: lists a team of more than one page (read in pages) whole, once each, in creation order', async () => {
      await store.teams.insert({ id: 'big', name: 'Big', createdAt: new Date(5000) });
      // 2,300 events over 3 pages, many sharing a creation time (the page key is time, then id).
      const ids: string[] = [];
      for (let i = 0; i < 2300; i++) {
        const id = `p${String(i).padStart(4, '0')}`;
        ids.push(id);
        await store.events.insert(
          ev(id, { teamId: 'big', createdAt: new Date(1_700_000_000_000 + Math.floor(i / 7)) }),
        );
      }
      const listed = (
        await store.events.listForTeam('big', {
          since: new Date(100),
          cancelledSince: new Date(100),
        })
      ).map((e) => e.id);
      expect(listed.length).toBe(2300);
      expect(new Set(listed).size).toBe(2300);
      expect(listed).toEqual(ids);
    });

    it('finds active feeds by secret hash only, and revokes for good', async () => {
      await store.feeds.insert({
        id: 'f1',
        teamId: 't1',
        secretHash: 'a'.repeat(64),
        createdAt: new Date(1),
      });
      const found = await store.feeds.findActiveByHash('a'.repeat(64));
      expect(found?.feed.id).toBe('f1');
      expect(found?.team).toMatchObject({ id: 't1', name: 'Team', version: 5 });
      expect(await store.feeds.findActiveByHash('b'.repeat(64))).toBeUndefined();
      expect(await store.feeds.revoke('other-team', 'f1', new Date(2))).toBe(false);
      expect(await store.feeds.revoke('t1', 'f1', new Date(2))).toBe(true);
      expect(await store.feeds.findActiveByHash('a'.repeat(64))).toBeUndefined();
      expect((await store.feeds.list('t1'))[0]?.revokedAt).toEqual(new Date(2));
    });

    it('leases due mail to one claimer, retries failures later and marks sent', async () => {
      const now = new Date(10_000);
      const a = await store.outbox.claimDue(now, new Date(70_000), 10, 'w1');
      expect(a.map((m) => m.id).sort()).toEqual(['m1', 'm2']);
      expect(await store.outbox.claimDue(now, new Date(70_000), 10, 'w2')).toEqual([]);
      expect(await store.outbox.markFailed('m1', 'boom', new Date(50_000), 'w1')).toBe(true);
      expect(await store.outbox.markSent('m2', new Date(11_000), 'w1')).toBe(true);
      expect(await store.outbox.claimDue(new Date(20_000), new Date(80_000), 10, 'w1')).toEqual([]);
      const retry = await store.outbox.claimDue(new Date(50_000), new Date(90_000), 10, 'w1');
      expect(retry.map((m) => [m.id, m.attempts, m.lastError])).toEqual([['m1', 1, 'boom']]);
      expect(await store.outbox.pendingCount()).toBe(1);
    });

    it('duplicate invite mail: a worker whose lease ran out can neither renew nor mark the mail', async () => {
      await store.events.insert(ev('e3'), [mail('m3', 'e3', 900_000), mail('m4', 'e3', 900_000)]);
      const mine = (ms: { id: string }[]) =>
        ms
          .map((m) => m.id)
          .filter((id) => id === 'm3' || id === 'm4')
          .sort();
      const t = 1_000_000;
      expect(
        mine(await store.outbox.claimDue(new Date(t), new Date(t + 60_000), 10, 'slow')),
      ).toEqual(['m3', 'm4']);
      // The slow worker's lease ends; another instance claims the same mail.
      expect(
        mine(await store.outbox.claimDue(new Date(t + 60_000), new Date(t + 120_000), 10, 'fast')),
      ).toEqual(['m3', 'm4']);
      expect(await store.outbox.renew('m3', 'slow', new Date(t + 130_000))).toBe(false);
      expect(await store.outbox.markSent('m3', new Date(t + 61_000), 'slow')).toBe(false);
      expect(await store.outbox.markFailed('m4', 'x', new Date(t + 90_000), 'slow')).toBe(false);
      expect(await store.outbox.renew('m3', 'fast', new Date(t + 130_000))).toBe(true);
      expect(await store.outbox.markSent('m3', new Date(t + 62_000), 'fast')).toBe(true);
      const m3 = (await store.outbox.listForEvent('e3')).find((m) => m.id === 'm3');
      expect([m3?.attempts, m3?.sentAt]).toEqual([1, new Date(t + 62_000)]);
      // Released mail is due again at once, for anyone.
      await store.outbox.release('m4', 'fast');
      expect(
        mine(await store.outbox.claimDue(new Date(t + 63_000), new Date(t + 99_000), 10, 'w3')),
      ).toEqual(['m4']);
      expect(await store.outbox.markSent('m4', new Date(t + 64_000), 'w3')).toBe(true);
    });

    it('a refused address is retried forever: a dead letter keeps its reason and is never claimed again', async () => {
      const pending = await store.outbox.pendingCount();
      await store.events.insert(ev('e4'), [mail('m5', 'e4', 2_000_000)]);
      expect(await store.outbox.pendingCount()).toBe(pending + 1);
      const t = 2_000_000;
      const claimed = await store.outbox.claimDue(new Date(t), new Date(t + 60_000), 10, 'w1');
      expect(claimed.map((m) => m.id)).toContain('m5');
      expect(
        await store.outbox.markDead('m5', '550 5.1.1 No such user', new Date(t + 1), 'w1'),
      ).toBe(true);
      const later = await store.outbox.claimDue(new Date(t * 10), new Date(t * 10 + 1), 10, 'w2');
      expect(later.map((m) => m.id)).not.toContain('m5');
      expect(await store.outbox.pendingCount()).toBe(pending);
      const dead = await store.outbox.listDead(10);
      expect(dead.map((m) => [m.id, m.lastError, m.deadAt, m.sentAt, m.attempts])).toEqual([
        ['m5', '550 5.1.1 No such user', new Date(t + 1), null, 1],
      ]);
    });
  });
}
