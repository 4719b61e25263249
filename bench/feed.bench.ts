/**
 * Team feeds at 10,000 events: full build time and peak memory against bare ical-generator
 * building the same events (each in a fresh process); the 304 path against a full build over
 * HTTP; and the p99 latency of 200 concurrent pollers on a warm cache.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { TEST_TOKEN } from '../test/support/app.js';
import { startLivekit } from '../test/support/livekit.js';
import { startServerProcess } from '../test/support/server-process.js';
import { fillBenchStore, openBenchStore, TEAM } from './feed-data.js';
import { median, type BenchResult } from './types.js';

const COUNT = Number(process.env.BENCH_FEED_EVENTS ?? 10_000);

function child(
  dir: string,
  mode: 'ours' | 'bare',
): { ms: number; peakBytes: number; bytes: number } {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'feed-build-child.ts'), dir, mode],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`feed build child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as {
    ms: number;
    peakBytes: number;
    bytes: number;
  };
}

export default async function (): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'callink-feed-bench-'));
  try {
    await fillBenchStore(dir, COUNT);
    const ours = [child(dir, 'ours'), child(dir, 'ours'), child(dir, 'ours')];
    const bare = [child(dir, 'bare'), child(dir, 'bare'), child(dir, 'bare')];
    const oursMs = median(ours.map((r) => r.ms));
    const bareMs = median(bare.map((r) => r.ms));
    const oursMb = median(ours.map((r) => r.peakBytes)) / 2 ** 20;
    const bareMb = median(bare.map((r) => r.peakBytes)) / 2 ** 20;

    // The server runs in its own process, as in production, so the load generator does not
    // share its event loop. Its media server is one this bench starts and stops itself: a
    // server left to supervise its own could leave it running when it is stopped hard (#20).
    const { store, sql } = await openBenchStore(dir);
    const lk = await startLivekit();
    const server = await startServerProcess({
      CALLINK_DATA_DIR: dir,
      CALLINK_ADMIN_TOKEN: TEST_TOKEN,
      LIVEKIT_URL: lk.url,
      LIVEKIT_API_KEY: lk.apiKey,
      LIVEKIT_API_SECRET: lk.apiSecret,
    }).catch(async (error: unknown) => {
      await lk.stop();
      throw error;
    });
    let results;
    try {
      const feed = (await (
        await fetch(`${server.url}/api/teams/${TEAM}/feeds`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TEST_TOKEN}` },
        })
      ).json()) as { url: string };
      const url = server.url + new URL(feed.url).pathname;
      // Full builds over HTTP: each preceded by a version bump, as an event change would do.
      const full: number[] = [];
      for (let i = 0; i < 3; i++) {
        await sql.run('UPDATE teams SET version = version + 1 WHERE id = ?', [TEAM]);
        const t0 = performance.now();
        const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
        await res.arrayBuffer();
        full.push(performance.now() - t0);
      }
      const fullMs = median(full);
      const etag = (await fetch(url, { method: 'HEAD' })).headers.get('etag') ?? '';
      const notModified = await autocannon({
        url,
        connections: 10,
        duration: 5,
        headers: { 'if-none-match': etag },
      });
      if (notModified.non2xx !== notModified.requests.total) throw new Error('expected only 304s');
      await fetch(url, { headers: { 'accept-encoding': 'gzip' } }); // warm the gzip form
      const pollers = await autocannon({
        url,
        connections: 200,
        duration: 10,
        headers: { 'accept-encoding': 'gzip' },
        timeout: 60,
      });
      if (pollers.non2xx > 0 || pollers.errors > 0)
        throw new Error(`${pollers.non2xx} bad answers, ${pollers.errors} errors`);
      const revalidating = await autocannon({
        url,
        connections: 200,
        duration: 10,
        headers: { 'if-none-match': etag },
        timeout: 60,
      });
      if (revalidating.errors > 0) throw new Error(`${revalidating.errors} errors`);
      results = { fullMs, notModified, pollers, revalidating };
    } finally {
      const code = await server.kill('SIGTERM');
      // 1: its drain ran past 10 s and it exited forced, the path that leaked LiveKit (#20).
      if (code !== 0) process.stderr.write(`feed bench: the server exited with ${code}\n`);
      await lk.stop();
      await store.close();
    }
    const { fullMs, notModified, pollers, revalidating } = results;
    const mean304 = notModified.latency.average;
    const note = `${COUNT} events, feed ${(ours[0]!.bytes / 2 ** 20).toFixed(1)} MiB (bare ${(bare[0]!.bytes / 2 ** 20).toFixed(1)} MiB)`;
    return [
      {
        name: `feed full build ms, ${COUNT} events (baseline: bare ical-generator; ratio ours/bare, lower is better)`,
        value: oursMs,
        unit: 'ms',
        baseline: bareMs,
        ratio: oursMs / bareMs,
        note,
      },
      {
        name: `feed build peak memory (baseline: bare ical-generator; ratio ours/bare)`,
        value: oursMb,
        unit: 'MiB',
        baseline: bareMb,
        ratio: oursMb / bareMb,
      },
      {
        name: 'feed 304 mean latency (baseline: full build over HTTP; ratio = speed-up, aim >= 20)',
        value: mean304,
        unit: 'ms',
        baseline: fullMs,
        ratio: fullMs / Math.max(mean304, 0.01),
        note: `${notModified.requests.average.toFixed(0)} req/s of 304s`,
      },
      {
        name: '200 concurrent pollers revalidating (If-None-Match) p99 (baseline: full build)',
        value: revalidating.latency.p99,
        unit: 'ms',
        baseline: fullMs,
        ratio: revalidating.latency.p99 / fullMs,
      },
      {
        name: '200 concurrent pollers throughput, warm cache, gzip (baseline: full builds/s)',
        value: pollers.requests.average,
        unit: 'req/s',
        baseline: 1000 / fullMs,
        ratio: pollers.requests.average / (1000 / fullMs),
      },
      {
        name: '200 concurrent pollers p99, warm cache, gzip (baseline: full build; ratio p99/full)',
        value: pollers.latency.p99,
        unit: 'ms',
        baseline: fullMs,
        ratio: pollers.latency.p99 / fullMs,
        note: `${pollers.requests.average.toFixed(0)} req/s`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
