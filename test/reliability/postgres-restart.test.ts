/**
 * PostgreSQL restarted under load: requests fail fast with 503 while it is down, and the
 * service recovers by itself when it is back, without a restart of callink.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports.js';
import { createPostgresStore } from '../../src/adapters/store/postgres.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { waitFor } from '../support/net.js';
import {
  createDatabase,
  removeCluster,
  startPostgres,
  type PgCluster,
} from '../support/postgres.js';

let cluster: PgCluster;
let store: Store;
let app: TestApp;

beforeAll(async () => {
  cluster = await startPostgres();
  store = await createPostgresStore({ url: await createDatabase(cluster, 'restart') });
  app = await startTestApp({ store });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  await cluster?.stop();
  if (cluster) removeCluster(cluster);
});

async function createTimed(): Promise<{ status: number; ms: number; code?: string }> {
  const t0 = Date.now();
  const res = await app.api('/api/links', { method: 'POST', json: { title: 'r' } });
  const body = (await res.json()) as { error?: { code: string } };
  return {
    status: res.status,
    ms: Date.now() - t0,
    ...(body.error ? { code: body.error.code } : {}),
  };
}

describe('PostgreSQL restart', { timeout: 120_000 }, () => {
  it('answers 503 unavailable fast while the database is down, then recovers by itself', async () => {
    expect((await createTimed()).status).toBe(201);

    await cluster.kill();
    const down = await Promise.all(Array.from({ length: 10 }, createTimed));
    for (const r of down) {
      expect(r.status).toBe(503);
      expect(r.code).toBe('unavailable');
      // Fast: refused connections fail at once; 5 s bounds it even on a loaded machine
      // (a hang would last the OS's TCP timeout, minutes).
      expect(r.ms).toBeLessThan(5000);
    }
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(503);
    expect(app.logs()).not.toContain(cluster.url);

    await cluster.start();
    await waitFor(async () => (await createTimed()).status === 201, {
      timeoutMs: 15000,
      what: 'callink to recover after PostgreSQL came back',
    });
    const after = await Promise.all(Array.from({ length: 10 }, createTimed));
    expect(after.every((r) => r.status === 201)).toBe(true);
  });
});
