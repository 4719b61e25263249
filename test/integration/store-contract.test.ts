/**
 * One contract, every Store adapter: SQLite and PostgreSQL must behave the same.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Store } from '../../src/core/ports.js';
import { makeStore } from '../support/app.js';
import { createDatabase } from '../support/postgres.js';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Store contract on ${kind}`, () => {
    let store: Store;
    let cleanup: () => void;

    beforeAll(async () => {
      const url =
        kind === 'postgres'
          ? await createDatabase({ url: inject('pgUrl') }, 'contract_links')
          : undefined;
      ({ store, cleanup } = await makeStore(kind, url));
    });
    afterAll(async () => {
      await store.close();
      cleanup();
    });

    const link = (id: string, at: number, ownerId: string | null = null) => ({
      id,
      title: `t ${id}`,
      lobby: true,
      e2ee: false,
      maxParticipants: 12,
      createdAt: new Date(at),
      ownerId,
    });

    it('reports its kind and answers ping', async () => {
      expect(store.kind).toBe(kind);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('stores a link and reads it back field for field', async () => {
      await store.links.insert(link('a1', 1_700_000_000_123));
      expect(await store.links.get('a1')).toEqual({
        ...link('a1', 1_700_000_000_123),
        revokedAt: null,
      });
    });

    it('answers undefined for an unknown id', async () => {
      expect(await store.links.get('nope')).toBeUndefined();
    });

    it('refuses a duplicate id', async () => {
      await expect(store.links.insert(link('a1', 1))).rejects.toThrow();
    });

    it('lists newest first and by owner', async () => {
      await store.links.insert(link('a2', 1_700_000_000_200, 'k1'));
      await store.links.insert(link('a3', 1_700_000_000_300, 'k2'));
      expect((await store.links.list()).map((l) => l.id)).toEqual(['a3', 'a2', 'a1']);
      expect((await store.links.list({ ownerId: 'k1' })).map((l) => l.id)).toEqual(['a2']);
      expect((await store.links.list({ ownerId: null })).map((l) => l.id)).toEqual(['a1']);
      expect(await store.links.count()).toBe(3);
    });

    it('revokes for good and keeps the first revocation time', async () => {
      expect(await store.links.revoke('a2', new Date(5000))).toBe(true);
      expect(await store.links.revoke('a2', new Date(9000))).toBe(true);
      expect((await store.links.get('a2'))?.revokedAt).toEqual(new Date(5000));
      expect(await store.links.revoke('missing', new Date(1))).toBe(false);
    });

    it('keeps 100 concurrent inserts', async () => {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => store.links.insert(link(`c${i}`, 2_000_000 + i))),
      );
      expect(await store.links.count()).toBe(103);
    });
  });
}
