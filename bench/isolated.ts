/**
 * Runs a browser measurement with WebRTC on loopback only: in this process when it already is
 * in a loopback-only namespace, otherwise in a fresh one (unshare -n, root), whose last stdout
 * line is the measurement's JSON. Shared by the join-page, call-page and E2EE benchmarks.
 */
import { spawnSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

function loopbackOnly(): boolean {
  if (process.env.CALLINK_NETNS === '1') return true;
  return Object.values(networkInterfaces()).every((addrs) =>
    (addrs ?? []).every((a) => a.internal),
  );
}

/**
 * `measure` runs here when the process is loopback-only; otherwise `script` (a file beside this
 * one that prints the same result as JSON on its last line) runs in a new namespace.
 */
export async function measureIsolated<T>(
  what: string,
  script: string,
  measure: () => Promise<T>,
): Promise<T> {
  if (loopbackOnly()) return measure();
  const run = spawnSync(
    'unshare',
    [
      '-n',
      '--',
      'sh',
      '-c',
      `ip link set lo up && exec "${process.execPath}" --import tsx "${join(import.meta.dirname, script)}"`,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, CALLINK_NETNS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (run.status !== 0)
    throw new Error(`${what} measurement failed (exit ${run.status}); unshare needs root`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as T;
}
