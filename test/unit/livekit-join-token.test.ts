/**
 * Join tokens signed with node:crypto carry exactly the claims AccessToken gives the same grant,
 * and the SDK's own verifier accepts them (the real LiveKit tests use them end to end).
 */
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { signLivekitToken } from '../../src/adapters/livekit/join-token.js';
import { createLivekitRooms, joinGrants } from '../../src/adapters/livekit/rooms.js';
import type { RoomGrant } from '../../src/core/ports.js';

const KEY = 'APIkey123';
const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const payload = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()) as Record<
    string,
    unknown
  >;

describe('join tokens', () => {
  for (const host of [false, true]) {
    it(`carries the claims AccessToken gives the same ${host ? 'host' : 'guest'} grant`, async () => {
      const grant: RoomGrant = {
        room: 'abcdefghijklmnopqrstuvwxyz12',
        identity: host ? 'h_x' : 'p_y',
        name: 'Ann "Ä" O\'Neil',
        ttlSeconds: 300,
        maxParticipants: 12,
        emptyTimeoutSeconds: 120,
        host,
      };
      const rooms = createLivekitRooms({
        url: 'ws://127.0.0.1:1',
        apiKey: KEY,
        apiSecret: SECRET,
        loopback: true,
      });
      const ours = await rooms.token(grant);
      const claims = joinGrants(grant);
      const at = new AccessToken(KEY, SECRET, {
        identity: grant.identity,
        name: grant.name,
        ttl: grant.ttlSeconds,
        attributes: claims.attributes ?? {},
      });
      at.addGrant(claims.video ?? {});
      at.roomConfig = claims.roomConfig;
      const theirs = await at.toJwt();
      const a = payload(ours);
      const b = payload(theirs);
      expect(Number(a.exp) - Number(a.nbf)).toBe(300);
      expect(Math.abs(Number(a.nbf) - Number(b.nbf))).toBeLessThanOrEqual(1);
      expect({ ...a, exp: 0, nbf: 0 }).toEqual({ ...b, exp: 0, nbf: 0 });
      expect(ours.split('.')[0]).toBe(theirs.split('.')[0]);
      const verified = await new TokenVerifier(KEY, SECRET).verify(ours);
      expect(verified).toMatchObject({ sub: grant.identity, iss: KEY, name: grant.name });
    });
  }

  it('is refused by a verifier with another secret', async () => {
    const jwt = signLivekitToken({
      apiKey: KEY,
      apiSecret: SECRET,
      identity: 'p_z',
      ttlSeconds: 60,
      grants: { video: { roomJoin: true, room: 'r' } },
    });
    await expect(new TokenVerifier(KEY, `${SECRET}x`).verify(jwt)).rejects.toThrow();
  });
});
