/**
 * Runs the real server (src/main.ts) as a child process, as `npm start` does, for tests that
 * need to kill it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';
import { freePort, waitFor } from './net.js';

/**
 * By default a server process uses the shared test LiveKit rather than starting its own on
 * port 7880 (several would collide). A test about the local supervisor sets
 * CALLINK_LIVEKIT_PORT (or its own LIVEKIT_*) to opt out.
 */
function sharedLivekitEnv(env: Record<string, string>): Record<string, string> {
  if (env.LIVEKIT_URL || env.CALLINK_LIVEKIT_PORT) return {};
  // Outside vitest (benchmarks) there is no shared server: the process runs its own.
  if (!process.env.VITEST) return {};
  const lk = inject('livekit');
  return { LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret };
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

const ROOT = join(import.meta.dirname, '..', '..');

export async function startServerProcess(
  env: Record<string, string>,
  port?: number,
  timeoutMs = 30000,
): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(p),
      HOST: '127.0.0.1',
      CALLINK_LOG_LEVEL: 'warn',
      ...sharedLivekitEnv(env),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${p}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
      const res = await fetch(`${url}/healthz`);
      return res.ok;
    },
    { timeoutMs, what: 'the server to answer /healthz' },
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${out}`);
  });
  return {
    url,
    port: p,
    child,
    output: () => out,
    kill(signal = 'SIGKILL') {
      if (child.exitCode !== null) return Promise.resolve(child.exitCode);
      return new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}
