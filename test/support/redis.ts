/** A throwaway redis-server (Debian's redis-server) on 127.0.0.1 and a free port, no persistence. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { freePort, waitFor } from './net.js';

export const REDIS_BIN = '/usr/bin/redis-server';

export interface TestRedis {
  url: string;
  /** host:port, as LiveKit's config wants it. */
  address: string;
  stop(): Promise<void>;
}

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => s.write('PING\r\n'));
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    s.on('data', (d) => (s.destroy(), resolve(d.toString().startsWith('+PONG'))));
    s.on('error', () => resolve(false));
  });
}

export async function startRedis(): Promise<TestRedis> {
  if (!existsSync(REDIS_BIN)) {
    throw new Error(
      `${REDIS_BIN} is missing: install Debian's redis-server (npm test and npm run cluster do, as root).`,
    );
  }
  const port = await freePort();
  const child = spawn(
    REDIS_BIN,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited: ${out}`);
      return pong(port);
    },
    { timeoutMs: 15_000, what: 'redis-server to answer PING' },
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    address: `127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(hard);
    },
  };
}
