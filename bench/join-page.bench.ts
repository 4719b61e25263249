/**
 * The join page against a baseline that loads livekit-client up front: bytes before the
 * browser verdict, and Join → joined (median of 10). WebRTC must stay on loopback, so when this
 * process is not in a loopback-only namespace the measurement runs in one (unshare -n, root).
 */
import type { measureJoinPage } from './join-page-measure.js';
import { measureIsolated } from './isolated.js';
import type { BenchResult } from './types.js';

type Measured = Awaited<ReturnType<typeof measureJoinPage>>;

function measured(): Promise<Measured> {
  return measureIsolated('join page', 'join-page-measure.ts', async () =>
    (await import('./join-page-measure.js')).measureJoinPage(),
  );
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
