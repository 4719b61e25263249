/**
 * The media server's health probe (rooms.ts up()): at most one probe per second, shared; an
 * answer up to 5 s old is given at once while a fresh probe runs; an older one is never given.
 * Against a small loopback HTTP server that answers LiveKit's ListRooms and counts the asks.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLivekitRooms } from '../../src/adapters/livekit/rooms.js';

let server: Server;
let url: string;
const state = { asks: 0, healthy: true };

beforeAll(async () => {
  server = createServer((req, res) => {
    state.asks++;
    req.resume();
    req.on('end', () => {
      if (!state.healthy) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"code":"internal","msg":"down"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"rooms":[]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  vi.restoreAllMocks();
  state.asks = 0;
  state.healthy = true;
});

function rooms() {
  return createLivekitRooms({ url, apiKey: 'k', apiSecret: 's'.repeat(32), loopback: true });
}

describe('media server health probe', () => {
  it('shares one probe among concurrent asks and reuses it for a second', async () => {
    const r = rooms();
    expect(await Promise.all([r.up(), r.up(), r.up()])).toEqual([true, true, true]);
    expect(await r.up()).toBe(true);
    expect(state.asks).toBe(1);
  });

  it('answers at once from a probe 1-5 s old, and the fresh probe decides the next answer', async () => {
    const r = rooms();
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    expect(await r.up()).toBe(true);
    state.healthy = false;
    now += 2000;
    expect(await r.up()).toBe(true); // the last answer, while a fresh probe runs
    await vi.waitFor(() => expect(state.asks).toBe(2));
    await vi.waitFor(async () => expect(await r.up()).toBe(false));
    expect(state.asks).toBe(2);
  });

  it('never gives an answer more than 5 s old: it waits for the probe', async () => {
    const r = rooms();
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    expect(await r.up()).toBe(true);
    state.healthy = false;
    now += 6000;
    expect(await r.up()).toBe(false);
    expect(state.asks).toBe(2);
  });
});
