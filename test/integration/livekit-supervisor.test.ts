/**
 * The service with no external LiveKit: it runs its own livekit-server as a child, restarts
 * it when it dies, stops it on shutdown; and without any way to get one it still serves.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { livekitBinary } from '../support/livekit.js';
import { freePort } from '../support/net.js';
import { startServerProcess } from '../support/server-process.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'callink-sup-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const TOKEN = 'supervisor-test-token-0123';
const health = async (url: string) =>
  ((await (await fetch(`${url}/healthz`)).json()) as { livekit: string }).livekit;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the local LiveKit supervisor', () => {
  it('starts livekit-server, restarts it after a crash, and stops it with the service', async () => {
    const dataDir = tempDir();
    const server = await startServerProcess({
      CALLINK_DATA_DIR: dataDir,
      CALLINK_ADMIN_TOKEN: TOKEN,
      CALLINK_LIVEKIT_PORT: String(await freePort()),
      CALLINK_LIVEKIT_BIN: await livekitBinary(),
    });
    try {
      await expect.poll(() => health(server.url), { timeout: 20_000 }).toBe('up');
      const pidFile = join(dataDir, 'livekit', 'livekit.pid');
      const first = Number(readFileSync(pidFile, 'utf8'));
      expect(readFileSync(join(dataDir, 'livekit', 'livekit.yaml'), 'utf8')).toContain(
        'node_ip: 127.0.0.1',
      );

      process.kill(first, 'SIGKILL');
      await expect.poll(() => health(server.url), { timeout: 10_000 }).toBe('down');
      await expect.poll(() => health(server.url), { timeout: 20_000 }).toBe('up');
      const second = Number(readFileSync(pidFile, 'utf8'));
      expect(second).not.toBe(first);

      // A join against the restarted server works: same keys as before.
      const link = (await (
        await fetch(`${server.url}/api/links`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: '{}',
        })
      ).json()) as { id: string };
      const joined = await fetch(`${server.url}/api/links/${link.id}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ann' }),
      });
      expect(joined.status).toBe(200);
      expect(await joined.json()).toMatchObject({
        iceServers: [],
        livekitUrl: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:/),
      });

      expect(await server.kill('SIGTERM')).toBe(0);
      await expect.poll(() => alive(second), { timeout: 10_000 }).toBe(false);
    } finally {
      await server.kill();
    }
  });

  it('without the binary and without Go, serves everything else and says calls are unavailable', async () => {
    const server = await startServerProcess({
      CALLINK_DATA_DIR: tempDir(),
      CALLINK_ADMIN_TOKEN: TOKEN,
      CALLINK_LIVEKIT_PORT: String(await freePort()),
      // npm test sets CALLINK_LIVEKIT_BIN for everything it runs: clear it here.
      CALLINK_LIVEKIT_BIN: '',
      PATH: '/usr/bin:/bin',
    });
    try {
      expect(await health(server.url)).toBe('down');
      const res = await fetch(`${server.url}/api/links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      expect(await (await fetch(`${server.url}/j/${id}`)).text()).toContain(
        'Calls are unavailable',
      );
      const joined = await fetch(`${server.url}/api/links/${id}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ann' }),
      });
      expect(joined.status).toBe(503);
      await expect.poll(() => server.output(), { timeout: 5000 }).toContain('Go is not available');
    } finally {
      await server.kill();
    }
  });

  it('answers a lobby long poll at once on SIGTERM instead of holding up the drain', async () => {
    const server = await startServerProcess({
      CALLINK_DATA_DIR: tempDir(),
      CALLINK_ADMIN_TOKEN: TOKEN,
    });
    try {
      const link = (await (
        await fetch(`${server.url}/api/links`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: '{"lobby":true}',
        })
      ).json()) as { id: string };
      const knock = (await (
        await fetch(`${server.url}/api/links/${link.id}/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Waiting' }),
        })
      ).json()) as { ticket: string };
      const poll = fetch(`${server.url}/api/lobby/${knock.ticket}?wait=25`).then(
        async (r) => [r.status, await r.json()] as const,
      );
      await new Promise((r) => setTimeout(r, 500));
      const t0 = Date.now();
      const exit = server.kill('SIGTERM');
      expect(await poll).toEqual([200, { status: 'waiting' }]);
      expect(await exit).toBe(0);
      expect(Date.now() - t0).toBeLessThan(5000);
    } finally {
      await server.kill();
    }
  });

  // #20: a server whose drain ran past its 10 s limit exited with process.exit(1) and left
  // its livekit-server running, orphaned to init (npm run bench piled them up run after run).
  it('regression #20: a forced exit after a stuck drain does not leave livekit-server running', async () => {
    const dataDir = tempDir();
    const server = await startServerProcess({
      CALLINK_DATA_DIR: dataDir,
      CALLINK_ADMIN_TOKEN: TOKEN,
      CALLINK_LIVEKIT_PORT: String(await freePort()),
      CALLINK_LIVEKIT_BIN: await livekitBinary(),
    });
    const socket = connect(server.port, '127.0.0.1');
    const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    try {
      await expect.poll(() => health(server.url), { timeout: 20_000 }).toBe('up');
      const pid = Number(readFileSync(join(dataDir, 'livekit', 'livekit.pid'), 'utf8'));
      expect(alive(pid)).toBe(true);
      // A request whose body never finishes keeps the drain waiting until the forced exit.
      await connected;
      socket.write(
        `POST /api/lint HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n` +
          'Content-Type: text/calendar\r\nContent-Length: 100000\r\n\r\nBEGIN:VCALENDAR\r\n',
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(await server.kill('SIGTERM')).toBe(1);
      // SIGKILL takes a moment to land; without the fix it stays alive for good.
      await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
    } finally {
      socket.destroy();
      await server.kill();
    }
  }, 60_000);
});
