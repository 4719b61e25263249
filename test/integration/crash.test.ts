/**
 * Nothing lost: SIGKILL the server under concurrent link writes, restart it, and every link
 * that was acknowledged with 2xx must be there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../support/postgres.js';
import { startServerProcess } from '../support/server-process.js';

const TOKEN = 'crash-test-token-0123456789';
/** Acknowledged writes before the kill: a quick run in npm test, a long one in npm run soak. */
const TARGET = process.env.SOAK ? 5000 : 200;

async function crashRun(
  env: Record<string, string>,
): Promise<{ acknowledged: number; lost: string[] }> {
  const server = await startServerProcess(env);
  const acked: string[] = [];
  let stop = false;
  const writer = async () => {
    while (!stop) {
      try {
        const res = await fetch(`${server.url}/api/links`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ title: 'crash' }),
        });
        if (res.status === 201) acked.push(((await res.json()) as { id: string }).id);
      } catch {
        return; // connection died with the server
      }
    }
  };
  const writers = Array.from({ length: 16 }, writer);
  // Kill mid-load: once a good number of writes were acknowledged (however slow the machine).
  const deadline = Date.now() + (process.env.SOAK ? 300_000 : 30_000);
  while (acked.length < TARGET && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  await server.kill('SIGKILL');
  stop = true;
  await Promise.all(writers);

  const again = await startServerProcess(env, server.port);
  try {
    const res = await fetch(`${again.url}/api/links`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    const stored = new Set(
      ((await res.json()) as { links: { id: string }[] }).links.map((l) => l.id),
    );
    // list() is capped; ask one by one for anything not in the first page.
    const lost: string[] = [];
    for (const id of acked) {
      if (stored.has(id)) continue;
      const one = await fetch(`${again.url}/api/links/${id}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      if (one.status !== 200) lost.push(id);
    }
    return { acknowledged: acked.length, lost };
  } finally {
    await again.kill('SIGTERM');
  }
}

describe('crash safety', () => {
  it('loses no acknowledged link when SQLite is killed mid-load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callink-crash-'));
    try {
      const { acknowledged, lost } = await crashRun({
        CALLINK_DATA_DIR: dir,
        CALLINK_ADMIN_TOKEN: TOKEN,
      });
      console.log(`sqlite crash test: acknowledged ${acknowledged}, lost ${lost.length}`);
      expect(acknowledged).toBeGreaterThanOrEqual(TARGET);
      expect(lost).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loses no acknowledged link when the server on PostgreSQL is killed mid-load', async () => {
    const url = await createDatabase({ url: inject('pgUrl') }, 'crash_links');
    const dir = mkdtempSync(join(tmpdir(), 'callink-crash-'));
    try {
      const { acknowledged, lost } = await crashRun({
        CALLINK_DATA_DIR: dir,
        CALLINK_DATABASE_URL: url,
        CALLINK_ADMIN_TOKEN: TOKEN,
      });
      console.log(`postgres crash test: acknowledged ${acknowledged}, lost ${lost.length}`);
      expect(acknowledged).toBeGreaterThanOrEqual(TARGET);
      expect(lost).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
