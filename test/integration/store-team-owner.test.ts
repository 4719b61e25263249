/**
 * Team owners and the owner-scoped lists (teams, their feeds, events): SQLite and PostgreSQL alike.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CalendarEvent } from '../../src/core/events.js';
import type { Store } from '../../src/core/ports.js';
import { makeStore } from '../support/app.js';
import { createDatabase } from '../support/postgres.js';

const ev = (id: string, ownerId: string | null, at: number): CalendarEvent => ({
  id,
  uid: `${id}@example.org`,
  sequence: 0,
  linkId: 'link1',
  teamId: null,
  ownerId,
  title: `Event ${id}`,
  start: '2026-03-10T09:00:00',
  end: '2026-03-10T10:00:00',
  timeZone: 'Europe/Berlin',
  organizer: { name: 'Ann', email: 'ann@example.org' },
  attendees: [],
  description: null,
  recurrence: null,
  overrides: [],
  status: 'confirmed',
  createdAt: new Date(at),
  updatedAt: new Date(at),
  cancelledAt: null,
  lastEnd: new Date(at + 3_600_000),
});

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`team owners and owner-scoped lists on ${kind}`, () => {
    let store: Store;
    let cleanup: () => void;
    beforeAll(async () => {
      const url =
        kind === 'postgres'
          ? await createDatabase({ url: inject('pgUrl') }, 'contract_team_owner')
          : undefined;
      ({ store, cleanup } = await makeStore(kind, url));
    });
    afterAll(async () => {
      await store.close();
      cleanup();
    });

    it('stores the owner and lists teams newest first, by owner', async () => {
      const a1 = await store.teams.insert({
        id: 'a1',
        name: 'A1',
        createdAt: new Date(1000),
        ownerId: 'ka',
      });
      await store.teams.insert({ id: 'a2', name: 'A2', createdAt: new Date(3000), ownerId: 'ka' });
      await store.teams.insert({ id: 'b1', name: 'B1', createdAt: new Date(2000), ownerId: 'kb' });
      await store.teams.insert({ id: 'n1', name: 'N1', createdAt: new Date(4000) });
      expect(a1.ownerId).toBe('ka');
      expect(await store.teams.get('a1')).toEqual(a1);
      expect((await store.teams.get('n1'))?.ownerId).toBeNull();
      const ids = async (o?: { ownerId?: string | null; limit?: number }) =>
        (await store.teams.list(o)).map((t) => t.id);
      expect(await ids({ ownerId: 'ka' })).toEqual(['a2', 'a1']);
      expect(await ids({ ownerId: 'kb' })).toEqual(['b1']);
      expect(await ids({ ownerId: null })).toEqual(['n1']);
      expect(await ids({ ownerId: 'nobody' })).toEqual([]);
      expect(await ids()).toEqual(['n1', 'a2', 'b1', 'a1']);
      expect(await ids({ limit: 2 })).toEqual(['n1', 'a2']);
    });

    it('lists the feeds of several teams in one go, and the team behind a feed keeps its owner', async () => {
      await store.feeds.insert({
        id: 'f2',
        teamId: 'a2',
        secretHash: 'h2',
        createdAt: new Date(20),
      });
      await store.feeds.insert({
        id: 'f1',
        teamId: 'a1',
        secretHash: 'h1',
        createdAt: new Date(10),
      });
      await store.feeds.insert({
        id: 'f3',
        teamId: 'b1',
        secretHash: 'h3',
        createdAt: new Date(30),
      });
      const feeds = await store.feeds.listForTeams(['a1', 'a2']);
      expect(feeds.map((f) => [f.id, f.teamId])).toEqual([
        ['f1', 'a1'],
        ['f2', 'a2'],
      ]);
      expect(await store.feeds.listForTeams([])).toEqual([]);
      expect((await store.feeds.findActiveByHash('h3'))?.team.ownerId).toBe('kb');
    });

    it('lists events newest first, by owner, up to the limit', async () => {
      await store.events.insert(ev('e1', 'ka', 1000));
      await store.events.insert(ev('e2', 'kb', 2000));
      await store.events.insert(ev('e3', 'ka', 3000));
      await store.events.insert(ev('e4', null, 4000));
      const ids = async (o: { ownerId?: string | null; limit: number }) =>
        (await store.events.list(o)).map((e) => e.id);
      expect(await ids({ ownerId: 'ka', limit: 10 })).toEqual(['e3', 'e1']);
      expect(await ids({ ownerId: 'ka', limit: 1 })).toEqual(['e3']);
      expect(await ids({ ownerId: null, limit: 10 })).toEqual(['e4']);
      expect(await ids({ limit: 10 })).toEqual(['e4', 'e3', 'e2', 'e1']);
      expect(await store.events.list({ ownerId: 'ka', limit: 10 })).toEqual([
        ev('e3', 'ka', 3000),
        ev('e1', 'ka', 1000),
      ]);
    });
  });
}
