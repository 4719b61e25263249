/**
 * Policy, keys and audit repositories: SQLite and PostgreSQL must behave the same, and
 * every change must land in the audit log in the same transaction.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditNote } from '../../src/core/audit.js';
import { DEFAULT_POLICY, type Policy } from '../../src/core/policy.js';
import type { Store } from '../../src/core/ports.js';
import { policyReader } from '../../src/core/usecases/policy.js';
import { makeStore } from '../support/app.js';
import { createDatabase } from '../support/postgres.js';

const admin = { kind: 'admin', id: null, name: 'admin token' } as const;
let seq = 0;
const note = (at: number): AuditNote => ({
  id: `${String(at).padStart(13, '0')}-${String(++seq).padStart(4, '0')}`,
  at: new Date(at),
  actor: admin,
});

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`policy, keys and audit on ${kind}`, () => {
    let store: Store;
    let cleanup: () => void;

    beforeAll(async () => {
      const url =
        kind === 'postgres'
          ? await createDatabase({ url: inject('pgUrl') }, 'contract_policy')
          : undefined;
      ({ store, cleanup } = await makeStore(kind, url));
    });
    afterAll(async () => {
      await store.close();
      cleanup();
    });

    it('has no stored policy on a new install', async () => {
      expect(await store.policy.get()).toBeUndefined();
    });

    it('replaces the policy and logs before and after', async () => {
      const first: Policy = { ...DEFAULT_POLICY, linksEnabled: false };
      expect(await store.policy.replace(first, note(1000))).toBeUndefined();
      const second: Policy = { ...first, maxParticipants: 8, allowedBrowsers: ['firefox'] };
      expect(await store.policy.replace(second, note(2000))).toEqual(first);
      expect(await store.policy.get()).toEqual(second);
      const [latest, earlier] = await store.audit.list();
      expect(latest).toMatchObject({
        action: 'policy.update',
        target: 'policy',
        before: first,
        after: second,
        actor: admin,
        at: new Date(2000),
      });
      expect(earlier).toMatchObject({ before: null, after: first });
    });

    it('stores a key, reads it back, and logs it without its hash', async () => {
      const key = {
        id: 'k0000000000000001',
        name: 'Ana',
        role: 'organizer' as const,
        hash: 'a'.repeat(64),
        createdAt: new Date(3000),
      };
      await store.keys.insert(key, note(3000));
      expect(await store.keys.get(key.id)).toEqual({ ...key, revokedAt: null });
      expect(await store.keys.get('nope')).toBeUndefined();
      const [entry] = await store.audit.list({ limit: 1 });
      expect(entry).toMatchObject({ action: 'key.create', target: key.id });
      expect(entry?.after).toEqual({ id: key.id, name: 'Ana', role: 'organizer' });
      expect(JSON.stringify(await store.audit.list())).not.toContain('a'.repeat(64));
    });

    it('writes no audit entry when the change fails', async () => {
      const before = (await store.audit.list()).length;
      const dup = {
        id: 'k0000000000000001',
        name: 'Dup',
        role: 'admin' as const,
        hash: 'd'.repeat(64),
        createdAt: new Date(1),
      };
      await expect(store.keys.insert(dup, note(3500))).rejects.toThrow();
      expect((await store.audit.list()).length).toBe(before);
      expect((await store.keys.get(dup.id))?.name).toBe('Ana');
    });

    it('revokes a key once, logging only the first revoke', async () => {
      const before = (await store.audit.list()).length;
      expect(await store.keys.revoke('k0000000000000001', note(4000))).toBe(true);
      expect(await store.keys.revoke('k0000000000000001', note(5000))).toBe(true);
      expect((await store.keys.get('k0000000000000001'))?.revokedAt).toEqual(new Date(4000));
      expect(await store.keys.revoke('missing', note(6000))).toBe(false);
      expect((await store.audit.list()).length).toBe(before + 1);
    });

    it('lists keys oldest first and pages the audit log newest first', async () => {
      await store.keys.insert(
        {
          id: 'k0000000000000002',
          name: 'Bo',
          role: 'admin',
          hash: 'b'.repeat(64),
          createdAt: new Date(7000),
        },
        note(7000),
      );
      expect((await store.keys.list()).map((k) => k.name)).toEqual(['Ana', 'Bo']);
      const all = await store.audit.list();
      expect(all.map((e) => e.at.getTime())).toEqual(
        [...all].map((e) => e.at.getTime()).sort((a, b) => b - a),
      );
      const page = await store.audit.list({ limit: 2 });
      const rest = await store.audit.list({ before: page.at(-1)?.id });
      expect([...page, ...rest].map((e) => e.id)).toEqual(all.map((e) => e.id));
    });

    it('keeps every concurrent key creation and its audit entry', async () => {
      const before = (await store.audit.list({ limit: 1000 })).length;
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.keys.insert(
            {
              id: `c${String(i).padStart(15, '0')}`,
              name: `n${i}`,
              role: 'organizer',
              hash: 'c'.repeat(64),
              createdAt: new Date(8000 + i),
            },
            note(8000 + i),
          ),
        ),
      );
      expect((await store.audit.list({ limit: 1000 })).length).toBe(before + 20);
      expect((await store.keys.list()).length).toBe(22);
    });

    it('changes the policy stamp with every replace, and a cached reader sees each change at once', async () => {
      const reader = policyReader(store);
      const other = policyReader(store); // another instance on the same database
      const before = await store.policy.stamp();
      const was = await reader();
      const next: Policy = { ...was, maxParticipants: was.maxParticipants === 7 ? 9 : 7 };
      await store.policy.replace(next, note(3000));
      const after = await store.policy.stamp();
      expect(after).toBeDefined();
      expect(after).not.toEqual(before);
      expect(await reader()).toEqual(next);
      expect(await other()).toEqual(next);
      // Same length, same millisecond is the one change a stamp cannot see; a new time is.
      const again: Policy = { ...next, maxParticipants: next.maxParticipants === 7 ? 9 : 7 };
      await store.policy.replace(again, note(3001));
      expect(await reader()).toEqual(again);
    });
  });
}
