/**
 * Join tokens signed with node:crypto's HMAC at once. The claims are the ones AccessToken
 * builds (claimsToJwtPayload of the same grants, iss/exp/nbf/sub as its toJwt sets them), but
 * its toJwt goes through jose's async key import and signing, about 0.1 ms of a join's CPU;
 * this is the one step of a join that is pure computation, so it is done directly.
 */
import { createHmac } from 'node:crypto';
import { claimsToJwtPayload, type ClaimGrants } from 'livekit-server-sdk';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');

/**
 * The JSON of each room configuration object (rooms.ts hands out one object per setting), as
 * JSON.stringify writes it (through the message's toJSON): the protobuf writer runs once per
 * setting instead of once per join.
 */
const roomConfigJson = new WeakMap<object, unknown>();
function withRoomConfigJson(claims: Record<string, unknown>): Record<string, unknown> {
  const config = claims.roomConfig;
  if (!config || typeof config !== 'object') return claims;
  let json = roomConfigJson.get(config);
  if (json === undefined) {
    json = JSON.parse(JSON.stringify(config)) as unknown;
    roomConfigJson.set(config, json);
  }
  return { ...claims, roomConfig: json };
}

export function signLivekitToken(options: {
  apiKey: string;
  apiSecret: string;
  identity: string;
  ttlSeconds: number;
  grants: ClaimGrants;
  now?: Date;
}): string {
  const nbf = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const payload = {
    ...withRoomConfigJson(claimsToJwtPayload(options.grants)),
    iss: options.apiKey,
    exp: nbf + options.ttlSeconds,
    nbf,
    sub: options.identity,
  };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = createHmac('sha256', options.apiSecret).update(body).digest('base64url');
  return `${body}.${signature}`;
}
