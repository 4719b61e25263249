/**
 * Several instances starting on one PostgreSQL: one migrates, the others wait for it, with
 * their own bounded wait rather than the pool's 10 s query timeout.
 */
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createPostgresStore } from '../../src/adapters/store/postgres.js';
import { createDatabase } from '../support/postgres.js';

async function holdLock(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SELECT pg_advisory_lock(4242001)');
  return client;
}

describe('the migration lock on PostgreSQL', () => {
  it('an instance fails to start while another holds the migration lock: it waits past the 10 s query timeout', async () => {
    const url = await createDatabase({ url: inject('pgUrl') }, 'migration_lock_wait');
    const other = await holdLock(url);
    const t0 = Date.now();
    const starting = createPostgresStore({ url, migrationWaitMs: 60_000 });
    let settled = false;
    void starting.then(
      () => (settled = true),
      () => (settled = true),
    );
    // Held for longer than the pool's query timeout, as a long migration would.
    await new Promise((r) => setTimeout(r, 11_000));
    expect(settled).toBe(false);
    await other.query('SELECT pg_advisory_unlock(4242001)');
    await other.end();
    const store = await starting;
    try {
      expect(Date.now() - t0).toBeGreaterThanOrEqual(11_000);
      await store.ping();
      expect(await store.outbox.pendingCount()).toBe(0); // migrated
    } finally {
      await store.close();
    }
  }, 60_000);

  it('gives up after its own bounded wait with a message that names the migration lock', async () => {
    const url = await createDatabase({ url: inject('pgUrl') }, 'migration_lock_give_up');
    const other = await holdLock(url);
    try {
      await expect(createPostgresStore({ url, migrationWaitMs: 500 })).rejects.toThrow(
        /Another callink instance has held the database migration lock for \d+ s: giving up/,
      );
    } finally {
      await other.end();
    }
    const store = await createPostgresStore({ url, migrationWaitMs: 500 });
    await store.close();
  });
});
