/**
 * A real livekit-server for tests: 127.0.0.1 only, free ports, a fixed test key, loopback
 * candidates, no external IP (see NOTES-LIVEKIT.md). Tests can kill it and start it again on
 * the same ports and keys, as a crash and recovery would.
 */
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findLivekitBinary,
  spawnLivekit,
  type LivekitProcess,
} from '../../src/adapters/livekit/server.js';
import { freePort } from './net.js';

export const TEST_LIVEKIT_KEY = 'callinktest';
export const TEST_LIVEKIT_SECRET = 'callink-test-secret-0123456789abcdef';

export interface TestLivekit {
  url: string;
  apiKey: string;
  apiSecret: string;
  port: number;
  output(): string;
  /** SIGKILL, as a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and keys; waits until it answers. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.on('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function livekitBinary(): Promise<string> {
  const bin = await findLivekitBinary({
    explicit: process.env.CALLINK_LIVEKIT_BIN,
    searchPath: process.env.PATH,
  });
  if (!bin) {
    throw new Error(
      'livekit-server is not installed, so the LiveKit tests cannot run. Run `npm test` (it builds it ' +
        'with `go install github.com/livekit/livekit-server/cmd/server@v1.13.5`), or set ' +
        'CALLINK_LIVEKIT_BIN to the binary.' +
        (process.env.CALLINK_LIVEKIT_BIN
          ? ` (CALLINK_LIVEKIT_BIN=${process.env.CALLINK_LIVEKIT_BIN} is not executable)`
          : ''),
    );
  }
  return bin;
}

export async function startLivekit(
  options: { webhookUrl?: string; redisAddress?: string } = {},
): Promise<TestLivekit> {
  const bin = await livekitBinary();
  const dir = mkdtempSync(join(tmpdir(), 'callink-livekit-'));
  const [port, tcpPort, udpPort] = [await freePort(), await freePort(), await freeUdpPort()];
  let proc: LivekitProcess | undefined;
  const start = async () => {
    proc = spawnLivekit({
      bin,
      dir,
      port,
      tcpPort,
      udpPort,
      apiKey: TEST_LIVEKIT_KEY,
      apiSecret: TEST_LIVEKIT_SECRET,
      ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
      ...(options.redisAddress ? { redisAddress: options.redisAddress } : {}),
    });
    await proc.ready();
  };
  await start();
  return {
    url: `ws://127.0.0.1:${port}`,
    apiKey: TEST_LIVEKIT_KEY,
    apiSecret: TEST_LIVEKIT_SECRET,
    port,
    output: () => proc?.output() ?? '',
    kill: async () => proc?.kill(),
    start,
    async stop() {
      await proc?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * WebRTC from a test must stay on loopback: refuse unless inside the loopback-only network
 * namespace (CALLINK_NETNS=1) or no non-loopback interface is up.
 */
export function assertLoopbackOnly(): void {
  if (process.env.CALLINK_NETNS === '1') return;
  const outside = Object.entries(networkInterfaces()).flatMap(([name, addrs]) =>
    (addrs ?? []).filter((a) => !a.internal).map((a) => `${name} ${a.address}`),
  );
  if (outside.length > 0) {
    throw new Error(
      `This WebRTC test must run in a loopback-only network namespace, but these interfaces are up: ${outside.join(', ')}. ` +
        "Run it with `npm test`, or: unshare -n -- sh -c 'ip link set lo up && exec npx vitest run <file>'",
    );
  }
}
