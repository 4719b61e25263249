/**
 * The import UID → link mapping: the same contract on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Store } from '../../src/core/ports.js';
import { makeStore } from '../support/app.js';
import { createDatabase } from '../support/postgres.js';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`Import link mappings on ${kind}`, () => {
    let store: Store;
    let cleanup: () => void;

    beforeAll(async () => {
      const url =
        kind === 'postgres'
          ? await createDatabase({ url: inject('pgUrl') }, 'contract_import_links')
          : undefined;
      ({ store, cleanup } = await makeStore(kind, url));
      for (const id of ['l1', 'l2', 'l3']) {
        await store.links.insert({
          id,
          title: null,
          lobby: false,
          e2ee: false,
          maxParticipants: 2,
          createdAt: new Date(1),
          ownerId: null,
        });
      }
    });
    afterAll(async () => {
      await store.close();
      cleanup();
    });

    it('remembers a UID per scope and keeps the first mapping', async () => {
      expect(await store.importLinks.put('', 'uid-1', 'l1', new Date(10))).toBe('l1');
      expect(await store.importLinks.put('', 'uid-1', 'l2', new Date(11))).toBe('l1');
      expect(await store.importLinks.put('key-9', 'uid-1', 'l2', new Date(12))).toBe('l2');
      const found = await store.importLinks.getMany('', ['uid-1', 'uid-unknown']);
      expect([...found]).toEqual([['uid-1', { linkId: 'l1', revoked: false }]]);
      expect(await store.importLinks.count('')).toBe(1);
    });

    it('reports a revoked link and replaces it on request', async () => {
      await store.links.revoke('l1', new Date(20));
      expect((await store.importLinks.getMany('', ['uid-1'])).get('uid-1')?.revoked).toBe(true);
      expect(await store.importLinks.put('', 'uid-1', 'l3', new Date(21), { replace: true })).toBe(
        'l3',
      );
      expect((await store.importLinks.getMany('', ['uid-1'])).get('uid-1')).toEqual({
        linkId: 'l3',
        revoked: false,
      });
    });

    it('looks up thousands of UIDs at once, odd characters included', async () => {
      const uids = Array.from({ length: 1200 }, (_, i) => `${i}@x'"; --é`);
      await store.transaction(async (tx) => {
        for (const uid of uids) await tx.importLinks.put('bulk', uid, 'l2', new Date(30));
      });
      const found = await store.importLinks.getMany('bulk', uids);
      expect(found.size).toBe(1200);
    });

    it('rolls back every write of a failed transaction', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.importLinks.put('rb', 'u', 'l2', new Date(40));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.importLinks.count('rb')).toBe(0);
    });
  });
}
