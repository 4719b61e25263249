/** The join API as the page uses it: join, wait in the lobby, and the host's endpoints. */
import type { WrappedKey } from '../../src/core/e2ee.js';

export interface Grant {
  token: string;
  livekitUrl: string;
  room: string;
  identity: string;
  host?: boolean;
  iceServers?: RTCIceServer[];
  /** An E2EE guest's room key, wrapped by the admitting host for this browser only. */
  e2ee?: { key: WrappedKey };
}

export type JoinOutcome =
  | { kind: 'granted'; grant: Grant }
  | { kind: 'waiting'; ticket: string }
  | { kind: 'waiting_for_host'; retryAfterSeconds: number }
  | { kind: 'not_open'; opensAt: string | null; startsAt: string | null }
  | {
      kind:
        | 'full'
        | 'revoked'
        | 'not_found'
        | 'disabled'
        | 'rate_limited'
        | 'unavailable'
        | 'bad_name'
        | 'browser_refused'
        | 'error';
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

/**
 * How long the page waits before asking again after a 503, each time: a join, and a host's
 * action (which also asks again after a dropped request).
 */
export const UNAVAILABLE_RETRIES_MS = [1000, 2500];

/**
 * A host's action (remove, end, admit or deny) that must not be lost to a moment's trouble: a
 * 503 (the media server was slow to answer) or a dropped request is asked again twice. Throws
 * when the action did not happen; with `goneIsDone`, a 404 (whoever it was for is gone) counts
 * as done.
 */
async function hostAction(
  path: string,
  headers: Record<string, string>,
  { body = {}, goneIsDone = false }: { body?: unknown; goneIsDone?: boolean } = {},
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const res = await post(path, body, headers).catch(() => undefined);
    if (res?.ok || (goneIsDone && res?.status === 404)) return;
    if ((res && res.status !== 503) || attempt >= UNAVAILABLE_RETRIES_MS.length) {
      throw new Error(`${path} refused: ${res?.status ?? 'no answer'}`);
    }
    await new Promise((r) => setTimeout(r, UNAVAILABLE_RETRIES_MS[attempt]));
  }
}

function failure(status: number, code: string | undefined): JoinOutcome {
  if (status === 409) return { kind: 'full' };
  if (status === 410) return { kind: 'revoked' };
  if (status === 404) return { kind: 'not_found' };
  if (status === 403 && code === 'links_disabled') return { kind: 'disabled' };
  if (status === 403 && code === 'browser_not_allowed') return { kind: 'browser_refused' };
  if (status === 400 && code === 'validation_failed') return { kind: 'bad_name' };
  if (status === 429) return { kind: 'rate_limited' };
  if (status === 503) return { kind: 'unavailable' };
  return { kind: 'error' };
}

export async function requestJoin(
  linkId: string,
  name: string,
  hostKey?: string,
  invite?: string,
  publicKey?: string,
): Promise<JoinOutcome> {
  let res: Response;
  try {
    res = await post(`/api/links/${encodeURIComponent(linkId)}/join`, {
      name,
      ...(hostKey ? { hostKey } : {}),
      ...(invite ? { invite } : {}),
      ...(publicKey ? { publicKey } : {}),
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

/** Stops waiting: the knock leaves the host's list, and the long poll answers at once. */
export async function cancelLobbyWait(ticket: string): Promise<void> {
  await fetch(`/api/lobby/${encodeURIComponent(ticket)}`, { method: 'DELETE' }).catch(
    () => undefined,
  );
}

export interface Knock {
  ticket: string;
  name: string;
  since: string | number;
  /** In an E2EE call: the key the admitting host's browser wraps the room key for. */
  publicKey?: string | null;
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
    /**
     * Admits or turns away a knock; throws when that did not happen. A knock that is gone (the
     * guest stopped waiting, or another host decided) is not an error: the next poll drops it.
     */
    decide: (ticket: string, verdict: 'admit' | 'deny', body: { key?: WrappedKey } = {}) =>
      hostAction(`${base}/lobby/${encodeURIComponent(ticket)}/${verdict}`, headers, {
        body,
        goneIsDone: true,
      }),
    /** Wrapped room keys for people in an E2EE call, relayed by the server. */
    async relay(keys: { to: string; key: WrappedKey }[]): Promise<void> {
      const res = await post(`${base}/e2ee/keys`, { keys }, headers);
      if (!res.ok) throw new Error(`relay refused: ${res.status}`);
    },
    /** Removes someone; throws when that did not happen (someone who already left is gone). */
    remove: (identity: string) =>
      hostAction(`${base}/participants/${encodeURIComponent(identity)}/remove`, headers, {
        goneIsDone: true,
      }),
    /** Ends the call for everyone; throws when that did not happen. */
    end: () => hostAction(`${base}/end`, headers),
  };
}
