/**
 * RoomServiceClient, with its admin tokens reused. The SDK signs a fresh JWT (jose, async) for
 * every call: on the join path that is every occupancy lookup. A token for the same grant (the
 * same room, the same rights) is the same token for its lifetime, so each is kept for half of
 * its 10 minutes and then signed anew. The calls themselves are unchanged.
 */
import { RoomServiceClient, type SIPGrant, type VideoGrant } from 'livekit-server-sdk';

/** The SDK's default admin-token lifetime is 10 minutes; reuse each for at most half of it. */
const REUSE_MS = 5 * 60_000;
/** Enough for every room in use at once; the map starts over past it (a metric, not a ledger). */
const MAX_TOKENS = 10_000;

export class ReusingRoomServiceClient extends RoomServiceClient {
  private readonly tokens = new Map<
    string,
    { header: Promise<Record<string, string>>; until: number }
  >();

  override authHeader(grant: VideoGrant, sip?: SIPGrant): Promise<Record<string, string>> {
    if (sip) return super.authHeader(grant, sip);
    const key = JSON.stringify(grant);
    const now = Date.now();
    const kept = this.tokens.get(key);
    if (kept && kept.until > now) return kept.header;
    if (this.tokens.size >= MAX_TOKENS) this.tokens.clear();
    const header = super.authHeader(grant);
    this.tokens.set(key, { header, until: now + REUSE_MS });
    // A signing failure is not kept.
    header.catch(() => {
      if (this.tokens.get(key)?.header === header) this.tokens.delete(key);
    });
    return header;
  }
}
