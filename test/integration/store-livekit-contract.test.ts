/**
 * The lobby, host key and attendance repositories behave the same on SQLite and PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Store } from '../../src/core/ports.js';
import { makeStore } from '../support/app.js';
import { createDatabase } from '../support/postgres.js';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`LiveKit repositories on ${kind}`, () => {
    let store: Store;
    let cleanup: () => void;

    beforeAll(async () => {
      const url =
        kind === 'postgres'
          ? await createDatabase({ url: inject('pgUrl') }, 'contract_livekit')
          : undefined;
      ({ store, cleanup } = await makeStore(kind, url));
    });
    afterAll(async () => {
      await store.close();
      cleanup();
    });

    const knock = (ticket: string, linkId: string, at: number) => ({
      ticket,
      linkId,
      name: `guest ${ticket}`,
      identity: `p_${ticket}`,
      status: 'waiting' as const,
      createdAt: new Date(at),
      decidedAt: null,
    });

    const h = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

    it('lists waiting knocks of one link, oldest first, within the window', async () => {
      await store.lobby.insert(knock('k2', 'linkA', 2000));
      await store.lobby.insert(knock('k1', 'linkA', 1000));
      await store.lobby.insert(knock('k3', 'linkB', 1500));
      await store.lobby.insert(knock('k0', 'linkA', 10));
      const waiting = await store.lobby.waiting('linkA', new Date(500));
      // Read back with the handle (the hash): the ticket itself is not stored.
      expect(waiting.map((t) => t.ticket)).toEqual([h('k1'), h('k2')]);
      const k1 = { ...knock('k1', 'linkA', 1000), ticket: h('k1'), redeemedAt: null };
      expect(await store.lobby.get('k1')).toEqual(k1);
      expect(await store.lobby.get(h('k1'))).toBeUndefined();
      expect(await store.lobby.byHandle(h('k1'))).toEqual(k1);
      expect(await store.lobby.get('nope')).toBeUndefined();
    });

    it('decides a knock once: the second answer does not overwrite the first', async () => {
      expect(await store.lobby.decide(h('k1'), 'admitted', new Date(3000))).toBe(true);
      expect(await store.lobby.decide(h('k1'), 'denied', new Date(4000))).toBe(false);
      expect(await store.lobby.get('k1')).toMatchObject({
        status: 'admitted',
        decidedAt: new Date(3000),
      });
      expect((await store.lobby.waiting('linkA', new Date(0))).map((t) => t.ticket)).toEqual([
        h('k0'),
        h('k2'),
      ]);
    });

    it('spends an admitted ticket once, and remembers removed identities', async () => {
      expect(await store.lobby.redeem(h('k2'), new Date(5000))).toBe(false); // still waiting
      expect(await store.lobby.redeem(h('k1'), new Date(5000))).toBe(true);
      expect(await store.lobby.redeem(h('k1'), new Date(6000))).toBe(false);
      expect(await store.lobby.get('k1')).toMatchObject({ redeemedAt: new Date(5000) });
      expect(await store.lobby.isRemoved('linkA', 'p_k1')).toBe(false);
      await store.lobby.markRemoved('linkA', 'p_k1', new Date(7000));
      await store.lobby.markRemoved('linkA', 'p_k1', new Date(8000));
      expect(await store.lobby.isRemoved('linkA', 'p_k1')).toBe(true);
      expect(await store.lobby.isRemoved('linkB', 'p_k1')).toBe(false);
    });

    it('finds the link of a host key by its hash only', async () => {
      await store.hostKeys.insert({
        linkId: 'linkA',
        keyHash: 'h'.repeat(64),
        createdAt: new Date(1),
      });
      expect(await store.hostKeys.linkOf('h'.repeat(64))).toBe('linkA');
      expect(await store.hostKeys.linkOf('g'.repeat(64))).toBeUndefined();
    });

    it('records joins and leaves once each, even when reported twice or out of order', async () => {
      const base = { linkId: 'linkA', identity: 'p_1', name: 'Ann' };
      await store.attendance.joined({ ...base, sessionId: 'PA_1', joinedAt: new Date(1000) });
      await store.attendance.joined({ ...base, sessionId: 'PA_1', joinedAt: new Date(1000) });
      await store.attendance.left({
        ...base,
        sessionId: 'PA_1',
        joinedAt: new Date(1000),
        leftAt: new Date(61_000),
      });
      await store.attendance.left({
        ...base,
        sessionId: 'PA_1',
        joinedAt: new Date(1000),
        leftAt: new Date(99_000),
      });
      // A leave whose join report never came still counts.
      await store.attendance.left({
        ...base,
        identity: 'p_2',
        name: 'Bo',
        sessionId: 'PA_2',
        joinedAt: new Date(5000),
        leftAt: new Date(6000),
      });
      await store.attendance.joined({
        ...base,
        identity: 'p_3',
        name: 'Cy',
        sessionId: 'PA_3',
        joinedAt: new Date(7000),
      });
      const all = await store.attendance.list('linkA');
      expect(
        all.map((r) => [r.sessionId, r.joinedAt.getTime(), r.leftAt?.getTime() ?? null]),
      ).toEqual([
        ['PA_1', 1000, 61_000],
        ['PA_2', 5000, 6000],
        ['PA_3', 7000, null],
      ]);
      expect(await store.attendance.list('linkB')).toEqual([]);
    });

    it('filters attendance to sessions overlapping a time range, and closes open ones', async () => {
      const inRange = await store.attendance.list('linkA', {
        from: new Date(6500),
        to: new Date(8000),
      });
      expect(inRange.map((r) => r.sessionId)).toEqual(['PA_1', 'PA_3']);
      expect(await store.attendance.closeAll('linkA', new Date(70_000))).toBe(1);
      const after = await store.attendance.list('linkA', { from: new Date(65_000) });
      expect(after.map((r) => [r.sessionId, r.leftAt?.getTime()])).toEqual([['PA_3', 70_000]]);
    });
  });
}
