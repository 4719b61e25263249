/**
 * E2EE by key exchange: admit click → the guest sees decrypted video (median of 10) against a
 * plain lobby admit on the same machine, and the key rotation after Remove with 5 people
 * against the removal itself. The 2 cores are shared by livekit-server, the app and up to six
 * Chromium pages encoding and decoding video; WebRTC stays on loopback (see join-page.bench.ts).
 */
import { spawnSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { measureE2ee } from './e2ee-measure.js';
import type { BenchResult } from './types.js';

type Measured = Awaited<ReturnType<typeof measureE2ee>>;

function loopbackOnly(): boolean {
  if (process.env.CALLINK_NETNS === '1') return true;
  return Object.values(networkInterfaces()).every((a) => (a ?? []).every((x) => x.internal));
}

async function measured(): Promise<Measured> {
  if (loopbackOnly()) return (await import('./e2ee-measure.js')).measureE2ee();
  const script = join(import.meta.dirname, 'e2ee-measure.ts');
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
  if (run.status !== 0) throw new Error(`E2EE measurement failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Measured;
}

export default async function (): Promise<BenchResult[]> {
  const m = await measured();
  return [
    {
      name: 'E2EE: admit click → guest sees decrypted video, median of 10, vs plain lobby (lower is better)',
      value: m.admitMs.e2ee,
      unit: 'ms',
      baseline: m.admitMs.plain,
      ratio: m.admitMs.e2ee / m.admitMs.plain,
    },
    {
      name: 'E2EE: Remove with 5 people → all remaining use the new key, vs the removal itself (lower is better)',
      value: m.rotationMs.rotate,
      unit: 'ms',
      baseline: m.rotationMs.remove,
      ratio: m.rotationMs.rotate / m.rotationMs.remove,
    },
  ];
}
