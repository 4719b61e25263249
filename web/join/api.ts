/** The join API as the page uses it: join, wait in the lobby, and the host's endpoints. */

export interface Grant {
  token: string;
  livekitUrl: string;
  room: string;
  identity: string;
  host?: boolean;
  iceServers?: RTCIceServer[];
}

export type JoinOutcome =
  | { kind: 'granted'; grant: Grant }
  | { kind: 'waiting'; ticket: string }
  | { kind: 'waiting_for_host'; retryAfterSeconds: number }
  | { kind: 'not_open'; opensAt: string | null; startsAt: string | null }
  | {
      kind:
        'full' | 'revoked' | 'not_found' | 'disabled' | 'rate_limited' | 'unavailable' | 'error';
    };

export type LobbyOutcome =
  { kind: 'granted'; grant: Grant } | { kind: 'denied' | 'expired' | 'error' };

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function failure(status: number, code: string | undefined): JoinOutcome {
  if (status === 409) return { kind: 'full' };
  if (status === 410) return { kind: 'revoked' };
  if (status === 404) return { kind: 'not_found' };
  if (status === 403 && code === 'links_disabled') return { kind: 'disabled' };
  if (status === 429) return { kind: 'rate_limited' };
  if (status === 503) return { kind: 'unavailable' };
  return { kind: 'error' };
}

export async function requestJoin(
  linkId: string,
  name: string,
  hostKey?: string,
  invite?: string,
): Promise<JoinOutcome> {
  let res: Response;
  try {
    res = await post(`/api/links/${encodeURIComponent(linkId)}/join`, {
      name,
      ...(hostKey ? { hostKey } : {}),
      ...(invite ? { invite } : {}),
    });
  } catch {
    return { kind: 'unavailable' };
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown> & {
    error?: { code?: string; details?: { opensAt?: string; startsAt?: string } };
  };
  if (res.status === 200) return { kind: 'granted', grant: body as unknown as Grant };
  if (res.status === 202 && body.status === 'waiting_for_host') {
    return { kind: 'waiting_for_host', retryAfterSeconds: Number(body.retryAfterSeconds) || 5 };
  }
  if (body.error?.code === 'call_not_open') {
    return {
      kind: 'not_open',
      opensAt: body.error.details?.opensAt ?? null,
      startsAt: body.error.details?.startsAt ?? null,
    };
  }
  if (res.status === 202 && typeof body.ticket === 'string')
    return { kind: 'waiting', ticket: body.ticket };
  return failure(res.status, body.error?.code);
}

/** Long-polls the lobby until the host decides (or the ticket expires). */
export async function waitInLobby(ticket: string, signal: AbortSignal): Promise<LobbyOutcome> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const res = await fetch(`/api/lobby/${encodeURIComponent(ticket)}?wait=25`, { signal });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status === 404 || body.status === 'expired') return { kind: 'expired' };
      if (body.status === 'admitted') return { kind: 'granted', grant: body as unknown as Grant };
      if (body.status === 'denied') return { kind: 'denied' };
      if (!res.ok) throw new Error(String(res.status));
      failures = 0;
    } catch {
      if (signal.aborted) break;
      // A dropped poll (network blip, proxy timeout) is retried with a short pause.
      if (++failures > 5) return { kind: 'error' };
      await new Promise((r) => setTimeout(r, 1000 * failures));
    }
  }
  return { kind: 'error' };
}

export interface Knock {
  ticket: string;
  name: string;
  since: string | number;
}

/** The host's calls, authorised by the host key from the URL fragment. */
export function hostApi(linkId: string, hostKey: string) {
  const base = `/api/links/${encodeURIComponent(linkId)}`;
  const headers = { 'x-host-key': hostKey };
  return {
    async lobby(): Promise<Knock[]> {
      const res = await fetch(`${base}/lobby`, { headers });
      if (!res.ok) return [];
      return ((await res.json()) as { waiting?: Knock[] }).waiting ?? [];
    },
    decide: (ticket: string, verdict: 'admit' | 'deny') =>
      post(`${base}/lobby/${encodeURIComponent(ticket)}/${verdict}`, {}, headers),
    remove: (identity: string) =>
      post(`${base}/participants/${encodeURIComponent(identity)}/remove`, {}, headers),
    end: () => post(`${base}/end`, {}, headers),
  };
}
