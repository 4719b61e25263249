/**
 * E2EE by key exchange: admit click → the guest sees decrypted video (median of 10) against a
 * plain lobby admit on the same machine, and the key rotation after Remove with 5 people
 * (every remaining page holds the new key and decodes the host's video again) against the
 * removal itself (the removed person's tile leaving those pages), in the same call. The 2 cores are shared by livekit-server, the app and up to six
 * Chromium pages encoding and decoding video; WebRTC stays on loopback (see join-page.bench.ts).
 */
import type { measureE2ee } from './e2ee-measure.js';
import { measureIsolated } from './isolated.js';
import type { BenchResult } from './types.js';

type Measured = Awaited<ReturnType<typeof measureE2ee>>;

function measured(): Promise<Measured> {
  return measureIsolated('E2EE', 'e2ee-measure.ts', async () =>
    (await import('./e2ee-measure.js')).measureE2ee(),
  );
}

export default async function (): Promise<BenchResult[]> {
  const m = await measured();
  const rows: BenchResult[] = [
    {
      name: 'E2EE: admit click → guest sees decrypted video, median of 10, vs plain lobby (lower is better)',
      value: m.admitMs.e2ee,
      unit: 'ms',
      baseline: m.admitMs.plain,
      ratio: m.admitMs.e2ee / m.admitMs.plain,
    },
    {
      name: 'E2EE: Remove with 5 people → all 4 remaining hold the new key and decode the host again, median of 5, vs the removed tile leaving them (lower is better)',
      value: m.rotationMs.rotate,
      unit: 'ms',
      baseline: m.rotationMs.remove,
      ratio: m.rotationMs.rotate / m.rotationMs.remove,
      note: `all 4 held the new key and the host encrypted with it after ${Math.round(m.rotationMs.keyed)} ms (median)`,
    },
  ];
  // CALLINK_BENCH_E2EE_ADMITS=0 or _ROTATIONS=0 leaves a row unmeasured: not reported.
  return rows.filter((r) => Number.isFinite(r.value) && Number.isFinite(r.baseline));
}
