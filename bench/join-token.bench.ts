/**
 * Join tokens issued per second through POST /api/links/:id/join (name check, link lookup in
 * SQLite, a participant count from a real livekit-server, a signed JWT), and its p99 latency,
 * against a bare Express hello-world on the same machine.
 */
import type { Server } from 'node:http';
import autocannon from 'autocannon';
import express from 'express';
import { createLivekitRooms } from '../src/adapters/livekit/rooms.js';
import { startTestApp } from '../test/support/app.js';
import { startLivekit } from '../test/support/livekit.js';
import type { BenchResult } from './types.js';

const CONNECTIONS = 16;
const DURATION_S = 5;

interface Load {
  perSecond: number;
  p99: number;
}

async function load(opts: autocannon.Options): Promise<Load> {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return { perSecond: result.requests.average, p99: result.latency.p99 };
}

async function helloWorld(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.get('/', (_req, res) => {
    res.send('Hello World!');
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export default async function (): Promise<BenchResult[]> {
  const lk = await startLivekit();
  const app = await startTestApp({
    overrides: { rooms: createLivekitRooms({ ...lk, loopback: true }) },
    appOptions: { rateLimits: { joinPerIp: 1e9, joinPerLink: 1e9 } },
  });
  const hello = await helloWorld();
  try {
    const res = await app.api('/api/links', { method: 'POST', json: { maxParticipants: 100 } });
    const { id } = (await res.json()) as { id: string };
    // Warm-up: JIT, statement cache, LiveKit's HTTP keep-alive.
    await load({ url: hello.url, duration: 1 });
    const joinOpts = {
      url: `${app.url}/api/links/${id}/join`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench Participant' }),
    };
    await load({ ...joinOpts, duration: 1 });
    const joins = await load(joinOpts);
    const base = await load({ url: hello.url });
    return [
      {
        name: 'join tokens/s (baseline: Express hello-world req/s; ratio = join/hello)',
        value: joins.perSecond,
        unit: 'req/s',
        baseline: base.perSecond,
        ratio: joins.perSecond / base.perSecond,
      },
      {
        name: 'join token p99 latency (baseline: hello-world p99; ratio = join/hello)',
        value: joins.p99,
        unit: 'ms',
        baseline: base.p99,
        ratio: joins.p99 / Math.max(base.p99, 0.001),
      },
    ];
  } finally {
    await hello.close();
    await app.close();
    await lk.stop();
  }
}
