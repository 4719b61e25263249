/**
 * The join page against a baseline that loads livekit-client up front: bytes before the
 * browser verdict, and Join → joined (median of 10). WebRTC must stay on loopback, so when this
 * process is not in a loopback-only namespace the measurement runs in one (unshare -n, root).
 */
import { spawnSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { measureJoinPage } from './join-page-measure.js';
import type { BenchResult } from './types.js';

function loopbackOnly(): boolean {
  if (process.env.CALLINK_NETNS === '1') return true;
  return Object.values(networkInterfaces()).every((addrs) =>
    (addrs ?? []).every((a) => a.internal),
  );
}

type Measured = Awaited<ReturnType<typeof measureJoinPage>>;

async function measured(): Promise<Measured> {
  if (loopbackOnly()) return (await import('./join-page-measure.js')).measureJoinPage();
  const script = join(import.meta.dirname, 'join-page-measure.ts');
  const run = spawnSync(
    'unshare',
    [
      '-n',
      '--',
      'sh',
      '-c',
      `ip link set lo up && exec "${process.execPath}" --import tsx "${script}"`,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, CALLINK_NETNS: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (run.status !== 0)
    throw new Error(`join page measurement failed (exit ${run.status}); unshare needs root`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Measured;
}

export default async function (): Promise<BenchResult[]> {
  const m = await measured();
  return [
    {
      name: 'join page: bytes before the verdict (lower is better)',
      value: m.bytes.ours,
      unit: 'B',
      baseline: m.bytes.base,
      ratio: m.bytes.ours / m.bytes.base,
    },
    {
      name: 'join page: click Join → joined, median of 10 (lower is better)',
      value: m.joinMs.ours,
      unit: 'ms',
      baseline: m.joinMs.base,
      ratio: m.joinMs.ours / m.joinMs.base,
    },
  ];
}
