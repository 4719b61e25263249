/**
 * The network preflight: joins a throwaway room (POST /api/links/:id/preflight) with
 * livekit-client and reads which transport the media took, usually within 5 s. A refused
 * connection, or one still hanging 10 s after that budget → "blocked"; no preflight endpoint or token → "unknown" (never blocks).
 * The server's fault is not the user's network: a 503 from the preflight, or a failed connect
 * while the server's /readyz says its media server is down → "unavailable".
 */
import { Room } from 'livekit-client';

export type NetworkResult =
  { kind: 'udp' | 'tcp' | 'unknown' | 'unavailable' } | { kind: 'blocked'; host: string };

/** True when the server itself says it cannot admit anyone into calls right now. */
async function serviceDown(): Promise<boolean> {
  try {
    return (await fetch('/readyz', { signal: AbortSignal.timeout(3000) })).status === 503;
  } catch {
    return false;
  }
}

const BUDGET_MS = 5000;
/** How much longer a connection that is still on its way gets before it counts as blocked. */
const GRACE_MS = 10_000;

interface Preflight {
  token: string;
  livekitUrl: string;
  iceServers?: RTCIceServer[];
}

type PcTransport = { getStats(): Promise<RTCStatsReport> | undefined };

async function selectedProtocol(room: Room): Promise<'udp' | 'tcp' | undefined> {
  const manager = (
    room.engine as unknown as { pcManager?: Record<string, PcTransport | undefined> }
  ).pcManager;
  for (const transport of [manager?.publisher, manager?.subscriber]) {
    const stats = await transport?.getStats();
    if (!stats) continue;
    let pairId = '';
    const entries: Record<string, Record<string, unknown>> = {};
    stats.forEach((s: Record<string, unknown>) => {
      entries[s.id as string] = s;
      if (s.type === 'transport' && s.selectedCandidatePairId)
        pairId = s.selectedCandidatePairId as string;
    });
    const pair =
      entries[pairId] ??
      Object.values(entries).find((s) => s.type === 'candidate-pair' && s.state === 'succeeded');
    const local = pair ? entries[pair.localCandidateId as string] : undefined;
    const protocol = (local?.relayProtocol ?? local?.protocol) as string | undefined;
    if (protocol === 'udp' || protocol === 'tcp' || protocol === 'tls') {
      return protocol === 'udp' ? 'udp' : 'tcp';
    }
  }
  return undefined;
}

export function checkNetwork(linkId: string): {
  result: Promise<NetworkResult>;
  cancel(): void;
} {
  const room = new Room();
  let cancelled = false;
  const run = async (): Promise<NetworkResult> => {
    const started = performance.now();
    let pre: Preflight;
    try {
      const res = await fetch(`/api/links/${encodeURIComponent(linkId)}/preflight`, {
        method: 'POST',
        signal: AbortSignal.timeout(BUDGET_MS),
      });
      if (res.status === 503) return { kind: 'unavailable' };
      if (!res.ok) return { kind: 'unknown' };
      pre = (await res.json()) as Preflight;
    } catch {
      return { kind: 'unknown' };
    }
    const host = new URL(pre.livekitUrl).host;
    const left = Math.max(1000, BUDGET_MS - (performance.now() - started));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const within = (ms: number) =>
      new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
    try {
      const connecting = room.connect(pre.livekitUrl, pre.token, {
        autoSubscribe: false,
        ...(pre.iceServers ? { rtcConfig: { iceServers: pre.iceServers } } : {}),
      });
      connecting.catch(() => undefined); // raced below; a late failure is not an uncaught one
      // Slow is not blocked: a busy computer or server may take longer than the budget. A
      // refused connection fails at once; only one still hanging after the grace is "blocked".
      if ((await Promise.race([connecting, within(left)])) === 'late') {
        clearTimeout(timer);
        if ((await Promise.race([connecting, within(GRACE_MS)])) === 'late') {
          throw new Error('timeout');
        }
      }
      return { kind: (await selectedProtocol(room)) ?? 'unknown' };
    } catch {
      if (cancelled) return { kind: 'unknown' };
      return (await serviceDown()) ? { kind: 'unavailable' } : { kind: 'blocked', host };
    } finally {
      clearTimeout(timer);
      void room.disconnect();
    }
  };
  return {
    result: run(),
    cancel() {
      cancelled = true;
      void room.disconnect();
    },
  };
}
