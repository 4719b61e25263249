/**
 * The call (LiveKit's components) against the previous hand-written call page: gzip bytes of
 * the call bundle, and click Join → first remote video frame (median of 10). WebRTC stays on
 * loopback: outside a loopback-only namespace the measurement runs in one (unshare -n, root).
 * Both pages run on the same two cores, alternating, one browser at a time per page.
 */
import { spawnSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { measureCallPage } from './call-page-measure.js';
import type { BenchResult } from './types.js';

type Measured = Awaited<ReturnType<typeof measureCallPage>>;

function loopbackOnly(): boolean {
  if (process.env.CALLINK_NETNS === '1') return true;
  return Object.values(networkInterfaces()).every((addrs) =>
    (addrs ?? []).every((a) => a.internal),
  );
}

async function measured(): Promise<Measured> {
  if (loopbackOnly()) return (await import('./call-page-measure.js')).measureCallPage();
  const script = join(import.meta.dirname, 'call-page-measure.ts');
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
    throw new Error(`call page measurement failed (exit ${run.status}); unshare needs root`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Measured;
}

export default async function (): Promise<BenchResult[]> {
  const m = await measured();
  return [
    {
      name: 'call: gzip bytes of the call bundle vs the previous call page (lower is better)',
      value: m.bundle.ours,
      unit: 'B',
      baseline: m.bundle.base,
      ratio: m.bundle.ours / m.bundle.base,
      note: 'React + @livekit/components-react/-styles on top of livekit-client; loaded only after the verdict',
    },
    {
      name: 'call: click Join → first remote video frame, median of 10, vs the previous page (lower is better; target ≤ 1.1)',
      value: m.frameMs.ours,
      unit: 'ms',
      baseline: m.frameMs.base,
      ratio: m.frameMs.ours / m.frameMs.base,
    },
  ];
}
