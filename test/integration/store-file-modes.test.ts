/**
 * Issue 14, item 11: callink.sqlite was 0644 in a 0755 directory, so any local user could read
 * every link id. The data dir is now 0700 and the database files 0600, also for an existing
 * install and under a permissive umask.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../src/adapters/store/sqlite.js';

const root = mkdtempSync(join(tmpdir(), 'callink-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const mode = (p: string) => statSync(p).mode & 0o777;

describe('data dir permissions', () => {
  it('callink.sqlite is not readable by other local users', async () => {
    const old = process.umask(0o022);
    try {
      const dir = join(root, 'fresh', 'data');
      const store = await createSqliteStore({ dataDir: dir });
      await store.links.count();
      expect(mode(dir)).toBe(0o700);
      for (const f of ['callink.sqlite', 'callink.sqlite-wal', 'callink.sqlite-shm']) {
        expect(mode(join(dir, f)), f).toBe(0o600);
      }
      await store.close();
    } finally {
      process.umask(old);
    }
  });

  it('tightens an existing install that was world-readable', async () => {
    const dir = join(root, 'old');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'callink.sqlite'), '');
    chmodSync(join(dir, 'callink.sqlite'), 0o644);
    const store = await createSqliteStore({ dataDir: dir });
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'callink.sqlite'))).toBe(0o600);
    await store.close();
  });
});
