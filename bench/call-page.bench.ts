/**
 * The call (LiveKit's components) against the previous hand-written call page: gzip bytes of
 * the call bundle, and click Join → first remote video frame (median of 10). WebRTC stays on
 * loopback: outside a loopback-only namespace the measurement runs in one (unshare -n, root).
 * Both pages run on the same two cores, alternating, one browser at a time per page.
 */
import type { measureCallPage } from './call-page-measure.js';
import { measureIsolated } from './isolated.js';
import type { BenchResult } from './types.js';

type Measured = Awaited<ReturnType<typeof measureCallPage>>;

function measured(): Promise<Measured> {
  return measureIsolated('call page', 'call-page-measure.ts', async () =>
    (await import('./call-page-measure.js')).measureCallPage(),
  );
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
