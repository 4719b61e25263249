/**
 * The E2EE store contract on SQLite and PostgreSQL alike: link modes (and links from before
 * modes read as passphrase links), public keys per participant, the wrapped key kept for an
 * admitted guest, and removal marks.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WrappedKey } from '../../src/core/e2ee.js';
import type { Store } from '../../src/core/ports.js';
import { makeStore } from '../support/app.js';
import { createDatabase } from '../support/postgres.js';

const PK = `B${'A'.repeat(86)}`;
const KEY: WrappedKey = {
  v: 1,
  from: PK,
  salt: 'A'.repeat(22),
  iv: 'A'.repeat(16),
  ct: 'A'.repeat(64),
  index: 3,
};

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`E2EE store contract on ${kind}`, () => {
    let store: Store;
    let cleanup: () => void;

    beforeAll(async () => {
      const url =
        kind === 'postgres'
          ? await createDatabase({ url: inject('pgUrl') }, 'contract_e2ee')
          : undefined;
      ({ store, cleanup } = await makeStore(kind, url));
    });
    afterAll(async () => {
      await store.close();
      cleanup();
    });

    const link = (id: string, e2eeMode?: 'exchange' | 'passphrase') => ({
      id,
      title: null,
      lobby: true,
      e2ee: e2eeMode !== undefined,
      ...(e2eeMode ? { e2eeMode } : {}),
      maxParticipants: 4,
      createdAt: new Date(1_700_000_000_000),
      ownerId: null,
    });

    it('keeps each link’s E2EE mode; a plain link has none', async () => {
      await store.links.insert(link('x1', 'exchange'));
      await store.links.insert(link('p1', 'passphrase'));
      await store.links.insert(link('n1'));
      expect((await store.links.get('x1'))?.e2eeMode).toBe('exchange');
      expect((await store.links.get('p1'))?.e2eeMode).toBe('passphrase');
      expect(await store.links.get('n1')).not.toHaveProperty('e2eeMode');
    });

    it('keeps one public key per participant, the wrapped key for it, and its removal', async () => {
      const at = new Date(1_700_000_000_500);
      await store.e2ee.put({
        linkId: 'x1',
        identity: 'p_a',
        publicKey: PK,
        host: false,
        createdAt: at,
      });
      await store.e2ee.put({
        linkId: 'x1',
        identity: 'p_a',
        publicKey: 'other',
        host: true,
        createdAt: at,
      });
      expect(await store.e2ee.get('x1', 'p_a')).toEqual({
        linkId: 'x1',
        identity: 'p_a',
        publicKey: PK,
        host: false,
        wrappedKey: null,
        createdAt: at,
        removedAt: null,
      });
      expect(await store.e2ee.get('x2', 'p_a')).toBeUndefined();
      expect(await store.e2ee.setWrappedKey('x1', 'p_a', KEY)).toBe(true);
      expect(await store.e2ee.setWrappedKey('x1', 'p_nobody', KEY)).toBe(false);
      expect((await store.e2ee.get('x1', 'p_a'))?.wrappedKey).toEqual(KEY);
      const removed = new Date(1_700_000_001_000);
      expect(await store.e2ee.markRemoved('x1', 'p_a', removed)).toBe(true);
      expect(await store.e2ee.markRemoved('x1', 'p_a', new Date(1_800_000_000_000))).toBe(true);
      expect((await store.e2ee.get('x1', 'p_a'))?.removedAt).toEqual(removed);
      expect(await store.e2ee.markRemoved('x1', 'p_nobody', removed)).toBe(false);
    });
  });
}
