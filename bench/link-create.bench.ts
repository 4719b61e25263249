/**
 * Link creation through the HTTP API, on SQLite and on PostgreSQL (baseline: SQLite).
 */
import autocannon from 'autocannon';
import { startTestApp, TEST_TOKEN } from '../test/support/app.js';
import { createDatabase, removeCluster, startPostgres } from '../test/support/postgres.js';
import { createPostgresStore } from '../src/adapters/store/postgres.js';
import type { BenchResult } from './types.js';

async function createsPerSecond(url: string): Promise<number> {
  const result = await autocannon({
    url: `${url}/api/links`,
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'bench' }),
    connections: 16,
    duration: 5,
  });
  if (result.non2xx > 0) throw new Error(`${result.non2xx} failed requests`);
  return result.requests.average;
}

export default async function (): Promise<BenchResult[]> {
  const sqliteApp = await startTestApp();
  const sqlite = await createsPerSecond(sqliteApp.url);
  await sqliteApp.close();

  const cluster = await startPostgres();
  try {
    const store = await createPostgresStore({ url: await createDatabase(cluster, 'bench_links') });
    const pgApp = await startTestApp({ store });
    const postgres = await createsPerSecond(pgApp.url);
    await pgApp.close();
    await store.close();
    return [
      {
        name: 'link create/s, SQLite (baseline: PostgreSQL)',
        value: sqlite,
        unit: 'req/s',
        baseline: postgres,
        ratio: sqlite / postgres,
      },
      {
        name: 'link create/s, PostgreSQL (baseline: SQLite)',
        value: postgres,
        unit: 'req/s',
        baseline: sqlite,
        ratio: postgres / sqlite,
      },
    ];
  } finally {
    await cluster.stop();
    removeCluster(cluster);
  }
}
